// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_SYS_IFADDRS_HPP
#define ESOCK_SYS_IFADDRS_HPP

// The network interfaces and their addresses (getifaddrs(3)), one entry per
// interface address in the order the system lists them, with the fields the
// inet module reports. The calling thread's network namespace decides what
// is listed (see sys/netns.hpp). Thread-safe.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace esock::sys {

/// The interface flags inet reports (IFF_UP, IFF_BROADCAST, IFF_LOOPBACK,
/// IFF_POINTOPOINT, IFF_MULTICAST).
struct interface_flags {
    bool up = false;
    bool broadcast = false;
    bool loopback = false;
    bool pointtopoint = false;
    bool multicast = false;

    bool operator==(const interface_flags&) const = default;
};

/// An IPv4 (4 of the bytes used) or IPv6 address, network byte order.
struct interface_ip {
    bool v6 = false;
    std::array<std::uint8_t, 16> bytes{};
};

/// One entry of getifaddrs(3). Only IPv4 and IPv6 entries have addresses;
/// a link-layer entry has the hardware address when it is not empty.
struct interface_entry {
    std::string name;
    interface_flags flags;
    std::optional<interface_ip> addr;
    std::optional<interface_ip> netmask;
    std::optional<interface_ip> broadaddr;  ///< broadcast interfaces
    std::optional<interface_ip> dstaddr;    ///< point-to-point interfaces
    std::optional<std::vector<std::uint8_t>> hwaddr;
};

/// Every entry, or the errno of getifaddrs(3).
struct interface_list {
    int error = 0;
    std::vector<interface_entry> entries;
};

[[nodiscard]] interface_list interface_addresses();

}  // namespace esock::sys

#endif  // ESOCK_SYS_IFADDRS_HPP
