// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_SYS_IOCTL_HPP
#define ESOCK_SYS_IOCTL_HPP

// Interface requests (ioctl(2) with struct ifreq and struct ifconf, see
// netdevice(7)) behind neutral types: the request number comes from the
// caller (the spec's table), the platform layer fills and reads the
// structures. Every call starts from a zeroed structure, so nothing of an
// earlier call reaches the kernel or the caller. Thread-safe.

#include <cstdint>
#include <string>
#include <vector>

#include "sys/address.hpp"

namespace esock::sys {

/// struct ifmap, in host order.
struct interface_map {
    std::uint64_t mem_start = 0;
    std::uint64_t mem_end = 0;
    std::uint16_t base_addr = 0;
    std::uint8_t irq = 0;
    std::uint8_t dma = 0;
    std::uint8_t port = 0;
};

/// The member of struct ifreq's union a request passes in (set from
/// interface_request before the call); none for requests that pass only
/// the name.
enum class ifreq_input : std::uint8_t { none, ifindex, flags, addr, mtu, qlen };

/// A struct ifreq in neutral form. After a call every member holds the
/// union as the kernel left it, read as that member's type; only the one
/// the request answers in is meaningful.
struct interface_request {
    /// In: the interface; the bytes up to the first NUL, at most
    /// interface_name_max() of them, are passed (longer names are cut
    /// there, as OTP 25 cuts them). Out: the name the kernel left (gifname).
    std::string name;
    std::int32_t ifindex = 0;
    std::int16_t flags = 0;  ///< ifr_flags: 16 bits of IFF_* flags
    /// ifr_addr (ifr_dstaddr, ifr_broadaddr, ifr_netmask and ifr_hwaddr are
    /// the same bytes): a struct sockaddr, 16 bytes. An address passed in
    /// gives its first 16 bytes (the family and what follows); the kernel
    /// takes only inet addresses, whose structure fits.
    address addr;
    std::int32_t mtu = 0;
    std::int32_t qlen = 0;
    interface_map map;
};

/// The longest interface name the kernel takes (IFNAMSIZ less its NUL).
[[nodiscard]] std::size_t interface_name_max() noexcept;

/// ioctl(fd, request, &ifreq): the name and the `in` member of `r` go in,
/// every member comes back into `r`. 0 or the errno.
[[nodiscard]] int interface_ioctl(int fd, unsigned long request, ifreq_input in,
                                  interface_request& r) noexcept;

/// One entry of an interface list: a name and one of its addresses.
struct interface_address {
    std::string name;
    address addr;  ///< a struct sockaddr, 16 bytes
};

/// ioctl(fd, request, &ifconf) (SIOCGIFCONF) into `out`, in the kernel's
/// order. The buffer is sized by asking the kernel first and grown while
/// the list grows meanwhile, a few times at most. 0 or the errno (ENOMEM
/// when there is no memory for the list).
[[nodiscard]] int interface_addresses(int fd, unsigned long request,
                                      std::vector<interface_address>& out) noexcept;

}  // namespace esock::sys

#endif  // ESOCK_SYS_IOCTL_HPP
