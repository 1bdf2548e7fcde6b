// SPDX-License-Identifier: Apache-2.0
#include <esock/pattern.hpp>

#include <esock/term_text.hpp>

#include "term_internal.hpp"

namespace esock {

namespace {

// The wildcard, interned once.
atom wildcard() {
    static const atom a("_");
    return a;
}

// What matching still has to check: the next elements of a tuple and its
// pattern (`tuple`), the pattern's map entries against a map (`map`), or the
// rest of a list and of its pattern (`list`).
struct pending_match {
    enum class kind : std::uint8_t { tuple, map, list } k = kind::tuple;
    std::uint32_t next = 0;
    std::uint32_t count = 0;
    const void* t = nullptr;  // the tuple's elements; the map term
    const void* p = nullptr;  // the pattern's elements or entries
    detail::list_cursor tl;
    detail::list_cursor pl;
};

using match_stack = detail::small_stack<pending_match, 16>;

// What one term against one pattern decides: no (0), yes (1), or that their
// elements decide (2, queued on `stack`).
int match_shallow(const term& t, const term& p, match_stack& stack) {
    if (p.is_atom(wildcard())) return 1;
    pending_match m;
    if (p.is_tuple()) {
        const auto pe = p.tuple_elements();
        if (!t.is_tuple(pe.size())) return 0;
        if (pe.empty()) return 1;
        m.t = t.tuple_elements().data();
        m.p = pe.data();
        m.count = static_cast<std::uint32_t>(pe.size());
        stack.push(m);
        return 2;
    }
    if (p.is_cons()) {
        if (!t.is_cons()) return 0;
        m.k = pending_match::kind::list;
        m.tl = detail::list_cursor(t);
        m.pl = detail::list_cursor(p);
        m.count = 1;  // until the pattern's list ends
        stack.push(m);
        return 2;
    }
    if (p.is_map()) {
        if (!t.is_map() || t.map_size() != p.map_size()) return 0;
        if (p.map_size() == 0) return 1;
        m.k = pending_match::kind::map;
        m.t = &t;
        m.p = p.map_entries().data();
        m.count = static_cast<std::uint32_t>(p.map_size());
        stack.push(m);
        return 2;
    }
    return t == p ? 1 : 0;
}

// The next term and pattern of `m` to match (nullptr for the term: none
// matches, e.g. a key the map lacks); `m` moves past them.
std::pair<const term*, const term*> next_match(pending_match& m) noexcept {
    switch (m.k) {
        case pending_match::kind::tuple: {
            const std::uint32_t i = m.next++;
            return {static_cast<const term*>(m.t) + i, static_cast<const term*>(m.p) + i};
        }
        case pending_match::kind::map: {
            const map_entry& e = static_cast<const map_entry*>(m.p)[m.next++];
            return {static_cast<const term*>(m.t)->map_get(e.key), &e.value};
        }
        case pending_match::kind::list:
            break;
    }
    if (m.pl.at_cell()) {
        if (!m.tl.at_cell()) return {nullptr, &m.pl.head()};
        std::pair<const term*, const term*> r{&m.tl.head(), &m.pl.head()};
        m.tl.next();
        m.pl.next();
        return r;
    }
    // The pattern's tail against the rest of the list. A rest that is still
    // a list cell matches only a wildcard tail (which is no list cell), and
    // a wildcard matches anything: it is then matched against itself.
    m.count = 0;
    if (!m.tl.at_cell()) return {&m.tl.end(), &m.pl.end()};
    return {m.pl.end().is_atom(wildcard()) ? &m.pl.end() : nullptr, &m.pl.end()};
}

}  // namespace

// Element by element with a heap stack of what is pending, so that neither
// a deep term nor a deep pattern costs stack frames. (noexcept: no memory
// for the stack ends the program.)
bool matches(const term& t, const term& p) noexcept {
    match_stack stack;
    int r = match_shallow(t, p, stack);
    while (r != 0 && !stack.empty()) {
        pending_match& top = stack.top();
        const auto [x, y] = next_match(top);
        if (top.k != pending_match::kind::list ? top.next == top.count : top.count == 0) {
            stack.pop();
        }
        if (x == nullptr) return false;
        r = match_shallow(*x, *y, stack);
    }
    return r != 0;
}

pattern::pattern(std::string_view text) : pattern_(lit(text)) {}

}  // namespace esock
