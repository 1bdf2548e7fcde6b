// SPDX-License-Identifier: Apache-2.0
// A recursive-descent parser for one Erlang literal term, working on code
// points so that columns count characters as the Erlang scanner does.

#include <bit>
#include <charconv>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include <esock/term_text.hpp>

#include "term_internal.hpp"

namespace esock {
namespace {

constexpr std::size_t max_atom_length = 255;  // characters, as in the BEAM

struct failure {
    std::size_t pos;
    std::string message;
};

bool is_digit(std::uint32_t c) noexcept {
    return c >= '0' && c <= '9';
}

int digit_value(std::uint32_t c) noexcept {
    if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
    if (c >= 'a' && c <= 'z') return static_cast<int>(c - 'a' + 10);
    if (c >= 'A' && c <= 'Z') return static_cast<int>(c - 'A' + 10);
    return 99;
}

bool starts_atom(std::uint32_t c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7);
}

bool starts_variable(std::uint32_t c) noexcept {
    return (c >= 'A' && c <= 'Z') || c == '_' || (c >= 0xC0 && c <= 0xDE && c != 0xD7);
}

bool is_name_char(std::uint32_t c) noexcept {
    return starts_atom(c) || starts_variable(c) || is_digit(c) || c == '@';
}

// The Erlang scanner treats NUL..space and the latin-1 range 128..160 as
// white space.
bool is_space(std::uint32_t c) noexcept {
    return c <= ' ' || (c >= 0x80 && c <= 0xA0);
}

class parser {
  public:
    explicit parser(std::string_view text) : text_(text) {}

    parse_result run() {
        parse_result result;
        try {
            decode();
            skip_space();
            term t = parse_term(0);
            skip_space();
            if (peek() == '.') {
                ++pos_;
                skip_space();
            }
            if (pos_ < cps_.size()) fail(pos_, "unexpected text after the term");
            result.value = std::move(t);
        } catch (const failure& f) {
            result.error = make_error(f);
        }
        return result;
    }

