// SPDX-License-Identifier: Apache-2.0
// inet:parse_address/1 and inet:ntoa/1 through esock against Erlang/OTP's
// own, on the same inputs, in the same run: OTP is timed by an escript this
// program writes and runs when `escript` is on PATH. Reported in ns per
// call (median of 7 rounds) and as OTP's time over esock's; the target is a
// ratio of 10 or more. Two esock columns each: the term functions of
// esock::inet (a string term in, the {ok, Tuple} or string term out, as
// in Erlang), and the text functions the layers above call (bytes in, the
// address's parts or its text out).
//
//   build/bench/inet_bench [iterations]

#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <esock/inet.hpp>
#include <esock/term.hpp>
#include <esock/term_text.hpp>

#include "inet/address.hpp"

namespace {

template <class T>
inline void keep(T&& value) {
    asm volatile("" : : "g"(&value) : "memory");
}

const std::vector<std::string> inputs = {
    "127.0.0.1",
    "192.168.42.2",
    "10.1",
    "0x7f000001",
    "::1",
    "fe80::204:acff:fe17:bf38",
    "::ffff:1.2.3.4",
    "2001:db8::1:0:0:1",
    "1:2:3:4:5:6:7:8",
};

// Median ns per call of `body` over 7 rounds of `iterations` calls.
template <class F>
double ns_per_call(std::size_t iterations, F&& body) {
    std::vector<double> rounds;
    for (int r = 0; r < 7; ++r) {
        const auto start = std::chrono::steady_clock::now();
        for (std::size_t i = 0; i < iterations; ++i)
            body();
        const auto end = std::chrono::steady_clock::now();
        rounds.push_back(std::chrono::duration<double, std::nano>(end - start).count() /
                         static_cast<double>(iterations));
    }
    std::sort(rounds.begin(), rounds.end());
    return rounds[rounds.size() / 2];
}

// The same loop in Erlang: prints "parse I NS" and "ntoa I NS" per input.
const char* const otp_script = R"(#!/usr/bin/env escript
%%! -noshell
-mode(compile).
main([N0 | Ins]) ->
    N = list_to_integer(N0),
    lists:foreach(
      fun({I, S}) ->
          {ok, A} = inet:parse_address(S),
          P = median([time(N, fun() -> inet:parse_address(S) end) || _ <- lists:seq(1, 7)]),
          T = median([time(N, fun() -> inet:ntoa(A) end) || _ <- lists:seq(1, 7)]),
          io:format("parse ~b ~.1f~nntoa ~b ~.1f~n", [I, P, I, T])
      end, lists:zip(lists:seq(0, length(Ins) - 1), Ins)).
time(N, F) ->
    T0 = erlang:monotonic_time(nanosecond),
    loop(N, F),
    (erlang:monotonic_time(nanosecond) - T0) / N.
loop(0, _) -> ok;
loop(N, F) -> _ = F(), loop(N - 1, F).
median(L) -> lists:nth(length(L) div 2 + 1, lists:sort(L)).
)";

// OTP's ns per call by (kind, input index); empty when OTP is not here.
std::map<std::pair<std::string, int>, double> otp_times(std::size_t iterations) {
    std::map<std::pair<std::string, int>, double> out;
    if (std::system("command -v escript >/dev/null 2>&1") != 0) return out;
    const std::string path = "/tmp/esock_inet_bench_" + std::to_string(::getpid()) + ".escript";
    std::ofstream(path) << otp_script;
    std::string cmd = "escript " + path + " " + std::to_string(iterations);
    for (const std::string& s : inputs)
        cmd += " '" + s + "'";
    FILE* p = ::popen(cmd.c_str(), "r");
    if (p != nullptr) {
        char kind[16];
        int index = 0;
        double ns = 0;
        while (std::fscanf(p, "%15s %d %lf", kind, &index, &ns) == 3)
            out[{kind, index}] = ns;
        ::pclose(p);
    }
    std::remove(path.c_str());
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace esock;
    const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 200000;
    namespace core = inet::core;
    // ns per call: [term parse, text parse, term ntoa, text ntoa] per input.
    std::vector<std::array<double, 4>> esock_ns;
    for (const std::string& s : inputs) {
        const term text = latin1_string(s);
        const term addr = *inet::parse_address(text).element(1);
        const core::parse_outcome parsed = core::parse(core::parser::address, s);
        std::array<std::uint8_t, 4> v4{};
        std::array<std::uint16_t, 8> v6{};
        for (std::size_t i = 0; i < 8; ++i) {
            if (i < 4) v4[i] = static_cast<std::uint8_t>(parsed.address.parts[i]);
            v6[i] = static_cast<std::uint16_t>(parsed.address.parts[i]);
        }
        const bool is6 = parsed.address.v6;
        esock_ns.push_back({
            ns_per_call(n, [&] { keep(inet::parse_address(text)); }),
            ns_per_call(n, [&] { keep(core::parse(core::parser::address, s)); }),
            ns_per_call(n, [&] { keep(inet::ntoa(addr)); }),
            ns_per_call(n, [&] { keep(is6 ? core::ntoa_text(v6) : core::ntoa_text(v4)); }),
        });
    }
    const auto otp = otp_times(n);
    std::printf("%-26s %8s %8s %8s %13s | %8s %8s %8s %13s\n", "ns per call", "term", "text", "OTP",
                "ratio", "term", "text", "OTP", "ratio");
    std::printf("%-26s %8s %8s %8s %13s | %8s %8s %8s %13s\n", "", "parse", "parse", "parse",
                "term / text", "ntoa", "ntoa", "ntoa", "term / text");
    std::array<double, 6> sum{};
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const int k = static_cast<int>(i);
        const bool have = otp.count({"parse", k}) != 0 && otp.count({"ntoa", k}) != 0;
        const double op = have ? otp.at({"parse", k}) : 0;
        const double on = have ? otp.at({"ntoa", k}) : 0;
        const auto& e = esock_ns[i];
        for (std::size_t j = 0; j < 4; ++j)
            sum[j] += e[j];
        sum[4] += op;
        sum[5] += on;
        std::printf("%-26s %8.1f %8.1f %8.1f %5.1fx /%5.1fx | %8.1f %8.1f %8.1f %5.1fx /%5.1fx\n",
                    inputs[i].c_str(), e[0], e[1], op, op / e[0], op / e[1], e[2], e[3], on,
                    on / e[2], on / e[3]);
    }
    if (otp.empty()) {
        std::printf("(no escript on PATH: OTP's baseline skipped, its columns are 0)\n");
        return 0;
    }
    std::printf("%-26s %8.1f %8.1f %8.1f %5.1fx /%5.1fx | %8.1f %8.1f %8.1f %5.1fx /%5.1fx\n",
                "all inputs", sum[0], sum[1], sum[4], sum[4] / sum[0], sum[4] / sum[1], sum[2],
                sum[3], sum[5], sum[5] / sum[2], sum[5] / sum[3]);
    return 0;
}
