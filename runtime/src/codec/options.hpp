#ifndef ESOCK_CODEC_OPTIONS_HPP
#define ESOCK_CODEC_OPTIONS_HPP

// getopt/setopt of the OS levels (socket, ip, ipv6, tcp, udp, sctp) through
// the generated option table: look the option up, check access, encode or
// decode the value with its type's codec, and call the kernel. The kernel
// decides everything else (an option of another protocol or domain gives
// its errno, e.g. enotsup from getsockopt and enoprotoopt from setsockopt
// on Linux, as OTP 25 reports). Thread-safe; the caller holds the socket.

#include <cstddef>
#include <string_view>

#include <esock/term.hpp>

namespace esock::codec {

/// getopt(S, {Level, Name}) on descriptor `fd`: {ok, Value}, {error, Posix},
/// or {error, {invalid, {socket_option, Opt}}} when the option is unknown,
/// unusable on this platform or only valid to set.
[[nodiscard]] term get_option(int fd, const term& opt);

/// setopt(S, {Level, Name}, Value) on descriptor `fd`: ok, {error, Posix},
/// {error, {invalid, {socket_option, Opt}}} when the option is unknown,
/// unusable on this platform or only valid to get, or {error, {invalid,
/// {socket_option, Opt, Value}}} when the value does not fit its type.
[[nodiscard]] term set_option(int fd, const term& opt, const term& value);

/// Whether `opt` is {Level, Name} with Level one of the spec's OS levels and
/// Name an option of it (usable here or not).
[[nodiscard]] bool known_option(const term& opt) noexcept;

/// The canonical level name for `name`: itself, or for a protocols(5) alias
/// of an OS level's protocol ('IP', 'IPv6', 'TCP', 'UDP', 'SCTP' on Linux)
/// that level's name, as OTP 25's getopt/setopt accept them.
[[nodiscard]] std::string_view canonical_level(std::string_view name) noexcept;

/// setsockopt(fd, level, number, data, len), keeping SO_PRIORITY unchanged
/// across an IP_TOS change (Linux resets it; OTP 25 restores it). Returns 0
/// or the errno.
[[nodiscard]] int set_native_option(int fd, int level, int number, const void* data,
                                    std::size_t len) noexcept;

/// Hands get_option/set_option to the socket layer's getopt/setopt for the
/// OS levels. Idempotent; libesock also does it when it is loaded.
void install_option_handlers() noexcept;

}  // namespace esock::codec

#endif  // ESOCK_CODEC_OPTIONS_HPP
