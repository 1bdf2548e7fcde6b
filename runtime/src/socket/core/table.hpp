// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_SOCKET_CORE_TABLE_HPP
#define ESOCK_SOCKET_CORE_TABLE_HPP

// Where socket records live: a table of immortal records by slot, so that a
// socket term, a poller key or an exit key finds its record in O(1), and
// closed records serve new sockets once no term refers to them. Used by the
// state machine only.

#include <cstdint>
#include <mutex>

#include "socket/core/record.hpp"

namespace esock::socket::core::table {

/// Socket references are numbered apart from make_ref()'s counter: the
/// socket's id (slot and generation) above this.
inline constexpr std::uint64_t ref_base = std::uint64_t{1} << 47;

/// A record for a new socket, emptied, with its lock held through `lk` and
/// its id set; nullptr when the table is full.
[[nodiscard]] socket_record* claim(std::unique_lock<std::mutex>& lk);

/// The record of socket `id` (a poller or exit key), locked through `lk`;
/// nullptr when the socket is closed or its record serves another one now.
[[nodiscard]] socket_record* lock_open(std::uint64_t id, std::unique_lock<std::mutex>& lk);

/// A closed record may serve again once its term is gone. Lock held.
void retire(socket_record& r);

}  // namespace esock::socket::core::table

#endif  // ESOCK_SOCKET_CORE_TABLE_HPP
