// SPDX-License-Identifier: Apache-2.0
#define BOOST_TEST_MODULE runtime_process
#include <atomic>
#include <set>

#include "helpers.hpp"

using namespace rt;  // NOLINT(google-build-using-namespace)
using esock::term;

BOOST_AUTO_TEST_CASE(self_is_a_stable_pid_per_thread) {
    term a = esock::self();
    BOOST_TEST(a.is_pid());
    BOOST_TEST(esock::self() == a);
    term other;
    std::thread([&] { other = esock::self(); }).join();
    BOOST_TEST(other.is_pid());
    BOOST_TEST(!(other == a));
    // That thread has ended, so its process has too.
    BOOST_TEST(esock::find_process(other) == nullptr);
}

BOOST_AUTO_TEST_CASE(selective_receive_leaves_other_messages_in_order) {
    term me = esock::self();
    esock::send(me, L("{a,1}"));
    esock::send(me, L("{b,2}"));
    esock::send(me, L("{a,3}"));
    auto b =
        esock::receive([](const term& t) { return t.element(0)->is_atom(esock::atom("b")); }, 0);
    BOOST_TEST_REQUIRE(b.has_value());
    BOOST_TEST(W(*b) == "{b,2}");
    BOOST_TEST(W(*next_msg(0)) == "{a,1}");
    BOOST_TEST(W(*next_msg(0)) == "{a,3}");
    BOOST_TEST(!next_msg(0).has_value());
}

BOOST_AUTO_TEST_CASE(receive_times_out_with_nothing) {
    auto r = esock::receive([](const term&) { return true; }, 20);
    BOOST_TEST(!r.has_value());
}

BOOST_AUTO_TEST_CASE(spawned_process_gets_messages_and_monitor_sees_it_end) {
    term parent = esock::self();
    term child = esock::spawn([parent] {
        auto m = esock::receive_any(2000);
        if (m) esock::send(parent, esock::tuple(esock::atom("echo"), *m));
    });
    term mref = esock::monitor_process(child);
    esock::send(child, L("hello"));
    auto echo = next_msg();
    BOOST_TEST_REQUIRE(echo.has_value());
    BOOST_TEST(W(*echo) == "{echo,hello}");
    auto down = next_msg();
    BOOST_TEST_REQUIRE(down.has_value());
    BOOST_TEST(matches(*down, esock::tuple(esock::atoms::down, mref, esock::atom("process"), child,
                                           esock::atom("normal"))),
               W(*down));
}

BOOST_AUTO_TEST_CASE(monitor_of_an_ended_process_reports_noproc_at_once) {
    term child = esock::spawn([] {});
    BOOST_TEST_REQUIRE(wait_spawned_done());
    term mref = esock::monitor_process(child);
    auto down = next_msg(0);
    BOOST_TEST_REQUIRE(down.has_value());
    BOOST_TEST(*down->element(1) == mref);
    BOOST_TEST(down->element(4)->is_atom(esock::atom("noproc")));
}

BOOST_AUTO_TEST_CASE(demonitor_stops_the_down_message) {
    term child = esock::spawn([] { (void)esock::receive_any(2000); });
    term mref = esock::monitor_process(child);
    BOOST_TEST(esock::demonitor_process(mref));
    BOOST_TEST(!esock::demonitor_process(mref));
    esock::send(child, L("go"));
    BOOST_TEST_REQUIRE(wait_spawned_done());
    BOOST_TEST(!next_msg(50).has_value());
}

BOOST_AUTO_TEST_CASE(exception_in_spawned_function_is_the_exit_reason) {
    term child = esock::spawn([] {
        (void)esock::receive_any(2000);
        throw std::runtime_error("bye");
    });
    term mref = esock::monitor_process(child);
    esock::send(child, L("go"));
    auto down = next_msg();
    BOOST_TEST_REQUIRE(down.has_value());
    BOOST_TEST(W(*down->element(4)) == "{exception,[98,121,101]}");
    (void)mref;
}

BOOST_AUTO_TEST_CASE(concurrent_senders_lose_and_duplicate_nothing) {
    constexpr int senders = 4;
    constexpr int per_sender = 2000;
    term me = esock::self();
    for (int s = 0; s < senders; ++s) {
        (void)esock::spawn([me, s] {
            for (int i = 0; i < per_sender; ++i)
                esock::send(me, esock::tuple(s, i));
        });
    }
    std::vector<int> next(senders, 0);
    for (int n = 0; n < senders * per_sender; ++n) {
        auto m = next_msg(5000);
        BOOST_TEST_REQUIRE(m.has_value());
        const int s = static_cast<int>(*m->element(0)->as_int());
        const int i = static_cast<int>(*m->element(1)->as_int());
        // Per-sender order is preserved, as between two Erlang processes.
        BOOST_TEST_REQUIRE(i == next[s]);
        ++next[s];
    }
    BOOST_TEST(!next_msg(20).has_value());
    BOOST_TEST(wait_spawned_done());
}

BOOST_AUTO_TEST_CASE(send_to_an_ended_process_is_dropped) {
    term child = esock::spawn([] {});
    BOOST_TEST_REQUIRE(wait_spawned_done());
    BOOST_TEST(esock::send(child, L("x")));
    BOOST_TEST(!esock::send(L("notapid"), L("x")));
}
