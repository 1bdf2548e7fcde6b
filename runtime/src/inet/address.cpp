// SPDX-License-Identifier: Apache-2.0
#include "inet/address.hpp"

#include <cstddef>
#include <span>
#include <type_traits>
#include <vector>

namespace esock::inet::core {

namespace {

// The parsers walk a sequence of list elements that ends either in [] (a
// proper list) or in some other term (an improper list, or an input that is
// no list at all). OTP's parsers are Erlang functions with clauses over such
// lists, and two of their outcomes must be reproduced exactly: a clause that
// raises badarg (caught: {error, einval}) and a list end that no clause
// takes (function_clause, which OTP lets through).
enum class st : std::uint8_t { ok, badarg, fclause };

// Plain bytes: the common input, read without looking at terms.
struct text_seq {
    std::string_view s;
    bool proper_ = true;

    [[nodiscard]] std::size_t size() const noexcept { return s.size(); }
    [[nodiscard]] bool proper() const noexcept { return proper_; }
    [[nodiscard]] bool is(std::size_t i, int c) const noexcept {
        return static_cast<unsigned char>(s[i]) == c;
    }
    [[nodiscard]] bool in_range(std::size_t i, int lo, int hi) const noexcept {
        const int v = static_cast<unsigned char>(s[i]);
        return v >= lo && v <= hi;
    }
    [[nodiscard]] bool int_at(std::size_t i, std::int64_t& v) const noexcept {
        v = static_cast<unsigned char>(s[i]);
        return true;
    }
    [[nodiscard]] bool float_at(std::size_t /*i*/, double& /*f*/) const noexcept { return false; }
};

// Any elements. Erlang compares numbers by value and puts every other term
// above every number, so `C >= $0, C =< $9` holds for the float 50.5 and for
// no atom; a pattern such as "0"++_ matches the integer 48 only.
struct term_seq {
    std::span<const term> e;
    bool proper_ = true;

    [[nodiscard]] std::size_t size() const noexcept { return e.size(); }
    [[nodiscard]] bool proper() const noexcept { return proper_; }
    [[nodiscard]] bool is(std::size_t i, int c) const noexcept {
        const auto v = e[i].as_int();
        return v && *v == c;
    }
    [[nodiscard]] bool in_range(std::size_t i, int lo, int hi) const noexcept {
        if (const auto v = e[i].as_int()) return *v >= lo && *v <= hi;
        if (const auto f = e[i].as_float()) return *f >= lo && *f <= hi;
        return false;
    }
    [[nodiscard]] bool int_at(std::size_t i, std::int64_t& v) const noexcept {
        const auto x = e[i].as_int();
        if (!x) return false;
        v = *x;
        return true;
    }
    [[nodiscard]] bool float_at(std::size_t i, double& f) const noexcept {
        const auto x = e[i].as_float();
        if (!x) return false;
        f = *x;
        return true;
    }
};

int digit_value(std::int64_t c) noexcept {
    if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
    if (c >= 'a' && c <= 'z') return static_cast<int>(c - 'a' + 10);
    if (c >= 'A' && c <= 'Z') return static_cast<int>(c - 'A' + 10);
    return -1;
}

template <class Seq>
class otp_parser {
  public:
    explicit otp_parser(const Seq& s) noexcept : s_(s), n_(s.size()) {}

