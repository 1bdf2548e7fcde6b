// SPDX-License-Identifier: Apache-2.0
#include "sys/address.hpp"

#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <algorithm>
#include <cstring>

namespace esock::sys {

static_assert(sizeof(address::bytes) >= sizeof(sockaddr_storage));
static_assert(alignof(address) >= alignof(sockaddr_in6));

namespace {

template <class T>
address of(const T& native) noexcept {
    address a;
    std::memcpy(a.bytes.data(), &native, sizeof native);
    a.length = sizeof native;
    return a;
}

template <class T>
std::optional<T> as(const address& a, int family) noexcept {
    if (a.length < sizeof(T) || family_of(a) != family) return std::nullopt;
    T native;
    std::memcpy(&native, a.bytes.data(), sizeof native);
    return native;
}

}  // namespace

std::optional<int> family_of(const address& a) noexcept {
    if (a.length < sizeof(sa_family_t)) return std::nullopt;
    sa_family_t f = 0;
    std::memcpy(&f, a.bytes.data(), sizeof f);
    return f;
}

address make_inet(const inet_fields& f) noexcept {
    sockaddr_in sin{};
    sin.sin_family = AF_INET;
    std::memcpy(&sin.sin_addr, f.addr.data(), f.addr.size());
    sin.sin_port = htons(f.port);
    return of(sin);
}

std::optional<inet_fields> read_inet(const address& a) noexcept {
    const auto sin = as<sockaddr_in>(a, AF_INET);
    if (!sin) return std::nullopt;
    inet_fields f;
    std::memcpy(f.addr.data(), &sin->sin_addr, f.addr.size());
    f.port = ntohs(sin->sin_port);
    return f;
}

address make_inet6(const inet6_fields& f) noexcept {
    sockaddr_in6 sin6{};
    sin6.sin6_family = AF_INET6;
    std::memcpy(&sin6.sin6_addr, f.addr.data(), f.addr.size());
    sin6.sin6_port = htons(f.port);
    sin6.sin6_flowinfo = htonl(f.flowinfo);
    sin6.sin6_scope_id = f.scope_id;
    return of(sin6);
}

std::optional<inet6_fields> read_inet6(const address& a) noexcept {
    const auto sin6 = as<sockaddr_in6>(a, AF_INET6);
    if (!sin6) return std::nullopt;
    inet6_fields f;
    std::memcpy(f.addr.data(), &sin6->sin6_addr, f.addr.size());
    f.port = ntohs(sin6->sin6_port);
    f.flowinfo = ntohl(sin6->sin6_flowinfo);
    f.scope_id = sin6->sin6_scope_id;
    return f;
}

std::size_t max_local_path() noexcept {
    // sun_path holds 108 bytes; OTP keeps one for the terminating NUL.
    return sizeof(sockaddr_un::sun_path) - 1;
}

std::optional<address> make_local(std::span<const std::uint8_t> path) noexcept {
    if (path.size() > max_local_path()) return std::nullopt;
    sockaddr_un sun{};
    sun.sun_family = AF_UNIX;
    if (!path.empty()) std::memcpy(sun.sun_path, path.data(), path.size());
    address a = of(sun);
    const bool abstract = !path.empty() && path[0] == 0;
    a.length = static_cast<std::uint32_t>(offsetof(sockaddr_un, sun_path) + path.size() +
                                          ((abstract || path.empty()) ? 0 : 1));
    return a;
}

std::span<const std::uint8_t> read_local_path(const address& a) noexcept {
    const std::size_t off = offsetof(sockaddr_un, sun_path);
    std::size_t n = a.length > off ? a.length - off : 0;
    n = std::min(n, sizeof(sockaddr_un::sun_path));
    const std::uint8_t* path = a.bytes.data() + off;
    // A filesystem path ends at its first NUL; an abstract name (leading
    // NUL) is exactly the bytes the kernel reported.
    if (n > 0 && path[0] != 0) n = ::strnlen(reinterpret_cast<const char*>(path), n);
    return {path, n};
}

address make_packet(const packet_fields& f) noexcept {
    sockaddr_ll sll{};
    sll.sll_family = AF_PACKET;
    sll.sll_protocol = htons(f.protocol);
    sll.sll_ifindex = f.ifindex;
    sll.sll_hatype = f.hatype;
    sll.sll_pkttype = f.pkttype;
    const std::size_t n = std::min<std::size_t>(f.addr_length, sizeof sll.sll_addr);
    std::memcpy(sll.sll_addr, f.addr.data(), n);
    sll.sll_halen = static_cast<unsigned char>(n);
    return of(sll);
}

std::optional<packet_fields> read_packet(const address& a) noexcept {
    const auto sll = as<sockaddr_ll>(a, AF_PACKET);
    if (!sll) return std::nullopt;
    packet_fields f;
    f.protocol = ntohs(sll->sll_protocol);
    f.ifindex = sll->sll_ifindex;
    f.hatype = sll->sll_hatype;
    f.pkttype = sll->sll_pkttype;
    f.addr_length = static_cast<std::uint8_t>(std::min<std::size_t>(sll->sll_halen, f.addr.size()));
    std::memcpy(f.addr.data(), sll->sll_addr, f.addr_length);
    return f;
}

std::optional<address> make_raw(int family, std::span<const std::uint8_t> raw) noexcept {
    address a;
    if (raw.size() > sizeof(sockaddr_storage) - sizeof(sa_family_t)) return std::nullopt;
    const auto f = static_cast<sa_family_t>(family);
    std::memcpy(a.bytes.data(), &f, sizeof f);
    // memcpy from an empty span's null pointer is undefined, even for 0 bytes.
    if (!raw.empty()) std::memcpy(a.bytes.data() + sizeof f, raw.data(), raw.size());
    a.length = static_cast<std::uint32_t>(sizeof f + raw.size());
    return a;
}

std::span<const std::uint8_t> raw_after_family(const address& a) noexcept {
    if (a.length <= sizeof(sa_family_t)) return {};
    const std::size_t n = std::min<std::size_t>(a.length, a.bytes.size());
    return {a.bytes.data() + sizeof(sa_family_t), n - sizeof(sa_family_t)};
}

address from_bytes(std::span<const std::uint8_t> bytes) noexcept {
    address a;
    const std::size_t n = std::min(bytes.size(), a.bytes.size());
    if (n > 0) std::memcpy(a.bytes.data(), bytes.data(), n);
    a.length = static_cast<std::uint32_t>(n);
    return a;
}

}  // namespace esock::sys
