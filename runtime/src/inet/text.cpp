// SPDX-License-Identifier: Apache-2.0
#include "inet/text.hpp"

#include <vector>

namespace esock::inet::core {

std::optional<std::string> iodata_bytes(const term& t) {
    if (t.is_binary()) return std::string(t.binary_view());
    if (!t.is_list()) return std::nullopt;
    std::string out;
    // The lists still being walked, innermost last: an explicit stack, so
    // that deep nesting costs memory in proportion to the term, not stack.
    std::vector<term> pending{t};
    while (!pending.empty()) {
        term cur = std::move(pending.back());
        pending.pop_back();
        while (cur.is_cons()) {
            term head = *cur.head();
            term tail = *cur.tail();
            if (const auto b = head.as_int()) {
                if (*b < 0 || *b > 255) return std::nullopt;
                out.push_back(static_cast<char>(*b));
            } else if (head.is_binary()) {
                out += head.binary_view();
            } else if (head.is_list()) {
                pending.push_back(std::move(tail));
                tail = std::move(head);
            } else {
                return std::nullopt;
            }
            cur = std::move(tail);
        }
        if (cur.is_binary()) {
            out += cur.binary_view();
        } else if (!cur.is_nil()) {
            return std::nullopt;
        }
    }
    return out;
}

std::optional<std::u32string> code_points(const term& t) {
    const auto elems = t.list_to_vector();
    if (!elems) return std::nullopt;
    std::u32string out;
    out.reserve(elems->size());
    for (const term& e : *elems) {
        const auto c = e.as_int();
        if (!c || *c < 0 || *c > 0x10FFFF) return std::nullopt;
        out.push_back(static_cast<char32_t>(*c));
    }
    return out;
}

std::u32string atom_code_points(atom a) {
    // The text is UTF-8; string() decodes it as atom_to_list/1 would.
    const auto cps = code_points(string(a.name()));
    return cps ? *cps : std::u32string();
}

std::u32string ascii_lower(std::u32string s) {
    for (char32_t& c : s) {
        if (c >= U'A' && c <= U'Z') c = c - U'A' + U'a';
    }
    return s;
}

term code_point_list(const std::u32string& s) {
    std::vector<term> elems;
    elems.reserve(s.size());
    for (char32_t c : s)
        elems.emplace_back(static_cast<std::int64_t>(c));
    return list_from(std::move(elems));
}

bool all_in_range(const term& t, int lo, int hi) {
    const auto elems = t.list_to_vector();
    if (!elems || elems->empty()) return false;
    for (const term& e : *elems) {
        if (const auto v = e.as_int()) {
            if (*v < lo || *v > hi) return false;
        } else if (const auto f = e.as_float()) {
            if (*f < lo || *f > hi) return false;
        } else {
            return false;
        }
    }
    return true;
}

}  // namespace esock::inet::core