    // inet_parse:ipv4_address/1.
    st ipv4(parsed_address& out) const noexcept {
        std::array<std::int64_t, 4> ds{};
        int k = 0;
        std::size_t p = 0;
        for (;;) {
            // A fifth field is refused before it is read.
            if (cons(p) && k == 4) return st::badarg;
            std::size_t q = p;
            int width = 10;
            int base = 10;
            bool lead0 = false;
            if (at(p, '0') && (at(p + 1, 'x') || at(p + 1, 'X'))) {
                q = p + 2;
                width = 8;
                base = 16;
            } else if (at(p, '0')) {
                q = p + 1;
                width = 11;
                base = 8;
                lead0 = true;
            } else if (!listp(p)) {
                return st::fclause;
            }
            if (base != 10) {
                // Leading zeros after the prefix are dropped, up to a list end.
                while (at(q, '0'))
                    ++q;
                if (!listp(q)) return st::fclause;
            }
            std::int64_t v = 0;
            std::size_t r = 0;
            if (const st s = field(q, width, lead0, base, v, r); s != st::ok) return s;
            ds[static_cast<std::size_t>(k++)] = v;
            if (nil(r)) break;
            if (at(r, '.') && cons(r + 1)) {
                p = r + 1;
                continue;
            }
            return st::badarg;
        }
        // The last field fills the bytes the missing ones leave.
        const std::int64_t last = ds[static_cast<std::size_t>(k - 1)];
        std::array<std::int64_t, 4> b{};
        switch (k) {
            case 1:
                if (last >= (std::int64_t{1} << 32)) return st::badarg;
                b = {last >> 24, (last >> 16) & 255, (last >> 8) & 255, last & 255};
                break;
            case 2:
                if (last >= (1 << 24) || ds[0] >= 256) return st::badarg;
                b = {ds[0], last >> 16, (last >> 8) & 255, last & 255};
                break;
            case 3:
                if (last >= (1 << 16) || ds[0] >= 256 || ds[1] >= 256) return st::badarg;
                b = {ds[0], ds[1], last >> 8, last & 255};
                break;
            default:
                for (std::int64_t d : ds) {
                    if (d >= 256) return st::badarg;
                }
                b = ds;
                break;
        }
        set_v4(out, b);
        return st::ok;
    }

    // inet_parse:ipv4strict_addr/2 from element p: exactly four decimal fields
    // without leading zeros.
    st ipv4_strict(std::size_t p, std::array<std::int64_t, 4>& out) const noexcept {
        int k = 0;
        for (;;) {
            if (cons(p) && k == 4) return st::badarg;
            if (at(p, '0') && nil(p + 1)) {
                out[static_cast<std::size_t>(k++)] = 0;
                break;
            }
            if (at(p, '0') && at(p + 1, '.')) {
                out[static_cast<std::size_t>(k++)] = 0;
                p += 2;
                continue;
            }
            if (!listp(p)) return st::fclause;
            std::int64_t v = 0;
            std::size_t r = 0;
            if (const st s = field(p, 3, false, 10, v, r); s != st::ok) return s;
            // Four fields were read and more text followed: field() refused it.
            if (k == 4) return st::badarg;
            out[static_cast<std::size_t>(k++)] = v;
            if (nil(r)) break;
            if (at(r, '.') && cons(r + 1)) {
                p = r + 1;
                continue;
            }
            return st::badarg;
        }
        if (k != 4) return st::badarg;
        for (std::int64_t d : out) {
            if (d >= 256) return st::badarg;
        }
        return st::ok;
    }

    st ipv4_strict(parsed_address& out) const noexcept {
        std::array<std::int64_t, 4> ds{};
        if (const st s = ipv4_strict(0, ds); s != st::ok) return s;
        set_v4(out, ds);
        return st::ok;
    }

