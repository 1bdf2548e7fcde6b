// SPDX-License-Identifier: Apache-2.0
// gen_tcp's active delivery under load and races (suite stress, run under
// ThreadSanitizer too): one process serving 10,000 active sockets with the
// threads it has with one, and sockets whose controlling process changes
// while data flows, with every packet delivered once, in order, and one
// tcp_closed after the last.
#define BOOST_TEST_MODULE stress_gen_tcp
#include <boost/test/unit_test.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <esock/gen_tcp.hpp>
#include <esock/process.hpp>

#include "helpers.hpp"

namespace {

using namespace gen_tcp_test;
using esock::atom;
using esock::term;
namespace at = esock::atoms;

constexpr std::size_t many = 10000;

// The accepted ends of `many` connections live in this process; their
// peers in a child process of its own.
boost::test_tools::assertion_result descriptors_available(
    boost::unit_test::test_unit_id /*unused*/) {
    const rlim_t want = many + 64;
    rlimit lim{};
    std::string why;
    if (::getrlimit(RLIMIT_NOFILE, &lim) != 0) {
        why = "getrlimit failed";
    } else if (lim.rlim_cur == RLIM_INFINITY || lim.rlim_cur >= want) {
        return true;
    } else if (lim.rlim_max != RLIM_INFINITY && lim.rlim_max < want) {
        why = "the hard descriptor limit is below " + std::to_string(want);
    } else {
        lim.rlim_cur = want;
        if (::setrlimit(RLIMIT_NOFILE, &lim) == 0) return true;
        why = "setrlimit to " + std::to_string(want) + " refused";
    }
    boost::test_tools::assertion_result r(false);
    r.message() << why;
    return r;
}

// The child: `many` connections to 127.0.0.1:port made with bare system
// calls (nothing after fork may start a thread), each sends its number,
// then all close when the parent writes a byte to `go`. Exits 0 when all
// went well.
[[noreturn]] void peers(std::uint16_t port, int go) {
    std::vector<int> fds;
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (std::size_t i = 0; i < many; ++i) {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0 || ::connect(fd, reinterpret_cast<const sockaddr*>(&to), sizeof to) != 0) {
            ::_exit(2);
        }
        const std::string n = std::to_string(i);
        if (::write(fd, n.data(), n.size()) != static_cast<ssize_t>(n.size())) ::_exit(3);
        fds.push_back(fd);
    }
    char b = 0;
    if (::read(go, &b, 1) != 1) ::_exit(4);
    for (const int fd : fds)
        ::close(fd);
    ::_exit(0);
}

std::size_t thread_count() {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator("/proc/self/task"))
        ++n;
    return n;
}

term tcp_of(const term& m) {
    return m.is_tuple() && m.tuple_elements().size() >= 2 ? *m.element(1) : term();
}

}  // namespace

