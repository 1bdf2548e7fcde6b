// SPDX-License-Identifier: Apache-2.0
// sockaddr completeness on real sockets and in the codec: local paths given
// as strings come back as binaries, abstract names and autobind, unbound
// senders as unspec, packet (sockaddr_ll) and families given by number.
#define BOOST_TEST_MODULE runtime_sockaddr
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <string>

#include "codec/sockaddr.hpp"
#include "helpers.hpp"

using namespace rt;  // NOLINT(google-build-using-namespace)
namespace codec = esock::codec;

namespace {

std::string round_trip(std::string_view text) {
    auto r = codec::encode_sockaddr(L(text));
    BOOST_TEST_REQUIRE(r.ok(), text << " did not encode: " << W(r.reason));
    return W(codec::decode_sockaddr(*r.address));
}

}  // namespace

BOOST_AUTO_TEST_CASE(local_paths_go_in_as_strings_and_come_back_as_binaries) {
    const std::string path = "/tmp/esock_sa_" + std::to_string(::getpid());
    ::unlink(path.c_str());
    const term s = ok_value(so::open(esock::atoms::local, esock::atoms::dgram));
    CHECK_MATCH(so::sockname(s), "{ok,#{family => local,path => <<>>}}");  // unbound
    CHECK_MATCH(so::bind(s, esock::map({{esock::atoms::family, esock::atoms::local},
                                        {esock::atoms::path, esock::lit("\"" + path + "\"")}})),
                "ok");
    const term name = ok_value(so::sockname(s));
    BOOST_TEST(W(name) == W(esock::map({{esock::atoms::family, esock::atoms::local},
                                        {esock::atoms::path, esock::binary(path)}})));
    // An unbound sender is unspec with an empty address.
    const term sender = ok_value(so::open(esock::atoms::local, esock::atoms::dgram));
    CHECK_MATCH(so::sendto(sender, L("<<\"hi\">>"), name), "ok");
    CHECK_MATCH(so::recvfrom(s, 0, 2000), "{ok,{#{family => unspec,addr => <<>>},<<\"hi\">>}}");
    close_all({s, sender});
    ::unlink(path.c_str());
}

BOOST_AUTO_TEST_CASE(abstract_names_and_autobind) {
    const std::string abstract = std::string("\0esock_abs_", 11) + std::to_string(::getpid());
    const term s = ok_value(so::open(esock::atoms::local, esock::atoms::stream));
    CHECK_MATCH(so::bind(s, esock::map({{esock::atoms::family, esock::atoms::local},
                                        {esock::atoms::path, esock::binary(abstract)}})),
                "ok");
    const term name = ok_value(so::sockname(s));
    BOOST_TEST(name.map_get(esock::atoms::path)->binary_view() == abstract);
    // Autobind: an empty path gives a NUL and 5 hex digits.
    for (const char* empty : {"<<>>", "\"\""}) {
        const term a = ok_value(so::open(esock::atoms::local, esock::atoms::dgram));
        CHECK_MATCH(so::bind(a, esock::map({{esock::atoms::family, esock::atoms::local},
                                            {esock::atoms::path, L(empty)}})),
                    "ok");
        const term bound = ok_value(so::sockname(a));
        const std::string_view got = bound.map_get(esock::atoms::path)->binary_view();
        BOOST_TEST(got.size() == 6U);
        BOOST_TEST(got[0] == '\0');
        BOOST_TEST(got.substr(1).find_first_not_of("0123456789abcdef") == std::string_view::npos);
        (void)so::close(a);
    }
    (void)so::close(s);
}

BOOST_AUTO_TEST_CASE(packet_sockaddrs_encode_and_decode) {
    BOOST_TEST(round_trip("#{family => packet, protocol => 3, ifindex => 1, pkttype => outgoing,"
                          " hatype => 1, addr => <<1,2,3,4,5,6>>}") ==
               "#{addr => <<1,2,3,4,5,6>>,family => packet,hatype => 1,ifindex => 1,"
               "pkttype => outgoing,protocol => 3}");
    BOOST_TEST(round_trip("#{family => packet, protocol => 2048, ifindex => 7}") ==
               "#{addr => <<>>,family => packet,hatype => 0,ifindex => 7,pkttype => host,"
               "protocol => 2048}");
    BOOST_TEST(round_trip("#{family => packet, protocol => 1, ifindex => 1, pkttype => 200}") ==
               "#{addr => <<>>,family => packet,hatype => 0,ifindex => 1,pkttype => 200,"
               "protocol => 1}");
    for (const char* bad :
         {"#{family => packet, ifindex => 1}", "#{family => packet, protocol => 1}",
          "#{family => packet, protocol => 70000, ifindex => 1}",
          "#{family => packet, protocol => 1, ifindex => 1, pkttype => bogus}",
          "#{family => packet, protocol => 1, ifindex => 1, addr => <<1,2,3,4,5,6,7,8,9>>}"}) {
        auto r = codec::encode_sockaddr(L(bad));
        BOOST_TEST(!r.ok(), bad);
        BOOST_TEST(W(r.reason) == "{invalid,{sockaddr," + W(L(bad)) + "}}");
    }
}

BOOST_AUTO_TEST_CASE(families_by_number_are_raw_bytes_both_ways) {
    BOOST_TEST(round_trip("#{family => 4242, addr => <<9,0,1>>}") ==
               "#{addr => <<9,0,1>>,family => 4242}");
    BOOST_TEST(round_trip("#{family => 4242}") == "#{addr => <<>>,family => 4242}");
    // A known family by number decodes as that family.
    BOOST_TEST(round_trip("#{family => 2, addr => <<0,80,127,0,0,1,0,0,0,0,0,0,0,0>>}") ==
               "#{addr => {127,0,0,1},family => inet,port => 80}");
    // OTP keeps the low 16 bits of a family number (70000 is 4464) and
    // leaves the refusal to the kernel.
    BOOST_TEST(codec::encode_sockaddr(L("#{family => 70000}")).ok());
    BOOST_TEST(!codec::encode_sockaddr(L("#{family => 1, addr => foo}")).ok());
    // A UDP socket refuses a family it does not speak, as the kernel says.
    const term u = ok_value(so::open(esock::atoms::inet, esock::atoms::dgram));
    CHECK_MATCH(so::connect(u, L("#{family => 4242, addr => <<>>}")), "{error,'_'}");
    (void)so::close(u);
}
