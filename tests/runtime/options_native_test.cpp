// SPDX-License-Identifier: Apache-2.0
// getopt_native/setopt_native, the legacy getopt/3 and setopt/4, and the
// getopt/setopt rules around them: OTP 25's options.txt section C (bad
// inputs, native and legacy rows) replayed in order on its TCP and UDP
// sockets, plus the cases
// the capture does not cover (caps, aliases, priority kept across tos).
#define BOOST_TEST_MODULE runtime_options_native
#include <boost/test/unit_test.hpp>

#include <regex>
#include <string>
#include <vector>

#include <esock/error.hpp>

#include "../common/documented_deviations.hpp"
#include "../common/otp25_options.hpp"
#include "helpers.hpp"

using namespace rt;  // NOLINT(google-build-using-namespace)
using esock::atoms::ok;
using esock_test::parse_captured;

namespace {

// What a call gave, as the capture prints it: the result, or for an
// exception {crash, {Class, Reason}} (esock's exceptions have no class, so
// the class is taken from the expected line).
term outcome(const std::function<term()>& call, const term& expected) {
    try {
        return call();
    } catch (const esock::erl_error& e) {
        term cls = esock::atoms::error;
        if (expected.is_tuple(2) && expected.element(1)->is_tuple(2)) {
            cls = *expected.element(1)->element(0);
        }
        return esock::tuple(esock::atom("crash"), esock::tuple(cls, e.reason()));
    }
}

// Values that depend on the machine rather than on the module: buffer
// sizes (SO_SNDBUF 7, SO_RCVBUF 8) and the default congestion control.
bool machine_specific(const std::string& args) {
    return args.find("{socket,7}") != std::string::npos ||
           args.find("{socket,8}") != std::string::npos ||
           args.find("{socket,rcvbuf}") != std::string::npos ||
           args.find(",13}, 16)") != std::string::npos ||
           args.find("{tcp,congestion}") != std::string::npos;
}

// Options docs/deviations.md lists as supported where OTP 25 did not wire
// them up (the backquoted pairs of its supports() section).
bool deviating_option(const std::string& args) {
    const auto& keys = esock_test::supports_deviation_keys();
    for (const auto& k : keys) {
        if (args.find(k) != std::string::npos) return true;
    }
    return false;
}

term inet_stream() {
    return ok_value(so::open(esock::atoms::inet, esock::atoms::stream));
}
term inet_dgram() {
    return ok_value(so::open(esock::atoms::inet, esock::atoms::dgram));
}

}  // namespace

BOOST_AUTO_TEST_CASE(bad_input_native_and_legacy_rows_of_otp_25_replay_in_order) {
    const term t = inet_stream();
    const term u = inet_dgram();
    const term z = inet_stream();
    const term not_a_socket = esock::atom("not_a_socket");
    bool in_section = false;
    std::size_t compared = 0;
    const std::regex call(
        R"(^(getopt_native|setopt_native|getopt|setopt)\((T|U|Z closed|not_a_socket), (.*)\)(?: +\[[^\]]*\]| after)? => (.*)$)");
    for (const std::string& line : esock_test::otp25_option_lines()) {
        if (line.starts_with("%% ===== C.")) in_section = true;
        if (line.starts_with("%% -- controlling_process")) break;
        if (!in_section) continue;
        if (line == "close(Z) => ok") {
            BOOST_TEST_REQUIRE(so::close(z) == term(ok));
            continue;
        }
        std::smatch m;
        if (!std::regex_match(line, m, call)) continue;
        std::string args = m[3].str();
        if (machine_specific(args) || deviating_option(args)) continue;
        // The capture's bit syntax, in this machine's (little-endian) order.
        args = std::regex_replace(args, std::regex("<<0:32/native>>"), "<<0,0,0,0>>");
        args = std::regex_replace(args, std::regex("<<1:32/native>>"), "<<1,0,0,0>>");
        const auto a = *parse_captured("[" + args + "]").list_to_vector();
        const std::string who = m[2].str();
        const term s = who == "T" ? t : who == "U" ? u : who == "not_a_socket" ? not_a_socket : z;
        const std::string fn = m[1].str();
        const term expected = parse_captured(m[4].str());
        const term got = outcome(
            [&]() -> term {
                if (fn == "getopt_native") return so::getopt_native(s, a.at(0), a.at(1));
                if (fn == "setopt_native") return so::setopt_native(s, a.at(0), a.at(1));
                if (fn == "getopt" && a.size() == 1) return so::getopt(s, a.at(0));
                if (fn == "getopt") return so::getopt(s, a.at(0), a.at(1));
                if (a.size() == 2) return so::setopt(s, a.at(0), a.at(1));
                return so::setopt(s, a.at(0), a.at(1), a.at(2));
            },
            expected);
        BOOST_TEST(W(got) == W(expected), line << " gave " << W(got));
        ++compared;
    }
    BOOST_TEST(compared > 170U);
    close_all({t, u});
}

