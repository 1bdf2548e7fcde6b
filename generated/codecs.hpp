// Generated from spec/types.yaml by generator/; do not edit.
// Regenerate with: meson compile -C build regen

// The value codecs generated from spec/types.yaml, and the hand-written
// special codecs they name. Internal to the runtime.

#ifndef ESOCK_GENERATED_CODECS_HPP
#define ESOCK_GENERATED_CODECS_HPP

#include <cstdint>
#include <optional>
#include <span>

#include <esock/term.hpp>

#include "../runtime/src/codec/tables.hpp"

namespace esock::codec::gen {

/// bool_int (bool): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_bool_int(const term& value);
/// bool_int (bool): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_bool_int(std::span<const std::uint8_t> bytes);
/// bool_u8 (bool): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_bool_u8(const term& value);
/// bool_u8 (bool): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_bool_u8(std::span<const std::uint8_t> bytes);
/// int (int): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_int(const term& value);
/// int (int): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_int(std::span<const std::uint8_t> bytes);
/// uint (int): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_uint(const term& value);
/// uint (int): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_uint(std::span<const std::uint8_t> bytes);
/// uint8 (int): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_uint8(const term& value);
/// uint8 (int): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_uint8(std::span<const std::uint8_t> bytes);
/// uint16 (int): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_uint16(const term& value);
/// uint16 (int): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_uint16(std::span<const std::uint8_t> bytes);
/// uint32 (int): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_uint32(const term& value);
/// uint32 (int): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_uint32(std::span<const std::uint8_t> bytes);
/// int32 (int): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_int32(const term& value);
/// int32 (int): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_int32(std::span<const std::uint8_t> bytes);
/// ipv6_hops (int): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_ipv6_hops(const term& value);
/// ipv6_hops (int): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_ipv6_hops(std::span<const std::uint8_t> bytes);
/// interface_name (string): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_interface_name(const term& value);
/// interface_name (string): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_interface_name(std::span<const std::uint8_t> bytes);
/// congestion_name (string): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_congestion_name(const term& value);
/// congestion_name (string): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_congestion_name(std::span<const std::uint8_t> bytes);
/// ip_tos (enum): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_ip_tos(const term& value);
/// ip_tos (enum): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_ip_tos(std::span<const std::uint8_t> bytes);
/// ip_tos_byte (enum): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_ip_tos_byte(const term& value);
/// ip_tos_byte (enum): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_ip_tos_byte(std::span<const std::uint8_t> bytes);
/// ip_pmtudisc (enum): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_ip_pmtudisc(const term& value);
/// ip_pmtudisc (enum): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_ip_pmtudisc(std::span<const std::uint8_t> bytes);
/// ipv6_pmtudisc (enum): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_ipv6_pmtudisc(const term& value);
/// ipv6_pmtudisc (enum): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_ipv6_pmtudisc(std::span<const std::uint8_t> bytes);
/// ip_msfilter_mode (enum): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_ip_msfilter_mode(const term& value);
/// ip_msfilter_mode (enum): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_ip_msfilter_mode(std::span<const std::uint8_t> bytes);
/// domain (enum): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_domain(const term& value);
/// domain (enum): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_domain(std::span<const std::uint8_t> bytes);
/// socket_type (enum): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_socket_type(const term& value);
/// socket_type (enum): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_socket_type(std::span<const std::uint8_t> bytes);
/// socket_protocol (enum): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_socket_protocol(const term& value);
/// socket_protocol (enum): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_socket_protocol(std::span<const std::uint8_t> bytes);
/// ee_origin (enum): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_ee_origin(const term& value);
/// ee_origin (enum): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_ee_origin(std::span<const std::uint8_t> bytes);
/// icmp_type (enum): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_icmp_type(const term& value);
/// icmp_type (enum): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_icmp_type(std::span<const std::uint8_t> bytes);
/// icmp6_type (enum): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_icmp6_type(const term& value);
/// icmp6_type (enum): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_icmp6_type(std::span<const std::uint8_t> bytes);
/// icmp_dest_unreach (enum): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_icmp_dest_unreach(const term& value);
/// icmp_dest_unreach (enum): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_icmp_dest_unreach(std::span<const std::uint8_t> bytes);
/// icmpv6_dest_unreach (enum): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_icmpv6_dest_unreach(const term& value);
/// icmpv6_dest_unreach (enum): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_icmpv6_dest_unreach(std::span<const std::uint8_t> bytes);
/// in_addr (address): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_in_addr(const term& value);
/// in_addr (address): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_in_addr(std::span<const std::uint8_t> bytes);
/// in6_addr (address): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_in6_addr(const term& value);
/// in6_addr (address): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_in6_addr(std::span<const std::uint8_t> bytes);
/// timeval (struct): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_timeval(const term& value);
/// timeval (struct): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_timeval(std::span<const std::uint8_t> bytes);
/// linger (struct): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_linger(const term& value);
/// linger (struct): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_linger(std::span<const std::uint8_t> bytes);
/// ucred (struct): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_ucred(const term& value);
/// ucred (struct): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_ucred(std::span<const std::uint8_t> bytes);
/// ip_mreq (struct): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_ip_mreq(const term& value);
/// ip_mreq (struct): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_ip_mreq(std::span<const std::uint8_t> bytes);
/// ip_mreq_source (struct): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_ip_mreq_source(const term& value);
/// ip_mreq_source (struct): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_ip_mreq_source(std::span<const std::uint8_t> bytes);
/// ipv6_mreq (struct): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_ipv6_mreq(const term& value);
/// ipv6_mreq (struct): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_ipv6_mreq(std::span<const std::uint8_t> bytes);
/// ip_pktinfo (struct): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_ip_pktinfo(const term& value);
/// ip_pktinfo (struct): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_ip_pktinfo(std::span<const std::uint8_t> bytes);
/// ipv6_pktinfo (struct): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_ipv6_pktinfo(const term& value);
/// ipv6_pktinfo (struct): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_ipv6_pktinfo(std::span<const std::uint8_t> bytes);
/// sctp_assocparams (struct): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_sctp_assocparams(const term& value);
/// sctp_assocparams (struct): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_sctp_assocparams(std::span<const std::uint8_t> bytes);
/// sctp_event_subscribe (struct): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_sctp_event_subscribe(const term& value);
/// sctp_event_subscribe (struct): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_sctp_event_subscribe(std::span<const std::uint8_t> bytes);
/// sctp_initmsg (struct): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_sctp_initmsg(const term& value);
/// sctp_initmsg (struct): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_sctp_initmsg(std::span<const std::uint8_t> bytes);
/// sctp_rtoinfo (struct): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_sctp_rtoinfo(const term& value);
/// sctp_rtoinfo (struct): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_sctp_rtoinfo(std::span<const std::uint8_t> bytes);
/// sctp_sndrcvinfo (struct): Term -> native bytes; nullopt rejects the value.
[[nodiscard]] std::optional<native_value> encode_sctp_sndrcvinfo(const term& value);
/// sctp_sndrcvinfo (struct): native bytes -> Term; nullopt when `bytes` is too short.
[[nodiscard]] std::optional<term> decode_sctp_sndrcvinfo(std::span<const std::uint8_t> bytes);

/// The integer an atom (or, when allowed, an integer) of enum ip_tos stands for.
[[nodiscard]] std::optional<std::int64_t> enum_value_ip_tos(const term& value);
/// The atom of enum ip_tos for `value`, or the integer when it has no name.
[[nodiscard]] term enum_term_ip_tos(std::int64_t value);
/// The integer an atom (or, when allowed, an integer) of enum ip_tos_byte stands for.
[[nodiscard]] std::optional<std::int64_t> enum_value_ip_tos_byte(const term& value);
/// The atom of enum ip_tos_byte for `value`, or the integer when it has no name.
[[nodiscard]] term enum_term_ip_tos_byte(std::int64_t value);
/// The integer an atom (or, when allowed, an integer) of enum ip_pmtudisc stands for.
[[nodiscard]] std::optional<std::int64_t> enum_value_ip_pmtudisc(const term& value);
/// The atom of enum ip_pmtudisc for `value`, or the integer when it has no name.
[[nodiscard]] term enum_term_ip_pmtudisc(std::int64_t value);
/// The integer an atom (or, when allowed, an integer) of enum ipv6_pmtudisc stands for.
[[nodiscard]] std::optional<std::int64_t> enum_value_ipv6_pmtudisc(const term& value);
/// The atom of enum ipv6_pmtudisc for `value`, or the integer when it has no name.
[[nodiscard]] term enum_term_ipv6_pmtudisc(std::int64_t value);
/// The integer an atom (or, when allowed, an integer) of enum ip_msfilter_mode stands for.
[[nodiscard]] std::optional<std::int64_t> enum_value_ip_msfilter_mode(const term& value);
/// The atom of enum ip_msfilter_mode for `value`, or the integer when it has no name.
[[nodiscard]] term enum_term_ip_msfilter_mode(std::int64_t value);
/// The integer an atom (or, when allowed, an integer) of enum domain stands for.
[[nodiscard]] std::optional<std::int64_t> enum_value_domain(const term& value);
/// The atom of enum domain for `value`, or the integer when it has no name.
[[nodiscard]] term enum_term_domain(std::int64_t value);
/// The integer an atom (or, when allowed, an integer) of enum socket_type stands for.
[[nodiscard]] std::optional<std::int64_t> enum_value_socket_type(const term& value);
/// The atom of enum socket_type for `value`, or the integer when it has no name.
[[nodiscard]] term enum_term_socket_type(std::int64_t value);
/// The integer an atom (or, when allowed, an integer) of enum socket_protocol stands for.
[[nodiscard]] std::optional<std::int64_t> enum_value_socket_protocol(const term& value);
/// The atom of enum socket_protocol for `value`, or the integer when it has no name.
[[nodiscard]] term enum_term_socket_protocol(std::int64_t value);
/// The integer an atom (or, when allowed, an integer) of enum ee_origin stands for.
[[nodiscard]] std::optional<std::int64_t> enum_value_ee_origin(const term& value);
/// The atom of enum ee_origin for `value`, or the integer when it has no name.
[[nodiscard]] term enum_term_ee_origin(std::int64_t value);
/// The integer an atom (or, when allowed, an integer) of enum icmp_type stands for.
[[nodiscard]] std::optional<std::int64_t> enum_value_icmp_type(const term& value);
/// The atom of enum icmp_type for `value`, or the integer when it has no name.
[[nodiscard]] term enum_term_icmp_type(std::int64_t value);
/// The integer an atom (or, when allowed, an integer) of enum icmp6_type stands for.
[[nodiscard]] std::optional<std::int64_t> enum_value_icmp6_type(const term& value);
/// The atom of enum icmp6_type for `value`, or the integer when it has no name.
[[nodiscard]] term enum_term_icmp6_type(std::int64_t value);
/// The integer an atom (or, when allowed, an integer) of enum icmp_dest_unreach stands for.
[[nodiscard]] std::optional<std::int64_t> enum_value_icmp_dest_unreach(const term& value);
/// The atom of enum icmp_dest_unreach for `value`, or the integer when it has no name.
[[nodiscard]] term enum_term_icmp_dest_unreach(std::int64_t value);
/// The integer an atom (or, when allowed, an integer) of enum icmpv6_dest_unreach stands for.
[[nodiscard]] std::optional<std::int64_t> enum_value_icmpv6_dest_unreach(const term& value);
/// The atom of enum icmpv6_dest_unreach for `value`, or the integer when it has no name.
[[nodiscard]] term enum_term_icmpv6_dest_unreach(std::int64_t value);

}  // namespace esock::codec::gen

namespace esock::codec::special {

/// Hand-written (runtime/src/codec/special.cpp).
[[nodiscard]] std::optional<native_value> encode_ip_msfilter(const term& value);
/// Hand-written (runtime/src/codec/special.cpp).
[[nodiscard]] std::optional<term> decode_cmsg_list(std::span<const std::uint8_t> bytes);
/// Hand-written (runtime/src/codec/special.cpp).
[[nodiscard]] std::optional<term> decode_extended_err(std::span<const std::uint8_t> bytes);
/// Hand-written (runtime/src/codec/special.cpp).
[[nodiscard]] std::optional<term> decode_sockaddr(std::span<const std::uint8_t> bytes);

}  // namespace esock::codec::special

#endif  // ESOCK_GENERATED_CODECS_HPP
