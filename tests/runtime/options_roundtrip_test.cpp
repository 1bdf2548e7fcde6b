// SPDX-License-Identifier: Apache-2.0
// set -> get round trips for every option of the spec that is both settable
// and gettable, on the six socket kinds of OTP 25's options.txt. The value
// for each option lives in one table below: adding such an option to the
// spec without a value here fails the test. An option is tried on every kind
// where getopt answers {ok, _}; setopt must then return ok and getopt the
// expected value, or one of the errors the table allows for that option (the
// kernel refuses some options on some kinds, e.g. enoprotoopt for the
// multicast ipv6 options on TCP).
#define BOOST_TEST_MODULE runtime_options_roundtrip
#include <netinet/in.h>
#include <sys/socket.h>

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "../common/host.hpp"
#include "../common/kernel_answers.hpp"
#include "codec/tables.hpp"
#include "helpers.hpp"

using namespace rt;  // NOLINT(google-build-using-namespace)

namespace {

struct sample {
    const char* value;             // what setopt gets
    const char* readback;          // what getopt then gives; nullptr: value itself
    std::set<std::string> errors;  // errors allowed from setopt on some kinds
    bool never_settable = false;   // the kernel refuses it on every kind here
};

// clang-format off
const std::map<std::string, sample>& samples() {
    static const std::map<std::string, sample> table = {
        // socket
        {"{socket,acceptconn}", {"true", nullptr, {"enoprotoopt"}, true}},  // get only in Linux
        {"{socket,bindtodevice}", {"\"lo\"", nullptr, {}}},
        {"{socket,broadcast}", {"true", nullptr, {}}},
        {"{socket,busy_poll}", {"0", nullptr, {}}},
        {"{socket,debug}", {"1", nullptr, {}}},
        {"{socket,dontroute}", {"true", nullptr, {}}},
        {"{socket,keepalive}", {"true", nullptr, {}}},
        {"{socket,linger}", {"#{onoff => true, linger => 3}", nullptr, {}}},
        {"{socket,mark}", {"7", nullptr, {}}},
        {"{socket,oobinline}", {"true", nullptr, {}}},
        {"{socket,passcred}", {"true", nullptr, {}}},
        {"{socket,peek_off}", {"0", nullptr, {"enotsup", "einval"}}},
        {"{socket,priority}", {"5", nullptr, {}}},
        {"{socket,rcvbuf}", {"8192", "16384", {}}},  // Linux doubles it
        {"{socket,rcvbufforce}", {"8192", nullptr, {}}},
        {"{socket,rcvlowat}", {"10", nullptr, {}}},
        {"{socket,rcvtimeo}", {"#{sec => 1, usec => 0}", nullptr, {}}},
        {"{socket,reuseaddr}", {"true", nullptr, {}}},
        {"{socket,reuseport}", {"true", nullptr, {"enotsup"}}},  // not on local sockets
        {"{socket,rxq_ovfl}", {"true", nullptr, {}}},
        {"{socket,sndbuf}", {"8192", "16384", {}}},
        {"{socket,sndbufforce}", {"8192", nullptr, {}}},
        {"{socket,sndtimeo}", {"#{sec => 1, usec => 0}", nullptr, {}}},
        {"{socket,sndlowat}", {"10", nullptr, {"enoprotoopt"}, true}},  // fixed in Linux
        {"{socket,timestamp}", {"true", nullptr, {}}},
        // tcp
        {"{tcp,congestion}", {"\"reno\"", nullptr, {}}},
        {"{tcp,cork}", {"true", nullptr, {}}},
        {"{tcp,keepcnt}", {"5", nullptr, {}}},
        {"{tcp,keepidle}", {"60", nullptr, {}}},
        {"{tcp,keepintvl}", {"10", nullptr, {}}},
        {"{tcp,maxseg}", {"1000", nullptr, {}}},
        {"{tcp,nodelay}", {"true", nullptr, {}}},
        {"{tcp,noopt}", {"true", nullptr, {}}},
        {"{tcp,nopush}", {"true", nullptr, {}}},
        {"{tcp,syncnt}", {"3", nullptr, {}}},
        {"{tcp,user_timeout}", {"1000", nullptr, {}}},
        // udp
        {"{udp,cork}", {"true", nullptr, {}}},
        // ip
        {"{ip,dontfrag}", {"true", nullptr, {}}},
        {"{ip,freebind}", {"true", nullptr, {}}},
        {"{ip,hdrincl}", {"true", nullptr, {"enoprotoopt"}, true}},  // raw sockets only
        {"{ip,minttl}", {"5", nullptr, {}}},
        {"{ip,mtu_discover}", {"do", nullptr, {}}},
        {"{ip,multicast_all}", {"false", nullptr, {}}},
        {"{ip,multicast_if}", {"{127,0,0,1}", nullptr, {"einval"}}},  // not on TCP
        {"{ip,multicast_loop}", {"false", nullptr, {}}},
        {"{ip,multicast_ttl}", {"3", nullptr, {"einval"}}},  // not on TCP
        {"{ip,nodefrag}", {"true", nullptr, {"enoprotoopt"}, true}},  // raw sockets only
        {"{ip,pktinfo}", {"true", nullptr, {}}},
        {"{ip,recvdstaddr}", {"true", nullptr, {}}},
        {"{ip,recverr}", {"true", nullptr, {}}},
        {"{ip,recvif}", {"true", nullptr, {}}},
        {"{ip,recvopts}", {"true", nullptr, {}}},
        {"{ip,recvorigdstaddr}", {"true", nullptr, {}}},
        {"{ip,recvtos}", {"true", nullptr, {}}},
        {"{ip,recvttl}", {"true", nullptr, {}}},
        {"{ip,retopts}", {"true", nullptr, {}}},
        {"{ip,router_alert}", {"1", nullptr, {"einval", "enoprotoopt"}, true}},  // raw only
        {"{ip,sendsrcaddr}", {"true", nullptr, {}}},
        {"{ip,tos}", {"lowdelay", nullptr, {}}},
        {"{ip,transparent}", {"true", nullptr, {}}},
        {"{ip,ttl}", {"33", nullptr, {}}},
        // ipv6
        {"{ipv6,auth_level}", {"1", nullptr, {}}},
        {"{ipv6,authhdr}", {"true", nullptr, {}}},
        {"{ipv6,checksum}", {"2", nullptr, {"einval"}, true}},  // raw sockets only
        {"{ipv6,dstopts}", {"true", nullptr, {"einval", "enoprotoopt"}, true}},
        {"{ipv6,esp_network_level}", {"1", nullptr, {}}},
        {"{ipv6,esp_trans_level}", {"1", nullptr, {}}},
        {"{ipv6,faith}", {"true", nullptr, {}}},
        {"{ipv6,flowinfo}", {"true", nullptr, {}}},
        {"{ipv6,hoplimit}", {"true", nullptr, {"enoprotoopt"}, true}},
        {"{ipv6,hopopts}", {"true", nullptr, {"einval", "enoprotoopt"}, true}},
        {"{ipv6,ipcomp_level}", {"1", nullptr, {}}},
        {"{ipv6,mtu}", {"1280", nullptr, {"enoprotoopt", "einval", "enotconn"}, true}},
        {"{ipv6,mtu_discover}", {"do", nullptr, {}}},
        {"{ipv6,multicast_hops}", {"3", nullptr, {"enoprotoopt"}}},  // not on TCP
        {"{ipv6,multicast_if}", {"1", nullptr, {"enoprotoopt"}}},
        {"{ipv6,multicast_loop}", {"false", nullptr, {"enoprotoopt"}}},
        {"{ipv6,pktinfo}", {"#{addr => {0,0,0,0,0,0,0,1}, ifindex => 1}", nullptr, {}}},
        {"{ipv6,portrange}", {"1", nullptr, {}}},
        {"{ipv6,recverr}", {"true", nullptr, {}}},
        {"{ipv6,recvhoplimit}", {"true", nullptr, {}}},
        {"{ipv6,recvpktinfo}", {"true", nullptr, {}}},
        {"{ipv6,recvtclass}", {"true", nullptr, {}}},
        {"{ipv6,router_alert}", {"1", nullptr, {"enoprotoopt", "einval"}, true}},
        {"{ipv6,rthdr}", {"true", nullptr, {"einval", "enoprotoopt"}, true}},
        {"{ipv6,tclass}", {"8", nullptr, {}}},
        {"{ipv6,unicast_hops}", {"7", nullptr, {}}},
        {"{ipv6,use_min_mtu}", {"true", nullptr, {}}},
        {"{ipv6,v6only}", {"true", nullptr, {}}},
        // sctp (no SCTP sockets open on this kernel: listed for completeness)
        {"{sctp,associnfo}", {"#{assoc_id => 0, max_rxt => 5, num_peer_dests => 0, peer_rwnd => 0,"
                              " local_rwnd => 0, cookie_life => 0}", nullptr, {}}},
        {"{sctp,autoclose}", {"10", nullptr, {}}},
        {"{sctp,default_send_params}",
         {"#{stream => 0, ssn => 0, flags => [], ppid => 0, context => 0, timetolive => 0,"
          " tsn => 0, cumtsn => 0, assoc_id => 0}", nullptr, {}}},
        {"{sctp,disable_fragments}", {"true", nullptr, {}}},
        {"{sctp,explicit_eor}", {"true", nullptr, {}}},
        {"{sctp,fragment_interleave}", {"1", nullptr, {}}},
        {"{sctp,i_want_mapped_v4_addr}", {"true", nullptr, {}}},
        {"{sctp,initmsg}", {"#{num_outstreams => 5, max_instreams => 5, max_attempts => 3,"
                            " max_init_timeo => 100}", nullptr, {}}},
        {"{sctp,maxburst}", {"4", nullptr, {}}},
        {"{sctp,maxseg}", {"1000", nullptr, {}}},
        {"{sctp,nodelay}", {"true", nullptr, {}}},
        {"{sctp,partial_delivery_point}", {"1000", nullptr, {}}},
        {"{sctp,use_ext_recvinfo}", {"true", nullptr, {}}},
    };
    return table;
}
// clang-format on

struct kind {
    const char* domain;
    const char* type;
};
constexpr kind kinds[] = {{"inet", "stream"}, {"inet", "dgram"},   {"inet6", "stream"},
                          {"inet6", "dgram"}, {"local", "stream"}, {"local", "dgram"}};

}  // namespace

