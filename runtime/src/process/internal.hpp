// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_PROCESS_INTERNAL_HPP
#define ESOCK_PROCESS_INTERNAL_HPP

// What the runtime's upper layers need of a process beyond its public,
// Erlang-shaped interface: its poller (the socket layer registers the
// descriptors its operations wait for there), exit keys (so that a
// process's end closes the sockets it owns and drops its waiters), and a
// blocking wait on one descriptor that a message still interrupts.
// Internal to the runtime.

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdint>
#include <span>
#include <type_traits>

#include <esock/process.hpp>

#include "reactor/poller.hpp"

namespace esock::process_internal {

/// Told when a process that registered exit keys ends, on the ending
/// thread, with each key once.
class exit_watcher {
  public:
    virtual void process_ended(process& p, std::span<const std::uint64_t> keys) = 0;

  protected:
    exit_watcher() = default;
    exit_watcher(const exit_watcher&) = default;
    exit_watcher& operator=(const exit_watcher&) = default;
    ~exit_watcher() = default;
};

/// The process's poller; open() it before registering. It lives as long as
/// the process object. receive() waits in it once it is open.
[[nodiscard]] reactor::poller& poller_of(process& p) noexcept;

/// Opens `p`'s poller from any thread (a layer that registers readiness
/// for another process, as gen_tcp does for a socket's new controlling
/// process): a receive `p` sleeps in without one moves into it, so that the
/// readiness reaches it. 0 or the errno. Thread-safe.
[[nodiscard]] int open_poller(process& p) noexcept;

/// Registers `key` (idempotent) for `watcher`, which must outlive every
/// process; unregisters it. Thread-safe.
void add_exit_key(process& p, std::uint64_t key, exit_watcher& watcher);
void remove_exit_key(process& p, std::uint64_t key);
/// How many keys `p` holds: a process that has left every socket holds
/// none (what tests of long-lived processes check). Thread-safe.
[[nodiscard]] std::size_t exit_key_count(process& p);

/// How a wait_on_fd ended.
enum class woken : std::uint8_t { fd_ready, message, timeout };

/// The time `timeout_ms` (>= 0) from now. A timeout past what the clock
/// can hold (a century) is a century: as good as never, without overflow.
[[nodiscard]] inline std::chrono::steady_clock::time_point deadline_after(
    std::int64_t timeout_ms) noexcept {
    constexpr std::int64_t century_ms = 100LL * 366 * 24 * 3600 * 1000;
    return std::chrono::steady_clock::now() +
           std::chrono::milliseconds(std::clamp<std::int64_t>(timeout_ms, 0, century_ms));
}

/// What is left until `deadline` as a poll(2)/epoll_wait(2) timeout: whole
/// milliseconds rounded up (so that a wait never ends before its deadline),
/// at most INT_MAX (a longer wait is made of several).
[[nodiscard]] inline int poll_timeout_until(
    std::chrono::steady_clock::time_point deadline) noexcept {
    const auto left =
        std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now())
            .count();
    return static_cast<int>(std::clamp<std::int64_t>(left, 0, INT_MAX));
}

namespace detail {
using match_fn = bool (*)(const term&, void*);
woken wait_on_fd(process& p, int fd, std::uint32_t events, std::int64_t timeout_ms, match_fn match,
                 void* ctx);
}  // namespace detail

/// For the owning thread of `p`: sleeps in poll(2) until `fd` is ready for
/// `events` (sys::ready bits) or has an error, a message `match` accepts is
/// in the mailbox, or `timeout_ms` passes (infinity_ms: never). A closed
/// descriptor's number may be reused meanwhile: the caller checks again
/// under its own lock.
template <class F>
woken wait_on_fd(process& p, int fd, std::uint32_t events, std::int64_t timeout_ms, F& match) {
    using fn = std::remove_reference_t<F>;
    return detail::wait_on_fd(
        p, fd, events, timeout_ms,
        [](const term& t, void* ctx) { return static_cast<bool>((*static_cast<fn*>(ctx))(t)); },
        static_cast<void*>(&match));
}

}  // namespace esock::process_internal

#endif  // ESOCK_PROCESS_INTERNAL_HPP