    // inet_parse:ipv6strict_address/1: groups before a "::" go to a_, groups
    // after it to b_, the gap between them is zeros.
    st ipv6(parsed_address& out) noexcept {
        na_ = nb_ = 0;
        std::size_t p = 0;
        bool after = false;
        if (at(0, ':') && at(1, ':')) {
            if (nil(2)) return finish(out);
            after = true;
            p = 2;
        }
        for (;;) {
            const std::size_t g = p;
            std::size_t q = p;
            if (!hex(p, q)) return st::badarg;
            const int n = na_ + nb_;
            if (!after) {
                if (at(q, '%') && n == 7) return push_a(g, q) ? scope(q + 1, out) : st::badarg;
                if (nil(q) && n == 7) return push_a(g, q) ? finish(out) : st::badarg;
                if (at(q, ':') && at(q + 1, ':')) {
                    if (at(q + 2, '%') && n <= 6) {
                        return push_a(g, q) ? scope(q + 3, out) : st::badarg;
                    }
                    if (nil(q + 2) && n <= 6) return push_a(g, q) ? finish(out) : st::badarg;
                    if (n <= 5) {
                        if (!push_a(g, q)) return st::badarg;
                        after = true;
                        p = q + 2;
                        continue;
                    }
                }
                if (at(q, ':') && n <= 6) {
                    if (!push_a(g, q)) return st::badarg;
                    p = q + 1;
                    continue;
                }
                if (at(q, '.') && n == 6) return embedded_ipv4(g, out);
                return st::badarg;
            }
            if (at(q, '%') && n <= 6) return push_b(g, q) ? scope(q + 1, out) : st::badarg;
            if (nil(q) && n <= 6) return push_b(g, q) ? finish(out) : st::badarg;
            if (at(q, ':') && n <= 5) {
                if (!push_b(g, q)) return st::badarg;
                p = q + 1;
                continue;
            }
            if (at(q, '.') && n <= 5) return embedded_ipv4(g, out);
            return st::badarg;
        }
    }

  private:
    static void set_v4(parsed_address& out, const std::array<std::int64_t, 4>& b) noexcept {
        out.v6 = false;
        out.float_group1.reset();
        for (std::size_t i = 0; i < 4; ++i)
            out.parts[i] = b[i];
    }

    [[nodiscard]] bool cons(std::size_t p) const noexcept { return p < n_; }
    [[nodiscard]] bool nil(std::size_t p) const noexcept { return p == n_ && s_.proper(); }
    [[nodiscard]] bool listp(std::size_t p) const noexcept { return p < n_ || s_.proper(); }
    [[nodiscard]] bool at(std::size_t p, int c) const noexcept { return p < n_ && s_.is(p, c); }

    // erlang:list_to_integer/2 of elements [b, e), after a "0" when lead0:
    // an optional sign (not after the "0"), then digits of `base`.
    [[nodiscard]] bool to_integer(std::size_t b, std::size_t e, bool lead0, int base,
                                  std::int64_t& out) const noexcept {
        std::size_t i = b;
        bool negative = false;
        if (!lead0 && i < e && (s_.is(i, '+') || s_.is(i, '-'))) {
            negative = s_.is(i, '-');
            ++i;
        }
        if (i == e && !lead0) return false;
        std::int64_t v = 0;
        for (; i < e; ++i) {
            std::int64_t c = 0;
            if (!s_.int_at(i, c)) return false;
            const int d = digit_value(c);
            if (d < 0 || d >= base) return false;
            // Fields are at most 12 elements long, so this cannot overflow.
            v = v * base + d;
        }
        out = negative ? -v : v;
        return true;
    }

    // inet_parse:ipv4_field/4: at most `width` elements up to a '.' or the
    // end, read as one non-negative integer. r is where the field ended.
    st field(std::size_t p, int width, bool lead0, int base, std::int64_t& v,
             std::size_t& r) const noexcept {
        const std::size_t start = p;
        for (;;) {
            if (nil(p) || at(p, '.')) {
                if (!to_integer(start, p, lead0, base, v) || v < 0) return st::badarg;
                r = p;
                return st::ok;
            }
            // A decimal field may not start with 0 (strict parsing).
            if (at(p, '0') && p == start && !lead0) return st::badarg;
            if (cons(p) && width > 0) {
                ++p;
                --width;
                continue;
            }
            return listp(p) ? st::badarg : st::fclause;
        }
    }

    [[nodiscard]] bool hex_digit(std::size_t p) const noexcept {
        return s_.in_range(p, '0', '9') || s_.in_range(p, 'a', 'f') || s_.in_range(p, 'A', 'F');
    }

