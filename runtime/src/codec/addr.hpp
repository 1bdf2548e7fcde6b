// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_CODEC_ADDR_HPP
#define ESOCK_CODEC_ADDR_HPP

// IPv4 and IPv6 address terms <-> their bytes in network order, as the
// socket module's in_addr() and in6_addr() types describe them. Pure
// functions, thread-safe.

#include <array>
#include <cstdint>
#include <optional>

#include <esock/term.hpp>

namespace esock::codec {

using ipv4_bytes = std::array<std::uint8_t, 4>;
using ipv6_bytes = std::array<std::uint8_t, 16>;

/// {A,B,C,D} with each part 0..255, or one of the atoms any, loopback,
/// broadcast. nullopt for anything else.
[[nodiscard]] std::optional<ipv4_bytes> encode_in_addr(const term& t);

/// The 4-tuple {A,B,C,D} of `a`.
[[nodiscard]] term decode_in_addr(const ipv4_bytes& a);

/// An 8-tuple of integers 0..65535, or the atoms any and loopback. nullopt for
/// anything else.
[[nodiscard]] std::optional<ipv6_bytes> encode_in6_addr(const term& t);

/// The 8-tuple of 16-bit groups of `a`.
[[nodiscard]] term decode_in6_addr(const ipv6_bytes& a);

}  // namespace esock::codec

#endif  // ESOCK_CODEC_ADDR_HPP
