// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_PACKET_FRAME_HPP
#define ESOCK_PACKET_FRAME_HPP

// What every length-announcing packet type (the fixed headers, asn1,
// ssl_tls) does once its header has told the length: OTP 25's limits and
// the scan results they lead to. Internal to the packet layer.

#include <cstddef>
#include <cstdint>

#include <esock/packet.hpp>

namespace esock::packet {

/// The longest packet OTP 25 accepts: it keeps the header plus the
/// announced length in a C int, and a total past INT_MAX is invalid.
inline constexpr std::uint64_t max_packet = 0x7fffffff;

/// {error, invalid}.
[[nodiscard]] constexpr scan_result invalid() noexcept {
    return {scan_status::invalid, 0, 0, 0};
}

/// A header of `header` bytes announcing `announced` more (the body plus
/// any padding), in a buffer of `available` bytes: invalid past
/// packet_size or max_packet, else the whole packet when the buffer holds
/// it ({packet, Total} with the whole packet as body) or {more, Total}.
[[nodiscard]] constexpr scan_result whole_packet(const framing& f, std::size_t available,
                                                 std::size_t header,
                                                 std::uint64_t announced) noexcept {
    if (f.packet_size != 0 && announced > f.packet_size) return invalid();
    const std::uint64_t total = header + announced;
    if (total > max_packet) return invalid();
    const auto length = static_cast<std::size_t>(total);
    if (length > available) return {scan_status::more, length, 0, 0};
    return {scan_status::packet, length, 0, length};
}

}  // namespace esock::packet

#endif  // ESOCK_PACKET_FRAME_HPP
