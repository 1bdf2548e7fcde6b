// SPDX-License-Identifier: Apache-2.0
// Term model micro-benchmarks, reported in ns per operation (median of 5
// runs). The baseline row is the cheapest comparable C++: one heap
// allocation of a tuple-sized block plus a shared_ptr copy.
//
//   build/bench/term_bench [iterations]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include <esock/term.hpp>
#include <esock/term_text.hpp>

namespace {

template <class T>
inline void keep(T&& value) {
    asm volatile("" : : "g"(&value) : "memory");
}

template <class F>
double ns_per_op(std::size_t iterations, F&& body) {
    std::vector<double> runs;
    for (int r = 0; r < 5; ++r) {
        auto start = std::chrono::steady_clock::now();
        for (std::size_t i = 0; i < iterations; ++i)
            body(i);
        auto end = std::chrono::steady_clock::now();
        runs.push_back(std::chrono::duration<double, std::nano>(end - start).count() /
                       static_cast<double>(iterations));
    }
    std::sort(runs.begin(), runs.end());
    return runs[runs.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    using namespace esock;
    const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 2000000;

    const term payload = binary(std::string(64, 'x'));
    auto shared_payload = std::make_shared<std::vector<unsigned char>>(64, 'x');
    std::vector<map_entry> entries;
    for (int i = 0; i < 20; ++i)
        entries.push_back({atom("key_" + std::to_string(i)), term(i)});
    const term map20 = map_from(entries);
    const atom a1("benchmark_atom");
    const atom a2("benchmark_other");
    std::string out;

    struct row {
        const char* name;
        double ns;
    };
    std::vector<row> rows;
    rows.push_back(
        {"baseline: new 40-byte block + shared_ptr copy, then free", ns_per_op(n, [&](std::size_t) {
             auto* block = new std::pair<std::shared_ptr<std::vector<unsigned char>>, long>(
                 shared_payload, 1);
             keep(block);
             delete block;
         })});
    rows.push_back({"build {ok, <<64 bytes>>} around an existing binary, drop it",
                    ns_per_op(n, [&](std::size_t) {
                        term t = tuple(atoms::ok, payload);
                        keep(t);
                    })});
    rows.push_back(
        {"build {ok, <<64 bytes>>} copying 64 new bytes, drop it", ns_per_op(n, [&](std::size_t) {
             term t = tuple(atoms::ok, binary(payload.binary_bytes()));
             keep(t);
         })});
    rows.push_back({"intern a known atom (\"benchmark_atom\")", ns_per_op(n, [&](std::size_t) {
                        atom a("benchmark_atom");
                        keep(a);
                    })});
    rows.push_back({"compare two atoms for equality", ns_per_op(n * 10, [&](std::size_t i) {
                        bool eq = (i & 1) ? a1 == a2 : a1 == a1;
                        keep(eq);
                    })});
    rows.push_back({"compare two atom terms (term ==)", ns_per_op(n * 10, [&](std::size_t i) {
                        term x = (i & 1) ? term(a1) : term(a2);
                        bool eq = x == term(a1);
                        keep(eq);
                    })});
    rows.push_back({"print a 20-key map with ~w", ns_per_op(n / 20, [&](std::size_t) {
                        out.clear();
                        write_w(out, map20);
                        keep(out);
                    })});
    rows.push_back({"parse a 20-key map", ns_per_op(n / 50, [&](std::size_t) {
                        static const std::string text = format_w(map20);
                        parse_result r = parse_term(text);
                        keep(r);
                    })});

    std::printf("%-62s %10s\n", "operation", "ns/op");
    for (const auto& r : rows)
        std::printf("%-62s %10.1f\n", r.name, r.ns);
    std::printf("ratio {ok,Bin} / baseline: %.2f\n", rows[1].ns / rows[0].ns);
    return 0;
}
