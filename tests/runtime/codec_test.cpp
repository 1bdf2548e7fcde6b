// SPDX-License-Identifier: Apache-2.0
#define BOOST_TEST_MODULE runtime_codec
#include <arpa/inet.h>
#include <sys/un.h>

#include <boost/test/unit_test.hpp>
#include <cstring>
#include <string>

#include <esock/term_text.hpp>

#include "codec/addr.hpp"
#include "codec/sockaddr.hpp"
#include "sys/address.hpp"

using esock::format_w;
using esock::lit;
using esock::term;
namespace codec = esock::codec;

namespace {

// Encodes then decodes, as a kernel round trip would.
term round_trip(const char* text) {
    auto r = codec::encode_sockaddr(lit(text));
    BOOST_TEST_REQUIRE(r.ok(), text << " -> " << format_w(r.reason));
    return codec::decode_sockaddr(*r.address);
}

std::string reason(const char* text) {
    auto r = codec::encode_sockaddr(lit(text));
    BOOST_TEST_REQUIRE(!r.ok());
    return format_w(r.reason);
}

}  // namespace

BOOST_AUTO_TEST_CASE(in_addr_tuples_and_atoms_encode_in_network_order) {
    auto a = codec::encode_in_addr(lit("{127,0,0,1}"));
    BOOST_TEST_REQUIRE(a.has_value());
    // The bytes of in_addr.s_addr, network order.
    auto host_order = [](const codec::ipv4_bytes& b) {
        in_addr v;
        std::memcpy(&v, b.data(), b.size());
        return ntohl(v.s_addr);
    };
    BOOST_TEST(host_order(*a) == 0x7f000001u);
    BOOST_TEST(host_order(*codec::encode_in_addr(lit("any"))) == 0u);
    BOOST_TEST(host_order(*codec::encode_in_addr(lit("loopback"))) == 0x7f000001u);
    BOOST_TEST(host_order(*codec::encode_in_addr(lit("broadcast"))) == 0xffffffffu);
    BOOST_TEST(format_w(codec::decode_in_addr(*codec::encode_in_addr(lit("{10,1,2,255}")))) ==
               "{10,1,2,255}");
}

BOOST_AUTO_TEST_CASE(in_addr_rejects_bad_shapes) {
    BOOST_TEST(!codec::encode_in_addr(lit("{256,0,0,1}")).has_value());
    BOOST_TEST(!codec::encode_in_addr(lit("{-1,0,0,1}")).has_value());
    BOOST_TEST(!codec::encode_in_addr(lit("{1,2,3}")).has_value());
    BOOST_TEST(!codec::encode_in_addr(lit("\"127.0.0.1\"")).has_value());
    BOOST_TEST(!codec::encode_in_addr(lit("foo")).has_value());
}

BOOST_AUTO_TEST_CASE(in6_addr_round_trips_and_knows_any_and_loopback) {
    auto a = codec::encode_in6_addr(lit("{0,0,0,0,0,65535,32512,1}"));
    BOOST_TEST_REQUIRE(a.has_value());
    BOOST_TEST(format_w(codec::decode_in6_addr(*a)) == "{0,0,0,0,0,65535,32512,1}");
    BOOST_TEST(format_w(codec::decode_in6_addr(*codec::encode_in6_addr(lit("loopback")))) ==
               "{0,0,0,0,0,0,0,1}");
    BOOST_TEST(format_w(codec::decode_in6_addr(*codec::encode_in6_addr(lit("any")))) ==
               "{0,0,0,0,0,0,0,0}");
    BOOST_TEST(!codec::encode_in6_addr(lit("{0,0,0,0,0,0,0,65536}")).has_value());
    BOOST_TEST(!codec::encode_in6_addr(lit("broadcast")).has_value());
}

BOOST_AUTO_TEST_CASE(inet_sockaddr_round_trips_with_defaults) {
    BOOST_TEST(format_w(round_trip("#{family => inet, addr => loopback, port => 80}")) ==
               "#{addr => {127,0,0,1},family => inet,port => 80}");
    BOOST_TEST(format_w(round_trip("#{family => inet}")) ==
               "#{addr => {0,0,0,0},family => inet,port => 0}");
    // OTP takes the port modulo 65536.
    BOOST_TEST(format_w(round_trip("#{family => inet, port => 70000}")) ==
               "#{addr => {0,0,0,0},family => inet,port => 4464}");
}

