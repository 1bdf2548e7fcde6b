// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_SYS_RESOLVER_HPP
#define ESOCK_SYS_RESOLVER_HPP

// The system resolver, as OTP's native lookup asks it: host names through
// getaddrinfo(3), addresses through getnameinfo(3), the host's own name
// (gethostname(2)) and the services database (services(5)) through the
// reentrant getservby*_r(3). Every call blocks the calling thread only, for
// as long as the resolver takes; nothing here holds a lock meanwhile.
// Names are byte strings, passed as C strings (a NUL ends them).
// Thread-safe.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace esock::sys {

/// The address family of a lookup.
enum class host_family : std::uint8_t { inet, inet6 };

/// What the resolver knows of a name.
struct host_info {
    std::string name;  ///< the canonical name (AI_CANONNAME), bytes
    /// Addresses in the resolver's order, network byte order: 4 bytes used
    /// for inet, 16 for inet6.
    std::vector<std::array<std::uint8_t, 16>> addresses;
};

/// getaddrinfo(3) of `name` restricted to `family` (one entry per address:
/// stream sockets only). nullopt when the resolver gives no address.
[[nodiscard]] std::optional<host_info> resolve_host(const std::string& name, host_family family);

/// getnameinfo(3) of the 4 (inet) or 16 (inet6) bytes of `addr`, requiring a
/// name (NI_NAMEREQD); nullopt when the resolver has none.
[[nodiscard]] std::optional<std::string> resolve_address(std::span<const std::uint8_t> addr);

/// gethostname(2); nullopt when it fails.
[[nodiscard]] std::optional<std::string> host_name();

/// The port (host order) of service `name` for protocol `proto`
/// (getservbyname_r), or nullopt.
[[nodiscard]] std::optional<std::uint16_t> service_port(const std::string& name,
                                                        const std::string& proto);
/// The name of the service on `port` (host order) for protocol `proto`
/// (getservbyport_r), or nullopt.
[[nodiscard]] std::optional<std::string> service_name(std::uint16_t port, const std::string& proto);

}  // namespace esock::sys

#endif  // ESOCK_SYS_RESOLVER_HPP
