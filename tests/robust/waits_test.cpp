// Bounded waits at the edges: a blocked call that close must wake although
// no wake-up descriptor could be made for its process (the descriptor table
// was full), and timeouts so large that now() + timeout overflows the
// clock.
#define BOOST_TEST_MODULE robust_waits
#include <boost/test/unit_test.hpp>

#include <sys/resource.h>
#include <unistd.h>

#include <climits>
#include <vector>

#include "robust.hpp"

using namespace robust;
using esock::atom;
using esock::tuple;

namespace {

// Fills the descriptor table: the soft limit is lowered to just above the
// highest descriptor in use and every free number is taken, so that the
// next descriptor anyone asks for is EMFILE. Undone on destruction.
class full_descriptor_table {
  public:
    full_descriptor_table() {
        BOOST_TEST_REQUIRE(::getrlimit(RLIMIT_NOFILE, &saved_) == 0);
        const int highest = ::dup(0);
        BOOST_TEST_REQUIRE(highest >= 0);
        ::close(highest);
        rlimit lower = saved_;
        lower.rlim_cur = static_cast<rlim_t>(highest) + 64;
        BOOST_TEST_REQUIRE(::setrlimit(RLIMIT_NOFILE, &lower) == 0);
        for (;;) {
            const int fd = ::dup(0);
            if (fd < 0) break;
            fillers_.push_back(fd);
        }
    }
    ~full_descriptor_table() { release(); }
    full_descriptor_table(const full_descriptor_table&) = delete;
    full_descriptor_table& operator=(const full_descriptor_table&) = delete;

    void release() {
        for (const int fd : fillers_)
            ::close(fd);
        fillers_.clear();
        (void)::setrlimit(RLIMIT_NOFILE, &saved_);
    }

  private:
    rlimit saved_{};
    std::vector<int> fillers_;
};

// A message `pred` accepts within `ms`.
template <class F>
std::optional<term> wait_for(F&& pred, std::int64_t ms) {
    return esock::receive(std::forward<F>(pred), ms);
}

bool is_tagged(const term& m, const char* tag) {
    return m.is_tuple(2) && m.element(0)->is_atom(atom(tag));
}

}  // namespace

