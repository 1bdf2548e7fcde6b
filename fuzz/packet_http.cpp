// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the HTTP packet types (http, httph, http_bin,
// httph_bin), with the invariants of fuzz/packet_fuzz.hpp, and: an error
// line is the bytes consumed; a header's raw name starts the line. The
// whole input is then decoded as a stream, switching between start and
// header lines as a socket does, with the same checks on every packet.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <vector>

#include "packet_fuzz.hpp"

namespace {

using namespace packet_fuzz;

// The bytes of a string of the packet, as a list or a binary.
std::vector<std::uint8_t> bytes_of(const term& s) {
    if (s.is_binary()) return {s.binary_bytes().begin(), s.binary_bytes().end()};
    std::vector<std::uint8_t> out;
    auto items = s.list_to_vector();
    check(items.has_value());
    for (const term& c : *items) {
        const auto v = c.as_int();
        check(v && *v >= 0 && *v <= 255);
        out.push_back(static_cast<std::uint8_t>(*v));
    }
    return out;
}

bool starts(std::span<const std::uint8_t> buffer, const std::vector<std::uint8_t>& part) {
    return part.size() <= buffer.size() &&
           (part.empty() || std::memcmp(buffer.data(), part.data(), part.size()) == 0);
}

void check_packet(const term& packet, std::span<const std::uint8_t> consumed) {
    static const esock::atom http_error("http_error");
    static const esock::atom http_header("http_header");
    if (packet.is_tuple(2) && packet.element(0)->is_atom(http_error)) {
        const std::vector<std::uint8_t> line = bytes_of(*packet.element(1));
        check(line.size() == consumed.size() && starts(consumed, line));
    }
    if (packet.is_tuple(5) && packet.element(0)->is_atom(http_header)) {
        check(starts(consumed, bytes_of(*packet.element(3))));
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto types = types_of({"http", "httph", "http_bin", "httph_bin"});
    auto in = parse_input(data, size, types);
    if (!in) return 0;
    pk::framing f = in->framing;
    std::span<const std::uint8_t> rest = in->bytes;
    while (!rest.empty()) {
        const std::optional<term> packet = run_one(f, rest);
        if (!packet) break;
        const pk::scan_result r = pk::scan(f, rest);
        check_packet(*packet, rest.first(r.length));
        f.type = pk::next_type(f.type, *packet);
        rest = rest.subspan(r.length);
    }
    return 0;
}