    // inet_parse:hex/1: one to four hex digits followed by a list.
    [[nodiscard]] bool hex(std::size_t p, std::size_t& q) const noexcept {
        q = p;
        while (q < n_ && q - p < 4 && hex_digit(q))
            ++q;
        return q > p && listp(q);
    }

    [[nodiscard]] bool group(std::size_t g, std::size_t q, std::int64_t& v) const noexcept {
        return to_integer(g, q, false, 16, v);
    }
    [[nodiscard]] bool push_a(std::size_t g, std::size_t q) noexcept {
        return group(g, q, a_[static_cast<std::size_t>(na_++)]);
    }
    [[nodiscard]] bool push_b(std::size_t g, std::size_t q) noexcept {
        return group(g, q, b_[static_cast<std::size_t>(nb_++)]);
    }

    // The eight groups: a_, zeros, b_.
    [[nodiscard]] std::array<std::int64_t, 8> groups() const noexcept {
        std::array<std::int64_t, 8> out{};
        for (int i = 0; i < na_; ++i)
            out[static_cast<std::size_t>(i)] = a_[static_cast<std::size_t>(i)];
        for (int i = 0; i < nb_; ++i)
            out[static_cast<std::size_t>(8 - nb_ + i)] = b_[static_cast<std::size_t>(i)];
        return out;
    }

    st finish(parsed_address& out) const noexcept {
        out.v6 = true;
        out.parts = groups();
        out.float_group1.reset();
        return st::ok;
    }

    // A dotted quad ends the address; its text starts with the hex digits
    // already read as a group.
    st embedded_ipv4(std::size_t g, parsed_address& out) noexcept {
        std::array<std::int64_t, 4> d{};
        if (const st s = ipv4_strict(g, d); s != st::ok) return s;
        b_[static_cast<std::size_t>(nb_++)] = (d[0] << 8) | d[1];
        b_[static_cast<std::size_t>(nb_++)] = (d[2] << 8) | d[3];
        return finish(out);
    }

    // inet_parse:ipv6_addr_scope/5,4: everything after '%' up to the list end
    // is the scope; only "0" followed by decimal digits gives a number, and
    // it replaces the zero second group of an fe80:: or ff02:: address.
    st scope(std::size_t p, parsed_address& out) const noexcept {
        if (!s_.proper()) return st::fclause;
        std::int64_t id = 0;
        double fid = 0;
        bool is_float = false;
        if (at(p, '0')) {
            for (std::size_t i = p + 1; i < n_; ++i) {
                if (!s_.in_range(i, '0', '9')) return st::badarg;
                std::int64_t c = 0;
                double f = 0;
                if (s_.int_at(i, c) && !is_float) {
                    id = 10 * id + (c - '0');
                    if (id > 0xffff) return st::badarg;
                    continue;
                }
                if (!is_float) {
                    is_float = true;
                    fid = static_cast<double>(id);
                }
                if (s_.int_at(i, c)) {
                    f = static_cast<double>(c);
                } else {
                    (void)s_.float_at(i, f);
                }
                fid = 10 * fid + (f - '0');
                if (fid > 0xffff) return st::badarg;
            }
        }
        const int n = na_ + nb_;
        std::array<std::int64_t, 8> g{};
        if (na_ == 1 && n <= 7 && (a_[0] == 0xfe80 || a_[0] == 0xff02)) {
            g[0] = a_[0];
            for (int i = 0; i < nb_; ++i)
                g[static_cast<std::size_t>(8 - nb_ + i)] = b_[static_cast<std::size_t>(i)];
        } else {
            g = groups();
            if (!((g[0] == 0xfe80 || g[0] == 0xff02) && g[1] == 0)) return st::badarg;
        }
        out.v6 = true;
        out.parts = g;
        out.parts[1] = is_float ? 0 : id;
        out.float_group1.reset();
        if (is_float) out.float_group1 = fid;
        return st::ok;
    }

