// SPDX-License-Identifier: Apache-2.0
#include "sys/ioctl.hpp"

#include <net/if.h>
#include <sys/ioctl.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <new>

namespace esock::sys {

namespace {

int call(int fd, unsigned long request, void* arg) noexcept {
    int rc = 0;
    do {
        rc = ::ioctl(fd, request, arg);
    } while (rc < 0 && errno == EINTR);
    return rc < 0 ? errno : 0;
}

// The kernel ends every name with a NUL within the field.
std::string name_of(const char (&field)[IFNAMSIZ]) {
    return {field, ::strnlen(field, IFNAMSIZ - 1)};
}

address address_of(const sockaddr& sa) noexcept {
    address a;
    std::memcpy(a.bytes.data(), &sa, sizeof sa);
    a.length = sizeof sa;
    return a;
}

// How often interface_addresses asks again when the list outgrew its
// buffer between two calls: interfaces come and go, and a bound keeps a
// busy host from holding the caller.
constexpr int list_attempts = 8;

}  // namespace

std::size_t interface_name_max() noexcept {
    return IFNAMSIZ - 1;
}

int interface_ioctl(int fd, unsigned long request, ifreq_input in, interface_request& r) noexcept {
    ifreq q;
    std::memset(&q, 0, sizeof q);
    const std::size_t n = ::strnlen(r.name.data(), std::min(r.name.size(), interface_name_max()));
    std::memcpy(q.ifr_name, r.name.data(), n);
    switch (in) {
        case ifreq_input::none:
            break;
        case ifreq_input::ifindex:
            q.ifr_ifindex = r.ifindex;
            break;
        case ifreq_input::flags:
            q.ifr_flags = r.flags;
            break;
        case ifreq_input::addr:
            std::memcpy(&q.ifr_addr, r.addr.bytes.data(),
                        std::min<std::size_t>(r.addr.length, sizeof q.ifr_addr));
            break;
        case ifreq_input::mtu:
            q.ifr_mtu = r.mtu;
            break;
        case ifreq_input::qlen:
            q.ifr_qlen = r.qlen;
            break;
    }
    if (const int e = call(fd, request, &q); e != 0) return e;
    // A name of at most 15 bytes fits the string's own (small string)
    // storage: no allocation, nothing to throw.
    r.name = name_of(q.ifr_name);
    r.ifindex = q.ifr_ifindex;
    r.flags = q.ifr_flags;
    r.addr = address_of(q.ifr_addr);
    r.mtu = q.ifr_mtu;
    r.qlen = q.ifr_qlen;
    r.map = {q.ifr_map.mem_start, q.ifr_map.mem_end, q.ifr_map.base_addr,
             q.ifr_map.irq,       q.ifr_map.dma,     q.ifr_map.port};
    return 0;
}

int interface_addresses(int fd, unsigned long request,
                        std::vector<interface_address>& out) noexcept {
    try {
        // A null buffer asks for the size the list needs.
        ifconf c;
        std::memset(&c, 0, sizeof c);
        if (const int e = call(fd, request, &c); e != 0) return e;
        // One entry to spare: a buffer the kernel fills to the end may have
        // been too short, and is then doubled.
        std::size_t entries = static_cast<std::size_t>(std::max(c.ifc_len, 0)) / sizeof(ifreq) + 1;
        std::vector<ifreq> buf;
        std::size_t used = 0;
        for (int attempt = 0; attempt < list_attempts; ++attempt, entries *= 2) {
            buf.assign(entries, ifreq{});
            c.ifc_len = static_cast<int>(buf.size() * sizeof(ifreq));
            c.ifc_req = buf.data();
            if (const int e = call(fd, request, &c); e != 0) return e;
            used = static_cast<std::size_t>(c.ifc_len) / sizeof(ifreq);
            if (used < buf.size()) break;
        }
        out.clear();
        out.reserve(used);
        for (std::size_t i = 0; i < used && i < buf.size(); ++i) {
            out.push_back({name_of(buf[i].ifr_name), address_of(buf[i].ifr_addr)});
        }
        return 0;
    } catch (const std::bad_alloc&) {
        return ENOMEM;
    }
}

}  // namespace esock::sys
