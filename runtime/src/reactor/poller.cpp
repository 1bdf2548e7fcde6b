// SPDX-License-Identifier: Apache-2.0
#include "reactor/poller.hpp"

#include <array>

#include "sys/poll.hpp"

namespace esock::reactor {

namespace {
// The key of the wake eventfd; socket keys (slot and generation) are far
// below it.
constexpr std::uint64_t wake_key = ~std::uint64_t{0};
}  // namespace

poller::~poller() {
    if (const int e = epoll_.load(); e >= 0) sys::close_fd(e);
    if (const int w = wake_.load(); w >= 0) sys::close_fd(w);
}

int poller::wake_fd() noexcept {
    if (const int w = wake_.load(std::memory_order_acquire); w >= 0) return w;
    const std::lock_guard lk(open_mu_);
    if (const int w = wake_.load(std::memory_order_relaxed); w >= 0) return w;
    const sys::result r = sys::eventfd_open();
    if (!r.ok()) return -r.error;
    wake_.store(static_cast<int>(r.value), std::memory_order_release);
    return static_cast<int>(r.value);
}

int poller::open() noexcept {
    if (is_open()) return 0;
    const int w = wake_fd();
    if (w < 0) return -w;
    const std::lock_guard lk(open_mu_);
    if (epoll_.load(std::memory_order_relaxed) >= 0) return 0;
    const sys::result e = sys::epoll_open();
    if (!e.ok()) return e.error;
    const int fd = static_cast<int>(e.value);
    // Level-triggered: a wake stays visible until drained.
    if (const int err = sys::epoll_add(fd, w, sys::ready::in, false, wake_key); err != 0) {
        sys::close_fd(fd);
        return err;
    }
    epoll_.store(fd, std::memory_order_release);
    return 0;
}

void poller::wake() noexcept {
    if (const int w = wake_.load(std::memory_order_acquire); w >= 0) sys::eventfd_signal(w);
}

void poller::drain_wake() noexcept {
    if (const int w = wake_.load(std::memory_order_acquire); w >= 0) sys::eventfd_drain(w);
}

int poller::add(int fd, std::uint32_t events, std::uint64_t key, readiness_sink& sink) noexcept {
    sink_.store(&sink, std::memory_order_release);
    return sys::epoll_add(epoll_.load(std::memory_order_acquire), fd, events, true, key);
}

int poller::modify(int fd, std::uint32_t events, std::uint64_t key) noexcept {
    return sys::epoll_modify(epoll_.load(std::memory_order_acquire), fd, events, true, key);
}

int poller::remove(int fd) noexcept {
    return sys::epoll_remove(epoll_.load(std::memory_order_acquire), fd);
}

bool poller::dispatch(int timeout_ms) {
    std::array<sys::poll_event, 64> events;
    const sys::result n =
        sys::epoll_wait(epoll_.load(std::memory_order_acquire), events, timeout_ms);
    if (!n.ok() || n.value == 0) return false;  // EINTR or timeout: the caller looks again
    readiness_sink* sink = sink_.load(std::memory_order_acquire);
    for (std::int64_t i = 0; i < n.value; ++i) {
        const sys::poll_event& e = events[static_cast<std::size_t>(i)];
        if (e.key == wake_key) {
            // Consume the count now, or every later wait would return at once.
            drain_wake();
        } else if (sink != nullptr) {
            sink->ready(e.key, e.events);
        }
    }
    return true;
}

}  // namespace esock::reactor
