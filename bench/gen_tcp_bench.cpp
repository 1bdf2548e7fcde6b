// SPDX-License-Identifier: Apache-2.0
// gen_tcp benchmark: esock's gen_tcp in three modes against raw system calls
// and against OTP 25's gen_tcp (both backends, bench/gen_tcp_bench.escript),
// on loopback TCP, the workloads of bench/socket_bench:
//
//   (a) ping-pong: 64-byte messages x 20000, client and server processes
//   (b) bulk: 1 GiB sent in 64 KiB chunks
//   (c) many: 1000 connections x 20 ping-pongs, one process per side going
//       round every connection
//
// Modes: passive (recv), once ({active, once} and {tcp, S, Data}
// messages), packet4 ({packet, 4}, passive recv of whole packets).
//
// Usage: gen_tcp_bench [runs] [scale] [workloads] [variant]; runs defaults
// to 3, scale (0 < s <= 1) shrinks every workload, workloads picks some of
// a, b, c (default abc), variant keeps the esock modes whose name contains
// it (for profiling one) and leaves OTP out. esock and raw are interleaved run by run; OTP runs
// once per backend afterwards (skipped without escript). Prints the median
// per variant and its ratio against raw (time) and OTP (speed).

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <esock/gen_tcp.hpp>
#include <esock/process.hpp>
#include <esock/term_text.hpp>

#include "escript_figures.hpp"
#include "workloads.hpp"

namespace gt = esock::gen_tcp;
using esock::term;
namespace at = esock::atoms;
using esock::bench::clock_type;

