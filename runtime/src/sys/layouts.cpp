// SPDX-License-Identifier: Apache-2.0
#include "sys/layouts.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <time.h>
// After <time.h>: it needs struct timespec.
#include <linux/errqueue.h>

#include <cstddef>
#include <cstring>

namespace esock::sys {

std::optional<extended_error> read_extended_error(std::span<const std::uint8_t> bytes) noexcept {
    if (bytes.size() < sizeof(sock_extended_err)) return std::nullopt;
    sock_extended_err ee;
    std::memcpy(&ee, bytes.data(), sizeof ee);
    extended_error out;
    out.error = ee.ee_errno;
    out.origin = ee.ee_origin;
    out.type = ee.ee_type;
    out.code = ee.ee_code;
    out.info = ee.ee_info;
    out.data = ee.ee_data;
    const address offender = from_bytes(bytes.subspan(sizeof ee));
    if (const auto family = family_of(offender); family && *family != AF_UNSPEC) {
        out.offender = offender;
    }
    return out;
}

std::optional<std::vector<std::uint8_t>> make_ip_msfilter(
    const std::array<std::uint8_t, 4>& multiaddr, const std::array<std::uint8_t, 4>& interface,
    std::uint32_t mode, std::span<const std::array<std::uint8_t, 4>> sources) {
#if defined(IP_MSFILTER_SIZE)
    ip_msfilter head;
    std::memset(&head, 0, sizeof head);
    std::memcpy(&head.imsf_multiaddr, multiaddr.data(), multiaddr.size());
    std::memcpy(&head.imsf_interface, interface.data(), interface.size());
    head.imsf_fmode = mode;
    head.imsf_numsrc = static_cast<decltype(head.imsf_numsrc)>(sources.size());
    std::vector<std::uint8_t> out(IP_MSFILTER_SIZE(sources.size()), 0);
    std::memcpy(out.data(), &head, offsetof(ip_msfilter, imsf_slist));
    for (std::size_t i = 0; i < sources.size(); ++i) {
        std::memcpy(out.data() + offsetof(ip_msfilter, imsf_slist) + i * sizeof(in_addr),
                    sources[i].data(), sizeof(in_addr));
    }
    return out;
#else
    (void)multiaddr, (void)interface, (void)mode, (void)sources;
    return std::nullopt;
#endif
}

}  // namespace esock::sys
