// SPDX-License-Identifier: Apache-2.0
// socket:number_of/0, which_sockets(udp) and info/0 with 10 UDP sockets
// among many TCP ones: esock's registry answers in time proportional to
// what it returns, so the cost stays flat as the other sockets grow; OTP
// 25's is run in the same invocation on the same counts
// (bench/registry_bench.escript, when escript is on PATH) for the ratio.
//
//   registry_bench [OTHERS...]     default: 0 1000 10000 100000

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <esock/socket.hpp>

#include "descriptors.hpp"

namespace so = esock::socket;
using esock::term;

namespace {

constexpr int iters = 2000;

// Room for `n` descriptors and some: how many of the `n` may open.
std::size_t fit_descriptors(std::size_t n) {
    constexpr rlim_t reserve = 256;
    const rlim_t lim = esock::bench::raise_descriptor_limit(n + reserve);
    return lim > reserve ? std::min<std::size_t>(n, lim - reserve) : 0;
}

double best_ns_per_call(const std::function<void()>& f) {
    double best = 1e300;
    for (int round = 0; round < 5; ++round) {
        const auto t0 = std::chrono::steady_clock::now();
        for (int i = 0; i < iters; ++i)
            f();
        const auto ns =
            std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count();
        best = std::min(best, ns / iters);
    }
    return best;
}

std::map<std::string, double> otp_figures(std::size_t others) {
    std::map<std::string, double> out;
    if (std::system("command -v escript >/dev/null 2>&1") != 0) return out;
    const std::string cmd = "ulimit -n " + std::to_string(others + 256) +
                            " 2>/dev/null; escript " ESOCK_SOURCE_ROOT
                            "/bench/registry_bench.escript " +
                            std::to_string(others) + " " + std::to_string(iters);
    if (FILE* p = popen(cmd.c_str(), "r")) {
        char name[64];
        double ns = 0;
        while (std::fscanf(p, "%63s %lf", name, &ns) == 2)
            out[name] = ns;
        (void)pclose(p);
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::size_t> counts;
    for (int i = 1; i < argc; ++i)
        counts.push_back(std::strtoul(argv[i], nullptr, 10));
    if (counts.empty()) counts = {0, 1000, 10000, 100000};
    std::printf("%-10s %-20s %12s %12s %10s\n", "others", "call", "esock ns", "OTP 25 ns",
                "OTP/esock");
    for (std::size_t wanted : counts) {
        const std::size_t others = fit_descriptors(wanted);
        if (others < wanted)
            std::printf("(descriptor limit: %zu sockets instead of %zu)\n", others, wanted);
        std::vector<term> open;
        for (std::size_t i = 0; i < others; ++i) {
            const term r = so::open(esock::atoms::inet, esock::atoms::stream, esock::atoms::tcp);
            if (!r.is_tuple(2)) break;
            open.push_back(*r.element(1));
        }
        for (int i = 0; i < 10; ++i)
            open.push_back(
                *so::open(esock::atoms::inet, esock::atoms::dgram, esock::atoms::udp).element(1));
        const std::map<std::string, std::function<void()>> calls = {
            {"number_of", [] { (void)so::number_of(); }},
            {"which_sockets_udp", [] { (void)so::which_sockets(esock::atoms::udp); }},
            {"info", [] { (void)so::info(); }},
        };
        std::map<std::string, double> mine;
        for (const auto& [name, f] : calls)
            mine[name] = best_ns_per_call(f);
        for (const term& s : open)
            (void)so::close(s);
        const auto otp = otp_figures(others);
        for (const auto& [name, ns] : mine) {
            const auto o = otp.find(name);
            if (o != otp.end()) {
                std::printf("%-10zu %-20s %12.1f %12.1f %9.1fx\n", others, name.c_str(), ns,
                            o->second, o->second / ns);
            } else {
                std::printf("%-10zu %-20s %12.1f %12s %10s\n", others, name.c_str(), ns, "-", "-");
            }
        }
    }
    return 0;
}
