// SPDX-License-Identifier: Apache-2.0
#include "codec/primitives.hpp"

namespace esock::codec {

std::optional<native_value> encode_string(const term& t, std::size_t max_length) {
    native_value out;
    term rest = t;
    // Bounded by max_length + 1 iterations: longer lists are rejected.
    while (rest.is_cons()) {
        if (out.bytes.size() >= max_length) return std::nullopt;
        const auto c = rest.head()->as_int();
        if (!c || *c < 0 || *c > 255) return std::nullopt;
        out.bytes.push_back(static_cast<std::uint8_t>(*c));
        rest = *rest.tail();
    }
    if (!rest.is_nil()) return std::nullopt;  // improper list or not a list
    return out;
}

term decode_string(std::span<const std::uint8_t> bytes, std::size_t get_size) {
    std::size_t n = bytes.size() < get_size ? bytes.size() : get_size;
    // The kernel writes C strings; the NUL and any padding after it are not
    // part of the value (OTP 25 returns them: docs/deviations.md).
    for (std::size_t i = 0; i < n; ++i) {
        if (bytes[i] == 0) {
            n = i;
            break;
        }
    }
    return latin1_string(std::string_view(reinterpret_cast<const char*>(bytes.data()), n));
}

const term* map_field(const term& m, std::string_view key) {
    if (!m.is_map()) return nullptr;
    return m.map_get(term(atom(key)));
}

}  // namespace esock::codec
