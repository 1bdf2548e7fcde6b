// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_SYS_LAYOUTS_HPP
#define ESOCK_SYS_LAYOUTS_HPP

// The C structures of option and control message values that the spec's
// flat struct types cannot describe, as plain fields: struct
// sock_extended_err with the offender address after it (IP_RECVERR), and
// struct ip_msfilter with its variable source list (IP_MSFILTER). The codec
// layer's special codecs turn the fields into terms. Pure functions,
// thread-safe; readers check every length.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "sys/address.hpp"

namespace esock::sys {

/// struct sock_extended_err and the offender address that follows it.
struct extended_error {
    std::uint32_t error = 0;  ///< ee_errno
    std::uint8_t origin = 0;  ///< ee_origin (SO_EE_ORIGIN_*)
    std::uint8_t type = 0;
    std::uint8_t code = 0;
    std::uint32_t info = 0;
    std::uint32_t data = 0;
    /// The offender (SO_EE_OFFENDER); nullopt when the kernel left it
    /// AF_UNSPEC or out of the message.
    std::optional<address> offender;
};

/// nullopt when `bytes` is shorter than struct sock_extended_err.
[[nodiscard]] std::optional<extended_error> read_extended_error(
    std::span<const std::uint8_t> bytes) noexcept;

/// The bytes of struct ip_msfilter for a multicast group, interface, filter
/// mode (MCAST_INCLUDE/EXCLUDE value) and source list, addresses in network
/// order; nullopt where the platform has no IP_MSFILTER.
[[nodiscard]] std::optional<std::vector<std::uint8_t>> make_ip_msfilter(
    const std::array<std::uint8_t, 4>& multiaddr, const std::array<std::uint8_t, 4>& interface,
    std::uint32_t mode, std::span<const std::array<std::uint8_t, 4>> sources);

}  // namespace esock::sys

#endif  // ESOCK_SYS_LAYOUTS_HPP
