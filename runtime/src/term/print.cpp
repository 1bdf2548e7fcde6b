// SPDX-License-Identifier: Apache-2.0
// Printing terms exactly as OTP 25's io_lib:format("~w") and ("~9999p") do,
// with the output's code points encoded as UTF-8.
//
// ~p differs from ~w only in writing printable latin-1 lists as "strings" and
// binaries whose bytes are all printable latin-1 as <<"text">>; at 9999
// columns nothing esock prints is long enough to be broken over lines.

#include <array>
#include <charconv>
#include <ostream>
#include <string>

#include <esock/term_text.hpp>

#include "term_internal.hpp"

namespace esock {
namespace detail {

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

namespace {

// Decodes UTF-8 (atom names are valid UTF-8 by construction); a stray byte
// stands for itself.
template <class F>
void for_each_code_point(std::string_view s, F&& f) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const auto* end = p + s.size();
    while (p < end) {
        std::uint32_t c = *p;
        int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
        if (extra == 0 || end - p <= extra) {
            f(c);
            ++p;
            continue;
        }
        std::uint32_t cp = c & (0x3F >> extra);
        for (int i = 1; i <= extra; ++i)
            cp = (cp << 6) | (p[i] & 0x3F);
        f(cp);
        p += extra + 1;
    }
}

bool is_latin1_lower(std::uint32_t c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7);
}

bool is_name_char(std::uint32_t c) noexcept {
    return is_latin1_lower(c) || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) ||
           (c >= '0' && c <= '9') || c == '_' || c == '@';
}

// Erlang's reserved words, which io_lib quotes although they look like names.
// (maybe and else are reserved only with the maybe_expr feature, which OTP 25
// leaves off.)
bool is_reserved_word(std::string_view s) noexcept {
    static constexpr std::array<std::string_view, 27> words = {
        "after", "and",  "andalso", "band",   "begin",   "bnot", "bor", "bsl",  "bsr",
        "bxor",  "case", "catch",   "cond",   "div",     "end",  "fun", "if",   "let",
        "not",   "of",   "or",      "orelse", "receive", "rem",  "try", "when", "xor"};
    for (std::string_view w : words) {
        if (w == s) return true;
    }
    return false;
}

}  // namespace

bool atom_needs_quotes(std::string_view name) noexcept {
    if (name.empty() || is_reserved_word(name)) return true;
    bool first = true;
    bool quote = false;
    for_each_code_point(name, [&](std::uint32_t c) {
        if (first ? !is_latin1_lower(c) : !is_name_char(c)) quote = true;
        first = false;
    });
    return quote;
}

}  // namespace detail

namespace {

using detail::append_utf8;

// Latin-1 characters io_lib counts as printable in strings and binaries.
bool is_printable_latin1(std::int64_t c) noexcept {
    return (c >= 32 && c <= 126) || (c >= 160 && c <= 255) || (c >= 8 && c <= 13) || c == 27;
}

// One character inside a quoted atom or a string, escaped as io_lib does.
void append_quoted_char(std::string& out, std::uint32_t c, char quote) {
    if (c == static_cast<std::uint32_t>(quote) || c == '\\') {
        out.push_back('\\');
        out.push_back(static_cast<char>(c));
        return;
    }
    if ((c >= 32 && c <= 126) || (c >= 160 && c <= 255)) {
        append_utf8(out, c);
        return;
    }
    switch (c) {
        case '\n':
            out += "\\n";
            return;
        case '\r':
            out += "\\r";
            return;
        case '\t':
            out += "\\t";
            return;
        case '\v':
            out += "\\v";
            return;
        case '\b':
            out += "\\b";
            return;
        case '\f':
            out += "\\f";
            return;
        case 27:
            out += "\\e";
            return;
        case 127:
            out += "\\d";
            return;
        default:
            break;
    }
    if (c < 160) {
        out.push_back('\\');
        out.push_back(static_cast<char>('0' + ((c >> 6) & 7)));
        out.push_back(static_cast<char>('0' + ((c >> 3) & 7)));
        out.push_back(static_cast<char>('0' + (c & 7)));
        return;
    }
    // Beyond latin-1: io_lib writes \x{HEX} with upper-case digits.
    char buf[16];
    auto res = std::to_chars(buf, buf + sizeof buf, c, 16);
    out += "\\x{";
    for (char* p = buf; p != res.ptr; ++p) {
        out.push_back(*p >= 'a' && *p <= 'f' ? static_cast<char>(*p - 'a' + 'A') : *p);
    }
    out.push_back('}');
}

void append_int(std::string& out, std::int64_t v) {
    char buf[24];
    auto res = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, res.ptr);
}

