// SPDX-License-Identifier: Apache-2.0
// Codec ber (spec/packets.yaml, type asn1): an ASN.1 BER tag and length,
// read as OTP 25 reads them.

#include <cstddef>
#include <cstdint>
#include <span>

#include "generated/packet_codecs.hpp"
#include "packet/frame.hpp"

namespace esock::packet::codecs {

scan_result scan_ber(const type_info& /*type*/, const framing& f,
                     std::span<const std::uint8_t> buffer, scan_state* /*state*/) noexcept {
    const std::size_t n = buffer.size();
    // OTP wants two bytes before it looks at anything.
    if (n < 2) return {};
    const std::uint8_t* b = buffer.data();
    std::size_t at = 1;  // the byte after the tag
    if ((b[0] & 0x1f) == 0x1f) {
        // A long tag: continuation bytes have the top bit set; the first
        // without it ends the tag, and a length byte must follow it.
        while (at < n && (b[at] & 0x80) != 0)
            ++at;
        if (n - at < 2) return {};
        ++at;
    }
    std::uint64_t contents = b[at] & 0x7f;
    ++at;
    if ((b[at - 1] & 0x80) != 0) {
        // The long form: the low bits count the length bytes that follow.
        // Zero of them is the indefinite form, which OTP takes as empty
        // contents; more than four is invalid, once that many are there.
        const std::size_t count = contents;
        if (n - at < count) return {};
        if (count > 4) return invalid();
        contents = 0;
        for (std::size_t i = 0; i < count; ++i)
            contents = (contents << 8) | b[at + i];
        at += count;
    }
    return whole_packet(f, n, at, contents);
}

}  // namespace esock::packet::codecs
