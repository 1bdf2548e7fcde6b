#ifndef ESOCK_SYS_FAULT_HPP
#define ESOCK_SYS_FAULT_HPP

// Fault injection, for tests only (docs/reliability.md). In a build with
// -Dfault_injection=true the platform layer asks an installed plan, before
// each of the system calls below, whether that call is to fail with an
// errno, move fewer bytes, or (poll, epoll_wait) report readiness that is
// not there. Without the option `enabled` is false, every hook is a
// constant and the platform layer's calls compile exactly as without it.
//
// A fault never breaks what a kernel promises: a call that fails with
// EAGAIN or comes up short while the descriptor is still ready leaves the
// epoll instances that watch it an event owed (as a kernel would report
// the readiness that remains), delivered by their next epoll_wait. Short
// reads and writes apply to stream sockets only (a datagram is never cut).
// A connect "interrupted" by EINTR is made first and then reported
// interrupted, as a signal during a real connect would leave it.

#include <cstddef>
#include <cstdint>
#include <span>

#include "sys/poll.hpp"

namespace esock::sys::fault {

/// The system calls a plan decides for (the fd passed to the plan is the
/// call's descriptor: the socket, the listener, the epoll instance; -1 for
/// the calls that make one).
enum class call : std::uint8_t {
    socket,        ///< socket(2): EMFILE, ENFILE, ...
    accept,        ///< accept4(2): EINTR, EAGAIN, EMFILE, ENFILE, ...
    connect,       ///< connect(2): EINTR (made, then reported interrupted), ...
    recv,          ///< recv(2) and recvfrom(2): EINTR, EAGAIN, short reads
    recvmsg,       ///< recvmsg(2): the same
    send,          ///< send(2) and sendto(2): EINTR, EAGAIN, ENOBUFS, ENOMEM, short writes
    sendmsg,       ///< sendmsg(2): the same
    sendfile,      ///< sendfile(2): EINTR, EAGAIN, short transfers
    poll,          ///< poll(2) of one descriptor and a wake fd: EINTR, spurious readiness
    epoll_wait,    ///< epoll_wait(2): EINTR, spurious readiness
    eventfd,       ///< eventfd(2): EMFILE, ENFILE, ...
    epoll_create,  ///< epoll_create1(2): EMFILE, ENFILE, ...
    dup,           ///< fcntl(F_DUPFD_CLOEXEC): EMFILE
    open,          ///< open(2) of a file (sendfile's): EMFILE, ENFILE
};
inline constexpr std::size_t call_count = 14;

/// What a plan decides for one call. The default: no fault.
struct decision {
    int error = 0;          ///< fail with this errno (the call is not made)
    std::size_t limit = 0;  ///< a data call on a stream moves at most this many bytes (0: any)
    bool ready = false;     ///< poll, epoll_wait: return at once, every watched fd "ready"
};

/// A plan: called on the calling thread before each call, with no esock
/// lock of this layer held; it must be thread-safe and must not call esock.
using plan_fn = decision (*)(call c, int fd, void* ctx) noexcept;

#ifdef ESOCK_FAULT_INJECTION

inline constexpr bool enabled = true;

/// Installs `plan` (nullptr: none; no fault from then on). Thread-safe.
void install(plan_fn plan, void* ctx) noexcept;

// ---- for the platform layer's calls -----------------------------------------

/// The installed plan's decision for `c` on `fd` (no fault without a plan).
[[nodiscard]] decision ask(call c, int fd) noexcept;
/// `limit` for a stream socket `fd`, else 0 (a datagram is never cut).
[[nodiscard]] std::size_t stream_limit(int fd, std::size_t limit) noexcept;
/// epoll_ctl bookkeeping: `fd` is (no longer) watched by `epoll`.
void watched(int epoll, int fd, std::uint64_t key, std::uint32_t events) noexcept;
void unwatched(int epoll, int fd) noexcept;
/// `fd` was closed: it is no longer watched, nor an epoll instance.
void closed(int fd) noexcept;
/// A fault left `fd` ready: every epoll instance watching it is owed an
/// event for it.
void owe(int fd) noexcept;
/// The events `epoll` is owed (every watched fd's when `all`: spurious
/// readiness), written to `out`; how many. They are owed no longer.
[[nodiscard]] std::size_t owed(int epoll, std::span<poll_event> out, bool all) noexcept;

#else

inline constexpr bool enabled = false;
inline void install(plan_fn /*plan*/, void* /*ctx*/) noexcept {}
inline constexpr decision ask(call /*c*/, int /*fd*/) noexcept {
    return {};
}
inline constexpr std::size_t stream_limit(int /*fd*/, std::size_t /*limit*/) noexcept {
    return 0;
}
inline void watched(int, int, std::uint64_t, std::uint32_t) noexcept {}
inline void unwatched(int, int) noexcept {}
inline void closed(int) noexcept {}
inline void owe(int) noexcept {}
inline constexpr std::size_t owed(int, std::span<poll_event>, bool) noexcept {
    return 0;
}

#endif

}  // namespace esock::sys::fault

#endif  // ESOCK_SYS_FAULT_HPP
