#ifndef ESOCK_REACTOR_REACTOR_HPP
#define ESOCK_REACTOR_REACTOR_HPP

// The reactor: one thread running an epoll loop. A socket's fd is registered
// once with a 64-bit cookie; the socket layer arms it one-shot for the
// directions whose head-of-queue caller waits, and the reactor hands each
// readiness event to the dispatcher, which turns it into select messages.
// The fd must stay registered while armed; epoll registrations vanish when
// the fd is closed.

#include <cstdint>

namespace esock::detail {

/// Receives (cookie, epoll events) on the reactor thread. It must not block.
using ready_handler = void (*)(std::uint64_t cookie, std::uint32_t events);

class reactor {
public:
    /// The process-wide reactor; starts its thread on first use. Immortal.
    static reactor& instance();

    /// Sets the dispatcher (once, before any fd is armed).
    static void set_handler(ready_handler handler) noexcept;

    /// Registers `fd` disarmed. Returns 0 or an errno value.
    [[nodiscard]] int add(int fd, std::uint64_t cookie) const noexcept;
    /// Arms `fd` one-shot for `events` (EPOLLIN/EPOLLOUT bits), replacing the
    /// previous interest; events == 0 disarms. Returns 0 or an errno value.
    [[nodiscard]] int arm(int fd, std::uint64_t cookie, std::uint32_t events) const noexcept;
    /// Unregisters `fd` (before it is closed). Idempotent.
    void remove(int fd) const noexcept;

    reactor(const reactor&) = delete;
    reactor& operator=(const reactor&) = delete;

private:
    reactor();
    void run() noexcept;
    int epfd_;
};

}  // namespace esock::detail

#endif  // ESOCK_REACTOR_REACTOR_HPP
