// Generated from spec/types.yaml by generator/; do not edit.
// Regenerate with: meson compile -C build regen

// One encoder (Term -> native bytes) and one decoder (native bytes -> Term)
// per value type of the spec. Encoders reject every term the type does not
// describe; decoders reject buffers shorter than the C type and never read
// past them.

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

#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string_view>

#include <esock/term.hpp>

#include "../runtime/src/codec/primitives.hpp"
#include "codecs.hpp"

namespace esock::codec::gen {

// -- enumerations ---------------------------------------------------------------

std::optional<std::int64_t> enum_value_ip_tos(const term& value) {
    if (const auto a = value.as_atom()) {
        const std::string_view name = a->name();
#if defined(IPTOS_LOWDELAY)
        if (name == "lowdelay") return IPTOS_LOWDELAY;
#endif
#if defined(IPTOS_THROUGHPUT)
        if (name == "throughput") return IPTOS_THROUGHPUT;
#endif
#if defined(IPTOS_RELIABILITY)
        if (name == "reliability") return IPTOS_RELIABILITY;
#endif
#if defined(IPTOS_MINCOST)
        if (name == "mincost") return IPTOS_MINCOST;
#endif
        return std::nullopt;
    }
    return value.as_int();
}

term enum_term_ip_tos(std::int64_t value) {
#if defined(IPTOS_LOWDELAY)
    if (value == IPTOS_LOWDELAY) return atom("lowdelay");
#endif
#if defined(IPTOS_THROUGHPUT)
    if (value == IPTOS_THROUGHPUT) return atom("throughput");
#endif
#if defined(IPTOS_RELIABILITY)
    if (value == IPTOS_RELIABILITY) return atom("reliability");
#endif
#if defined(IPTOS_MINCOST)
    if (value == IPTOS_MINCOST) return atom("mincost");
#endif
    return term(value);
}

namespace {
template <class T>
bool put_enum_ip_tos(T& dst, const term& t) {
    const auto v = enum_value_ip_tos(t);
    return v.has_value() && put_int_value(dst, *v);
}
template <class T>
term get_enum_ip_tos(const T& v) {
    return enum_term_ip_tos(static_cast<std::int64_t>(v));
}
}  // namespace

std::optional<std::int64_t> enum_value_ip_tos_byte(const term& value) {
    if (const auto a = value.as_atom()) {
        const std::string_view name = a->name();
#if defined(IPTOS_LOWDELAY)
        if (name == "lowdelay") return IPTOS_LOWDELAY;
#endif
#if defined(IPTOS_THROUGHPUT)
        if (name == "throughput") return IPTOS_THROUGHPUT;
#endif
#if defined(IPTOS_RELIABILITY)
        if (name == "reliability") return IPTOS_RELIABILITY;
#endif
#if defined(IPTOS_MINCOST)
        if (name == "mincost") return IPTOS_MINCOST;
#endif
        return std::nullopt;
    }
    return value.as_int();
}

term enum_term_ip_tos_byte(std::int64_t value) {
#if defined(IPTOS_LOWDELAY)
    if (value == IPTOS_LOWDELAY) return atom("lowdelay");
#endif
#if defined(IPTOS_THROUGHPUT)
    if (value == IPTOS_THROUGHPUT) return atom("throughput");
#endif
#if defined(IPTOS_RELIABILITY)
    if (value == IPTOS_RELIABILITY) return atom("reliability");
#endif
#if defined(IPTOS_MINCOST)
    if (value == IPTOS_MINCOST) return atom("mincost");
#endif
    return term(value);
}

namespace {
template <class T>
bool put_enum_ip_tos_byte(T& dst, const term& t) {
    const auto v = enum_value_ip_tos_byte(t);
    return v.has_value() && put_int_value(dst, *v);
}
template <class T>
term get_enum_ip_tos_byte(const T& v) {
    return enum_term_ip_tos_byte(static_cast<std::int64_t>(v));
}
}  // namespace

std::optional<std::int64_t> enum_value_ip_pmtudisc(const term& value) {
    if (const auto a = value.as_atom()) {
        const std::string_view name = a->name();
#if defined(IP_PMTUDISC_WANT)
        if (name == "want") return IP_PMTUDISC_WANT;
#endif
#if defined(IP_PMTUDISC_DONT)
        if (name == "dont") return IP_PMTUDISC_DONT;
#endif
#if defined(IP_PMTUDISC_DO)
        if (name == "do") return IP_PMTUDISC_DO;
#endif
#if defined(IP_PMTUDISC_PROBE)
        if (name == "probe") return IP_PMTUDISC_PROBE;
#endif
        return std::nullopt;
    }
    return value.as_int();
}

term enum_term_ip_pmtudisc(std::int64_t value) {
#if defined(IP_PMTUDISC_WANT)
    if (value == IP_PMTUDISC_WANT) return atom("want");
#endif
#if defined(IP_PMTUDISC_DONT)
    if (value == IP_PMTUDISC_DONT) return atom("dont");
#endif
#if defined(IP_PMTUDISC_DO)
    if (value == IP_PMTUDISC_DO) return atom("do");
#endif
#if defined(IP_PMTUDISC_PROBE)
    if (value == IP_PMTUDISC_PROBE) return atom("probe");
#endif
    return term(value);
}

namespace {
template <class T>
bool put_enum_ip_pmtudisc(T& dst, const term& t) {
    const auto v = enum_value_ip_pmtudisc(t);
    return v.has_value() && put_int_value(dst, *v);
}
template <class T>
term get_enum_ip_pmtudisc(const T& v) {
    return enum_term_ip_pmtudisc(static_cast<std::int64_t>(v));
}
}  // namespace

std::optional<std::int64_t> enum_value_ipv6_pmtudisc(const term& value) {
    if (const auto a = value.as_atom()) {
        const std::string_view name = a->name();
#if defined(IPV6_PMTUDISC_WANT)
        if (name == "want") return IPV6_PMTUDISC_WANT;
#endif
#if defined(IPV6_PMTUDISC_DONT)
        if (name == "dont") return IPV6_PMTUDISC_DONT;
#endif
#if defined(IPV6_PMTUDISC_DO)
        if (name == "do") return IPV6_PMTUDISC_DO;
#endif
#if defined(IPV6_PMTUDISC_PROBE)
        if (name == "probe") return IPV6_PMTUDISC_PROBE;
#endif
        return std::nullopt;
    }
    return value.as_int();
}

term enum_term_ipv6_pmtudisc(std::int64_t value) {
#if defined(IPV6_PMTUDISC_WANT)
    if (value == IPV6_PMTUDISC_WANT) return atom("want");
#endif
#if defined(IPV6_PMTUDISC_DONT)
    if (value == IPV6_PMTUDISC_DONT) return atom("dont");
#endif
#if defined(IPV6_PMTUDISC_DO)
    if (value == IPV6_PMTUDISC_DO) return atom("do");
#endif
#if defined(IPV6_PMTUDISC_PROBE)
    if (value == IPV6_PMTUDISC_PROBE) return atom("probe");
#endif
    return term(value);
}

namespace {
template <class T>
bool put_enum_ipv6_pmtudisc(T& dst, const term& t) {
    const auto v = enum_value_ipv6_pmtudisc(t);
    return v.has_value() && put_int_value(dst, *v);
}
template <class T>
term get_enum_ipv6_pmtudisc(const T& v) {
    return enum_term_ipv6_pmtudisc(static_cast<std::int64_t>(v));
}
}  // namespace

std::optional<std::int64_t> enum_value_ip_msfilter_mode(const term& value) {
    if (const auto a = value.as_atom()) {
        const std::string_view name = a->name();
#if defined(MCAST_INCLUDE)
        if (name == "include") return MCAST_INCLUDE;
#endif
#if defined(MCAST_EXCLUDE)
        if (name == "exclude") return MCAST_EXCLUDE;
#endif
        return std::nullopt;
    }
    return std::nullopt;
}

term enum_term_ip_msfilter_mode(std::int64_t value) {
#if defined(MCAST_INCLUDE)
    if (value == MCAST_INCLUDE) return atom("include");
#endif
#if defined(MCAST_EXCLUDE)
    if (value == MCAST_EXCLUDE) return atom("exclude");
#endif
    return term(value);
}

namespace {
template <class T>
bool put_enum_ip_msfilter_mode(T& dst, const term& t) {
    const auto v = enum_value_ip_msfilter_mode(t);
    return v.has_value() && put_int_value(dst, *v);
}
template <class T>
term get_enum_ip_msfilter_mode(const T& v) {
    return enum_term_ip_msfilter_mode(static_cast<std::int64_t>(v));
}
}  // namespace

std::optional<std::int64_t> enum_value_domain(const term& value) {
    if (const auto a = value.as_atom()) {
        const std::string_view name = a->name();
#if defined(AF_INET)
        if (name == "inet") return AF_INET;
#endif
#if defined(AF_INET6)
        if (name == "inet6") return AF_INET6;
#endif
#if defined(AF_LOCAL)
        if (name == "local") return AF_LOCAL;
#endif
#if defined(AF_UNSPEC)
        if (name == "unspec") return AF_UNSPEC;
#endif
#if defined(AF_PACKET)
        if (name == "packet") return AF_PACKET;
#endif
        return std::nullopt;
    }
    return value.as_int();
}

term enum_term_domain(std::int64_t value) {
#if defined(AF_INET)
    if (value == AF_INET) return atom("inet");
#endif
#if defined(AF_INET6)
    if (value == AF_INET6) return atom("inet6");
#endif
#if defined(AF_LOCAL)
    if (value == AF_LOCAL) return atom("local");
#endif
#if defined(AF_UNSPEC)
    if (value == AF_UNSPEC) return atom("unspec");
#endif
#if defined(AF_PACKET)
    if (value == AF_PACKET) return atom("packet");
#endif
    return term(value);
}

namespace {
template <class T>
bool put_enum_domain(T& dst, const term& t) {
    const auto v = enum_value_domain(t);
    return v.has_value() && put_int_value(dst, *v);
}
template <class T>
term get_enum_domain(const T& v) {
    return enum_term_domain(static_cast<std::int64_t>(v));
}
}  // namespace

std::optional<std::int64_t> enum_value_socket_type(const term& value) {
    if (const auto a = value.as_atom()) {
        const std::string_view name = a->name();
#if defined(SOCK_STREAM)
        if (name == "stream") return SOCK_STREAM;
#endif
#if defined(SOCK_DGRAM)
        if (name == "dgram") return SOCK_DGRAM;
#endif
#if defined(SOCK_RAW)
        if (name == "raw") return SOCK_RAW;
#endif
#if defined(SOCK_RDM)
        if (name == "rdm") return SOCK_RDM;
#endif
#if defined(SOCK_SEQPACKET)
        if (name == "seqpacket") return SOCK_SEQPACKET;
#endif
        return std::nullopt;
    }
    return std::nullopt;
}

term enum_term_socket_type(std::int64_t value) {
#if defined(SOCK_STREAM)
    if (value == SOCK_STREAM) return atom("stream");
#endif
#if defined(SOCK_DGRAM)
    if (value == SOCK_DGRAM) return atom("dgram");
#endif
#if defined(SOCK_RAW)
    if (value == SOCK_RAW) return atom("raw");
#endif
#if defined(SOCK_RDM)
    if (value == SOCK_RDM) return atom("rdm");
#endif
#if defined(SOCK_SEQPACKET)
    if (value == SOCK_SEQPACKET) return atom("seqpacket");
#endif
    return term(value);
}

namespace {
template <class T>
bool put_enum_socket_type(T& dst, const term& t) {
    const auto v = enum_value_socket_type(t);
    return v.has_value() && put_int_value(dst, *v);
}
template <class T>
term get_enum_socket_type(const T& v) {
    return enum_term_socket_type(static_cast<std::int64_t>(v));
}
}  // namespace

std::optional<std::int64_t> enum_value_socket_protocol(const term& value) {
    if (const auto a = value.as_atom()) {
        const std::string_view name = a->name();
        if (name == "default") return 0;
#if defined(IPPROTO_IP)
        if (name == "ip") return IPPROTO_IP;
#endif
#if defined(IPPROTO_IPV6)
        if (name == "ipv6") return IPPROTO_IPV6;
#endif
#if defined(IPPROTO_ICMP)
        if (name == "icmp") return IPPROTO_ICMP;
#endif
#if defined(IPPROTO_IGMP)
        if (name == "igmp") return IPPROTO_IGMP;
#endif
#if defined(IPPROTO_TCP)
        if (name == "tcp") return IPPROTO_TCP;
#endif
#if defined(IPPROTO_UDP)
        if (name == "udp") return IPPROTO_UDP;
#endif
#if defined(IPPROTO_SCTP)
        if (name == "sctp") return IPPROTO_SCTP;
#endif
        return std::nullopt;
    }
    return std::nullopt;
}

term enum_term_socket_protocol(std::int64_t value) {
    if (value == 0) return atom("default");
#if defined(IPPROTO_IP)
    if (value == IPPROTO_IP) return atom("ip");
#endif
#if defined(IPPROTO_IPV6)
    if (value == IPPROTO_IPV6) return atom("ipv6");
#endif
#if defined(IPPROTO_ICMP)
    if (value == IPPROTO_ICMP) return atom("icmp");
#endif
#if defined(IPPROTO_IGMP)
    if (value == IPPROTO_IGMP) return atom("igmp");
#endif
#if defined(IPPROTO_TCP)
    if (value == IPPROTO_TCP) return atom("tcp");
#endif
#if defined(IPPROTO_UDP)
    if (value == IPPROTO_UDP) return atom("udp");
#endif
#if defined(IPPROTO_SCTP)
    if (value == IPPROTO_SCTP) return atom("sctp");
#endif
    return term(value);
}

namespace {
template <class T>
bool put_enum_socket_protocol(T& dst, const term& t) {
    const auto v = enum_value_socket_protocol(t);
    return v.has_value() && put_int_value(dst, *v);
}
template <class T>
term get_enum_socket_protocol(const T& v) {
    return enum_term_socket_protocol(static_cast<std::int64_t>(v));
}
}  // namespace

std::optional<std::int64_t> enum_value_ee_origin(const term& value) {
    if (const auto a = value.as_atom()) {
        const std::string_view name = a->name();
#if defined(SO_EE_ORIGIN_NONE)
        if (name == "none") return SO_EE_ORIGIN_NONE;
#endif
#if defined(SO_EE_ORIGIN_LOCAL)
        if (name == "local") return SO_EE_ORIGIN_LOCAL;
#endif
#if defined(SO_EE_ORIGIN_ICMP)
        if (name == "icmp") return SO_EE_ORIGIN_ICMP;
#endif
#if defined(SO_EE_ORIGIN_ICMP6)
        if (name == "icmp6") return SO_EE_ORIGIN_ICMP6;
#endif
        return std::nullopt;
    }
    return std::nullopt;
}

term enum_term_ee_origin(std::int64_t value) {
#if defined(SO_EE_ORIGIN_NONE)
    if (value == SO_EE_ORIGIN_NONE) return atom("none");
#endif
#if defined(SO_EE_ORIGIN_LOCAL)
    if (value == SO_EE_ORIGIN_LOCAL) return atom("local");
#endif
#if defined(SO_EE_ORIGIN_ICMP)
    if (value == SO_EE_ORIGIN_ICMP) return atom("icmp");
#endif
#if defined(SO_EE_ORIGIN_ICMP6)
    if (value == SO_EE_ORIGIN_ICMP6) return atom("icmp6");
#endif
    return term(value);
}

namespace {
template <class T>
bool put_enum_ee_origin(T& dst, const term& t) {
    const auto v = enum_value_ee_origin(t);
    return v.has_value() && put_int_value(dst, *v);
}
template <class T>
term get_enum_ee_origin(const T& v) {
    return enum_term_ee_origin(static_cast<std::int64_t>(v));
}
}  // namespace

std::optional<std::int64_t> enum_value_icmp_type(const term& value) {
    if (const auto a = value.as_atom()) {
        const std::string_view name = a->name();
#if defined(ICMP_DEST_UNREACH)
        if (name == "dest_unreach") return ICMP_DEST_UNREACH;
#endif
#if defined(ICMP_TIME_EXCEEDED)
        if (name == "time_exceeded") return ICMP_TIME_EXCEEDED;
#endif
        return std::nullopt;
    }
    return std::nullopt;
}

term enum_term_icmp_type(std::int64_t value) {
#if defined(ICMP_DEST_UNREACH)
    if (value == ICMP_DEST_UNREACH) return atom("dest_unreach");
#endif
#if defined(ICMP_TIME_EXCEEDED)
    if (value == ICMP_TIME_EXCEEDED) return atom("time_exceeded");
#endif
    return term(value);
}

namespace {
template <class T>
bool put_enum_icmp_type(T& dst, const term& t) {
    const auto v = enum_value_icmp_type(t);
    return v.has_value() && put_int_value(dst, *v);
}
template <class T>
term get_enum_icmp_type(const T& v) {
    return enum_term_icmp_type(static_cast<std::int64_t>(v));
}
}  // namespace

std::optional<std::int64_t> enum_value_icmp6_type(const term& value) {
    if (const auto a = value.as_atom()) {
        const std::string_view name = a->name();
#if defined(ICMP6_DST_UNREACH)
        if (name == "dest_unreach") return ICMP6_DST_UNREACH;
#endif
#if defined(ICMP6_PACKET_TOO_BIG)
        if (name == "pkt_toobig") return ICMP6_PACKET_TOO_BIG;
#endif
#if defined(ICMP6_TIME_EXCEEDED)
        if (name == "time_exceeded") return ICMP6_TIME_EXCEEDED;
#endif
        return std::nullopt;
    }
    return std::nullopt;
}

term enum_term_icmp6_type(std::int64_t value) {
#if defined(ICMP6_DST_UNREACH)
    if (value == ICMP6_DST_UNREACH) return atom("dest_unreach");
#endif
#if defined(ICMP6_PACKET_TOO_BIG)
    if (value == ICMP6_PACKET_TOO_BIG) return atom("pkt_toobig");
#endif
#if defined(ICMP6_TIME_EXCEEDED)
    if (value == ICMP6_TIME_EXCEEDED) return atom("time_exceeded");
#endif
    return term(value);
}

namespace {
template <class T>
bool put_enum_icmp6_type(T& dst, const term& t) {
    const auto v = enum_value_icmp6_type(t);
    return v.has_value() && put_int_value(dst, *v);
}
template <class T>
term get_enum_icmp6_type(const T& v) {
    return enum_term_icmp6_type(static_cast<std::int64_t>(v));
}
}  // namespace

std::optional<std::int64_t> enum_value_icmp_dest_unreach(const term& value) {
    if (const auto a = value.as_atom()) {
        const std::string_view name = a->name();
#if defined(ICMP_NET_UNREACH)
        if (name == "net_unreach") return ICMP_NET_UNREACH;
#endif
#if defined(ICMP_HOST_UNREACH)
        if (name == "host_unreach") return ICMP_HOST_UNREACH;
#endif
#if defined(ICMP_PORT_UNREACH)
        if (name == "port_unreach") return ICMP_PORT_UNREACH;
#endif
#if defined(ICMP_FRAG_NEEDED)
        if (name == "frag_needed") return ICMP_FRAG_NEEDED;
#endif
#if defined(ICMP_NET_UNKNOWN)
        if (name == "net_unknown") return ICMP_NET_UNKNOWN;
#endif
#if defined(ICMP_HOST_UNKNOWN)
        if (name == "host_unknown") return ICMP_HOST_UNKNOWN;
#endif
        return std::nullopt;
    }
    return std::nullopt;
}

term enum_term_icmp_dest_unreach(std::int64_t value) {
#if defined(ICMP_NET_UNREACH)
    if (value == ICMP_NET_UNREACH) return atom("net_unreach");
#endif
#if defined(ICMP_HOST_UNREACH)
    if (value == ICMP_HOST_UNREACH) return atom("host_unreach");
#endif
#if defined(ICMP_PORT_UNREACH)
    if (value == ICMP_PORT_UNREACH) return atom("port_unreach");
#endif
#if defined(ICMP_FRAG_NEEDED)
    if (value == ICMP_FRAG_NEEDED) return atom("frag_needed");
#endif
#if defined(ICMP_NET_UNKNOWN)
    if (value == ICMP_NET_UNKNOWN) return atom("net_unknown");
#endif
#if defined(ICMP_HOST_UNKNOWN)
    if (value == ICMP_HOST_UNKNOWN) return atom("host_unknown");
#endif
    return term(value);
}

namespace {
template <class T>
bool put_enum_icmp_dest_unreach(T& dst, const term& t) {
    const auto v = enum_value_icmp_dest_unreach(t);
    return v.has_value() && put_int_value(dst, *v);
}
template <class T>
term get_enum_icmp_dest_unreach(const T& v) {
    return enum_term_icmp_dest_unreach(static_cast<std::int64_t>(v));
}
}  // namespace

std::optional<std::int64_t> enum_value_icmpv6_dest_unreach(const term& value) {
    if (const auto a = value.as_atom()) {
        const std::string_view name = a->name();
#if defined(ICMP6_DST_UNREACH_NOROUTE)
        if (name == "noroute") return ICMP6_DST_UNREACH_NOROUTE;
#endif
#if defined(ICMP6_DST_UNREACH_ADMIN)
        if (name == "adm_prohibited") return ICMP6_DST_UNREACH_ADMIN;
#endif
#if defined(ICMP6_DST_UNREACH_BEYONDSCOPE)
        if (name == "not_neighbour") return ICMP6_DST_UNREACH_BEYONDSCOPE;
#endif
#if defined(ICMP6_DST_UNREACH_ADDR)
        if (name == "addr_unreach") return ICMP6_DST_UNREACH_ADDR;
#endif
#if defined(ICMP6_DST_UNREACH_NOPORT)
        if (name == "port_unreach") return ICMP6_DST_UNREACH_NOPORT;
#endif
        if (name == "policy_fail") return 5;
        if (name == "reject_route") return 6;
        return std::nullopt;
    }
    return std::nullopt;
}

term enum_term_icmpv6_dest_unreach(std::int64_t value) {
#if defined(ICMP6_DST_UNREACH_NOROUTE)
    if (value == ICMP6_DST_UNREACH_NOROUTE) return atom("noroute");
#endif
#if defined(ICMP6_DST_UNREACH_ADMIN)
    if (value == ICMP6_DST_UNREACH_ADMIN) return atom("adm_prohibited");
#endif
#if defined(ICMP6_DST_UNREACH_BEYONDSCOPE)
    if (value == ICMP6_DST_UNREACH_BEYONDSCOPE) return atom("not_neighbour");
#endif
#if defined(ICMP6_DST_UNREACH_ADDR)
    if (value == ICMP6_DST_UNREACH_ADDR) return atom("addr_unreach");
#endif
#if defined(ICMP6_DST_UNREACH_NOPORT)
    if (value == ICMP6_DST_UNREACH_NOPORT) return atom("port_unreach");
#endif
    if (value == 5) return atom("policy_fail");
    if (value == 6) return atom("reject_route");
    return term(value);
}

namespace {
template <class T>
bool put_enum_icmpv6_dest_unreach(T& dst, const term& t) {
    const auto v = enum_value_icmpv6_dest_unreach(t);
    return v.has_value() && put_int_value(dst, *v);
}
template <class T>
term get_enum_icmpv6_dest_unreach(const T& v) {
    return enum_term_icmpv6_dest_unreach(static_cast<std::int64_t>(v));
}
}  // namespace

// -- codecs ---------------------------------------------------------------------

// bool_int: bool
std::optional<native_value> encode_bool_int(const term& value) {
    int v;
    std::memset(&v, 0, sizeof v);
    if (!put_bool(v, value)) return std::nullopt;
    return native_of(v);
}

std::optional<term> decode_bool_int(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<int>(bytes);
    if (!v) return std::nullopt;
    return get_bool(*v);
}

// bool_u8: bool
std::optional<native_value> encode_bool_u8(const term& value) {
    uint8_t v;
    std::memset(&v, 0, sizeof v);
    if (!put_bool(v, value)) return std::nullopt;
    return native_of(v);
}

std::optional<term> decode_bool_u8(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<uint8_t>(bytes);
    if (!v) return std::nullopt;
    return get_bool(*v);
}

// int: int
std::optional<native_value> encode_int(const term& value) {
    int v;
    std::memset(&v, 0, sizeof v);
    if (!put_int(v, value)) return std::nullopt;
    return native_of(v);
}

std::optional<term> decode_int(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<int>(bytes);
    if (!v) return std::nullopt;
    return get_int(*v);
}

// uint: int
std::optional<native_value> encode_uint(const term& value) {
    unsigned int v;
    std::memset(&v, 0, sizeof v);
    if (!put_int(v, value)) return std::nullopt;
    return native_of(v);
}

std::optional<term> decode_uint(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<unsigned int>(bytes);
    if (!v) return std::nullopt;
    return get_int(*v);
}

// uint8: int
std::optional<native_value> encode_uint8(const term& value) {
    uint8_t v;
    std::memset(&v, 0, sizeof v);
    if (!put_int(v, value)) return std::nullopt;
    return native_of(v);
}

std::optional<term> decode_uint8(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<uint8_t>(bytes);
    if (!v) return std::nullopt;
    return get_int(*v);
}

// uint16: int
std::optional<native_value> encode_uint16(const term& value) {
    uint16_t v;
    std::memset(&v, 0, sizeof v);
    if (!put_int(v, value)) return std::nullopt;
    return native_of(v);
}

std::optional<term> decode_uint16(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<uint16_t>(bytes);
    if (!v) return std::nullopt;
    return get_int(*v);
}

// uint32: int
std::optional<native_value> encode_uint32(const term& value) {
    uint32_t v;
    std::memset(&v, 0, sizeof v);
    if (!put_int(v, value)) return std::nullopt;
    return native_of(v);
}

std::optional<term> decode_uint32(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<uint32_t>(bytes);
    if (!v) return std::nullopt;
    return get_int(*v);
}

// int32: int
std::optional<native_value> encode_int32(const term& value) {
    int32_t v;
    std::memset(&v, 0, sizeof v);
    if (!put_int(v, value)) return std::nullopt;
    return native_of(v);
}

std::optional<term> decode_int32(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<int32_t>(bytes);
    if (!v) return std::nullopt;
    return get_int(*v);
}

// ipv6_hops: int
std::optional<native_value> encode_ipv6_hops(const term& value) {
    int v;
    std::memset(&v, 0, sizeof v);
    if (value.is_atom() && value.as_atom()->name() == "default") {
        if (!put_int_value(v, -1)) return std::nullopt;
        return native_of(v);
    }
    if (!put_int(v, value)) return std::nullopt;
    return native_of(v);
}

std::optional<term> decode_ipv6_hops(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<int>(bytes);
    if (!v) return std::nullopt;
    return get_int(*v);
}

// interface_name: string
std::optional<native_value> encode_interface_name(const term& value) {
    return encode_string(value, 15);
}

std::optional<term> decode_interface_name(std::span<const std::uint8_t> bytes) {
    return decode_string(bytes, 16);
}

// congestion_name: string
std::optional<native_value> encode_congestion_name(const term& value) {
    return encode_string(value, 15);
}

std::optional<term> decode_congestion_name(std::span<const std::uint8_t> bytes) {
    return decode_string(bytes, 15);
}

// ip_tos: enum
std::optional<native_value> encode_ip_tos(const term& value) {
    int v;
    std::memset(&v, 0, sizeof v);
    if (!put_enum_ip_tos(v, value)) return std::nullopt;
    return native_of(v);
}

std::optional<term> decode_ip_tos(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<int>(bytes);
    if (!v) return std::nullopt;
    return get_enum_ip_tos(*v);
}

// ip_tos_byte: enum
std::optional<native_value> encode_ip_tos_byte(const term& value) {
    uint8_t v;
    std::memset(&v, 0, sizeof v);
    if (!put_enum_ip_tos_byte(v, value)) return std::nullopt;
    return native_of(v);
}

std::optional<term> decode_ip_tos_byte(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<uint8_t>(bytes);
    if (!v) return std::nullopt;
    return get_enum_ip_tos_byte(*v);
}

// ip_pmtudisc: enum
std::optional<native_value> encode_ip_pmtudisc(const term& value) {
    int v;
    std::memset(&v, 0, sizeof v);
    if (!put_enum_ip_pmtudisc(v, value)) return std::nullopt;
    return native_of(v);
}

std::optional<term> decode_ip_pmtudisc(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<int>(bytes);
    if (!v) return std::nullopt;
    return get_enum_ip_pmtudisc(*v);
}

// ipv6_pmtudisc: enum
std::optional<native_value> encode_ipv6_pmtudisc(const term& value) {
    int v;
    std::memset(&v, 0, sizeof v);
    if (!put_enum_ipv6_pmtudisc(v, value)) return std::nullopt;
    return native_of(v);
}

std::optional<term> decode_ipv6_pmtudisc(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<int>(bytes);
    if (!v) return std::nullopt;
    return get_enum_ipv6_pmtudisc(*v);
}

// ip_msfilter_mode: enum
std::optional<native_value> encode_ip_msfilter_mode(const term& value) {
    uint32_t v;
    std::memset(&v, 0, sizeof v);
    if (!put_enum_ip_msfilter_mode(v, value)) return std::nullopt;
    return native_of(v);
}

std::optional<term> decode_ip_msfilter_mode(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<uint32_t>(bytes);
    if (!v) return std::nullopt;
    return get_enum_ip_msfilter_mode(*v);
}

// domain: enum
std::optional<native_value> encode_domain(const term& value) {
    int v;
    std::memset(&v, 0, sizeof v);
    if (!put_enum_domain(v, value)) return std::nullopt;
    return native_of(v);
}

std::optional<term> decode_domain(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<int>(bytes);
    if (!v) return std::nullopt;
    return get_enum_domain(*v);
}

// socket_type: enum
std::optional<native_value> encode_socket_type(const term& value) {
    int v;
    std::memset(&v, 0, sizeof v);
    if (!put_enum_socket_type(v, value)) return std::nullopt;
    return native_of(v);
}

std::optional<term> decode_socket_type(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<int>(bytes);
    if (!v) return std::nullopt;
    return get_enum_socket_type(*v);
}

// socket_protocol: enum
std::optional<native_value> encode_socket_protocol(const term& value) {
    int v;
    std::memset(&v, 0, sizeof v);
    if (!put_enum_socket_protocol(v, value)) return std::nullopt;
    return native_of(v);
}

std::optional<term> decode_socket_protocol(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<int>(bytes);
    if (!v) return std::nullopt;
    return get_enum_socket_protocol(*v);
}

// ee_origin: enum
std::optional<native_value> encode_ee_origin(const term& value) {
    uint8_t v;
    std::memset(&v, 0, sizeof v);
    if (!put_enum_ee_origin(v, value)) return std::nullopt;
    return native_of(v);
}

std::optional<term> decode_ee_origin(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<uint8_t>(bytes);
    if (!v) return std::nullopt;
    return get_enum_ee_origin(*v);
}

// icmp_type: enum
std::optional<native_value> encode_icmp_type(const term& value) {
    uint8_t v;
    std::memset(&v, 0, sizeof v);
    if (!put_enum_icmp_type(v, value)) return std::nullopt;
    return native_of(v);
}

std::optional<term> decode_icmp_type(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<uint8_t>(bytes);
    if (!v) return std::nullopt;
    return get_enum_icmp_type(*v);
}

// icmp6_type: enum
std::optional<native_value> encode_icmp6_type(const term& value) {
    uint8_t v;
    std::memset(&v, 0, sizeof v);
    if (!put_enum_icmp6_type(v, value)) return std::nullopt;
    return native_of(v);
}

std::optional<term> decode_icmp6_type(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<uint8_t>(bytes);
    if (!v) return std::nullopt;
    return get_enum_icmp6_type(*v);
}

// icmp_dest_unreach: enum
std::optional<native_value> encode_icmp_dest_unreach(const term& value) {
    uint8_t v;
    std::memset(&v, 0, sizeof v);
    if (!put_enum_icmp_dest_unreach(v, value)) return std::nullopt;
    return native_of(v);
}

std::optional<term> decode_icmp_dest_unreach(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<uint8_t>(bytes);
    if (!v) return std::nullopt;
    return get_enum_icmp_dest_unreach(*v);
}

// icmpv6_dest_unreach: enum
std::optional<native_value> encode_icmpv6_dest_unreach(const term& value) {
    uint8_t v;
    std::memset(&v, 0, sizeof v);
    if (!put_enum_icmpv6_dest_unreach(v, value)) return std::nullopt;
    return native_of(v);
}

std::optional<term> decode_icmpv6_dest_unreach(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<uint8_t>(bytes);
    if (!v) return std::nullopt;
    return get_enum_icmpv6_dest_unreach(*v);
}

// in_addr: address
std::optional<native_value> encode_in_addr(const term& value) {
    in_addr v;
    std::memset(&v, 0, sizeof v);
    if (!put_in_addr(v, value)) return std::nullopt;
    return native_of(v);
}

std::optional<term> decode_in_addr(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<in_addr>(bytes);
    if (!v) return std::nullopt;
    return get_in_addr(*v);
}

// in6_addr: address
std::optional<native_value> encode_in6_addr(const term& value) {
    in6_addr v;
    std::memset(&v, 0, sizeof v);
    if (!put_in6_addr(v, value)) return std::nullopt;
    return native_of(v);
}

std::optional<term> decode_in6_addr(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<in6_addr>(bytes);
    if (!v) return std::nullopt;
    return get_in6_addr(*v);
}

// timeval: struct
std::optional<native_value> encode_timeval(const term& value) {
    struct timeval v;
    std::memset(&v, 0, sizeof v);  // no stray padding bytes reach the kernel
    if (const term* f = map_field(value, "sec"); f == nullptr || !put_int(v.tv_sec, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "usec"); f == nullptr || !put_int(v.tv_usec, *f)) {
        return std::nullopt;
    }
    return native_of(v);
}

std::optional<term> decode_timeval(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<struct timeval>(bytes);
    if (!v) return std::nullopt;
    return map({
        {atom("sec"), get_int(v->tv_sec)},
        {atom("usec"), get_int(v->tv_usec)},
    });
}

// linger: struct
std::optional<native_value> encode_linger(const term& value) {
    if (value.is_atom() && value.as_atom()->name() == "abort") {
        return encode_linger(map({
            {atom("onoff"), esock::boolean(true)},
            {atom("linger"), esock::term(std::int64_t{0})},
        }));
    }
    struct linger v;
    std::memset(&v, 0, sizeof v);  // no stray padding bytes reach the kernel
    if (const term* f = map_field(value, "onoff"); f == nullptr || !put_bool(v.l_onoff, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "linger"); f == nullptr || !put_int(v.l_linger, *f)) {
        return std::nullopt;
    }
    return native_of(v);
}

std::optional<term> decode_linger(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<struct linger>(bytes);
    if (!v) return std::nullopt;
    return map({
        {atom("onoff"), get_bool(v->l_onoff)},
        {atom("linger"), get_int(v->l_linger)},
    });
}

// ucred: struct
std::optional<native_value> encode_ucred(const term& value) {
    struct ucred v;
    std::memset(&v, 0, sizeof v);  // no stray padding bytes reach the kernel
    if (const term* f = map_field(value, "pid"); f == nullptr || !put_int(v.pid, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "uid"); f == nullptr || !put_int(v.uid, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "gid"); f == nullptr || !put_int(v.gid, *f)) {
        return std::nullopt;
    }
    return native_of(v);
}

std::optional<term> decode_ucred(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<struct ucred>(bytes);
    if (!v) return std::nullopt;
    return map({
        {atom("pid"), get_int(v->pid)},
        {atom("uid"), get_int(v->uid)},
        {atom("gid"), get_int(v->gid)},
    });
}

// ip_mreq: struct
std::optional<native_value> encode_ip_mreq(const term& value) {
    struct ip_mreq v;
    std::memset(&v, 0, sizeof v);  // no stray padding bytes reach the kernel
    if (const term* f = map_field(value, "multiaddr");
        f == nullptr || !put_in_addr(v.imr_multiaddr, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "interface");
        f == nullptr || !put_in_addr(v.imr_interface, *f)) {
        return std::nullopt;
    }
    return native_of(v);
}

std::optional<term> decode_ip_mreq(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<struct ip_mreq>(bytes);
    if (!v) return std::nullopt;
    return map({
        {atom("multiaddr"), get_in_addr(v->imr_multiaddr)},
        {atom("interface"), get_in_addr(v->imr_interface)},
    });
}

// ip_mreq_source: struct
std::optional<native_value> encode_ip_mreq_source(const term& value) {
    struct ip_mreq_source v;
    std::memset(&v, 0, sizeof v);  // no stray padding bytes reach the kernel
    if (const term* f = map_field(value, "multiaddr");
        f == nullptr || !put_in_addr(v.imr_multiaddr, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "interface");
        f == nullptr || !put_in_addr(v.imr_interface, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "sourceaddr");
        f == nullptr || !put_in_addr(v.imr_sourceaddr, *f)) {
        return std::nullopt;
    }
    return native_of(v);
}

std::optional<term> decode_ip_mreq_source(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<struct ip_mreq_source>(bytes);
    if (!v) return std::nullopt;
    return map({
        {atom("multiaddr"), get_in_addr(v->imr_multiaddr)},
        {atom("interface"), get_in_addr(v->imr_interface)},
        {atom("sourceaddr"), get_in_addr(v->imr_sourceaddr)},
    });
}

// ipv6_mreq: struct
std::optional<native_value> encode_ipv6_mreq(const term& value) {
    struct ipv6_mreq v;
    std::memset(&v, 0, sizeof v);  // no stray padding bytes reach the kernel
    if (const term* f = map_field(value, "multiaddr");
        f == nullptr || !put_in6_addr(v.ipv6mr_multiaddr, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "interface");
        f == nullptr || !put_int(v.ipv6mr_interface, *f)) {
        return std::nullopt;
    }
    return native_of(v);
}

std::optional<term> decode_ipv6_mreq(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<struct ipv6_mreq>(bytes);
    if (!v) return std::nullopt;
    return map({
        {atom("multiaddr"), get_in6_addr(v->ipv6mr_multiaddr)},
        {atom("interface"), get_int(v->ipv6mr_interface)},
    });
}

// ip_pktinfo: struct
std::optional<native_value> encode_ip_pktinfo(const term& value) {
    struct in_pktinfo v;
    std::memset(&v, 0, sizeof v);  // no stray padding bytes reach the kernel
    if (const term* f = map_field(value, "ifindex"); f == nullptr || !put_int(v.ipi_ifindex, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "spec_dst");
        f == nullptr || !put_in_addr(v.ipi_spec_dst, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "addr"); f == nullptr || !put_in_addr(v.ipi_addr, *f)) {
        return std::nullopt;
    }
    return native_of(v);
}

std::optional<term> decode_ip_pktinfo(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<struct in_pktinfo>(bytes);
    if (!v) return std::nullopt;
    return map({
        {atom("ifindex"), get_int(v->ipi_ifindex)},
        {atom("spec_dst"), get_in_addr(v->ipi_spec_dst)},
        {atom("addr"), get_in_addr(v->ipi_addr)},
    });
}

// ipv6_pktinfo: struct
std::optional<native_value> encode_ipv6_pktinfo(const term& value) {
    struct in6_pktinfo v;
    std::memset(&v, 0, sizeof v);  // no stray padding bytes reach the kernel
    if (const term* f = map_field(value, "addr"); f == nullptr || !put_in6_addr(v.ipi6_addr, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "ifindex"); f == nullptr || !put_int(v.ipi6_ifindex, *f)) {
        return std::nullopt;
    }
    return native_of(v);
}

std::optional<term> decode_ipv6_pktinfo(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<struct in6_pktinfo>(bytes);
    if (!v) return std::nullopt;
    return map({
        {atom("addr"), get_in6_addr(v->ipi6_addr)},
        {atom("ifindex"), get_int(v->ipi6_ifindex)},
    });
}

// sctp_assocparams: struct
std::optional<native_value> encode_sctp_assocparams(const term& value) {
    struct sctp_assocparams v;
    std::memset(&v, 0, sizeof v);  // no stray padding bytes reach the kernel
    if (const term* f = map_field(value, "assoc_id");
        f == nullptr || !put_int(v.sasoc_assoc_id, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "max_rxt");
        f == nullptr || !put_int(v.sasoc_asocmaxrxt, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "num_peer_dests");
        f == nullptr || !put_int(v.sasoc_number_peer_destinations, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "peer_rwnd");
        f == nullptr || !put_int(v.sasoc_peer_rwnd, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "local_rwnd");
        f == nullptr || !put_int(v.sasoc_local_rwnd, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "cookie_life");
        f == nullptr || !put_int(v.sasoc_cookie_life, *f)) {
        return std::nullopt;
    }
    return native_of(v);
}

std::optional<term> decode_sctp_assocparams(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<struct sctp_assocparams>(bytes);
    if (!v) return std::nullopt;
    return map({
        {atom("assoc_id"), get_int(v->sasoc_assoc_id)},
        {atom("max_rxt"), get_int(v->sasoc_asocmaxrxt)},
        {atom("num_peer_dests"), get_int(v->sasoc_number_peer_destinations)},
        {atom("peer_rwnd"), get_int(v->sasoc_peer_rwnd)},
        {atom("local_rwnd"), get_int(v->sasoc_local_rwnd)},
        {atom("cookie_life"), get_int(v->sasoc_cookie_life)},
    });
}

// sctp_event_subscribe: struct
std::optional<native_value> encode_sctp_event_subscribe(const term& value) {
    struct sctp_event_subscribe v;
    std::memset(&v, 0, sizeof v);  // no stray padding bytes reach the kernel
    if (const term* f = map_field(value, "data_in");
        f == nullptr || !put_bool(v.sctp_data_io_event, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "association");
        f == nullptr || !put_bool(v.sctp_association_event, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "address");
        f == nullptr || !put_bool(v.sctp_address_event, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "send_failure");
        f == nullptr || !put_bool(v.sctp_send_failure_event, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "peer_error");
        f == nullptr || !put_bool(v.sctp_peer_error_event, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "shutdown");
        f == nullptr || !put_bool(v.sctp_shutdown_event, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "partial_delivery");
        f == nullptr || !put_bool(v.sctp_partial_delivery_event, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "adaptation_layer");
        f == nullptr || !put_bool(v.sctp_adaptation_layer_event, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "authentication");
        f == nullptr || !put_bool(v.sctp_authentication_event, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "sender_dry");
        f == nullptr || !put_bool(v.sctp_sender_dry_event, *f)) {
        return std::nullopt;
    }
    return native_of(v);
}

std::optional<term> decode_sctp_event_subscribe(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<struct sctp_event_subscribe>(bytes);
    if (!v) return std::nullopt;
    return map({
        {atom("data_in"), get_bool(v->sctp_data_io_event)},
        {atom("association"), get_bool(v->sctp_association_event)},
        {atom("address"), get_bool(v->sctp_address_event)},
        {atom("send_failure"), get_bool(v->sctp_send_failure_event)},
        {atom("peer_error"), get_bool(v->sctp_peer_error_event)},
        {atom("shutdown"), get_bool(v->sctp_shutdown_event)},
        {atom("partial_delivery"), get_bool(v->sctp_partial_delivery_event)},
        {atom("adaptation_layer"), get_bool(v->sctp_adaptation_layer_event)},
        {atom("authentication"), get_bool(v->sctp_authentication_event)},
        {atom("sender_dry"), get_bool(v->sctp_sender_dry_event)},
    });
}

// sctp_initmsg: struct
std::optional<native_value> encode_sctp_initmsg(const term& value) {
    struct sctp_initmsg v;
    std::memset(&v, 0, sizeof v);  // no stray padding bytes reach the kernel
    if (const term* f = map_field(value, "num_outstreams");
        f == nullptr || !put_int(v.sinit_num_ostreams, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "max_instreams");
        f == nullptr || !put_int(v.sinit_max_instreams, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "max_attempts");
        f == nullptr || !put_int(v.sinit_max_attempts, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "max_init_timeo");
        f == nullptr || !put_int(v.sinit_max_init_timeo, *f)) {
        return std::nullopt;
    }
    return native_of(v);
}

std::optional<term> decode_sctp_initmsg(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<struct sctp_initmsg>(bytes);
    if (!v) return std::nullopt;
    return map({
        {atom("num_outstreams"), get_int(v->sinit_num_ostreams)},
        {atom("max_instreams"), get_int(v->sinit_max_instreams)},
        {atom("max_attempts"), get_int(v->sinit_max_attempts)},
        {atom("max_init_timeo"), get_int(v->sinit_max_init_timeo)},
    });
}

// sctp_rtoinfo: struct
std::optional<native_value> encode_sctp_rtoinfo(const term& value) {
    struct sctp_rtoinfo v;
    std::memset(&v, 0, sizeof v);  // no stray padding bytes reach the kernel
    if (const term* f = map_field(value, "assoc_id");
        f == nullptr || !put_int(v.srto_assoc_id, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "initial"); f == nullptr || !put_int(v.srto_initial, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "max"); f == nullptr || !put_int(v.srto_max, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "min"); f == nullptr || !put_int(v.srto_min, *f)) {
        return std::nullopt;
    }
    return native_of(v);
}

std::optional<term> decode_sctp_rtoinfo(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<struct sctp_rtoinfo>(bytes);
    if (!v) return std::nullopt;
    return map({
        {atom("assoc_id"), get_int(v->srto_assoc_id)},
        {atom("initial"), get_int(v->srto_initial)},
        {atom("max"), get_int(v->srto_max)},
        {atom("min"), get_int(v->srto_min)},
    });
}

// sctp_sndrcvinfo: struct
std::optional<native_value> encode_sctp_sndrcvinfo(const term& value) {
    struct sctp_sndrcvinfo v;
    std::memset(&v, 0, sizeof v);  // no stray padding bytes reach the kernel
    if (const term* f = map_field(value, "stream"); f == nullptr || !put_int(v.sinfo_stream, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "ssn"); f == nullptr || !put_int(v.sinfo_ssn, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "flags"); f == nullptr || !put_int(v.sinfo_flags, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "ppid"); f == nullptr || !put_int(v.sinfo_ppid, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "context");
        f == nullptr || !put_int(v.sinfo_context, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "timetolive");
        f == nullptr || !put_int(v.sinfo_timetolive, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "tsn"); f == nullptr || !put_int(v.sinfo_tsn, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "cumtsn"); f == nullptr || !put_int(v.sinfo_cumtsn, *f)) {
        return std::nullopt;
    }
    if (const term* f = map_field(value, "assoc_id");
        f == nullptr || !put_int(v.sinfo_assoc_id, *f)) {
        return std::nullopt;
    }
    return native_of(v);
}

std::optional<term> decode_sctp_sndrcvinfo(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<struct sctp_sndrcvinfo>(bytes);
    if (!v) return std::nullopt;
    return map({
        {atom("stream"), get_int(v->sinfo_stream)},
        {atom("ssn"), get_int(v->sinfo_ssn)},
        {atom("flags"), get_int(v->sinfo_flags)},
        {atom("ppid"), get_int(v->sinfo_ppid)},
        {atom("context"), get_int(v->sinfo_context)},
        {atom("timetolive"), get_int(v->sinfo_timetolive)},
        {atom("tsn"), get_int(v->sinfo_tsn)},
        {atom("cumtsn"), get_int(v->sinfo_cumtsn)},
        {atom("assoc_id"), get_int(v->sinfo_assoc_id)},
    });
}

}  // namespace esock::codec::gen
