// SPDX-License-Identifier: Apache-2.0
// Socket runtime benchmark: esock's blocking and nowait calls against raw
// system calls, Boost.Asio and OTP 25's socket module on loopback TCP, all
// interleaved in one run (round-robin per round).
//
//   (a) ping-pong: 64-byte messages x 20000, client and server in two threads
//       (raw: blocking send/recv; Asio: sync read/write; OTP: blocking and
//       nowait calls, two processes; esock also as "esock busy-poll":
//       blocking calls with set_busy_poll, set against the peers' blocking
//       variant)
//   (b) bulk: 1 GiB sent in 64 KiB chunks, read with up to 64 KiB per recv
//   (c) many: 1000 connections x 20 ping-pongs, one thread (process) per side
//       driving every connection: the client connects non-blockingly (raw:
//       connect + epoll for writability; esock: connect(S, Addr, nowait) and
//       the select message; Asio: async_connect on one io_context per side;
//       OTP: as esock; the server accepts blocking, Asio with async_accept),
//       then every connection keeps a nowait recv pending
//       (raw: one epoll loop; Asio: async_read). Two figures: "c connect"
//       (until every connection is connected and accepted) and "c many" (the
//       ping-pongs after that).
//   (m) memory: the heap per connected socket with a nowait recv pending
//       (Asio: an async_read), at a quarter, half and all of (c)'s
//       connections (two sockets each), measured once with mallinfo2
//
// Usage: socket_bench [runs] [scale] [workloads] [variant]
//   runs       rounds, default 3; every round runs every variant once, and
//              bench/socket_bench.escript once after them when escript is on
//              PATH (the OTP variants; skipped with a message otherwise)
//   scale      0.001 to 10 (default 1) multiplies every workload's size; 10
//              is 10,000 connections for (c), fewer when RLIMIT_NOFILE (whose
//              soft limit is raised to the hard one at start) does not allow
//              two descriptors per connection: the clamp is printed
//   workloads  some of a, b, c, m (default abcm)
//   variant    keeps only the variants whose name contains it (for profiling
//              one; a ratio then needs its peer in the run too)
//
// Prints min/median/max seconds per variant, its rate, and its ratios
// against raw, Asio and OTP: medians of the per-round ratios, so that a
// drift of the machine during the run cancels. For (a) and (b) a ratio is
// this variant's rate over the peer's (above 1: faster), for (c) its time
// over the peer's (below 1: faster). esock blocking is set against the
// peers' blocking (sync) variant, esock nowait against their nowait (async)
// one where they have it and their only one otherwise.

#include <arpa/inet.h>
#include <malloc.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <latch>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <utility>  // before Asio 1.74, whose awaitable.hpp uses std::exchange without it
#include <vector>

#include <boost/asio.hpp>

#include <esock/process.hpp>
#include <esock/socket.hpp>
#include <esock/term_text.hpp>

#include "descriptors.hpp"
#include "escript_figures.hpp"
#include "workloads.hpp"

namespace so = esock::socket;
namespace asio = boost::asio;
using asio::ip::tcp;
using esock::term;
namespace at = esock::atoms;
using esock::bench::clock_type;

