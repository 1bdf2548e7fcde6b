// SPDX-License-Identifier: Apache-2.0
#include "sys/poll.hpp"

#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>

#include "sys/fault.hpp"

namespace esock::sys {

namespace {

std::uint32_t to_epoll(std::uint32_t events, bool edge) noexcept {
    std::uint32_t e = 0;
    if ((events & ready::in) != 0) e |= EPOLLIN;
    if ((events & ready::out) != 0) e |= EPOLLOUT;
    if ((events & ready::rdhup) != 0) e |= EPOLLRDHUP;
    if (edge) e |= EPOLLET;
    return e;
}

std::uint32_t from_epoll(std::uint32_t e) noexcept {
    std::uint32_t events = 0;
    if ((e & EPOLLIN) != 0) events |= ready::in;
    if ((e & EPOLLOUT) != 0) events |= ready::out;
    if ((e & EPOLLERR) != 0) events |= ready::error;
    if ((e & EPOLLHUP) != 0) events |= ready::hangup;
    if ((e & EPOLLRDHUP) != 0) events |= ready::rdhup;
    return events;
}

int control(int epoll, int op, int fd, std::uint32_t events, bool edge, std::uint64_t key) {
    epoll_event ev{};
    ev.events = to_epoll(events, edge);
    ev.data.u64 = key;
    return ::epoll_ctl(epoll, op, fd, &ev) == 0 ? 0 : errno;
}

}  // namespace

result epoll_open() noexcept {
    if constexpr (fault::enabled) {
        if (const int e = fault::ask(fault::call::epoll_create, -1).error) return {0, e};
    }
    const int fd = ::epoll_create1(EPOLL_CLOEXEC);
    if (fd < 0) return {0, errno};
    return {fd, 0};
}

int epoll_add(int epoll, int fd, std::uint32_t events, bool edge, std::uint64_t key) noexcept {
    const int e = control(epoll, EPOLL_CTL_ADD, fd, events, edge, key);
    if (fault::enabled && e == 0) fault::watched(epoll, fd, key, events);
    return e;
}

int epoll_modify(int epoll, int fd, std::uint32_t events, bool edge, std::uint64_t key) noexcept {
    const int e = control(epoll, EPOLL_CTL_MOD, fd, events, edge, key);
    if (fault::enabled && e == 0) fault::watched(epoll, fd, key, events);
    return e;
}

int epoll_remove(int epoll, int fd) noexcept {
    if constexpr (fault::enabled) fault::unwatched(epoll, fd);
    epoll_event ev{};
    return ::epoll_ctl(epoll, EPOLL_CTL_DEL, fd, &ev) == 0 ? 0 : errno;
}

result epoll_wait(int epoll, std::span<poll_event> out, int timeout_ms) noexcept {
    constexpr int batch = 64;
    epoll_event events[batch];
    // Events a fault left owed (sys/fault.hpp) come first, and then the
    // wait only looks.
    std::size_t owed = 0;
    if constexpr (fault::enabled) {
        const fault::decision d = fault::ask(fault::call::epoll_wait, epoll);
        if (d.error != 0) return {0, d.error};
        owed = fault::owed(epoll, out, d.ready);
        if (owed > 0) timeout_ms = 0;
    }
    const std::size_t room = out.size() - owed;
    const int max = static_cast<int>(room < batch ? room : batch);
    const int n = max > 0 ? ::epoll_wait(epoll, events, max, timeout_ms) : 0;
    if (n < 0) return owed > 0 ? result{static_cast<std::int64_t>(owed), 0} : result{0, errno};
    for (int i = 0; i < n; ++i) {
        out[owed + static_cast<std::size_t>(i)] = {events[i].data.u64,
                                                   from_epoll(events[i].events)};
    }
    return {static_cast<std::int64_t>(owed) + n, 0};
}

result eventfd_open() noexcept {
    if constexpr (fault::enabled) {
        if (const int e = fault::ask(fault::call::eventfd, -1).error) return {0, e};
    }
    const int fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (fd < 0) return {0, errno};
    return {fd, 0};
}

void eventfd_signal(int fd) noexcept {
    const std::uint64_t one = 1;
    // The count only needs to become non-zero; a full counter is fine.
    (void)!::write(fd, &one, sizeof one);
}

void eventfd_drain(int fd) noexcept {
    std::uint64_t count = 0;
    (void)!::read(fd, &count, sizeof count);
}

poll2_result poll2(int fd, std::uint32_t events, int wake_fd, int timeout_ms) noexcept {
    short want = 0;
    if ((events & ready::in) != 0) want |= POLLIN;
    if ((events & ready::out) != 0) want |= POLLOUT;
    poll2_result r;
    if constexpr (fault::enabled) {
        const fault::decision d = fault::ask(fault::call::poll, fd);
        r.error = d.error;
        r.fd_ready = d.ready;  // spurious: the next call may find nothing
        if (d.error != 0 || d.ready) return r;
    }
    pollfd fds[2] = {{fd, want, 0}, {wake_fd, POLLIN, 0}};
    const int n = ::poll(fds, wake_fd >= 0 ? 2 : 1, timeout_ms);
    if (n < 0) {
        r.error = errno;
        return r;
    }
    r.fd_ready = (fds[0].revents & (want | POLLERR | POLLHUP | POLLNVAL)) != 0;
    r.wake_ready = wake_fd >= 0 && (fds[1].revents & POLLIN) != 0;
    return r;
}

}  // namespace esock::sys
