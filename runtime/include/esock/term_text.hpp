// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_TERM_TEXT_HPP
#define ESOCK_TERM_TEXT_HPP

/// Erlang literal syntax in and out: a parser for one literal term and printers
/// that write exactly what OTP 25's io_lib:format("~w") and ("~p") write.
/// All functions are thread-safe and never throw on bad input (the one
/// exception: a negative ~p line length raises badarg, as in OTP).

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include <esock/export.hpp>
#include <esock/term.hpp>

namespace esock {

/// Where and why parsing failed. Line and column are 1-based; the column counts
/// characters (code points), not bytes.
struct ESOCK_API parse_error {
    std::size_t line = 0;    ///< 1-based line
    std::size_t column = 0;  ///< 1-based column, in characters
    std::string message;     ///< what is wrong there

    /// "LINE:COLUMN: MESSAGE".
    [[nodiscard]] std::string to_string() const;
};

/// The outcome of parsing: a term or an error, never both.
struct parse_result {
    std::optional<term> value;  ///< the term, when parsing succeeded
    parse_error error;          ///< why it failed, otherwise

    /// Whether a term was parsed.
    [[nodiscard]] bool ok() const noexcept { return value.has_value(); }
};

/// Parses one Erlang literal from UTF-8 `text`: atoms, integers (any base,
/// $c characters, digit separators), floats, strings, binaries (integer,
/// character and string segments, /utf8 on strings), tuples, lists, maps.
/// Leading and trailing white space and comments are allowed, and so is one
/// trailing '.'. Variables and expressions are errors. Nesting deeper than
/// max_parse_depth is an error (it bounds the recursion of every consumer).
[[nodiscard]] ESOCK_API parse_result parse_term(std::string_view text);

/// Deepest nesting of tuples, lists, maps and binaries parse_term accepts.
inline constexpr std::size_t max_parse_depth = 1000;

/// Appends io_lib:format("~w", [t]) encoded as UTF-8.
ESOCK_API void write_w(std::string& out, const term& t);
/// Appends format_p(t, line_length, column) to `out`. `column` is where the
/// text starts; `out` may hold anything before it.
ESOCK_API void write_p(std::string& out, const term& t, int line_length, int column = 1);
/// Appends io_lib:format("~9999p", [t]) encoded as UTF-8.
ESOCK_API void write_p(std::string& out, const term& t);

/// io_lib:format("~w", [t]) as a UTF-8 string.
[[nodiscard]] ESOCK_API std::string format_w(const term& t);
/// io_lib:format("~*p", [line_length, t]) as a UTF-8 string, laid out as
/// when the text starts at column `column` (1-based; io_lib's ~*.*p, or what
/// io:format prints after column-1 characters on the line): OTP 25's
/// io_lib_pretty layout with unlimited depth, byte for byte. A term whose
/// one-line text is shorter than line_length - column characters is that
/// one line; a longer one is broken over lines where OTP breaks it, which
/// keeps lines within line_length except where something does not fit
/// where it has to go (atoms and strings are never broken). Line length 0
/// means one line. Strings are latin-1, as ~p (not ~tp) has them: a list is
/// "text" only when all its elements are printable latin-1 codes, and a
/// binary holding UTF-8 shows its bytes (the UTF-8 of é prints <<"Ã©">>).
/// Widths count characters, not bytes. A column below 1 counts as 1. The
/// text of a deeply nested term costs heap memory, never deep recursion.
/// Thread-safe. Throws erl_error(badarg) when line_length is negative.
[[nodiscard]] ESOCK_API std::string format_p(const term& t, int line_length, int column = 1);
/// io_lib:format("~9999p", [t]) as a UTF-8 string: format_p(t, 9999).
[[nodiscard]] ESOCK_API std::string format_p(const term& t);

/// Writes format_w(t) (for logs and test diagnostics).
ESOCK_API std::ostream& operator<<(std::ostream& os, const term& t);
/// Writes the atom as ~w writes it.
ESOCK_API std::ostream& operator<<(std::ostream& os, atom a);

/// Parses `text` and throws std::invalid_argument naming line and column on a
/// parse error: for literals in C++ source, e.g.
/// lit("#{family => inet, addr => loopback, port => 0}").
[[nodiscard]] ESOCK_API term lit(std::string_view text);

}  // namespace esock

#endif  // ESOCK_TERM_TEXT_HPP
