// SPDX-License-Identifier: Apache-2.0
// The generated value codecs: every type of spec/types.yaml round-trips its
// representative values, rejects what the socket manual's type does not
// allow, and rejects every buffer shorter than its C type without reading
// past it (the sanitizer build runs this too).
#define BOOST_TEST_MODULE codec_values
#include <netdb.h>
#include <netinet/in.h>

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <esock/term.hpp>
#include <esock/term_text.hpp>

#include "codec/tables.hpp"

using esock::lit;
using esock::term;
namespace codec = esock::codec;

namespace {

const codec::value_type& type(const char* name) {
    const codec::value_type* t = codec::find_value_type(name);
    BOOST_TEST_REQUIRE(t != nullptr, "no value type " << name);
    return *t;
}

std::optional<term> round_trip(const codec::value_type& t, const term& value) {
    auto bytes = t.encode(value);
    if (!bytes) return std::nullopt;
    return t.decode(bytes->bytes);
}

struct sample {
    const char* in;
    const char* out;  // what reading it back gives; nullptr: the same term
};

// Representative values per type; a type added to the spec without samples
// here fails every_native_type_has_samples.
const std::map<std::string, std::vector<sample>>& samples() {
    static const std::map<std::string, std::vector<sample>> s = {
        {"bool_int", {{"true", nullptr}, {"false", nullptr}}},
        {"bool_u8", {{"true", nullptr}, {"false", nullptr}}},
        {"int",
         {{"0", nullptr}, {"-1", nullptr}, {"2147483647", nullptr}, {"-2147483648", nullptr}}},
        {"uint", {{"0", nullptr}, {"4294967295", nullptr}}},
        {"uint8", {{"0", nullptr}, {"255", nullptr}}},
        {"uint16", {{"0", nullptr}, {"65535", nullptr}}},
        {"uint32", {{"0", nullptr}, {"4294967295", nullptr}}},
        {"int32", {{"-2147483648", nullptr}, {"2147483647", nullptr}}},
        {"ipv6_hops", {{"default", "-1"}, {"64", nullptr}, {"255", nullptr}}},
        {"interface_name",
         {{"\"lo\"", nullptr}, {"\"\"", nullptr}, {"\"abcdefghijklmno\"", nullptr}}},
        {"congestion_name", {{"\"bbr\"", nullptr}, {"\"cubic\"", nullptr}}},
        {"non_neg_int", {{"0", nullptr}, {"2147483647", nullptr}}},
        // OTP 25: tos reads back as an atom when it has a name; -1 and 256
        // pass the type check (the kernel decides).
        {"ip_tos",
         {{"lowdelay", nullptr},
          {"throughput", nullptr},
          {"reliability", nullptr},
          {"mincost", nullptr},
          {"16", "lowdelay"},
          {"17", "lowdelay"},
          {"240", "lowdelay"},
          {"18", nullptr},
          {"0", nullptr},
          {"-1", nullptr},
          {"256", nullptr}}},
        // Named by the TOS bits alone, as OTP 25 names a read-back byte.
        {"ip_tos_byte",
         {{"lowdelay", nullptr},
          {"8", "throughput"},
          {"3", "mincost"},
          {"17", "lowdelay"},
          {"240", "lowdelay"},
          {"0", nullptr},
          {"1", nullptr},
          {"18", nullptr},
          {"224", nullptr}}},
        // OTP 25: mtu_discover 2 reads back as do; 17 passes the type check.
        {"ip_pmtudisc",
         {{"want", nullptr},
          {"dont", nullptr},
          {"do", nullptr},
          {"probe", nullptr},
          {"2", "do"},
          {"17", nullptr}}},
        {"ipv6_pmtudisc", {{"want", nullptr}, {"do", nullptr}, {"17", nullptr}}},
        {"ip_msfilter_mode", {{"include", nullptr}, {"exclude", nullptr}}},
        {"domain",
         {{"inet", nullptr},
          {"inet6", nullptr},
          {"local", nullptr},
          {"unspec", nullptr},
          {"1234", nullptr}}},
        {"socket_type",
         {{"stream", nullptr},
          {"dgram", nullptr},
          {"raw", nullptr},
          {"rdm", nullptr},
          {"seqpacket", nullptr}}},
        // USER and FASTROUTE share a value on Linux: it reads back as user.
        {"packet_type",
         {{"host", nullptr},
          {"broadcast", nullptr},
          {"multicast", nullptr},
          {"otherhost", nullptr},
          {"outgoing", nullptr},
          {"loopback", nullptr},
          {"user", nullptr},
          {"kernel", nullptr},
          {"fastroute", "user"},
          {"200", nullptr}}},
        {"ee_origin",
         {{"none", nullptr}, {"local", nullptr}, {"icmp", nullptr}, {"icmp6", nullptr}}},
        {"icmp_type", {{"dest_unreach", nullptr}, {"time_exceeded", nullptr}}},
        {"icmp6_type",
         {{"dest_unreach", nullptr}, {"pkt_toobig", nullptr}, {"time_exceeded", nullptr}}},
        {"icmp_dest_unreach",
         {{"net_unreach", nullptr},
          {"host_unreach", nullptr},
          {"port_unreach", nullptr},
          {"frag_needed", nullptr},
          {"net_unknown", nullptr},
          {"host_unknown", nullptr}}},
        {"icmpv6_dest_unreach",
         {{"noroute", nullptr},
          {"adm_prohibited", nullptr},
          {"not_neighbour", nullptr},
          {"addr_unreach", nullptr},
          {"port_unreach", nullptr},
          {"policy_fail", nullptr},
          {"reject_route", nullptr}}},
        {"in_addr",
         {{"{127,0,0,1}", nullptr},
          {"any", "{0,0,0,0}"},
          {"loopback", "{127,0,0,1}"},
          {"broadcast", "{255,255,255,255}"}}},
        {"in6_addr",
         {{"{0,0,0,0,0,0,0,1}", nullptr},
          {"any", "{0,0,0,0,0,0,0,0}"},
          {"loopback", "{0,0,0,0,0,0,0,1}"}}},
        {"timeval",
         {{"#{sec => 1795268625, usec => 805392}", nullptr}, {"#{sec => 0, usec => 0}", nullptr}}},
        // OTP 25: abort reads back as #{onoff => true, linger => 0}.
        {"linger",
         {{"#{onoff => true, linger => 10}", nullptr},
          {"#{onoff => false, linger => 0}", nullptr},
          {"abort", "#{onoff => true, linger => 0}"},
          {"#{onoff => true, linger => 5, extra => 1}", "#{onoff => true, linger => 5}"}}},
        {"ucred", {{"#{pid => 1, uid => 0, gid => 0}", nullptr}}},
        {"ip_mreq",
         {{"#{multiaddr => {224,0,0,1}, interface => {127,0,0,1}}", nullptr},
          {"#{multiaddr => {224,0,0,1}, interface => any}",
           "#{multiaddr => {224,0,0,1}, interface => {0,0,0,0}}"}}},
        {"ip_mreq_source",
         {{"#{multiaddr => {232,1,1,1}, interface => {127,0,0,1}, sourceaddr => {10,0,0,1}}",
           nullptr}}},
        {"ipv6_mreq", {{"#{multiaddr => {65282,0,0,0,0,0,0,1}, interface => 1}", nullptr}}},
        {"ip_pktinfo",
         {{"#{ifindex => 1, spec_dst => {127,0,0,1}, addr => {127,0,0,1}}", nullptr}}},
        {"ipv6_pktinfo", {{"#{addr => {0,0,0,0,0,0,0,1}, ifindex => 1}", nullptr}}},
        {"sctp_assocparams",
         {{"#{assoc_id => 0, max_rxt => 10, num_peer_dests => 1, peer_rwnd => 65536, "
           "local_rwnd => 65536, cookie_life => 60000}",
           nullptr}}},
        {"sctp_event_subscribe",
         {{"#{data_in => true, association => true, address => false, send_failure => true, "
           "peer_error => false, shutdown => true, partial_delivery => false, "
           "adaptation_layer => false, authentication => false, sender_dry => true}",
           nullptr}}},
        {"sctp_initmsg",
         {{"#{num_outstreams => 10, max_instreams => 10, max_attempts => 4, "
           "max_init_timeo => 60}",
           nullptr}}},
        {"sctp_rtoinfo",
         {{"#{assoc_id => 0, initial => 3000, max => 60000, min => 1000}", nullptr}}},
        {"sctp_sndrcvinfo",
         {{"#{stream => 1, ssn => 2, flags => 3, ppid => 4, context => 5, timetolive => 6, "
           "tsn => 7, cumtsn => 8, assoc_id => -1}",
           nullptr}}},
    };
    return s;
}

// Terms each type must reject.
const std::map<std::string, std::vector<const char*>>& bad_values() {
    static const std::map<std::string, std::vector<const char*>> b = {
        // OTP 25: {socket, debug} takes an integer; a boolean is invalid.
        {"int", {"true", "1.0", "2147483648", "-2147483649", "foo", "\"1\"", "<<1>>"}},
        {"bool_int", {"1", "0", "yes", "\"true\"", "[]"}},
        {"uint", {"-1", "4294967296", "false"}},
        {"uint8", {"-1", "256"}},
        {"uint16", {"65536", "-1"}},
        {"int32", {"2147483648"}},
        // OTP 25 checks 0..255 itself: -1 is only `default`.
        {"ipv6_hops", {"foo", "infinity", "1.5", "-1", "256"}},
        {"non_neg_int", {"-1", "2147483648", "foo"}},
        // OTP 25: {tcp, congestion} takes a string only.
        {"congestion_name",
         {"<<\"bbr\">>", "bbr", "[98|98]", "[256]", "[-1]", "\"0123456789abcdef\""}},
        {"interface_name", {"\"0123456789abcdef\"", "lo", "[108,111|0]"}},
        {"ip_tos", {"foo", "1.0", "{16}"}},
        {"ip_msfilter_mode", {"0", "both"}},
        {"socket_type", {"1", "packet"}},
        {"in_addr", {"{256,0,0,1}", "{1,2,3}", "\"127.0.0.1\"", "foo"}},
        {"in6_addr", {"{0,0,0,0,0,0,0,65536}", "broadcast", "{127,0,0,1}"}},
        {"linger",
         {"#{onoff => true}", "#{onoff => 1, linger => 0}", "{true, 0}", "abort_now",
          "#{onoff => true, linger => 2147483648}", "#{onoff => true, linger => -1}"}},
        {"timeval", {"#{sec => 1}", "#{sec => 1, usec => foo}", "1000"}},
        {"ip_mreq", {"#{multiaddr => {224,0,0,1}}", "#{multiaddr => 1, interface => any}"}},
        {"sctp_initmsg",
         {"#{num_outstreams => 65536, max_instreams => 1, max_attempts => 1, "
          "max_init_timeo => 1}"}},
    };
    return b;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_native_type_has_samples) {
    for (const codec::value_type& t : codec::value_types()) {
        if (t.kind == "erlang" || t.kind == "special") continue;
        BOOST_TEST(samples().count(std::string(t.name)) == 1U, t.name << " has no samples");
        BOOST_TEST(t.encode != nullptr, t.name);
        BOOST_TEST(t.decode != nullptr, t.name);
    }
}

BOOST_AUTO_TEST_CASE(encode_then_decode_is_the_identity) {
    for (const auto& [name, list] : samples()) {
        const codec::value_type& t = type(name.c_str());
        for (const sample& s : list) {
            const term in = lit(s.in);
            const term want = s.out != nullptr ? lit(s.out) : in;
            auto got = round_trip(t, in);
            BOOST_TEST_REQUIRE(got.has_value(), name << ": " << s.in << " was rejected");
            BOOST_TEST(*got == want,
                       name << ": " << s.in << " read back as " << esock::format_w(*got));
        }
    }
}

// {socket, protocol} is read only: a number as OTP 25 names it.
BOOST_AUTO_TEST_CASE(socket_protocol_reads_as_otp_names_protocols) {
    const codec::value_type& t = type("socket_protocol");
    BOOST_TEST_REQUIRE(t.decode != nullptr);
    BOOST_TEST(t.encode == nullptr);
    auto read = [&](int v) {
        auto bytes =
            std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(&v), sizeof v);
        const auto got = t.decode(bytes);
        BOOST_TEST_REQUIRE(got.has_value());
        return esock::format_w(*got);
    };
    // OTP 25 reads protocol 0 (a local socket's, or ip) as default.
    BOOST_TEST(read(IPPROTO_IP) == "default");
    BOOST_TEST(read(IPPROTO_TCP) == "tcp");
    BOOST_TEST(read(IPPROTO_UDP) == "udp");
    BOOST_TEST(read(IPPROTO_SCTP) == "sctp");
    // The spec does not name ICMP: the protocol database's first name, as
    // OTP's table has it, or the number on a host without one.
    const protoent* icmp = ::getprotobynumber(IPPROTO_ICMP);
    BOOST_TEST(read(IPPROTO_ICMP) == (icmp != nullptr ? std::string(icmp->p_name) : "1"));
    BOOST_TEST(read(4242) == "4242");
    const std::uint8_t short_buffer[2] = {6, 0};
    BOOST_TEST(!t.decode(std::span<const std::uint8_t>(short_buffer)).has_value());
}