BOOST_AUTO_TEST_CASE(native_value_sizes_are_capped_without_allocating_them) {
    const term t = inet_stream();
    CHECK_MATCH(so::getopt_native(t, L("{socket,2}"), -1), "{error,einval}");
    CHECK_MATCH(so::getopt_native(t, L("{socket,2}"), 0), "{error,efault}");
    CHECK_MATCH(so::getopt_native(t, L("{socket,2}"), 65536), "{ok,<<0,0,0,0>>}");
    CHECK_MATCH(so::getopt_native(t, L("{socket,2}"), 65537),
                "{error,{invalid,{value_spec,65537}}}");
    CHECK_MATCH(so::getopt_native(t, L("{socket,2}"), esock::term(std::int64_t{1} << 40)),
                "{error,{invalid,{value_spec,1099511627776}}}");
    // A template longer than what the kernel writes comes back cut.
    CHECK_MATCH(so::getopt_native(t, L("{socket,2}"), L("<<9,9,9,9,9,9,9,9>>")),
                "{ok,<<0,0,0,0>>}");
    CHECK_MATCH(so::getopt_native(t, L("{socket,13}"), 8), "{ok,<<0,0,0,0,0,0,0,0>>}");
    (void)so::close(t);
}

BOOST_AUTO_TEST_CASE(native_keys_resolve_as_otp_25_resolves_them) {
    const term t = inet_stream();
    const term u = inet_dgram();
    const term l = ok_value(so::open(esock::atoms::local, esock::atoms::stream));
    // Protocol names and aliases are levels; icmp is protocol 1 = SOL_SOCKET.
    CHECK_MATCH(so::getopt_native(t, L("{'TCP',1}"), L("integer")), "{ok,0}");
    CHECK_MATCH(so::getopt_native(t, L("{'TCP',nodelay}"), L("integer")), "{ok,0}");
    CHECK_MATCH(so::getopt_native(t, L("{icmp,2}"), L("integer")), "{ok,0}");
    CHECK_MATCH(so::getopt_native(t, L("{socket,acceptconn}"), L("integer")), "{ok,0}");
    CHECK_MATCH(so::getopt_native(t, L("{default,1}"), L("integer")),
                "{error,{invalid,{socket_option,{default,1}}}}");
    CHECK_MATCH(so::getopt_native(t, L("{1,foo}"), L("integer")),
                "{error,{invalid,{socket_option,{1,foo}}}}");
    CHECK_MATCH(so::getopt_native(t, L("{socket}"), L("integer")),
                "{error,{invalid,{socket_option,{socket}}}}");
    CHECK_MATCH(so::getopt_native(t, L("{1099511627776,1}"), L("integer")),
                "{error,{invalid,{socket_option,{1099511627776,1}}}}");
    // The kernel answers for other protocols' levels: getsockopt enotsup,
    // setsockopt enoprotoopt on inet sockets, enotsup on local ones.
    CHECK_MATCH(so::getopt_native(u, L("{tcp,1}"), L("integer")), "{error,enotsup}");
    CHECK_MATCH(so::setopt_native(u, L("{tcp,1}"), 1), "{error,enoprotoopt}");
    CHECK_MATCH(so::getopt_native(t, L("{ipv6,26}"), L("integer")), "{error,enotsup}");
    CHECK_MATCH(so::getopt_native(l, L("{ip,1}"), L("integer")), "{error,enotsup}");
    CHECK_MATCH(so::getopt_native(t, L("{ip,add_membership}"), 8), "{error,enoprotoopt}");
    // Values: a C int, a boolean, bytes or an iolist; nothing else.
    CHECK_MATCH(so::setopt_native(t, L("{socket,7}"), esock::term(std::int64_t{1} << 40)),
                "{error,{invalid,value}}");
    CHECK_MATCH(so::setopt_native(t, L("{socket,7}"), esock::term(std::int64_t{0x80000000})),
                "{error,{invalid,value}}");
    CHECK_MATCH(so::setopt_native(t, L("{socket,2}"), L("[1,0,0,0]")), "ok");
    CHECK_MATCH(so::getopt_native(t, L("{socket,2}"), L("boolean")), "{ok,true}");
    CHECK_MATCH(so::setopt_native(t, L("{socket,2}"), L("[<<0,0>>,[0],0]")), "ok");
    CHECK_MATCH(so::getopt_native(t, L("{socket,2}"), L("boolean")), "{ok,false}");
    CHECK_MATCH(so::setopt_native(t, L("{socket,2}"), L("[1000]")), "{error,{invalid,value}}");
    CHECK_MATCH(so::setopt_native(t, L("{socket,2}"), L("{1}")), "{error,{invalid,value}}");
    // The option key is checked before the closed socket, the value after.
    (void)so::close(t);
    CHECK_MATCH(so::getopt_native(t, L("{socket,2}"), L("foo")), "{error,closed}");
    CHECK_MATCH(so::getopt_native(t, L("{socket,2}"), 65537), "{error,closed}");
    CHECK_MATCH(so::getopt_native(t, L("{socket,2}"), 0), "{error,closed}");
    CHECK_MATCH(so::getopt_native(t, L("{foo,2}"), L("integer")),
                "{error,{invalid,{socket_option,{foo,2}}}}");
    CHECK_MATCH(so::setopt_native(t, L("{socket,2}"), L("foo")), "{error,closed}");
    CHECK_MATCH(so::setopt_native(t, L("{foo,2}"), 1), "{error,{invalid,{socket_option,{foo,2}}}}");
    CHECK_MATCH(so::setopt(t, L("{socket,linger}"), 5), "{error,closed}");
    close_all({u, l});
}

