// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_INET_TEXT_HPP
#define ESOCK_INET_TEXT_HPP

// The forms of text the inet functions take, read as OTP reads them: a
// string that an Erlang function walks element by element, iodata handed to
// a driver or port program, and atoms. None of these recurse over the term.
// Pure functions, thread-safe.

#include <optional>
#include <string>

#include <esock/term.hpp>

namespace esock::inet::core {

/// The bytes of iodata (bytes, binaries and nested lists, the tail of any
/// list possibly a binary), as a port takes them; nullopt for anything else.
[[nodiscard]] std::optional<std::string> iodata_bytes(const term& t);

/// The code points of a proper list of integers 0..0x10FFFF; nullopt for
/// anything else.
[[nodiscard]] std::optional<std::u32string> code_points(const term& t);

/// The code points of an atom's text (atom_to_list/1).
[[nodiscard]] std::u32string atom_code_points(atom a);

/// ASCII letters in lower case, everything else as is (RFC 4343, as OTP
/// compares host names).
[[nodiscard]] std::u32string ascii_lower(std::u32string s);

/// The code points as a string term.
[[nodiscard]] term code_point_list(const std::u32string& s);

/// Every element an integer or float within [lo, hi] (Erlang's comparison,
/// under which every other term is above every number), for a proper
/// non-empty list.
[[nodiscard]] bool all_in_range(const term& t, int lo, int hi);

}  // namespace esock::inet::core

#endif  // ESOCK_INET_TEXT_HPP