namespace {

using esock::bench::chunk;
using esock::bench::msg_size;
using esock::bench::seconds_since;
using esock::bench::sizes;

[[noreturn]] void die(const std::string& what) {
    esock::bench::die("socket_bench", what);
}

// ---- raw helpers --------------------------------------------------------------

struct raw_pair {
    int client;
    int server;
};

int raw_listener(sockaddr_in& addr) {
    int l = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    addr = {};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(l, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) die("bind");
    socklen_t len = sizeof addr;
    ::getsockname(l, reinterpret_cast<sockaddr*>(&addr), &len);
    if (::listen(l, 4096) != 0) die("listen");
    return l;
}

void nodelay(int fd) {
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

raw_pair raw_connect_pair() {
    sockaddr_in addr;
    int l = raw_listener(addr);
    int c = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (::connect(c, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) die("connect");
    int s = ::accept(l, nullptr, nullptr);
    ::close(l);
    nodelay(c);
    nodelay(s);
    return {c, s};
}

bool read_full(int fd, char* buf, std::size_t n) {
    std::size_t got = 0;
    while (got < n) {
        ssize_t r = ::recv(fd, buf + got, n - got, 0);
        if (r <= 0) return false;
        got += static_cast<std::size_t>(r);
    }
    return true;
}

// ---- esock helpers ----------------------------------------------------------------

term ok_or_die(const term& r, const char* what) {
    if (!r.is_tuple(2) || !r.element(0)->is_atom(at::ok))
        die(std::string(what) + ": " + esock::format_w(r));
    return *r.element(1);
}

struct esock_pair {
    term listener;
    term client;
    term server;
};

void esock_nodelay(const term& s) {
    // {tcp, nodelay} goes through the generated option tables when present;
    // fall back to the fd so that the benchmark does not depend on them.
    int fd = static_cast<int>(*ok_or_die(so::getopt(s, esock::lit("{otp,fd}")), "fd").as_int());
    nodelay(fd);
}

esock_pair esock_connect_pair() {
    term l = ok_or_die(so::open(at::inet, at::stream, at::tcp), "open");
    if (!(so::bind(l, at::loopback) == term(at::ok))) die("bind");
    if (!(so::listen(l, 4096) == term(at::ok))) die("listen");
    term addr = ok_or_die(so::sockname(l), "sockname");
    term c = ok_or_die(so::open(at::inet, at::stream, at::tcp), "open");
    if (!(so::connect(c, addr) == term(at::ok))) die("connect");
    term s = ok_or_die(so::accept(l), "accept");
    esock_nodelay(c);
    esock_nodelay(s);
    return {l, c, s};
}

// Waits for the select message of `r` ({select, SelectInfo} or with data).
void await_select(const term& sock, const term& r) {
    const term& x = *r.element(1);
    const term& si = x.is_tuple(2) ? *x.element(0) : x;
    const term handle = *si.element(2);
    auto m = esock::receive(
        [&](const term& t) {
            return t.is_tuple(4) && *t.element(3) == handle && *t.element(1) == sock;
        },
        30000);
    if (!m) die("no select message within 30 s");
}

// recv exactly n bytes with nowait calls.
term nowait_recv(const term& s, std::size_t n) {
    for (;;) {
        term r = so::recv(s, static_cast<std::int64_t>(n), at::nowait);
        if (r.element(0)->is_atom(at::ok)) return *r.element(1);
        if (!r.element(0)->is_atom(at::select)) die("recv: " + esock::format_w(r));
        if (r.element(1)->is_tuple(2)) die("partial 64-byte recv not expected");
        await_select(s, r);
    }
}

void nowait_send(const term& s, term data) {
    term r = so::send(s, data, at::nowait);
    while (!(r == term(at::ok))) {
        if (!r.element(0)->is_atom(at::select)) die("send: " + esock::format_w(r));
        const term& x = *r.element(1);
        if (x.is_tuple(2)) data = *x.element(1);
        const term si = x.is_tuple(2) ? *x.element(0) : x;
        await_select(s, r);
        r = so::send(s, data, si, at::nowait);
    }
}

// ---- (a) ping-pong --------------------------------------------------------------------

double pp_raw() {
    raw_pair p = raw_connect_pair();
    std::thread server([&] {
        char buf[msg_size];
        for (int i = 0; i < sizes.pingpongs; ++i) {
            if (!read_full(p.server, buf, msg_size)) die("raw server read");
            if (::send(p.server, buf, msg_size, MSG_NOSIGNAL) != static_cast<ssize_t>(msg_size))
                die("raw send");
        }
    });
    char buf[msg_size] = {};
    auto t0 = clock_type::now();
    for (int i = 0; i < sizes.pingpongs; ++i) {
        if (::send(p.client, buf, msg_size, MSG_NOSIGNAL) != static_cast<ssize_t>(msg_size))
            die("raw send");
        if (!read_full(p.client, buf, msg_size)) die("raw client read");
    }
    double t = seconds_since(t0);
    server.join();
    ::close(p.client);
    ::close(p.server);
    return t;
}

// How esock's ping-pong waits: blocking calls, nowait calls and select
// messages, or blocking calls with busy polling (set_busy_poll).
enum class pp_mode : std::uint8_t { blocking, nowait, busy_poll };

// The busy-poll variant's budget: longer than a loopback round trip, so
// that a reply normally comes while the waiter still spins.
constexpr auto busy_poll_budget = std::chrono::microseconds(200);

double pp_esock(pp_mode mode) {
    const bool nowait = mode == pp_mode::nowait;
    if (mode == pp_mode::busy_poll) esock::set_busy_poll(busy_poll_budget);
    esock_pair p = esock_connect_pair();
    const term msg = esock::binary(std::string(msg_size, 'p'));
    std::thread server([&] {
        if (mode == pp_mode::busy_poll) esock::set_busy_poll(busy_poll_budget);
        for (int i = 0; i < sizes.pingpongs; ++i) {
            term d =
                nowait ? nowait_recv(p.server, msg_size)
                       : ok_or_die(so::recv(p.server, static_cast<std::int64_t>(msg_size)), "recv");
            if (nowait) {
                nowait_send(p.server, d);
            } else if (!(so::send(p.server, d) == term(at::ok))) {
                die("send");
            }
        }
    });
    auto t0 = clock_type::now();
    for (int i = 0; i < sizes.pingpongs; ++i) {
        if (nowait) {
            nowait_send(p.client, msg);
            (void)nowait_recv(p.client, msg_size);
        } else {
            if (!(so::send(p.client, msg) == term(at::ok))) die("send");
            (void)ok_or_die(so::recv(p.client, static_cast<std::int64_t>(msg_size)), "recv");
        }
    }
    double t = seconds_since(t0);
    server.join();
    (void)so::close(p.client);
    (void)so::close(p.server);
    (void)so::close(p.listener);
    esock::set_busy_poll(std::chrono::microseconds(0));
    return t;
}

// ---- (b) bulk ---------------------------------------------------------------------------

double bulk_raw() {
    raw_pair p = raw_connect_pair();
    auto t0 = clock_type::now();
    std::thread sender([&] {
        std::vector<char> buf(chunk, 'b');
        for (std::size_t sent = 0; sent < sizes.bulk_bytes; sent += chunk) {
            std::size_t off = 0;
            while (off < chunk) {
                ssize_t n = ::send(p.client, buf.data() + off, chunk - off, MSG_NOSIGNAL);
                if (n <= 0) die("raw bulk send");
                off += static_cast<std::size_t>(n);
            }
        }
    });
    std::vector<char> buf(chunk);
    std::size_t got = 0;
    while (got < sizes.bulk_bytes) {
        ssize_t n = ::recv(p.server, buf.data(), chunk, 0);
        if (n <= 0) die("raw bulk recv");
        got += static_cast<std::size_t>(n);
    }
    double t = seconds_since(t0);
    sender.join();
    ::close(p.client);
    ::close(p.server);
    return t;
}

double bulk_esock(bool nowait) {
    esock_pair p = esock_connect_pair();
    // Read up to 64 KiB per length-0 recv, like the raw reader.
    if (!(so::setopt(p.server, esock::lit("{otp,rcvbuf}"), static_cast<std::int64_t>(chunk)) ==
          term(at::ok))) {
        die("setopt rcvbuf");
    }
    const term data = esock::binary(std::string(chunk, 'b'));
    auto t0 = clock_type::now();
    std::thread sender([&] {
        for (std::size_t sent = 0; sent < sizes.bulk_bytes; sent += chunk) {
            if (nowait) {
                nowait_send(p.client, data);
            } else if (!(so::send(p.client, data) == term(at::ok))) {
                die("bulk send");
            }
        }
    });
    std::size_t got = 0;
    while (got < sizes.bulk_bytes) {
        term r = so::recv(p.server, 0, nowait ? term(at::nowait) : term(at::infinity));
        if (r.element(0)->is_atom(at::select)) {
            await_select(p.server, r);
            continue;
        }
        got += ok_or_die(r, "bulk recv").binary_bytes().size();
    }
    double t = seconds_since(t0);
    sender.join();
    (void)so::close(p.client);
    (void)so::close(p.server);
    (void)so::close(p.listener);
    return t;
}

// ---- Asio, sync: (a) and (b) -------------------------------------------------------

// A connected pair of blocking Asio sockets; sync calls on them are the
// plain system calls Asio wraps (it only goes non-blocking for async ones).
struct asio_pair {
    asio::io_context ctx{1};
    tcp::socket client{ctx};
    tcp::socket server{ctx};

    asio_pair() {
        tcp::acceptor acceptor(ctx, tcp::endpoint(asio::ip::address_v4::loopback(), 0));
        client.connect(acceptor.local_endpoint());
        acceptor.accept(server);
        client.set_option(tcp::no_delay(true));
        server.set_option(tcp::no_delay(true));
    }
};

double pp_asio() {
    asio_pair p;
    std::thread server([&] {
        try {
            std::array<char, msg_size> buf{};
            for (int i = 0; i < sizes.pingpongs; ++i) {
                asio::read(p.server, asio::buffer(buf));
                asio::write(p.server, asio::buffer(buf));
            }
        } catch (const std::exception& e) {
            die(std::string("asio server: ") + e.what());
        }
    });
    std::array<char, msg_size> buf{};
    auto t0 = clock_type::now();
    for (int i = 0; i < sizes.pingpongs; ++i) {
        asio::write(p.client, asio::buffer(buf));
        asio::read(p.client, asio::buffer(buf));
    }
    double t = seconds_since(t0);
    server.join();
    return t;
}

double bulk_asio() {
    asio_pair p;
    auto t0 = clock_type::now();
    std::thread sender([&] {
        try {
            std::vector<char> buf(chunk, 'b');
            for (std::size_t sent = 0; sent < sizes.bulk_bytes; sent += chunk)
                asio::write(p.client, asio::buffer(buf));
        } catch (const std::exception& e) {
            die(std::string("asio bulk send: ") + e.what());
        }
    });
    std::vector<char> buf(chunk);
    std::size_t got = 0;
    while (got < sizes.bulk_bytes)
        got += p.server.read_some(asio::buffer(buf));
    double t = seconds_since(t0);
    sender.join();
    return t;
}

// ---- (c) many connections ---------------------------------------------------------

// Both phases of (c), in seconds: connect (every connection connected on the
// client and accepted on the server), then the ping-pongs.
struct many_times {
    double connect;
    double pingpong;
};

many_times many_raw() {
    sockaddr_in addr;
    int l = raw_listener(addr);
    // The ping-pongs start once the server has accepted everything, so that
    // the two phases are timed apart.
    std::latch accepted(1);
    auto t0 = clock_type::now();
    std::thread server([&] {
        int ep = ::epoll_create1(EPOLL_CLOEXEC);
        std::vector<int> fds;
        std::vector<int> rounds(static_cast<std::size_t>(sizes.conns), 0);
        for (int i = 0; i < sizes.conns; ++i) {
            int s = ::accept4(l, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (s < 0) die("raw accept");
            nodelay(s);
            epoll_event ev{};
            ev.events = EPOLLIN;
            ev.data.u64 = static_cast<std::uint64_t>(i);
            ::epoll_ctl(ep, EPOLL_CTL_ADD, s, &ev);
            fds.push_back(s);
        }
        accepted.count_down();
        int done = 0;
        epoll_event evs[256];
        char buf[msg_size];
        while (done < sizes.conns) {
            int n = ::epoll_wait(ep, evs, 256, 30000);
            if (n <= 0) die("raw many server stalled");
            for (int k = 0; k < n; ++k) {
                const auto i = static_cast<std::size_t>(evs[k].data.u64);
                ssize_t r = ::recv(fds[i], buf, msg_size, 0);
                if (r <= 0) continue;
                (void)::send(fds[i], buf, static_cast<std::size_t>(r), MSG_NOSIGNAL);
                if (++rounds[i] == sizes.rounds) ++done;
            }
        }
        for (int s : fds)
            ::close(s);
        ::close(ep);
    });
    int ep = ::epoll_create1(EPOLL_CLOEXEC);
    std::vector<int> fds;
    std::vector<int> rounds(static_cast<std::size_t>(sizes.conns), 0);
    epoll_event evs[256];
    // Non-blocking connects, each completed when epoll says it is writable.
    for (int i = 0; i < sizes.conns; ++i) {
        int c = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (c < 0) die("raw many socket");
        if (::connect(c, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 &&
            errno != EINPROGRESS) {
            die(std::string("raw many connect: ") + std::strerror(errno));
        }
        epoll_event ev{};
        ev.events = EPOLLOUT;
        ev.data.u64 = static_cast<std::uint64_t>(i);
        ::epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev);
        fds.push_back(c);
    }
    for (int pending = sizes.conns; pending > 0;) {
        int n = ::epoll_wait(ep, evs, 256, 30000);
        if (n <= 0) die("raw many connect stalled");
        for (int k = 0; k < n; ++k) {
            const int c = fds[static_cast<std::size_t>(evs[k].data.u64)];
            int err = 0;
            socklen_t len = sizeof err;
            ::getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len);
            if (err != 0) die(std::string("raw many connect: ") + std::strerror(err));
            nodelay(c);
            epoll_event ev{};
            ev.events = EPOLLIN;
            ev.data.u64 = evs[k].data.u64;
            ::epoll_ctl(ep, EPOLL_CTL_MOD, c, &ev);
            --pending;
        }
    }
    accepted.wait();
    const auto t1 = clock_type::now();
    char msg[msg_size] = {};
    for (int c : fds)
        (void)::send(c, msg, msg_size, MSG_NOSIGNAL);
    int done = 0;
    char buf[msg_size];
    while (done < sizes.conns) {
        int n = ::epoll_wait(ep, evs, 256, 30000);
        if (n <= 0) die("raw many client stalled");
        for (int k = 0; k < n; ++k) {
            const auto i = static_cast<std::size_t>(evs[k].data.u64);
            ssize_t r = ::recv(fds[i], buf, msg_size, 0);
            if (r <= 0) continue;
            if (++rounds[i] == sizes.rounds) {
                ++done;
            } else {
                (void)::send(fds[i], msg, msg_size, MSG_NOSIGNAL);
            }
        }
    }
    const many_times t{std::chrono::duration<double>(t1 - t0).count(), seconds_since(t1)};
    server.join();
    for (int c : fds)
        ::close(c);
    ::close(ep);
    ::close(l);
    return t;
}

// One side of (c) with esock nowait calls: every connection keeps a nowait
// recv pending; a select message says which one to read.
struct nowait_side {
    std::vector<term> socks;
    std::unordered_map<std::uint64_t, std::size_t> index;  // socket ref number -> slot
    std::vector<int> rounds;

    void add(const term& s) {
        index.emplace(s.element(1)->ref_number(), socks.size());
        socks.push_back(s);
        rounds.push_back(0);
    }
    // The slot of the socket a select message is about.
    std::size_t slot(const term& msg) const {
        return index.at(msg.element(1)->element(1)->ref_number());
    }
    // Returns data or an empty term when the recv is now pending.
    std::optional<term> try_recv(std::size_t i) {
        // A connection that has finished may already be closed by the peer.
        if (rounds[i] >= sizes.rounds) return std::nullopt;
        term r = so::recv(socks[i], static_cast<std::int64_t>(msg_size), at::nowait);
        if (r.element(0)->is_atom(at::ok)) return *r.element(1);
        if (!r.element(0)->is_atom(at::select) || r.element(1)->is_tuple(2))
            die("many recv: " + esock::format_w(r));
        return std::nullopt;
    }
    // Runs until every connection has done sizes.rounds; on_data replies.
    void run(const std::function<bool(std::size_t, const term&)>& on_data) {
        int done = 0;
        for (std::size_t i = 0; i < socks.size(); ++i) {
            while (auto d = try_recv(i)) {
                if (on_data(i, *d)) ++done;
            }
        }
        while (done < static_cast<int>(socks.size())) {
            auto m = esock::receive_any(30000);
            if (!m) die("many: stalled");
            if (!is_select_message(*m)) continue;
            const std::size_t i = slot(*m);
            while (auto d = try_recv(i)) {
                if (on_data(i, *d)) ++done;
            }
        }
    }
    static bool is_select_message(const term& m) {
        return m.is_tuple(4) && m.element(2)->is_atom(at::select);
    }
};

many_times many_esock() {
    term l = ok_or_die(so::open(at::inet, at::stream, at::tcp), "open");
    if (!(so::bind(l, at::loopback) == term(at::ok)) || !(so::listen(l, 4096) == term(at::ok)))
        die("listen");
    term addr = ok_or_die(so::sockname(l), "sockname");
    const term msg = esock::binary(std::string(msg_size, 'm'));
    std::latch accepted(1);
    auto t0 = clock_type::now();
    std::thread server([&] {
        nowait_side side;
        for (int i = 0; i < sizes.conns; ++i) {
            term s = ok_or_die(so::accept(l), "accept");
            esock_nodelay(s);
            side.add(s);
        }
        accepted.count_down();
        side.run([&](std::size_t i, const term& d) {
            if (!(so::send(side.socks[i], d, at::nowait) == term(at::ok))) die("many server send");
            return ++side.rounds[i] == sizes.rounds;
        });
        for (auto& s : side.socks)
            (void)so::close(s);
    });
    nowait_side side;
    // Nowait connects: ok at once, or {select, SelectInfo} and later the
    // select message, after which connect/1 completes the connect.
    int pending = 0;
    for (int i = 0; i < sizes.conns; ++i) {
        term c = ok_or_die(so::open(at::inet, at::stream, at::tcp), "open");
        const term r = so::connect(c, addr, at::nowait);
        if (r == term(at::ok)) {
            esock_nodelay(c);
        } else if (r.is_tuple(2) && r.element(0)->is_atom(at::select)) {
            ++pending;
        } else {
            die("many connect: " + esock::format_w(r));
        }
        side.add(c);
    }
    while (pending > 0) {
        auto m = esock::receive_any(30000);
        if (!m) die("many connect: stalled");
        if (!nowait_side::is_select_message(*m)) continue;
        const term& c = side.socks[side.slot(*m)];
        const term r = so::connect(c);
        if (!(r == term(at::ok))) die("many connect: " + esock::format_w(r));
        esock_nodelay(c);
        --pending;
    }
    accepted.wait();
    const auto t1 = clock_type::now();
    for (auto& c : side.socks) {
        if (!(so::send(c, msg, at::nowait) == term(at::ok))) die("many send");
    }
    side.run([&](std::size_t i, const term&) {
        if (++side.rounds[i] == sizes.rounds) return true;
        if (!(so::send(side.socks[i], msg, at::nowait) == term(at::ok))) die("many send");
        return false;
    });
    const many_times t{std::chrono::duration<double>(t1 - t0).count(), seconds_since(t1)};
    server.join();
    for (auto& c : side.socks)
        (void)so::close(c);
    (void)so::close(l);
    return t;
}

// (c) with async Asio: one io_context per side, each run by its side's one
// thread, as esock has one process per side.
struct asio_conn {
    explicit asio_conn(tcp::socket s) : sock(std::move(s)) {}
    tcp::socket sock;
    std::array<char, msg_size> buf{};
    int rounds = 0;
};

void asio_check(const boost::system::error_code& ec, const char* what) {
    if (ec) die(std::string(what) + ": " + ec.message());
}

many_times many_asio() {
    asio::io_context server_ctx{1};
    asio::io_context client_ctx{1};
    tcp::acceptor acceptor(server_ctx, tcp::endpoint(asio::ip::address_v4::loopback(), 0));
    const tcp::endpoint endpoint = acceptor.local_endpoint();
    std::latch accepted(1);
    auto t0 = clock_type::now();
    std::thread server([&] {
        std::vector<std::unique_ptr<asio_conn>> conns;
        conns.reserve(static_cast<std::size_t>(sizes.conns));
        std::function<void(asio_conn&)> echo = [&](asio_conn& c) {
            asio::async_read(c.sock, asio::buffer(c.buf), [&](auto ec, std::size_t) {
                asio_check(ec, "asio many server read");
                asio::async_write(c.sock, asio::buffer(c.buf), [&](auto ec2, std::size_t) {
                    asio_check(ec2, "asio many server write");
                    if (++c.rounds < sizes.rounds) echo(c);
                });
            });
        };
        std::function<void()> accept_next = [&] {
            acceptor.async_accept([&](auto ec, tcp::socket s) {
                asio_check(ec, "asio many accept");
                s.set_option(tcp::no_delay(true));
                conns.push_back(std::make_unique<asio_conn>(std::move(s)));
                echo(*conns.back());
                if (conns.size() == static_cast<std::size_t>(sizes.conns)) {
                    accepted.count_down();
                } else {
                    accept_next();
                }
            });
        };
        accept_next();
        server_ctx.run();
    });
    std::vector<std::unique_ptr<asio_conn>> conns;
    conns.reserve(static_cast<std::size_t>(sizes.conns));
    for (int i = 0; i < sizes.conns; ++i) {
        conns.push_back(std::make_unique<asio_conn>(tcp::socket(client_ctx)));
        asio_conn& c = *conns.back();
        c.sock.async_connect(endpoint, [&c](auto ec) {
            asio_check(ec, "asio many connect");
            c.sock.set_option(tcp::no_delay(true));
        });
    }
    client_ctx.run();  // returns when every connect has completed
    accepted.wait();
    const auto t1 = clock_type::now();
    client_ctx.restart();
    const std::array<char, msg_size> msg{};
    std::function<void(asio_conn&)> ping = [&](asio_conn& c) {
        asio::async_write(c.sock, asio::buffer(msg), [&](auto ec, std::size_t) {
            asio_check(ec, "asio many write");
            asio::async_read(c.sock, asio::buffer(c.buf), [&](auto ec2, std::size_t) {
                asio_check(ec2, "asio many read");
                if (++c.rounds < sizes.rounds) ping(c);
            });
        });
    };
    for (auto& c : conns)
        ping(*c);
    client_ctx.run();
    const many_times t{std::chrono::duration<double>(t1 - t0).count(), seconds_since(t1)};
    server.join();
    return t;
}

// ---- (m) memory per socket ------------------------------------------------------------------

// Bytes malloc has handed out and not had back (its heap and its mappings).
std::size_t heap_in_use() {
    const auto m = ::mallinfo2();
    return m.uordblks + m.hblkhd;
}

// The connection counts memory is measured at: a quarter, half and all of
// (c)'s, so that a cost per socket that grows with the count shows.
std::vector<int> memory_steps() {
    return {std::max(1, sizes.conns / 4), std::max(1, sizes.conns / 2), sizes.conns};
}

// Heap per socket with esock, at each of memory_steps() connected pairs
// (opened cumulatively), each of the sockets with a nowait recv pending:
// what a server holding that many idle connections pays, the vector of
// socket terms included. Runs before any other workload: records are kept
// for reuse, and one another workload left would not be counted.
std::vector<double> memory_esock() {
    const std::size_t before = heap_in_use();
    term l = ok_or_die(so::open(at::inet, at::stream, at::tcp), "open");
    if (!(so::bind(l, at::loopback) == term(at::ok)) || !(so::listen(l, 4096) == term(at::ok)))
        die("listen");
    const term addr = ok_or_die(so::sockname(l), "sockname");
    std::vector<term> socks;
    socks.reserve(2 * static_cast<std::size_t>(sizes.conns));
    std::vector<double> per_socket;
    for (const int n : memory_steps()) {
        const std::size_t from = socks.size();
        while (socks.size() < 2 * static_cast<std::size_t>(n)) {
            term c = ok_or_die(so::open(at::inet, at::stream, at::tcp), "open");
            if (!(so::connect(c, addr) == term(at::ok))) die("memory connect");
            socks.push_back(c);
            socks.push_back(ok_or_die(so::accept(l), "accept"));
        }
        for (std::size_t i = from; i < socks.size(); ++i) {
            const term r = so::recv(socks[i], static_cast<std::int64_t>(msg_size), at::nowait);
            if (!r.is_tuple(2) || !r.element(0)->is_atom(at::select))
                die("memory recv: " + esock::format_w(r));
        }
        per_socket.push_back(static_cast<double>(heap_in_use() - before) /
                             static_cast<double>(socks.size()));
    }
    for (const term& s : socks)
        (void)so::close(s);
    (void)so::close(l);
    // Each close sent its pending recv's abort message here.
    for (std::size_t i = 0; i <= socks.size() && esock::receive_any(0); ++i) {
    }
    return per_socket;
}

// The same with Asio: sockets on one io_context, each with an async_read
// pending into its own 64-byte buffer.
std::vector<double> memory_asio() {
    const std::size_t before = heap_in_use();
    std::vector<double> per_socket;
    asio::io_context ctx{1};
    tcp::acceptor acceptor(ctx, tcp::endpoint(asio::ip::address_v4::loopback(), 0));
    std::vector<std::unique_ptr<asio_conn>> socks;
    socks.reserve(2 * static_cast<std::size_t>(sizes.conns));
    for (const int n : memory_steps()) {
        const std::size_t from = socks.size();
        while (socks.size() < 2 * static_cast<std::size_t>(n)) {
            socks.push_back(std::make_unique<asio_conn>(tcp::socket(ctx)));
            socks.back()->sock.connect(acceptor.local_endpoint());
            socks.push_back(std::make_unique<asio_conn>(acceptor.accept()));
        }
        for (std::size_t i = from; i < socks.size(); ++i)
            asio::async_read(socks[i]->sock, asio::buffer(socks[i]->buf), [](auto, std::size_t) {});
        per_socket.push_back(static_cast<double>(heap_in_use() - before) /
                             static_cast<double>(socks.size()));
    }
    for (auto& c : socks)
        c->sock.close();
    ctx.run();  // the aborted reads' handlers
    return per_socket;
}

// ---- driver -------------------------------------------------------------------------------

enum class peer { raw, esock, asio, otp };

// One figure line: a variant's times on one workload, one per round (NaN
// for a round that has none, e.g. when the escript failed).
struct row {
    std::string workload;  // starts with the letter that picks it: a, b, c
    std::string variant;
    peer family;
    bool nowait;           // nowait or async; false: blocking or sync
    std::string otp_name;  // the escript's NAME for the figure (OTP rows)
    std::vector<double> times;
};

constexpr std::size_t no_row = static_cast<std::size_t>(-1);

// A C++ variant: run() returns one time per figure, in the order of rows
// (no_row for a figure the variant filter dropped).
struct contender {
    std::vector<std::size_t> rows;
    std::function<std::vector<double>()> run;
};

struct figure_def {
    const char* workload;
    const char* variant;
    peer family;
    bool nowait;
    const char* otp_name = "";
};

std::vector<double> finite(const std::vector<double>& v) {
    std::vector<double> out;
    std::copy_if(v.begin(), v.end(), std::back_inserter(out),
                 [](double x) { return std::isfinite(x); });
    std::sort(out.begin(), out.end());
    return out;
}

double median(const std::vector<double>& v) {
    const std::vector<double> f = finite(v);
    return f.empty() ? std::nan("") : f[f.size() / 2];
}

// The row `r` is compared with in family `f`: the same workload and mode,
// else the family's first row on that workload; nullptr when none ran.
const row* peer_row(const std::vector<row>& rows, const row& r, peer f) {
    const row* first = nullptr;
    for (const row& p : rows) {
        if (p.workload != r.workload || p.family != f) continue;
        if (p.nowait == r.nowait) return &p;
        if (first == nullptr) first = &p;
    }
    return first;
}

// Median of the per-round ratios of r against p: rate ratio for (a) and
// (b), time ratio for (c); NaN when no round has both.
double ratio(const row& r, const row& p) {
    std::vector<double> per_round;
    for (std::size_t i = 0; i < r.times.size() && i < p.times.size(); ++i) {
        if (!std::isfinite(r.times[i]) || !std::isfinite(p.times[i])) continue;
        per_round.push_back(r.workload[0] == 'c' ? r.times[i] / p.times[i]
                                                 : p.times[i] / r.times[i]);
    }
    return median(per_round);
}

std::string ratio_text(const std::vector<row>& rows, const row& r, peer f) {
    if (r.family == f) return "";
    const row* p = peer_row(rows, r, f);
    const double x = p == nullptr ? std::nan("") : ratio(r, *p);
    if (!std::isfinite(x)) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", x);
    return buf;
}

std::string rate_text(const row& r, double med) {
    char buf[64];
    if (!std::isfinite(med)) return "-";
    if (r.workload[0] == 'a') {
        std::snprintf(buf, sizeof buf, "%.0f RT/s", sizes.pingpongs / med);
    } else if (r.workload[0] == 'b') {
        std::snprintf(buf, sizeof buf, "%.0f MB/s",
                      static_cast<double>(sizes.bulk_bytes) / 1e6 / med);
    } else if (r.workload == "c connect") {
        std::snprintf(buf, sizeof buf, "%.0f conn/s", sizes.conns / med);
    } else {
        std::snprintf(buf, sizeof buf, "%.0f RT/s", sizes.conns * sizes.rounds / med);
    }
    return buf;
}

// Raises the descriptor limit as far as allowed and returns how many
// connections (c) may open: two descriptors each in this process (client
// and server side), and as many in the escript's VM, which inherits the
// limit; a few are kept for everything else.
int max_conns() {
    constexpr rlim_t reserve = 64;
    constexpr rlim_t cap = 10000;
    const rlim_t limit = esock::bench::raise_descriptor_limit(2 * cap + reserve);
    if (limit <= reserve) return 1;
    if (limit == RLIM_INFINITY || limit / 2 > cap + reserve) return static_cast<int>(cap);
    return std::max(1, static_cast<int>((limit - reserve) / 2));
}

template <class F>
std::vector<double> guarded(const char* what, F&& f) {
    try {
        return f();
    } catch (const std::exception& e) {
        die(std::string(what) + ": " + e.what());
    }
}

}  // namespace

int main(int argc, char** argv) {
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
    if (argc > 2) {
        const double scale = std::clamp(std::atof(argv[2]), 0.001, 10.0);
        sizes.pingpongs = std::max(1, static_cast<int>(sizes.pingpongs * scale));
        sizes.bulk_bytes = std::max(
            chunk, static_cast<std::size_t>(static_cast<double>(sizes.bulk_bytes) * scale) / chunk *
                       chunk);
        sizes.conns = std::max(1, static_cast<int>(sizes.conns * scale));
    }
    std::string clamp_note;
    if (const int most = max_conns(); sizes.conns > most) {
        clamp_note = "many: " + std::to_string(sizes.conns) + " connections clamped to " +
                     std::to_string(most) + " by RLIMIT_NOFILE (two descriptors each)";
        sizes.conns = most;
    }
    const std::string picked = argc > 3 ? argv[3] : "abcm";
    const std::string variant_filter = argc > 4 ? argv[4] : "";

    std::vector<row> rows;
    const auto wanted = [&](const figure_def& d) {
        return picked.find(d.workload[0]) != std::string::npos &&
               std::string(d.variant).find(variant_filter) != std::string::npos;
    };
    const auto add_row = [&](const figure_def& d) {
        rows.push_back({d.workload, d.variant, d.family, d.nowait, d.otp_name, {}});
        return rows.size() - 1;
    };
    std::vector<contender> cs;
    const auto add = [&](std::vector<figure_def> defs, std::function<std::vector<double>()> run) {
        contender c{{}, std::move(run)};
        bool any = false;
        for (const figure_def& d : defs) {
            const bool w = wanted(d);
            c.rows.push_back(w ? add_row(d) : no_row);
            any = any || w;
        }
        if (any) cs.push_back(std::move(c));
    };
    using P = peer;
    const auto one = [](auto f) { return [f] { return std::vector<double>{f()}; }; };
    const auto two = [](auto f) {
        return [f] {
            const many_times t = f();
            return std::vector<double>{t.connect, t.pingpong};
        };
    };
    add({{"a pingpong", "raw", P::raw, false}}, one(pp_raw));
    add({{"a pingpong", "esock blocking", P::esock, false}},
        one([] { return pp_esock(pp_mode::blocking); }));
    add({{"a pingpong", "esock nowait", P::esock, true}},
        one([] { return pp_esock(pp_mode::nowait); }));
    add({{"a pingpong", "esock busy-poll", P::esock, false}},
        one([] { return pp_esock(pp_mode::busy_poll); }));
    add({{"a pingpong", "asio sync", P::asio, false}}, one(pp_asio));
    add({{"b bulk", "raw", P::raw, false}}, one(bulk_raw));
    add({{"b bulk", "esock blocking", P::esock, false}}, one([] { return bulk_esock(false); }));
    add({{"b bulk", "esock nowait", P::esock, true}}, one([] { return bulk_esock(true); }));
    add({{"b bulk", "asio sync", P::asio, false}}, one(bulk_asio));
    add({{"c connect", "raw epoll", P::raw, true}, {"c many", "raw epoll", P::raw, true}},
        two(many_raw));
    add({{"c connect", "esock nowait", P::esock, true}, {"c many", "esock nowait", P::esock, true}},
        two(many_esock));
    add({{"c connect", "asio async", P::asio, true}, {"c many", "asio async", P::asio, true}},
        two(many_asio));
    // The OTP variants: bench/socket_bench.escript runs them all in one go.
    const std::vector<figure_def> otp_defs = {
        {"a pingpong", "otp blocking", P::otp, false, "pingpong_blocking"},
        {"a pingpong", "otp nowait", P::otp, true, "pingpong_nowait"},
        {"b bulk", "otp blocking", P::otp, false, "bulk_blocking"},
        {"b bulk", "otp nowait", P::otp, true, "bulk_nowait"},
        {"c connect", "otp nowait", P::otp, true, "many_connect"},
        {"c many", "otp nowait", P::otp, true, "many_pingpong"},
    };
    std::string otp_note;
    std::vector<std::size_t> otp_rows;
    if (std::any_of(otp_defs.begin(), otp_defs.end(), wanted)) {
        if (esock::bench::have_escript()) {
            for (const figure_def& d : otp_defs) {
                if (wanted(d)) otp_rows.push_back(add_row(d));
            }
            otp_note = "OTP: bench/socket_bench.escript (OTP's socket module), once per round";
        } else {
            otp_note = "OTP: escript not on PATH, no OTP figures";
        }
    }
    const bool memory = picked.find('m') != std::string::npos;
    if (rows.empty() && !memory) die("no workload picked (use a, b, c and/or m)");
    if (!otp_note.empty()) std::fprintf(stderr, "%s\n", otp_note.c_str());
    if (!clamp_note.empty()) std::fprintf(stderr, "%s\n", clamp_note.c_str());

    // Heap is not noisy: measured once, first (memory_esock says why).
    struct {
        std::vector<double> esock, asio;
    } memory_figures;
    if (memory) {
        memory_figures.esock = guarded("socket_bench", memory_esock);
        memory_figures.asio = guarded("socket_bench", memory_asio);
    }

    std::string otp_args;
    for (char w : std::string("abc")) {
        if (picked.find(w) != std::string::npos) otp_args += w;
    }
    otp_args += " " + std::to_string(sizes.pingpongs) + " " + std::to_string(sizes.bulk_bytes) +
                " " + std::to_string(sizes.conns) + " " + std::to_string(sizes.rounds);

    for (int r = 0; r < runs; ++r) {
        for (auto& c : cs) {
            const std::vector<double> t = guarded("socket_bench", c.run);
            for (std::size_t k = 0; k < c.rows.size(); ++k) {
                if (c.rows[k] == no_row) continue;
                row& rw = rows[c.rows[k]];
                rw.times.push_back(t[k]);
                std::fprintf(stderr, "run %d %-10s %-15s %.3f s\n", r + 1, rw.workload.c_str(),
                             rw.variant.c_str(), t[k]);
            }
        }
        if (otp_rows.empty()) continue;
        const auto figures = esock::bench::escript_figures("socket_bench.escript", otp_args);
        for (std::size_t i : otp_rows) {
            row& rw = rows[i];
            const auto f = figures.find(rw.otp_name);
            rw.times.push_back(f == figures.end() ? std::nan("") : f->second.seconds);
            if (f == figures.end()) {
                std::fprintf(stderr, "run %d %-10s %-15s no figure from the escript\n", r + 1,
                             rw.workload.c_str(), rw.variant.c_str());
            } else {
                std::fprintf(stderr, "run %d %-10s %-15s %.3f s\n", r + 1, rw.workload.c_str(),
                             rw.variant.c_str(), rw.times.back());
            }
        }
    }

    std::printf(
        "%d runs, interleaved; pingpong %d x %zu B, bulk %zu MiB in %zu KiB sends, many %d conns x "
        "%d\n",
        runs, sizes.pingpongs, msg_size, sizes.bulk_bytes >> 20, chunk >> 10, sizes.conns,
        sizes.rounds);
    if (!clamp_note.empty()) std::printf("%s\n", clamp_note.c_str());
    if (!otp_note.empty()) std::printf("%s\n", otp_note.c_str());
    std::printf(
        "ratios: medians of per-round ratios; a, b: rate / peer's rate (above 1: faster); c: time "
        "/ peer's time (below 1: faster)\n");
    if (!rows.empty())
        std::printf("%-11s %-15s %9s %9s %9s %15s %8s %8s %8s\n", "workload", "variant", "min s",
                    "median s", "max s", "rate (median)", "vs raw", "vs Asio", "vs OTP");
    // Grouped by workload (the OTP rows were added last), in the order added.
    std::vector<const row*> order;
    for (const char* w : {"a pingpong", "b bulk", "c connect", "c many"}) {
        for (const row& rw : rows) {
            if (rw.workload == w) order.push_back(&rw);
        }
    }
    for (const row* rp : order) {
        const row& rw = *rp;
        const std::vector<double> f = finite(rw.times);
        const double med = median(rw.times);
        const double lo = f.empty() ? std::nan("") : f.front();
        const double hi = f.empty() ? std::nan("") : f.back();
        char line[256];
        std::snprintf(line, sizeof line, "%-11s %-15s %9.3f %9.3f %9.3f %15s %8s %8s %8s",
                      rw.workload.c_str(), rw.variant.c_str(), lo, med, hi,
                      rate_text(rw, med).c_str(), ratio_text(rows, rw, peer::raw).c_str(),
                      ratio_text(rows, rw, peer::asio).c_str(),
                      ratio_text(rows, rw, peer::otp).c_str());
        // The empty column against a row's own kind leaves no trailing blanks.
        std::string text = line;
        text.erase(text.find_last_not_of(' ') + 1);
        std::printf("%s\n", text.c_str());
    }
    if (memory) {
        // "added": the heap of the sockets this step added over theirs, the
        // cost of one more socket once the fixed costs are paid.
        std::printf("%-11s %-15s %9s %13s %13s %8s\n", "workload", "variant", "sockets", "B/socket",
                    "B/added", "vs Asio");
        const std::vector<int> steps = memory_steps();
        for (const auto& [name, per_socket, other] :
             {std::tuple{"esock nowait", &memory_figures.esock, &memory_figures.asio},
              std::tuple{"asio async", &memory_figures.asio, &memory_figures.esock}}) {
            for (std::size_t i = 0; i < steps.size(); ++i) {
                const double n = 2.0 * steps[i];
                const double prev_n = i == 0 ? 0.0 : 2.0 * steps[i - 1];
                const double prev = i == 0 ? 0.0 : (*per_socket)[i - 1] * prev_n;
                const double added = ((*per_socket)[i] * n - prev) / (n - prev_n);
                std::string vs;
                if (per_socket == &memory_figures.esock) {
                    char buf[32];
                    std::snprintf(buf, sizeof buf, "%.2f", (*per_socket)[i] / (*other)[i]);
                    vs = buf;
                }
                std::printf("%-11s %-15s %9.0f %13.0f %13.0f %8s\n", "m memory", name, n,
                            (*per_socket)[i], added, vs.c_str());
            }
        }
    }
    return 0;
}
