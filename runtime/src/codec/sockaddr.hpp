// SPDX-License-Identifier: Apache-2.0
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
    /// OTP raises `reason` rather than returning it as {error, Reason}.
    bool raise = false;
    /// The reason is one of the first stage's (the map's shape, which OTP's
    /// Erlang side checks), not a value the NIF refused.
    bool shape = false;

    [[nodiscard]] bool ok() const noexcept { return address.has_value(); }
};

/// Encodes a sockaddr map: #{family => inet, addr => in_addr() | any |
/// loopback | broadcast, port => P}, #{family => inet6, addr, port, flowinfo,
/// scope_id}, #{family => local, path => binary() | string()} (at most 107
/// bytes; empty means autobind), #{family => unspec[, addr => binary()]},
/// #{family => packet, protocol, ifindex[, pkttype, hatype, addr]} (struct
/// sockaddr_ll; pkttype a packet_type() atom or integer) and #{family =>
/// Integer[, addr => binary()]} (that family and the raw bytes after it).
/// Missing addr/port/flowinfo/scope_id default to any/0. A port is a C int
/// taken modulo 65536, as OTP does. Checked in OTP 25's two stages: first
/// the shape (not a map: raised {invalid, {sockaddr, T}}; no family:
/// {invalid, {sockaddr, family, T}}; keys the family has not: {invalid,
/// {sockaddr, {keys, Keys}, T}}; a local path that is missing, too long or
/// neither a string nor a binary: {invalid, {sockaddr, path, T}}; a string
/// path with a non-character: {invalid, {path, P}}, or raised badarg when an
/// element is no integer), then the values ({invalid, {sockaddr, T}}).
[[nodiscard]] sockaddr_result encode_sockaddr(const term& t);

/// The bytes of a file name given as a string (code points, encoded as
/// UTF-8, the native file name encoding) or a binary; nullopt for a list
/// with a non-character or any other term.
[[nodiscard]] std::optional<std::string> file_name_bytes(const term& t);

/// Decodes native address `a` into a sockaddr map. Total: never reads past
/// its length; a length of 0 gives #{family => unspec, addr => <<>>} (what the
/// kernel reports for an unbound local sender); a structure shorter than its
/// family needs, or an unknown family, gives #{family => Family, addr =>
/// <<RawBytes>>} with Family the atom or the integer.
[[nodiscard]] term decode_sockaddr(const sys::address& a);

}  // namespace esock::codec

#endif  // ESOCK_CODEC_SOCKADDR_HPP
