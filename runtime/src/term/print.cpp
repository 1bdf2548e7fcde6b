// SPDX-License-Identifier: Apache-2.0
// Printing terms on one line exactly as OTP 25's io_lib:format("~w") does,
// and ~p's one-line form, with the output's code points encoded as UTF-8.
// The ~p layout over several lines is in pretty.cpp.
//
// ~p's one-line form differs from ~w only in writing printable latin-1 lists
// as "strings" and binaries whose bytes are all printable latin-1 as
// <<"text">>.

#include <array>
#include <bit>
#include <charconv>
#include <cstring>
#include <ostream>
#include <string>

#include <esock/term_text.hpp>

#include "print_internal.hpp"
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

// One open tuple, map or list of write_flat and where it is in its items.
struct flat_frame {
    term_kind kind;
    bool at_value;  // map: the key of entry `index` is written, its value is next
    bool at_tail;   // list: the improper tail is being written
    std::size_t index;
    std::size_t count;
    const term* items;           // tuple
    const map_entry* entries;    // map
    detail::list_cursor cursor;  // list: on the cell being written
};

}  // namespace

namespace detail {

void append_scalar(std::string& out, const term& t) {
    switch (t.kind()) {
        case term_kind::integer:
            append_int(out, term::internal::int_value(t));
            return;
        case term_kind::float_:
            append_float(out, term::internal::float_value(t));
            return;
        case term_kind::atom:
            append_atom(out, atom::from_index(term::internal::aux(t)));
            return;
        case term_kind::reference:
            out += "#Ref<0.0.0.";
            append_uint(out, t.ref_number());
            out += ">";
            return;
        case term_kind::pid:
            out += "<0.";
            append_uint(out, t.pid_number());
            out += ".0>";
            return;
        case term_kind::nil:
        case term_kind::tuple:
        case term_kind::map:
        case term_kind::list:
        case term_kind::binary:
            break;
    }
    out += "[]";
}

bool is_printable_list(const term& t) noexcept {
    if (!t.is_cons()) return false;
    list_cursor c(t);
    for (; c.at_cell(); c.next()) {
        const term& h = c.head();
        if (!h.is_integer() || !is_printable_latin1(term::internal::int_value(h))) return false;
    }
    return c.end().is_nil();
}

void append_string(std::string& out, const term& t) {
    out.push_back('"');
    for (list_cursor c(t); c.at_cell(); c.next()) {
        append_quoted_char(out, static_cast<std::uint32_t>(term::internal::int_value(c.head())),
                           '"');
    }
    out.push_back('"');
}

bool is_printable_binary(std::span<const std::uint8_t> bytes) noexcept {
    for (std::uint8_t b : bytes) {
        if (!is_printable_latin1(b)) return false;
    }
    return true;
}

void append_binary(std::string& out, std::span<const std::uint8_t> bytes, bool pretty) {
    out += "<<";
    if (pretty && !bytes.empty() && is_printable_binary(bytes)) {
        out.push_back('"');
        for (std::uint8_t b : bytes)
            append_quoted_char(out, b, '"');
        out.push_back('"');
    } else {
        for (std::size_t i = 0; i < bytes.size(); ++i) {
            if (i > 0) out.push_back(',');
            append_int(out, bytes[i]);
        }
    }
    out += ">>";
}

bool write_flat(std::string& out, const term& root, bool pretty, std::size_t limit) {
    small_stack<flat_frame, 16> open;
    const std::size_t start = out.size();
    const term* t = &root;
    while (t != nullptr) {
        if (out.size() - start > limit) return false;
        // Write `t`, or open it and go down to its first item.
        switch (t->kind()) {
            case term_kind::tuple: {
                const auto items = t->tuple_elements();
                if (items.empty()) {
                    out += "{}";
                    break;
                }
                out.push_back('{');
                open.push({term_kind::tuple, false, false, 0, items.size(), items.data(), nullptr,
                           list_cursor()});
                t = &items[0];
                continue;
            }
            case term_kind::map: {
                const auto entries = t->map_entries();
                if (entries.empty()) {
                    out += "#{}";
                    break;
                }
                out += "#{";
                open.push({term_kind::map, false, false, 0, entries.size(), nullptr, entries.data(),
                           list_cursor()});
                t = &entries[0].key;
                continue;
            }
            case term_kind::list:
                if (pretty && is_printable_list(*t)) {
                    append_string(out, *t);
                    break;
                }
                out.push_back('[');
                open.push({term_kind::list, false, false, 0, 0, nullptr, nullptr, list_cursor(*t)});
                t = &open.top().cursor.head();
                continue;
            case term_kind::binary:
                append_binary(out, t->binary_bytes(), pretty);
                break;
            default:
                append_scalar(out, *t);
                break;
        }
        // `t` is written: close what is complete and find the next item.
        t = nullptr;
        while (t == nullptr && !open.empty()) {
            flat_frame& f = open.top();
            if (f.kind == term_kind::tuple) {
                if (++f.index < f.count) {
                    out.push_back(',');
                    t = &f.items[f.index];
                    continue;
                }
                out.push_back('}');
            } else if (f.kind == term_kind::map) {
                if (!f.at_value) {
                    out += " => ";
                    f.at_value = true;
                    t = &f.entries[f.index].value;
                    continue;
                }
                if (++f.index < f.count) {
                    out.push_back(',');
                    f.at_value = false;
                    t = &f.entries[f.index].key;
                    continue;
                }
                out.push_back('}');
            } else if (!f.at_tail) {
                f.cursor.next();
                if (f.cursor.at_cell()) {
                    out.push_back(',');
                    t = &f.cursor.head();
                    continue;
                }
                if (!f.cursor.end().is_nil()) {
                    out.push_back('|');
                    f.at_tail = true;
                    t = &f.cursor.end();
                    continue;
                }
                out.push_back(']');
            } else {
                out.push_back(']');
            }
            open.pop();
        }
    }
    return out.size() - start <= limit;
}

std::size_t printed_chars(std::string_view text) noexcept {
    // Counts the continuation bytes (10xxxxxx) eight at a time: a byte's
    // top bit set and the bit below it clear.
    constexpr std::uint64_t top_bits = 0x8080808080808080u;
    std::size_t continuations = 0;
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, text.data() + i, 8);
        continuations += static_cast<std::size_t>(std::popcount(w & ~(w << 1) & top_bits));
    }
    for (; i < text.size(); ++i)
        continuations += (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80 ? 1 : 0;
    return text.size() - continuations;
}

}  // namespace detail

void write_w(std::string& out, const term& t) {
    detail::write_flat(out, t, false);
}

std::string format_w(const term& t) {
    std::string out;
    write_w(out, t);
    return out;
}

std::ostream& operator<<(std::ostream& os, const term& t) {
    return os << format_w(t);
}

std::ostream& operator<<(std::ostream& os, atom a) {
    return os << format_w(term(a));
}

}  // namespace esock
