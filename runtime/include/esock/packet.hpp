// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_PACKET_HPP
#define ESOCK_PACKET_HPP

/// Packet framing: erlang:decode_packet/3 and the codec gen_tcp's
/// {packet, P} modes use on a receive buffer. Pure functions: no sockets, no
/// shared state; every function is thread-safe.
///
/// Two levels share one implementation:
/// - decode_packet(Type, Bin, Options) takes and returns terms exactly as
///   erlang:decode_packet/3 of OTP 25 does ({ok, Packet, Rest},
///   {more, Length | undefined}, {error, invalid}; badarg raised as
///   esock::erl_error).
/// - scan() finds where the next packet of a byte buffer ends without
///   allocating, and packet_term() builds the packet term of what scan()
///   found. A stream reader calls scan() on its buffer as bytes arrive,
///   keeping a scan_state so that line and HTTP scans resume where they
///   stopped instead of searching the buffer from its start again.
///
/// The packet types (raw, 1, 2, 4, asn1, sunrm, cdr, fcgi, tpkt, line, http,
/// httph, http_bin, httph_bin, ssl_tls) and their header layouts are those
/// of spec/packets.yaml; docs/packets.md describes each.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include <esock/error.hpp>
#include <esock/export.hpp>
#include <esock/term.hpp>

namespace esock::packet {

/// A packet type of spec/packets.yaml. The enumerators are generated
/// (generated/packets.hpp, internal to esock); users get a value from the
/// term naming the type with packet_type_of().
enum class packet_type : std::uint8_t;

/// A packet type with decode_packet/3's options. Plain data; copy freely.
struct framing {
    /// The packet type.
    packet_type type;
    /// {packet_size, N}: the most bytes a header may announce (the body,
    /// plus padding where the type has it), or the longest line of line and
    /// http*; 0 is no limit.
    std::uint32_t packet_size = 0;
    /// {line_length, N}: line splits a longer line (or N bytes without a
    /// delimiter) into N-byte packets; http* use it as the limit when
    /// packet_size is 0; 0 is no limit.
    std::uint32_t line_length = 0;
    /// {line_delimiter, C}: the byte that ends a line (line only).
    std::uint8_t line_delimiter = '\n';
};

/// The packet type named by `t` (raw, 0, 1, 2, 4, asn1, ..., ssl_tls), or
/// nullopt when decode_packet/3 would raise badarg for it.
[[nodiscard]] ESOCK_API std::optional<packet_type> packet_type_of(const term& t) noexcept;

/// The term naming `type` (the atom, or 1, 2, 4 for the length headers;
/// raw for raw).
[[nodiscard]] ESOCK_API term packet_type_term(packet_type type);

/// The framing decode_packet(Type, _, Options) uses, or nullopt where it
/// raises badarg: `type` is no packet type, `options` is not a proper list
/// of {packet_size, N} and {line_length, N} (0 =< N =< 2^32-1) and, for
/// line only, {line_delimiter, C} (0 =< C =< 255); a later option wins over
/// an earlier one. Never throws; the list is walked once, without recursion.
[[nodiscard]] ESOCK_API std::optional<framing> framing_of(const term& type,
                                                          const term& options) noexcept;

/// What scan() found at the start of a buffer.
enum class scan_status : std::uint8_t {
    more,    ///< not a whole packet yet
    packet,  ///< a whole packet
    invalid  ///< no packet can start here ({error, invalid})
};

/// The outcome of scan(). All lengths are in bytes.
struct scan_result {
    /// Whether a whole packet, more bytes or an error was found.
    scan_status status = scan_status::more;
    /// packet: the bytes the packet takes from the buffer (the rest follows
    /// it). more: the whole packet's length once its header tells it
    /// ({more, Length}), 0 when not known yet ({more, undefined}); a known
    /// length is always above the buffer's size and never above 2^31-1.
    std::size_t length = 0;
    /// packet: where the packet's data starts (after a stripped header).
    std::size_t body_offset = 0;
    /// packet: how long the data is (without fcgi's padding).
    std::size_t body_length = 0;
};

/// How far scan() has looked into a buffer whose packet is not whole yet:
/// line and http* resume their search for the end of line there. Start
/// with {} and keep it with the buffer while bytes are appended; reset it
/// to {} when the buffer's first byte changes (a packet was consumed) or
/// the framing changes. Other types leave it alone.
struct scan_state {
    std::size_t searched = 0;  ///< bytes already searched without result
};

/// Where the first packet of `buffer` ends, as decode_packet/3 decides it,
/// without allocating or reading outside `buffer`. `state` (may be null)
/// lets repeated scans of a growing buffer skip what was searched before.
[[nodiscard]] ESOCK_API scan_result scan(const framing& f, std::span<const std::uint8_t> buffer,
                                         scan_state* state = nullptr) noexcept;

/// The packet term of the packet `found` (a scan_status::packet result of
/// scan(f, buffer.binary_bytes())) at the start of the binary `buffer`:
/// the body as a binary for most types, the HTTP or TLS tuple for http* and
/// ssl_tls. Binaries in it share `buffer`'s bytes. Allocates at most a few
/// nodes plus, for HTTP strings as lists, 16 bytes per byte of the packet.
[[nodiscard]] ESOCK_API term packet_term(const framing& f, const term& buffer,
                                         const scan_result& found);

/// As above for bytes the caller owns: binaries in the term are copies.
[[nodiscard]] ESOCK_API term packet_term(const framing& f, std::span<const std::uint8_t> buffer,
                                         const scan_result& found);

/// The type of the next packet of an HTTP stream after `packet`, as a
/// socket in {packet, http | http_bin} mode switches: from http(_bin) to
/// httph(_bin) after a request or status line, and back after http_eoh.
/// Any other packet or type leaves `type` as it is.
[[nodiscard]] ESOCK_API packet_type next_type(packet_type type, const term& packet) noexcept;

/// erlang:decode_packet(Type, Bin, Options): {ok, Packet, Rest},
/// {more, Length}, {more, undefined} or {error, invalid}. Packet and Rest
/// share Bin's bytes. Throws erl_error(badarg) where OTP 25 raises badarg,
/// and also for an improper option list (which crashes OTP 25's emulator).
[[nodiscard]] ESOCK_API term decode_packet(const term& type, const term& bin, const term& options);

}  // namespace esock::packet

#endif  // ESOCK_PACKET_HPP