  private:
    // -- input ------------------------------------------------------------------
    void decode() {
        const auto* p = reinterpret_cast<const unsigned char*>(text_.data());
        const auto* end = p + text_.size();
        cps_.reserve(text_.size());
        while (p < end) {
            std::uint32_t c = *p;
            int extra = 0;
            std::uint32_t min = 0;
            if (c < 0x80) {
                extra = 0;
            } else if (c >= 0xC2 && c < 0xE0) {
                extra = 1;
                min = 0x80;
            } else if (c >= 0xE0 && c < 0xF0) {
                extra = 2;
                min = 0x800;
            } else if (c >= 0xF0 && c < 0xF5) {
                extra = 3;
                min = 0x10000;
            } else {
                fail(cps_.size(), "invalid UTF-8 in the input");
            }
            if (end - p <= extra) fail(cps_.size(), "invalid UTF-8 in the input");
            std::uint32_t cp = extra == 0 ? c : (c & (0x3F >> extra));
            for (int i = 1; i <= extra; ++i) {
                if ((p[i] & 0xC0) != 0x80) fail(cps_.size(), "invalid UTF-8 in the input");
                cp = (cp << 6) | (p[i] & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                fail(cps_.size(), "invalid UTF-8 in the input");
            }
            cps_.push_back(cp);
            p += extra + 1;
        }
    }

    [[nodiscard]] std::uint32_t peek(std::size_t ahead = 0) const noexcept {
        return pos_ + ahead < cps_.size() ? cps_[pos_ + ahead] : 0xFFFFFFFF;
    }
    [[nodiscard]] bool at_end() const noexcept { return pos_ >= cps_.size(); }

    [[noreturn]] static void fail(std::size_t pos, std::string message) {
        throw failure{pos, std::move(message)};
    }

    parse_error make_error(const failure& f) const {
        parse_error e;
        e.line = 1;
        e.column = 1;
        for (std::size_t i = 0; i < f.pos && i < cps_.size(); ++i) {
            if (cps_[i] == '\n') {
                ++e.line;
                e.column = 1;
            } else {
                ++e.column;
            }
        }
        e.message = f.message;
        return e;
    }

    std::string describe_here() const {
        if (at_end()) return "end of input";
        std::string s = "'";
        detail::append_utf8(s, peek());
        s += "'";
        return s;
    }

    void skip_space() {
        while (!at_end()) {
            if (is_space(peek())) {
                ++pos_;
            } else if (peek() == '%') {
                while (!at_end() && peek() != '\n')
                    ++pos_;
            } else {
                break;
            }
        }
    }

    // -- terms -----------------------------------------------------------------
    term parse_term(std::size_t depth) {
        skip_space();
        const std::size_t start = pos_;
        const std::uint32_t c = peek();
        if (at_end()) fail(pos_, "expected a term, found end of input");
        if (c == '{' || c == '[' || c == '#' || (c == '<' && peek(1) == '<')) {
            if (depth >= max_parse_depth) fail(pos_, "terms nested too deeply");
        }
        switch (c) {
            case '{':
                return parse_tuple(depth);
            case '[':
                return parse_list(depth);
            case '#':
                return parse_map(depth);
            case '"':
                return string_term(parse_strings());
            case '\'':
                return parse_quoted_atom();
            case '$':
                return term(static_cast<std::int64_t>(parse_char()));
            case '-':
            case '+':
                return parse_signed();
            default:
                break;
        }
        if (c == '<' && peek(1) == '<') return parse_binary(depth);
        if (is_digit(c)) return parse_number(false);
        if (starts_atom(c)) return parse_bare_atom();
        if (starts_variable(c)) {
            fail(start, "variables are not supported in literals (found " + read_name_text() + ")");
        }
        fail(start, "expected a term, found " + describe_here());
    }

    // True (and consumed) when the input continues with `token`.
    bool accept_token(std::string_view token) {
        for (std::size_t i = 0; i < token.size(); ++i) {
            if (peek(i) != static_cast<unsigned char>(token[i])) return false;
        }
        pos_ += token.size();
        return true;
    }

    // Items separated by commas up to `close`, the opening bracket already
    // consumed. `item` parses one and returns true when it must be the last
    // (a list's "| Tail").
    template <class Item>
    void parse_items(std::string_view close, const char* what, Item&& item) {
        skip_space();
        if (accept_token(close)) return;
        for (;;) {
            const bool last = item();
            skip_space();
            if (!last && accept_token(",")) continue;
            if (accept_token(close)) return;
            fail(pos_, std::string("expected ") + (last ? "" : "',' or ") + "'" +
                           std::string(close) + "' in " + what + ", found " + describe_here());
        }
    }

    term parse_tuple(std::size_t depth) {
        ++pos_;  // {
        std::vector<term> items;
        parse_items("}", "tuple", [&] {
            items.push_back(parse_term(depth + 1));
            return false;
        });
        return tuple_from(std::move(items));
    }

    term parse_list(std::size_t depth) {
        ++pos_;  // [
        std::vector<term> items;
        term tail;
        parse_items("]", "list", [&] {
            items.push_back(parse_term(depth + 1));
            skip_space();
            if (!accept_token("|")) return false;
            tail = parse_term(depth + 1);
            return true;
        });
        return list_from(items, std::move(tail));
    }

    term parse_map(std::size_t depth) {
        ++pos_;  // #
        if (!accept_token("{")) fail(pos_, "expected '{' after '#' (records are not literals)");
        std::vector<map_entry> entries;
        parse_items("}", "map", [&] {
            term key = parse_term(depth + 1);
            skip_space();
            if (peek() == ':' && peek(1) == '=') fail(pos_, "':=' is not allowed in a map literal");
            if (!accept_token("=>")) fail(pos_, "expected '=>' in map, found " + describe_here());
            entries.push_back(map_entry{std::move(key), parse_term(depth + 1)});
            return false;
        });
        return map_from(std::move(entries));
    }

    // << Segment, ... >>: Value[:Size][/Type-Specifier-...] with integer,
    // character, float, string or nested binary values and the integer,
    // float, binary/bytes and utf8/16/32 types, big/little/native endianness
    // and unit:N. Every segment must be a whole number of bytes (esock has no
    // bitstrings). Integers keep their low bits, as in Erlang.
    term parse_binary(std::size_t depth) {
        pos_ += 2;  // <<
        std::string bytes;
        parse_items(">>", "binary", [&] {
            parse_segment(bytes, depth);
            return false;
        });
        return binary(bytes);
    }

    enum class segment_type { unset, integer, floating, bytes, utf8, utf16, utf32 };

    // A type specifier sets the segment's type or its byte order (signed and
    // unsigned change nothing for whole-byte segments written from int64).
    struct segment_specifier {
        std::string_view name;
        segment_type type;
        std::optional<std::endian> endianness;
    };

    static const segment_specifier* find_specifier(std::string_view name) {
        static constexpr segment_specifier specifiers[] = {
            {"integer", segment_type::integer, std::nullopt},
            {"float", segment_type::floating, std::nullopt},
            {"binary", segment_type::bytes, std::nullopt},
            {"bytes", segment_type::bytes, std::nullopt},
            {"utf8", segment_type::utf8, std::nullopt},
            {"utf16", segment_type::utf16, std::nullopt},
            {"utf32", segment_type::utf32, std::nullopt},
            {"signed", segment_type::unset, std::nullopt},
            {"unsigned", segment_type::unset, std::nullopt},
            {"big", segment_type::unset, std::endian::big},
            {"little", segment_type::unset, std::endian::little},
            {"native", segment_type::unset, std::endian::native},
        };
        for (const auto& s : specifiers) {
            if (s.name == name) return &s;
        }
        return nullptr;
    }

    void parse_segment(std::string& out, std::size_t depth) {
        skip_space();
        const std::size_t seg_start = pos_;
        // The value: a string stands for one segment per character.
        std::vector<term> values;
        const std::uint32_t c = peek();
        if (c == '"') {
            for (std::uint32_t ch : parse_strings())
                values.emplace_back(static_cast<std::int64_t>(ch));
        } else if (c == '$') {
            values.emplace_back(static_cast<std::int64_t>(parse_char()));
        } else if (c == '<' && peek(1) == '<') {
            if (depth + 1 >= max_parse_depth) fail(pos_, "terms nested too deeply");
            values.push_back(parse_binary(depth + 1));
        } else if (is_digit(c) || c == '-' || c == '+') {
            values.push_back(c == '-' || c == '+' ? parse_signed() : parse_number(false));
        } else {
            fail(pos_, "expected an integer, float, character, string or binary segment, found " +
                           describe_here());
        }
        skip_space();
        std::optional<std::int64_t> size;
        if (peek() == ':') {
            ++pos_;
            skip_space();
            const std::size_t size_pos = pos_;
            if (!is_digit(peek())) fail(size_pos, "a segment size must be an integer");
            term n = parse_number(false);
            if (!n.is_integer()) fail(size_pos, "a segment size must be an integer");
            size = *n.as_int();
            skip_space();
        }
        segment_type type = segment_type::unset;
        bool little = false;
        std::optional<std::int64_t> unit;
        if (peek() == '/') {
            do {
                ++pos_;
                skip_space();
                const std::size_t spec_pos = pos_;
                const std::string spec = read_name_text();
                if (spec == "unit") {
                    skip_space();
                    if (peek() != ':') fail(pos_, "expected ':' after unit");
                    ++pos_;
                    skip_space();
                    if (!is_digit(peek())) fail(pos_, "a unit must be an integer from 1 to 256");
                    unit = *parse_number(false).as_int();
                    if (*unit < 1 || *unit > 256) {
                        fail(spec_pos, "a unit must be an integer from 1 to 256");
                    }
                } else if (const segment_specifier* known = find_specifier(spec)) {
                    if (known->type != segment_type::unset) type = known->type;
                    if (known->endianness) little = *known->endianness == std::endian::little;
                } else {
                    fail(spec_pos, "unsupported segment type '" + spec + "'");
                }
                skip_space();
            } while (peek() == '-');
        }
        for (const term& v : values) {
            segment_type t = type;
            if (t == segment_type::unset)
                t = v.is_binary() ? segment_type::bytes : segment_type::integer;
            write_segment(out, v, t, size, unit, little, seg_start);
        }
    }

    void write_segment(std::string& out, const term& v, segment_type type,
                       std::optional<std::int64_t> size, std::optional<std::int64_t> unit,
                       bool little, std::size_t at) {
        auto put_bytes = [&](std::uint64_t value, std::size_t nbytes) {
            for (std::size_t i = 0; i < nbytes; ++i) {
                const std::size_t shift = 8 * (little ? i : nbytes - 1 - i);
                out.push_back(static_cast<char>(shift < 64 ? (value >> shift) & 0xFF : 0));
            }
        };
        switch (type) {
            case segment_type::integer: {
                if (v.is_float()) fail(at, "a float value needs the /float type");
                if (!v.is_integer()) fail(at, "an integer segment needs an integer value");
                const std::int64_t bits = size.value_or(8) * unit.value_or(1);
                if (bits % 8 != 0 || bits < 0)
                    fail(at, "bitstrings are not supported (size must be whole bytes)");
                const auto value = static_cast<std::uint64_t>(*v.as_int());
                const std::size_t nbytes = static_cast<std::size_t>(bits / 8);
                if (nbytes > 65536) fail(at, "segment too large");
                // Beyond 64 bits the sign extends into the high bytes.
                const char fill = *v.as_int() < 0 ? '\xFF' : '\0';
                std::string seg(nbytes, fill);
                for (std::size_t i = 0; i < nbytes && i < 8; ++i) {
                    const char b = static_cast<char>((value >> (8 * i)) & 0xFF);
                    seg[little ? i : nbytes - 1 - i] = b;
                }
                out += seg;
                return;
            }
            case segment_type::floating: {
                if (!v.is_number()) fail(at, "a float segment needs a number");
                const double d = v.is_float() ? *v.as_float() : static_cast<double>(*v.as_int());
                const std::int64_t bits = size.value_or(64) * unit.value_or(1);
                if (bits == 64) {
                    put_bytes(std::bit_cast<std::uint64_t>(d), 8);
                } else if (bits == 32) {
                    put_bytes(std::bit_cast<std::uint32_t>(static_cast<float>(d)), 4);
                } else {
                    fail(at, "a float segment must be 32 or 64 bits");
                }
                return;
            }
            case segment_type::bytes: {
                if (!v.is_binary()) fail(at, "a binary segment needs a binary value");
                std::string_view b = v.binary_view();
                if (size) {
                    const std::int64_t bits = *size * unit.value_or(8);
                    if (bits % 8 != 0)
                        fail(at, "bitstrings are not supported (size must be whole bytes)");
                    if (static_cast<std::uint64_t>(bits / 8) > b.size())
                        fail(at, "binary segment larger than its value");
                    b = b.substr(0, static_cast<std::size_t>(bits / 8));
                }
                out += b;
                return;
            }
            case segment_type::utf8:
            case segment_type::utf16:
            case segment_type::utf32: {
                if (size || unit) fail(at, "a utf segment takes no size");
                auto cp = v.as_int();
                if (!cp || *cp < 0 || *cp > 0x10FFFF || (*cp >= 0xD800 && *cp <= 0xDFFF)) {
                    fail(at, "not a valid code point for a utf segment");
                }
                const auto ch = static_cast<std::uint32_t>(*cp);
                if (type == segment_type::utf8) {
                    detail::append_utf8(out, ch);
                } else if (type == segment_type::utf32) {
                    put_bytes(ch, 4);
                } else if (ch < 0x10000) {
                    put_bytes(ch, 2);
                } else {
                    const std::uint32_t u = ch - 0x10000;
                    put_bytes(0xD800 | (u >> 10), 2);
                    put_bytes(0xDC00 | (u & 0x3FF), 2);
                }
                return;
            }
            case segment_type::unset:
                break;
        }
    }

    // -- atoms -------------------------------------------------------------------
    std::string read_name_text() {
        std::string s;
        while (!at_end() && is_name_char(peek()))
            detail::append_utf8(s, cps_[pos_++]);
        return s;
    }

    term parse_bare_atom() {
        const std::size_t start = pos_;
        std::size_t length = 0;
        std::string name;
        while (!at_end() && is_name_char(peek())) {
            detail::append_utf8(name, cps_[pos_++]);
            ++length;
        }
        if (length > max_atom_length) fail(start, "atom too long (more than 255 characters)");
        if (detail::atom_needs_quotes(name)) {
            fail(start, "reserved word '" + name + "' must be quoted to be an atom");
        }
        return atom(name);
    }

    term parse_quoted_atom() {
        const std::size_t start = pos_;
        ++pos_;  // '
        std::string name;
        std::size_t length = 0;
        for (;;) {
            if (at_end()) fail(start, "unterminated quoted atom");
            std::uint32_t c = cps_[pos_];
            if (c == '\'') {
                ++pos_;
                break;
            }
            if (c == '\\') {
                c = parse_escape();
            } else {
                ++pos_;
            }
            detail::append_utf8(name, c);
            ++length;
        }
        if (length > max_atom_length) fail(start, "atom too long (more than 255 characters)");
        return atom(name);
    }

    // -- strings and characters ----------------------------------------------------
    // One or more adjacent string literals, concatenated as Erlang does.
    std::vector<std::uint32_t> parse_strings() {
        std::vector<std::uint32_t> chars;
        do {
            const std::size_t start = pos_;
            ++pos_;  // "
            for (;;) {
                if (at_end()) fail(start, "unterminated string");
                std::uint32_t c = cps_[pos_];
                if (c == '"') {
                    ++pos_;
                    break;
                }
                if (c == '\\') {
                    chars.push_back(parse_escape());
                } else {
                    chars.push_back(c);
                    ++pos_;
                }
            }
            skip_space();
        } while (peek() == '"');
        return chars;
    }

    static term string_term(const std::vector<std::uint32_t>& chars) {
        std::vector<term> items;
        items.reserve(chars.size());
        for (std::uint32_t c : chars)
            items.emplace_back(static_cast<std::int64_t>(c));
        return list_from(std::move(items));
    }

    std::uint32_t parse_char() {
        const std::size_t start = pos_;
        ++pos_;  // $
        if (at_end()) fail(start, "'$' at end of input");
        if (peek() == '\\') return parse_escape();
        return cps_[pos_++];
    }

    // At a backslash: consumes the escape sequence and returns its character.
    std::uint32_t parse_escape() {
        const std::size_t start = pos_;
        ++pos_;  // backslash
        if (at_end()) fail(start, "escape sequence at end of input");
        const std::uint32_t c = cps_[pos_++];
        switch (c) {
            case 'b':
                return '\b';
            case 'd':
                return 127;
            case 'e':
                return 27;
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 's':
                return ' ';
            case 't':
                return '\t';
            case 'v':
                return '\v';
            case '^': {
                if (at_end()) fail(start, "escape sequence at end of input");
                return cps_[pos_++] & 31;
            }
            case 'x': {
                std::uint32_t v = 0;
                if (peek() == '{') {
                    ++pos_;
                    std::size_t n = 0;
                    while (!at_end() && peek() != '}') {
                        int d = digit_value(peek());
                        if (d >= 16) fail(pos_, "bad hexadecimal digit in \\x{...}");
                        if (v > 0x10FFFF) fail(start, "character code too large in \\x{...}");
                        v = v * 16 + static_cast<std::uint32_t>(d);
                        ++pos_;
                        ++n;
                    }
                    if (at_end() || n == 0) fail(start, "bad \\x{...} escape");
                    ++pos_;  // }
                    if (v > 0x10FFFF) fail(start, "character code too large in \\x{...}");
                    return v;
                }
                for (int i = 0; i < 2; ++i) {
                    int d = digit_value(peek());
                    if (at_end() || d >= 16) fail(start, "bad \\xHH escape");
                    v = v * 16 + static_cast<std::uint32_t>(d);
                    ++pos_;
                }
                return v;
            }
            default:
                break;
        }
        if (c >= '0' && c <= '7') {
            std::uint32_t v = c - '0';
            for (int i = 0; i < 2 && peek() >= '0' && peek() <= '7'; ++i)
                v = v * 8 + (cps_[pos_++] - '0');
            return v;
        }
        return c;  // \\ \' \" and any other character stand for themselves
    }

    // -- numbers -------------------------------------------------------------------
    term parse_signed() {
        const std::size_t start = pos_;
        const bool negative = peek() == '-';
        ++pos_;
        skip_space();
        if (!is_digit(peek()) && peek() != '$') {
            fail(start, "a sign must be followed by a number");
        }
        if (peek() == '$') {
            std::int64_t v = parse_char();
            return term(negative ? -v : v);
        }
        return parse_number(negative);
    }

    // Digits of `base`, with single underscores allowed between digits.
    std::string read_digits(int base) {
        std::string digits;
        const std::size_t start = pos_;
        while (!at_end()) {
            const std::uint32_t c = peek();
            if (c == '_') {
                if (digits.empty() || digit_value(peek(1)) >= base) break;
                ++pos_;
                continue;
            }
            if (digit_value(c) >= base) break;
            digits.push_back(static_cast<char>(c));
            ++pos_;
        }
        if (digits.empty()) fail(start, "expected a digit");
        return digits;
    }

    static std::optional<std::int64_t> to_int64(const std::string& digits, int base,
                                                bool negative) {
        // Accumulate the magnitude in 64 unsigned bits; 2^63 is allowed only
        // when negative.
        std::uint64_t v = 0;
        const std::uint64_t limit = negative ? (std::uint64_t{1} << 63) : INT64_MAX;
        for (char ch : digits) {
            const auto d = static_cast<std::uint64_t>(digit_value(static_cast<unsigned char>(ch)));
            if (v > (limit - d) / static_cast<std::uint64_t>(base)) return std::nullopt;
            v = v * static_cast<std::uint64_t>(base) + d;
        }
        if (negative) return static_cast<std::int64_t>(0 - v);
        return static_cast<std::int64_t>(v);
    }

    term parse_number(bool negative) {
        const std::size_t start = pos_;
        std::string digits = read_digits(10);
        if (peek() == '#') {
            auto base = to_int64(digits, 10, false);
            if (!base || *base < 2 || *base > 36) fail(start, "a base must be between 2 and 36");
            ++pos_;
            std::string based = read_digits(static_cast<int>(*base));
            auto v = to_int64(based, static_cast<int>(*base), negative);
            if (!v) fail(start, "integer out of the 64-bit range");
            return term(*v);
        }
        if (peek() == '.' && is_digit(peek(1))) {
            ++pos_;
            std::string text = digits + "." + read_digits(10);
            if (peek() == 'e' || peek() == 'E') {
                const std::size_t exp_pos = pos_;
                ++pos_;
                text.push_back('e');
                if (peek() == '-' || peek() == '+') text.push_back(static_cast<char>(cps_[pos_++]));
                if (!is_digit(peek())) fail(exp_pos, "expected digits in the float's exponent");
                text += read_digits(10);
            }
            double value = 0;
            auto res = std::from_chars(text.data(), text.data() + text.size(), value);
            if (res.ec != std::errc() || !std::isfinite(value)) {
                fail(start, "float out of range");
            }
            return term(negative ? -value : value);
        }
        auto v = to_int64(digits, 10, negative);
        if (!v) fail(start, "integer out of the 64-bit range");
        return term(*v);
    }

    std::string_view text_;
    std::vector<std::uint32_t> cps_;
    std::size_t pos_ = 0;
};

}  // namespace

std::string parse_error::to_string() const {
    return std::to_string(line) + ":" + std::to_string(column) + ": " + message;
}

parse_result parse_term(std::string_view text) {
    return parser(text).run();
}

term lit(std::string_view text) {
    parse_result r = parse_term(text);
    if (!r.ok()) throw std::invalid_argument("bad term literal: " + r.error.to_string());
    return std::move(*r.value);
}

}  // namespace esock
