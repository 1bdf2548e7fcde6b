// SPDX-License-Identifier: Apache-2.0
#define BOOST_TEST_MODULE stress_races
// Races between readiness, cancel, close, completion and process exit, each
// run at least 1000 times. Every wait is bounded; each case checks that no
// message is lost, duplicated or left behind.

#include <atomic>
#include <set>

#include "../runtime/helpers.hpp"

using namespace rt;  // NOLINT(google-build-using-namespace)
using esock::atom;
using esock::term;
namespace at = esock::atoms;

namespace {

constexpr int iterations = 1000;

bool is_socket_msg(const term& m, const term& sock, atom kind, const term& handle) {
    if (!m.is_tuple(4) || !m.element(0)->is_atom(at::dollar_socket) || !(*m.element(1) == sock) ||
        !m.element(2)->is_atom(kind)) {
        return false;
    }
    if (kind == at::select) return *m.element(3) == handle;
    return m.element(3)->is_tuple(2) && *m.element(3)->element(0) == handle;
}

std::size_t count_for(const term& sock, const term& handle) {
    return esock::self_process()->drop([&](const term& m) {
        return is_socket_msg(m, sock, at::select, handle) ||
               is_socket_msg(m, sock, at::abort, handle);
    });
}

}  // namespace

BOOST_AUTO_TEST_CASE(cancel_racing_readiness_leaves_no_message) {
    auto p = make_tcp_pair();
    std::vector<term> cancelled;
    int cancelled_ok = 0;
    for (int i = 0; i < iterations; ++i) {
        term r = so::recv(p.server, 0, at::nowait);
        REQUIRE_MATCH(r, "{select,{select_info,recv,'_'}}");
        BOOST_TEST_REQUIRE(so::send(p.client, esock::binary("x")) == ok_t);
        // The datagram may be seen ready before or after the cancel.
        term c = so::cancel(p.server, select_info_of(r));
        BOOST_TEST_REQUIRE(c == ok_t, W(c));
        ++cancelled_ok;
        BOOST_TEST_REQUIRE(count_for(p.server, handle_of(r)) == 0u);
        cancelled.push_back(handle_of(r));
        CHECK_MATCH(so::recv(p.server, 1, 2000), "{ok,<<\"x\">>}");
    }
    // Nothing for any cancelled handle arrives later either.
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    BOOST_TEST(esock::flush().empty());
    BOOST_TEST(cancelled_ok == iterations);
    close_all({p.listen, p.client, p.server});
}

BOOST_AUTO_TEST_CASE(close_racing_a_blocked_recv_gives_exactly_one_outcome) {
    int got_data = 0;
    int got_closed = 0;
    for (int i = 0; i < iterations; ++i) {
        auto p = make_tcp_pair();
        term me = esock::self();
        term s = p.server;
        (void)esock::spawn([me, s] {
            term r = so::recv(s, 0, 5000);
            esock::send(me, esock::tuple(esock::atom("result"), r));
            // Anything else for this process is a stray.
            auto extra = esock::receive_any(0);
            esock::send(me,
                        esock::tuple(esock::atom("stray"), extra ? *extra : term(at::undefined)));
        });
        BOOST_TEST_REQUIRE(so::send(p.client, esock::binary("x")) == ok_t);
        BOOST_TEST_REQUIRE(so::close(s) == ok_t);
        auto r = next_msg(10000);
        BOOST_TEST_REQUIRE(r.has_value());
        const term& res = *r->element(1);
        if (matches(res, L("{ok,<<\"x\">>}"))) {
            ++got_data;
        } else {
            BOOST_TEST_REQUIRE(matches(res, L("{error,closed}")), W(res));
            ++got_closed;
        }
        auto stray = next_msg(10000);
        BOOST_TEST_REQUIRE(stray.has_value());
        BOOST_TEST_REQUIRE(stray->element(1)->is_atom(at::undefined), W(*stray));
        close_all({p.listen, p.client});
        BOOST_TEST_REQUIRE(wait_spawned_done());
    }
    BOOST_TEST(got_data + got_closed == iterations);
    BOOST_TEST_MESSAGE("data " << got_data << ", closed " << got_closed);
    BOOST_TEST(esock::flush().empty());
}

