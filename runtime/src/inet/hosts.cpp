// SPDX-License-Identifier: Apache-2.0
#include "inet/hosts.hpp"

#include <fstream>
#include <iterator>

#include "inet/text.hpp"

namespace esock::inet::core {

namespace {

bool same_address(const parsed_address& a, const parsed_address& b) noexcept {
    return a.v6 == b.v6 && a.parts == b.parts;
}

std::u32string bytes_text(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    for (char c : s)
        out.push_back(static_cast<unsigned char>(c));
    return out;
}

// The tokens of one line: separated by spaces and tabs, up to a '#'.
std::vector<std::string_view> tokens_of(std::string_view line) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < line.size()) {
        const char c = line[i];
        if (c == '#') break;
        if (c == ' ' || c == '\t' || c == '\n') {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '\n' &&
               line[j] != '#')
            ++j;
        out.push_back(line.substr(i, j - i));
        i = j;
    }
    return out;
}

// How many non-empty parts '%' splits `s` into (string:lexemes/2).
std::size_t percent_lexemes(std::string_view s) {
    std::size_t n = 0;
    bool in_part = false;
    for (char c : s) {
        if (c == '%') {
            in_part = false;
        } else if (!in_part) {
            in_part = true;
            ++n;
        }
    }
    return n;
}

}  // namespace

hosts_table hosts_table::parse(std::string_view text) {
    hosts_table t;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        std::string_view line =
            text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
        pos = end == std::string_view::npos ? text.size() : end + 1;
        // "\r\n" ends a line as "\n" does.
        if (end != std::string_view::npos && !line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        const auto toks = tokens_of(line);
        if (toks.size() < 2) continue;
        // OTP skips addresses with an interface suffix ("fe80::1%eth0").
        if (percent_lexemes(toks[0]) == 2) continue;
        const parse_outcome a = core::parse(parser::address, toks[0]);
        if (a.status != parse_status::ok) continue;
        host* h = nullptr;
        for (host& existing : t.hosts_) {
            if (same_address(existing.address, a.address)) {
                h = &existing;
                break;
            }
        }
        if (h == nullptr) {
            t.hosts_.push_back(host{a.address, {}, {}});
            h = &t.hosts_.back();
        }
        for (std::size_t i = 1; i < toks.size(); ++i) {
            h->names.push_back(bytes_text(toks[i]));
            h->lower_names.push_back(ascii_lower(h->names.back()));
        }
    }
    return t;
}

hosts_table hosts_table::read(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return {};
    const std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    return parse(text);
}

bool hosts_table::by_name(const std::u32string& lower_name, bool v6, hosts_match& out) const {
    out = {};
    for (const host& h : hosts_) {
        if (h.address.v6 != v6) continue;
        // A name given twice to one address lists that address twice, as OTP
        // builds its table.
        for (const std::u32string& n : h.lower_names) {
            if (n != lower_name) continue;
            if (out.addresses.empty()) out.names = h.names;
            out.addresses.push_back(h.address);
        }
    }
    return !out.addresses.empty();
}

bool hosts_table::by_address(const parsed_address& a, hosts_match& out) const {
    out = {};
    for (const host& h : hosts_) {
        if (same_address(h.address, a)) {
            out.names = h.names;
            out.addresses.push_back(h.address);
            return true;
        }
    }
    return false;
}

}  // namespace esock::inet::core
