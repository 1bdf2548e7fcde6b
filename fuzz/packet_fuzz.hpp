// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_FUZZ_PACKET_FUZZ_HPP
#define ESOCK_FUZZ_PACKET_FUZZ_HPP

// The harness of the packet fuzz targets (one per family: fixed headers,
// asn1, http, line). The first byte picks the family's packet type, the
// next three the options, the rest is the buffer. Besides crashes and
// reads outside the buffer (the bytes are copied into an allocation of
// exactly their size, so the sanitizer sees any), every run checks the
// invariants of the packet layer and aborts when one fails:
// - scan(): a packet takes 1..n bytes and its body lies inside it;
//   {more, N} asks for more than the n bytes it was given, never above
//   2^31-1;
// - a packet_size of N > 0 bounds what a length header may announce;
// - scanning a growing buffer with a scan_state gives, at every length,
//   what a fresh scan of that prefix gives;
// - decode_packet/3 agrees with scan(): a binary packet is the bytes the
//   scan found, the rest is what follows them, so that consumed bytes plus
//   rest are the input; an HTTP error line is the consumed bytes;
// - no single allocation is larger than the buffer could justify (its
//   bytes as a binary, or as a list of 16-byte terms), whatever a header
//   promises.

#include <sanitizer/allocator_interface.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include <esock/error.hpp>
#include <esock/packet.hpp>
#include <esock/term.hpp>
#include <esock/term_text.hpp>

