// SPDX-License-Identifier: Apache-2.0
// Packet decoding: esock's decode_packet/3 and its allocation-free scan
// against plain C framing the same bytes and against OTP 25's
// erlang:decode_packet/3 (bench/packet_bench.escript, run in the same
// invocation on the same inputs when escript is on PATH). Every figure is
// the best of five rounds.
//
// Workloads: a 4 MiB stream of 1 KiB {packet, 4} frames and a 4 MiB
// stream of lines (40 to 160 bytes), in GB/s of input; and a browser-like
// HTTP request head (a request line and nine headers) decoded as a socket
// in {packet, http} mode decodes it (http, then httph up to http_eoh), in
// requests per second.
//
//   build/bench/packet_bench [rounds-scale]

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <esock/packet.hpp>
#include <esock/term.hpp>
#include <esock/term_text.hpp>

#include "escript_figures.hpp"

namespace {

namespace pk = esock::packet;
using esock::term;

template <class T>
inline void keep(T&& value) {
    asm volatile("" : : "g"(&value) : "memory");
}

// Seconds of the fastest of five runs of `body`.
template <class F>
double best_seconds(F&& body) {
    double best = 1e30;
    for (int r = 0; r < 5; ++r) {
        const auto start = std::chrono::steady_clock::now();
        body();
        const auto end = std::chrono::steady_clock::now();
        best = std::min(best, std::chrono::duration<double>(end - start).count());
    }
    return best;
}

std::string frames4() {
    std::string out;
    for (int i = 0; i < 4096; ++i) {
        const char header[4] = {0, 0, 4, 0};  // 1024, big-endian
        out.append(header, 4);
        out.append(1024, static_cast<char>('a' + i % 26));
    }
    return out;
}

std::string lines() {
    std::string out;
    std::uint32_t seed = 12345;
    while (out.size() < (4U << 20)) {
        seed = seed * 1103515245U + 12345U;
        const std::size_t length = 40 + (seed >> 16) % 121;
        for (std::size_t i = 0; i + 1 < length; ++i)
            out += static_cast<char>(' ' + (seed >> (i % 16)) % 95);
        out += '\n';
    }
    return out;
}

const char* const request_head =
    "GET /articles/2024/packet-framing.html?lang=en&page=2 HTTP/1.1\r\n"
    "Host: www.example.com\r\n"
    "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0\r\n"
    "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
    "Accept-Language: en-US,en;q=0.5\r\n"
    "Accept-Encoding: gzip, deflate, br\r\n"
    "Referer: https://www.example.com/articles/\r\n"
    "Connection: keep-alive\r\n"
    "Cookie: session=8f14e45fceea167a5a36dedd4bea2543; theme=dark\r\n"
    "Upgrade-Insecure-Requests: 1\r\n"
    "\r\n";

constexpr int requests = 20000;

// decode_packet/3 from the first byte to the end, as an Erlang loop does.
std::size_t decode_stream(const term& type, const term& bin) {
    const term none = esock::nil();
    std::size_t packets = 0;
    term rest = bin;
    for (;;) {
        const term r = pk::decode_packet(type, rest, none);
        if (!r.is_tuple(3)) break;
        rest = *r.element(2);
        ++packets;
    }
    return packets;
}

// The same stream as a socket reader takes it from its buffer: scan(),
// then (when `build`) the packet term from the bytes, copied out, with
// the http -> httph switching.
std::size_t scan_stream(pk::framing f, std::span<const std::uint8_t> bytes, bool build) {
    std::size_t packets = 0;
    while (!bytes.empty()) {
        const pk::scan_result r = pk::scan(f, bytes);
        if (r.status != pk::scan_status::packet) break;
        if (build) {
            const term p = pk::packet_term(f, bytes, r);
            f.type = pk::next_type(f.type, p);
            keep(p);
        }
        keep(r);
        bytes = bytes.subspan(r.length);
        ++packets;
    }
    return packets;
}

// One request head as a socket in {packet, http} mode decodes it.
void decode_head(const term& start, const term& head) {
    const term none = esock::nil();
    static const esock::atom http_eoh("http_eoh");
    term r = pk::decode_packet(start, head, none);
    const term header =
        pk::packet_type_term(pk::next_type(*pk::packet_type_of(start), *r.element(1)));
    for (;;) {
        r = pk::decode_packet(header, *r.element(2), none);
        if (r.element(1)->is_atom(http_eoh)) return;
    }
}

// OTP's figures, NAME -> units per second, from bench/packet_bench.escript
// run on the inputs written to a fresh directory; empty without escript.
std::map<std::string, double> otp_figures(const std::string& frames, const std::string& text) {
    std::map<std::string, double> out;
    if (!esock::bench::have_escript()) return out;
    namespace fs = std::filesystem;
    const fs::path dir =
        fs::temp_directory_path() / ("packet_bench." + std::to_string(std::random_device()()));
    std::error_code ec;
    if (!fs::create_directory(dir, ec)) return out;
    const std::string d = dir.string();
    std::ofstream(d + "/frames4.bin", std::ios::binary) << frames;
    std::ofstream(d + "/lines.bin", std::ios::binary) << text;
    std::ofstream(d + "/request.bin", std::ios::binary) << request_head;
    for (const auto& [name, f] : esock::bench::escript_figures("packet_bench.escript", d))
        out[name] = f.units / f.seconds;
    fs::remove_all(dir, ec);
    return out;
}

void row(const char* what, double value, const char* unit) {
    std::printf("  %-58s %10.3f %s\n", what, value, unit);
}

void compare(const char* what, double esock_value, double otp_value, const char* unit) {
    if (otp_value <= 0) {
        std::printf("  %-58s (escript not found: no OTP figure)\n", what);
        return;
    }
    row(what, otp_value, unit);
    std::printf("  %-58s %10.2fx\n", "esock decode_packet/3 / OTP", esock_value / otp_value);
}

// One stream workload: decode_packet/3 and scan() over `data`, the C
// framing `c` of the same bytes, and OTP's figure for it, in GB/s.
template <class C>
void stream_section(const char* title, const term& type, const std::string& data,
                    const char* c_what, C&& c, const std::map<std::string, double>& otp,
                    const char* otp_name) {
    constexpr double gb = 1e9;
    const term bin = esock::binary(data);
    const auto bytes = bin.binary_bytes();
    std::printf("\n%s (GB/s of input)\n", title);
    const double decoded = data.size() / best_seconds([&] { keep(decode_stream(type, bin)); });
    row("esock decode_packet/3 loop ({ok, Packet, Rest} each)", decoded / gb, "GB/s");
    const pk::framing f = *pk::framing_of(type, esock::nil());
    row("esock scan() + packet_term() copying each packet (gen_tcp)",
        data.size() / best_seconds([&] { keep(scan_stream(f, bytes, true)); }) / gb, "GB/s");
    row("esock scan() alone (where each packet ends)",
        data.size() / best_seconds([&] { keep(scan_stream(f, bytes, false)); }) / gb, "GB/s");
    row(c_what, data.size() / best_seconds(c) / gb, "GB/s");
    const auto it = otp.find(otp_name);
    compare("OTP 25 erlang:decode_packet/3 loop", decoded / gb,
            it != otp.end() ? it->second / gb : 0, "GB/s");
}

}  // namespace