BOOST_AUTO_TEST_CASE(alias_levels_read_and_write_their_canonical_level) {
    const term t = inet_stream();
    CHECK_MATCH(so::setopt(t, L("{'TCP',nodelay}"), L("true")), "ok");
    CHECK_MATCH(so::getopt(t, L("{tcp,nodelay}")), "{ok,true}");
    CHECK_MATCH(so::getopt(t, L("{'IP',ttl}")), "{ok,64}");
    CHECK_MATCH(so::getopt(t, L("{'IPv6',v6only}")), "{error,enotsup}");
    CHECK_MATCH(so::setopt(t, L("{'IP',tos}"), L("true")),
                "{error,{invalid,{socket_option,{'IP',tos},true}}}");
    // Only the aliases of the levels' own protocol entries.
    CHECK_MATCH(so::getopt(t, L("{'HOPOPT',tos}")),
                "{error,{invalid,{socket_option,{'HOPOPT',tos}}}}");
    CHECK_MATCH(so::getopt(t, L("{'ICMP',reuseaddr}")),
                "{error,{invalid,{socket_option,{'ICMP',reuseaddr}}}}");
    (void)so::close(t);
    CHECK_MATCH(so::getopt(t, L("{'TCP',nodelay}")), "{error,closed}");
    CHECK_MATCH(so::getopt(t, L("{'TCP',foo}")), "{error,{invalid,{socket_option,{'TCP',foo}}}}");
}

BOOST_AUTO_TEST_CASE(string_options_read_back_without_nul_padding) {
    const term t = inet_stream();
    CHECK_MATCH(so::setopt(t, L("{tcp,congestion}"), L("\"reno\"")), "ok");
    CHECK_MATCH(so::getopt(t, L("{tcp,congestion}")), "{ok,\"reno\"}");
    // What getopt returns, setopt takes back.
    const term cc = ok_value(so::getopt(t, L("{tcp,congestion}")));
    CHECK_MATCH(so::setopt(t, L("{tcp,congestion}"), cc), "ok");
    (void)so::close(t);
}

BOOST_AUTO_TEST_CASE(priority_survives_a_tos_change_as_in_otp_25) {
    for (const term& s : {inet_stream(), inet_dgram()}) {
        CHECK_MATCH(so::setopt(s, L("{socket,priority}"), 3), "ok");
        CHECK_MATCH(so::setopt(s, L("{ip,tos}"), L("lowdelay")), "ok");
        CHECK_MATCH(so::getopt(s, L("{socket,priority}")), "{ok,3}");
        CHECK_MATCH(so::setopt_native(s, L("{ip,1}"), 8), "ok");  // IP_TOS, throughput
        CHECK_MATCH(so::getopt(s, L("{socket,priority}")), "{ok,3}");
        // The priority itself still changes when asked.
        CHECK_MATCH(so::setopt(s, L("{socket,priority}"), 5), "ok");
        CHECK_MATCH(so::getopt(s, L("{socket,priority}")), "{ok,5}");
        (void)so::close(s);
    }
}