BOOST_AUTO_TEST_CASE(ten_thousand_active_sockets_in_one_process,
                     *boost::unit_test::precondition(descriptors_available)) {
    const term l =
        ok_of(gt::listen(0, L("[{ip,{127,0,0,1}}, binary, {active,true}, {backlog,1024}]")));
    const auto port = static_cast<std::uint16_t>(*port_of(l).as_int());
    int go[2];
    BOOST_TEST_REQUIRE(::pipe(go) == 0);
    const std::size_t threads_before = thread_count();
    // What is buffered is written once, not once more by the child.
    std::cout.flush();
    std::fflush(nullptr);
    const pid_t child = ::fork();
    BOOST_TEST_REQUIRE(child >= 0);
    if (child == 0) peers(port, go[0]);
    ::close(go[0]);
    std::map<term, std::size_t> index;  // accepted socket -> its order
    std::vector<term> accepted;
    accepted.reserve(many);
    for (std::size_t i = 0; i < many; ++i) {
        accepted.push_back(ok_of(gt::accept(l, 10000)));
        index.emplace(accepted.back(), i);
    }
    // Each peer sends its number: one {tcp, A, Data} each, every number once.
    std::vector<int> numbers(many, 0);
    std::vector<int> per_socket(many, 0);
    for (std::size_t received = 0; received < many; ++received) {
        const auto m = esock::receive_any(20000);
        BOOST_TEST_REQUIRE(m.has_value(), "after " << received << " messages nothing more came");
        BOOST_TEST_REQUIRE((m->is_tuple(3) && m->element(0)->is_atom(atom("tcp"))),
                           esock::format_p(*m));
        const auto it = index.find(tcp_of(*m));
        BOOST_TEST_REQUIRE((it != index.end()));
        const std::size_t n = std::stoul(std::string(m->element(2)->binary_view()));
        BOOST_TEST_REQUIRE(n < many);
        ++numbers[n];
        ++per_socket[it->second];
    }
    BOOST_TEST(std::count(numbers.begin(), numbers.end(), 1) == static_cast<std::ptrdiff_t>(many));
    BOOST_TEST(std::count(per_socket.begin(), per_socket.end(), 1) ==
               static_cast<std::ptrdiff_t>(many));
    // No thread per socket: 10,000 active sockets, the threads of before.
    BOOST_TEST(thread_count() == threads_before);
    BOOST_TEST_REQUIRE(::write(go[1], "x", 1) == 1);
    std::vector<int> closed(many, 0);
    for (std::size_t n = 0; n < many; ++n) {
        const auto m = esock::receive_any(20000);
        BOOST_TEST_REQUIRE(m.has_value(), "after " << n << " tcp_closed nothing more came");
        BOOST_TEST_REQUIRE((m->is_tuple(2) && m->element(0)->is_atom(atom("tcp_closed"))),
                           esock::format_p(*m));
        ++closed[index.at(tcp_of(*m))];
    }
    BOOST_TEST(std::count(closed.begin(), closed.end(), 1) == static_cast<std::ptrdiff_t>(many));
    BOOST_TEST(!esock::receive_any(100).has_value());
    int status = 0;
    BOOST_TEST(::waitpid(child, &status, 0) == child);
    BOOST_TEST((WIFEXITED(status) && WEXITSTATUS(status) == 0), "the peers' process: " << status);
    ::close(go[1]);
    for (const term& a : accepted)
        (void)gt::close(a);
    (void)gt::close(l);
}

namespace {

// What the owners of one socket saw, in the order they saw it.
struct socket_log {
    std::mutex mu;
    std::vector<std::uint32_t> seq;
    int closed = 0;
    int other = 0;
    std::vector<term> odd;  // what else came, or a failed hand-over's answer
};

}  // namespace

