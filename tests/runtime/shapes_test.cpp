// Which bad arguments OTP 25 raises and which it returns, and the exact
// error terms, for open/2,3,4 (including the options it is lenient about),
// bind/2, sendto/3, connect/2 and cancel/2: tests/runtime/data/
// otp25_shapes.txt is what OTP printed (data/shapes.escript), replayed line
// for line on real sockets in the same order. A line whose answer the
// kernel gave (the call reached bind(2), sendto(2) or connect(2)) is checked
// to be the kernel's kind of answer; the port arithmetic OTP does itself is
// checked apart, by where the socket ends up.

#define BOOST_TEST_MODULE runtime_shapes
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "../common/host.hpp"
#include "../common/kernel_answers.hpp"
#include "helpers.hpp"

using namespace rt;  // NOLINT(google-build-using-namespace)

namespace {

// The recording: label => answer text.
std::map<std::string, std::string> recording() {
    std::ifstream in(ESOCK_SOURCE_ROOT "/tests/runtime/data/otp25_shapes.txt");
    std::map<std::string, std::string> out;
    for (std::string line; std::getline(in, line);) {
        // Labels end with the call's ")"; maps inside them have " => " too.
        const auto at = line.find(") => ");
        if (at != std::string::npos) out[line.substr(0, at + 1)] = line.substr(at + 5);
    }
    return out;
}

// The answer as the recording prints it: {crash, Reason} for what raised.
term answer(const std::function<term()>& call) {
    try {
        return call();
    } catch (const esock::erl_error& e) {
        return esock::tuple(esock::atom("crash"), e.reason());
    }
}

// open/N's answer as the recording's r/1 shows it: the new socket's
// domain, type and protocol (the socket closed again), or the result.
term opened(const term& r) {
    if (!matches(r, L("{ok,{'$socket','_'}}"))) return r;
    const term s = *r.element(1);
    const term info = so::info(s);
    (void)so::close(s);
    return esock::tuple(
        at::ok, esock::map({{esock::atom("domain"), *info.map_get(esock::atom("domain"))},
                            {esock::atom("protocol"), *info.map_get(esock::atom("protocol"))},
                            {at::type, *info.map_get(at::type)}}));
}

struct replay {
    std::map<std::string, std::string> want = recording();
    std::set<std::string> seen;

    // `label`'s answer must be the recorded one (references stand for any).
    void same(const std::string& label, const std::function<term()>& call) {
        const auto it = want.find(label);
        BOOST_TEST_REQUIRE(want.count(label) == 1, "no recorded line for " << label);
        seen.insert(label);
        const std::string pattern =
            std::regex_replace(it->second, std::regex("#Ref<[0-9.]+>"), "'_'");
        const term got = answer(call);
        BOOST_TEST(matches(got, L(pattern)),
                   label << " => " << esock::format_p(got) << ", OTP 25: " << it->second);
    }
    // `label` reached the kernel: ok or an errno of this platform.
    void kernel(const std::string& label, const std::function<term()>& call) {
        BOOST_TEST_REQUIRE(want.count(label) == 1, "no recorded line for " << label);
        seen.insert(label);
        const term got = answer(call);
        BOOST_TEST((got == ok_t || esock_test::is_kernel_error(got)),
                   label << " => " << esock::format_p(got));
    }
};

std::string shown(const term& t) {
    return esock::format_p(t);
}

}  // namespace

