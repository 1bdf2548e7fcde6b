// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_SOCKET_CORE_REGISTRY_HPP
#define ESOCK_SOCKET_CORE_REGISTRY_HPP

// What the socket module knows of all its sockets at once: the registry
// (which sockets exist, indexed by domain, type, protocol and owner, so that
// number_of and which_sockets cost O(what they return)), the socket
// monitors, the global counters of info/0 and the module-wide settings.
// The state machine keeps them up to date as sockets open, change owner and
// close (state.cpp); the registry layer (runtime/src/registry) answers the
// calls over them. Thread-safe: the registry's own locks are leaves, taken
// inside a record's lock and never around one.

#include <atomic>
#include <cstdint>
#include <optional>
#include <vector>

#include <esock/process.hpp>
#include <esock/term.hpp>

#include "socket/core/record.hpp"

namespace esock::socket::core::registry {

/// The module-wide settings info/0 reports.
struct settings {
    /// Whether new sockets are registered (use_registry/1).
    std::atomic<bool> use_registry{true};
    std::atomic<bool> debug{false};
    std::atomic<bool> socket_debug{false};
    std::atomic<bool> iow{false};
};
[[nodiscard]] settings& global() noexcept;

// ---- membership; the record's lock held --------------------------------------------

/// A new or newly registered socket (idempotent).
void enter(socket_record& r);
/// A closing socket.
void leave(socket_record& r);
/// The owner is about to change to `next` (the record still has the old).
void owner_changes(socket_record& r, const process& next);

// ---- queries ------------------------------------------------------------------------

[[nodiscard]] std::size_t number_of() noexcept;
/// The sockets of the registry, every one or those whose info/1 `field`
/// (domain, type or protocol) is the atom `value`, or whose owner is the pid
/// `value`. O(matching sockets).
enum class field : std::uint8_t { domain, type, protocol, owner };
[[nodiscard]] std::vector<term> sockets();
[[nodiscard]] std::vector<term> sockets(field f, const term& value);

// ---- the global counters ------------------------------------------------------------

/// A socket opens or closes: the counters of its domain, type and protocol.
void count_open(const socket_record& r) noexcept;
void count_close(const socket_record& r) noexcept;
/// info/0's counters map.
[[nodiscard]] term counters_map();

// ---- monitors -----------------------------------------------------------------------

/// monitor(Socket) by `watcher`: the new monitor's reference. A closed
/// socket's {'DOWN', ...} is delivered at once. Registers the socket, as
/// OTP 25 does. Takes the record's lock.
[[nodiscard]] term monitor(socket_record& r, const process_ptr& watcher);
/// cancel_monitor(Ref) by `caller`.
enum class cancelled : std::uint8_t { yes, unknown, not_owner };
[[nodiscard]] cancelled cancel_monitor(const term& ref, const process& caller);
[[nodiscard]] std::size_t number_of_monitors() noexcept;
/// The monitors `pid` holds.
[[nodiscard]] std::vector<term> monitors_by(const term& pid);
/// The monitors of `r` and the processes holding them (sorted, each once).
/// Take the record's lock.
[[nodiscard]] std::vector<term> monitors_of(socket_record& r);
[[nodiscard]] std::vector<term> monitoring(socket_record& r);

/// The socket closes: every monitor's 'DOWN' is delivered and the monitors
/// end. Lock held.
void close_monitors(socket_record& r);
/// `watcher` ended: its monitors of `r` end. Lock held.
void drop_monitors_of(socket_record& r, const process& watcher);

}  // namespace esock::socket::core::registry

#endif  // ESOCK_SOCKET_CORE_REGISTRY_HPP
