// SPDX-License-Identifier: Apache-2.0
#include "sys/resolver.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace esock::sys {

namespace {

struct addrinfo_deleter {
    void operator()(addrinfo* ai) const noexcept { ::freeaddrinfo(ai); }
};

// The reentrant database calls want a caller's buffer and say ERANGE when
// it is too small; services(5) lines are short, so a few doublings from 1
// KiB always end well before the cap.
constexpr std::size_t first_buffer = 1024;
constexpr std::size_t max_buffer = 1 << 20;

}  // namespace

std::optional<host_info> resolve_host(const std::string& name, host_family family) {
    addrinfo hints{};
    hints.ai_family = family == host_family::inet ? AF_INET : AF_INET6;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_CANONNAME;
    addrinfo* raw = nullptr;
    if (::getaddrinfo(name.c_str(), nullptr, &hints, &raw) != 0 || raw == nullptr) {
        return std::nullopt;
    }
    const std::unique_ptr<addrinfo, addrinfo_deleter> list(raw);
    host_info out;
    if (raw->ai_canonname != nullptr) out.name = raw->ai_canonname;
    for (const addrinfo* ai = raw; ai != nullptr; ai = ai->ai_next) {
        std::array<std::uint8_t, 16> bytes{};
        if (ai->ai_family == AF_INET && ai->ai_addrlen >= sizeof(sockaddr_in)) {
            sockaddr_in sin{};
            std::memcpy(&sin, ai->ai_addr, sizeof sin);
            std::memcpy(bytes.data(), &sin.sin_addr, 4);
        } else if (ai->ai_family == AF_INET6 && ai->ai_addrlen >= sizeof(sockaddr_in6)) {
            sockaddr_in6 sin6{};
            std::memcpy(&sin6, ai->ai_addr, sizeof sin6);
            std::memcpy(bytes.data(), &sin6.sin6_addr, 16);
        } else {
            continue;
        }
        out.addresses.push_back(bytes);
    }
    if (out.addresses.empty()) return std::nullopt;
    return out;
}

std::optional<std::string> resolve_address(std::span<const std::uint8_t> addr) {
    sockaddr_storage ss{};
    socklen_t len = 0;
    if (addr.size() == 4) {
        sockaddr_in sin{};
        sin.sin_family = AF_INET;
        std::memcpy(&sin.sin_addr, addr.data(), 4);
        std::memcpy(&ss, &sin, sizeof sin);
        len = sizeof sin;
    } else if (addr.size() == 16) {
        sockaddr_in6 sin6{};
        sin6.sin6_family = AF_INET6;
        std::memcpy(&sin6.sin6_addr, addr.data(), 16);
        std::memcpy(&ss, &sin6, sizeof sin6);
        len = sizeof sin6;
    } else {
        return std::nullopt;
    }
    char host[NI_MAXHOST];
    if (::getnameinfo(reinterpret_cast<const sockaddr*>(&ss), len, host, sizeof host, nullptr, 0,
                      NI_NAMEREQD) != 0) {
        return std::nullopt;
    }
    return std::string(host);
}

std::optional<std::string> host_name() {
    // HOST_NAME_MAX is 64 on Linux; 256 covers every system's limit.
    char buf[257];
    if (::gethostname(buf, sizeof buf - 1) != 0) return std::nullopt;
    buf[sizeof buf - 1] = '\0';
    return std::string(buf);
}

std::optional<std::uint16_t> service_port(const std::string& name, const std::string& proto) {
    std::string buf(first_buffer, '\0');
    for (;;) {
        servent entry{};
        servent* found = nullptr;
        const int rc =
            ::getservbyname_r(name.c_str(), proto.c_str(), &entry, buf.data(), buf.size(), &found);
        if (rc == ERANGE && buf.size() < max_buffer) {
            buf.resize(buf.size() * 2);
            continue;
        }
        if (rc != 0 || found == nullptr) return std::nullopt;
        return ntohs(static_cast<std::uint16_t>(found->s_port));
    }
}

std::optional<std::string> service_name(std::uint16_t port, const std::string& proto) {
    std::string buf(first_buffer, '\0');
    for (;;) {
        servent entry{};
        servent* found = nullptr;
        const int rc =
            ::getservbyport_r(htons(port), proto.c_str(), &entry, buf.data(), buf.size(), &found);
        if (rc == ERANGE && buf.size() < max_buffer) {
            buf.resize(buf.size() * 2);
            continue;
        }
        if (rc != 0 || found == nullptr || found->s_name == nullptr) return std::nullopt;
        return std::string(found->s_name);
    }
}

}  // namespace esock::sys