BOOST_AUTO_TEST_CASE(bad_arguments_raise_or_return_as_otp_25) {
    replay r;
    // open/2,3,4: a protocol of the wrong type raises; the options map is
    // lenient about values it does not use.
    for (const char* args :
         {"[inet, stream, \"tcp\"]", "[inet, stream, <<\"tcp\">>]", "[inet, stream, 6.0]",
          "[inet, stream, {raw, 6}]", "[\"inet\", stream]", "[inet, \"stream\"]",
          "[inet, stream, tcp, #{netns => foo}]",
          "[inet, stream, tcp, #{netns => <<\"/proc/self/ns/net\">>}]",
          "[inet, stream, tcp, #{netns => \"/proc/self/ns/net\"}]",
          "[inet, stream, tcp, #{netns => 1}]", "[inet, stream, tcp, #{use_registry => foo}]",
          "[inet, stream, tcp, #{use_registry => 1}]", "[inet, stream, tcp, #{debug => foo}]",
          "[inet, stream, tcp, #{debug => 1}]", "[inet, stream, tcp, #{foo => bar}]",
          "[inet, stream, tcp, #{netns => 'x'}]", "[inet, stream, tcp, foo]"}) {
        const term a = L(args);
        const auto v = *a.list_to_vector();
        const auto call = [&] {
            if (v.size() == 2) return opened(so::open(v[0], v[1]));
            if (v.size() == 3) return opened(so::open(v[0], v[1], v[2]));
            return opened(so::open(v[0], v[1], v[2], v[3]));
        };
        // A netns path reaches setns(2), which the recording host (root)
        // allowed: elsewhere OTP returns that call's errno.
        const bool enters_netns = std::string(args).find("/proc/self/ns/net") != std::string::npos;
        if (enters_netns && esock_test::enter_own_netns_errno() != 0) {
            r.seen.insert("open(" + shown(a) + ")");
            const term got = answer(call);
            const term want = esock::tuple(
                at::error, esock::posix_error_atom(esock_test::enter_own_netns_errno()));
            BOOST_TEST(got == want, shown(a)
                                        << " => " << shown(got) << ", kernel: " << shown(want));
            continue;
        }
        r.same("open(" + shown(a) + ")", call);
    }
    if (esock_test::can_open_raw_sockets()) {
        r.same("open([inet,raw,{raw,255}])",
               [] { return opened(so::open(at::inet, L("raw"), L("{raw, 255}"))); });
    }

    // bind/2: a sockaddr that is no map raises, an atom other than any,
    // loopback and broadcast is returned; the map's shape before the values.
    const term b = ok_value(so::open(at::inet, at::stream));
    for (const char* a : {"foo", "\"x\"", "1", "{127,0,0,1}", "[]",
                          "#{family => inet, port => 1.0}", "#{family => inet, foo => bar}",
                          "#{family => inet, addr => {127,0,0,1}, port => 0, foo => 1}"}) {
        r.same("bind(inet S, " + shown(L(a)) + ")", [&] { return so::bind(b, L(a)); });
    }
    for (const char* a :
         {"#{family => inet, port => -1}", "#{family => inet, port => 70000}",
          "#{family => inet, port => 65536}", "#{family => inet, addr => broadcast}"}) {
        r.kernel("bind(inet S, " + shown(L(a)) + ")", [&] { return so::bind(b, L(a)); });
    }
    (void)so::close(b);
    if (esock_test::has_ipv6_loopback()) {
        const term b6 = ok_value(so::open(L("inet6"), at::stream));
        for (const char* a :
             {"broadcast", "#{family => inet6, addr => broadcast}",
              "#{family => inet6, addr => any, flowinfo => -1}",
              "#{family => inet6, addr => any, scope_id => -1}", "#{family => inet6, foo => 1}"}) {
            r.same("bind(inet6 S, " + shown(L(a)) + ")", [&] { return so::bind(b6, L(a)); });
        }
        for (const char* a :
             {"#{family => inet6, port => -1}", "#{family => inet6, port => 65537}"}) {
            r.kernel("bind(inet6 S, " + shown(L(a)) + ")", [&] { return so::bind(b6, L(a)); });
        }
        (void)so::close(b6);
    } else {
        BOOST_TEST_MESSAGE("no IPv6 on this host: the inet6 bind lines are left out");
    }
    const term bl = ok_value(so::open(at::local, at::stream));
    for (const char* a :
         {"any", "loopback", "broadcast", "#{family => local}", "#{family => local, path => 1}",
          "#{family => local, path => foo}", "#{family => local, path => [-1]}",
          "#{family => local, path => \"\", foo => 1}"}) {
        r.same("bind(local S, " + shown(L(a)) + ")", [&] { return so::bind(bl, L(a)); });
    }
    for (const char* a : {"#{family => local, path => \"/nonexistent_dir/x\"}",
                          "#{family => local, path => <<\"/tmp/esock_b\", 0, \"x\">>}"}) {
        r.kernel("bind(local S, " + shown(L(a)) + ")", [&] { return so::bind(bl, L(a)); });
    }
    (void)so::close(bl);

    // sendto/3 and connect/2 on UDP.
    const term u = ok_value(so::open(at::inet, at::dgram));
    BOOST_TEST_REQUIRE(so::bind(u, loopback_any_port()) == ok_t);
    r.same("sendto(U, <<1>>, foo)", [&] { return so::sendto(u, bin("\1"), L("foo")); });
    for (const char* a :
         {"#{family => inet, port => -1, addr => loopback}", "#{family => inet, addr => loopback}",
          "#{family => inet, addr => loopback, port => 70000}"}) {
        r.kernel("sendto(U, <<1>>, " + shown(L(a)) + ")",
                 [&] { return so::sendto(u, bin("\1"), L(a)); });
    }
    for (const char* a : {"foo", "#{}", "1"}) {
        r.same("connect(U, " + shown(L(a)) + ")", [&] { return so::connect(u, L(a)); });
    }
    r.kernel("connect(U, #{family => inet})",
             [&] { return so::connect(u, L("#{family => inet}")); });
    (void)so::close(u);

    // cancel/2: a handle that is no reference, an unknown operation or no
    // select_info at all raise badarg; a well-formed one unknown to the
    // socket is {error, {invalid, SelectInfo}}.
    const term c = ok_value(so::open(at::inet, at::stream));
    for (const char* a :
         {"{select_info, recv, foo}", "{select_info, recv, 1}", "{select_info, recv}", "foo"}) {
        r.same("cancel(S, " + shown(L(a)) + ")", [&] { return so::cancel(c, L(a)); });
    }
    for (const char* tag :
         {"foo", "{send, 0}", "{recv, 0}", "sendfile", "{sendfile, x}", "accept", "connect"}) {
        const term si = esock::tuple(esock::atom("select_info"), L(tag), esock::make_ref());
        const std::string label =
            "cancel(S, " + std::regex_replace(shown(si), std::regex("#Ref<[0-9.]+>"), "R") + ")";
        // The recording's labels carry their own references: find by shape.
        std::string found;
        for (const auto& [k, v] : r.want) {
            if (std::regex_replace(k, std::regex("#Ref<[0-9.]+>"), "R") == label) found = k;
        }
        BOOST_TEST_REQUIRE(!found.empty(), label);
        r.same(found, [&] { return so::cancel(c, si); });
    }
    (void)so::close(c);

    // Every recorded line was replayed (the raw socket and inet6 lines
    // where the host has them).
    std::size_t expected = r.want.size();
    if (!esock_test::can_open_raw_sockets()) --expected;
    if (!esock_test::has_ipv6_loopback()) expected -= 7;
    BOOST_TEST(r.seen.size() == expected);
}

// OTP's own port arithmetic: the port is a C int taken modulo 65536 (-1
// is 65535, 70000 is 4464), then the kernel binds it.
BOOST_AUTO_TEST_CASE(ports_wrap_as_otp_wraps_them) {
    for (const auto& [given, port] : {std::pair{-1, 65535}, std::pair{70000, 4464}}) {
        const term s = ok_value(so::open(at::inet, at::dgram));
        const term addr = esock::map(
            {{at::family, at::inet}, {esock::atom("addr"), at::loopback}, {at::port, given}});
        const term r = so::bind(s, addr);
        if (r != ok_t) {
            BOOST_TEST_MESSAGE("port " << port << " is taken on this host: " << W(r));
            BOOST_TEST(esock_test::is_kernel_error(r));
        } else {
            CHECK_MATCH(*ok_value(so::sockname(s)).map_get(at::port), std::to_string(port).c_str());
        }
        (void)so::close(s);
    }
}
