#ifndef ESOCK_CODEC_ADDR_HPP
#define ESOCK_CODEC_ADDR_HPP

// IPv4 and IPv6 address terms <-> the C structures, as the socket module's
// in_addr() and in6_addr() types describe them. Pure functions, thread-safe.

#include <netinet/in.h>

#include <optional>

#include <esock/term.hpp>

namespace esock::codec {

/// {A,B,C,D} with each part 0..255, or one of the atoms any, loopback,
/// broadcast. nullopt for anything else. The result is in network order.
[[nodiscard]] std::optional<in_addr> encode_in_addr(const term& t);

/// The 4-tuple {A,B,C,D} of `a` (network order).
[[nodiscard]] term decode_in_addr(const in_addr& a);

/// An 8-tuple of integers 0..65535, or the atoms any and loopback. nullopt for
/// anything else.
[[nodiscard]] std::optional<in6_addr> encode_in6_addr(const term& t);

/// The 8-tuple of 16-bit groups of `a`.
[[nodiscard]] term decode_in6_addr(const in6_addr& a);

}  // namespace esock::codec

#endif  // ESOCK_CODEC_ADDR_HPP