namespace {

using esock::bench::chunk;
using esock::bench::msg_size;
using esock::bench::seconds_since;
using esock::bench::sizes;

[[noreturn]] void die(const std::string& what) {
    esock::bench::die("gen_tcp_bench", what);
}

// ---- raw ------------------------------------------------------------------------

int raw_listener(sockaddr_in& addr) {
    const int l = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
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

int raw_connect(const sockaddr_in& addr) {
    const int c = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (::connect(c, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) die("connect");
    nodelay(c);
    return c;
}

bool read_full(int fd, char* buf, std::size_t n) {
    std::size_t got = 0;
    while (got < n) {
        const ssize_t r = ::recv(fd, buf + got, n - got, 0);
        if (r <= 0) return false;
        got += static_cast<std::size_t>(r);
    }
    return true;
}

void send_full(int fd, const char* buf, std::size_t n) {
    if (::send(fd, buf, n, MSG_NOSIGNAL) != static_cast<ssize_t>(n)) die("raw send");
}

double raw_pingpong() {
    sockaddr_in addr;
    const int l = raw_listener(addr);
    std::thread server([&] {
        const int s = ::accept(l, nullptr, nullptr);
        nodelay(s);
        char buf[msg_size];
        for (int i = 0; i < sizes.pingpongs; ++i) {
            if (!read_full(s, buf, msg_size)) die("raw server read");
            send_full(s, buf, msg_size);
        }
        ::close(s);
    });
    const int c = raw_connect(addr);
    char buf[msg_size] = {};
    const auto t0 = clock_type::now();
    for (int i = 0; i < sizes.pingpongs; ++i) {
        send_full(c, buf, msg_size);
        if (!read_full(c, buf, msg_size)) die("raw client read");
    }
    const double t = seconds_since(t0);
    server.join();
    ::close(c);
    ::close(l);
    return t;
}

double raw_bulk() {
    sockaddr_in addr;
    const int l = raw_listener(addr);
    std::thread server([&] {
        const int s = ::accept(l, nullptr, nullptr);
        std::vector<char> buf(chunk);
        std::size_t left = sizes.bulk_bytes;
        while (left > 0) {
            const ssize_t r = ::recv(s, buf.data(), buf.size(), 0);
            if (r <= 0) die("raw bulk read");
            left -= std::min(left, static_cast<std::size_t>(r));
        }
        ::close(s);
    });
    const int c = raw_connect(addr);
    const std::vector<char> buf(chunk, 'b');
    const auto t0 = clock_type::now();
    for (std::size_t sent = 0; sent < sizes.bulk_bytes; sent += chunk)
        send_full(c, buf.data(), chunk);
    server.join();
    const double t = seconds_since(t0);
    ::close(c);
    ::close(l);
    return t;
}

double raw_many() {
    sockaddr_in addr;
    const int l = raw_listener(addr);
    std::vector<int> cs;
    std::thread server([&] {
        std::vector<int> as;
        for (int i = 0; i < sizes.conns; ++i) {
            as.push_back(::accept(l, nullptr, nullptr));
            nodelay(as.back());
        }
        char buf[msg_size];
        for (int r = 0; r < sizes.rounds; ++r) {
            for (const int a : as) {
                if (!read_full(a, buf, msg_size)) die("raw many read");
                send_full(a, buf, msg_size);
            }
        }
        for (const int a : as)
            ::close(a);
    });
    for (int i = 0; i < sizes.conns; ++i)
        cs.push_back(raw_connect(addr));
    char buf[msg_size] = {};
    const auto t0 = clock_type::now();
    for (int r = 0; r < sizes.rounds; ++r) {
        for (const int c : cs)
            send_full(c, buf, msg_size);
        for (const int c : cs) {
            if (!read_full(c, buf, msg_size)) die("raw many read");
        }
    }
    const double t = seconds_since(t0);
    server.join();
    for (const int c : cs)
        ::close(c);
    ::close(l);
    return t;
}

// ---- gen_tcp ------------------------------------------------------------------------

enum class mode { passive, once, packet4 };

term ok_or_die(const term& r, const char* what) {
    if (!r.is_tuple(2) || !r.element(0)->is_atom(at::ok)) {
        die(std::string(what) + ": " + esock::format_w(r));
    }
    return *r.element(1);
}

term opts(mode m, const char* extra) {
    std::string text = "[binary, {active, false}, {nodelay, true}";
    if (m == mode::packet4) text += ", {packet, 4}";
    text += extra;
    return esock::lit(text + "]");
}

void check_ok(const term& r, const char* what) {
    if (!(r == term(at::ok))) die(std::string(what) + ": " + esock::format_w(r));
}

// One message of `size` bytes (a packet in packet4), in mode `m`.
term get(const term& s, mode m, std::size_t size) {
    switch (m) {
        case mode::passive:
            return ok_or_die(gt::recv(s, static_cast<std::int64_t>(size)), "recv");
        case mode::packet4:
            return ok_or_die(gt::recv(s, 0), "recv");
        case mode::once:
            break;
    }
    std::size_t got = 0;
    term last;
    while (got < size) {
        check_ok(esock::inet::setopts(s, esock::lit("[{active, once}]")), "setopts");
        const auto msg = esock::receive(
            [&](const term& t) { return t.is_tuple(3) && *t.element(1) == s; }, 10000);
        if (!msg) die("no {tcp, S, Data} within 10 s");
        last = *msg->element(2);
        got += last.binary_view().size();
    }
    return last;
}

struct listening {
    term l;
    term port;
};

listening listen(mode m, const char* extra) {
    const term l = ok_or_die(gt::listen(0, esock::lit("[{ip, {127,0,0,1}}, {backlog, 1024}, " +
                                                      esock::format_w(opts(m, extra)).substr(1))),
                             "listen");
    return {l, ok_or_die(esock::inet::port(l), "port")};
}

term connect(const listening& ln, mode m, const char* extra) {
    return ok_or_die(gt::connect(esock::lit("{127,0,0,1}"), ln.port, opts(m, extra)), "connect");
}

void await_done() {
    if (!esock::receive([](const term& t) { return t.is_atom(esock::atom("done")); }, 120000)) {
        die("the server process did not finish");
    }
}

double gt_pingpong(mode m) {
    const listening ln = listen(m, "");
    const term me = esock::self();
    (void)esock::spawn([&, me] {
        const term a = ok_or_die(gt::accept(ln.l), "accept");
        for (int i = 0; i < sizes.pingpongs; ++i)
            check_ok(gt::send(a, get(a, m, msg_size)), "send");
        (void)gt::close(a);
        (void)esock::send(me, esock::atom("done"));
    });
    const term c = connect(ln, m, "");
    const term msg = esock::binary(std::string(msg_size, 'p'));
    const auto t0 = clock_type::now();
    for (int i = 0; i < sizes.pingpongs; ++i) {
        check_ok(gt::send(c, msg), "send");
        (void)get(c, m, msg_size);
    }
    const double t = seconds_since(t0);
    await_done();
    (void)gt::close(c);
    (void)gt::close(ln.l);
    return t;
}

double gt_bulk(mode m) {
    const listening ln = listen(m, ", {buffer, 65536}, {recbuf, 1048576}");
    const term me = esock::self();
    (void)esock::spawn([&, me] {
        const term a = ok_or_die(gt::accept(ln.l), "accept");
        std::size_t left = sizes.bulk_bytes;
        while (left > 0) {
            const term d = m == mode::once ? get(a, m, 1) : ok_or_die(gt::recv(a, 0), "recv");
            left -= std::min(left, d.binary_view().size());
        }
        (void)gt::close(a);
        (void)esock::send(me, esock::atom("done"));
    });
    const term c = connect(ln, m, ", {sndbuf, 1048576}");
    const term data = esock::binary(std::string(chunk, 'b'));
    const auto t0 = clock_type::now();
    for (std::size_t sent = 0; sent < sizes.bulk_bytes; sent += chunk)
        check_ok(gt::send(c, data), "send");
    await_done();
    const double t = seconds_since(t0);
    (void)gt::close(c);
    (void)gt::close(ln.l);
    return t;
}

double gt_many(mode m) {
    const listening ln = listen(m, "");
    const term me = esock::self();
    (void)esock::spawn([&, me] {
        std::vector<term> as;
        for (int i = 0; i < sizes.conns; ++i)
            as.push_back(ok_or_die(gt::accept(ln.l), "accept"));
        (void)esock::send(me, esock::atom("accepted"));
        for (int r = 0; r < sizes.rounds; ++r) {
            for (const term& a : as)
                check_ok(gt::send(a, get(a, m, msg_size)), "send");
        }
        for (const term& a : as)
            (void)gt::close(a);
        (void)esock::send(me, esock::atom("done"));
    });
    std::vector<term> cs;
    for (int i = 0; i < sizes.conns; ++i)
        cs.push_back(connect(ln, m, ""));
    if (!esock::receive([](const term& t) { return t.is_atom(esock::atom("accepted")); }, 60000)) {
        die("accepting took over 60 s");
    }
    const term msg = esock::binary(std::string(msg_size, 'm'));
    const auto t0 = clock_type::now();
    for (int r = 0; r < sizes.rounds; ++r) {
        for (const term& c : cs)
            check_ok(gt::send(c, msg), "send");
        for (const term& c : cs)
            (void)get(c, m, msg_size);
    }
    const double t = seconds_since(t0);
    await_done();
    for (const term& c : cs)
        (void)gt::close(c);
    (void)gt::close(ln.l);
    return t;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

const char* mode_name(mode m) {
    return m == mode::passive ? "passive" : m == mode::once ? "once" : "packet4";
}

}  // namespace

int main(int argc, char** argv) {
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
    const double scale = argc > 2 ? std::clamp(std::atof(argv[2]), 0.001, 1.0) : 1.0;
    sizes.pingpongs = std::max(1, static_cast<int>(sizes.pingpongs * scale));
    sizes.bulk_bytes =
        std::max(chunk, static_cast<std::size_t>(static_cast<double>(sizes.bulk_bytes) * scale) /
                            chunk * chunk);
    sizes.conns = std::max(1, static_cast<int>(sizes.conns * scale));
    const std::map<std::string, double> units = {
        {"pingpong", sizes.pingpongs},
        {"bulk", static_cast<double>(sizes.bulk_bytes)},
        {"many", static_cast<double>(sizes.conns) * sizes.rounds}};
    struct workload {
        const char* name;
        std::function<double()> raw;
        std::function<double(mode)> esock;
    };
    const std::vector<workload> workloads = {{"pingpong", raw_pingpong, gt_pingpong},
                                             {"bulk", raw_bulk, gt_bulk},
                                             {"many", raw_many, gt_many}};
    const std::string picked = argc > 3 ? argv[3] : "abc";
    const std::string only = argc > 4 ? argv[4] : "";
    const mode all_modes[] = {mode::passive, mode::once, mode::packet4};
    std::vector<mode> modes;
    for (const mode m : all_modes) {
        if (std::string(mode_name(m)).find(only) != std::string::npos) modes.push_back(m);
    }
    std::vector<workload> chosen;
    for (std::size_t i = 0; i < workloads.size(); ++i) {
        if (picked.find(static_cast<char>('a' + i)) != std::string::npos)
            chosen.push_back(workloads[i]);
    }
    std::map<std::string, std::vector<double>> times;
    for (int run = 0; run < runs; ++run) {
        for (const workload& w : chosen) {
            times[std::string(w.name) + " raw"].push_back(w.raw());
            for (const mode m : modes)
                times[std::string(w.name) + " " + mode_name(m)].push_back(w.esock(m));
        }
    }
    // OTP, once per backend, with the same sizes.
    std::map<std::string, esock::bench::escript_figure> otp;
    for (const char* backend : {"inet", "socket"}) {
        if (!only.empty()) break;
        const std::string args = std::string(backend) + " " + std::to_string(sizes.pingpongs) +
                                 " " + std::to_string(sizes.bulk_bytes) + " " +
                                 std::to_string(sizes.conns) + " " + std::to_string(sizes.rounds);
        for (auto& [k, v] : esock::bench::escript_figures("gen_tcp_bench.escript", args))
            otp[k] = v;
    }
    std::printf("gen_tcp_bench: %d runs, pingpong %d x %zu B, bulk %zu B in %zu B, many %d x %d\n",
                runs, sizes.pingpongs, msg_size, sizes.bulk_bytes, chunk, sizes.conns,
                sizes.rounds);
    std::printf("%-18s %10s %10s %12s %14s\n", "variant", "median s", "vs raw", "vs OTP inet",
                "vs OTP socket");
    for (const workload& w : chosen) {
        const double raw = median(times[std::string(w.name) + " raw"]);
        std::printf("%-18s %10.4f %10s %12s %14s\n", (std::string(w.name) + " raw").c_str(), raw,
                    "1.00", "", "");
        for (const mode m : modes) {
            const std::string key = std::string(w.name) + " " + mode_name(m);
            const double t = median(times[key]);
            std::string vs[2];
            int i = 0;
            for (const char* backend : {"inet", "socket"}) {
                const auto it = otp.find(std::string(w.name) + "_" + mode_name(m) + "_" + backend);
                char buf[32] = "-";
                if (it != otp.end()) {
                    // Speed against OTP's: its time per unit over esock's.
                    const double otp_t = it->second.seconds / it->second.units * units.at(w.name);
                    std::snprintf(buf, sizeof buf, "%.2fx", otp_t / t);
                }
                vs[i++] = buf;
            }
            char ratio[32];
            // Time against raw (raw / esock: 1 is raw speed, below is slower).
            std::snprintf(ratio, sizeof ratio, "%.2fx", raw / t);
            std::printf("%-18s %10.4f %10s %12s %14s\n", key.c_str(), t, ratio, vs[0].c_str(),
                        vs[1].c_str());
        }
    }
    return 0;
}
