#ifndef ESOCK_CODEC_SOCKADDR_HPP
#define ESOCK_CODEC_SOCKADDR_HPP

// sockaddr terms (the socket module's sockaddr() maps) <-> struct sockaddr,
// for every family the runtime handles: inet, inet6, local, unspec, packet
// and any other family as raw bytes. Pure functions, thread-safe.

#include <optional>

#include <esock/term.hpp>

#include "sys/address.hpp"

namespace esock::codec {

/// The outcome of encode_sockaddr: an address, or the reason term OTP reports
/// for the input ({invalid, {sockaddr, T}} or, when the map has no family key,
/// {invalid, {sockaddr, family, T}}).
struct sockaddr_result {
    std::optional<sys::address> address;
    term reason;

    [[nodiscard]] bool ok() const noexcept { return address.has_value(); }
};

/// Encodes a sockaddr map: #{family => inet, addr => in_addr() | any |
/// loopback | broadcast, port => P}, #{family => inet6, addr, port, flowinfo,
/// scope_id}, #{family => local, path => binary() | string()} (at most 107
/// bytes; empty means autobind), #{family => unspec[, addr => binary()]},
/// #{family => packet, protocol, ifindex[, pkttype, hatype, addr]} (struct
/// sockaddr_ll; pkttype a packet_type() atom or integer) and #{family =>
/// Integer[, addr => binary()]} (that family and the raw bytes after it).
/// Missing addr/port/flowinfo/scope_id default to any/0. The port is taken
/// modulo 65536, as OTP does. Other keys are ignored.
[[nodiscard]] sockaddr_result encode_sockaddr(const term& t);

/// Decodes native address `a` into a sockaddr map. Total: never reads past
/// its length; a length of 0 gives #{family => unspec, addr => <<>>} (what the
/// kernel reports for an unbound local sender); a structure shorter than its
/// family needs, or an unknown family, gives #{family => Family, addr =>
/// <<RawBytes>>} with Family the atom or the integer.
[[nodiscard]] term decode_sockaddr(const sys::address& a);

}  // namespace esock::codec

#endif  // ESOCK_CODEC_SOCKADDR_HPP
