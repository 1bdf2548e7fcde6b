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

// `exact` selects the map-key order: every integer before every float, at
// every depth. Otherwise numbers compare by value (Erlang's == and <).
int compare(const term& a, const term& b, bool exact) noexcept;

// Walks two lists cell by cell without recursing on tails.
int compare_lists(const term& a, const term& b, bool exact) noexcept {
    term x = a;
    term y = b;
    while (x.is_cons() && y.is_cons()) {
        if (int c = compare(*x.head(), *y.head(), exact)) return c;
        x = *x.tail();
        y = *y.tail();
    }
    return compare(x, y, exact);
}

int compare(const term& a, const term& b, bool exact) noexcept {
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
            auto ea = a.tuple_elements();
            auto eb = b.tuple_elements();
            if (ea.size() != eb.size()) return sign(ea.size(), eb.size());
            for (std::size_t i = 0; i < ea.size(); ++i) {
                if (int c = compare(ea[i], eb[i], exact)) return c;
            }
            return 0;
        }
        case term_kind::map: {
            // By size, then keys in key order, then values in key order.
            auto ea = a.map_entries();
            auto eb = b.map_entries();
            if (ea.size() != eb.size()) return sign(ea.size(), eb.size());
            for (std::size_t i = 0; i < ea.size(); ++i) {
                if (int c = compare(ea[i].key, eb[i].key, true)) return c;
            }
            for (std::size_t i = 0; i < ea.size(); ++i) {
                if (int c = compare(ea[i].value, eb[i].value, exact)) return c;
            }
            return 0;
        }
        case term_kind::list:
            return compare_lists(a, b, exact);
        case term_kind::binary: {
            auto x = a.binary_view();
            auto y = b.binary_view();
            int c = x.compare(y);
            return c < 0 ? -1 : (c > 0 ? 1 : 0);
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
    int c = compare(a, b, true);
    return c < 0 ? std::strong_ordering::less
                 : (c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal);
}

int erl_compare(const term& a, const term& b) noexcept {
    return compare(a, b, false);
}

std::size_t term::hash() const noexcept {
    std::size_t h = static_cast<std::size_t>(kind_) * 0x100000001b3ULL;
    switch (kind_) {
        case term_kind::integer:
        case term_kind::reference:
        case term_kind::pid:
            return mix(h, std::hash<std::int64_t>()(i_));
        case term_kind::float_:
            return mix(h, std::hash<double>()(f_ == 0.0 ? 0.0 : f_));
        case term_kind::atom:
            return mix(h, aux_);
        case term_kind::nil:
            return h;
        case term_kind::tuple:
            for (const term& e : tuple_elements())
                h = mix(h, e.hash());
            return h;
        case term_kind::map:
            for (const map_entry& e : map_entries())
                h = mix(mix(h, e.key.hash()), e.value.hash());
            return h;
        case term_kind::list: {
            term t = *this;
            while (t.is_cons()) {
                h = mix(h, t.head()->hash());
                t = *t.tail();
            }
            return mix(h, t.hash());
        }
        case term_kind::binary:
            return mix(h, std::hash<std::string_view>()(binary_view()));
    }
    return h;
}

}  // namespace esock