// Sockets whose controlling process moves round a ring of processes while
// their peers send numbered packets: each owner takes a few messages of a
// socket, then hands it to the next. Every packet reaches exactly one owner,
// the owners see them in order, and tcp_closed comes once, after the last.
BOOST_AUTO_TEST_CASE(ownership_moves_while_data_flows) {
    constexpr int ring = 4;
    constexpr int pairs = 24;
    constexpr std::uint32_t packets = 1500;
    const term l =
        ok_of(gt::listen(0, L("[{ip,{127,0,0,1}}, binary, {active,false}, {packet,4}]")));
    const term p = port_of(l);
    std::vector<term> clients;
    std::vector<term> accepted;
    std::map<term, std::size_t> index;
    for (int i = 0; i < pairs; ++i) {
        clients.push_back(
            ok_of(gt::connect(L("{127,0,0,1}"), p, L("[binary,{active,false},{packet,4}]"), 5000)));
        accepted.push_back(ok_of(gt::accept(l, 5000)));
        index.emplace(accepted.back(), static_cast<std::size_t>(i));
    }
    std::vector<socket_log> logs(pairs);
    std::atomic<int> done{0};
    const term me = esock::self();
    // The ring's processes; each learns the next one's pid from a message.
    std::vector<term> pids;
    for (int k = 0; k < ring; ++k) {
        pids.push_back(esock::spawn([&, k] {
            const auto next_m = esock::receive(
                [](const term& t) { return t.is_tuple(2) && t.element(0)->is_atom(atom("next")); },
                10000);
            if (!next_m) return;
            const term next = *next_m->element(1);
            std::mt19937 rng(static_cast<unsigned>(k + 1));
            std::map<term, int> taken;  // socket -> messages since it came here
            for (;;) {
                const auto m = esock::receive_any(20000);
                if (!m) return;
                if (m->is_atom(atom("stop"))) return;
                const term s = tcp_of(*m);
                const auto it = index.find(s);
                if (it == index.end()) continue;
                socket_log& log = logs[it->second];
                const std::string_view tag =
                    m->element(0)->is_atom() ? m->element(0)->as_atom()->name() : "";
                {
                    std::lock_guard lk(log.mu);
                    if (tag == "tcp") {
                        const auto b = m->element(2)->binary_view();
                        log.seq.push_back(static_cast<std::uint32_t>(std::stoul(std::string(b))));
                    } else if (tag == "tcp_closed") {
                        ++log.closed;
                    } else if (tag == "tcp_passive") {
                        // {active, N} ran out: the owner gives it N more.
                    } else {
                        ++log.other;
                        log.odd.push_back(*m);
                    }
                }
                if (tag == "tcp_closed") {
                    if (done.fetch_add(1) + 1 == pairs) (void)esock::send(me, atom("all_closed"));
                    continue;
                }
                // The socket's active mode varies with its index.
                const std::size_t i = it->second;
                if (tag == "tcp_passive" || (tag == "tcp" && i % 3 == 1)) {
                    const term opt = i % 3 == 1 ? L("[{active,once}]") : L("[{active,3}]");
                    (void)in::setopts(s, opt);
                }
                if (tag == "tcp" && ++taken[s] >= static_cast<int>(rng() % 7 + 1)) {
                    taken.erase(s);
                    const term r = gt::controlling_process(s, next);
                    // {error, closed}: the peer's close has closed the socket
                    // (exit_on_close) and what it sent before waits here.
                    if (r != term(at::ok) && r != esock::tuple(at::error, at::closed)) {
                        std::lock_guard lk(log.mu);
                        ++log.other;
                        log.odd.push_back(r);
                    }
                }
            }
        }));
    }
    for (int k = 0; k < ring; ++k)
        (void)esock::send(pids[k], esock::tuple(atom("next"), pids[(k + 1) % ring]));
    // The sockets start with the ring's first process, in three active modes.
    for (int i = 0; i < pairs; ++i) {
        const term mode = i % 3 == 0   ? L("[{active,true}]")
                          : i % 3 == 1 ? L("[{active,once}]")
                                       : L("[{active,3}]");
        BOOST_TEST_REQUIRE(gt::controlling_process(accepted[i], pids[0]) == term(at::ok));
        BOOST_TEST_REQUIRE(in::setopts(accepted[i], mode) == term(at::ok));
    }
    for (std::uint32_t n = 0; n < packets; ++n) {
        for (int i = 0; i < pairs; ++i)
            BOOST_TEST_REQUIRE(gt::send(clients[i], esock::binary(std::to_string(n))) ==
                               term(at::ok));
    }
    for (const term& c : clients)
        (void)gt::close(c);
    const auto all =
        esock::receive([](const term& t) { return t.is_atom(atom("all_closed")); }, 60000);
    BOOST_TEST(all.has_value(), done.load() << " of " << pairs << " sockets saw tcp_closed");
    for (const term& pid : pids)
        (void)esock::send(pid, atom("stop"));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    for (int i = 0; i < pairs; ++i) {
        socket_log& log = logs[i];
        std::lock_guard lk(log.mu);
        BOOST_TEST(log.seq.size() == packets, "socket " << i);
        bool in_order = log.seq.size() == packets;
        for (std::size_t n = 0; in_order && n < log.seq.size(); ++n)
            in_order = log.seq[n] == n;
        BOOST_TEST(in_order, "socket " << i << ": packets lost, repeated or out of order");
        BOOST_TEST(log.closed == 1, "socket " << i);
        BOOST_TEST(log.other == 0,
                   "socket " << i << ": " << esock::format_p(esock::list_from(log.odd)));
    }
    for (const term& a : accepted)
        (void)gt::close(a);
    (void)gt::close(l);
}
