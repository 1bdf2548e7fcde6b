// SPDX-License-Identifier: Apache-2.0
#include "sys/calls.hpp"

#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "generated/features.hpp"
#if ESOCK_HAVE_SENDFILE
#include <sys/sendfile.h>
#endif

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sys/fault.hpp"
#include "sys/netns.hpp"

namespace esock::sys {

// io_slice is passed to the kernel as iovec.
static_assert(sizeof(io_slice) == sizeof(iovec));
static_assert(offsetof(io_slice, data) == offsetof(iovec, iov_base));
static_assert(offsetof(io_slice, size) == offsetof(iovec, iov_len));

namespace {

constexpr int data_flags = MSG_DONTWAIT | MSG_NOSIGNAL;

result of_call(std::int64_t r) noexcept {
    if (r < 0) return {0, errno};
    return {r, 0};
}

int of_status(int r) noexcept {
    return r == 0 ? 0 : errno;
}

sockaddr* native(address& a) noexcept {
    return reinterpret_cast<sockaddr*>(a.bytes.data());
}
const sockaddr* native(const address& a) noexcept {
    return reinterpret_cast<const sockaddr*>(a.bytes.data());
}

// ---- fault injection (sys/fault.hpp; nothing without -Dfault_injection) ------

// A fault the plan decided for `c` on `fd`: its errno, or 0. EAGAIN leaves
// the descriptor as ready as it was: its pollers are owed an event.
int injected_error(fault::call c, int fd, fault::decision& d) noexcept {
    d = fault::ask(c, fd);
    if (d.error == EAGAIN || d.error == EWOULDBLOCK) fault::owe(fd);
    return d.error;
}

// The byte count a data call may move after the plan's decision `d`.
std::size_t allowed(int fd, const fault::decision& d, std::size_t wanted) noexcept {
    const std::size_t limit = fault::stream_limit(fd, d.limit);
    return limit > 0 && limit < wanted ? limit : wanted;
}

// A data call cut short to `allowed` bytes that moved them all may have
// left the descriptor ready: its pollers are owed an event.
result after_cut(int fd, result r, std::size_t allowed, std::size_t wanted) noexcept {
    if (allowed < wanted && r.ok() && static_cast<std::size_t>(r.value) == allowed) fault::owe(fd);
    return r;
}

std::optional<int> int_option(int fd, int name) noexcept {
    int v = 0;
    socklen_t len = sizeof v;
    if (::getsockopt(fd, SOL_SOCKET, name, &v, &len) != 0) return std::nullopt;
    return v;
}

int name_call(int (*call)(int, sockaddr*, socklen_t*), int fd, address& out) noexcept {
    socklen_t len = sizeof(sockaddr_storage);
    if (call(fd, native(out), &len) != 0) return errno;
    out.length = std::min<std::uint32_t>(len, sizeof(sockaddr_storage));
    return 0;
}

}  // namespace

result open_socket(int domain, int type, int protocol) noexcept {
    if constexpr (fault::enabled) {
        fault::decision d;
        if (const int e = injected_error(fault::call::socket, -1, d)) return {0, e};
    }
    return of_call(::socket(domain, type | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol));
}

result open_socket_in_namespace(const std::string& path, int domain, int type,
                                int protocol) noexcept {
    const namespace_entry entered(path);
    if (entered.error() != 0) return {0, entered.error()};
    return open_socket(domain, type, protocol);
}

int bind(int fd, const address& a) noexcept {
    return of_status(::bind(fd, native(a), a.length));
}

int listen(int fd, int backlog) noexcept {
    return of_status(::listen(fd, backlog));
}

int connect(int fd, const address& a) noexcept {
    int e = of_status(::connect(fd, native(a), a.length));
    if constexpr (fault::enabled) {
        // An interruption after the kernel took the connect up.
        if ((e == 0 || e == EINPROGRESS) && fault::ask(fault::call::connect, fd).error == EINTR) {
            e = EINTR;
        }
    }
    // Interrupted, a connect goes on in the background (POSIX): it is in
    // progress, and calling connect again would only say EALREADY.
    return e == EINTR ? EINPROGRESS : e;
}

int shutdown(int fd, shutdown_how how) noexcept {
    const int h = how == shutdown_how::read    ? SHUT_RD
                  : how == shutdown_how::write ? SHUT_WR
                                               : SHUT_RDWR;
    return of_status(::shutdown(fd, h));
}

result accept(int fd) noexcept {
    if constexpr (fault::enabled) {
        fault::decision d;
        if (const int e = injected_error(fault::call::accept, fd, d)) return {0, e};
    }
    return of_call(::accept4(fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
}

std::optional<int> connect_outcome(int fd) noexcept {
    pollfd p{fd, POLLOUT, 0};
    if (::poll(&p, 1, 0) == 0) return std::nullopt;
    int soerr = 0;
    socklen_t len = sizeof soerr;
    if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len) != 0) soerr = errno;
    return soerr;
}

int sockname(int fd, address& out) noexcept {
    return name_call(&::getsockname, fd, out);
}

int peername(int fd, address& out) noexcept {
    return name_call(&::getpeername, fd, out);
}

std::optional<int> socket_domain(int fd) noexcept {
    return int_option(fd, SO_DOMAIN);
}
std::optional<int> socket_type(int fd) noexcept {
    return int_option(fd, SO_TYPE);
}
std::optional<int> socket_protocol(int fd) noexcept {
    return int_option(fd, SO_PROTOCOL);
}

result recv(int fd, std::span<std::uint8_t> buffer, int flags) noexcept {
    if constexpr (fault::enabled) {
        fault::decision d;
        if (const int e = injected_error(fault::call::recv, fd, d)) return {0, e};
        const std::size_t n = allowed(fd, d, buffer.size());
        return after_cut(fd, of_call(::recv(fd, buffer.data(), n, flags | MSG_DONTWAIT)), n,
                         buffer.size());
    }
    return of_call(::recv(fd, buffer.data(), buffer.size(), flags | MSG_DONTWAIT));
}

result recvfrom(int fd, std::span<std::uint8_t> buffer, int flags, address& from) noexcept {
    socklen_t len = sizeof(sockaddr_storage);
    std::size_t n = buffer.size();
    if constexpr (fault::enabled) {
        fault::decision d;
        if (const int e = injected_error(fault::call::recv, fd, d)) {
            from.length = 0;
            return {0, e};
        }
        n = allowed(fd, d, buffer.size());
    }
    result r = of_call(::recvfrom(fd, buffer.data(), n, flags | MSG_DONTWAIT, native(from), &len));
    if constexpr (fault::enabled) r = after_cut(fd, r, n, buffer.size());
    from.length = r.ok() ? std::min<std::uint32_t>(len, sizeof(sockaddr_storage)) : 0;
    return r;
}

result send(int fd, std::span<const std::uint8_t> data, int flags) noexcept {
    if constexpr (fault::enabled) {
        fault::decision d;
        if (const int e = injected_error(fault::call::send, fd, d)) return {0, e};
        const std::size_t n = allowed(fd, d, data.size());
        return after_cut(fd, of_call(::send(fd, data.data(), n, flags | data_flags)), n,
                         data.size());
    }
    return of_call(::send(fd, data.data(), data.size(), flags | data_flags));
}

result sendto(int fd, std::span<const std::uint8_t> data, int flags, const address& to) noexcept {
    if constexpr (fault::enabled) {
        fault::decision d;
        if (const int e = injected_error(fault::call::send, fd, d)) return {0, e};
        const std::size_t n = allowed(fd, d, data.size());
        return after_cut(
            fd, of_call(::sendto(fd, data.data(), n, flags | data_flags, native(to), to.length)), n,
            data.size());
    }
    return of_call(
        ::sendto(fd, data.data(), data.size(), flags | data_flags, native(to), to.length));
}

result sendmsg(int fd, const address* to, std::span<const io_slice> iov,
               std::span<const std::uint8_t> control, int flags) noexcept {
    msghdr m{};
    if (to != nullptr) {
        m.msg_name = const_cast<sockaddr*>(native(*to));  // NOLINT: msghdr is not const-correct
        m.msg_namelen = to->length;
    }
    m.msg_iov = reinterpret_cast<iovec*>(const_cast<io_slice*>(iov.data()));  // NOLINT: as above
    m.msg_iovlen = iov.size();
    if (!control.empty()) {
        m.msg_control = const_cast<std::uint8_t*>(control.data());  // NOLINT: as above
        m.msg_controllen = control.size();
    }
    if constexpr (fault::enabled) {
        fault::decision d;
        if (const int e = injected_error(fault::call::sendmsg, fd, d)) return {0, e};
        std::size_t wanted = 0;
        for (const io_slice& v : iov)
            wanted += v.size;
        const std::size_t n = allowed(fd, d, wanted);
        if (n < wanted) {
            // The slices cut to n bytes in all.
            std::vector<iovec> cut;
            std::size_t left = n;
            for (const io_slice& v : iov) {
                if (left == 0) break;
                const std::size_t take = std::min(left, v.size);
                cut.push_back(iovec{const_cast<std::uint8_t*>(v.data), take});  // NOLINT
                left -= take;
            }
            m.msg_iov = cut.data();
            m.msg_iovlen = cut.size();
            return after_cut(fd, of_call(::sendmsg(fd, &m, flags | data_flags)), n, wanted);
        }
    }
    return of_call(::sendmsg(fd, &m, flags | data_flags));
}

result recvmsg(int fd, std::span<std::uint8_t> buffer, std::span<std::uint8_t> control, int flags,
               received_message& out) noexcept {
    iovec v{buffer.data(), buffer.size()};
    if constexpr (fault::enabled) {
        fault::decision d;
        if (const int e = injected_error(fault::call::recvmsg, fd, d)) return {0, e};
        v.iov_len = allowed(fd, d, buffer.size());
    }
    msghdr m{};
    m.msg_name = native(out.from);
    m.msg_namelen = sizeof(sockaddr_storage);
    m.msg_iov = &v;
    m.msg_iovlen = 1;
    m.msg_control = control.empty() ? nullptr : control.data();
    m.msg_controllen = control.size();
    result r = of_call(::recvmsg(fd, &m, flags | MSG_DONTWAIT));
    if constexpr (fault::enabled) r = after_cut(fd, r, v.iov_len, buffer.size());
    if (!r.ok()) return r;
    // Never trust the kernel's lengths beyond the buffers.
    out.from.length = std::min<std::uint32_t>(m.msg_namelen, sizeof(sockaddr_storage));
    out.control_length = std::min<std::size_t>(m.msg_controllen, control.size());
    out.flags = m.msg_flags;
    return r;
}

result sendfile(int out, int in, std::int64_t* offset, std::size_t count) noexcept {
#if ESOCK_HAVE_SENDFILE
    off_t off = static_cast<off_t>(*offset);
    std::size_t n = count;
    if constexpr (fault::enabled) {
        fault::decision d;
        if (const int e = injected_error(fault::call::sendfile, out, d)) return {0, e};
        n = allowed(out, d, count);
    }
    result r = of_call(::sendfile(out, in, &off, n));
    if constexpr (fault::enabled) r = after_cut(out, r, n, count);
    *offset = off;
    return r;
#else
    (void)out, (void)in, (void)offset, (void)count;
    return {0, ENOSYS};
#endif
}

int getsockopt(int fd, int level, int name, void* value, std::size_t* length) noexcept {
    auto len = static_cast<socklen_t>(*length);
    if (::getsockopt(fd, level, name, value, &len) != 0) return errno;
    *length = std::min<std::size_t>(len, *length);
    return 0;
}

int setsockopt(int fd, int level, int name, const void* value, std::size_t length) noexcept {
    const bool tos = level == IPPROTO_IP && name == IP_TOS;
    int priority = 0;
    socklen_t plen = sizeof priority;
    const bool restore = tos && ::getsockopt(fd, SOL_SOCKET, SO_PRIORITY, &priority, &plen) == 0;
    if (::setsockopt(fd, level, name, value, static_cast<socklen_t>(length)) != 0) return errno;
    if (restore) {
        int now = 0;
        socklen_t nlen = sizeof now;
        if (::getsockopt(fd, SOL_SOCKET, SO_PRIORITY, &now, &nlen) == 0 && now != priority) {
            (void)::setsockopt(fd, SOL_SOCKET, SO_PRIORITY, &priority, sizeof priority);
        }
    }
    return 0;
}

result duplicate(int fd) noexcept {
    if constexpr (fault::enabled) {
        fault::decision d;
        if (const int e = injected_error(fault::call::dup, fd, d)) return {0, e};
    }
    return of_call(::fcntl(fd, F_DUPFD_CLOEXEC, 0));
}

int set_nonblocking(int fd) noexcept {
    const int fl = ::fcntl(fd, F_GETFL);
    if (fl < 0) return errno;
    return of_status(::fcntl(fd, F_SETFL, fl | O_NONBLOCK));
}

void close_fd(int fd) noexcept {
    if constexpr (fault::enabled) fault::closed(fd);
    (void)::close(fd);
}

result open_read_only(const std::string& path) noexcept {
    if constexpr (fault::enabled) {
        fault::decision d;
        if (const int e = injected_error(fault::call::open, -1, d)) return {0, e};
    }
    return of_call(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
}

std::size_t iov_max() noexcept {
    static const std::size_t n = [] {
        const long v = ::sysconf(_SC_IOV_MAX);
        return v > 0 ? static_cast<std::size_t>(v) : static_cast<std::size_t>(IOV_MAX);
    }();
    return n;
}

std::size_t physical_memory() noexcept {
    static const std::size_t bytes = [] {
        const long pages = ::sysconf(_SC_PHYS_PAGES);
        const long page_size = ::sysconf(_SC_PAGESIZE);
        return pages > 0 && page_size > 0
                   ? static_cast<std::size_t>(pages) * static_cast<std::size_t>(page_size)
                   : SIZE_MAX;
    }();
    return bytes;
}

}  // namespace esock::sys
