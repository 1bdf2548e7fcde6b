// SPDX-License-Identifier: Apache-2.0
#include "sys/ifaddrs.hpp"

#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>
#if defined(__linux__)
#include <linux/if_packet.h>
#endif

#include <cerrno>
#include <cstring>
#include <memory>

namespace esock::sys {

namespace {

struct ifaddrs_deleter {
    void operator()(ifaddrs* p) const noexcept { ::freeifaddrs(p); }
};

std::optional<interface_ip> ip_of(const sockaddr* sa) {
    if (sa == nullptr) return std::nullopt;
    interface_ip out;
    if (sa->sa_family == AF_INET) {
        sockaddr_in sin{};
        std::memcpy(&sin, sa, sizeof sin);
        std::memcpy(out.bytes.data(), &sin.sin_addr, 4);
        return out;
    }
    if (sa->sa_family == AF_INET6) {
        sockaddr_in6 sin6{};
        std::memcpy(&sin6, sa, sizeof sin6);
        out.v6 = true;
        std::memcpy(out.bytes.data(), &sin6.sin6_addr, 16);
        return out;
    }
    return std::nullopt;
}

#if defined(__linux__)
// glibc stores link-layer addresses in room for 24 bytes after the fixed
// part of sockaddr_ll, longer than its 8-byte sll_addr member.
#if defined(__GLIBC__)
constexpr std::size_t max_hwaddr = 24;
#else
constexpr std::size_t max_hwaddr = sizeof(sockaddr_ll{}.sll_addr);
#endif

std::optional<std::vector<std::uint8_t>> hwaddr_of(const sockaddr* sa) {
    if (sa == nullptr || sa->sa_family != AF_PACKET) return std::nullopt;
    const auto* ll = reinterpret_cast<const sockaddr_ll*>(sa);
    std::size_t n = ll->sll_halen;
    if (n == 0) return std::nullopt;
    if (n > max_hwaddr) n = max_hwaddr;
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(sa) + offsetof(sockaddr_ll, sll_addr);
    return std::vector<std::uint8_t>(bytes, bytes + n);
}
#else
std::optional<std::vector<std::uint8_t>> hwaddr_of(const sockaddr* /*sa*/) {
    return std::nullopt;
}
#endif

}  // namespace

interface_list interface_addresses() {
    interface_list out;
    ifaddrs* raw = nullptr;
    if (::getifaddrs(&raw) != 0) {
        out.error = errno;
        return out;
    }
    const std::unique_ptr<ifaddrs, ifaddrs_deleter> list(raw);
    for (const ifaddrs* p = raw; p != nullptr; p = p->ifa_next) {
        interface_entry e;
        e.name = p->ifa_name != nullptr ? p->ifa_name : "";
        const unsigned f = p->ifa_flags;
        e.flags.up = (f & IFF_UP) != 0;
        e.flags.broadcast = (f & IFF_BROADCAST) != 0;
        e.flags.loopback = (f & IFF_LOOPBACK) != 0;
        e.flags.pointtopoint = (f & IFF_POINTOPOINT) != 0;
        e.flags.multicast = (f & IFF_MULTICAST) != 0;
        if (auto ip = ip_of(p->ifa_addr)) {
            e.addr = ip;
            e.netmask = ip_of(p->ifa_netmask);
            // ifa_dstaddr and ifa_broadaddr share one field: the flags say
            // which it is.
            if (e.flags.pointtopoint) {
                e.dstaddr = ip_of(p->ifa_dstaddr);
            } else if (e.flags.broadcast) {
                e.broadaddr = ip_of(p->ifa_broadaddr);
            }
        } else {
            e.hwaddr = hwaddr_of(p->ifa_addr);
        }
        out.entries.push_back(std::move(e));
    }
    return out;
}

}  // namespace esock::sys