void append_uint(std::string& out, std::uint64_t v) {
    char buf[24];
    auto res = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, res.ptr);
}

void append_atom(std::string& out, atom a) {
    const std::string_view name = a.name();
    if (!detail::atom_is_quoted(a)) {
        out += name;
        return;
    }
    out.push_back('\'');
    detail::for_each_code_point(name, [&](std::uint32_t c) { append_quoted_char(out, c, '\''); });
    out.push_back('\'');
}

// A non-empty proper list of printable latin-1 character codes.
bool is_printable_list(const term& t) {
    if (!t.is_cons()) return false;
    term cur = t;
    while (cur.is_cons()) {
        auto c = cur.head()->as_int();
        if (!c || !is_printable_latin1(*c)) return false;
        cur = *cur.tail();
    }
    return cur.is_nil();
}

bool is_printable_binary(std::span<const std::uint8_t> bytes) {
    for (std::uint8_t b : bytes) {
        if (!is_printable_latin1(b)) return false;
    }
    return true;
}

class printer {
  public:
    printer(std::string& out, bool pretty) : out_(out), pretty_(pretty) {}

    void write(const term& t) {
        switch (t.kind()) {
            case term_kind::integer:
                append_int(out_, *t.as_int());
                return;
            case term_kind::float_:
                detail::append_float(out_, *t.as_float());
                return;
            case term_kind::atom:
                append_atom(out_, *t.as_atom());
                return;
            case term_kind::reference:
                out_ += "#Ref<0.0.0.";
                append_uint(out_, t.ref_number());
                out_ += ">";
                return;
            case term_kind::pid:
                out_ += "<0.";
                append_uint(out_, t.pid_number());
                out_ += ".0>";
                return;
            case term_kind::tuple:
                write_sequence('{', t.tuple_elements(), '}');
                return;
            case term_kind::map:
                write_map(t);
                return;
            case term_kind::nil:
                out_ += "[]";
                return;
            case term_kind::list:
                write_list(t);
                return;
            case term_kind::binary:
                write_binary(t.binary_bytes());
                return;
        }
    }

  private:
    void write_sequence(char open, std::span<const term> items, char close) {
        out_.push_back(open);
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i > 0) out_.push_back(',');
            write(items[i]);
        }
        out_.push_back(close);
    }

    void write_map(const term& t) {
        out_ += "#{";
        bool first = true;
        for (const map_entry& e : t.map_entries()) {
            if (!first) out_.push_back(',');
            first = false;
            write(e.key);
            out_ += " => ";
            write(e.value);
        }
        out_.push_back('}');
    }

    void write_list(const term& t) {
        if (pretty_ && is_printable_list(t)) {
            out_.push_back('"');
            term cur = t;
            while (cur.is_cons()) {
                append_quoted_char(out_, static_cast<std::uint32_t>(*cur.head()->as_int()), '"');
                cur = *cur.tail();
            }
            out_.push_back('"');
            return;
        }
        out_.push_back('[');
        term cur = t;
        bool first = true;
        while (cur.is_cons()) {
            if (!first) out_.push_back(',');
            first = false;
            write(*cur.head());
            cur = *cur.tail();
        }
        if (!cur.is_nil()) {
            out_.push_back('|');
            write(cur);
        }
        out_.push_back(']');
    }

    void write_binary(std::span<const std::uint8_t> bytes) {
        out_ += "<<";
        if (pretty_ && !bytes.empty() && is_printable_binary(bytes)) {
            out_.push_back('"');
            for (std::uint8_t b : bytes)
                append_quoted_char(out_, b, '"');
            out_.push_back('"');
        } else {
            for (std::size_t i = 0; i < bytes.size(); ++i) {
                if (i > 0) out_.push_back(',');
                append_int(out_, bytes[i]);
            }
        }
        out_ += ">>";
    }

    std::string& out_;
    bool pretty_;
};

}  // namespace

void write_w(std::string& out, const term& t) {
    printer(out, false).write(t);
}
void write_p(std::string& out, const term& t) {
    printer(out, true).write(t);
}

std::string format_w(const term& t) {
    std::string out;
    write_w(out, t);
    return out;
}

std::string format_p(const term& t) {
    std::string out;
    write_p(out, t);
    return out;
}

std::ostream& operator<<(std::ostream& os, const term& t) {
    return os << format_w(t);
}

std::ostream& operator<<(std::ostream& os, atom a) {
    return os << format_w(term(a));
}

}  // namespace esock
