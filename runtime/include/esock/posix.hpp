// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_POSIX_HPP
#define ESOCK_POSIX_HPP

/// POSIX error atoms: the Reason of `{error, Reason}` when a system call fails,
/// named as the inet manual's "POSIX Error Codes" section names them. The
/// mapping is generated from spec/errors.yaml. All functions are thread-safe.

#include <optional>
#include <string_view>

#include <esock/export.hpp>
#include <esock/term.hpp>

namespace esock {

/// The error atom for errno value `errnum` (eacces for EACCES, ...). Where two
/// macros share a value the spec says which name wins (EAGAIN == EWOULDBLOCK
/// gives eagain, EOPNOTSUPP == ENOTSUP gives enotsup, as Erlang/OTP reports
/// them). An errno that no entry names gives the atom `unknown`, as in OTP.
[[nodiscard]] ESOCK_API atom posix_error_atom(int errnum);

/// The errno value of error atom `a` on this platform; nullopt when `a` is not
/// a POSIX error atom or this platform's headers lack its macro (ealign,
/// nxdomain, ...).
[[nodiscard]] ESOCK_API std::optional<int> posix_errno(atom a);

/// The inet manual's description of error atom `a` ("Permission denied" for
/// eacces); nullopt for other atoms. The text lives for the whole program.
[[nodiscard]] ESOCK_API std::optional<std::string_view> posix_error_description(atom a);

/// What Erlang/OTP 25's inet:format_error/1 returns for `a`: its own text
/// for a POSIX error atom ("permission denied" for eacces, worded unlike
/// the manual's description) or for one of the other reasons it describes
/// (system_limit, exbadport, exbadseq); nullopt for every other atom. The
/// text lives for the whole program.
[[nodiscard]] ESOCK_API std::optional<std::string_view> posix_error_text(atom a);

/// inet:format_error/1's text for a reason it does not describe ("unknown
/// POSIX error"), whether an atom or any other term.
[[nodiscard]] ESOCK_API std::string_view unknown_error_text() noexcept;

}  // namespace esock

#endif  // ESOCK_POSIX_HPP
