#ifndef ESOCK_CODEC_OPTIONS_HPP
#define ESOCK_CODEC_OPTIONS_HPP

// getopt/setopt of the OS levels (socket, ip, ipv6, tcp, udp, sctp) through
// the generated option table: look the option up, check access, encode or
// decode the value with its type's codec, and call the kernel. The kernel
// decides everything else (an option of another protocol or domain gives
// its errno, e.g. enotsup from getsockopt and enoprotoopt from setsockopt
// on Linux, as OTP 25 reports). Thread-safe; the caller holds the socket.

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

/// Hands get_option/set_option to the socket layer's getopt/setopt for the
/// OS levels. Idempotent; libesock also does it when it is loaded.
void install_option_handlers() noexcept;

}  // namespace esock::codec

#endif  // ESOCK_CODEC_OPTIONS_HPP
