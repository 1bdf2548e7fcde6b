// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_SYS_POLL_HPP
#define ESOCK_SYS_POLL_HPP

// Readiness: the epoll instances, eventfds and poll(2) calls the reactor
// layer is built from, with readiness as this layer's own bits so that no
// layer above includes <sys/epoll.h>. Thread-safe as the system calls are.

#include <cstdint>
#include <span>

#include "sys/calls.hpp"

namespace esock::sys {

/// Readiness bits (a descriptor's events in a poller, and what it reports).
namespace ready {
inline constexpr std::uint32_t in = 1;      ///< readable (EPOLLIN)
inline constexpr std::uint32_t out = 2;     ///< writable (EPOLLOUT)
inline constexpr std::uint32_t error = 4;   ///< EPOLLERR
inline constexpr std::uint32_t hangup = 8;  ///< EPOLLHUP
inline constexpr std::uint32_t rdhup = 16;  ///< EPOLLRDHUP (peer shut down writing)
}  // namespace ready

/// One event an epoll instance reported: the key a descriptor was
/// registered with and its readiness bits.
struct poll_event {
    std::uint64_t key = 0;
    std::uint32_t events = 0;
};

/// epoll_create1; the instance's descriptor in `value`.
[[nodiscard]] result epoll_open() noexcept;
/// Adds, changes or removes `fd` in `epoll` with `events` (ready bits),
/// edge-triggered when `edge`, reporting `key`. 0 or the errno.
[[nodiscard]] int epoll_add(int epoll, int fd, std::uint32_t events, bool edge,
                            std::uint64_t key) noexcept;
[[nodiscard]] int epoll_modify(int epoll, int fd, std::uint32_t events, bool edge,
                               std::uint64_t key) noexcept;
[[nodiscard]] int epoll_remove(int epoll, int fd) noexcept;
/// epoll_wait for up to `timeout_ms` (-1: forever) into `out`; the number
/// of events in `value` (0 on timeout).
[[nodiscard]] result epoll_wait(int epoll, std::span<poll_event> out, int timeout_ms) noexcept;

/// A non-blocking eventfd; its descriptor in `value`.
[[nodiscard]] result eventfd_open() noexcept;
/// Makes the eventfd readable (adds one to its count).
void eventfd_signal(int fd) noexcept;
/// Resets the eventfd's count (it is no longer readable).
void eventfd_drain(int fd) noexcept;

/// poll(2) of `fd` for `events` (ready bits) and, when `wake_fd` >= 0, of
/// `wake_fd` for readability, for up to `timeout_ms` (-1: forever).
struct poll2_result {
    int error = 0;            ///< errno (EINTR, ...), 0 on success or timeout
    bool fd_ready = false;    ///< fd has one of `events`, or an error or hangup
    bool wake_ready = false;  ///< wake_fd is readable
};
[[nodiscard]] poll2_result poll2(int fd, std::uint32_t events, int wake_fd,
                                 int timeout_ms) noexcept;

}  // namespace esock::sys

#endif  // ESOCK_SYS_POLL_HPP
