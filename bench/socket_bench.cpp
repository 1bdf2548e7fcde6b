// SPDX-License-Identifier: Apache-2.0
// Socket runtime benchmark: esock's blocking and nowait calls against raw
// system calls on loopback TCP, interleaved in one run.
//
//   (a) ping-pong: 64-byte messages x 20000, client and server in two threads
//   (b) bulk: 1 GiB sent in 64 KiB chunks
//   (c) many: 1000 connections x 20 ping-pongs, one process (thread) per side
//       driving every connection with nowait calls (raw: one epoll loop)
//
// Usage: socket_bench [runs] [scale] [workloads] [variant]; runs defaults to
// 3, scale (0 < s <= 1) shrinks every workload for a quick look, workloads
// picks some of a, b, c (default abc) and variant keeps only the variants
// whose name contains it (for profiling one; the ratio then needs raw).
// Prints min/median/max per variant and the ratio of medians against raw.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <esock/process.hpp>
#include <esock/socket.hpp>
#include <esock/term_text.hpp>

namespace so = esock::socket;
using esock::term;
namespace at = esock::atoms;
using clock_type = std::chrono::steady_clock;

namespace {

int g_pingpongs = 20000;
std::size_t g_bulk_bytes = std::size_t{1} << 30;
int g_conns = 1000;
int g_rounds = 20;
constexpr std::size_t msg_size = 64;
constexpr std::size_t chunk = 64 * 1024;

[[noreturn]] void die(const std::string& what) {
    std::fprintf(stderr, "socket_bench: %s\n", what.c_str());
    std::exit(1);
}

double seconds_since(clock_type::time_point t0) {
    return std::chrono::duration<double>(clock_type::now() - t0).count();
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
        for (int i = 0; i < g_pingpongs; ++i) {
            if (!read_full(p.server, buf, msg_size)) die("raw server read");
            if (::send(p.server, buf, msg_size, MSG_NOSIGNAL) != static_cast<ssize_t>(msg_size))
                die("raw send");
        }
    });
    char buf[msg_size] = {};
    auto t0 = clock_type::now();
    for (int i = 0; i < g_pingpongs; ++i) {
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

double pp_esock(bool nowait) {
    esock_pair p = esock_connect_pair();
    const term msg = esock::binary(std::string(msg_size, 'p'));
    std::thread server([&] {
        for (int i = 0; i < g_pingpongs; ++i) {
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
    for (int i = 0; i < g_pingpongs; ++i) {
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
    return t;
}

// ---- (b) bulk ---------------------------------------------------------------------------

double bulk_raw() {
    raw_pair p = raw_connect_pair();
    auto t0 = clock_type::now();
    std::thread sender([&] {
        std::vector<char> buf(chunk, 'b');
        for (std::size_t sent = 0; sent < g_bulk_bytes; sent += chunk) {
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
    while (got < g_bulk_bytes) {
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
        for (std::size_t sent = 0; sent < g_bulk_bytes; sent += chunk) {
            if (nowait) {
                nowait_send(p.client, data);
            } else if (!(so::send(p.client, data) == term(at::ok))) {
                die("bulk send");
            }
        }
    });
    std::size_t got = 0;
    while (got < g_bulk_bytes) {
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

// ---- (c) many connections ---------------------------------------------------------

double many_raw() {
    sockaddr_in addr;
    int l = raw_listener(addr);
    auto t0 = clock_type::now();
    std::thread server([&] {
        int ep = ::epoll_create1(EPOLL_CLOEXEC);
        std::vector<int> fds;
        std::vector<int> rounds(static_cast<std::size_t>(g_conns), 0);
        for (int i = 0; i < g_conns; ++i) {
            int s = ::accept4(l, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (s < 0) die("raw accept");
            nodelay(s);
            epoll_event ev{};
            ev.events = EPOLLIN;
            ev.data.u64 = static_cast<std::uint64_t>(i);
            ::epoll_ctl(ep, EPOLL_CTL_ADD, s, &ev);
            fds.push_back(s);
        }
        int done = 0;
        epoll_event evs[256];
        char buf[msg_size];
        while (done < g_conns) {
            int n = ::epoll_wait(ep, evs, 256, 30000);
            if (n <= 0) die("raw many server stalled");
            for (int k = 0; k < n; ++k) {
                const auto i = static_cast<std::size_t>(evs[k].data.u64);
                ssize_t r = ::recv(fds[i], buf, msg_size, 0);
                if (r <= 0) continue;
                (void)::send(fds[i], buf, static_cast<std::size_t>(r), MSG_NOSIGNAL);
                if (++rounds[i] == g_rounds) ++done;
            }
        }
        for (int s : fds)
            ::close(s);
        ::close(ep);
    });
    int ep = ::epoll_create1(EPOLL_CLOEXEC);
    std::vector<int> fds;
    std::vector<int> rounds(static_cast<std::size_t>(g_conns), 0);
    char msg[msg_size] = {};
    for (int i = 0; i < g_conns; ++i) {
        int c = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (::connect(c, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
            die("raw many connect");
        nodelay(c);
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.u64 = static_cast<std::uint64_t>(i);
        ::epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev);
        fds.push_back(c);
    }
    for (int c : fds)
        (void)::send(c, msg, msg_size, MSG_NOSIGNAL);
    int done = 0;
    epoll_event evs[256];
    char buf[msg_size];
    while (done < g_conns) {
        int n = ::epoll_wait(ep, evs, 256, 30000);
        if (n <= 0) die("raw many client stalled");
        for (int k = 0; k < n; ++k) {
            const auto i = static_cast<std::size_t>(evs[k].data.u64);
            ssize_t r = ::recv(fds[i], buf, msg_size, MSG_DONTWAIT);
            if (r <= 0) continue;
            if (++rounds[i] == g_rounds) {
                ++done;
            } else {
                (void)::send(fds[i], msg, msg_size, MSG_NOSIGNAL);
            }
        }
    }
    double t = seconds_since(t0);
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
    // Returns data or an empty term when the recv is now pending.
    std::optional<term> try_recv(std::size_t i) {
        // A connection that has finished may already be closed by the peer.
        if (rounds[i] >= g_rounds) return std::nullopt;
        term r = so::recv(socks[i], static_cast<std::int64_t>(msg_size), at::nowait);
        if (r.element(0)->is_atom(at::ok)) return *r.element(1);
        if (!r.element(0)->is_atom(at::select) || r.element(1)->is_tuple(2))
            die("many recv: " + esock::format_w(r));
        return std::nullopt;
    }
    // Runs until every connection has done g_rounds; on_data replies.
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
            if (!m->is_tuple(4) || !m->element(2)->is_atom(at::select)) continue;
            const std::size_t i = index.at(m->element(1)->element(1)->ref_number());
            while (auto d = try_recv(i)) {
                if (on_data(i, *d)) ++done;
            }
        }
    }
};

double many_esock() {
    term l = ok_or_die(so::open(at::inet, at::stream, at::tcp), "open");
    if (!(so::bind(l, at::loopback) == term(at::ok)) || !(so::listen(l, 4096) == term(at::ok)))
        die("listen");
    term addr = ok_or_die(so::sockname(l), "sockname");
    const term msg = esock::binary(std::string(msg_size, 'm'));
    auto t0 = clock_type::now();
    std::thread server([&] {
        nowait_side side;
        for (int i = 0; i < g_conns; ++i) {
            term s = ok_or_die(so::accept(l), "accept");
            esock_nodelay(s);
            side.add(s);
        }
        side.run([&](std::size_t i, const term& d) {
            if (!(so::send(side.socks[i], d, at::nowait) == term(at::ok))) die("many server send");
            return ++side.rounds[i] == g_rounds;
        });
        for (auto& s : side.socks)
            (void)so::close(s);
    });
    nowait_side side;
    for (int i = 0; i < g_conns; ++i) {
        term c = ok_or_die(so::open(at::inet, at::stream, at::tcp), "open");
        if (!(so::connect(c, addr) == term(at::ok))) die("many connect");
        esock_nodelay(c);
        side.add(c);
    }
    for (auto& c : side.socks) {
        if (!(so::send(c, msg, at::nowait) == term(at::ok))) die("many send");
    }
    side.run([&](std::size_t i, const term&) {
        if (++side.rounds[i] == g_rounds) return true;
        if (!(so::send(side.socks[i], msg, at::nowait) == term(at::ok))) die("many send");
        return false;
    });
    double t = seconds_since(t0);
    server.join();
    for (auto& c : side.socks)
        (void)so::close(c);
    (void)so::close(l);
    return t;
}

// ---- driver -------------------------------------------------------------------------------

struct variant {
    std::string workload;
    std::string name;
    std::function<double()> run;
    std::vector<double> times;
};

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
    if (argc > 2) {
        const double scale = std::clamp(std::atof(argv[2]), 0.001, 1.0);
        g_pingpongs = std::max(1, static_cast<int>(g_pingpongs * scale));
        g_bulk_bytes =
            std::max(chunk, static_cast<std::size_t>(static_cast<double>(g_bulk_bytes) * scale) /
                                chunk * chunk);
        g_conns = std::max(1, static_cast<int>(g_conns * scale));
    }
    const std::string picked = argc > 3 ? argv[3] : "abc";
    std::vector<variant> vs = {
        {"a pingpong", "raw", pp_raw, {}},
        {"a pingpong", "esock blocking", [] { return pp_esock(false); }, {}},
        {"a pingpong", "esock nowait", [] { return pp_esock(true); }, {}},
        {"b bulk", "raw", bulk_raw, {}},
        {"b bulk", "esock blocking", [] { return bulk_esock(false); }, {}},
        {"b bulk", "esock nowait", [] { return bulk_esock(true); }, {}},
        {"c many", "raw epoll", many_raw, {}},
        {"c many", "esock nowait", many_esock, {}},
    };
    const std::string variant_filter = argc > 4 ? argv[4] : "";
    std::erase_if(vs, [&](const variant& v) {
        return picked.find(v.workload[0]) == std::string::npos ||
               v.name.find(variant_filter) == std::string::npos;
    });
    if (vs.empty()) die("no workload picked (use a, b and/or c)");
    for (int r = 0; r < runs; ++r) {
        for (auto& v : vs) {
            v.times.push_back(v.run());
            std::fprintf(stderr, "run %d %-10s %-15s %.3f s\n", r + 1, v.workload.c_str(),
                         v.name.c_str(), v.times.back());
        }
    }
    std::printf(
        "%d runs, interleaved; pingpong %d x %zu B, bulk %zu MiB in %zu KiB sends, many %d conns x "
        "%d\n",
        runs, g_pingpongs, msg_size, g_bulk_bytes >> 20, chunk >> 10, g_conns, g_rounds);
    std::printf("%-11s %-15s %9s %9s %9s %14s %10s\n", "workload", "variant", "min s", "median s",
                "max s", "rate (median)", "vs raw");
    std::map<std::string, double> raw_median;
    for (auto& v : vs) {
        if (v.name.rfind("raw", 0) == 0) raw_median[v.workload] = median(v.times);
    }
    for (auto& v : vs) {
        const double med = median(v.times);
        std::string rate;
        char buf[64];
        if (v.workload[0] == 'a') {
            std::snprintf(buf, sizeof buf, "%.0f RT/s", g_pingpongs / med);
        } else if (v.workload[0] == 'b') {
            std::snprintf(buf, sizeof buf, "%.0f MB/s",
                          static_cast<double>(g_bulk_bytes) / 1e6 / med);
        } else {
            std::snprintf(buf, sizeof buf, "%.0f RT/s", g_conns * g_rounds / med);
        }
        rate = buf;
        // a, b: throughput ratio esock/raw; c: time ratio esock/raw.
        const auto raw = raw_median.find(v.workload);
        const double base = raw == raw_median.end() ? 0.0 : raw->second;  // 0: raw not run
        const double ratio = v.workload[0] == 'c' ? med / base : base / med;
        std::printf("%-11s %-15s %9.3f %9.3f %9.3f %14s %9.2f%s\n", v.workload.c_str(),
                    v.name.c_str(), *std::min_element(v.times.begin(), v.times.end()), med,
                    *std::max_element(v.times.begin(), v.times.end()), rate.c_str(), ratio,
                    v.workload[0] == 'c' ? "x time" : "x rate");
    }
    return 0;
}
