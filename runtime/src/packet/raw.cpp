// SPDX-License-Identifier: Apache-2.0
// Codec raw (spec/packets.yaml): no framing, whatever the buffer holds is
// the packet.

#include <cstdint>
#include <span>

#include "generated/packet_codecs.hpp"

namespace esock::packet::codecs {

scan_result scan_raw(const type_info& /*type*/, const framing& /*f*/,
                     std::span<const std::uint8_t> buffer, scan_state* /*state*/) noexcept {
    // An empty buffer holds no packet yet, and nothing tells how long the
    // next one will be; packet_size does not apply.
    if (buffer.empty()) return {};
    return {scan_status::packet, buffer.size(), 0, buffer.size()};
}

}  // namespace esock::packet::codecs
