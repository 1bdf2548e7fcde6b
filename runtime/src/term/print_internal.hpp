// SPDX-License-Identifier: Apache-2.0
// What the one-line printers (print.cpp) share with the ~p layout
// (pretty.cpp). Not installed.
#ifndef ESOCK_SRC_TERM_PRINT_INTERNAL_HPP
#define ESOCK_SRC_TERM_PRINT_INTERNAL_HPP

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <esock/term.hpp>

namespace esock::detail {

// Appends the text of a term that is neither a tuple, a list cell, a map nor
// a binary: an integer, float, atom, pid, reference or [].
void append_scalar(std::string& out, const term& t);

// True when ~p writes the list `t` as a string: a list cell starting a proper
// list of printable latin-1 character codes (io_lib:printable_latin1_list).
[[nodiscard]] bool is_printable_list(const term& t) noexcept;
// Appends a list for which is_printable_list holds as "text".
void append_string(std::string& out, const term& t);

// Appends a binary: <<"text">> when `pretty` and every byte is printable
// latin-1, otherwise <<B1,B2,...>>.
void append_binary(std::string& out, std::span<const std::uint8_t> bytes, bool pretty);
// True when ~p writes a binary with these (at least one) bytes as <<"text">>.
[[nodiscard]] bool is_printable_binary(std::span<const std::uint8_t> bytes) noexcept;

// Appends `t` on one line: ~w when `pretty` is false, otherwise ~p's
// one-line form (strings as "...", printable binaries as <<"...">>). Walks
// the term with a heap stack, never recursing, whatever its nesting. Stops
// early, returning false, once `out` has grown by more than `limit` bytes
// (what it has written by then is a prefix of the text).
bool write_flat(std::string& out, const term& t, bool pretty, std::size_t limit = SIZE_MAX);

// The number of characters in text that the printers wrote: each of their
// characters is below 256, so every byte that does not continue a UTF-8
// sequence starts one.
[[nodiscard]] std::size_t printed_chars(std::string_view text) noexcept;

}  // namespace esock::detail

#endif  // ESOCK_SRC_TERM_PRINT_INTERNAL_HPP
