// SPDX-License-Identifier: Apache-2.0
// Running one of bench/'s escripts, which time OTP on the same workloads as
// the C++ program and print one line per workload: NAME UNITS SECONDS.
#ifndef ESOCK_BENCH_ESCRIPT_FIGURES_HPP
#define ESOCK_BENCH_ESCRIPT_FIGURES_HPP

#include <array>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

namespace esock::bench {

/// One workload's figure from an escript: how many units (bytes, calls)
/// it did in how many seconds.
struct escript_figure {
    double units = 0;
    double seconds = 0;
};

/// Whether `escript` is on PATH (OTP is installed).
[[nodiscard]] inline bool have_escript() {
    return std::system("command -v escript >/dev/null 2>&1") == 0;
}

/// Runs bench/SCRIPT with `args` and collects its NAME UNITS SECONDS lines
/// (other lines are ignored); empty when escript is missing or fails.
/// Blocks until the script exits.
[[nodiscard]] inline std::map<std::string, escript_figure> escript_figures(
    const std::string& script, const std::string& args) {
    std::map<std::string, escript_figure> out;
    if (!have_escript()) return out;
    const std::string cmd = "escript " ESOCK_SOURCE_ROOT "/bench/" + script + " " + args;
    if (FILE* p = popen(cmd.c_str(), "r")) {
        std::array<char, 256> line{};
        while (std::fgets(line.data(), line.size(), p) != nullptr) {
            char name[64];
            escript_figure f;
            if (std::sscanf(line.data(), "%63s %lf %lf", name, &f.units, &f.seconds) == 3 &&
                f.units > 0 && f.seconds > 0) {
                out[name] = f;
            }
        }
        pclose(p);
    }
    return out;
}

}  // namespace esock::bench

#endif  // ESOCK_BENCH_ESCRIPT_FIGURES_HPP
