// SPDX-License-Identifier: Apache-2.0
// Control messages: the bytes OTP 25 received on Linux (conformance capture,
// api.txt) decode to the values OTP printed; sendmsg ctrl lists encode to
// buffers that decode back; truncated and malformed buffers are reported, not
// over-read.
#define BOOST_TEST_MODULE codec_cmsg
#include <boost/test/unit_test.hpp>

#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include <esock/term.hpp>
#include <esock/term_text.hpp>

#include "codec/cmsg.hpp"
#include "codec/flags.hpp"
#include "codec/tables.hpp"

using esock::lit;
using esock::term;
namespace codec = esock::codec;

namespace {

// One received control message with `payload` (cmsg_len covers it).
std::vector<std::uint8_t> message(int level, int type, std::vector<std::uint8_t> payload) {
    std::vector<std::uint8_t> out(CMSG_SPACE(payload.size()), 0);
    cmsghdr hdr;
    std::memset(&hdr, 0, sizeof hdr);
    hdr.cmsg_len = CMSG_LEN(payload.size());
    hdr.cmsg_level = level;
    hdr.cmsg_type = type;
    std::memcpy(out.data(), &hdr, sizeof hdr);
    if (!payload.empty()) std::memcpy(out.data() + CMSG_LEN(0), payload.data(), payload.size());
    return out;
}

term decode_one(int level, int type, std::vector<std::uint8_t> payload) {
    const auto buf = message(level, type, std::move(payload));
    return codec::decode_cmsg_buffer(buf);
}

}  // namespace

BOOST_AUTO_TEST_CASE(received_messages_decode_as_otp_25_printed_them) {
    BOOST_TEST(decode_one(SOL_SOCKET, SCM_TIMESTAMP,
                          {17, 160, 1, 107, 0, 0, 0, 0, 16, 74, 12, 0, 0, 0, 0, 0}) ==
               lit("[#{data => <<17,160,1,107,0,0,0,0,16,74,12,0,0,0,0,0>>, level => socket,"
                   " type => timestamp, value => #{sec => 1795268625, usec => 805392}}]"));
    BOOST_TEST(decode_one(IPPROTO_IP, IP_PKTINFO, {1, 0, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1}) ==
               lit("[#{data => <<1,0,0,0,127,0,0,1,127,0,0,1>>, level => ip, type => pktinfo,"
                   " value => #{addr => {127,0,0,1}, ifindex => 1, spec_dst => {127,0,0,1}}}]"));
    BOOST_TEST(decode_one(IPPROTO_IP, IP_TTL, {33, 0, 0, 0}) ==
               lit("[#{data => <<33,0,0,0>>, level => ip, type => ttl, value => 33}]"));
    BOOST_TEST(decode_one(IPPROTO_IP, IP_TOS, {16}) ==
               lit("[#{data => <<16>>, level => ip, type => tos, value => lowdelay}]"));
    BOOST_TEST(decode_one(IPPROTO_IPV6, IPV6_PKTINFO,
                          {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0}) ==
               lit("[#{data => <<0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,1,0,0,0>>, level => ipv6,"
                   " type => pktinfo, value => #{addr => {0,0,0,0,0,0,0,1}, ifindex => 1}}]"));
    BOOST_TEST(decode_one(IPPROTO_IPV6, IPV6_HOPLIMIT, {17, 0, 0, 0}) ==
               lit("[#{data => <<17,0,0,0>>, level => ipv6, type => hoplimit, value => 17}]"));
    BOOST_TEST(decode_one(IPPROTO_IPV6, IPV6_TCLASS, {72, 0, 0, 0}) ==
               lit("[#{data => <<72,0,0,0>>, level => ipv6, type => tclass, value => 72}]"));
}

BOOST_AUTO_TEST_CASE(credentials_and_rights_carry_data_only) {
    BOOST_TEST(decode_one(SOL_SOCKET, SCM_CREDENTIALS, {88, 93, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}) ==
               lit("[#{data => <<88,93,0,0,0,0,0,0,0,0,0,0>>, level => socket,"
                   " type => credentials}]"));
    BOOST_TEST(decode_one(SOL_SOCKET, SCM_RIGHTS, {23, 0, 0, 0}) ==
               lit("[#{data => <<23,0,0,0>>, level => socket, type => rights}]"));
}

