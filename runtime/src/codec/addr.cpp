#include "addr.hpp"

#include <arpa/inet.h>

#include <cstdint>
#include <cstring>

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

std::optional<in_addr> encode_in_addr(const term& t) {
    in_addr a{};
    if (t.is_atom(atoms::any)) {
        a.s_addr = htonl(INADDR_ANY);
        return a;
    }
    if (t.is_atom(atoms::loopback)) {
        a.s_addr = htonl(INADDR_LOOPBACK);
        return a;
    }
    if (t.is_atom(atoms::broadcast)) {
        a.s_addr = htonl(INADDR_BROADCAST);
        return a;
    }
    std::uint32_t p[4];
    if (!read_parts(t, 4, 255, p)) return std::nullopt;
    a.s_addr = htonl((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]);
    return a;
}

term decode_in_addr(const in_addr& a) {
    const std::uint32_t h = ntohl(a.s_addr);
    return tuple(static_cast<int>(h >> 24), static_cast<int>((h >> 16) & 0xff),
                 static_cast<int>((h >> 8) & 0xff), static_cast<int>(h & 0xff));
}

std::optional<in6_addr> encode_in6_addr(const term& t) {
    if (t.is_atom(atoms::any)) return in6addr_any;
    if (t.is_atom(atoms::loopback)) return in6addr_loopback;
    std::uint32_t p[8];
    if (!read_parts(t, 8, 0xffff, p)) return std::nullopt;
    in6_addr a{};
    for (std::size_t i = 0; i < 8; ++i) {
        a.s6_addr[2 * i] = static_cast<std::uint8_t>(p[i] >> 8);
        a.s6_addr[2 * i + 1] = static_cast<std::uint8_t>(p[i] & 0xff);
    }
    return a;
}

term decode_in6_addr(const in6_addr& a) {
    term parts[8];
    for (std::size_t i = 0; i < 8; ++i) {
        parts[i] = term((static_cast<int>(a.s6_addr[2 * i]) << 8) | a.s6_addr[2 * i + 1]);
    }
    return tuple_from(std::span<const term>(parts, 8));
}

}  // namespace esock::codec