BOOST_AUTO_TEST_CASE(every_settable_option_round_trips_on_the_six_socket_kinds) {
    std::size_t round_trips = 0;
    std::set<std::string> settable_somewhere;
    std::set<std::string> tried;
    std::set<std::string> refused_by_host;  // the kernel refuses this user, not the table
    for (const esock::codec::option_info& o : esock::codec::options()) {
        if (!o.level_ref->native || o.type == nullptr || o.type->encode == nullptr ||
            o.type->decode == nullptr || o.mode != esock::codec::access::both) {
            continue;
        }
        const std::string key = "{" + std::string(o.level) + "," + std::string(o.name) + "}";
        const auto it = samples().find(key);
        const bool has_sample = it != samples().end();
        BOOST_TEST(has_sample, key << " has no sample value in this test");
        if (!has_sample) continue;
        if (!o.usable) continue;
        const term opt = L(key);
        const term value = L(it->second.value);
        const term readback = it->second.readback ? L(it->second.readback) : value;
        for (const kind& k : kinds) {
            const term s = ok_value(so::open(esock::atom(k.domain), esock::atom(k.type)));
            const term before = so::getopt(s, opt);
            if (matches(before, L("{ok,'_'}"))) {
                tried.insert(key);
                const std::string where = key + " on " + k.domain + " " + k.type;
                const term set = so::setopt(s, opt, value);
                if (set == term(esock::atoms::ok)) {
                    const term after = so::getopt(s, opt);
                    BOOST_TEST(W(after) == W(esock::tuple(esock::atoms::ok, readback)),
                               where << ": set " << W(value) << ", got " << W(after));
                    settable_somewhere.insert(key);
                    ++round_trips;
                } else {
                    // An errno the table expects of the kernel, or the one this
                    // host's kernel gives for the same bare call (a privilege
                    // this user lacks, ...).
                    const bool listed = set.is_tuple(2) && set.element(1)->is_atom() &&
                                        it->second.errors.count(
                                            std::string(set.element(1)->as_atom()->name())) != 0;
                    const auto kernel = esock_test::kernel_answer(s, opt, &value);
                    const bool host_refuses = !listed && kernel && *kernel == set;
                    if (host_refuses) refused_by_host.insert(key);
                    BOOST_TEST((listed || host_refuses), where << ": setopt gave " << W(set));
                }
            }
            (void)so::close(s);
        }
    }
    // Every option that some kind reads must be settable on some kind,
    // unless the table says the kernel refuses it everywhere here.
    for (const std::string& key : tried) {
        if (samples().at(key).never_settable) continue;
        if (settable_somewhere.count(key) == 0 && refused_by_host.count(key) != 0) {
            BOOST_TEST_MESSAGE(key << ": not round-tripped, this host's kernel refuses it to "
                                      "this user");
            continue;
        }
        BOOST_TEST(settable_somewhere.count(key) == 1U, key << " never round-tripped");
    }
    // Fewer when the kernel refuses this user the privileged options.
    BOOST_TEST(round_trips + 4 * refused_by_host.size() > 150U);
}

