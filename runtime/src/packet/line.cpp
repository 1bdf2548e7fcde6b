// SPDX-License-Identifier: Apache-2.0
// Codec line (spec/packets.yaml): a packet is a line, up to and including
// the delimiter, split or refused by line_length and packet_size as OTP 25
// does.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>

#include "generated/packet_codecs.hpp"
#include "packet/frame.hpp"

namespace esock::packet::codecs {

scan_result scan_line(const type_info& /*type*/, const framing& f,
                      std::span<const std::uint8_t> buffer, scan_state* state) noexcept {
    const std::size_t n = buffer.size();
    // What an earlier scan of this buffer searched holds no delimiter.
    const std::size_t from = state != nullptr && state->searched <= n ? state->searched : 0;
    const void* hit =
        from < n ? std::memchr(buffer.data() + from, f.line_delimiter, n - from) : nullptr;
    if (hit == nullptr) {
        if (state != nullptr) state->searched = n;
        if (f.packet_size != 0 && n > f.packet_size) return invalid();
        // line_length cuts a line that has no end yet as well.
        if (f.line_length != 0 && n >= f.line_length) {
            return {scan_status::packet, f.line_length, 0, f.line_length};
        }
        return {};
    }
    const std::size_t length = static_cast<const std::uint8_t*>(hit) - buffer.data() + 1;
    if (f.packet_size != 0 && length > f.packet_size) return invalid();
    const std::size_t cut = f.line_length != 0 && length > f.line_length ? f.line_length : length;
    return {scan_status::packet, cut, 0, cut};
}

}  // namespace esock::packet::codecs
