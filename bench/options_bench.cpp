// SPDX-License-Identifier: Apache-2.0
// getopt/setopt through esock against bare getsockopt/setsockopt on the same
// socket in the same run, for an int option ({ip, ttl}), a boolean one
// ({socket, reuseaddr}) and linger ({socket, linger}, a struct). Reported in
// ns per call (median of 11 alternating rounds) and the extra cost of esock
// per call; the targets are <= 100 ns extra for the int and the boolean,
// <= 150 ns for linger.
//
//   build/bench/options_bench [iterations]

#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include <esock/socket.hpp>
#include <esock/term.hpp>
#include <esock/term_text.hpp>

namespace {

template <class T>
inline void keep(T&& value) {
    asm volatile("" : : "g"(&value) : "memory");
}

struct pair_ns {
    double esock;
    double raw;
};

// Median ns per call of `a` and of `b` over 11 rounds, the two measured in
// alternation so that a slow phase of the machine hits both alike.
template <class A, class B>
pair_ns ns_per_call(std::size_t iterations, A&& a, B&& b) {
    auto time = [iterations](auto& body) {
        const auto start = std::chrono::steady_clock::now();
        for (std::size_t i = 0; i < iterations; ++i)
            body();
        const auto end = std::chrono::steady_clock::now();
        return std::chrono::duration<double, std::nano>(end - start).count() /
               static_cast<double>(iterations);
    };
    std::vector<double> ra;
    std::vector<double> rb;
    for (int r = 0; r < 11; ++r) {
        ra.push_back(time(a));
        rb.push_back(time(b));
    }
    std::sort(ra.begin(), ra.end());
    std::sort(rb.begin(), rb.end());
    return {ra[ra.size() / 2], rb[rb.size() / 2]};
}

}  // namespace

int main(int argc, char** argv) {
    using namespace esock;
    const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 200000;

    const term opened = socket::open(atoms::inet, atoms::stream, atoms::tcp);
    if (!opened.is_tuple(2) || !opened.element(0)->is_atom(atoms::ok)) {
        std::fprintf(stderr, "open failed: %s\n", format_w(opened).c_str());
        return 1;
    }
    const term s = *opened.element(1);
    const int fd = static_cast<int>(*socket::getopt(s, lit("{otp,fd}")).element(1)->as_int());

    const term ttl = lit("{ip,ttl}");
    const term linger = lit("{socket,linger}");
    const term linger_value = lit("#{onoff => true, linger => 5}");
    const term ttl_value = 64;
    const term reuseaddr = lit("{socket,reuseaddr}");
    const term reuseaddr_value = atoms::true_;

    struct row {
        const char* name;
        pair_ns ns;
    };
    std::vector<row> rows;

    rows.push_back({"getopt {ip,ttl}", ns_per_call(
                                           n, [&] { keep(socket::getopt(s, ttl)); },
                                           [&] {
                                               int v = 0;
                                               socklen_t len = sizeof v;
                                               keep(::getsockopt(fd, IPPROTO_IP, IP_TTL, &v, &len));
                                               keep(v);
                                           })});
    rows.push_back(
        {"setopt {ip,ttl}", ns_per_call(
                                n, [&] { keep(socket::setopt(s, ttl, ttl_value)); },
                                [&] {
                                    const int v = 64;
                                    keep(::setsockopt(fd, IPPROTO_IP, IP_TTL, &v, sizeof v));
                                })});
    rows.push_back({"getopt {socket,reuseaddr}", ns_per_call(
                                                     n, [&] { keep(socket::getopt(s, reuseaddr)); },
                                                     [&] {
                                                         int v = 0;
                                                         socklen_t len = sizeof v;
                                                         keep(::getsockopt(fd, SOL_SOCKET,
                                                                           SO_REUSEADDR, &v, &len));
                                                         keep(v);
                                                     })});
    rows.push_back({"setopt {socket,reuseaddr}",
                    ns_per_call(
                        n, [&] { keep(socket::setopt(s, reuseaddr, reuseaddr_value)); },
                        [&] {
                            const int v = 1;
                            keep(::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &v, sizeof v));
                        })});
    rows.push_back(
        {"getopt {socket,linger}", ns_per_call(
                                       n, [&] { keep(socket::getopt(s, linger)); },
                                       [&] {
                                           ::linger v{};
                                           socklen_t len = sizeof v;
                                           keep(::getsockopt(fd, SOL_SOCKET, SO_LINGER, &v, &len));
                                           keep(v);
                                       })});
    rows.push_back({"setopt {socket,linger}",
                    ns_per_call(
                        n, [&] { keep(socket::setopt(s, linger, linger_value)); },
                        [&] {
                            const ::linger v{1, 5};
                            keep(::setsockopt(fd, SOL_SOCKET, SO_LINGER, &v, sizeof v));
                        })});

    std::printf("%-26s %12s %12s %12s\n", "operation", "esock ns", "raw ns", "extra ns");
    for (const row& r : rows) {
        std::printf("%-26s %12.1f %12.1f %12.1f\n", r.name, r.ns.esock, r.ns.raw,
                    r.ns.esock - r.ns.raw);
    }
    (void)socket::close(s);
    return 0;
}