BOOST_AUTO_TEST_CASE(recverr_decodes_the_extended_error_and_offender) {
    // recvmsg(U4, [errqueue]) after a datagram to a closed port.
    const term got =
        decode_one(IPPROTO_IP, IP_RECVERR, {111, 0, 0, 0, 2,   3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                            2,   0, 0, 0, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0});
    BOOST_TEST(*got.head()->map_get(esock::atom("value")) ==
               lit("#{code => port_unreach, data => 0, error => econnrefused, info => 0,"
                   " offender => #{addr => {127,0,0,1}, family => inet, port => 0},"
                   " origin => icmp, type => dest_unreach}"));
}

BOOST_AUTO_TEST_CASE(unknown_messages_keep_numbers_and_data) {
    BOOST_TEST(decode_one(IPPROTO_IP, 99, {1, 2}) ==
               lit("[#{data => <<1,2>>, level => ip, type => 99}]"));
    BOOST_TEST(decode_one(4242, 7, {}) == lit("[#{data => <<>>, level => 4242, type => 7}]"));
}

BOOST_AUTO_TEST_CASE(a_value_that_does_not_decode_is_left_out) {
    // A pktinfo shorter than struct in_pktinfo: data only.
    BOOST_TEST(decode_one(IPPROTO_IP, IP_PKTINFO, {1, 0, 0, 0}) ==
               lit("[#{data => <<1,0,0,0>>, level => ip, type => pktinfo}]"));
}

BOOST_AUTO_TEST_CASE(a_truncated_message_has_the_data_that_is_there_and_ends_the_list) {
    // OTP 25: a 16-byte control buffer gives [#{level => socket, type =>
    // timestamp, data => <<>>}] with flags [ctrunc].
    auto full = message(SOL_SOCKET, SCM_TIMESTAMP, std::vector<std::uint8_t>(16, 1));
    const std::vector<std::uint8_t> cut(full.begin(), full.begin() + 16);
    BOOST_TEST(codec::decode_cmsg_buffer(cut) ==
               lit("[#{data => <<>>, level => socket, type => timestamp}]"));
}

BOOST_AUTO_TEST_CASE(every_prefix_of_a_buffer_decodes_without_overreading) {
    auto buf = message(IPPROTO_IP, IP_TTL, {64, 0, 0, 0});
    auto second = message(IPPROTO_IP, IP_PKTINFO, {1, 0, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1});
    buf.insert(buf.end(), second.begin(), second.end());
    for (std::size_t len = 0; len <= buf.size(); ++len) {
        std::unique_ptr<std::uint8_t[]> copy(new std::uint8_t[len == 0 ? 1 : len]);
        std::memcpy(copy.get(), buf.data(), len);
        const term got = codec::decode_cmsg_buffer({copy.get(), len});
        const auto n = got.list_length();
        BOOST_TEST_REQUIRE(n.has_value());
        BOOST_TEST(*n <= 2U);
        if (len == buf.size()) BOOST_TEST(*n == 2U);
        if (len < sizeof(cmsghdr)) BOOST_TEST(*n == 0U);
    }
}

BOOST_AUTO_TEST_CASE(a_cmsg_len_below_the_header_stops_decoding) {
    auto buf = message(IPPROTO_IP, IP_TTL, {64, 0, 0, 0});
    cmsghdr hdr;
    std::memcpy(&hdr, buf.data(), sizeof hdr);
    hdr.cmsg_len = 3;  // a hostile length must not make the walk go backwards or loop
    std::memcpy(buf.data(), &hdr, sizeof hdr);
    BOOST_TEST(codec::decode_cmsg_buffer(buf) == esock::nil());
}

BOOST_AUTO_TEST_CASE(sendmsg_ctrl_lists_encode_and_decode_back) {
    // OTP 25 sent tos throughput and ttl 7 this way.
    auto bytes =
        codec::encode_cmsg_list(lit("[#{level => ip, type => tos, value => throughput}, #{level => "
                                    "ip, type => ttl, value => 7}]"));
    BOOST_TEST_REQUIRE(bytes.has_value());
    BOOST_TEST(bytes->size() == 2 * CMSG_SPACE(sizeof(int)));
    const term back = codec::decode_cmsg_buffer(*bytes);
    const auto items = back.list_to_vector();
    BOOST_TEST_REQUIRE(items.has_value());
    BOOST_TEST_REQUIRE(items->size() == 2U);
    BOOST_TEST(*(*items)[0].map_get(esock::atom("value")) == lit("throughput"));
    BOOST_TEST(*(*items)[1].map_get(esock::atom("value")) == lit("7"));

    // Native data with integer level and type (IP_TTL = 2 on Linux).
    auto native = codec::encode_cmsg_list(lit("[#{level => 0, type => 2, data => <<11,0,0,0>>}]"));
    BOOST_TEST_REQUIRE(native.has_value());
    BOOST_TEST(codec::decode_cmsg_buffer(*native) ==
               lit("[#{data => <<11,0,0,0>>, level => ip, type => ttl, value => 11}]"));
    BOOST_TEST(codec::encode_cmsg_list(lit("[]"))->empty());
}