BOOST_AUTO_TEST_CASE(bad_values_are_rejected) {
    for (const auto& [name, list] : bad_values()) {
        const codec::value_type& t = type(name.c_str());
        for (const char* v : list) {
            BOOST_TEST(!t.encode(lit(v)).has_value(), name << " accepted " << v);
        }
    }
}

BOOST_AUTO_TEST_CASE(encoded_sizes_are_the_c_sizes) {
    for (const codec::value_type& t : codec::value_types()) {
        if (t.kind == "string" || t.kind == "erlang" || t.kind == "special") continue;
        const auto& s = samples().at(std::string(t.name));
        auto bytes = t.encode(lit(s.front().in));
        BOOST_TEST_REQUIRE(bytes.has_value(), t.name);
        BOOST_TEST(bytes->bytes.size() == t.native_size, t.name);
        BOOST_TEST(!bytes->null_pointer);
    }
}

BOOST_AUTO_TEST_CASE(every_shorter_buffer_is_rejected_without_overreading) {
    for (const codec::value_type& t : codec::value_types()) {
        if (t.decode == nullptr || t.kind == "string" || t.native_size == 0) continue;
        if (t.kind == "special") continue;  // variable-length; see the cmsg tests
        for (std::size_t len = 0; len < t.native_size; ++len) {
            // Exactly `len` bytes on the heap, so an over-read is a sanitizer error.
            std::unique_ptr<std::uint8_t[]> buf(new std::uint8_t[len == 0 ? 1 : len]);
            for (std::size_t i = 0; i < len; ++i)
                buf[i] = 0xA5;
            BOOST_TEST(!t.decode({buf.get(), len}).has_value(), t.name << " len " << len);
        }
    }
}

