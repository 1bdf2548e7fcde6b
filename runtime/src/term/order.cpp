// SPDX-License-Identifier: Apache-2.0
// Equality, hashing and Erlang's term order.

#include <bit>
#include <cmath>

#include "term_internal.hpp"

namespace esock {
namespace {

using internal = term::internal;

// Rank of a kind in Erlang's order; integers and floats share the number rank.
int kind_rank(term_kind k) noexcept {
    switch (k) {
        case term_kind::integer:
        case term_kind::float_:
            return 0;
        case term_kind::atom:
            return 1;
        case term_kind::reference:
            return 2;
        case term_kind::pid:
            return 5;  // fun = 3 and port = 4 are never made
        case term_kind::tuple:
            return 6;
        case term_kind::map:
            return 7;
        case term_kind::nil:
            return 8;
        case term_kind::list:
            return 9;
        case term_kind::binary:
            return 10;
    }
    return 11;
}

int sign(auto a, auto b) noexcept {
    return a < b ? -1 : (b < a ? 1 : 0);
}

// Compares an integer with a float by value, exactly: long double holds every
// int64 on the platforms esock supports (x86-64 and aarch64).
int compare_int_float(std::int64_t i, double f) noexcept {
    return sign(static_cast<long double>(i), static_cast<long double>(f));
}

// What comparing two terms by their own kind and contents decides: less or
// greater (-1, 1), equal (0), or that both are tuples, maps or lists of the
// same shape whose elements decide (descend).
constexpr int descend = 2;

// `exact` selects the map-key order: every integer before every float, at
// every depth. Otherwise numbers compare by value (Erlang's == and <).
int compare_shallow(const term& a, const term& b, bool exact) noexcept {
    const term_kind ka = a.kind();
    const term_kind kb = b.kind();
    if (ka != kb) {
        if (ka == term_kind::integer && kb == term_kind::float_) {
            if (exact) return -1;
            return compare_int_float(internal::int_value(a), internal::float_value(b));
        }
        if (ka == term_kind::float_ && kb == term_kind::integer) {
            if (exact) return 1;
            return -compare_int_float(internal::int_value(b), internal::float_value(a));
        }
        return sign(kind_rank(ka), kind_rank(kb));
    }
    if (detail::is_boxed(ka) && internal::node(a) == internal::node(b) &&
        internal::aux(a) == internal::aux(b)) {
        return 0;  // the same immutable node: equal, without a look inside
    }
    switch (ka) {
        case term_kind::integer:
            return sign(internal::int_value(a), internal::int_value(b));
        case term_kind::float_:
            return sign(internal::float_value(a), internal::float_value(b));
        case term_kind::atom: {
            if (internal::aux(a) == internal::aux(b)) return 0;
            return std::is_lt(*a.as_atom() <=> *b.as_atom()) ? -1 : 1;
        }
        case term_kind::reference:
            return sign(a.ref_number(), b.ref_number());
        case term_kind::pid:
            return sign(a.pid_number(), b.pid_number());
        case term_kind::nil:
            return 0;
        case term_kind::tuple: {
            const std::size_t na = a.tuple_elements().size();
            const std::size_t nb = b.tuple_elements().size();
            if (na != nb) return sign(na, nb);
            return na == 0 ? 0 : descend;
        }
        case term_kind::map: {
            // By size, then keys in key order, then values in key order.
            const std::size_t na = a.map_size();
            const std::size_t nb = b.map_size();
            if (na != nb) return sign(na, nb);
            return na == 0 ? 0 : descend;
        }
        case term_kind::list:
            return descend;
        case term_kind::binary: {
            auto x = a.binary_view();
            auto y = b.binary_view();
            int c = x.compare(y);
            return c < 0 ? -1 : (c > 0 ? 1 : 0);
        }
    }
    return 0;
}

// The pairs of terms a comparison has still to look at: the next elements
// of two tuples (`tuple`), the keys or the values of two maps (`keys`,
// `values`), or the rest of two lists (`list`).
struct pending_pairs {
    enum class kind : std::uint8_t { tuple, keys, values, list } k = kind::tuple;
    bool exact = true;
    std::uint32_t next = 0;
    std::uint32_t count = 0;
    const void* a = nullptr;
    const void* b = nullptr;
    detail::list_cursor la;
    detail::list_cursor lb;
};

// The next pair of terms to compare, or, where a list ended before the
// other, the decision that gives.
struct pair_ref {
    const term* a = nullptr;
    const term* b = nullptr;
    // A decision without a pair: a list against a tail that is no list.
    int decided = descend;
};

// The next pair of `p`; `p` moves past it (a list's is done once one list
// ended: count 0).
pair_ref next_pair(pending_pairs& p) noexcept {
    using k = pending_pairs::kind;
    if (p.k == k::list) {
        if (p.la.at_cell() && p.lb.at_cell()) {
            pair_ref r{&p.la.head(), &p.lb.head()};
            p.la.next();
            p.lb.next();
            return r;
        }
        // At least one list ended: its tail against the other's rest, which
        // is a list cell when that one has not ended (the kinds differ).
        pair_ref r;
        if (!p.la.at_cell() && !p.lb.at_cell()) {
            r.a = &p.la.end();
            r.b = &p.lb.end();
        } else if (p.la.at_cell()) {
            r.decided = sign(kind_rank(term_kind::list), kind_rank(p.lb.end().kind()));
        } else {
            r.decided = sign(kind_rank(p.la.end().kind()), kind_rank(term_kind::list));
        }
        p.count = 0;
        return r;
    }
    const std::uint32_t i = p.next++;
    switch (p.k) {
        case k::tuple:
            return {static_cast<const term*>(p.a) + i, static_cast<const term*>(p.b) + i};
        case k::keys:
            return {&static_cast<const map_entry*>(p.a)[i].key,
                    &static_cast<const map_entry*>(p.b)[i].key};
        case k::values:
        case k::list:
            break;
    }
    return {&static_cast<const map_entry*>(p.a)[i].value,
            &static_cast<const map_entry*>(p.b)[i].value};
}

using compare_stack = detail::small_stack<pending_pairs, 16>;

// Queues the elements of two compound terms that compare_shallow could not
// tell apart.
void push_elements(compare_stack& stack, const term& a, const term& b, bool exact) {
    pending_pairs p;
    p.exact = exact;
    switch (a.kind()) {
        case term_kind::tuple: {
            const auto ea = a.tuple_elements();
            p.a = ea.data();
            p.b = b.tuple_elements().data();
            p.count = static_cast<std::uint32_t>(ea.size());
            stack.push(p);
            return;
        }
        case term_kind::map: {
            const auto ea = a.map_entries();
            p.a = ea.data();
            p.b = b.map_entries().data();
            p.count = static_cast<std::uint32_t>(ea.size());
            // Values under keys: every key is compared first, always exactly.
            p.k = pending_pairs::kind::values;
            stack.push(p);
            p.k = pending_pairs::kind::keys;
            p.exact = true;
            stack.push(p);
            return;
        }
        default:
            p.k = pending_pairs::kind::list;
            p.la = detail::list_cursor(a);
            p.lb = detail::list_cursor(b);
            p.count = 1;  // until a list ends
            stack.push(p);
            return;
    }
}

// Erlang's term order (or the map-key order), with the elements of nested
// terms on a heap stack: two terms a million levels deep compare in a loop.
int compare(const term& a, const term& b, bool exact) noexcept {
    const int first = compare_shallow(a, b, exact);
    if (first != descend) return first;
    // No memory for the walk's stack ends the program (this is noexcept):
    // sorting, map building and == cannot take an exception, and no order
    // could be given.
    compare_stack stack;
    push_elements(stack, a, b, exact);
    while (!stack.empty()) {
        pending_pairs& top = stack.top();
        const bool ex = top.exact;
        const pair_ref r = next_pair(top);
        if (top.k != pending_pairs::kind::list ? top.next == top.count : top.count == 0) {
            stack.pop();
        }
        const int c = r.decided != descend ? r.decided : compare_shallow(*r.a, *r.b, ex);
        if (c == descend) {
            push_elements(stack, *r.a, *r.b, ex);
        } else if (c != 0) {
            return c;
        }
    }
    return 0;
}

std::size_t mix(std::size_t h, std::size_t v) noexcept {
    return h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
}

}  // namespace

bool operator==(const term& a, const term& b) noexcept {
    if (a.kind() != b.kind()) return false;
    switch (a.kind()) {
        case term_kind::integer:
        case term_kind::reference:
        case term_kind::pid:
            return internal::int_value(a) == internal::int_value(b);
        case term_kind::float_:
            // In OTP 25, 0.0 =:= -0.0 (a map keeps one of them), though they
            // print differently.
            return internal::float_value(a) == internal::float_value(b);
        case term_kind::atom:
            return internal::aux(a) == internal::aux(b);
        case term_kind::nil:
            return true;
        default:
            if (internal::node(a) == internal::node(b) && internal::aux(a) == internal::aux(b)) {
                return true;
            }
            return compare(a, b, true) == 0;
    }
}

std::strong_ordering operator<=>(const term& a, const term& b) noexcept {
    // Two atoms (map keys, mostly): their names, without the general walk.
    if (a.kind() == term_kind::atom && b.kind() == term_kind::atom) {
        if (internal::aux(a) == internal::aux(b)) return std::strong_ordering::equal;
        return atom::from_index(internal::aux(a)) <=> atom::from_index(internal::aux(b));
    }
    int c = compare(a, b, true);
    return c < 0 ? std::strong_ordering::less
                 : (c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal);
}

int erl_compare(const term& a, const term& b) noexcept {
    return compare(a, b, false);
}

namespace {

// The terms a hash has still to visit: the rest of a tuple's elements, of a
// map's keys and values (alternately), or of a list's cells and its tail.
struct pending_terms {
    enum class kind : std::uint8_t { tuple, map, list } k = kind::tuple;
    std::uint32_t next = 0;
    std::uint32_t count = 0;  // elements; twice the entries for a map
    const void* items = nullptr;
    detail::list_cursor list;
};

using hash_stack = detail::small_stack<pending_terms, 16>;

// Mixes `t`'s kind and own contents into `h`, queueing its elements.
std::size_t hash_shallow(std::size_t h, const term& t, hash_stack& stack) {
    const term_kind k = t.kind();
    h = mix(h, static_cast<std::size_t>(k) * 0x100000001b3ULL);
    switch (k) {
        case term_kind::integer:
        case term_kind::reference:
        case term_kind::pid:
            return mix(h, std::hash<std::int64_t>()(internal::int_value(t)));
        case term_kind::float_: {
            // 0.0 =:= -0.0: one hash for both.
            const double f = internal::float_value(t);
            return mix(h, std::hash<double>()(f == 0.0 ? 0.0 : f));
        }
        case term_kind::atom:
            return mix(h, internal::aux(t));
        case term_kind::nil:
            return h;
        case term_kind::tuple: {
            const auto e = t.tuple_elements();
            if (!e.empty()) {
                pending_terms p;
                p.items = e.data();
                p.count = static_cast<std::uint32_t>(e.size());
                stack.push(p);
            }
            return mix(h, e.size());
        }
        case term_kind::map: {
            const auto e = t.map_entries();
            if (!e.empty()) {
                pending_terms p;
                p.k = pending_terms::kind::map;
                p.items = e.data();
                p.count = static_cast<std::uint32_t>(2 * e.size());
                stack.push(p);
            }
            return mix(h, e.size());
        }
        case term_kind::list: {
            // Cell by cell, so that equal lists built of different runs of
            // cells hash alike.
            pending_terms p;
            p.k = pending_terms::kind::list;
            p.list = detail::list_cursor(t);
            p.count = 1;  // until the tail is visited
            stack.push(p);
            return h;
        }
        case term_kind::binary:
            return mix(h, std::hash<std::string_view>()(t.binary_view()));
    }
    return h;
}

// The next term of `p` to visit; `p` moves past it.
const term& next_term(pending_terms& p) noexcept {
    switch (p.k) {
        case pending_terms::kind::tuple:
            return static_cast<const term*>(p.items)[p.next++];
        case pending_terms::kind::map: {
            const std::uint32_t i = p.next++;
            const map_entry& e = static_cast<const map_entry*>(p.items)[i / 2];
            return i % 2 == 0 ? e.key : e.value;
        }
        case pending_terms::kind::list:
            break;
    }
    if (p.list.at_cell()) {
        const term& h = p.list.head();
        p.list.next();
        return h;
    }
    p.count = 0;
    return p.list.end();
}

}  // namespace

// Every node in pre-order, with the pending elements on a heap stack: a term
// nested a million levels deep hashes in a loop. (noexcept: no memory for
// the stack ends the program, as for compare.)
std::size_t term::hash() const noexcept {
    hash_stack stack;
    std::size_t h = hash_shallow(0x9e3779b97f4a7c15ULL, *this, stack);
    while (!stack.empty()) {
        pending_terms& top = stack.top();
        const term& t = next_term(top);
        if (top.k != pending_terms::kind::list ? top.next == top.count : top.count == 0) {
            stack.pop();
        }
        h = hash_shallow(h, t, stack);
    }
    return h;
}

}  // namespace esock
