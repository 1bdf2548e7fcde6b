// Generated from spec/types.yaml, spec/levels.yaml, spec/options/*.yaml, spec/cmsgs.yaml,
// spec/domains.yaml, spec/socket_types.yaml, spec/protocols.yaml, spec/msg_flags.yaml,
// spec/ioctl.yaml, spec/features.yaml by generator/; do not edit. Regenerate with: meson compile -C
// build regen

// The data of runtime/src/codec/tables.hpp: value types, levels, options,
// control messages, flags and the supports() features. Every OS constant is
// behind #if defined(...): a constant this platform lacks makes its entry
// undefined, and supports() reports it false.

// The platform headers that define the spec's constants and structs. Every
// use of a constant is behind #if defined(...), so a missing one only makes
// the entry unsupported.
#include <net/if.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
// After the libc headers: the kernel's own add what libc lacks (IPV6_FLOWINFO,
// IFF_LOWER_UP, ...) without redefining what libc has.
#include <linux/errqueue.h>
#include <linux/if.h>
#include <linux/in6.h>
#include <linux/sctp.h>

#include <array>
#include <cstdint>
#include <span>

#include "../runtime/src/codec/tables.hpp"
#include "codecs.hpp"

namespace esock::codec {
namespace {

// clang-format off
constexpr std::array<value_type, 50> value_type_table = {{
    {"bool_int", "bool", &gen::encode_bool_int, &gen::decode_bool_int, sizeof(int)},
    {"bool_u8", "bool", &gen::encode_bool_u8, &gen::decode_bool_u8, sizeof(uint8_t)},
    {"int", "int", &gen::encode_int, &gen::decode_int, sizeof(int)},
    {"uint", "int", &gen::encode_uint, &gen::decode_uint, sizeof(unsigned int)},
    {"uint8", "int", &gen::encode_uint8, &gen::decode_uint8, sizeof(uint8_t)},
    {"uint16", "int", &gen::encode_uint16, &gen::decode_uint16, sizeof(uint16_t)},
    {"uint32", "int", &gen::encode_uint32, &gen::decode_uint32, sizeof(uint32_t)},
    {"int32", "int", &gen::encode_int32, &gen::decode_int32, sizeof(int32_t)},
    {"ipv6_hops", "int", &gen::encode_ipv6_hops, &gen::decode_ipv6_hops, sizeof(int)},
    {"interface_name", "string", &gen::encode_interface_name, &gen::decode_interface_name, 16},
    {"congestion_name", "string", &gen::encode_congestion_name, &gen::decode_congestion_name, 15},
    {"ip_tos", "enum", &gen::encode_ip_tos, &gen::decode_ip_tos, sizeof(int)},
    {"ip_tos_byte", "enum", &gen::encode_ip_tos_byte, &gen::decode_ip_tos_byte, sizeof(uint8_t)},
    {"ip_pmtudisc", "enum", &gen::encode_ip_pmtudisc, &gen::decode_ip_pmtudisc, sizeof(int)},
    {"ipv6_pmtudisc", "enum", &gen::encode_ipv6_pmtudisc, &gen::decode_ipv6_pmtudisc, sizeof(int)},
    {"ip_msfilter_mode", "enum", &gen::encode_ip_msfilter_mode, &gen::decode_ip_msfilter_mode, sizeof(uint32_t)},
    {"domain", "enum", &gen::encode_domain, &gen::decode_domain, sizeof(int)},
    {"socket_type", "enum", &gen::encode_socket_type, &gen::decode_socket_type, sizeof(int)},
    {"socket_protocol", "enum", &gen::encode_socket_protocol, &gen::decode_socket_protocol, sizeof(int)},
    {"ee_origin", "enum", &gen::encode_ee_origin, &gen::decode_ee_origin, sizeof(uint8_t)},
    {"icmp_type", "enum", &gen::encode_icmp_type, &gen::decode_icmp_type, sizeof(uint8_t)},
    {"icmp6_type", "enum", &gen::encode_icmp6_type, &gen::decode_icmp6_type, sizeof(uint8_t)},
    {"icmp_dest_unreach", "enum", &gen::encode_icmp_dest_unreach, &gen::decode_icmp_dest_unreach, sizeof(uint8_t)},
    {"icmpv6_dest_unreach", "enum", &gen::encode_icmpv6_dest_unreach, &gen::decode_icmpv6_dest_unreach, sizeof(uint8_t)},
    {"in_addr", "address", &gen::encode_in_addr, &gen::decode_in_addr, sizeof(in_addr)},
    {"in6_addr", "address", &gen::encode_in6_addr, &gen::decode_in6_addr, sizeof(in6_addr)},
    {"timeval", "struct", &gen::encode_timeval, &gen::decode_timeval, sizeof(struct timeval)},
    {"linger", "struct", &gen::encode_linger, &gen::decode_linger, sizeof(struct linger)},
    {"ucred", "struct", &gen::encode_ucred, &gen::decode_ucred, sizeof(struct ucred)},
    {"ip_mreq", "struct", &gen::encode_ip_mreq, &gen::decode_ip_mreq, sizeof(struct ip_mreq)},
    {"ip_mreq_source", "struct", &gen::encode_ip_mreq_source, &gen::decode_ip_mreq_source, sizeof(struct ip_mreq_source)},
    {"ipv6_mreq", "struct", &gen::encode_ipv6_mreq, &gen::decode_ipv6_mreq, sizeof(struct ipv6_mreq)},
    {"ip_pktinfo", "struct", &gen::encode_ip_pktinfo, &gen::decode_ip_pktinfo, sizeof(struct in_pktinfo)},
    {"ipv6_pktinfo", "struct", &gen::encode_ipv6_pktinfo, &gen::decode_ipv6_pktinfo, sizeof(struct in6_pktinfo)},
    {"sctp_assocparams", "struct", &gen::encode_sctp_assocparams, &gen::decode_sctp_assocparams, sizeof(struct sctp_assocparams)},
    {"sctp_event_subscribe", "struct", &gen::encode_sctp_event_subscribe, &gen::decode_sctp_event_subscribe, sizeof(struct sctp_event_subscribe)},
    {"sctp_initmsg", "struct", &gen::encode_sctp_initmsg, &gen::decode_sctp_initmsg, sizeof(struct sctp_initmsg)},
    {"sctp_rtoinfo", "struct", &gen::encode_sctp_rtoinfo, &gen::decode_sctp_rtoinfo, sizeof(struct sctp_rtoinfo)},
    {"sctp_sndrcvinfo", "struct", &gen::encode_sctp_sndrcvinfo, &gen::decode_sctp_sndrcvinfo, sizeof(struct sctp_sndrcvinfo)},
    {"ip_msfilter", "special", &special::encode_ip_msfilter, nullptr, 0},
    {"sockaddr", "special", nullptr, &special::decode_sockaddr, sizeof(sockaddr_storage)},
    {"extended_err", "special", nullptr, &special::decode_extended_err, 0},
    {"cmsg_list", "special", nullptr, &special::decode_cmsg_list, 1024},
    {"boolean", "erlang", nullptr, nullptr, 0},
    {"pid", "erlang", nullptr, nullptr, 0},
    {"otp_rcvbuf", "erlang", nullptr, nullptr, 0},
    {"otp_bufsize", "erlang", nullptr, nullptr, 0},
    {"otp_fd", "erlang", nullptr, nullptr, 0},
    {"otp_meta", "erlang", nullptr, nullptr, 0},
    {"otp_domain", "erlang", nullptr, nullptr, 0},
}};
// clang-format on

constexpr std::array<level_info, 7> level_table = {{
    {"otp", "", false, false, 0},
#if defined(SOL_SOCKET)
    {"socket", "SOL_SOCKET", true, true, SOL_SOCKET},
#else
    {"socket", "", true, false, 0},
#endif
#if defined(SOL_IP)
    {"ip", "SOL_IP", true, true, SOL_IP},
#elif defined(IPPROTO_IP)
    {"ip", "IPPROTO_IP", true, true, IPPROTO_IP},
#else
    {"ip", "", true, false, 0},
#endif
#if defined(SOL_IPV6)
    {"ipv6", "SOL_IPV6", true, true, SOL_IPV6},
#elif defined(IPPROTO_IPV6)
    {"ipv6", "IPPROTO_IPV6", true, true, IPPROTO_IPV6},
#else
    {"ipv6", "", true, false, 0},
#endif
#if defined(IPPROTO_TCP)
    {"tcp", "IPPROTO_TCP", true, true, IPPROTO_TCP},
#else
    {"tcp", "", true, false, 0},
#endif
#if defined(IPPROTO_UDP)
    {"udp", "IPPROTO_UDP", true, true, IPPROTO_UDP},
#else
    {"udp", "", true, false, 0},
#endif
#if defined(SOL_SCTP)
    {"sctp", "SOL_SCTP", true, true, SOL_SCTP},
#elif defined(IPPROTO_SCTP)
    {"sctp", "IPPROTO_SCTP", true, true, IPPROTO_SCTP},
#else
    {"sctp", "", true, false, 0},
#endif
}};

// Sorted by (level, name) for binary search.
constexpr std::array<option_info, 156> option_table = {{
    {"ip", "add_membership",
#if defined(IP_ADD_MEMBERSHIP)
     "IP_ADD_MEMBERSHIP", &level_table[2], true, level_table[2].defined, IP_ADD_MEMBERSHIP,
#else
     "", &level_table[2], false, false, 0,
#endif
     access::set, &value_type_table[29]},
    {"ip", "add_source_membership",
#if defined(IP_ADD_SOURCE_MEMBERSHIP)
     "IP_ADD_SOURCE_MEMBERSHIP", &level_table[2], true, level_table[2].defined,
     IP_ADD_SOURCE_MEMBERSHIP,
#else
     "", &level_table[2], false, false, 0,
#endif
     access::set, &value_type_table[30]},
    {"ip", "block_source",
#if defined(IP_BLOCK_SOURCE)
     "IP_BLOCK_SOURCE", &level_table[2], true, level_table[2].defined, IP_BLOCK_SOURCE,
#else
     "", &level_table[2], false, false, 0,
#endif
     access::set, &value_type_table[30]},
    {"ip", "dontfrag",
#if defined(IP_DONTFRAG)
     "IP_DONTFRAG", &level_table[2], true, level_table[2].defined, IP_DONTFRAG,
#else
     "", &level_table[2], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"ip", "drop_membership",
#if defined(IP_DROP_MEMBERSHIP)
     "IP_DROP_MEMBERSHIP", &level_table[2], true, level_table[2].defined, IP_DROP_MEMBERSHIP,
#else
     "", &level_table[2], false, false, 0,
#endif
     access::set, &value_type_table[29]},
    {"ip", "drop_source_membership",
#if defined(IP_DROP_SOURCE_MEMBERSHIP)
     "IP_DROP_SOURCE_MEMBERSHIP", &level_table[2], true, level_table[2].defined,
     IP_DROP_SOURCE_MEMBERSHIP,
#else
     "", &level_table[2], false, false, 0,
#endif
     access::set, &value_type_table[30]},
    {"ip", "freebind",
#if defined(IP_FREEBIND)
     "IP_FREEBIND", &level_table[2], true, level_table[2].defined, IP_FREEBIND,
#else
     "", &level_table[2], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"ip", "hdrincl",
#if defined(IP_HDRINCL)
     "IP_HDRINCL", &level_table[2], true, level_table[2].defined, IP_HDRINCL,
#else
     "", &level_table[2], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"ip", "minttl",
#if defined(IP_MINTTL)
     "IP_MINTTL", &level_table[2], true, level_table[2].defined, IP_MINTTL,
#else
     "", &level_table[2], false, false, 0,
#endif
     access::both, &value_type_table[2]},
    {"ip", "msfilter",
#if defined(IP_MSFILTER) && (defined(IP_MSFILTER_SIZE))
     "IP_MSFILTER", &level_table[2], true, level_table[2].defined, IP_MSFILTER,
#else
     "", &level_table[2], false, false, 0,
#endif
     access::set, &value_type_table[39]},
    {"ip", "mtu",
#if defined(IP_MTU)
     "IP_MTU", &level_table[2], true, level_table[2].defined, IP_MTU,
#else
     "", &level_table[2], false, false, 0,
#endif
     access::get, &value_type_table[2]},
    {"ip", "mtu_discover",
#if defined(IP_MTU_DISCOVER)
     "IP_MTU_DISCOVER", &level_table[2], true, level_table[2].defined, IP_MTU_DISCOVER,
#else
     "", &level_table[2], false, false, 0,
#endif
     access::both, &value_type_table[13]},
    {"ip", "multicast_all",
#if defined(IP_MULTICAST_ALL)
     "IP_MULTICAST_ALL", &level_table[2], true, level_table[2].defined, IP_MULTICAST_ALL,
#else
     "", &level_table[2], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"ip", "multicast_if",
#if defined(IP_MULTICAST_IF)
     "IP_MULTICAST_IF", &level_table[2], true, level_table[2].defined, IP_MULTICAST_IF,
#else
     "", &level_table[2], false, false, 0,
#endif
     access::both, &value_type_table[24]},
    {"ip", "multicast_loop",
#if defined(IP_MULTICAST_LOOP)
     "IP_MULTICAST_LOOP", &level_table[2], true, level_table[2].defined, IP_MULTICAST_LOOP,
#else
     "", &level_table[2], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"ip", "multicast_ttl",
#if defined(IP_MULTICAST_TTL)
     "IP_MULTICAST_TTL", &level_table[2], true, level_table[2].defined, IP_MULTICAST_TTL,
#else
     "", &level_table[2], false, false, 0,
#endif
     access::both, &value_type_table[2]},
    {"ip", "nodefrag",
#if defined(IP_NODEFRAG)
     "IP_NODEFRAG", &level_table[2], true, level_table[2].defined, IP_NODEFRAG,
#else
     "", &level_table[2], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"ip", "options",
#if defined(IP_OPTIONS)
     "IP_OPTIONS", &level_table[2], true, false, IP_OPTIONS,
#else
     "", &level_table[2], false, false, 0,
#endif
     access::both, nullptr},
    {"ip", "pktinfo",
#if defined(IP_PKTINFO)
     "IP_PKTINFO", &level_table[2], true, level_table[2].defined, IP_PKTINFO,
#else
     "", &level_table[2], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"ip", "pktoptions",
#if defined(IP_PKTOPTIONS)
     "IP_PKTOPTIONS", &level_table[2], true, level_table[2].defined, IP_PKTOPTIONS,
#else
     "", &level_table[2], false, false, 0,
#endif
     access::get, &value_type_table[42]},
    {"ip", "recvdstaddr",
#if defined(IP_RECVDSTADDR)
     "IP_RECVDSTADDR", &level_table[2], true, level_table[2].defined, IP_RECVDSTADDR,
#else
     "", &level_table[2], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"ip", "recverr",
#if defined(IP_RECVERR)
     "IP_RECVERR", &level_table[2], true, level_table[2].defined, IP_RECVERR,
#else
     "", &level_table[2], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"ip", "recvif",
#if defined(IP_RECVIF)
     "IP_RECVIF", &level_table[2], true, level_table[2].defined, IP_RECVIF,
#else
     "", &level_table[2], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"ip", "recvopts",
#if defined(IP_RECVOPTS)
     "IP_RECVOPTS", &level_table[2], true, level_table[2].defined, IP_RECVOPTS,
#else
     "", &level_table[2], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"ip", "recvorigdstaddr",
#if defined(IP_RECVORIGDSTADDR)
     "IP_RECVORIGDSTADDR", &level_table[2], true, level_table[2].defined, IP_RECVORIGDSTADDR,
#else
     "", &level_table[2], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"ip", "recvtos",
#if defined(IP_RECVTOS)
     "IP_RECVTOS", &level_table[2], true, level_table[2].defined, IP_RECVTOS,
#else
     "", &level_table[2], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"ip", "recvttl",
#if defined(IP_RECVTTL)
     "IP_RECVTTL", &level_table[2], true, level_table[2].defined, IP_RECVTTL,
#else
     "", &level_table[2], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"ip", "retopts",
#if defined(IP_RETOPTS)
     "IP_RETOPTS", &level_table[2], true, level_table[2].defined, IP_RETOPTS,
#else
     "", &level_table[2], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"ip", "router_alert",
#if defined(IP_ROUTER_ALERT)
     "IP_ROUTER_ALERT", &level_table[2], true, level_table[2].defined, IP_ROUTER_ALERT,
#else
     "", &level_table[2], false, false, 0,
#endif
     access::both, &value_type_table[2]},
    {"ip", "sendsrcaddr",
#if defined(IP_SENDSRCADDR)
     "IP_SENDSRCADDR", &level_table[2], true, level_table[2].defined, IP_SENDSRCADDR,
#else
     "", &level_table[2], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"ip", "tos",
#if defined(IP_TOS)
     "IP_TOS", &level_table[2], true, level_table[2].defined, IP_TOS,
#else
     "", &level_table[2], false, false, 0,
#endif
     access::both, &value_type_table[11]},
    {"ip", "transparent",
#if defined(IP_TRANSPARENT)
     "IP_TRANSPARENT", &level_table[2], true, level_table[2].defined, IP_TRANSPARENT,
#else
     "", &level_table[2], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"ip", "ttl",
#if defined(IP_TTL)
     "IP_TTL", &level_table[2], true, level_table[2].defined, IP_TTL,
#else
     "", &level_table[2], false, false, 0,
#endif
     access::both, &value_type_table[2]},
    {"ip", "unblock_source",
#if defined(IP_UNBLOCK_SOURCE)
     "IP_UNBLOCK_SOURCE", &level_table[2], true, level_table[2].defined, IP_UNBLOCK_SOURCE,
#else
     "", &level_table[2], false, false, 0,
#endif
     access::set, &value_type_table[30]},
    {"ipv6", "add_membership",
#if defined(IPV6_ADD_MEMBERSHIP)
     "IPV6_ADD_MEMBERSHIP", &level_table[3], true, level_table[3].defined, IPV6_ADD_MEMBERSHIP,
#else
     "", &level_table[3], false, false, 0,
#endif
     access::set, &value_type_table[31]},
    {"ipv6", "addrform",
#if defined(IPV6_ADDRFORM)
     "IPV6_ADDRFORM", &level_table[3], true, level_table[3].defined, IPV6_ADDRFORM,
#else
     "", &level_table[3], false, false, 0,
#endif
     access::set, &value_type_table[16]},
    {"ipv6", "auth_level",
#if defined(IPV6_AUTH_LEVEL)
     "IPV6_AUTH_LEVEL", &level_table[3], true, level_table[3].defined, IPV6_AUTH_LEVEL,
#else
     "", &level_table[3], false, false, 0,
#endif
     access::both, &value_type_table[2]},
    {"ipv6", "authhdr",
#if defined(IPV6_AUTHHDR)
     "IPV6_AUTHHDR", &level_table[3], true, level_table[3].defined, IPV6_AUTHHDR,
#else
     "", &level_table[3], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"ipv6", "checksum",
#if defined(IPV6_CHECKSUM)
     "IPV6_CHECKSUM", &level_table[3], true, level_table[3].defined, IPV6_CHECKSUM,
#else
     "", &level_table[3], false, false, 0,
#endif
     access::both, &value_type_table[2]},
    {"ipv6", "drop_membership",
#if defined(IPV6_DROP_MEMBERSHIP)
     "IPV6_DROP_MEMBERSHIP", &level_table[3], true, level_table[3].defined, IPV6_DROP_MEMBERSHIP,
#else
     "", &level_table[3], false, false, 0,
#endif
     access::set, &value_type_table[31]},
    {"ipv6", "dstopts",
#if defined(IPV6_DSTOPTS)
     "IPV6_DSTOPTS", &level_table[3], true, level_table[3].defined, IPV6_DSTOPTS,
#else
     "", &level_table[3], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"ipv6", "esp_network_level",
#if defined(IPV6_ESP_NETWORK_LEVEL)
     "IPV6_ESP_NETWORK_LEVEL", &level_table[3], true, level_table[3].defined,
     IPV6_ESP_NETWORK_LEVEL,
#else
     "", &level_table[3], false, false, 0,
#endif
     access::both, &value_type_table[2]},
    {"ipv6", "esp_trans_level",
#if defined(IPV6_ESP_TRANS_LEVEL)
     "IPV6_ESP_TRANS_LEVEL", &level_table[3], true, level_table[3].defined, IPV6_ESP_TRANS_LEVEL,
#else
     "", &level_table[3], false, false, 0,
#endif
     access::both, &value_type_table[2]},
    {"ipv6", "faith",
#if defined(IPV6_FAITH)
     "IPV6_FAITH", &level_table[3], true, level_table[3].defined, IPV6_FAITH,
#else
     "", &level_table[3], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"ipv6", "flowinfo",
#if defined(IPV6_FLOWINFO)
     "IPV6_FLOWINFO", &level_table[3], true, level_table[3].defined, IPV6_FLOWINFO,
#else
     "", &level_table[3], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"ipv6", "hoplimit",
#if defined(IPV6_HOPLIMIT)
     "IPV6_HOPLIMIT", &level_table[3], true, level_table[3].defined, IPV6_HOPLIMIT,
#else
     "", &level_table[3], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"ipv6", "hopopts",
#if defined(IPV6_HOPOPTS)
     "IPV6_HOPOPTS", &level_table[3], true, level_table[3].defined, IPV6_HOPOPTS,
#else
     "", &level_table[3], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"ipv6", "ipcomp_level",
#if defined(IPV6_IPCOMP_LEVEL)
     "IPV6_IPCOMP_LEVEL", &level_table[3], true, level_table[3].defined, IPV6_IPCOMP_LEVEL,
#else
     "", &level_table[3], false, false, 0,
#endif
     access::both, &value_type_table[2]},
    {"ipv6", "join_group",
#if defined(IPV6_JOIN_GROUP)
     "IPV6_JOIN_GROUP", &level_table[3], true, level_table[3].defined, IPV6_JOIN_GROUP,
#else
     "", &level_table[3], false, false, 0,
#endif
     access::set, &value_type_table[31]},
    {"ipv6", "leave_group",
#if defined(IPV6_LEAVE_GROUP)
     "IPV6_LEAVE_GROUP", &level_table[3], true, level_table[3].defined, IPV6_LEAVE_GROUP,
#else
     "", &level_table[3], false, false, 0,
#endif
     access::set, &value_type_table[31]},
    {"ipv6", "mtu",
#if defined(IPV6_MTU)
     "IPV6_MTU", &level_table[3], true, level_table[3].defined, IPV6_MTU,
#else
     "", &level_table[3], false, false, 0,
#endif
     access::both, &value_type_table[2]},
    {"ipv6", "mtu_discover",
#if defined(IPV6_MTU_DISCOVER)
     "IPV6_MTU_DISCOVER", &level_table[3], true, level_table[3].defined, IPV6_MTU_DISCOVER,
#else
     "", &level_table[3], false, false, 0,
#endif
     access::both, &value_type_table[14]},
    {"ipv6", "multicast_hops",
#if defined(IPV6_MULTICAST_HOPS)
     "IPV6_MULTICAST_HOPS", &level_table[3], true, level_table[3].defined, IPV6_MULTICAST_HOPS,
#else
     "", &level_table[3], false, false, 0,
#endif
     access::both, &value_type_table[8]},
    {"ipv6", "multicast_if",
#if defined(IPV6_MULTICAST_IF)
     "IPV6_MULTICAST_IF", &level_table[3], true, level_table[3].defined, IPV6_MULTICAST_IF,
#else
     "", &level_table[3], false, false, 0,
#endif
     access::both, &value_type_table[2]},
    {"ipv6", "multicast_loop",
#if defined(IPV6_MULTICAST_LOOP)
     "IPV6_MULTICAST_LOOP", &level_table[3], true, level_table[3].defined, IPV6_MULTICAST_LOOP,
#else
     "", &level_table[3], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"ipv6", "pktinfo",
#if defined(IPV6_PKTINFO)
     "IPV6_PKTINFO", &level_table[3], true, level_table[3].defined, IPV6_PKTINFO,
#else
     "", &level_table[3], false, false, 0,
#endif
     access::both, &value_type_table[33]},
    {"ipv6", "pktoptions",
#if defined(IPV6_PKTOPTIONS)
     "IPV6_PKTOPTIONS", &level_table[3], true, level_table[3].defined, IPV6_PKTOPTIONS,
#else
     "", &level_table[3], false, false, 0,
#endif
     access::get, &value_type_table[42]},
    {"ipv6", "portrange",
#if defined(IPV6_PORTRANGE)
     "IPV6_PORTRANGE", &level_table[3], true, level_table[3].defined, IPV6_PORTRANGE,
#else
     "", &level_table[3], false, false, 0,
#endif
     access::both, &value_type_table[2]},
    {"ipv6", "recverr",
#if defined(IPV6_RECVERR)
     "IPV6_RECVERR", &level_table[3], true, level_table[3].defined, IPV6_RECVERR,
#else
     "", &level_table[3], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"ipv6", "recvhoplimit",
#if defined(IPV6_RECVHOPLIMIT)
     "IPV6_RECVHOPLIMIT", &level_table[3], true, level_table[3].defined, IPV6_RECVHOPLIMIT,
#else
     "", &level_table[3], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"ipv6", "recvpktinfo",
#if defined(IPV6_RECVPKTINFO)
     "IPV6_RECVPKTINFO", &level_table[3], true, level_table[3].defined, IPV6_RECVPKTINFO,
#elif defined(IPV6_PKTINFO)
     "IPV6_PKTINFO", &level_table[3], true, level_table[3].defined, IPV6_PKTINFO,
#else
     "", &level_table[3], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"ipv6", "recvtclass",
#if defined(IPV6_RECVTCLASS)
     "IPV6_RECVTCLASS", &level_table[3], true, level_table[3].defined, IPV6_RECVTCLASS,
#else
     "", &level_table[3], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"ipv6", "router_alert",
#if defined(IPV6_ROUTER_ALERT)
     "IPV6_ROUTER_ALERT", &level_table[3], true, level_table[3].defined, IPV6_ROUTER_ALERT,
#else
     "", &level_table[3], false, false, 0,
#endif
     access::both, &value_type_table[2]},
    {"ipv6", "rthdr",
#if defined(IPV6_RTHDR)
     "IPV6_RTHDR", &level_table[3], true, level_table[3].defined, IPV6_RTHDR,
#else
     "", &level_table[3], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"ipv6", "tclass",
#if defined(IPV6_TCLASS)
     "IPV6_TCLASS", &level_table[3], true, level_table[3].defined, IPV6_TCLASS,
#else
     "", &level_table[3], false, false, 0,
#endif
     access::both, &value_type_table[2]},
    {"ipv6", "unicast_hops",
#if defined(IPV6_UNICAST_HOPS)
     "IPV6_UNICAST_HOPS", &level_table[3], true, level_table[3].defined, IPV6_UNICAST_HOPS,
#else
     "", &level_table[3], false, false, 0,
#endif
     access::both, &value_type_table[8]},
    {"ipv6", "use_min_mtu",
#if defined(IPV6_USE_MIN_MTU)
     "IPV6_USE_MIN_MTU", &level_table[3], true, level_table[3].defined, IPV6_USE_MIN_MTU,
#else
     "", &level_table[3], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"ipv6", "v6only",
#if defined(IPV6_V6ONLY)
     "IPV6_V6ONLY", &level_table[3], true, level_table[3].defined, IPV6_V6ONLY,
#else
     "", &level_table[3], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"otp", "controlling_process", "", &level_table[0], false, false, 0, access::both,
     &value_type_table[44]},
    {"otp", "debug", "", &level_table[0], false, false, 0, access::both, &value_type_table[43]},
    {"otp", "domain", "", &level_table[0], false, false, 0, access::get, &value_type_table[49]},
    {"otp", "fd", "", &level_table[0], false, false, 0, access::get, &value_type_table[47]},
    {"otp", "iow", "", &level_table[0], false, false, 0, access::both, &value_type_table[43]},
    {"otp", "meta", "", &level_table[0], false, false, 0, access::both, &value_type_table[48]},
    {"otp", "rcvbuf", "", &level_table[0], false, false, 0, access::both, &value_type_table[45]},
    {"otp", "rcvctrlbuf", "", &level_table[0], false, false, 0, access::both,
     &value_type_table[46]},
    {"otp", "sndctrlbuf", "", &level_table[0], false, false, 0, access::both,
     &value_type_table[46]},
    {"otp", "use_registry", "", &level_table[0], false, false, 0, access::get,
     &value_type_table[43]},
    {"sctp", "adaption_layer",
#if defined(SCTP_ADAPTATION_LAYER)
     "SCTP_ADAPTATION_LAYER", &level_table[6], true, false, SCTP_ADAPTATION_LAYER,
#else
     "", &level_table[6], false, false, 0,
#endif
     access::both, nullptr},
    {"sctp", "associnfo",
#if defined(SCTP_ASSOCINFO)
     "SCTP_ASSOCINFO", &level_table[6], true, level_table[6].defined, SCTP_ASSOCINFO,
#else
     "", &level_table[6], false, false, 0,
#endif
     access::both, &value_type_table[34]},
    {"sctp", "auth_active_key",
#if defined(SCTP_AUTH_ACTIVE_KEY)
     "SCTP_AUTH_ACTIVE_KEY", &level_table[6], true, false, SCTP_AUTH_ACTIVE_KEY,
#else
     "", &level_table[6], false, false, 0,
#endif
     access::both, nullptr},
    {"sctp", "auth_asconf",
#if defined(SCTP_AUTH_ASCONF)
     "SCTP_AUTH_ASCONF", &level_table[6], true, false, SCTP_AUTH_ASCONF,
#else
     "", &level_table[6], false, false, 0,
#endif
     access::both, nullptr},
    {"sctp", "auth_chunk",
#if defined(SCTP_AUTH_CHUNK)
     "SCTP_AUTH_CHUNK", &level_table[6], true, false, SCTP_AUTH_CHUNK,
#else
     "", &level_table[6], false, false, 0,
#endif
     access::set, nullptr},
    {"sctp", "auth_delete_key",
#if defined(SCTP_AUTH_DELETE_KEY)
     "SCTP_AUTH_DELETE_KEY", &level_table[6], true, false, SCTP_AUTH_DELETE_KEY,
#else
     "", &level_table[6], false, false, 0,
#endif
     access::set, nullptr},
    {"sctp", "auth_key",
#if defined(SCTP_AUTH_KEY)
     "SCTP_AUTH_KEY", &level_table[6], true, false, SCTP_AUTH_KEY,
#else
     "", &level_table[6], false, false, 0,
#endif
     access::set, nullptr},
    {"sctp", "autoclose",
#if defined(SCTP_AUTOCLOSE)
     "SCTP_AUTOCLOSE", &level_table[6], true, level_table[6].defined, SCTP_AUTOCLOSE,
#else
     "", &level_table[6], false, false, 0,
#endif
     access::both, &value_type_table[2]},
    {"sctp", "context",
#if defined(SCTP_CONTEXT)
     "SCTP_CONTEXT", &level_table[6], true, false, SCTP_CONTEXT,
#else
     "", &level_table[6], false, false, 0,
#endif
     access::both, nullptr},
    {"sctp", "default_send_params",
#if defined(SCTP_DEFAULT_SEND_PARAM)
     "SCTP_DEFAULT_SEND_PARAM", &level_table[6], true, level_table[6].defined,
     SCTP_DEFAULT_SEND_PARAM,
#else
     "", &level_table[6], false, false, 0,
#endif
     access::both, &value_type_table[38]},
    {"sctp", "delayed_ack_time",
#if defined(SCTP_DELAYED_ACK_TIME)
     "SCTP_DELAYED_ACK_TIME", &level_table[6], true, false, SCTP_DELAYED_ACK_TIME,
#else
     "", &level_table[6], false, false, 0,
#endif
     access::both, nullptr},
    {"sctp", "disable_fragments",
#if defined(SCTP_DISABLE_FRAGMENTS)
     "SCTP_DISABLE_FRAGMENTS", &level_table[6], true, level_table[6].defined,
     SCTP_DISABLE_FRAGMENTS,
#else
     "", &level_table[6], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"sctp", "events",
#if defined(SCTP_EVENTS)
     "SCTP_EVENTS", &level_table[6], true, level_table[6].defined, SCTP_EVENTS,
#else
     "", &level_table[6], false, false, 0,
#endif
     access::set, &value_type_table[35]},
    {"sctp", "explicit_eor",
#if defined(SCTP_EXPLICIT_EOR)
     "SCTP_EXPLICIT_EOR", &level_table[6], true, level_table[6].defined, SCTP_EXPLICIT_EOR,
#else
     "", &level_table[6], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"sctp", "fragment_interleave",
#if defined(SCTP_FRAGMENT_INTERLEAVE)
     "SCTP_FRAGMENT_INTERLEAVE", &level_table[6], true, level_table[6].defined,
     SCTP_FRAGMENT_INTERLEAVE,
#else
     "", &level_table[6], false, false, 0,
#endif
     access::both, &value_type_table[2]},
    {"sctp", "get_peer_addr_info",
#if defined(SCTP_GET_PEER_ADDR_INFO)
     "SCTP_GET_PEER_ADDR_INFO", &level_table[6], true, false, SCTP_GET_PEER_ADDR_INFO,
#else
     "", &level_table[6], false, false, 0,
#endif
     access::get, nullptr},
    {"sctp", "hmac_ident",
#if defined(SCTP_HMAC_IDENT)
     "SCTP_HMAC_IDENT", &level_table[6], true, false, SCTP_HMAC_IDENT,
#else
     "", &level_table[6], false, false, 0,
#endif
     access::both, nullptr},
    {"sctp", "i_want_mapped_v4_addr",
#if defined(SCTP_I_WANT_MAPPED_V4_ADDR)
     "SCTP_I_WANT_MAPPED_V4_ADDR", &level_table[6], true, level_table[6].defined,
     SCTP_I_WANT_MAPPED_V4_ADDR,
#else
     "", &level_table[6], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"sctp", "initmsg",
#if defined(SCTP_INITMSG)
     "SCTP_INITMSG", &level_table[6], true, level_table[6].defined, SCTP_INITMSG,
#else
     "", &level_table[6], false, false, 0,
#endif
     access::both, &value_type_table[36]},
    {"sctp", "local_auth_chunks",
#if defined(SCTP_LOCAL_AUTH_CHUNKS)
     "SCTP_LOCAL_AUTH_CHUNKS", &level_table[6], true, false, SCTP_LOCAL_AUTH_CHUNKS,
#else
     "", &level_table[6], false, false, 0,
#endif
     access::get, nullptr},
    {"sctp", "maxburst",
#if defined(SCTP_MAX_BURST)
     "SCTP_MAX_BURST", &level_table[6], true, level_table[6].defined, SCTP_MAX_BURST,
#else
     "", &level_table[6], false, false, 0,
#endif
     access::both, &value_type_table[2]},
    {"sctp", "maxseg",
#if defined(SCTP_MAXSEG)
     "SCTP_MAXSEG", &level_table[6], true, level_table[6].defined, SCTP_MAXSEG,
#else
     "", &level_table[6], false, false, 0,
#endif
     access::both, &value_type_table[2]},
    {"sctp", "nodelay",
#if defined(SCTP_NODELAY)
     "SCTP_NODELAY", &level_table[6], true, level_table[6].defined, SCTP_NODELAY,
#else
     "", &level_table[6], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"sctp", "partial_delivery_point",
#if defined(SCTP_PARTIAL_DELIVERY_POINT)
     "SCTP_PARTIAL_DELIVERY_POINT", &level_table[6], true, level_table[6].defined,
     SCTP_PARTIAL_DELIVERY_POINT,
#else
     "", &level_table[6], false, false, 0,
#endif
     access::both, &value_type_table[6]},
    {"sctp", "peer_addr_params",
#if defined(SCTP_PEER_ADDR_PARAMS)
     "SCTP_PEER_ADDR_PARAMS", &level_table[6], true, false, SCTP_PEER_ADDR_PARAMS,
#else
     "", &level_table[6], false, false, 0,
#endif
     access::both, nullptr},
    {"sctp", "peer_auth_chunks",
#if defined(SCTP_PEER_AUTH_CHUNKS)
     "SCTP_PEER_AUTH_CHUNKS", &level_table[6], true, false, SCTP_PEER_AUTH_CHUNKS,
#else
     "", &level_table[6], false, false, 0,
#endif
     access::get, nullptr},
    {"sctp", "primary_addr",
#if defined(SCTP_PRIMARY_ADDR)
     "SCTP_PRIMARY_ADDR", &level_table[6], true, false, SCTP_PRIMARY_ADDR,
#else
     "", &level_table[6], false, false, 0,
#endif
     access::both, nullptr},
    {"sctp", "reset_streams",
#if defined(SCTP_RESET_STREAMS)
     "SCTP_RESET_STREAMS", &level_table[6], true, false, SCTP_RESET_STREAMS,
#else
     "", &level_table[6], false, false, 0,
#endif
     access::set, nullptr},
    {"sctp", "rtoinfo",
#if defined(SCTP_RTOINFO)
     "SCTP_RTOINFO", &level_table[6], true, level_table[6].defined, SCTP_RTOINFO,
#else
     "", &level_table[6], false, false, 0,
#endif
     access::both, &value_type_table[37]},
    {"sctp", "set_peer_primary_addr",
#if defined(SCTP_SET_PEER_PRIMARY_ADDR)
     "SCTP_SET_PEER_PRIMARY_ADDR", &level_table[6], true, false, SCTP_SET_PEER_PRIMARY_ADDR,
#else
     "", &level_table[6], false, false, 0,
#endif
     access::set, nullptr},
    {"sctp", "status",
#if defined(SCTP_STATUS)
     "SCTP_STATUS", &level_table[6], true, false, SCTP_STATUS,
#else
     "", &level_table[6], false, false, 0,
#endif
     access::get, nullptr},
    {"sctp", "use_ext_recvinfo",
#if defined(SCTP_USE_EXT_RCVINFO)
     "SCTP_USE_EXT_RCVINFO", &level_table[6], true, level_table[6].defined, SCTP_USE_EXT_RCVINFO,
#else
     "", &level_table[6], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"socket", "acceptconn",
#if defined(SO_ACCEPTCONN)
     "SO_ACCEPTCONN", &level_table[1], true, level_table[1].defined, SO_ACCEPTCONN,
#else
     "", &level_table[1], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"socket", "acceptfilter",
#if defined(SO_ACCEPTFILTER)
     "SO_ACCEPTFILTER", &level_table[1], true, false, SO_ACCEPTFILTER,
#else
     "", &level_table[1], false, false, 0,
#endif
     access::both, nullptr},
    {"socket", "bindtodevice",
#if defined(SO_BINDTODEVICE)
     "SO_BINDTODEVICE", &level_table[1], true, level_table[1].defined, SO_BINDTODEVICE,
#else
     "", &level_table[1], false, false, 0,
#endif
     access::both, &value_type_table[9]},
    {"socket", "broadcast",
#if defined(SO_BROADCAST)
     "SO_BROADCAST", &level_table[1], true, level_table[1].defined, SO_BROADCAST,
#else
     "", &level_table[1], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"socket", "busy_poll",
#if defined(SO_BUSY_POLL)
     "SO_BUSY_POLL", &level_table[1], true, level_table[1].defined, SO_BUSY_POLL,
#else
     "", &level_table[1], false, false, 0,
#endif
     access::both, &value_type_table[2]},
    {"socket", "debug",
#if defined(SO_DEBUG)
     "SO_DEBUG", &level_table[1], true, level_table[1].defined, SO_DEBUG,
#else
     "", &level_table[1], false, false, 0,
#endif
     access::both, &value_type_table[2]},
    {"socket", "domain",
#if defined(SO_DOMAIN)
     "SO_DOMAIN", &level_table[1], true, level_table[1].defined, SO_DOMAIN,
#else
     "", &level_table[1], false, false, 0,
#endif
     access::get, &value_type_table[16]},
    {"socket", "dontroute",
#if defined(SO_DONTROUTE)
     "SO_DONTROUTE", &level_table[1], true, level_table[1].defined, SO_DONTROUTE,
#else
     "", &level_table[1], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"socket", "error",
#if defined(SO_ERROR)
     "SO_ERROR", &level_table[1], true, level_table[1].defined, SO_ERROR,
#else
     "", &level_table[1], false, false, 0,
#endif
     access::get, &value_type_table[2]},
    {"socket", "keepalive",
#if defined(SO_KEEPALIVE)
     "SO_KEEPALIVE", &level_table[1], true, level_table[1].defined, SO_KEEPALIVE,
#else
     "", &level_table[1], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"socket", "linger",
#if defined(SO_LINGER)
     "SO_LINGER", &level_table[1], true, level_table[1].defined, SO_LINGER,
#else
     "", &level_table[1], false, false, 0,
#endif
     access::both, &value_type_table[27]},
    {"socket", "mark",
#if defined(SO_MARK)
     "SO_MARK", &level_table[1], true, level_table[1].defined, SO_MARK,
#else
     "", &level_table[1], false, false, 0,
#endif
     access::both, &value_type_table[2]},
    {"socket", "oobinline",
#if defined(SO_OOBINLINE)
     "SO_OOBINLINE", &level_table[1], true, level_table[1].defined, SO_OOBINLINE,
#else
     "", &level_table[1], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"socket", "passcred",
#if defined(SO_PASSCRED)
     "SO_PASSCRED", &level_table[1], true, level_table[1].defined, SO_PASSCRED,
#else
     "", &level_table[1], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"socket", "peek_off",
#if defined(SO_PEEK_OFF)
     "SO_PEEK_OFF", &level_table[1], true, false, SO_PEEK_OFF,
#else
     "", &level_table[1], false, false, 0,
#endif
     access::both, &value_type_table[2]},
    {"socket", "peercred",
#if defined(SO_PEERCRED)
     "SO_PEERCRED", &level_table[1], true, level_table[1].defined, SO_PEERCRED,
#else
     "", &level_table[1], false, false, 0,
#endif
     access::get, &value_type_table[28]},
    {"socket", "priority",
#if defined(SO_PRIORITY)
     "SO_PRIORITY", &level_table[1], true, level_table[1].defined, SO_PRIORITY,
#else
     "", &level_table[1], false, false, 0,
#endif
     access::both, &value_type_table[2]},
    {"socket", "protocol",
#if defined(SO_PROTOCOL)
     "SO_PROTOCOL", &level_table[1], true, level_table[1].defined, SO_PROTOCOL,
#else
     "", &level_table[1], false, false, 0,
#endif
     access::get, &value_type_table[18]},
    {"socket", "rcvbuf",
#if defined(SO_RCVBUF)
     "SO_RCVBUF", &level_table[1], true, level_table[1].defined, SO_RCVBUF,
#else
     "", &level_table[1], false, false, 0,
#endif
     access::both, &value_type_table[2]},
    {"socket", "rcvbufforce",
#if defined(SO_RCVBUFFORCE)
     "SO_RCVBUFFORCE", &level_table[1], true, level_table[1].defined, SO_RCVBUFFORCE,
#else
     "", &level_table[1], false, false, 0,
#endif
     access::both, &value_type_table[2]},
    {"socket", "rcvlowat",
#if defined(SO_RCVLOWAT)
     "SO_RCVLOWAT", &level_table[1], true, level_table[1].defined, SO_RCVLOWAT,
#else
     "", &level_table[1], false, false, 0,
#endif
     access::both, &value_type_table[2]},
    {"socket", "rcvtimeo",
#if defined(SO_RCVTIMEO)
     "SO_RCVTIMEO", &level_table[1], true, false, SO_RCVTIMEO,
#else
     "", &level_table[1], false, false, 0,
#endif
     access::both, &value_type_table[26]},
    {"socket", "reuseaddr",
#if defined(SO_REUSEADDR)
     "SO_REUSEADDR", &level_table[1], true, level_table[1].defined, SO_REUSEADDR,
#else
     "", &level_table[1], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"socket", "reuseport",
#if defined(SO_REUSEPORT)
     "SO_REUSEPORT", &level_table[1], true, level_table[1].defined, SO_REUSEPORT,
#else
     "", &level_table[1], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"socket", "rxq_ovfl",
#if defined(SO_RXQ_OVFL)
     "SO_RXQ_OVFL", &level_table[1], true, level_table[1].defined, SO_RXQ_OVFL,
#else
     "", &level_table[1], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"socket", "setfib",
#if defined(SO_SETFIB)
     "SO_SETFIB", &level_table[1], true, level_table[1].defined, SO_SETFIB,
#else
     "", &level_table[1], false, false, 0,
#endif
     access::set, &value_type_table[2]},
    {"socket", "sndbuf",
#if defined(SO_SNDBUF)
     "SO_SNDBUF", &level_table[1], true, level_table[1].defined, SO_SNDBUF,
#else
     "", &level_table[1], false, false, 0,
#endif
     access::both, &value_type_table[2]},
    {"socket", "sndbufforce",
#if defined(SO_SNDBUFFORCE)
     "SO_SNDBUFFORCE", &level_table[1], true, level_table[1].defined, SO_SNDBUFFORCE,
#else
     "", &level_table[1], false, false, 0,
#endif
     access::both, &value_type_table[2]},
    {"socket", "sndlowat",
#if defined(SO_SNDLOWAT)
     "SO_SNDLOWAT", &level_table[1], true, level_table[1].defined, SO_SNDLOWAT,
#else
     "", &level_table[1], false, false, 0,
#endif
     access::both, &value_type_table[2]},
    {"socket", "sndtimeo",
#if defined(SO_SNDTIMEO)
     "SO_SNDTIMEO", &level_table[1], true, false, SO_SNDTIMEO,
#else
     "", &level_table[1], false, false, 0,
#endif
     access::both, &value_type_table[26]},
    {"socket", "timestamp",
#if defined(SO_TIMESTAMP)
     "SO_TIMESTAMP", &level_table[1], true, level_table[1].defined, SO_TIMESTAMP,
#else
     "", &level_table[1], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"socket", "type",
#if defined(SO_TYPE)
     "SO_TYPE", &level_table[1], true, level_table[1].defined, SO_TYPE,
#else
     "", &level_table[1], false, false, 0,
#endif
     access::get, &value_type_table[17]},
    {"tcp", "congestion",
#if defined(TCP_CONGESTION)
     "TCP_CONGESTION", &level_table[4], true, level_table[4].defined, TCP_CONGESTION,
#else
     "", &level_table[4], false, false, 0,
#endif
     access::both, &value_type_table[10]},
    {"tcp", "cork",
#if defined(TCP_CORK)
     "TCP_CORK", &level_table[4], true, level_table[4].defined, TCP_CORK,
#else
     "", &level_table[4], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"tcp", "info",
#if defined(TCP_INFO)
     "TCP_INFO", &level_table[4], true, false, TCP_INFO,
#else
     "", &level_table[4], false, false, 0,
#endif
     access::get, nullptr},
    {"tcp", "keepcnt",
#if defined(TCP_KEEPCNT)
     "TCP_KEEPCNT", &level_table[4], true, level_table[4].defined, TCP_KEEPCNT,
#else
     "", &level_table[4], false, false, 0,
#endif
     access::both, &value_type_table[2]},
    {"tcp", "keepidle",
#if defined(TCP_KEEPIDLE)
     "TCP_KEEPIDLE", &level_table[4], true, level_table[4].defined, TCP_KEEPIDLE,
#else
     "", &level_table[4], false, false, 0,
#endif
     access::both, &value_type_table[2]},
    {"tcp", "keepintvl",
#if defined(TCP_KEEPINTVL)
     "TCP_KEEPINTVL", &level_table[4], true, level_table[4].defined, TCP_KEEPINTVL,
#else
     "", &level_table[4], false, false, 0,
#endif
     access::both, &value_type_table[2]},
    {"tcp", "maxseg",
#if defined(TCP_MAXSEG)
     "TCP_MAXSEG", &level_table[4], true, level_table[4].defined, TCP_MAXSEG,
#else
     "", &level_table[4], false, false, 0,
#endif
     access::both, &value_type_table[2]},
    {"tcp", "md5sig",
#if defined(TCP_MD5SIG)
     "TCP_MD5SIG", &level_table[4], true, false, TCP_MD5SIG,
#else
     "", &level_table[4], false, false, 0,
#endif
     access::set, nullptr},
    {"tcp", "nodelay",
#if defined(TCP_NODELAY)
     "TCP_NODELAY", &level_table[4], true, level_table[4].defined, TCP_NODELAY,
#else
     "", &level_table[4], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"tcp", "noopt",
#if defined(TCP_NOOPT)
     "TCP_NOOPT", &level_table[4], true, level_table[4].defined, TCP_NOOPT,
#else
     "", &level_table[4], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"tcp", "nopush",
#if defined(TCP_NOPUSH)
     "TCP_NOPUSH", &level_table[4], true, level_table[4].defined, TCP_NOPUSH,
#else
     "", &level_table[4], false, false, 0,
#endif
     access::both, &value_type_table[0]},
    {"tcp", "syncnt",
#if defined(TCP_SYNCNT)
     "TCP_SYNCNT", &level_table[4], true, level_table[4].defined, TCP_SYNCNT,
#else
     "", &level_table[4], false, false, 0,
#endif
     access::both, &value_type_table[2]},
    {"tcp", "user_timeout",
#if defined(TCP_USER_TIMEOUT)
     "TCP_USER_TIMEOUT", &level_table[4], true, level_table[4].defined, TCP_USER_TIMEOUT,
#else
     "", &level_table[4], false, false, 0,
#endif
     access::both, &value_type_table[3]},
    {"udp", "cork",
#if defined(UDP_CORK)
     "UDP_CORK", &level_table[5], true, level_table[5].defined, UDP_CORK,
#else
     "", &level_table[5], false, false, 0,
#endif
     access::both, &value_type_table[0]},
}};

// Sorted by (level, type).
constexpr std::array<cmsg_info, 15> cmsg_table = {{
    {"ip", "origdstaddr",
#if defined(IP_ORIGDSTADDR)
     "IP_ORIGDSTADDR", &level_table[2], true, IP_ORIGDSTADDR,
#else
     "", &level_table[2], false, 0,
#endif
     direction::recv, nullptr, &value_type_table[40]},
    {"ip", "pktinfo",
#if defined(IP_PKTINFO)
     "IP_PKTINFO", &level_table[2], true, IP_PKTINFO,
#else
     "", &level_table[2], false, 0,
#endif
     direction::recv, nullptr, &value_type_table[32]},
    {"ip", "recverr",
#if defined(IP_RECVERR)
     "IP_RECVERR", &level_table[2], true, IP_RECVERR,
#else
     "", &level_table[2], false, 0,
#endif
     direction::recv, nullptr, &value_type_table[41]},
    {"ip", "recvtos",
#if defined(IP_RECVTOS)
     "IP_RECVTOS", &level_table[2], true, IP_RECVTOS,
#else
     "", &level_table[2], false, 0,
#endif
     direction::recv, nullptr, &value_type_table[12]},
    {"ip", "recvttl",
#if defined(IP_RECVTTL)
     "IP_RECVTTL", &level_table[2], true, IP_RECVTTL,
#else
     "", &level_table[2], false, 0,
#endif
     direction::recv, nullptr, &value_type_table[2]},
    {"ip", "tos",
#if defined(IP_TOS)
     "IP_TOS", &level_table[2], true, IP_TOS,
#else
     "", &level_table[2], false, 0,
#endif
     direction::both, &value_type_table[11], &value_type_table[12]},
    {"ip", "ttl",
#if defined(IP_TTL)
     "IP_TTL", &level_table[2], true, IP_TTL,
#else
     "", &level_table[2], false, 0,
#endif
     direction::both, &value_type_table[2], &value_type_table[2]},
    {"ipv6", "hoplimit",
#if defined(IPV6_HOPLIMIT)
     "IPV6_HOPLIMIT", &level_table[3], true, IPV6_HOPLIMIT,
#else
     "", &level_table[3], false, 0,
#endif
     direction::both, &value_type_table[2], &value_type_table[2]},
    {"ipv6", "pktinfo",
#if defined(IPV6_PKTINFO)
     "IPV6_PKTINFO", &level_table[3], true, IPV6_PKTINFO,
#else
     "", &level_table[3], false, 0,
#endif
     direction::recv, nullptr, &value_type_table[33]},
    {"ipv6", "recverr",
#if defined(IPV6_RECVERR)
     "IPV6_RECVERR", &level_table[3], true, IPV6_RECVERR,
#else
     "", &level_table[3], false, 0,
#endif
     direction::recv, nullptr, &value_type_table[41]},
    {"ipv6", "recvtclass",
#if defined(IPV6_RECVTCLASS)
     "IPV6_RECVTCLASS", &level_table[3], true, IPV6_RECVTCLASS,
#else
     "", &level_table[3], false, 0,
#endif
     direction::recv, nullptr, &value_type_table[2]},
    {"ipv6", "tclass",
#if defined(IPV6_TCLASS)
     "IPV6_TCLASS", &level_table[3], true, IPV6_TCLASS,
#else
     "", &level_table[3], false, 0,
#endif
     direction::both, &value_type_table[2], &value_type_table[2]},
    {"socket", "credentials",
#if defined(SCM_CREDENTIALS)
     "SCM_CREDENTIALS", &level_table[1], true, SCM_CREDENTIALS,
#else
     "", &level_table[1], false, 0,
#endif
     direction::both, nullptr, nullptr},
    {"socket", "rights",
#if defined(SCM_RIGHTS)
     "SCM_RIGHTS", &level_table[1], true, SCM_RIGHTS,
#else
     "", &level_table[1], false, 0,
#endif
     direction::both, nullptr, nullptr},
    {"socket", "timestamp",
#if defined(SCM_TIMESTAMP)
     "SCM_TIMESTAMP", &level_table[1], true, SCM_TIMESTAMP,
#else
     "", &level_table[1], false, 0,
#endif
     direction::recv, nullptr, &value_type_table[26]},
}};

constexpr std::array<named_constant, 5> domain_table = {{
#if defined(AF_INET)
    {"inet", "AF_INET", true, static_cast<std::int64_t>(AF_INET), 0},
#else
    {"inet", "", false, 0, 0},
#endif
#if defined(AF_INET6)
    {"inet6", "AF_INET6", true, static_cast<std::int64_t>(AF_INET6), 0},
#else
    {"inet6", "", false, 0, 0},
#endif
#if defined(AF_LOCAL)
    {"local", "AF_LOCAL", true, static_cast<std::int64_t>(AF_LOCAL), 0},
#elif defined(AF_UNIX)
    {"local", "AF_UNIX", true, static_cast<std::int64_t>(AF_UNIX), 0},
#else
    {"local", "", false, 0, 0},
#endif
#if defined(AF_UNSPEC)
    {"unspec", "AF_UNSPEC", true, static_cast<std::int64_t>(AF_UNSPEC), 0},
#else
    {"unspec", "", false, 0, 0},
#endif
#if defined(AF_PACKET)
    {"packet", "AF_PACKET", true, static_cast<std::int64_t>(AF_PACKET), 0},
#else
    {"packet", "", false, 0, 0},
#endif
}};

constexpr std::array<named_constant, 5> socket_type_table = {{
#if defined(SOCK_STREAM)
    {"stream", "SOCK_STREAM", true, static_cast<std::int64_t>(SOCK_STREAM), 0},
#else
    {"stream", "", false, 0, 0},
#endif
#if defined(SOCK_DGRAM)
    {"dgram", "SOCK_DGRAM", true, static_cast<std::int64_t>(SOCK_DGRAM), 0},
#else
    {"dgram", "", false, 0, 0},
#endif
#if defined(SOCK_RAW)
    {"raw", "SOCK_RAW", true, static_cast<std::int64_t>(SOCK_RAW), 0},
#else
    {"raw", "", false, 0, 0},
#endif
#if defined(SOCK_RDM)
    {"rdm", "SOCK_RDM", true, static_cast<std::int64_t>(SOCK_RDM), 0},
#else
    {"rdm", "", false, 0, 0},
#endif
#if defined(SOCK_SEQPACKET)
    {"seqpacket", "SOCK_SEQPACKET", true, static_cast<std::int64_t>(SOCK_SEQPACKET), 0},
#else
    {"seqpacket", "", false, 0, 0},
#endif
}};

constexpr std::array<named_constant, 7> protocol_table = {{
#if defined(IPPROTO_IP)
    {"ip", "IPPROTO_IP", true, static_cast<std::int64_t>(IPPROTO_IP), 0},
#else
    {"ip", "", false, 0, 0},
#endif
#if defined(IPPROTO_IPV6)
    {"ipv6", "IPPROTO_IPV6", true, static_cast<std::int64_t>(IPPROTO_IPV6), 0},
#else
    {"ipv6", "", false, 0, 0},
#endif
#if defined(IPPROTO_ICMP)
    {"icmp", "IPPROTO_ICMP", true, static_cast<std::int64_t>(IPPROTO_ICMP), 0},
#else
    {"icmp", "", false, 0, 0},
#endif
#if defined(IPPROTO_IGMP)
    {"igmp", "IPPROTO_IGMP", true, static_cast<std::int64_t>(IPPROTO_IGMP), 0},
#else
    {"igmp", "", false, 0, 0},
#endif
#if defined(IPPROTO_TCP)
    {"tcp", "IPPROTO_TCP", true, static_cast<std::int64_t>(IPPROTO_TCP), 0},
#else
    {"tcp", "", false, 0, 0},
#endif
#if defined(IPPROTO_UDP)
    {"udp", "IPPROTO_UDP", true, static_cast<std::int64_t>(IPPROTO_UDP), 0},
#else
    {"udp", "", false, 0, 0},
#endif
#if defined(IPPROTO_SCTP)
    {"sctp", "IPPROTO_SCTP", true, static_cast<std::int64_t>(IPPROTO_SCTP), 0},
#else
    {"sctp", "", false, 0, 0},
#endif
}};

constexpr std::array<named_constant, 11> msg_flag_table = {{
#if defined(MSG_CMSG_CLOEXEC)
    {"cmsg_cloexec", "MSG_CMSG_CLOEXEC", true, static_cast<std::int64_t>(MSG_CMSG_CLOEXEC),
     where_recv},
#else
    {"cmsg_cloexec", "", false, 0, where_recv},
#endif
#if defined(MSG_CONFIRM)
    {"confirm", "MSG_CONFIRM", true, static_cast<std::int64_t>(MSG_CONFIRM), where_send},
#else
    {"confirm", "", false, 0, where_send},
#endif
#if defined(MSG_CTRUNC)
    {"ctrunc", "MSG_CTRUNC", true, static_cast<std::int64_t>(MSG_CTRUNC), where_msghdr},
#else
    {"ctrunc", "", false, 0, where_msghdr},
#endif
#if defined(MSG_DONTROUTE)
    {"dontroute", "MSG_DONTROUTE", true, static_cast<std::int64_t>(MSG_DONTROUTE), where_send},
#else
    {"dontroute", "", false, 0, where_send},
#endif
#if defined(MSG_EOR)
    {"eor", "MSG_EOR", true, static_cast<std::int64_t>(MSG_EOR), where_send | where_msghdr},
#else
    {"eor", "", false, 0, where_send | where_msghdr},
#endif
#if defined(MSG_ERRQUEUE)
    {"errqueue", "MSG_ERRQUEUE", true, static_cast<std::int64_t>(MSG_ERRQUEUE),
     where_recv | where_msghdr},
#else
    {"errqueue", "", false, 0, where_recv | where_msghdr},
#endif
#if defined(MSG_MORE)
    {"more", "MSG_MORE", true, static_cast<std::int64_t>(MSG_MORE), where_send},
#else
    {"more", "", false, 0, where_send},
#endif
#if defined(MSG_NOSIGNAL)
    {"nosignal", "MSG_NOSIGNAL", true, static_cast<std::int64_t>(MSG_NOSIGNAL), where_send},
#else
    {"nosignal", "", false, 0, where_send},
#endif
#if defined(MSG_OOB)
    {"oob", "MSG_OOB", true, static_cast<std::int64_t>(MSG_OOB),
     where_send | where_recv | where_msghdr},
#else
    {"oob", "", false, 0, where_send | where_recv | where_msghdr},
#endif
#if defined(MSG_PEEK)
    {"peek", "MSG_PEEK", true, static_cast<std::int64_t>(MSG_PEEK), where_recv},
#else
    {"peek", "", false, 0, where_recv},
#endif
#if defined(MSG_TRUNC)
    {"trunc", "MSG_TRUNC", true, static_cast<std::int64_t>(MSG_TRUNC), where_recv | where_msghdr},
#else
    {"trunc", "", false, 0, where_recv | where_msghdr},
#endif
}};

constexpr std::array<named_constant, 18> ioctl_request_table = {{
#if defined(SIOCGIFADDR)
    {"gifaddr", "SIOCGIFADDR", true, static_cast<std::int64_t>(SIOCGIFADDR), 1},
#else
    {"gifaddr", "", false, 0, 1},
#endif
#if defined(SIOCGIFBRDADDR)
    {"gifbrdaddr", "SIOCGIFBRDADDR", true, static_cast<std::int64_t>(SIOCGIFBRDADDR), 1},
#else
    {"gifbrdaddr", "", false, 0, 1},
#endif
#if defined(SIOCGIFCONF)
    {"gifconf", "SIOCGIFCONF", true, static_cast<std::int64_t>(SIOCGIFCONF), 1},
#else
    {"gifconf", "", false, 0, 1},
#endif
#if defined(SIOCGIFDSTADDR)
    {"gifdstaddr", "SIOCGIFDSTADDR", true, static_cast<std::int64_t>(SIOCGIFDSTADDR), 1},
#else
    {"gifdstaddr", "", false, 0, 1},
#endif
#if defined(SIOCGIFFLAGS)
    {"gifflags", "SIOCGIFFLAGS", true, static_cast<std::int64_t>(SIOCGIFFLAGS), 1},
#else
    {"gifflags", "", false, 0, 1},
#endif
#if defined(SIOCGIFHWADDR)
    {"gifhwaddr", "SIOCGIFHWADDR", true, static_cast<std::int64_t>(SIOCGIFHWADDR), 1},
#else
    {"gifhwaddr", "", false, 0, 1},
#endif
#if defined(SIOCGIFINDEX)
    {"gifindex", "SIOCGIFINDEX", true, static_cast<std::int64_t>(SIOCGIFINDEX), 1},
#else
    {"gifindex", "", false, 0, 1},
#endif
#if defined(SIOCGIFMAP)
    {"gifmap", "SIOCGIFMAP", true, static_cast<std::int64_t>(SIOCGIFMAP), 1},
#else
    {"gifmap", "", false, 0, 1},
#endif
#if defined(SIOCGIFMTU)
    {"gifmtu", "SIOCGIFMTU", true, static_cast<std::int64_t>(SIOCGIFMTU), 1},
#else
    {"gifmtu", "", false, 0, 1},
#endif
#if defined(SIOCGIFNAME)
    {"gifname", "SIOCGIFNAME", true, static_cast<std::int64_t>(SIOCGIFNAME), 1},
#else
    {"gifname", "", false, 0, 1},
#endif
#if defined(SIOCGIFNETMASK)
    {"gifnetmask", "SIOCGIFNETMASK", true, static_cast<std::int64_t>(SIOCGIFNETMASK), 1},
#else
    {"gifnetmask", "", false, 0, 1},
#endif
#if defined(SIOCGIFTXQLEN)
    {"giftxqlen", "SIOCGIFTXQLEN", true, static_cast<std::int64_t>(SIOCGIFTXQLEN), 1},
#else
    {"giftxqlen", "", false, 0, 1},
#endif
#if defined(SIOCSIFADDR)
    {"sifaddr", "SIOCSIFADDR", true, static_cast<std::int64_t>(SIOCSIFADDR), 2},
#else
    {"sifaddr", "", false, 0, 2},
#endif
#if defined(SIOCSIFBRDADDR)
    {"sifbrdaddr", "SIOCSIFBRDADDR", true, static_cast<std::int64_t>(SIOCSIFBRDADDR), 2},
#else
    {"sifbrdaddr", "", false, 0, 2},
#endif
#if defined(SIOCSIFDSTADDR)
    {"sifdstaddr", "SIOCSIFDSTADDR", true, static_cast<std::int64_t>(SIOCSIFDSTADDR), 2},
#else
    {"sifdstaddr", "", false, 0, 2},
#endif
#if defined(SIOCSIFFLAGS)
    {"sifflags", "SIOCSIFFLAGS", true, static_cast<std::int64_t>(SIOCSIFFLAGS), 2},
#else
    {"sifflags", "", false, 0, 2},
#endif
#if defined(SIOCSIFMTU)
    {"sifmtu", "SIOCSIFMTU", true, static_cast<std::int64_t>(SIOCSIFMTU), 2},
#else
    {"sifmtu", "", false, 0, 2},
#endif
#if defined(SIOCSIFTXQLEN)
    {"siftxqlen", "SIOCSIFTXQLEN", true, static_cast<std::int64_t>(SIOCSIFTXQLEN), 2},
#else
    {"siftxqlen", "", false, 0, 2},
#endif
}};

constexpr std::array<named_constant, 32> ioctl_flag_table = {{
#if defined(IFF_ALLMULTI)
    {"allmulti", "IFF_ALLMULTI", true, static_cast<std::int64_t>(IFF_ALLMULTI), 0},
#else
    {"allmulti", "", false, 0, 0},
#endif
#if defined(IFF_AUTOMEDIA)
    {"automedia", "IFF_AUTOMEDIA", true, static_cast<std::int64_t>(IFF_AUTOMEDIA), 0},
#else
    {"automedia", "", false, 0, 0},
#endif
#if defined(IFF_BROADCAST)
    {"broadcast", "IFF_BROADCAST", true, static_cast<std::int64_t>(IFF_BROADCAST), 0},
#else
    {"broadcast", "", false, 0, 0},
#endif
#if defined(IFF_CANTCONFIG)
    {"cantconfig", "IFF_CANTCONFIG", true, static_cast<std::int64_t>(IFF_CANTCONFIG), 0},
#else
    {"cantconfig", "", false, 0, 0},
#endif
#if defined(IFF_DEBUG)
    {"debug", "IFF_DEBUG", true, static_cast<std::int64_t>(IFF_DEBUG), 0},
#else
    {"debug", "", false, 0, 0},
#endif
#if defined(IFF_DORMANT)
    {"dormant", "IFF_DORMANT", true, static_cast<std::int64_t>(IFF_DORMANT), 0},
#else
    {"dormant", "", false, 0, 0},
#endif
#if defined(IFF_DYING)
    {"dying", "IFF_DYING", true, static_cast<std::int64_t>(IFF_DYING), 0},
#else
    {"dying", "", false, 0, 0},
#endif
#if defined(IFF_DYNAMIC)
    {"dynamic", "IFF_DYNAMIC", true, static_cast<std::int64_t>(IFF_DYNAMIC), 0},
#else
    {"dynamic", "", false, 0, 0},
#endif
#if defined(IFF_ECHO)
    {"echo", "IFF_ECHO", true, static_cast<std::int64_t>(IFF_ECHO), 0},
#else
    {"echo", "", false, 0, 0},
#endif
#if defined(IFF_KNOWSEPOCH)
    {"knowsepoch", "IFF_KNOWSEPOCH", true, static_cast<std::int64_t>(IFF_KNOWSEPOCH), 0},
#else
    {"knowsepoch", "", false, 0, 0},
#endif
#if defined(IFF_LINK0)
    {"link0", "IFF_LINK0", true, static_cast<std::int64_t>(IFF_LINK0), 0},
#else
    {"link0", "", false, 0, 0},
#endif
#if defined(IFF_LINK1)
    {"link1", "IFF_LINK1", true, static_cast<std::int64_t>(IFF_LINK1), 0},
#else
    {"link1", "", false, 0, 0},
#endif
#if defined(IFF_LINK2)
    {"link2", "IFF_LINK2", true, static_cast<std::int64_t>(IFF_LINK2), 0},
#else
    {"link2", "", false, 0, 0},
#endif
#if defined(IFF_LOOPBACK)
    {"loopback", "IFF_LOOPBACK", true, static_cast<std::int64_t>(IFF_LOOPBACK), 0},
#else
    {"loopback", "", false, 0, 0},
#endif
#if defined(IFF_LOWER_UP)
    {"lower_up", "IFF_LOWER_UP", true, static_cast<std::int64_t>(IFF_LOWER_UP), 0},
#else
    {"lower_up", "", false, 0, 0},
#endif
#if defined(IFF_MASTER)
    {"master", "IFF_MASTER", true, static_cast<std::int64_t>(IFF_MASTER), 0},
#else
    {"master", "", false, 0, 0},
#endif
#if defined(IFF_MONITOR)
    {"monitor", "IFF_MONITOR", true, static_cast<std::int64_t>(IFF_MONITOR), 0},
#else
    {"monitor", "", false, 0, 0},
#endif
#if defined(IFF_MULTICAST)
    {"multicast", "IFF_MULTICAST", true, static_cast<std::int64_t>(IFF_MULTICAST), 0},
#else
    {"multicast", "", false, 0, 0},
#endif
#if defined(IFF_NOARP)
    {"noarp", "IFF_NOARP", true, static_cast<std::int64_t>(IFF_NOARP), 0},
#else
    {"noarp", "", false, 0, 0},
#endif
#if defined(IFF_NOGROUP)
    {"nogroup", "IFF_NOGROUP", true, static_cast<std::int64_t>(IFF_NOGROUP), 0},
#else
    {"nogroup", "", false, 0, 0},
#endif
#if defined(IFF_NOTRAILERS)
    {"notrailers", "IFF_NOTRAILERS", true, static_cast<std::int64_t>(IFF_NOTRAILERS), 0},
#else
    {"notrailers", "", false, 0, 0},
#endif
#if defined(IFF_OACTIVE)
    {"oactive", "IFF_OACTIVE", true, static_cast<std::int64_t>(IFF_OACTIVE), 0},
#else
    {"oactive", "", false, 0, 0},
#endif
#if defined(IFF_POINTOPOINT)
    {"pointopoint", "IFF_POINTOPOINT", true, static_cast<std::int64_t>(IFF_POINTOPOINT), 0},
#else
    {"pointopoint", "", false, 0, 0},
#endif
#if defined(IFF_PORTSEL)
    {"portsel", "IFF_PORTSEL", true, static_cast<std::int64_t>(IFF_PORTSEL), 0},
#else
    {"portsel", "", false, 0, 0},
#endif
#if defined(IFF_PPROMISC)
    {"ppromisc", "IFF_PPROMISC", true, static_cast<std::int64_t>(IFF_PPROMISC), 0},
#else
    {"ppromisc", "", false, 0, 0},
#endif
#if defined(IFF_PROMISC)
    {"promisc", "IFF_PROMISC", true, static_cast<std::int64_t>(IFF_PROMISC), 0},
#else
    {"promisc", "", false, 0, 0},
#endif
#if defined(IFF_RENAMING)
    {"renaming", "IFF_RENAMING", true, static_cast<std::int64_t>(IFF_RENAMING), 0},
#else
    {"renaming", "", false, 0, 0},
#endif
#if defined(IFF_RUNNING)
    {"running", "IFF_RUNNING", true, static_cast<std::int64_t>(IFF_RUNNING), 0},
#else
    {"running", "", false, 0, 0},
#endif
#if defined(IFF_SIMPLEX)
    {"simplex", "IFF_SIMPLEX", true, static_cast<std::int64_t>(IFF_SIMPLEX), 0},
#else
    {"simplex", "", false, 0, 0},
#endif
#if defined(IFF_SLAVE)
    {"slave", "IFF_SLAVE", true, static_cast<std::int64_t>(IFF_SLAVE), 0},
#else
    {"slave", "", false, 0, 0},
#endif
#if defined(IFF_STATICARP)
    {"staticarp", "IFF_STATICARP", true, static_cast<std::int64_t>(IFF_STATICARP), 0},
#else
    {"staticarp", "", false, 0, 0},
#endif
#if defined(IFF_UP)
    {"up", "IFF_UP", true, static_cast<std::int64_t>(IFF_UP), 0},
#else
    {"up", "", false, 0, 0},
#endif
}};

constexpr std::array<feature_info, 5> feature_table = {{
#if defined(IPPROTO_SCTP) && defined(SCTP_INITMSG)
    {"sctp", true},
#else
    {"sctp", false},
#endif
#if defined(AF_INET6)
    {"ipv6", true},
#else
    {"ipv6", false},
#endif
#if defined(AF_LOCAL) || defined(AF_UNIX)
    {"local", true},
#else
    {"local", false},
#endif
#if defined(__linux__) && defined(CLONE_NEWNET)
    {"netns", true},
#else
    {"netns", false},
#endif
#if defined(__linux__)
    {"sendfile", true},
#else
    {"sendfile", false},
#endif
}};

}  // namespace

std::span<const value_type> value_types() noexcept {
    return value_type_table;
}
std::span<const level_info> levels() noexcept {
    return level_table;
}
std::span<const option_info> options() noexcept {
    return option_table;
}
std::span<const cmsg_info> cmsgs() noexcept {
    return cmsg_table;
}
std::span<const named_constant> domains() noexcept {
    return domain_table;
}
std::span<const named_constant> socket_types() noexcept {
    return socket_type_table;
}
std::span<const named_constant> protocols() noexcept {
    return protocol_table;
}
std::span<const named_constant> msg_flags() noexcept {
    return msg_flag_table;
}
std::span<const named_constant> ioctl_requests() noexcept {
    return ioctl_request_table;
}
std::span<const named_constant> ioctl_flags() noexcept {
    return ioctl_flag_table;
}
std::span<const feature_info> features() noexcept {
    return feature_table;
}

}  // namespace esock::codec
