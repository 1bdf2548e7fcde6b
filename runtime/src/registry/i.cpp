// SPDX-License-Identifier: Apache-2.0
// socket:i/0,1,2: OTP 25's table of the registered sockets, one column per
// info key (default: domain, type, protocol, fd, owner, local_address,
// remote_address, recv, sent, state), each as wide as its widest cell and
// followed by one space, with a header of the keys' names capitalised
// ("local_address" is "Local Address"). No sockets, no output at all. A key
// the table does not know gives " " in every row, as in OTP.

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include <esock/inet.hpp>
#include <esock/socket.hpp>
#include <esock/term_text.hpp>

#include "socket/core/core.hpp"
#include "term/columns.hpp"

namespace esock::socket {

namespace {

namespace results = core::results;

// A string term (a list of character codes) as UTF-8; "" for anything else.
std::string text_of(const term& chars) {
    std::string out;
    const auto v = chars.list_to_vector();
    if (!v) return out;
    for (const term& c : *v) {
        if (const auto cp = c.as_int()) append_utf8(out, *cp);
    }
    return out;
}

// Characters, not bytes: io:format pads ~-Ns by list length.

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

// "local_address" -> "Local Address": the first letter and each letter
// after an underscore upper case, the underscore a space.
std::string header_of(const term& key) {
    const auto a = key.as_atom();
    if (!a) results::raise(atoms::badarg);  // atom_to_list of a non-atom
    const std::string_view name = a->name();
    if (name.empty()) results::raise(atoms::function_clause);
    std::string out = upper(name.substr(0, 1));
    for (std::size_t i = 1; i < name.size(); ++i) {
        if (name[i] == '_' && i + 1 < name.size()) {
            out += ' ';
            out += upper(name.substr(++i, 1));
        } else {
            out += name[i];
        }
    }
    return out;
}

// OTP's abbreviations of the states; others in upper case.
std::string state_code(const term& state) {
    const auto a = state.as_atom();
    if (!a) return format_w(state);
    const std::string_view n = a->name();
    if (n == "accepting") return "A";
    if (n == "bound") return "BD";
    if (n == "busy") return "BY";
    if (n == "connected") return "CD";
    if (n == "connecting") return "CG";
    if (n == "listen") return "LN";
    if (n == "listening") return "LG";
    if (n == "open") return "O";
    if (n == "selected") return "SD";
    return upper(n);
}

std::string codes(const std::vector<term>& states) {
    std::string out;
    for (const term& s : states) {
        if (!out.empty()) out += ':';
        out += state_code(s);
    }
    return out;
}

// "BD:LG , CD", "BD, -", " - , CD:SD" or " ", as OTP joins them.
std::string states_cell(const term& rstates, const term& wstates) {
    const auto r = rstates.list_to_vector().value_or(std::vector<term>());
    const auto w = wstates.list_to_vector().value_or(std::vector<term>());
    if (r.empty() && w.empty()) return " ";
    if (w.empty()) return codes(r) + ", -";
    if (r.empty()) return " - , " + codes(w);
    return codes(r) + " , " + codes(w);
}

// A port with its service name where the services database has one for
// the socket's protocol: "http (80)".
std::string port_text(const term& port, const term& protocol) {
    const std::string number = format_w(port);
    const term name = inet::getservbyport(port, protocol);
    if (name.is_tuple(2) && name.element(0)->is_atom(atoms::ok)) {
        return text_of(*name.element(1)) + " (" + number + ")";
    }
    return number;
}

bool is_any(const term& addr) {
    return addr == tuple(0, 0, 0, 0) || addr == tuple(0, 0, 0, 0, 0, 0, 0, 0);
}
bool is_loopback(const term& addr) {
    return addr == tuple(127, 0, 0, 1) || addr == tuple(0, 0, 0, 0, 0, 0, 0, 1);
}

// sockname/peername's answer as OTP prints it: "*:Port" for the any
// address, "localhost:Port" for loopback, the address text otherwise;
// "local:Path" for a local socket; " " for an error. (OTP 25's i/0 fails
// on a socket of another family; esock prints " ": docs/deviations.md.)
std::string address_cell(const term& answer, const term& protocol) {
    if (!answer.is_tuple(2) || !answer.element(0)->is_atom(atoms::ok)) return " ";
    const term& a = *answer.element(1);
    const term* family = a.map_get(atoms::family);
    if (family == nullptr) return " ";
    if (family->is_atom(atoms::local)) {
        const term* path = a.map_get(atoms::path);
        if (path == nullptr) return " ";
        // binary_to_list: each byte a character.
        std::string out = "local:";
        if (path->is_binary()) {
            for (const unsigned char b : path->binary_view())
                append_utf8(out, b);
        } else {
            out += text_of(*path);
        }
        return out;
    }
    const term* addr = a.map_get(atoms::addr);
    const term* port = a.map_get(atoms::port);
    if (addr == nullptr || port == nullptr) return " ";
    const std::string p = port_text(*port, protocol);
    if (is_any(*addr)) return "*:" + p;
    if (is_loopback(*addr)) return "localhost:" + p;
    return text_of(inet::ntoa(*addr)) + ":" + p;
}

std::string counter_cell(const term& info, const char* counter) {
    const term* counters = info.map_get(atom("counters"));
    const term* v = counters != nullptr ? counters->map_get(atom(counter)) : nullptr;
    return v != nullptr ? format_w(*v) : " ";
}

std::string cell(const term& sock, const term& info, const term& key) {
    const auto a = key.as_atom();
    const std::string_view k = a ? a->name() : std::string_view();
    const term protocol = *info.map_get(atom("protocol"));
    if (k == "domain") return format_w(*info.map_get(atom("domain")));
    if (k == "type") return upper(format_w(*info.map_get(atoms::type)));
    if (k == "protocol") return upper(format_w(protocol));
    if (k == "fd") {
        const term fd = getopt(sock, tuple(atoms::otp, atom("fd")));
        return fd.is_tuple(2) && fd.element(0)->is_atom(atoms::ok) ? format_w(*fd.element(1)) : " ";
    }
    if (k == "owner") return format_w(*info.map_get(atom("owner")));
    if (k == "local_address") return address_cell(sockname(sock), protocol);
    if (k == "remote_address") return address_cell(peername(sock), protocol);
    if (k == "recv") return counter_cell(info, "read_byte");
    if (k == "sent") return counter_cell(info, "write_byte");
    if (k == "state") {
        return states_cell(*info.map_get(atom("rstates")), *info.map_get(atom("wstates")));
    }
    return " ";
}

term default_keys() {
    return list_from({atom("domain"), atom("type"), atom("protocol"), atom("fd"), atom("owner"),
                      atom("local_address"), atom("remote_address"), atom("recv"), atom("sent"),
                      atom("state")});
}

// The listed sockets in descriptor order (the registry's order is its own).
std::vector<term> by_fd(const term& sockets) {
    auto v = sockets.list_to_vector().value_or(std::vector<term>());
    auto fd_of = [](const term& s) {
        const term fd = getopt(s, tuple(atoms::otp, atom("fd")));
        return fd.is_tuple(2) ? fd.element(1)->as_int().value_or(-1) : -1;
    };
    std::vector<std::pair<std::int64_t, term>> keyed;
    keyed.reserve(v.size());
    for (auto& s : v)
        keyed.emplace_back(fd_of(s), std::move(s));
    std::stable_sort(keyed.begin(), keyed.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<term> out;
    out.reserve(keyed.size());
    for (auto& [fd, s] : keyed)
        out.push_back(std::move(s));
    return out;
}

std::string table(const term& sockets, const term& keys) {
    const auto key_list = keys.list_to_vector();
    const std::vector<term> socks = by_fd(sockets);
    if (!key_list) {
        // OTP's comprehension over the keys fails first, else length/1.
        if (!socks.empty()) {
            term tail = keys;
            while (tail.is_cons())
                tail = *tail.tail();
            results::raise(tuple(atom("bad_generator"), tail));
        }
        results::raise(atoms::badarg);
    }
    std::vector<std::vector<std::string>> lines;
    for (const term& s : socks) {
        const term info = socket::info(s);
        std::vector<std::string> line;
        line.reserve(key_list->size());
        for (const term& k : *key_list)
            line.push_back(cell(s, info, k));
        lines.push_back(std::move(line));
    }
    if (lines.empty()) return "";
    std::vector<std::string> header;
    for (const term& k : *key_list)
        header.push_back(header_of(k));
    lines.insert(lines.begin(), std::move(header));
    return esock::detail::columns(lines);
}

bool is_one_of(const term& t, std::initializer_list<const char*> names) {
    return std::any_of(names.begin(), names.end(),
                       [&](const char* n) { return t.is_atom(atom(n)); });
}

// i/1's and i/2's selector: a domain, protocol or type, which_sockets's.
bool is_selector(const term& t) {
    return is_one_of(
        t, {"inet", "inet6", "local", "tcp", "udp", "sctp", "dgram", "seqpacket", "stream"});
}

void print(const std::string& text) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
}

}  // namespace

std::string i_table() {
    return table(which_sockets(), default_keys());
}

std::string i_table(const term& keys_or_selector) {
    if (keys_or_selector.is_list()) return table(which_sockets(), keys_or_selector);
    if (!is_selector(keys_or_selector)) results::raise(atoms::function_clause);
    return table(which_sockets(keys_or_selector), default_keys());
}

std::string i_table(const term& selector, const term& keys) {
    if (!is_selector(selector) || !keys.is_list()) results::raise(atoms::function_clause);
    return table(which_sockets(selector), keys);
}

term i() {
    print(i_table());
    return atoms::ok;
}

term i(const term& keys_or_selector) {
    print(i_table(keys_or_selector));
    return atoms::ok;
}

term i(const term& selector, const term& keys) {
    print(i_table(selector, keys));
    return atoms::ok;
}

}  // namespace esock::socket
