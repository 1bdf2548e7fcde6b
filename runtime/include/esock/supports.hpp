// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_SUPPORTS_HPP
#define ESOCK_SUPPORTS_HPP

/// socket:supports/0,1,2 and socket:is_supported/1,2,3: what this platform
/// supports, as the socket manual describes them. The answers come from the
/// spec's tables compiled against this platform's headers, plus the
/// protocol database (protocols(5)) for supports(protocols), read once.
/// All functions are thread-safe; all return terms.

#include <esock/export.hpp>
#include <esock/term.hpp>

namespace esock::socket {

/// [{Key1, supports(Key1)} | {Feature, boolean()}]: the lists for
/// ioctl_requests, ioctl_flags, options, msg_flags and protocols, then the
/// booleans sctp, ipv6, local, netns and sendfile.
[[nodiscard]] ESOCK_API term supports();

/// msg_flags: [{Flag, boolean()}]; protocols: [{Name, boolean()}] for every
/// protocol name and alias; options: [{{Level, Opt}, boolean()}] for every
/// option of the OS levels (one canonical level atom each); ioctl_requests,
/// ioctl_flags: [{Name, boolean()}]. Any other key gives [].
[[nodiscard]] ESOCK_API term supports(const term& key1);

/// supports(options, Level): [{Opt, boolean()}] for the options of Level
/// (socket, ip, ipv6, tcp, udp, sctp); [] for any other pair.
[[nodiscard]] ESOCK_API term supports(const term& key1, const term& key2);

/// true when supports() has {Key1, true}: sctp, ipv6, local, netns,
/// sendfile. false for anything else (including the list keys).
[[nodiscard]] ESOCK_API term is_supported(const term& key1);

/// is_supported(options, {Level, Opt}), is_supported(msg_flags, Flag),
/// is_supported(protocols, Name), is_supported(ioctl_requests | ioctl_flags,
/// Name): true or false.
[[nodiscard]] ESOCK_API term is_supported(const term& key1, const term& key2);

/// is_supported(options, Level, Opt) = is_supported(options, {Level, Opt}).
/// Throws esock::erl_error(function_clause) unless key1 is options and
/// Level and Opt are atoms, as OTP 25 does.
[[nodiscard]] ESOCK_API term is_supported(const term& key1, const term& key2, const term& key3);

}  // namespace esock::socket

#endif  // ESOCK_SUPPORTS_HPP
