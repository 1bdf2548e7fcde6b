// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_CODEC_OPTIONS_HPP
#define ESOCK_CODEC_OPTIONS_HPP

// getopt/setopt of the OS levels (socket, ip, ipv6, tcp, udp, sctp) through
// the generated option table: look the option up, check access, encode or
// decode the value with its type's codec, and call the kernel. The kernel
// decides everything else (an option of another protocol or domain gives
// its errno, e.g. enotsup from getsockopt and enoprotoopt from setsockopt
// on Linux, as OTP 25 reports). Thread-safe; the caller holds the socket.

#include <string_view>

#include <esock/term.hpp>

#include "codec/tables.hpp"

namespace esock::codec {

/// The entry of OS-level option {Level, Name} (Level a level of the spec or
/// a protocols(5) alias of one) when this platform can get or set it, else
/// nullptr.
[[nodiscard]] const option_info* usable_option(atom level, atom name);
/// The same for the term {Level, Name}; nullptr for any other term.
[[nodiscard]] const option_info* usable_option(const term& opt);

/// getopt(S, Opt) of usable option `info` on descriptor `fd`: {ok, Value},
/// {error, Posix}, or {error, {invalid, {socket_option, Opt}}} when the
/// option is only valid to set.
[[nodiscard]] term get_option(int fd, const term& opt, const option_info& info);

/// setopt(S, Opt, Value) of usable option `info` on `fd`: ok,
/// {error, Posix}, {error, {invalid, {socket_option, Opt}}} when the option
/// is only valid to get, or {error, {invalid, {socket_option, Opt, Value}}}
/// when the value does not fit its type.
[[nodiscard]] term set_option(int fd, const term& opt, const option_info& info, const term& value);

/// Whether `opt` is {Level, Name} with Level one of the spec's OS levels (or
/// an alias) and Name an option of it (usable here or not).
[[nodiscard]] bool known_option(const term& opt) noexcept;

/// The canonical level name for `name`: itself, or for a protocols(5) alias
/// of an OS level's protocol ('IP', 'IPv6', 'TCP', 'UDP', 'SCTP' on Linux)
/// that level's name, as OTP 25's getopt/setopt accept them.
[[nodiscard]] std::string_view canonical_level(std::string_view name) noexcept;

}  // namespace esock::codec

#endif  // ESOCK_CODEC_OPTIONS_HPP
