// The fault-injection hooks of the platform layer (sys/fault.hpp), compiled
// in by -Dfault_injection=true only.

#include "sys/fault.hpp"

#ifdef ESOCK_FAULT_INJECTION

#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <vector>

namespace esock::sys::fault {

namespace {

struct installed_plan {
    std::atomic<plan_fn> fn{nullptr};
    std::atomic<void*> ctx{nullptr};
};

installed_plan& plan() {
    // Never destroyed: a spawned process may make a call while the program
    // exits.
    static auto* p = new installed_plan();  // NOLINT(cppcoreguidelines-owning-memory)
    return *p;
}

struct watch {
    int epoll;
    int fd;
    std::uint64_t key;
    std::uint32_t events;
    bool owed;
};

struct watches {
    std::mutex mu;
    std::vector<watch> all;
};

watches& book() {
    static auto* w = new watches();  // NOLINT(cppcoreguidelines-owning-memory): as plan()
    return *w;
}

}  // namespace

void install(plan_fn fn, void* ctx) noexcept {
    auto& p = plan();
    p.fn.store(nullptr, std::memory_order_release);
    p.ctx.store(ctx, std::memory_order_release);
    p.fn.store(fn, std::memory_order_release);
}

decision ask(call c, int fd) noexcept {
    auto& p = plan();
    const plan_fn fn = p.fn.load(std::memory_order_acquire);
    if (fn == nullptr) return {};
    return fn(c, fd, p.ctx.load(std::memory_order_acquire));
}

std::size_t stream_limit(int fd, std::size_t limit) noexcept {
    if (limit == 0) return 0;
    int type = 0;
    socklen_t len = sizeof type;
    if (::getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) != 0 || type != SOCK_STREAM) return 0;
    return limit;
}

void watched(int epoll, int fd, std::uint64_t key, std::uint32_t events) noexcept {
    auto& b = book();
    const std::lock_guard lk(b.mu);
    for (watch& w : b.all) {
        if (w.epoll == epoll && w.fd == fd) {
            w.key = key;
            w.events = events;
            return;
        }
    }
    try {
        b.all.push_back(watch{epoll, fd, key, events, false});
    } catch (...) {
        // Test bookkeeping only: without memory the watch is not owed events.
    }
}

void unwatched(int epoll, int fd) noexcept {
    auto& b = book();
    const std::lock_guard lk(b.mu);
    std::erase_if(b.all, [&](const watch& w) { return w.epoll == epoll && w.fd == fd; });
}

void closed(int fd) noexcept {
    auto& b = book();
    const std::lock_guard lk(b.mu);
    std::erase_if(b.all, [&](const watch& w) { return w.epoll == fd || w.fd == fd; });
}

void owe(int fd) noexcept {
    auto& b = book();
    const std::lock_guard lk(b.mu);
    for (watch& w : b.all) {
        if (w.fd == fd) w.owed = true;
    }
}

std::size_t owed(int epoll, std::span<poll_event> out, bool all) noexcept {
    auto& b = book();
    const std::lock_guard lk(b.mu);
    std::size_t n = 0;
    for (watch& w : b.all) {
        if (n == out.size()) break;
        if (w.epoll != epoll || !(w.owed || all)) continue;
        w.owed = false;
        // What the fd is watched for is what it is "ready" for.
        out[n++] = poll_event{w.key, w.events & (ready::in | ready::out)};
    }
    return n;
}

}  // namespace esock::sys::fault

#endif  // ESOCK_FAULT_INJECTION
