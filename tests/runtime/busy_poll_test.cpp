// SPDX-License-Identifier: Apache-2.0
// set_busy_poll: a blocking call that spins before it sleeps still ends at
// its timeout, still wakes when its socket is closed, answers each call
// exactly once and counts no tries of its own. Every wait is bounded; the
// only time checked is that a call ends well within a generous bound.

#define BOOST_TEST_MODULE runtime_busy_poll
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>

#include "helpers.hpp"

using namespace rt;  // NOLINT(google-build-using-namespace)

namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

// Longer than any bound below: a wait that ends within one was not ended
// by the budget running out.
constexpr microseconds long_budget = std::chrono::seconds(30);
constexpr auto generous = std::chrono::seconds(10);

// Turns busy polling on for the calling thread's process while it lives.
struct busy_polling {
    explicit busy_polling(microseconds budget) { esock::set_busy_poll(budget); }
    busy_polling(const busy_polling&) = delete;
    busy_polling& operator=(const busy_polling&) = delete;
    ~busy_polling() { esock::set_busy_poll(microseconds(0)); }
};

}  // namespace

BOOST_AUTO_TEST_CASE(the_budget_is_the_calling_process_s_and_never_negative) {
    BOOST_TEST(esock::busy_poll().count() == 0);
    esock::set_busy_poll(microseconds(-5));
    BOOST_TEST(esock::busy_poll().count() == 0);
    esock::set_busy_poll(microseconds(250));
    BOOST_TEST(esock::busy_poll().count() == 250);
    std::int64_t other = -1;
    std::thread([&] { other = esock::busy_poll().count(); }).join();
    BOOST_TEST(other == 0);
    esock::set_busy_poll(microseconds(0));
    BOOST_TEST(esock::busy_poll().count() == 0);
}

BOOST_AUTO_TEST_CASE(a_spinning_recv_ends_at_its_timeout_not_at_the_budget) {
    auto p = make_tcp_pair();
    const busy_polling on(long_budget);
    const auto t0 = steady_clock::now();
    CHECK_MATCH(so::recv(p.server, 0, 50), "{error,timeout}");
    BOOST_TEST((steady_clock::now() - t0 < generous));
    // The same with data short of the length: the part comes back with it.
    BOOST_TEST_REQUIRE(so::send(p.client, bin("ab")) == ok_t);
    CHECK_MATCH(so::recv(p.server, 5, 50), "{error,{timeout,<<\"ab\">>}}");
    BOOST_TEST(esock::flush().empty());
    close_all({p.listen, p.client, p.server});
}

BOOST_AUTO_TEST_CASE(a_spinning_send_ends_at_its_timeout) {
    auto p = make_tcp_pair();
    const busy_polling on(long_budget);
    // Nobody reads: the buffers fill and a send has to wait.
    const term chunk = esock::binary(std::string(64 * 1024, 'x'));
    const auto t0 = steady_clock::now();
    term r;
    for (int i = 0; i < 10000; ++i) {
        r = so::send(p.client, chunk, 50);
        if (!(r == ok_t)) break;
    }
    CHECK_MATCH(r, "{error,{timeout,'_'}}");
    BOOST_TEST((steady_clock::now() - t0 < generous));
    close_all({p.listen, p.client, p.server});
}

BOOST_AUTO_TEST_CASE(close_wakes_a_spinning_recv) {
    auto p = make_tcp_pair();
    term me = esock::self();
    term s = p.server;
    std::atomic<bool> started{false};
    (void)esock::spawn([me, s, &started] {
        esock::set_busy_poll(long_budget);
        started = true;
        const auto t0 = steady_clock::now();
        term r = so::recv(s, 0, at::infinity);
        esock::send(me,
                    esock::tuple(r, steady_clock::now() - t0 < generous ? at::true_ : at::false_));
    });
    while (!started)
        std::this_thread::yield();
    // Let it reach its wait; the close is the same a moment earlier.
    std::this_thread::sleep_for(milliseconds(50));
    BOOST_TEST_REQUIRE(so::close(p.server) == ok_t);
    auto m = next_msg(int(std::chrono::milliseconds(generous).count()));
    BOOST_TEST_REQUIRE(m.has_value());
    CHECK_MATCH(*m, "{{error,closed},true}");
    BOOST_TEST(wait_spawned_done());
    BOOST_TEST(esock::flush().empty());
    close_all({p.listen, p.client});
}

BOOST_AUTO_TEST_CASE(an_unrelated_message_does_not_end_a_spinning_recv) {
    auto p = make_tcp_pair();
    term me = esock::self();
    const busy_polling on(long_budget);
    term c = p.client;
    (void)esock::spawn([me, c] {
        esock::send(me, esock::atom("unrelated"));
        std::this_thread::sleep_for(milliseconds(20));
        (void)so::send(c, bin("late"));
    });
    CHECK_MATCH(so::recv(p.server, 4, 5000), "{ok,<<\"late\">>}");
    BOOST_TEST(wait_spawned_done());
    const auto left = esock::flush();
    BOOST_TEST_REQUIRE(left.size() == 1u);
    CHECK_MATCH(left[0], "unrelated");
    close_all({p.listen, p.client, p.server});
}

BOOST_AUTO_TEST_CASE(spinning_ping_pong_answers_each_call_once_and_counts_no_tries) {
    auto p = make_tcp_pair();
    constexpr int rounds = 300;
    term me = esock::self();
    term s = p.server;
    (void)esock::spawn([me, s] {
        esock::set_busy_poll(microseconds(500));
        for (int i = 0; i < rounds; ++i) {
            const term r = so::recv(s, 8, 5000);
            if (!esock::matches(r, L("{ok,'_'}"))) {
                esock::send(me, r);
                return;
            }
            (void)so::send(s, *r.element(1));
        }
        esock::send(me, at::ok);
    });
    const busy_polling on(microseconds(500));
    const std::int64_t tries_before = counter(p.client, "read_tries");
    for (int i = 0; i < rounds; ++i) {
        const std::string text = "ping" + std::to_string(1000 + i);
        BOOST_TEST_REQUIRE(so::send(p.client, bin(text)) == ok_t);
        const term r = so::recv(p.client, 8, 5000);
        BOOST_TEST_REQUIRE(esock::matches(r, esock::tuple(at::ok, bin(text))), W(r));
    }
    auto done = next_msg(5000);
    BOOST_TEST_REQUIRE(done.has_value());
    BOOST_TEST(*done == ok_t);
    // Nothing more for either: no second answer, no stray select or abort.
    CHECK_MATCH(so::recv(p.client, 0, 0), "{error,timeout}");
    BOOST_TEST(esock::flush().empty());
    // A call that waits tries twice (before and after its wait); the spin's
    // looks at the descriptor are no tries.
    const std::int64_t tries = counter(p.client, "read_tries") - tries_before;
    BOOST_TEST(tries >= rounds);
    BOOST_TEST(tries <= 2 * rounds + 1);
    BOOST_TEST(wait_spawned_done());
    close_all({p.listen, p.client, p.server});
}
