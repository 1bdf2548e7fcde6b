// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the line packet type, with the invariants of
// fuzz/packet_fuzz.hpp, and: a line ends at its delimiter or is cut at
// line_length, and the delimiter appears nowhere before its end.

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "packet_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace packet_fuzz;
    static const auto types = types_of({"line"});
    auto in = parse_input(data, size, types);
    if (!in) return 0;
    const pk::framing& f = in->framing;
    if (auto packet = run_one(f, in->bytes)) {
        const auto line = packet->binary_bytes();
        check(!line.empty());
        const void* first = std::memchr(line.data(), f.line_delimiter, line.size());
        const bool ends = line.back() == f.line_delimiter;
        check(first == nullptr || (ends && first == &line.back()));
        check(ends || line.size() == f.line_length);
        check(f.packet_size == 0 || line.size() <= f.packet_size);
    }
    return 0;
}
