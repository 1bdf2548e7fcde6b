// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_SOCKET_CORE_STATE_HPP
#define ESOCK_SOCKET_CORE_STATE_HPP

// The nowait/select state machine: the only code that changes a socket's
// waiters, its poller registrations, its open/closed, connect and transfer
// state, and that decides how a call waits. docs/state-machine.md describes
// its states, events and messages. The functions marked "lock held" expect
// the record's lock; run() takes it itself.

#include <esock/process.hpp>
#include <esock/term.hpp>

#include "socket/core/operation.hpp"
#include "socket/core/record.hpp"

namespace esock::socket::core {

/// Runs `op` on `r` with timeout `t`: tries the system call on the
/// non-blocking fd first; on EAGAIN queues the caller in the operation's
/// side, returns {select, ...} for nowait forms, or waits (in poll(2) on the
/// fd when the caller is at the head, else for its select message) and tries
/// again, until done, timed out or closed. Thread-safe; takes r.mu itself.
[[nodiscard]] term run(socket_record& r, const timeout_arg& t, operation& op);

/// Closes the socket: abort {Handle, closed} to every current and queued
/// caller, the fd unregistered and closed (when owned), the owner released,
/// the record retired. Lock held.
void close(socket_record& r);

/// Removes `p`'s entry with `handle` (any handle when `any_handle`) from
/// side `k`, activating the next caller if it was current, and removes its
/// select and abort messages from its mailbox. False when it had none.
/// Lock held.
bool cancel(socket_record& r, side_kind k, const process& p, const term& handle, bool any_handle);

/// A fatal error ended the current read: every queued (not current) reader
/// gets abort {Handle, Reason} and is dropped, as in OTP. Lock held.
void abort_queued_readers(socket_record& r, const term& reason);

/// `p`'s end is to reach the state machine for `r` (its waiters, poller
/// registration, monitors and, if it owns `r`, the socket itself).
void watch_exit(process& p, const socket_record& r);
/// `p` left a part it had in `r` (a monitor, a wait, ownership): when it has
/// none left, its end need not reach `r` any more. Lock held.
void release_exit_key(const socket_record& r, process& p);

/// setopt({otp, use_registry}, true): the socket is in the registry from
/// now on. Lock held.
void register_socket(socket_record& r);

/// Makes `next` the owner (setopt controlling_process). When it has ended
/// already the socket is closed, as when an owner dies. Lock held.
void change_owner(socket_record& r, process_ptr next);

/// Whether `caller` has side `k`'s turn (is its current caller). Lock held.
[[nodiscard]] bool is_current(const socket_record& r, side_kind k, const process& caller) noexcept;

// ---- life-cycle flags (info/1's rstates and wstates); lock held --------------

void note_bound(socket_record& r) noexcept;
void note_listening(socket_record& r) noexcept;
/// A connect is under way (EINPROGRESS) / connected / no longer in progress
/// (failed, or cancelled).
void note_connect_started(socket_record& r) noexcept;
void note_connected(socket_record& r) noexcept;
void note_connect_ended(socket_record& r) noexcept;

/// connect/1: the outcome of the caller's connect in progress: ok, {error,
/// Reason}, or nullopt while it is still in progress. Completes the
/// caller's turn as connector once it has one. Lock held.
[[nodiscard]] std::optional<term> finish_connect(socket_record& r, const process& caller);

// ---- sendfile transfers; lock held --------------------------------------------

/// Whether `caller` is the current writer with a transfer of its own that
/// waits for its continuation.
[[nodiscard]] bool owns_pending_transfer(const socket_record& r, const process& caller) noexcept;
/// The descriptor a queued nowait start left for select handle `h`, taken
/// back (owned by the caller now), or -1.
[[nodiscard]] int take_queued_transfer(socket_record& r, const term& h);
/// Keeps `fd` (owned) for the queued nowait start with select handle `h`.
void keep_queued_transfer(socket_record& r, const term& h, int fd);
/// The transfer in progress uses `fd` (owned) from now on, closing one a
/// cancelled transfer left.
void start_transfer(socket_record& r, int fd);
/// The transfer in progress ended: its descriptor is closed.
void end_transfer(socket_record& r) noexcept;

}  // namespace esock::socket::core

#endif  // ESOCK_SOCKET_CORE_STATE_HPP
