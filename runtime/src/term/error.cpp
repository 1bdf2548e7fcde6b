// SPDX-License-Identifier: Apache-2.0
#include <esock/error.hpp>

#include <cstddef>
#include <vector>

#include <esock/term_text.hpp>

namespace esock {

namespace {

// How much of a reason what() shows: a reason is whatever the caller gave
// (an iolist a million levels deep, a timeout tuple of a gigabyte), and the
// text is made on every raise. Past these bounds a part prints as '...'.
constexpr std::size_t shown_depth = 12;     // levels of tuples, lists and maps
constexpr std::size_t shown_elements = 32;  // elements of one tuple, list or map
constexpr std::size_t shown_bytes = 256;    // bytes of one binary
constexpr std::size_t shown_terms = 1024;   // terms in all

struct abbreviator {
    std::size_t budget = shown_terms;
    bool changed = false;

    term elided() {
        changed = true;
        return atom("...");
    }

    // `t`, or a copy of it cut to the bounds. The recursion is at most
    // shown_depth deep.
    term cut(const term& t, std::size_t depth) {
        if (budget == 0) return elided();
        --budget;
        if (t.is_binary()) return t.binary_bytes().size() > shown_bytes ? elided() : t;
        if (!t.is_tuple() && !t.is_map() && !t.is_cons()) return t;
        if (depth == shown_depth) return elided();
        const bool was_changed = changed;
        changed = false;
        term out = t;
        if (t.is_tuple()) {
            out = cut_tuple(t, depth);
        } else if (t.is_map()) {
            out = cut_map(t, depth);
        } else {
            out = cut_list(t, depth);
        }
        const bool now_changed = changed;
        changed = was_changed || now_changed;
        return now_changed ? out : t;
    }

    term cut_tuple(const term& t, std::size_t depth) {
        const auto elements = t.tuple_elements();
        std::vector<term> items;
        for (const term& e : elements) {
            if (items.size() + 1 == shown_elements && elements.size() > shown_elements) {
                items.push_back(elided());
                break;
            }
            items.push_back(cut(e, depth + 1));
        }
        return tuple_from(std::move(items));
    }

    term cut_map(const term& t, std::size_t depth) {
        const auto all = t.map_entries();
        std::vector<map_entry> entries;
        for (const map_entry& e : all) {
            if (entries.size() + 1 == shown_elements && all.size() > shown_elements) {
                entries.push_back(map_entry{elided(), atom("...")});
                break;
            }
            term k = cut(e.key, depth + 1);
            entries.push_back(map_entry{std::move(k), cut(e.value, depth + 1)});
        }
        return map_from(std::move(entries));
    }

    term cut_list(const term& t, std::size_t depth) {
        std::vector<term> items;
        term rest = t;
        while (rest.is_cons() && items.size() < shown_elements) {
            items.push_back(cut(*rest.head(), depth + 1));
            rest = *rest.tail();
        }
        // The rest: elided when cells are left, else the tail itself.
        term tail = rest.is_cons() ? elided() : cut(rest, depth + 1);
        return list_from(items, std::move(tail));
    }
};

// "error:" and the reason as ~w prints it, cut to the bounds above.
std::string describe(const term& reason) {
    abbreviator a;
    return "error:" + format_w(a.cut(reason, 0));
}

}  // namespace

erl_error::erl_error(term reason) : reason_(std::move(reason)), text_(describe(reason_)) {}

}  // namespace esock
