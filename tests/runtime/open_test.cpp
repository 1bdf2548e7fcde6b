// SPDX-License-Identifier: Apache-2.0
// open/1,2 from an existing descriptor and open/4's netns option, against
// OTP 25's api.txt section 01: dup by default ({fromfd, Fd}), shared with
// dup => false (fromfd), domain/type/protocol read from the descriptor or
// taken from the options; netns creates the socket in the named namespace.
#define BOOST_TEST_MODULE runtime_open
#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

#include <cerrno>

#include <cstdlib>
#include <string>

#include <esock/error.hpp>
#include <esock/posix.hpp>

#include "helpers.hpp"

using namespace rt;  // NOLINT(google-build-using-namespace)

namespace {

term fd_of(const term& s) {
    return ok_value(so::getopt(s, L("{otp,fd}")));
}

term info_keys(const term& s) {
    const term i = so::info(s);
    return esock::map({{esock::atom("ctype"), *i.map_get(esock::atom("ctype"))},
                       {esock::atom("domain"), *i.map_get(esock::atom("domain"))},
                       {esock::atom("protocol"), *i.map_get(esock::atom("protocol"))},
                       {esock::atoms::type, *i.map_get(esock::atoms::type)}});
}

}  // namespace

BOOST_AUTO_TEST_CASE(open_fd_dups_by_default_and_reads_the_kind_from_the_fd) {
    const tcp_pair p = make_tcp_pair();
    const term fd = fd_of(p.client);
    const term s = ok_value(so::open(fd));
    BOOST_TEST(W(info_keys(s)) ==
               W(esock::map({{esock::atom("ctype"), esock::tuple(esock::atom("fromfd"), fd)},
                             {esock::atom("domain"), esock::atoms::inet},
                             {esock::atom("protocol"), esock::atoms::tcp},
                             {esock::atoms::type, esock::atoms::stream}})));
    BOOST_TEST(so::sockname(s) == so::sockname(p.client));
    BOOST_TEST(fd_of(s) != fd);  // its own duplicate
    // The duplicate is the same connection.
    CHECK_MATCH(so::send(s, L("<<\"via dup\">>")), "ok");
    CHECK_MATCH(so::recv(p.server, 7, 2000), "{ok,<<\"via dup\">>}");
    CHECK_MATCH(so::close(s), "ok");
    // Closing it leaves the original open.
    CHECK_MATCH(so::send(p.client, L("<<\"orig\">>")), "ok");
    CHECK_MATCH(so::recv(p.server, 4, 2000), "{ok,<<\"orig\">>}");
    close_all({p.listen, p.client, p.server});
}

BOOST_AUTO_TEST_CASE(open_fd_without_dup_shares_the_descriptor) {
    const term t = ok_value(so::open(esock::atoms::inet, esock::atoms::stream, esock::atoms::tcp));
    const term fd = fd_of(t);
    const term s = ok_value(so::open(fd, L("#{dup => false}")));
    CHECK_MATCH(info_keys(s), "#{ctype => fromfd,domain => inet,protocol => tcp,type => stream}");
    BOOST_TEST(fd_of(s) == fd);
    CHECK_MATCH(so::close(s), "ok");
    // The descriptor stays open for its first owner.
    CHECK_MATCH(so::getopt(t, L("{socket,type}")), "{ok,stream}");
    CHECK_MATCH(so::close(t), "ok");
}

