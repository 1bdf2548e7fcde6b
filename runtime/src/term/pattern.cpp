// SPDX-License-Identifier: Apache-2.0
#include <esock/pattern.hpp>

#include <esock/term_text.hpp>

namespace esock {

namespace {

// The wildcard, interned once.
atom wildcard() {
    static const atom a("_");
    return a;
}

}  // namespace

bool matches(const term& t, const term& p) noexcept {
    if (p.is_atom(wildcard())) return true;
    if (p.is_tuple()) {
        const auto pe = p.tuple_elements();
        if (!t.is_tuple(pe.size())) return false;
        const auto te = t.tuple_elements();
        for (std::size_t i = 0; i < pe.size(); ++i) {
            if (!matches(te[i], pe[i])) return false;
        }
        return true;
    }
    if (p.is_cons()) {
        // Element by element along both lists (no copies), the tails last.
        term pc = p;
        term tc = t;
        while (pc.is_cons()) {
            if (!tc.is_cons() || !matches(*tc.head(), *pc.head())) return false;
            pc = *pc.tail();
            tc = *tc.tail();
        }
        return matches(tc, pc);
    }
    if (p.is_map()) {
        if (!t.is_map() || t.map_size() != p.map_size()) return false;
        for (const auto& e : p.map_entries()) {
            const term* v = t.map_get(e.key);
            if (v == nullptr || !matches(*v, e.value)) return false;
        }
        return true;
    }
    return t == p;
}

pattern::pattern(std::string_view text) : pattern_(lit(text)) {}

}  // namespace esock