BOOST_AUTO_TEST_CASE(close_wakes_a_blocked_recv_whose_process_has_no_wake_fd) {
    tcp_pair p;
    make_tcp_pair(p);
    const term me = esock::self();
    const term server = p.server;
    {
        full_descriptor_table full;
        // A new process: its wake eventfd is made on its first wait, when
        // there is no descriptor left for it.
        (void)esock::spawn([me, server] {
            esock::send(me, tuple(atom("waiting"), esock::self()));
            esock::send(me, tuple(atom("returned"), so::recv(server, 0, at::infinity)));
        });
        BOOST_TEST_REQUIRE(
            wait_for([](const term& m) { return is_tagged(m, "waiting"); }, 10000).has_value());
        // Until the reader is the socket's waiting reader (bounded).
        for (int i = 0; i < 1000; ++i) {
            const term info = so::info(server);  // map_get points into it
            const term* n = info.map_get(atom("num_readers"));
            if (n != nullptr && *n == term(1)) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        BOOST_TEST(W(so::close(server)) == "ok");
        const auto r = wait_for([](const term& m) { return is_tagged(m, "returned"); }, 5000);
        full.release();
        if (!r) {
            // Unblock the reader so that the test ends: a byte from the peer.
            (void)so::send(p.client, esock::binary(std::string_view("x")));
            (void)wait_for([](const term& m) { return is_tagged(m, "returned"); }, 5000);
        }
        BOOST_TEST_REQUIRE(r.has_value(), "close did not wake the blocked recv");
        BOOST_TEST(W(*r->element(1)) == "{error,closed}");
    }
    BOOST_TEST(wait_spawned_done());
}

BOOST_AUTO_TEST_CASE(receive_with_the_largest_timeout_waits) {
    // esock::receive takes any int64 of milliseconds: the largest must wait
    // (as good as forever), not overflow the clock and return at once.
    const term me = esock::self();
    const term waiter = esock::spawn([me] {
        esock::send(me, tuple(atom("waiting"), esock::self()));
        const auto m =
            esock::receive([](const term& t) { return t.is_atom(atom("wake_up")); }, INT64_MAX);
        esock::send(me, tuple(atom("returned"), m ? *m : term(atom("nothing"))));
    });
    BOOST_TEST_REQUIRE(
        wait_for([](const term& m) { return is_tagged(m, "waiting"); }, 10000).has_value());
    // It must still wait a while later; a receive that returned at once
    // would have sent "returned" by now.
    BOOST_TEST(!wait_for([](const term& m) { return is_tagged(m, "returned"); }, 300).has_value());
    esock::send(waiter, atom("wake_up"));
    const auto r = wait_for([](const term& m) { return is_tagged(m, "returned"); }, 10000);
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(W(*r->element(1)) == "wake_up");
    BOOST_TEST(wait_spawned_done());
}

BOOST_AUTO_TEST_CASE(socket_calls_with_timeouts_past_erlangs_range_raise_timeout_value) {
    // OTP 25 computes the deadline and then waits in `receive ... after`,
    // which raises timeout_value for more than 2^32-1 ms (recorded in
    // tests/golden/otp25_api_int_ranges.txt). Nothing returns at once.
    const term huge = term(INT64_MAX);
    const term u = bound_udp();
    BOOST_TEST(W(raised([&] { return so::recv(u, 0, huge); }).value_or(term())) == "timeout_value");
    BOOST_TEST(W(raised([&] { return so::recvfrom(u, 0, huge); }).value_or(term())) ==
               "timeout_value");
    BOOST_TEST(W(raised([&] { return so::recvmsg(u, 0, 0, huge); }).value_or(term())) ==
               "timeout_value");
    (void)so::close(u);
    const term l = ok_value(so::open(at::inet, at::stream, at::tcp));
    BOOST_TEST_REQUIRE(so::bind(l, loopback()) == term(at::ok));
    BOOST_TEST_REQUIRE(so::listen(l) == term(at::ok));
    BOOST_TEST(W(raised([&] { return so::accept(l, huge); }).value_or(term())) == "timeout_value");
    (void)so::close(l);
}

BOOST_AUTO_TEST_CASE(a_timeout_past_the_clock_waits_for_data_that_comes) {
    // With the data there already, a call with a timeout past the clock
    // (2^63-1 ms) has no wait to make: it returns the data, as OTP does.
    const term u = bound_udp();
    const term addr = ok_value(so::sockname(u));
    BOOST_TEST(W(so::sendto(u, esock::binary(std::string_view("d")), addr)) == "ok");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    BOOST_TEST(W(so::recv(u, 0, term(INT64_MAX))) == "{ok,<<100>>}");
    (void)so::close(u);
}

BOOST_AUTO_TEST_CASE(a_send_that_must_wait_with_a_timeout_past_erlangs_range_raises) {
    // OTP 25 raises timeout_value from socket:send/3 with 2^63-1 ms once the
    // peer's window is full (its receive ... after, as for recv); a send
    // that overflowed now() + timeout would answer {error, timeout} at once.
    tcp_pair p;
    make_tcp_pair(p);
    const term big = esock::binary(std::string(1 << 20, 'x'));
    term r = so::send(p.client, big, at::nowait);
    for (int i = 0; i < 1000 && r == term(at::ok); ++i)
        r = so::send(p.client, big, at::nowait);
    BOOST_TEST_REQUIRE(r.is_tuple(2), "the send buffer never filled: " << W(r));
    BOOST_TEST_REQUIRE(r.element(0)->is_atom(at::select));
    const term& x = *r.element(1);
    BOOST_TEST(W(so::cancel(p.client, x.is_tuple(2) ? *x.element(0) : x)) == "ok");
    BOOST_TEST(W(raised([&] {
                     return so::send(p.client, big, term(INT64_MAX));
                 }).value_or(term())) == "timeout_value");
    (void)esock::flush();
}
