// SPDX-License-Identifier: Apache-2.0
// The fixed-header packet types (1, 2, 4, sunrm, cdr, fcgi, tpkt): one
// interpreter of the layouts spec/packets.yaml gives them.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>

#include "generated/packet_codecs.hpp"
#include "packet/frame.hpp"

namespace esock::packet::codecs {
namespace {

std::uint32_t read_uint(const std::uint8_t* p, std::size_t width, bool little_endian) noexcept {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < width; ++i)
        v = (v << 8) | p[little_endian ? width - 1 - i : i];
    return v;
}

}  // namespace

scan_result scan_fixed(const type_info& type, const framing& f,
                       std::span<const std::uint8_t> buffer, scan_state* /*state*/) noexcept {
    const fixed_layout& l = *type.fixed;
    // The header must be whole before any of it is judged: a wrong magic in
    // a short buffer is still {more, undefined}.
    if (buffer.size() < l.header_size) return {};
    const std::uint8_t* h = buffer.data();
    for (const magic_bytes& m : l.magic) {
        if (!std::equal(m.bytes, m.bytes + m.length, h + m.offset)) return invalid();
    }
    const bool little = l.little_endian || (l.order_flag_offset >= 0 &&
                                            (h[l.order_flag_offset] & l.order_flag_mask) != 0);
    std::uint64_t body = read_uint(h + l.length_offset, l.length_width, little) & l.length_mask;
    if (l.counts_header) {
        if (body < l.header_size) return invalid();
        body -= l.header_size;
    }
    const std::uint64_t padding =
        l.padding_offset >= 0 ? read_uint(h + l.padding_offset, l.padding_width, false) : 0;
    const std::uint64_t announced = body + padding;
    const scan_result r = whole_packet(f, buffer.size(), l.header_size, announced);
    if (r.status != scan_status::packet) return r;
    const std::size_t offset = l.returns_body ? l.header_size : 0;
    return {scan_status::packet, r.length, offset, r.length - offset - padding};
}

}  // namespace esock::packet::codecs
