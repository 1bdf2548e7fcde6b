#include "reactor.hpp"

#include <sys/epoll.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <thread>

namespace esock::detail {

namespace {
std::atomic<ready_handler> g_handler{nullptr};
}

reactor& reactor::instance() {
    // Immortal: sockets closed during program exit still talk to it.
    static reactor* r = new reactor();  // NOLINT(cppcoreguidelines-owning-memory)
    return *r;
}

void reactor::set_handler(ready_handler handler) noexcept {
    g_handler.store(handler, std::memory_order_release);
}

reactor::reactor() : epfd_(::epoll_create1(EPOLL_CLOEXEC)) {
    if (epfd_ < 0) {
        // Without epoll no non-blocking call can ever wait; nothing sensible
        // can continue.
        std::perror("esock: epoll_create1");
        std::abort();
    }
    std::thread([this] { run(); }).detach();
}

int reactor::add(int fd, std::uint64_t cookie) const noexcept {
    epoll_event ev{};
    ev.events = EPOLLONESHOT;
    ev.data.u64 = cookie;
    return ::epoll_ctl(epfd_, EPOLL_CTL_ADD, fd, &ev) == 0 ? 0 : errno;
}

int reactor::arm(int fd, std::uint64_t cookie, std::uint32_t events) const noexcept {
    epoll_event ev{};
    ev.events = events | EPOLLONESHOT;
    ev.data.u64 = cookie;
    return ::epoll_ctl(epfd_, EPOLL_CTL_MOD, fd, &ev) == 0 ? 0 : errno;
}

void reactor::remove(int fd) const noexcept {
    epoll_event ev{};
    (void)::epoll_ctl(epfd_, EPOLL_CTL_DEL, fd, &ev);
}

void reactor::run() noexcept {
    constexpr int batch = 256;
    epoll_event events[batch];
    for (;;) {
        const int n = ::epoll_wait(epfd_, events, batch, -1);
        if (n < 0) {
            if (errno == EINTR) continue;
            std::perror("esock: epoll_wait");
            std::abort();
        }
        const ready_handler h = g_handler.load(std::memory_order_acquire);
        if (h == nullptr) continue;
        for (int i = 0; i < n; ++i) h(events[i].data.u64, events[i].events);
    }
}

}  // namespace esock::detail