BOOST_AUTO_TEST_CASE(inet6_sockaddr_always_decodes_five_keys) {
    BOOST_TEST(
        format_w(round_trip("#{family => inet6, addr => loopback, port => 5}")) ==
        "#{addr => {0,0,0,0,0,0,0,1},family => inet6,flowinfo => 0,port => 5,scope_id => 0}");
    BOOST_TEST(
        format_w(round_trip(
            "#{family => inet6, addr => {65152,0,0,0,0,0,0,1}, flowinfo => 7, scope_id => 3}")) ==
        "#{addr => {65152,0,0,0,0,0,0,1},family => inet6,flowinfo => 7,port => 0,scope_id => 3}");
}

BOOST_AUTO_TEST_CASE(local_paths_come_back_as_binaries) {
    BOOST_TEST(format_w(round_trip("#{family => local, path => \"/tmp/x\"}")) ==
               "#{family => local,path => <<47,116,109,112,47,120>>}");
    BOOST_TEST(format_w(round_trip("#{family => local, path => <<0,97,98>>}")) ==
               "#{family => local,path => <<0,97,98>>}");
    BOOST_TEST(format_w(round_trip("#{family => local, path => <<>>}")) ==
               "#{family => local,path => <<>>}");
}

BOOST_AUTO_TEST_CASE(local_path_limit_is_107_bytes) {
    std::string ok107 = "#{family => local, path => <<\"" + std::string(107, 'a') + "\">>}";
    std::string bad108 = "#{family => local, path => <<\"" + std::string(108, 'a') + "\">>}";
    BOOST_TEST(codec::encode_sockaddr(lit(ok107)).ok());
    auto r = codec::encode_sockaddr(lit(bad108));
    BOOST_TEST(!r.ok());
    BOOST_TEST(format_w(*r.reason.element(0)) == "invalid");
}

BOOST_AUTO_TEST_CASE(bad_sockaddrs_give_otp_reasons) {
    BOOST_TEST(reason("foo") == "{invalid,{sockaddr,foo}}");
    BOOST_TEST(
        reason("#{family => inet, addr => \"127.0.0.1\", port => 1}") ==
        format_w(lit("{invalid,{sockaddr,#{addr => \"127.0.0.1\",family => inet,port => 1}}}")));
    BOOST_TEST(reason("#{addr => loopback, port => 1}") ==
               "{invalid,{sockaddr,family,#{addr => loopback,port => 1}}}");
    BOOST_TEST(reason("#{family => inet, port => foo}") ==
               "{invalid,{sockaddr,#{family => inet,port => foo}}}");
    BOOST_TEST(reason("#{family => bogus}") == "{invalid,{sockaddr,#{family => bogus}}}");
    // OTP names the missing key, and a path that is no file name by itself.
    BOOST_TEST(reason("#{family => local}") == "{invalid,{sockaddr,path,#{family => local}}}");
    BOOST_TEST(reason("#{family => local, path => [1000000000]}") ==
               "{invalid,{path,[1000000000]}}");
}

namespace {
// The first `n` bytes of `bytes` as an address the kernel reported.
esock::sys::address first(const unsigned char* bytes, std::size_t n) {
    return esock::sys::from_bytes(std::span<const std::uint8_t>(bytes, n));
}
}  // namespace

BOOST_AUTO_TEST_CASE(decode_is_total_on_short_and_odd_input) {
    unsigned char bytes[64] = {};
    BOOST_TEST(format_w(codec::decode_sockaddr(first(bytes, 0))) ==
               "#{addr => <<>>,family => unspec}");
    sa_family_t fam = AF_INET;
    std::memcpy(bytes, &fam, sizeof fam);
    bytes[2] = 9;
    // Shorter than sockaddr_in: the raw bytes, nothing read past the length.
    BOOST_TEST(format_w(codec::decode_sockaddr(first(bytes, 3))) ==
               "#{addr => <<9>>,family => inet}");
    fam = AF_UNIX;
    std::memcpy(bytes, &fam, sizeof fam);
    BOOST_TEST(format_w(codec::decode_sockaddr(first(bytes, 2))) ==
               "#{family => local,path => <<>>}");
    fam = 4242;
    std::memcpy(bytes, &fam, sizeof fam);
    BOOST_TEST(format_w(codec::decode_sockaddr(first(bytes, 4))) ==
               "#{addr => <<9,0>>,family => 4242}");
}

BOOST_AUTO_TEST_CASE(unspec_encodes_for_dissolving_an_association) {
    auto r = codec::encode_sockaddr(lit("#{family => unspec, addr => <<>>}"));
    BOOST_TEST_REQUIRE(r.ok());
    BOOST_TEST(esock::sys::family_of(*r.address).value_or(-1) == AF_UNSPEC);
    BOOST_TEST(r.address->length == sizeof(sa_family_t));
}