    const Seq& s_;
    std::size_t n_;
    // Written before they are read (na_ and nb_ count what is there).
    std::array<std::int64_t, 8> a_;
    std::array<std::int64_t, 8> b_;
    int na_ = 0;
    int nb_ = 0;
};

parsed_address mapped(const parsed_address& v4) noexcept {
    parsed_address out;
    out.v6 = true;
    out.parts = {
        0, 0, 0, 0, 0, 0xffff, (v4.parts[0] << 8) | v4.parts[1], (v4.parts[2] << 8) | v4.parts[3]};
    return out;
}

parse_status status_of(st s) noexcept {
    switch (s) {
        case st::ok:
            return parse_status::ok;
        case st::badarg:
            return parse_status::einval;
        default:
            return parse_status::function_clause;
    }
}

// A dotted quad of decimal fields 0..255 without leading zeros, the text
// ntoa writes: every parser but the strict IPv6 one reads it alike, and
// most texts are such quads, so it is read in one pass first.
bool plain_quad(std::string_view s, std::array<std::int64_t, 4>& out) noexcept {
    std::size_t i = 0;
    for (std::size_t f = 0; f < 4; ++f) {
        if (f > 0) {
            if (i >= s.size() || s[i] != '.') return false;
            ++i;
        }
        const std::size_t start = i;
        std::int64_t v = 0;
        while (i < s.size() && i - start < 3 && s[i] >= '0' && s[i] <= '9')
            v = v * 10 + (s[i++] - '0');
        const std::size_t len = i - start;
        if (len == 0 || v > 255 || (len > 1 && s[start] == '0')) return false;
        out[f] = v;
    }
    return i == s.size();
}

template <class Seq>
parse_outcome run(parser which, const Seq& seq) {
    parse_outcome out;
    if constexpr (std::is_same_v<Seq, text_seq>) {
        std::array<std::int64_t, 4> q{};
        if (which != parser::ipv6_strict && seq.proper() && plain_quad(seq.s, q)) {
            out.status = parse_status::ok;
            out.address.v6 = false;
            for (std::size_t i = 0; i < 4; ++i)
                out.address.parts[i] = q[i];
            if (which == parser::ipv6) out.address = mapped(out.address);
            return out;
        }
    }
    otp_parser<Seq> p(seq);
    st s = st::badarg;
    switch (which) {
        case parser::ipv4:
            s = p.ipv4(out.address);
            break;
        case parser::ipv4_strict:
            s = p.ipv4_strict(out.address);
            break;
        case parser::ipv6_strict:
            s = p.ipv6(out.address);
            break;
        case parser::ipv6:
            s = p.ipv4(out.address);
            if (s == st::ok) {
                out.address = mapped(out.address);
            } else if (s == st::badarg) {
                s = p.ipv6(out.address);
            }
            break;
        case parser::address:
        case parser::strict_address:
            s = which == parser::address ? p.ipv4(out.address) : p.ipv4_strict(out.address);
            if (s == st::badarg) s = p.ipv6(out.address);
            break;
    }
    out.status = status_of(s);
    return out;
}

// Short texts are copied to the stack; the addresses people write fit.
constexpr std::size_t stack_text = 64;

template <class F>
parse_outcome with_bytes(const std::vector<term>& elems, bool proper, parser which, F&& other) {
    char stack[stack_text];
    std::string heap;
    char* buf = stack;
    if (elems.size() > stack_text) {
        heap.resize(elems.size());
        buf = heap.data();
    }
    for (std::size_t i = 0; i < elems.size(); ++i) {
        const auto v = elems[i].as_int();
        if (!v || *v < 0 || *v > 255) return other();
        buf[i] = static_cast<char>(*v);
    }
    return run(which, text_seq{std::string_view(buf, elems.size()), proper});
}

// The text of an address: at most 39 characters of groups and 7 of a
// "%0" scope suffix, so a fixed buffer holds it.
struct address_text {
    char data[64];
    std::size_t size = 0;

