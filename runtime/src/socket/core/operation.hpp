// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_SOCKET_CORE_OPERATION_HPP
#define ESOCK_SOCKET_CORE_OPERATION_HPP

// The one contract of a socket call that may have to wait (recv, send,
// accept, connect, sendmsg, recvmsg, sendfile, ...): its system call and
// what it has done so far. The state machine's runner (state.hpp) does the
// rest for every one of them alike: the turn taking, the select and abort
// messages, nowait and timeouts, and the result shapes (results.hpp).

#include <cstdint>
#include <optional>

#include <esock/term.hpp>

#include "socket/core/record.hpp"

namespace esock::socket::core {

/// A decoded Timeout argument: infinity, a number of milliseconds (0 tries
/// once without waiting), nowait, or a reference to use as the select handle.
struct timeout_arg {
    enum class kind : std::uint8_t { infinite, millis, nowait, handle } k = kind::infinite;
    std::int64_t ms = 0;
    term handle;  // for kind::handle

    [[nodiscard]] bool is_async() const noexcept { return k == kind::nowait || k == kind::handle; }
    /// Timeout 0: one attempt, no wait.
    [[nodiscard]] bool polls_once() const noexcept { return k == kind::millis && ms == 0; }
};

/// What attempt() says: the call is done (`result` is set), or it must wait:
/// `again` when its system call would block (EAGAIN), `short_of` when that
/// call moved bytes but fewer than the call needs. After `short_of` the
/// kernel may still hold what a poller reported earlier and will not
/// report again (a stream's end or error behind the last bytes), so the
/// wait asks the poller to look at the fd anew.
enum class step : std::uint8_t { done, again, short_of };

/// How a call ends before it is done: a nowait call that has to wait, a
/// timeout, or the socket closed (or the wait aborted) under it.
enum class ending : std::uint8_t { select, timeout, closed };

class operation {
  public:
    explicit operation(side_kind side) noexcept : side_(side) {}
    operation(const operation&) = delete;
    operation& operator=(const operation&) = delete;
    virtual ~operation() = default;

    /// The system call on the non-blocking fd, with the record's lock held:
    /// step::done with `result` set, else why it must wait (step).
    virtual step attempt(socket_record& r) = 0;
    /// The SelectInfo tag (recv, {send, Flags}, sendfile, ...).
    [[nodiscard]] virtual term tag() const = 0;
    /// An answer the socket's state gives before any attempt (a connect
    /// while one is pending), else nullopt. Lock held; called once.
    virtual std::optional<term> refuse(socket_record& r, const process& caller) {
        (void)r, (void)caller;
        return std::nullopt;
    }
    /// Whether Timeout 0 only looks, without a select (recv, recvfrom and
    /// recvmsg in OTP 25); the other calls select and cancel at once, which
    /// info/1 shows as the side's `selected` state and counts as a wait.
    [[nodiscard]] virtual bool peeks_at_zero() const noexcept { return false; }
    /// What the call has done so far, for a result of `e` that ends it
    /// before it is done ({select, {SI, Rest}}, {error, {timeout, Rest}},
    /// {error, {Reason, Rest}}); nil for nothing (the short shapes). Called
    /// once, with the lock held; it may hand over what it holds.
    virtual term rest(ending e) {
        (void)e;
        return term();
    }
    /// The call starts to wait (its process is current or queued in its
    /// side): counts the wait. Lock held.
    virtual void on_wait(socket_record& r);
    /// A nowait call returns {select, ...} with `handle`. Lock held.
    virtual void on_select(socket_record& r, const term& handle) { (void)r, (void)handle; }
    /// A call gives up at its timeout, after its withdrawal. Lock held.
    virtual void on_timeout(socket_record& r) { (void)r; }
    /// Whether a blocking call may wait before its first attempt when the
    /// last blocking call on its side had to (recv and send: their results
    /// do not depend on whether the call waited).
    [[nodiscard]] virtual bool predictable() const noexcept { return false; }

    [[nodiscard]] side_kind side() const noexcept { return side_; }

    term result;

  private:
    side_kind side_;
};

}  // namespace esock::socket::core

#endif  // ESOCK_SOCKET_CORE_OPERATION_HPP
