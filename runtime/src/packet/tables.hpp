// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_PACKET_TABLES_HPP
#define ESOCK_PACKET_TABLES_HPP

// The tables generated from spec/packets.yaml (generated/packets.cpp): the
// packet types with their header layouts or codecs, and OTP's HTTP method
// and header names. This header is the packet layer's view of them; the
// data is immutable and thread-safe to read.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include <esock/packet.hpp>
#include <esock/term.hpp>

namespace esock::packet {

/// Bytes a header must hold at `offset` (cdr's "GIOP", a version byte).
struct magic_bytes {
    std::uint8_t offset;
    std::uint8_t length;
    std::uint8_t bytes[8];
};

/// A header of fixed size whose length field tells the packet's size
/// (spec `fixed`), interpreted by codecs::scan_fixed.
struct fixed_layout {
    std::uint8_t header_size;
    std::span<const magic_bytes> magic;
    std::uint8_t length_offset;
    std::uint8_t length_width;  ///< 1 to 4 bytes
    bool little_endian;
    std::uint32_t length_mask;
    /// When >= 0, the byte whose `order_flag_mask` bits make the length
    /// little-endian.
    std::int8_t order_flag_offset;
    std::uint8_t order_flag_mask;
    /// The length counts the header too (tpkt), not only what follows it.
    bool counts_header;
    /// When >= 0, the field counting padding bytes after the body: part of
    /// the packet, not of what is returned (fcgi).
    std::int8_t padding_offset;
    std::uint8_t padding_width;
    /// The packet returned is the body alone (1, 2, 4); else header and body.
    bool returns_body;
};

/// Which line an HTTP type parses.
enum class http_line : std::uint8_t {
    none,   ///< not an HTTP type
    start,  ///< a request or status line (http, http_bin)
    header  ///< a header line (httph, httph_bin)
};

struct type_info;

/// The bytes of one whole packet and, when they belong to a binary term,
/// that term, so that binaries built from them share its bytes.
struct packet_source {
    std::span<const std::uint8_t> packet;  ///< from the buffer's start, found.length bytes
    const term* owner;                     ///< a binary starting at packet.data(), or null

    /// Bytes [offset, offset + length) of the packet as a binary.
    [[nodiscard]] term binary(std::size_t offset, std::size_t length) const;
};

/// Finds the end of the first packet (see packet::scan).
using scan_fn = scan_result (*)(const type_info& type, const framing& f,
                                std::span<const std::uint8_t> buffer, scan_state* state) noexcept;
/// Builds the term of a packet scan_fn found.
using build_fn = term (*)(const type_info& type, const packet_source& source,
                          const scan_result& found);

/// A packet type of spec/packets.yaml.
struct type_info {
    std::string_view name;  ///< the spec's name
    std::string_view atom;  ///< the atom naming the type, "" for 1, 2, 4
    int integer;            ///< the integer naming it when it has no atom
    scan_fn scan;
    build_fn build;
    const fixed_layout* fixed;  ///< the layout of a fixed-header type, else null
    http_line http;
    bool binaries;        ///< http*: strings as binaries
    bool line_delimiter;  ///< takes {line_delimiter, C}
    /// http*: the type of the other line kind with the same strings (what a
    /// stream switches to); itself for the others.
    packet_type http_other;
};

/// A term naming a packet type.
struct type_atom {
    std::string_view atom;
    packet_type type;
};
struct type_integer {
    int integer;
    packet_type type;
};

/// An HTTP method or header name the parser knows.
struct http_name {
    std::string_view name;  ///< the text matched; also the atom returned
    int number;             ///< headers: OTP's number for the name; methods: spec order
};

/// Whether `a` sorts before `b` in the HTTP name tables: by length, then
/// by bytes (the generator's order, checked at compile time).
[[nodiscard]] constexpr bool name_before(std::string_view a, std::string_view b) noexcept {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
}

/// The packet types, indexed by packet_type.
[[nodiscard]] std::span<const type_info> types() noexcept;
/// The atoms and integers naming packet types.
[[nodiscard]] std::span<const type_atom> type_atoms() noexcept;
[[nodiscard]] std::span<const type_integer> type_integers() noexcept;
/// OTP's HTTP methods (those returned as atoms) and header names (as the
/// parser normalizes them), each sorted by name_before.
[[nodiscard]] std::span<const http_name> http_methods() noexcept;
[[nodiscard]] std::span<const http_name> http_headers() noexcept;

/// The type's table entry.
[[nodiscard]] inline const type_info& info(packet_type t) noexcept {
    return types()[static_cast<std::size_t>(t)];
}

}  // namespace esock::packet

#endif  // ESOCK_PACKET_TABLES_HPP
