// SPDX-License-Identifier: Apache-2.0
// A long-lived process that leaves a socket, in each way it can, keeps no
// trace of it once the socket is closed: no exit key (what its end would
// visit). Before, an owner that handed a socket over, a cancelled monitor,
// a queued waiter that gave up and a poller registration another process
// took over each left a key behind for ever, and a server process that
// accepts and hands over connections grew by one key per connection.
#define BOOST_TEST_MODULE robust_keys
#include <boost/test/unit_test.hpp>

#include <functional>

#include "process/internal.hpp"
#include "robust.hpp"

using namespace robust;  // NOLINT(google-build-using-namespace)
using esock::atom;
using esock::tuple;

namespace {

std::size_t my_keys() {
    return esock::process_internal::exit_key_count(esock::self_process_ref());
}

bool is_select(const term& r) {
    return r.is_tuple(2) && r.element(0)->is_atom(at::select);
}

// A process that owns a bound UDP socket until told to close it: the
// socket and the owner's pid.
struct owned_socket {
    term sock;
    term owner;
};

owned_socket spawn_owner() {
    const term me = esock::self();
    const term pid = esock::spawn([me] {
        // No test assertions off the test's thread: the main one checks
        // what it gets.
        const term opened = so::open(at::inet, at::dgram, at::udp);
        const term u = opened.is_tuple(2) ? *opened.element(1) : opened;
        (void)so::bind(u, loopback());
        esock::send(me, tuple(atom("socket"), u));
        (void)esock::receive([](const term& m) { return m.is_atom(atom("close")); }, 10000);
        (void)so::close(u);
        esock::send(me, atom("closed"));
    });
    const auto m = esock::receive(
        [](const term& t) { return t.is_tuple(2) && t.element(0)->is_atom(atom("socket")); }, 5000);
    BOOST_TEST_REQUIRE(m.has_value());
    (void)ok_value(so::sockname(*m->element(1)));  // a bound socket
    return {*m->element(1), pid};
}

void close_owned(const owned_socket& o) {
    esock::send(o.owner, atom("close"));
    BOOST_TEST_REQUIRE(
        esock::receive([](const term& m) { return m.is_atom(atom("closed")); }, 5000).has_value());
    BOOST_TEST(wait_spawned_done(5000));
}

// Runs `leave` (which takes a part in a socket another process owns and
// leaves it again); after the owner closed it, this process holds as many
// keys as before.
void leaves_no_key(const std::function<void(const term&)>& leave) {
    const std::size_t before = my_keys();
    const owned_socket o = spawn_owner();
    leave(o.sock);
    close_owned(o);
    BOOST_TEST(my_keys() == before);
}

}  // namespace

BOOST_AUTO_TEST_CASE(an_owner_that_handed_its_socket_over_keeps_no_key) {
    const std::size_t before = my_keys();
    for (int i = 0; i < 3; ++i) {
        const term u = bound_udp();
        const term me = esock::self();
        const term pid = esock::spawn([me] {
            (void)esock::receive([](const term& m) { return m.is_atom(atom("yours")); }, 5000);
            esock::send(me, atom("ending"));  // and its end closes the socket
        });
        BOOST_TEST_REQUIRE(so::setopt(u, L("{otp,controlling_process}"), pid) == term(at::ok));
        esock::send(pid, atom("yours"));
        BOOST_TEST_REQUIRE(
            esock::receive([](const term& m) { return m.is_atom(atom("ending")); }, 5000)
                .has_value());
        BOOST_TEST(wait_spawned_done(5000));
    }
    BOOST_TEST(my_keys() == before);
}

BOOST_AUTO_TEST_CASE(a_cancelled_monitor_keeps_no_key) {
    leaves_no_key([](const term& s) {
        const term ref = so::monitor(s);
        BOOST_TEST(so::cancel_monitor(ref) == L("true"));
    });
}

BOOST_AUTO_TEST_CASE(a_queued_waiter_that_gave_up_keeps_no_key) {
    leaves_no_key([](const term& s) {
        // Another process is the current reader; this one queues behind it.
        const term me = esock::self();
        const term reader = esock::spawn([me, s] {
            const term r = so::recv(s, 0, at::nowait);
            esock::send(me, atom("reading"));
            (void)esock::receive([](const term& m) { return m.is_atom(atom("stop")); }, 5000);
            if (is_select(r)) (void)so::cancel(s, *r.element(1));
        });
        BOOST_TEST_REQUIRE(
            esock::receive([](const term& m) { return m.is_atom(atom("reading")); }, 5000)
                .has_value());
        const term r = so::recv(s, 0, at::nowait);
        BOOST_TEST_REQUIRE(is_select(r), W(r));
        BOOST_TEST(so::cancel(s, *r.element(1)) == term(at::ok));
        esock::send(reader, atom("stop"));
    });
}

BOOST_AUTO_TEST_CASE(a_registration_another_process_took_over_keeps_no_key) {
    leaves_no_key([](const term& s) {
        // This process's poller watches the socket after its wait ...
        const term r = so::recv(s, 0, at::nowait);
        BOOST_TEST_REQUIRE(is_select(r), W(r));
        BOOST_TEST(so::cancel(s, *r.element(1)) == term(at::ok));
        // ... until another process waits to read it.
        const term me = esock::self();
        (void)esock::spawn([me, s] {
            const term r2 = so::recv(s, 0, at::nowait);
            if (is_select(r2)) (void)so::cancel(s, *r2.element(1));
            esock::send(me, atom("done"));
        });
        BOOST_TEST_REQUIRE(
            esock::receive([](const term& m) { return m.is_atom(atom("done")); }, 5000)
                .has_value());
    });
}

BOOST_AUTO_TEST_CASE(a_timed_out_recv_keeps_no_key) {
    leaves_no_key([](const term& s) {
        const term r = so::recv(s, 0, 20);
        BOOST_TEST(W(r) == "{error,timeout}");
    });
}