BOOST_AUTO_TEST_CASE(strings_read_back_as_otp_25_returns_them) {
    // OTP 25 reads bindtodevice "lo\0" as [108,111,0] and congestion as 15
    // NUL-padded bytes; esock stops at the NUL (docs/deviations.md).
    const codec::value_type& ifname = type("interface_name");
    const std::uint8_t lo[] = {'l', 'o', 0};
    BOOST_TEST(*ifname.decode(std::span<const std::uint8_t>(lo)) == lit("\"lo\""));
    BOOST_TEST(*ifname.decode({}) == lit("[]"));
    const codec::value_type& cc = type("congestion_name");
    std::uint8_t bbr[16] = {'b', 'b', 'r'};
    BOOST_TEST(cc.native_size == 15U);
    BOOST_TEST(*cc.decode({bbr, 15}) == lit("\"bbr\""));
    BOOST_TEST(*cc.decode({bbr, 16}) == lit("\"bbr\""));
    const std::uint8_t full[3] = {'a', 'b', 'c'};  // no NUL: every byte is the name
    BOOST_TEST(*cc.decode({full, 3}) == lit("\"abc\""));
    BOOST_TEST(ifname.encode(lit("\"lo\""))->bytes.size() == 2U);  // no NUL sent
}

BOOST_AUTO_TEST_CASE(msfilter_null_passes_a_null_pointer) {
    const codec::value_type& t = type("ip_msfilter");
    BOOST_TEST(t.decode == nullptr);  // only valid to set
    auto null = t.encode(lit("null"));
    BOOST_TEST_REQUIRE(null.has_value());
    BOOST_TEST(null->null_pointer);
    BOOST_TEST(null->bytes.empty());
}

