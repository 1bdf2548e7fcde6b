// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_CODEC_PRIMITIVES_HPP
#define ESOCK_CODEC_PRIMITIVES_HPP

// The hand-written primitive codecs the generated value codecs call:
// integers and booleans of any C integer type, strings, IPv4/IPv6 addresses,
// and reading a C struct out of a byte span. Pure functions, thread-safe.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <span>
#include <string_view>
#include <type_traits>

#include <esock/term.hpp>

#include "codec/addr.hpp"
#include "codec/tables.hpp"

namespace esock::codec {

/// Whether `v` fits the C integer type T.
template <class T>
[[nodiscard]] constexpr bool fits(std::int64_t v) noexcept {
    static_assert(std::is_integral_v<T>);
    if constexpr (std::is_signed_v<T>) {
        return v >= static_cast<std::int64_t>(std::numeric_limits<T>::min()) &&
               v <= static_cast<std::int64_t>(std::numeric_limits<T>::max());
    } else {
        return v >= 0 && static_cast<std::uint64_t>(v) <= std::numeric_limits<T>::max();
    }
}

/// Stores integer `v` in `dst` when it is in T's range.
template <class T>
[[nodiscard]] bool put_int_value(T& dst, std::int64_t v) noexcept {
    if (!fits<T>(v)) return false;
    dst = static_cast<T>(v);
    return true;
}

/// Stores the integer term `t` in `dst`; false when `t` is not an integer in
/// T's range.
template <class T>
[[nodiscard]] bool put_int(T& dst, const term& t) noexcept {
    const auto v = t.as_int();
    return v.has_value() && put_int_value(dst, *v);
}

/// The integer term of `v`.
template <class T>
[[nodiscard]] term get_int(const T& v) {
    if constexpr (std::is_unsigned_v<T> && sizeof(T) >= 8) {
        // Values above INT64_MAX cannot be terms in this model; saturate.
        return term(
            static_cast<std::int64_t>(v > static_cast<T>(std::numeric_limits<std::int64_t>::max())
                                          ? std::numeric_limits<std::int64_t>::max()
                                          : static_cast<std::int64_t>(v)));
    } else {
        return term(static_cast<std::int64_t>(v));
    }
}

/// Stores true as 1 and false as 0; false for any other term.
template <class T>
[[nodiscard]] bool put_bool(T& dst, const term& t) noexcept {
    const auto b = t.as_bool();
    if (!b) return false;
    dst = static_cast<T>(*b ? 1 : 0);
    return true;
}

/// true for any nonzero value, as C reads a flag.
template <class T>
[[nodiscard]] term get_bool(const T& v) noexcept {
    return boolean(v != 0);
}

/// {A,B,C,D} or any | loopback | broadcast into a C in_addr (T), which is
/// its four bytes in network order.
template <class T>
[[nodiscard]] bool put_in_addr(T& dst, const term& t) {
    static_assert(sizeof(T) == sizeof(ipv4_bytes) && std::is_trivially_copyable_v<T>);
    const auto a = encode_in_addr(t);
    if (!a) return false;
    std::memcpy(&dst, a->data(), a->size());
    return true;
}
template <class T>
[[nodiscard]] term get_in_addr(const T& v) {
    static_assert(sizeof(T) == sizeof(ipv4_bytes) && std::is_trivially_copyable_v<T>);
    ipv4_bytes a;
    std::memcpy(a.data(), &v, a.size());
    return decode_in_addr(a);
}
/// An 8-tuple of 16-bit integers or any | loopback into a C in6_addr (T),
/// its sixteen bytes in network order.
template <class T>
[[nodiscard]] bool put_in6_addr(T& dst, const term& t) {
    static_assert(sizeof(T) == sizeof(ipv6_bytes) && std::is_trivially_copyable_v<T>);
    const auto a = encode_in6_addr(t);
    if (!a) return false;
    std::memcpy(&dst, a->data(), a->size());
    return true;
}
template <class T>
[[nodiscard]] term get_in6_addr(const T& v) {
    static_assert(sizeof(T) == sizeof(ipv6_bytes) && std::is_trivially_copyable_v<T>);
    ipv6_bytes a;
    std::memcpy(a.data(), &v, a.size());
    return decode_in6_addr(a);
}

/// A copy of the T at the start of `bytes`; nullopt when there are fewer
/// than sizeof(T) bytes (a short optlen or cmsg_len is never trusted).
template <class T>
[[nodiscard]] std::optional<T> read_native(std::span<const std::uint8_t> bytes) noexcept {
    static_assert(std::is_trivially_copyable_v<T>);
    if (bytes.size() < sizeof(T)) return std::nullopt;
    T v;
    std::memcpy(&v, bytes.data(), sizeof(T));
    return v;
}

/// The bytes of `v`.
template <class T>
[[nodiscard]] native_value native_of(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    native_value out;
    out.bytes.resize(sizeof(T));
    std::memcpy(out.bytes.data(), &v, sizeof(T));
    return out;
}

/// A string term (a proper list of byte values 0..255) of at most
/// `max_length` elements, as bytes without a terminating NUL.
[[nodiscard]] std::optional<native_value> encode_string(const term& t, std::size_t max_length);
/// A string literal as a template argument (for static_atom).
template <std::size_t N>
struct literal {
    char chars[N];
    // NOLINTNEXTLINE(google-explicit-constructor): literal<"x"> is the point
    constexpr literal(const char (&s)[N]) noexcept {
        for (std::size_t i = 0; i < N; ++i)
            chars[i] = s[i];
    }
};

/// The atom `Name`, interned on first use only: the codecs run on every
/// getopt and setopt, and interning costs a hash lookup under the atom
/// table's lock. Thread-safe.
template <literal Name>
[[nodiscard]] atom static_atom() {
    static const atom a(std::string_view(Name.chars, sizeof(Name.chars) - 1));
    return a;
}

/// The first `get_size` bytes at most, up to the first NUL, as a list of
/// byte values (OTP 25 keeps the NUL and padding: docs/deviations.md).
[[nodiscard]] term decode_string(std::span<const std::uint8_t> bytes, std::size_t get_size);

/// The value under atom key `key` of map `m`, or nullptr (also when `m` is
/// not a map).
[[nodiscard]] const term* map_field(const term& m, std::string_view key);
/// The value under `key` of map `m`, or nullptr (also when `m` is not a map).
[[nodiscard]] inline const term* map_field(const term& m, atom key) {
    return m.is_map() ? m.map_get(term(key)) : nullptr;
}

}  // namespace esock::codec

#endif  // ESOCK_CODEC_PRIMITIVES_HPP