BOOST_AUTO_TEST_CASE(open_fd_takes_domain_type_and_protocol_from_the_options) {
    const term t = ok_value(so::open(esock::atoms::inet, esock::atoms::stream, esock::atoms::tcp));
    const term fd = fd_of(t);
    const term s = ok_value(so::open(fd, L("#{domain => inet, type => stream, protocol => tcp}")));
    CHECK_MATCH(info_keys(s),
                "#{ctype => {fromfd,'_'},domain => inet,protocol => tcp,type => stream}");
    close_all({s, t});
    // use_registry and debug as for open/4.
    const term t2 = ok_value(so::open(esock::atoms::inet, esock::atoms::stream));
    const term s2 = ok_value(so::open(fd_of(t2), L("#{use_registry => false, debug => true}")));
    CHECK_MATCH(so::getopt(s2, L("{otp,use_registry}")), "{ok,false}");
    CHECK_MATCH(so::getopt(s2, L("{otp,debug}")), "{ok,true}");
    close_all({s2, t2});
    // A local socket: protocol 0 is named ip by info/1, default by getopt.
    const term l = ok_value(so::open(esock::atoms::local, esock::atoms::dgram));
    const term ls = ok_value(so::open(fd_of(l)));
    CHECK_MATCH(info_keys(ls),
                "#{ctype => {fromfd,'_'},domain => local,protocol => ip,type => dgram}");
    CHECK_MATCH(so::getopt(ls, L("{socket,protocol}")), "{ok,default}");
    close_all({ls, l});
}

BOOST_AUTO_TEST_CASE(open_fd_rejects_what_is_not_a_socket) {
    CHECK_MATCH(so::open(-1), "{error,{invalid,{options,domain,#{}}}}");
    CHECK_MATCH(so::open(99999), "{error,{invalid,{options,domain,#{}}}}");
    CHECK_MATCH(so::open(0), "{error,{invalid,{options,domain,#{}}}}");  // stdin
    try {
        (void)so::open(L("foo"));
        BOOST_TEST(false, "open(foo) returned");
    } catch (const esock::erl_error& e) {
        BOOST_TEST(W(e.reason()) == "badarg");
    }
}

BOOST_AUTO_TEST_CASE(netns_opens_the_socket_in_the_named_namespace) {
    CHECK_MATCH(so::open(esock::atoms::inet, esock::atoms::stream, esock::atoms::tcp,
                         L("#{netns => \"/nonexistent/netns\"}")),
                "{error,enoent}");
    // Entering even one's own namespace takes CAP_SYS_ADMIN: ask this
    // host's kernel what a bare setns says for this user.
    const int own = ::open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
    BOOST_TEST_REQUIRE(own >= 0);
    const int entered = ::setns(own, CLONE_NEWNET);
    const int setns_errno = errno;
    ::close(own);
    const term same_r = so::open(esock::atoms::inet, esock::atoms::stream, esock::atoms::tcp,
                                 L("#{netns => \"/proc/self/ns/net\"}"));
    if (entered != 0) {
        BOOST_TEST(W(same_r) == W(esock::tuple(at::error, esock::posix_error_atom(setns_errno))));
        BOOST_TEST_MESSAGE("skipped the rest: this user cannot enter network namespaces");
        return;
    }
    CHECK_MATCH(so::close(ok_value(same_r)), "ok");

    const std::string name = "esock_test_" + std::to_string(::getpid());
    if (std::system(("ip netns add " + name + " >/dev/null 2>&1").c_str()) != 0) {
        BOOST_TEST_MESSAGE("skipped: cannot create a network namespace here (ip netns add failed)");
        return;
    }
    const std::string path = "/var/run/netns/" + name;
    const term inside =
        ok_value(so::open(esock::atoms::inet, esock::atoms::stream, esock::atoms::tcp,
                          esock::map({{esock::atom("netns"), esock::binary(path)}})));
    CHECK_MATCH(so::bind(inside, loopback_any_port()), "ok");
    CHECK_MATCH(so::listen(inside), "ok");
    const term addr = ok_value(so::sockname(inside));
    // The same address is free here: the listener lives in the other
    // namespace, and this thread came back from it.
    const term here =
        ok_value(so::open(esock::atoms::inet, esock::atoms::stream, esock::atoms::tcp));
    CHECK_MATCH(so::bind(here, addr), "ok");
    const term client =
        ok_value(so::open(esock::atoms::inet, esock::atoms::stream, esock::atoms::tcp));
    CHECK_MATCH(so::connect(client, addr, 2000), "{error,econnrefused}");
    close_all({inside, here, client});
    BOOST_TEST(std::system(("ip netns del " + name + " >/dev/null 2>&1").c_str()) == 0);
}