int main() {
    const std::string frames = frames4();
    const std::string text = lines();
    const term head_bin = esock::binary(std::string_view(request_head));

    std::printf(
        "packet_bench: best of 5 rounds; %zu-byte {packet, 4} stream of 1 KiB frames, "
        "%zu-byte line stream, %zu-byte HTTP request head\n",
        frames.size(), text.size(), std::strlen(request_head));
    const std::map<std::string, double> otp = otp_figures(frames, text);

    stream_section(
        "{packet, 4}, 1 KiB frames", esock::term(4), frames,
        "C: read each header and copy each frame out (malloc + memcpy)",
        [&] {
            std::size_t at = 0;
            while (at + 4 <= frames.size()) {
                std::uint32_t len = 0;
                std::memcpy(&len, frames.data() + at, 4);
                len = __builtin_bswap32(len);
                if (at + 4 + len > frames.size()) break;
                std::unique_ptr<char[]> copy(new char[len]);
                std::memcpy(copy.get(), frames.data() + at + 4, len);
                keep(copy);
                at += 4 + len;
            }
        },
        otp, "packet4");
    stream_section(
        "line, 40 to 160-byte lines", esock::lit("line"), text,
        "C: memchr each line end and copy the line out (malloc + memcpy)",
        [&] {
            const char* p = text.data();
            const char* end = p + text.size();
            while (p < end) {
                const char* nl = static_cast<const char*>(std::memchr(p, '\n', end - p));
                if (nl == nullptr) break;
                std::unique_ptr<char[]> copy(new char[nl + 1 - p]);
                std::memcpy(copy.get(), p, nl + 1 - p);
                keep(copy);
                p = nl + 1;
            }
        },
        otp, "line");

    for (const char* type : {"http", "http_bin"}) {
        std::printf("\n%s request heads, 1 request line + 9 headers (requests/s)\n", type);
        const term start = esock::lit(type);
        const double rps = requests / best_seconds([&] {
                               for (int i = 0; i < requests; ++i)
                                   decode_head(start, head_bin);
                           });
        row("esock decode_packet/3 loop, switching http -> httph", rps, "req/s");
        const pk::framing f = *pk::framing_of(start, esock::nil());
        const auto bytes = head_bin.binary_bytes();
        row("esock scan() + packet_term() copying each line (gen_tcp)",
            requests / best_seconds([&] {
                for (int i = 0; i < requests; ++i)
                    keep(scan_stream(f, bytes, true));
            }),
            "req/s");
        row("esock scan() alone (where each line ends)", requests / best_seconds([&] {
                                                             for (int i = 0; i < requests; ++i)
                                                                 keep(scan_stream(f, bytes, false));
                                                         }),
            "req/s");
        compare("OTP 25 erlang:decode_packet/3, the same loop", rps,
                otp.count(type) ? otp.at(type) : 0, "req/s");
    }
    return 0;
}
