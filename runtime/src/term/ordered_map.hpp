// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_TERM_ORDERED_MAP_HPP
#define ESOCK_TERM_ORDERED_MAP_HPP

// Maps whose keys the caller already gives unique and in term order: the
// decoders', whose keys are fixed atoms (a decoded struct, a sockaddr, a
// control message, recvmsg's result). map() would compare every key with
// the next to find that out, and copy every entry; a received datagram
// builds a dozen such maps.
// Internal to the runtime.

#include <cstddef>
#include <span>

#include <esock/term.hpp>

namespace esock::detail {

/// The map of `entries`, moved into it, whose keys must be unique and
/// ascending in term order. Not checked: every caller's decoded maps are
/// compared with expected ones in the tests, and a map built out of order
/// equals no map (tests/spec/generator_test.py holds the generated ones).
[[nodiscard]] term map_taking_in_key_order(std::span<map_entry> entries);

/// map_in_key_order({{k1, v1}, {k2, v2}}): as map_taking_in_key_order, with
/// the entries written in place; values move into the map, no reference
/// count goes up and down on the way.
template <std::size_t N>
[[nodiscard]] term map_in_key_order(map_entry (&&entries)[N]) {
    return map_taking_in_key_order(std::span<map_entry>(entries, N));
}

}  // namespace esock::detail

#endif  // ESOCK_TERM_ORDERED_MAP_HPP