BOOST_AUTO_TEST_CASE(close_racing_a_nowait_reader_sends_one_select_or_one_abort) {
    for (int i = 0; i < iterations; ++i) {
        auto p = make_tcp_pair();
        term r = so::recv(p.server, 0, at::nowait);
        REQUIRE_MATCH(r, "{select,{select_info,recv,'_'}}");
        const term h = handle_of(r);
        term closer = esock::spawn([c = p.client, s = p.server] {
            (void)so::send(c, esock::binary("x"));
            (void)so::close(s);
        });
        (void)closer;
        BOOST_TEST_REQUIRE(wait_spawned_done());
        // Exactly one abort; possibly a select sent before the close.
        std::this_thread::sleep_for(std::chrono::microseconds(200));
        const auto selects = esock::self_process()->drop(
            [&](const term& m) { return is_socket_msg(m, p.server, at::select, h); });
        const auto aborts = esock::self_process()->drop(
            [&](const term& m) { return is_socket_msg(m, p.server, at::abort, h); });
        BOOST_TEST_REQUIRE(selects <= 1u);
        BOOST_TEST_REQUIRE(aborts == 1u);
        BOOST_TEST_REQUIRE(esock::flush().empty());
        close_all({p.listen, p.client});
    }
}

BOOST_AUTO_TEST_CASE(readers_in_several_processes_lose_and_duplicate_nothing) {
    auto p = make_tcp_pair();
    constexpr int readers = 3;
    constexpr int bytes = 3000;
    term me = esock::self();
    std::atomic<int> total{0};
    for (int k = 0; k < readers; ++k) {
        (void)esock::spawn([me, s = p.server, &total] {
            for (;;) {
                term r = so::recv(s, 1, 2000);
                if (!r.element(0)->is_atom(at::ok)) break;
                total += 1;
            }
            esock::send(me, esock::atom("reader_done"));
        });
    }
    for (int i = 0; i < bytes; ++i) {
        BOOST_TEST_REQUIRE(so::send(p.client, esock::binary("b")) == ok_t);
    }
    for (int k = 0; k < readers; ++k)
        BOOST_TEST_REQUIRE(next_msg(20000).has_value());
    BOOST_TEST(total.load() == bytes);
    BOOST_TEST(wait_spawned_done());
    BOOST_TEST(esock::flush().empty());
    close_all({p.listen, p.client, p.server});
}

BOOST_AUTO_TEST_CASE(owner_exit_racing_a_waiter_aborts_it_once) {
    for (int i = 0; i < iterations; ++i) {
        auto l = make_listener();
        term me = esock::self();
        // The owner hands its listener over and ends at once.
        term owner = esock::spawn([me, ls = l.sock] {
            (void)esock::receive_any(5000);
            (void)so::setopt(ls, L("{otp,controlling_process}"), esock::self());
        });
        BOOST_TEST_REQUIRE(so::setopt(l.sock, L("{otp,controlling_process}"), owner) == ok_t);
        term r = so::accept(l.sock, at::nowait);
        REQUIRE_MATCH(r, "{select,{select_info,accept,'_'}}");
        esock::send(owner, esock::atom("go"));
        auto m = esock::receive(
            [&](const term& t) { return is_socket_msg(t, l.sock, at::abort, handle_of(r)); }, 5000);
        BOOST_TEST_REQUIRE(m.has_value());
        BOOST_TEST_REQUIRE(wait_spawned_done());
        BOOST_TEST_REQUIRE(esock::flush().empty());
        CHECK_MATCH(so::close(l.sock), "{error,closed}");
    }
}