namespace packet_fuzz {

namespace pk = esock::packet;
using esock::term;

inline bool recording = false;
inline std::size_t largest_allocation = 0;

inline void on_malloc(const volatile void* /*ptr*/, std::size_t size) {
    if (recording && size > largest_allocation) largest_allocation = size;
}
inline void on_free(const volatile void* /*ptr*/) {}

inline void check(bool ok, int line = __builtin_LINE()) {
    if (ok) return;
    std::fprintf(stderr, "packet invariant failed at line %d\n", line);
    std::abort();
}

// packet_size and line_length choices: none, small, the byte's value,
// and values near the 32-bit limits.
inline std::uint32_t limit(std::uint8_t b) {
    switch (b % 8) {
        case 0:
        case 1:
            return 0;
        case 2:
            return b / 8;
        case 3:
            return b;
        case 4:
            return static_cast<std::uint32_t>(b) << 8;
        case 5:
            return 0x7fffffffU - (b / 8);
        case 6:
            return 0xffffffffU - (b / 8);
        default:
            return 1U << (b / 8);
    }
}

inline bool same(const pk::scan_result& a, const pk::scan_result& b) {
    return a.status == b.status && a.length == b.length && a.body_offset == b.body_offset &&
           a.body_length == b.body_length;
}

// The options list that framing_of makes `f` of.
inline term options_term(const pk::framing& f) {
    static const esock::atom packet_size("packet_size");
    static const esock::atom line_length("line_length");
    static const esock::atom line_delimiter("line_delimiter");
    std::vector<term> opts{esock::tuple(packet_size, static_cast<std::int64_t>(f.packet_size)),
                           esock::tuple(line_length, static_cast<std::int64_t>(f.line_length))};
    if (f.line_delimiter != '\n') {
        opts.push_back(esock::tuple(line_delimiter, static_cast<std::int64_t>(f.line_delimiter)));
    }
    return esock::list_from(std::move(opts));
}

// The checks on one scan of `bytes`; the decoded term when it found a
// packet, for the caller's own checks.
inline std::optional<term> run_one(const pk::framing& f, std::span<const std::uint8_t> bytes) {
    const std::size_t n = bytes.size();
    const pk::scan_result r = pk::scan(f, bytes);
    switch (r.status) {
        case pk::scan_status::packet:
            check(r.length >= 1 && r.length <= n);
            check(r.body_offset + r.body_length <= r.length);
            break;
        case pk::scan_status::more:
            check(r.length == 0 || (r.length > n && r.length <= 0x7fffffffU));
            check(r.body_offset == 0 && r.body_length == 0);
            break;
        case pk::scan_status::invalid:
            break;
    }
    // Byte by byte, as a stream buffer grows. Where a header tells the
    // length, what a prefix decides the whole buffer decides the same way,
    // and a length it announces is the packet's. (Not so for raw, whose
    // packet is whatever is there, nor in OTP for line and http*: with
    // line_length a short prefix is a cut line where the whole line is too
    // long for packet_size, and "\r" alone is too long for a packet_size
    // of 1 while "\r\n" is an empty line.)
    static const term unstable = esock::lit("[raw, line, http, httph, http_bin, httph_bin]");
    const term name = pk::packet_type_term(f.type);
    bool stable = true;
    for (term t = unstable; t.is_cons(); t = *t.tail())
        stable = stable && !(*t.head() == name);
    pk::scan_state state;
    for (std::size_t m = 0; m <= n; ++m) {
        const pk::scan_result resumed = pk::scan(f, bytes.first(m), &state);
        // Fresh scans of every prefix would cost n^2: the short prefixes,
        // every 61st and the whole buffer.
        if (m <= 64 || m % 61 == 0 || m == n) check(same(resumed, pk::scan(f, bytes.first(m))));
        if (resumed.status == pk::scan_status::more) {
            if (stable && resumed.length != 0 && resumed.length <= n) {
                check(r.status == pk::scan_status::packet && r.length == resumed.length);
            }
            continue;
        }
        check(!stable || same(resumed, r));
        break;
    }
    const term bin = esock::binary(bytes);
    recording = true;
    largest_allocation = 0;
    term decoded;
    try {
        decoded = pk::decode_packet(pk::packet_type_term(f.type), bin, options_term(f));
    } catch (const esock::erl_error&) {
        std::abort();  // a valid framing never raises
    }
    recording = false;
    // A binary of the buffer's bytes, or a list of them, with its node.
    check(largest_allocation <= 16 * n + 256);
    const term* tag = decoded.element(0);
    if (r.status == pk::scan_status::more) {
        check(decoded.is_tuple(2) && !tag->is_atom(esock::atoms::ok));
        return std::nullopt;
    }
    if (r.status == pk::scan_status::invalid) {
        static const term invalid = esock::lit("{error, invalid}");
        check(decoded == invalid);
        return std::nullopt;
    }
    check(decoded.is_tuple(3) && tag->is_atom(esock::atoms::ok));
    const term& rest = *decoded.element(2);
    check(rest.binary_bytes().size() == n - r.length);
    check(std::memcmp(rest.binary_bytes().data(), bytes.data() + r.length, n - r.length) == 0);
    const term& packet = *decoded.element(1);
    check(pk::packet_term(f, bytes, r) == packet);
    if (packet.is_binary()) {
        check(packet.binary_bytes().size() == r.body_length);
        check(std::memcmp(packet.binary_bytes().data(), bytes.data() + r.body_offset,
                          r.body_length) == 0);
    }
    return packet;
}

// The framing the input's first four bytes pick among `types`, and the
// buffer after them, copied into an allocation of exactly its size.
struct input {
    pk::framing framing;
    std::unique_ptr<std::uint8_t[]> owned;
    std::span<const std::uint8_t> bytes;
};

// The packet types `names` name.
inline std::vector<pk::packet_type> types_of(std::initializer_list<const char*> names) {
    std::vector<pk::packet_type> out;
    for (const char* name : names) {
        const std::optional<pk::packet_type> type = pk::packet_type_of(esock::lit(name));
        check(type.has_value());
        out.push_back(*type);
    }
    return out;
}

inline std::optional<input> parse_input(const std::uint8_t* data, std::size_t size,
                                        const std::vector<pk::packet_type>& types) {
    static const bool hooked = [] {
        // What the packet layer sets up once (its atoms and tables) is not
        // what a decode allocates: set it up before allocations count.
        for (const char* call :
             {"{http, <<\"GET / HTTP/1.1\\r\\n\">>}", "{httph, <<\"Host: x\\r\\n\\r\\n\">>}",
              "{ssl_tls, <<22,3,1,0,0>>}", "{line, <<\"x\">>}"}) {
            const term c = esock::lit(call);
            (void)pk::decode_packet(*c.element(0), *c.element(1),
                                    esock::lit("[{packet_size, 0}, {line_length, 0}]"));
        }
        (void)pk::framing_of(esock::lit("line"), esock::lit("[{line_delimiter, 10}]"));
        __sanitizer_install_malloc_and_free_hooks(on_malloc, on_free);
        return true;
    }();
    (void)hooked;
    if (size < 4) return std::nullopt;
    const pk::packet_type type = types[data[0] % types.size()];
    input in{pk::framing{type}, nullptr, {}};
    in.framing.packet_size = limit(data[1]);
    in.framing.line_length = limit(data[2]);
    static const term delimiter_option = esock::lit("[{line_delimiter, 10}]");
    if (pk::framing_of(pk::packet_type_term(type), delimiter_option)) {
        in.framing.line_delimiter = data[3];
    }
    const std::size_t n = size - 4;
    in.owned = std::make_unique<std::uint8_t[]>(n);
    if (n != 0) std::memcpy(in.owned.get(), data + 4, n);
    in.bytes = std::span<const std::uint8_t>(in.owned.get(), n);
    // framing_of gives back the framing the options term describes.
    const std::optional<pk::framing> again =
        pk::framing_of(pk::packet_type_term(in.framing.type), options_term(in.framing));
    check(again && again->packet_size == in.framing.packet_size &&
          again->line_length == in.framing.line_length &&
          again->line_delimiter == in.framing.line_delimiter);
    return in;
}

}  // namespace packet_fuzz

#endif  // ESOCK_FUZZ_PACKET_FUZZ_HPP
