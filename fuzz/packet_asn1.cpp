// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the asn1 packet type (BER tag and length), with the
// invariants of fuzz/packet_fuzz.hpp: the packet is a prefix of the input
// holding the whole tag, length and contents.

#include <cstddef>
#include <cstdint>

#include "packet_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace packet_fuzz;
    static const auto types = types_of({"asn1"});
    auto in = parse_input(data, size, types);
    if (!in) return 0;
    if (auto packet = run_one(in->framing, in->bytes)) {
        // asn1 returns the whole TLV, tag and length included.
        check(packet->binary_bytes().size() >= 2);
    }
    return 0;
}