    void push_back(char c) noexcept { data[size++] = c; }
    address_text& operator+=(std::string_view s) noexcept {
        for (char c : s)
            push_back(c);
        return *this;
    }
    [[nodiscard]] std::string_view view() const noexcept { return {data, size}; }
};

template <class Out>
void append_uint(Out& out, std::uint64_t v) {
    char digits[20];
    int n = 0;
    do {
        digits[n++] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v != 0);
    while (n > 0)
        out.push_back(digits[--n]);
}

template <class Out>
void append_hex(Out& out, unsigned v) {
    static constexpr char hexdigits[] = "0123456789abcdef";
    bool started = false;
    for (int shift = 12; shift >= 0; shift -= 4) {
        const unsigned d = (v >> shift) & 15U;
        if (d != 0 || started || shift == 0) {
            out.push_back(hexdigits[d]);
            started = true;
        }
    }
}

// A group as "High.Low" bytes, for the IPv4 tails of ntoa.
template <class Out>
void append_dotted_group(Out& out, unsigned v) {
    append_uint(out, v >> 8);
    out.push_back('.');
    append_uint(out, v & 255U);
}

// The groups with the longest run of two or more zero groups (the first of
// equally long runs) written as "::".
template <class Out>
void append_compressed(Out& out, const std::array<std::uint16_t, 8>& g) {
    int best = -1;
    int best_len = 1;
    for (int i = 0; i < 8;) {
        if (g[static_cast<std::size_t>(i)] != 0) {
            ++i;
            continue;
        }
        int j = i;
        while (j < 8 && g[static_cast<std::size_t>(j)] == 0)
            ++j;
        if (j - i > best_len) {
            best = i;
            best_len = j - i;
        }
        i = j;
    }
    for (int i = 0; i < 8; ++i) {
        if (i == best) {
            out += "::";
            i += best_len - 1;
            continue;
        }
        if (i > 0 && i != best + best_len) out.push_back(':');
        append_hex(out, g[static_cast<std::size_t>(i)]);
    }
}

// The integer parts of an n-tuple each within [0, max], or false.
template <std::size_t N>
bool int_parts(const term& t, std::int64_t max, std::array<std::int64_t, N>& out) noexcept {
    if (!t.is_tuple(N)) return false;
    const auto e = t.tuple_elements();
    for (std::size_t i = 0; i < N; ++i) {
        const auto v = e[i].as_int();
        if (!v || *v < 0 || *v > max) return false;
        out[i] = *v;
    }
    return true;
}

}  // namespace

parse_outcome parse(parser which, std::string_view text) {
    return run(which, text_seq{text, true});
}

parse_outcome parse_elements(parser which, std::span<const term> elements, bool proper) {
    return run(which, term_seq{elements, proper});
}

parse_outcome parse(parser which, const term& input) {
    if (!input.is_list()) {
        // parse_address/1 and parse_strict_address/1 take lists only.
        if (which == parser::address || which == parser::strict_address) return {};
        return run(which, term_seq{{}, false});
    }
    // The common case, a short string, is read without allocating.
    char stack[stack_text];
    if (const auto n = input.latin1_copy(stack)) {
        return run(which, text_seq{std::string_view(stack, *n), true});
    }
    if (auto elems = input.list_to_vector()) {
        return with_bytes(*elems, true, which, [&] { return run(which, term_seq{*elems, true}); });
    }
    // An improper list: its elements, then a tail that no clause takes.
    std::vector<term> elems;
    term rest = input;
    while (rest.is_cons()) {
        elems.push_back(*rest.head());
        rest = *rest.tail();
    }
    return with_bytes(elems, false, which, [&] { return run(which, term_seq{elems, false}); });
}

term address_term(const parsed_address& a) {
    const auto& p = a.parts;
    if (!a.v6) return tuple(p[0], p[1], p[2], p[3]);
    if (a.float_group1) return tuple(p[0], *a.float_group1, p[2], p[3], p[4], p[5], p[6], p[7]);
    return tuple(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]);
}

