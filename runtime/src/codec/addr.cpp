// SPDX-License-Identifier: Apache-2.0
#include "codec/addr.hpp"

#include <cstdint>
#include <span>

namespace esock::codec {

namespace {

// Reads a tuple of `arity` integers each in [0, max]; false on any mismatch.
bool read_parts(const term& t, std::size_t arity, std::int64_t max, std::uint32_t* out) {
    if (!t.is_tuple(arity)) return false;
    auto elems = t.tuple_elements();
    for (std::size_t i = 0; i < arity; ++i) {
        auto v = elems[i].as_int();
        if (!v || *v < 0 || *v > max) return false;
        out[i] = static_cast<std::uint32_t>(*v);
    }
    return true;
}

}  // namespace

std::optional<ipv4_bytes> encode_in_addr(const term& t) {
    // INADDR_ANY, INADDR_LOOPBACK and INADDR_BROADCAST are IPv4's own.
    if (t.is_atom(atoms::any)) return ipv4_bytes{0, 0, 0, 0};
    if (t.is_atom(atoms::loopback)) return ipv4_bytes{127, 0, 0, 1};
    if (t.is_atom(atoms::broadcast)) return ipv4_bytes{255, 255, 255, 255};
    std::uint32_t p[4];
    if (!read_parts(t, 4, 255, p)) return std::nullopt;
    return ipv4_bytes{static_cast<std::uint8_t>(p[0]), static_cast<std::uint8_t>(p[1]),
                      static_cast<std::uint8_t>(p[2]), static_cast<std::uint8_t>(p[3])};
}

term decode_in_addr(const ipv4_bytes& a) {
    return tuple(static_cast<int>(a[0]), static_cast<int>(a[1]), static_cast<int>(a[2]),
                 static_cast<int>(a[3]));
}

std::optional<ipv6_bytes> encode_in6_addr(const term& t) {
    // :: and ::1, IPv6's own.
    if (t.is_atom(atoms::any)) return ipv6_bytes{};
    if (t.is_atom(atoms::loopback)) {
        ipv6_bytes a{};
        a[15] = 1;
        return a;
    }
    std::uint32_t p[8];
    if (!read_parts(t, 8, 0xffff, p)) return std::nullopt;
    ipv6_bytes a{};
    for (std::size_t i = 0; i < 8; ++i) {
        a[2 * i] = static_cast<std::uint8_t>(p[i] >> 8);
        a[2 * i + 1] = static_cast<std::uint8_t>(p[i] & 0xff);
    }
    return a;
}

term decode_in6_addr(const ipv6_bytes& a) {
    term parts[8];
    for (std::size_t i = 0; i < 8; ++i) {
        parts[i] = term((static_cast<int>(a[2 * i]) << 8) | a[2 * i + 1]);
    }
    return tuple_from(std::span<const term>(parts, 8));
}

}  // namespace esock::codec
