// SPDX-License-Identifier: Apache-2.0
#define BOOST_TEST_MODULE stress_many_sockets
// 10,000 sockets with a pending nowait recv each, all waiting in one
// process: each gets exactly one select message when its datagram arrives,
// and exactly one abort when it is closed while waiting. Needs a descriptor
// limit above 10,000; the soft limit is raised up to the hard one, and the
// cases are skipped, with the reason, when that is not enough.

#include <sys/resource.h>

#include <chrono>
#include <string>
#include <unordered_map>
#include <vector>

#include "../runtime/helpers.hpp"

using namespace rt;  // NOLINT(google-build-using-namespace)
using esock::term;
namespace at = esock::atoms;

namespace {

constexpr std::size_t socket_count = 10000;
// Descriptors beyond the sockets: the sender, the test runner's own, and
// the process's poller and wake-up fd.
constexpr rlim_t spare_fds = 64;

// Raises the soft descriptor limit so that socket_count sockets fit; false
// (with the reason in `why`) when the hard limit does not allow it.
bool enough_descriptors(std::string& why) {
    rlimit lim{};
    if (::getrlimit(RLIMIT_NOFILE, &lim) != 0) {
        why = "getrlimit failed";
        return false;
    }
    const rlim_t want = socket_count + spare_fds;
    if (lim.rlim_cur != RLIM_INFINITY && lim.rlim_cur < want) {
        if (lim.rlim_max != RLIM_INFINITY && lim.rlim_max < want) {
            why = "the hard descriptor limit is " + std::to_string(lim.rlim_max) + ", below " +
                  std::to_string(want);
            return false;
        }
        lim.rlim_cur = want;
        if (::setrlimit(RLIMIT_NOFILE, &lim) != 0) {
            why = "setrlimit to " + std::to_string(want) + " refused";
            return false;
        }
    }
    return true;
}

// Skips a case (reported as skipped, with the reason) without descriptors.
boost::test_tools::assertion_result descriptors_available(
    boost::unit_test::test_unit_id /*unused*/) {
    std::string why;
    boost::test_tools::assertion_result r(enough_descriptors(why));
    if (!r) r.message() << why;
    return r;
}

struct waiting_sockets {
    std::vector<term> socks;
    std::vector<term> ports;
    // handle's reference number -> socket index
    std::unordered_map<std::uint64_t, std::size_t> by_handle;
};

// Opens the UDP sockets and leaves a nowait recv pending on each.
waiting_sockets open_waiting() {
    waiting_sockets w;
    w.socks.reserve(socket_count);
    for (std::size_t i = 0; i < socket_count; ++i) {
        const term r = so::open(at::inet, at::dgram);
        BOOST_TEST_REQUIRE(matches(r, L("{ok,'_'}")), "socket " << i << ": " << W(r));
        const term u = *r.element(1);
        BOOST_TEST_REQUIRE(so::bind(u, loopback_any_port()) == term(at::ok));
        const term name = ok_value(so::sockname(u));
        w.ports.push_back(*name.map_get(esock::atom("port")));
        const term rr = so::recv(u, 0, at::nowait);
        BOOST_TEST_REQUIRE(matches(rr, L("{select,{select_info,recv,'_'}}")), W(rr));
        w.by_handle.emplace(handle_of(rr).ref_number(), i);
        w.socks.push_back(u);
    }
    return w;
}

// Receives `kind` messages for every socket of `w` (bounded in time); each
// socket must get exactly one, with its own handle. Returns how many came.
std::size_t collect(const waiting_sockets& w, esock::atom kind) {
    std::vector<int> seen(w.socks.size(), 0);
    std::size_t got = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (got < w.socks.size()) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) break;
        auto m = esock::receive_any(left.count());
        if (!m) break;
        BOOST_TEST_REQUIRE(m->is_tuple(4), W(*m));
        BOOST_TEST_REQUIRE(m->element(2)->is_atom(kind), W(*m));
        const term& x = *m->element(3);
        const term& handle = kind == at::select ? x : *x.element(0);
        if (kind == at::abort) BOOST_TEST_REQUIRE(x.element(1)->is_atom(at::closed), W(*m));
        auto it = w.by_handle.find(handle.ref_number());
        BOOST_TEST_REQUIRE((it != w.by_handle.end()), "unknown handle: " << W(*m));
        BOOST_TEST_REQUIRE(*m->element(1) == w.socks[it->second], W(*m));
        BOOST_TEST_REQUIRE(++seen[it->second] == 1, "second message for socket " << it->second);
        ++got;
    }
    return got;
}

}  // namespace

BOOST_AUTO_TEST_CASE(ten_thousand_pending_recvs_each_get_one_select,
                     *boost::unit_test::precondition(descriptors_available)) {
    waiting_sockets w = open_waiting();
    BOOST_TEST(!next_msg(0).has_value());
    const term sender = ok_value(so::open(at::inet, at::dgram));
    for (std::size_t i = 0; i < socket_count; ++i) {
        const term dest = esock::map({{esock::atom("family"), at::inet},
                                      {esock::atom("addr"), at::loopback},
                                      {esock::atom("port"), w.ports[i]}});
        BOOST_TEST_REQUIRE(so::sendto(sender, esock::binary(std::to_string(i)), dest) ==
                           term(at::ok));
    }
    BOOST_TEST(collect(w, at::select) == socket_count);
    // Each select means its datagram is there: the retry reads it.
    for (std::size_t i = 0; i < socket_count; ++i) {
        const term r = so::recv(w.socks[i], 0, at::nowait);
        BOOST_TEST_REQUIRE(matches(r, L("{ok,'_'}")), "socket " << i << ": " << W(r));
        BOOST_TEST_REQUIRE(r.element(1)->binary_bytes().size() == std::to_string(i).size());
    }
    BOOST_TEST(!next_msg(100).has_value());
    for (const auto& s : w.socks)
        BOOST_TEST_REQUIRE(so::close(s) == term(at::ok));
    BOOST_TEST(so::close(sender) == term(at::ok));
}

BOOST_AUTO_TEST_CASE(closing_ten_thousand_waiting_sockets_aborts_each_once,
                     *boost::unit_test::precondition(descriptors_available)) {
    waiting_sockets w = open_waiting();
    for (const auto& s : w.socks)
        BOOST_TEST_REQUIRE(so::close(s) == term(at::ok));
    BOOST_TEST(collect(w, at::abort) == socket_count);
    BOOST_TEST(!next_msg(100).has_value());
}