BOOST_AUTO_TEST_CASE(msfilter_encodes_the_source_list) {
    const codec::value_type& t = type("ip_msfilter");
    auto one =
        t.encode(lit("#{multiaddr => {232,1,1,1}, interface => {127,0,0,1}, "
                     "mode => include, slist => [{10,0,0,1}]}"));
    auto three =
        t.encode(lit("#{multiaddr => {232,1,1,1}, interface => any, "
                     "mode => exclude, slist => [{10,0,0,1},{10,0,0,2},{10,0,0,3}]}"));
    auto none =
        t.encode(lit("#{multiaddr => {232,1,1,1}, interface => any, "
                     "mode => exclude, slist => []}"));
    BOOST_TEST_REQUIRE(one.has_value());
    BOOST_TEST_REQUIRE(three.has_value());
    BOOST_TEST_REQUIRE(none.has_value());
    // 16 bytes of header, then 4 per source (the kernel's IP_MSFILTER_SIZE).
    BOOST_TEST(three->bytes.size() - one->bytes.size() == 8U);
    BOOST_TEST(three->bytes[three->bytes.size() - 1] == 3);
    BOOST_TEST(three->bytes[16] == 10);
    for (const char* bad :
         {"#{multiaddr => {232,1,1,1}, interface => any, mode => maybe, slist => []}",
          "#{multiaddr => {232,1,1,1}, interface => any, mode => include, slist => [foo]}",
          "#{multiaddr => {232,1,1,1}, interface => any, mode => include, slist => [{1,2,3,4}|x]}",
          "#{multiaddr => {232,1,1,1}, mode => include, slist => []}", "nul"}) {
        BOOST_TEST(!t.encode(lit(bad)).has_value(), bad);
    }
}

BOOST_AUTO_TEST_CASE(otp_types_have_no_native_codec) {
    for (const codec::value_type& t : codec::value_types()) {
        if (t.kind != "erlang") continue;
        BOOST_TEST(t.encode == nullptr, t.name);
        BOOST_TEST(t.decode == nullptr, t.name);
    }
}
