// SPDX-License-Identifier: Apache-2.0
// ~p printing: esock's format_p against its own format_w (the one-line
// printer ~p must not cost much more than while a term fits) and against
// OTP 25's io_lib:format("~*p") (bench/pretty_bench.escript, run in the
// same invocation on the same terms when escript is on PATH). Figures are
// nanoseconds per call, the best of five rounds.
//
//   build/bench/pretty_bench [calls-scale]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <esock/term.hpp>
#include <esock/term_text.hpp>

#include "escript_figures.hpp"

namespace {

using esock::term;

template <class T>
inline void keep(T&& value) {
    asm volatile("" : : "g"(&value) : "memory");
}

// Nanoseconds per call of the fastest of five rounds of `calls` calls.
template <class F>
double best_ns(std::size_t calls, F&& body) {
    double best = 1e30;
    for (int r = 0; r < 5; ++r) {
        const auto start = std::chrono::steady_clock::now();
        for (std::size_t i = 0; i < calls; ++i)
            body();
        const auto end = std::chrono::steady_clock::now();
        best = std::min(best, std::chrono::duration<double, std::nano>(end - start).count());
    }
    return best / static_cast<double>(calls);
}

struct workload {
    const char* name;
    const char* what;
    int line_length;
    std::size_t calls;
    std::string text;  // an Erlang literal both sides parse
};

std::string socket_info() {
    return "#{counters => #{num_cnt_bits => 64,num_dinet => 0,num_dinet6 => 0,num_dlocal => 0,"
           "num_pip => 0,num_psctp => 0,num_ptcp => 0,num_pudp => 0,num_sockets => 0,"
           "num_tdgrams => 0,num_tseqpkgs => 0,num_tstreams => 0},debug => false,"
           "iov_max => 1024,iow => false,socket_debug => false,use_registry => true}";
}

std::string recvmsg_reply() {
    return "{ok,#{addr => #{addr => {127,0,0,1},family => inet,port => 40123},"
           "ctrl => [#{data => <<0,0,0,0>>,level => ip,type => tos,value => 0}],flags => [],"
           "iov => [<<\"GET / HTTP/1.1\\r\\nHost: localhost\\r\\n\\r\\n\">>]}}";
}

// A list of n records of mixed kinds.
std::string records(int n) {
    std::string s = "[";
    for (int i = 0; i < n; ++i) {
        if (i > 0) s += ",";
        s += "{conn," + std::to_string(i) + ",\"peer-" + std::to_string(i) +
             "\",<<1,2,3,4,5,6,7,8>>,#{state => open,bytes => " + std::to_string(i * 1500) +
             "},[inet,stream,tcp]}";
    }
    return s + "]";
}

std::vector<workload> workloads(std::size_t scale) {
    return {
        {"info_fits", "socket:info() map, ~9999p (one line)", 9999, 20000 * scale, socket_info()},
        {"reply_fits", "recvmsg reply, ~9999p (one line)", 9999, 20000 * scale, recvmsg_reply()},
        {"records_fits", "50 records, ~9999p (one line)", 9999, 1000 * scale, records(50)},
        {"info_80", "socket:info() map, ~80p (6 lines)", 80, 20000 * scale, socket_info()},
        {"reply_40", "recvmsg reply, ~40p", 40, 20000 * scale, recvmsg_reply()},
        {"records_80", "50 records, ~80p", 80, 1000 * scale, records(50)},
        {"records_20", "50 records, ~20p", 20, 1000 * scale, records(50)},
    };
}

// OTP's figures, NAME -> ns per call, from bench/pretty_bench.escript;
// empty without escript.
std::map<std::string, double> otp_figures(const std::vector<workload>& ws) {
    std::map<std::string, double> out;
    if (!esock::bench::have_escript()) return out;
    namespace fs = std::filesystem;
    const fs::path file =
        fs::temp_directory_path() / ("pretty_bench." + std::to_string(std::random_device()()));
    {
        std::ofstream f(file);
        for (const workload& w : ws)
            f << w.name << ' ' << w.calls << ' ' << w.line_length << ' ' << w.text << '\n';
    }
    for (const auto& [name, f] :
         esock::bench::escript_figures("pretty_bench.escript", file.string()))
        out[name] = f.seconds * 1e9 / f.units;
    std::error_code ec;
    fs::remove(file, ec);
    return out;
}

void row(const char* what, double ns) {
    std::printf("  %-52s %12.1f ns\n", what, ns);
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t scale = argc > 1 ? std::max(1ul, std::strtoul(argv[1], nullptr, 10)) : 1;
    const std::vector<workload> ws = workloads(scale);
    std::printf("pretty_bench: ns per call, best of 5 rounds\n");
    const std::map<std::string, double> otp = otp_figures(ws);
    for (const workload& w : ws) {
        const term t = esock::lit(w.text);
        std::printf("\n%s (%zu characters on one line)\n", w.what, esock::format_w(t).size());
        const double p = best_ns(w.calls, [&] { keep(esock::format_p(t, w.line_length)); });
        row("esock format_p", p);
        if (w.line_length == 9999) {
            const double flat = best_ns(w.calls, [&] { keep(esock::format_w(t)); });
            row("esock format_w", flat);
            std::printf("  %-52s %12.2fx\n", "format_p / format_w", p / flat);
        }
        const auto it = otp.find(w.name);
        if (it == otp.end()) {
            std::printf("  %-52s (escript not found: no OTP figure)\n", "OTP 25 io_lib:format");
            continue;
        }
        row("OTP 25 io_lib:format(\"~*p\")", it->second);
        std::printf("  %-52s %12.2fx\n", "esock / OTP (time)", p / it->second);
    }
    return 0;
}
