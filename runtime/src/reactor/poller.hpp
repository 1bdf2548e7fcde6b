// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_REACTOR_POLLER_HPP
#define ESOCK_REACTOR_POLLER_HPP

// A poller: the epoll instance in which one process waits (as each Erlang
// scheduler polls for its own processes), with an eventfd that other
// threads signal to wake it. Descriptors are registered with a key and the
// readiness_sink that turns their events into something the process
// understands (the socket layer's state machine: select messages). The
// owning thread waits in dispatch(), which hands every event to the sink on
// that same thread, so readiness reaches the waiting thread with one wake-up.
// Internal to the runtime.

#include <atomic>
#include <cstdint>
#include <mutex>

namespace esock::reactor {

/// What a registered descriptor's events go to. Called on the polling
/// thread, with no poller lock held.
class readiness_sink {
  public:
    virtual void ready(std::uint64_t key, std::uint32_t events) = 0;

  protected:
    readiness_sink() = default;
    readiness_sink(const readiness_sink&) = default;
    readiness_sink& operator=(const readiness_sink&) = default;
    ~readiness_sink() = default;
};

class poller {
  public:
    poller() = default;
    ~poller();
    poller(const poller&) = delete;
    poller& operator=(const poller&) = delete;

    /// Creates the epoll instance and the wake eventfd (idempotent). 0 or
    /// the errno when they cannot be created. Thread-safe.
    [[nodiscard]] int open() noexcept;
    /// True once open() succeeded. Thread-safe.
    [[nodiscard]] bool is_open() const noexcept {
        return epoll_.load(std::memory_order_acquire) >= 0;
    }

    /// The eventfd alone (created on first use, also when the epoll instance
    /// is not): what a thread blocked in poll(2) on one descriptor watches
    /// to be woken. -errno when it cannot be created. Thread-safe.
    [[nodiscard]] int wake_fd() noexcept;
    /// Makes the eventfd readable: a thread sleeping in dispatch() or in a
    /// poll(2) of wake_fd() returns. Thread-safe.
    void wake() noexcept;
    /// Resets the eventfd after it was seen readable.
    void drain_wake() noexcept;

    /// Watches `fd` for `events` (sys::ready bits), edge-triggered, reporting
    /// `key` to `sink`; changes or stops watching it. Requires open(). 0 or
    /// the errno. Thread-safe.
    [[nodiscard]] int add(int fd, std::uint32_t events, std::uint64_t key,
                          readiness_sink& sink) noexcept;
    [[nodiscard]] int modify(int fd, std::uint32_t events, std::uint64_t key) noexcept;
    [[nodiscard]] int remove(int fd) noexcept;

    /// Waits up to `timeout_ms` (-1: forever, 0: only looks) for readiness or
    /// a wake, and hands every descriptor event to its sink. True when
    /// anything was reported. Only the owning thread calls it.
    bool dispatch(int timeout_ms);

  private:
    std::mutex open_mu_;
    std::atomic<int> epoll_{-1};
    std::atomic<int> wake_{-1};
    std::atomic<readiness_sink*> sink_{nullptr};
};

}  // namespace esock::reactor

#endif  // ESOCK_REACTOR_POLLER_HPP
