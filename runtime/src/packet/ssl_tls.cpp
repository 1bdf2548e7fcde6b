// SPDX-License-Identifier: Apache-2.0
// Codec ssl_tls (spec/packets.yaml): a TLS record, or an SSL 2.0 client
// hello presented as a TLS handshake record, as OTP 25 reads them.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>

#include "generated/packet_codecs.hpp"
#include "packet/frame.hpp"

namespace esock::packet::codecs {
namespace {

// An SSL 2.0 client hello: <<1:1, Length:15, 1, Major, Minor, ...>>, the
// length counting what follows it.
bool sslv2_hello(const std::uint8_t* b) noexcept {
    return (b[0] & 0x80) != 0 && b[2] == 1;
}

constexpr std::uint8_t handshake = 22;

}  // namespace

scan_result scan_ssl_tls(const type_info& /*type*/, const framing& f,
                         std::span<const std::uint8_t> buffer, scan_state* /*state*/) noexcept {
    const std::size_t n = buffer.size();
    // OTP reads five bytes before it tells the two forms apart.
    if (n < 5) return {};
    const std::uint8_t* b = buffer.data();
    if (!sslv2_hello(b)) return whole_packet(f, n, 5, (b[3] << 8U) | b[4]);
    // OTP measures a hello as if it had a record's five-byte header, so
    // packet_size limits its length minus three, and a hello of under three
    // bytes is invalid.
    const std::size_t length = ((b[0] & 0x7fU) << 8) | b[1];
    if (length < 3) return invalid();
    return whole_packet(f, n, 5, length - 3);
}

term build_ssl_tls(const type_info& /*type*/, const packet_source& source,
                   const scan_result& found) {
    static const atom ssl_tls("ssl_tls");
    const std::uint8_t* b = source.packet.data();
    const std::size_t length = found.length;
    if (sslv2_hello(b)) {
        // The hello becomes a handshake message: type 1, a 24-bit length,
        // then the hello from its version on.
        const std::size_t body = length - 3;
        binary_buffer out(4 + body);
        std::uint8_t* o = out.data();
        o[0] = 1;
        o[1] = static_cast<std::uint8_t>(body >> 16);
        o[2] = static_cast<std::uint8_t>(body >> 8);
        o[3] = static_cast<std::uint8_t>(body);
        std::memcpy(o + 4, b + 3, body);
        return tuple(ssl_tls, nil(), handshake, tuple(b[3], b[4]), out.release(4 + body));
    }
    return tuple(ssl_tls, nil(), b[0], tuple(b[1], b[2]), source.binary(5, length - 5));
}

}  // namespace esock::packet::codecs