// OTP 25 names the TOS byte the kernel reads back by its TOS bits (mask
// 0x1E): 17 and 240 are lowdelay, 18 and 224 stay integers. What the
// kernel keeps of a value (TCP clears the two ECN bits) is its own.
BOOST_AUTO_TEST_CASE(tos_reads_back_named_by_its_tos_bits) {
    const auto name_of = [](int kernel_value) -> term {
        switch (kernel_value & 0x1E) {
            case 0x10:
                return esock::atom("lowdelay");
            case 0x08:
                return esock::atom("throughput");
            case 0x04:
                return esock::atom("reliability");
            case 0x02:
                return esock::atom("mincost");
            default:
                return term(std::int64_t{kernel_value});
        }
    };
    for (const term& type : {term(at::dgram), term(at::stream)}) {
        term s = ok_value(so::open(at::inet, type));
        const int fd = static_cast<int>(*ok_value(so::getopt(s, L("{otp,fd}"))).as_int());
        for (const int v : {16, 17, 18, 19, 8, 9, 4, 5, 2, 3, 1, 0, 240, 224, 184, 255}) {
            BOOST_TEST_REQUIRE(so::setopt(s, L("{ip,tos}"), term(std::int64_t{v})) == ok_t);
            int raw = -1;
            socklen_t len = sizeof raw;
            BOOST_TEST_REQUIRE(::getsockopt(fd, IPPROTO_IP, IP_TOS, &raw, &len) == 0);
            BOOST_TEST(ok_value(so::getopt(s, L("{ip,tos}"))) == name_of(raw),
                       W(type) << " tos " << v << " (kernel " << raw << ")");
        }
        (void)so::close(s);
    }
}