BOOST_AUTO_TEST_CASE(invalid_sendmsg_ctrl_elements_are_rejected) {
    for (const char* bad : {
             // OTP 25: unknown type, bad value, a receive-only message, a
             // type under the wrong level.
             "[#{level => ip, type => foo, value => 1}]",
             "[#{level => ip, type => ttl, value => foo}]",
             "[#{level => ip, type => pktinfo, value => #{addr => {127,0,0,1}, ifindex => 0,"
             " spec_dst => {127,0,0,1}}}]",
             "[#{level => ip, type => hoplimit, value => 5}]",
             "[#{level => otp, type => ttl, value => 1}]",
             "[#{level => ip, type => ttl}]",
             "[#{type => ttl, value => 1}]",
             "[#{level => 0, type => 2, value => 11}]",
             "[#{level => ip, type => ttl, data => foo}]",
             "[#{level => ip, type => ttl, value => 1} | x]",
             "foo",
         }) {
        BOOST_TEST(!codec::encode_cmsg_list(lit(bad)).has_value(), bad);
    }
}

BOOST_AUTO_TEST_CASE(the_table_finds_messages_by_name_and_number) {
    const codec::cmsg_info* tos = codec::find_cmsg("ip", "tos");
    BOOST_TEST_REQUIRE(tos != nullptr);
    BOOST_TEST(tos->defined);
    BOOST_TEST(tos->number == IP_TOS);
    BOOST_TEST(codec::find_native_cmsg(IPPROTO_IP, IP_TOS, codec::direction::recv) == tos);
    BOOST_TEST(codec::find_native_cmsg(IPPROTO_IP, IP_PKTINFO, codec::direction::send) == nullptr);
    BOOST_TEST(codec::find_cmsg("ip", "nope") == nullptr);
}

BOOST_AUTO_TEST_CASE(msg_flag_lists_encode_to_their_bits) {
    auto r = codec::encode_msg_flags(lit("[peek, oob]"));
    BOOST_TEST_REQUIRE(r.bits.has_value());
    BOOST_TEST(*r.bits == (MSG_PEEK | MSG_OOB));
    BOOST_TEST(codec::encode_msg_flags(lit("[]")).bits.value_or(-1) == 0);
    // OTP 25: a bad flag gives {invalid, {msg_flag, foo}}, so the runtime needs it.
    auto bad = codec::encode_msg_flags(lit("[peek, foo, oob]"));
    BOOST_TEST(!bad.bits.has_value());
    BOOST_TEST(bad.bad == lit("foo"));
    // Integers are or'ed in; anything else raises {invalid, {msg_flags, Rest}}
    // in OTP 25, Rest being the list from the bad element (or the bad tail).
    BOOST_TEST(codec::encode_msg_flags(lit("[peek, 16#4000]")).bits.value_or(-1) ==
               (MSG_PEEK | 0x4000));
    auto improper = codec::encode_msg_flags(lit("[peek | oob]"));
    BOOST_TEST(!improper.bits.has_value());
    BOOST_TEST(improper.malformed);
    BOOST_TEST(improper.bad == lit("oob"));
    auto negative = codec::encode_msg_flags(lit("[peek, -1, foo]"));
    BOOST_TEST(negative.malformed);
    BOOST_TEST(negative.bad == lit("[-1, foo]"));
    BOOST_TEST(!codec::encode_msg_flags(lit("[foo, -1]")).malformed);
}

BOOST_AUTO_TEST_CASE(received_msghdr_flags_decode_with_unknown_bits_last) {
    BOOST_TEST(codec::decode_msg_flags(0) == esock::nil());
    BOOST_TEST(codec::decode_msg_flags(MSG_TRUNC) == lit("[trunc]"));
    BOOST_TEST(codec::decode_msg_flags(MSG_CTRUNC) == lit("[ctrunc]"));
    BOOST_TEST(codec::decode_msg_flags(MSG_ERRQUEUE) == lit("[errqueue]"));
    // A bit that is not a msghdr flag stays an integer, last (manual 000).
    BOOST_TEST(codec::decode_msg_flags(MSG_TRUNC | MSG_DONTWAIT) ==
               esock::list(esock::atom("trunc"), term(static_cast<std::int64_t>(MSG_DONTWAIT))));
}
