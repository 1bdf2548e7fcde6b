// SPDX-License-Identifier: Apache-2.0
// The three socket workloads socket_bench and gen_tcp_bench share, their
// sizes (scaled by the command line) and the helpers both use to fail and
// to time.
#ifndef ESOCK_BENCH_WORKLOADS_HPP
#define ESOCK_BENCH_WORKLOADS_HPP

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace esock::bench {

using clock_type = std::chrono::steady_clock;

/// The sizes of the workloads: (a) ping-pongs of msg_size bytes, (b) bulk
/// bytes in chunk-byte sends, (c) connections x rounds of ping-pong. The
/// programs scale them once at start, before any thread runs.
struct workload_sizes {
    int pingpongs = 20000;
    std::size_t bulk_bytes = std::size_t{1} << 30;
    int conns = 1000;
    int rounds = 20;
};
inline workload_sizes sizes;
inline constexpr std::size_t msg_size = 64;
inline constexpr std::size_t chunk = 64 * 1024;

/// Prints "PROGRAM: what" to stderr and exits with status 1.
[[noreturn]] inline void die(const char* program, const std::string& what) {
    std::fprintf(stderr, "%s: %s\n", program, what.c_str());
    std::exit(1);
}

/// Seconds from `t0` to now.
[[nodiscard]] inline double seconds_since(clock_type::time_point t0) {
    return std::chrono::duration<double>(clock_type::now() - t0).count();
}

}  // namespace esock::bench

#endif  // ESOCK_BENCH_WORKLOADS_HPP