// The integers OTP 25's setopt refuses itself (tests/golden/
// otp25_int_ranges.txt, what OTP printed): each is esock's {error,
// {invalid, {socket_option, Opt, Value}}} too, and every other integer goes
// to the kernel, whose own answer to the bare setsockopt esock gives.
BOOST_AUTO_TEST_CASE(otp_range_checks_integers_as_otp_25) {
    std::ifstream in(ESOCK_SOURCE_ROOT "/tests/golden/otp25_int_ranges.txt");
    BOOST_TEST_REQUIRE(in.good());
    std::string line;
    std::vector<term> values;
    int checked = 0;
    while (std::getline(in, line)) {
        if (line.rfind("# values: ", 0) == 0) {
            values = *L(line.substr(10)).list_to_vector();
            continue;
        }
        if (line.empty() || line[0] == '#') continue;
        std::istringstream words(line);
        std::string domain, type, level, name;
        words >> domain >> type >> level >> name;
        name.pop_back();  // the ':'
        std::set<std::string> refused;
        for (std::string w; words >> w;)
            refused.insert(w);
        refused.erase("-");
        // OTP 25 takes no value of {sctp, rtoinfo} at all; esock sets it
        // (docs/deviations.md), and refuses these integers as values.
        const bool whole_option = refused.count("option") != 0 && name != "rtoinfo";
        if (domain == "inet6" && !esock_test::has_ipv6_loopback()) continue;
        const term opt = esock::tuple(esock::atom(level), esock::atom(name));
        std::vector<std::pair<std::string, term>> tries;
        for (const term& v : values)
            tries.emplace_back(W(v), v);
        if (level == "socket" && name == "linger") {
            for (const term& v : values) {
                tries.emplace_back("linger=" + W(v), esock::map({{esock::atom("onoff"), at::true_},
                                                                 {esock::atom("linger"), v}}));
            }
        }
        for (const auto& [shown, v] : tries) {
            term s = ok_value(so::open(esock::atom(domain), esock::atom(type)));
            const std::string what = line.substr(0, line.find(':')) + " " + shown;
            if (whole_option) {
                BOOST_TEST(
                    so::setopt(s, opt, v) ==
                        esock::tuple(at::error,
                                     esock::tuple(at::invalid,
                                                  esock::tuple(esock::atom("socket_option"), opt))),
                    what);
            } else if (refused.count(shown) != 0 || refused.count("option") != 0) {
                BOOST_TEST(so::setopt(s, opt, v) ==
                               esock::tuple(at::error,
                                            esock::tuple(at::invalid,
                                                         esock::tuple(esock::atom("socket_option"),
                                                                      opt, v))),
                           what);
            } else {
                const auto kernel = esock_test::kernel_answer(s, opt, &v);
                const term got = so::setopt(s, opt, v);
                BOOST_TEST(got == (kernel ? *kernel : ok_t), what << ": " << W(got));
            }
            (void)so::close(s);
            ++checked;
        }
    }
    BOOST_TEST(checked > 1000);
}