namespace {

void write_v4(address_text& out, const std::array<std::uint8_t, 4>& addr) {
    for (std::size_t i = 0; i < 4; ++i) {
        if (i > 0) out.push_back('.');
        append_uint(out, addr[i]);
    }
}

void write_v6(address_text& out, const std::array<std::uint16_t, 8>& g) {
    bool head_zero = true;  // the first five groups are zero
    for (std::size_t i = 0; i < 5; ++i)
        head_zero = head_zero && g[i] == 0;
    if (head_zero && g[5] == 0) {
        if (g[6] == 0 && g[7] == 0) {
            out += "::";
            return;
        }
        if (g[6] == 0 && g[7] == 1) {
            out += "::1";
            return;
        }
        // An IPv4-compatible address.
        out += "::";
        append_dotted_group(out, g[6]);
        out.push_back('.');
        append_dotted_group(out, g[7]);
        return;
    }
    if (head_zero && g[5] == 0xffff) {
        // An IPv4-mapped address.
        out += "::ffff:";
        append_dotted_group(out, g[6]);
        out.push_back('.');
        append_dotted_group(out, g[7]);
        return;
    }
    if ((g[0] == 0xfe80 || g[0] == 0xff02) && g[1] != 0) {
        // Link-local and link-scope multicast keep a scope id in the second
        // group; it is written as a %0-prefixed decimal suffix.
        std::array<std::uint16_t, 8> plain = g;
        plain[1] = 0;
        append_compressed(out, plain);
        out += "%0";
        append_uint(out, g[1]);
        return;
    }
    append_compressed(out, g);
}

// The text of an address tuple, or false for anything else.
bool write_address(address_text& out, const term& addr) {
    if (std::array<std::int64_t, 4> p{}; int_parts(addr, 255, p)) {
        write_v4(out, {static_cast<std::uint8_t>(p[0]), static_cast<std::uint8_t>(p[1]),
                       static_cast<std::uint8_t>(p[2]), static_cast<std::uint8_t>(p[3])});
        return true;
    }
    if (std::array<std::int64_t, 8> p{}; int_parts(addr, 0xffff, p)) {
        std::array<std::uint16_t, 8> g{};
        for (std::size_t i = 0; i < 8; ++i)
            g[i] = static_cast<std::uint16_t>(p[i]);
        write_v6(out, g);
        return true;
    }
    return false;
}

}  // namespace

std::string ntoa_text(const std::array<std::uint8_t, 4>& addr) {
    address_text out;
    write_v4(out, addr);
    return std::string(out.view());
}

std::string ntoa_text(const std::array<std::uint16_t, 8>& groups) {
    address_text out;
    write_v6(out, groups);
    return std::string(out.view());
}

std::optional<std::string> ntoa_text(const term& addr) {
    address_text out;
    if (!write_address(out, addr)) return std::nullopt;
    return std::string(out.view());
}

term ntoa_term(const term& addr) {
    // The unspecified and loopback addresses are common enough to keep
    // their texts (terms are immutable, so every caller may share them).
    // Never destroyed (docs/reliability.md).
    static const term& unspecified = *new term(latin1_string("::"));
    static const term& loopback6 = *new term(latin1_string("::1"));
    address_text out;
    if (!write_address(out, addr)) return term();
    if (out.view() == "::1") return loopback6;
    if (out.view() == "::") return unspecified;
    return latin1_string(out.view());
}

bool is_ipv4(const term& t) noexcept {
    std::array<std::int64_t, 4> p{};
    return int_parts(t, 255, p);
}

bool is_ipv6(const term& t) noexcept {
    std::array<std::int64_t, 8> p{};
    return int_parts(t, 0xffff, p);
}

}  // namespace esock::inet::core
