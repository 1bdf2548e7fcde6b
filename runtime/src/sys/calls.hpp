// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_SYS_CALLS_HPP
#define ESOCK_SYS_CALLS_HPP

// The system calls the runtime makes, as plain functions over descriptors,
// byte spans and the neutral address type of sys/address.hpp, so that no
// layer above this one includes an OS header. Every socket and descriptor
// made here is non-blocking and close-on-exec; every data call is
// non-blocking (MSG_DONTWAIT) and never raises SIGPIPE (MSG_NOSIGNAL).
// EINTR is returned like any other errno: the callers' loops decide (but an
// interrupted connect is in progress: EINPROGRESS). In a build with
// -Dfault_injection=true a test's plan can make these calls fail or come up
// short (sys/fault.hpp). All functions are thread-safe.

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "sys/address.hpp"

namespace esock::sys {

/// The outcome of a system call: `value` (>= 0) when `error` is 0, else
/// the errno it failed with.
struct result {
    std::int64_t value = 0;
    int error = 0;

    [[nodiscard]] bool ok() const noexcept { return error == 0; }
};

/// errno `e` of a non-blocking call says it would block: the caller waits.
[[nodiscard]] constexpr bool would_block(int e) noexcept {
    return e == EAGAIN || e == EWOULDBLOCK;
}

// ---- sockets -------------------------------------------------------------------

/// socket(2); the new descriptor in `value`.
[[nodiscard]] result open_socket(int domain, int type, int protocol) noexcept;
/// The same inside the network namespace at `path` (the calling thread enters
/// it for the call only).
[[nodiscard]] result open_socket_in_namespace(const std::string& path, int domain, int type,
                                              int protocol) noexcept;
/// bind(2), listen(2), connect(2), shutdown(2): 0 or the errno (for an
/// interrupted connect, which goes on in the background, EINPROGRESS).
[[nodiscard]] int bind(int fd, const address& a) noexcept;
[[nodiscard]] int listen(int fd, int backlog) noexcept;
[[nodiscard]] int connect(int fd, const address& a) noexcept;
enum class shutdown_how : std::uint8_t { read, write, read_write };
[[nodiscard]] int shutdown(int fd, shutdown_how how) noexcept;
/// accept4(2) without the peer's address; the new descriptor in `value`.
[[nodiscard]] result accept(int fd) noexcept;
/// The outcome of a connect in progress: nullopt while it is, else 0 or the
/// errno it ended with (SO_ERROR).
[[nodiscard]] std::optional<int> connect_outcome(int fd) noexcept;
/// getsockname(2) / getpeername(2) into `out`: 0 or the errno.
[[nodiscard]] int sockname(int fd, address& out) noexcept;
[[nodiscard]] int peername(int fd, address& out) noexcept;
/// SO_DOMAIN, SO_TYPE and SO_PROTOCOL of `fd`; nullopt when it is no
/// socket (or not open).
[[nodiscard]] std::optional<int> socket_domain(int fd) noexcept;
[[nodiscard]] std::optional<int> socket_type(int fd) noexcept;
[[nodiscard]] std::optional<int> socket_protocol(int fd) noexcept;

// ---- data ----------------------------------------------------------------------

/// recv(2) / recvfrom(2) into `buffer`; bytes in `value`. `from` gets the
/// source address when the kernel reports one.
[[nodiscard]] result recv(int fd, std::span<std::uint8_t> buffer, int flags) noexcept;
[[nodiscard]] result recvfrom(int fd, std::span<std::uint8_t> buffer, int flags,
                              address& from) noexcept;
/// send(2) / sendto(2); bytes taken in `value`.
[[nodiscard]] result send(int fd, std::span<const std::uint8_t> data, int flags) noexcept;
[[nodiscard]] result sendto(int fd, std::span<const std::uint8_t> data, int flags,
                            const address& to) noexcept;

/// One element of a gather or scatter list.
struct io_slice {
    const std::uint8_t* data;
    std::size_t size;
};

/// sendmsg(2) of `iov` with `control` bytes (may be empty) to `to` (or the
/// connected peer when null); bytes taken in `value`.
[[nodiscard]] result sendmsg(int fd, const address* to, std::span<const io_slice> iov,
                             std::span<const std::uint8_t> control, int flags) noexcept;

/// What recvmsg(2) reported besides the byte count.
struct received_message {
    address from;                    ///< length 0 when the kernel gave no source
    std::size_t control_length = 0;  ///< control bytes filled (never past the buffer)
    int flags = 0;                   ///< msg_flags
};

/// recvmsg(2) into `buffer` and `control`; bytes in `value` (with MSG_TRUNC
/// a datagram's full length, which may exceed the buffer).
[[nodiscard]] result recvmsg(int fd, std::span<std::uint8_t> buffer,
                             std::span<std::uint8_t> control, int flags,
                             received_message& out) noexcept;

/// sendfile(2) of up to `count` bytes of `in` from `*offset` to `out`,
/// advancing `*offset` by what went (also when it fails part way); bytes in
/// `value`. ENOSYS where the platform has no sendfile.
[[nodiscard]] result sendfile(int out, int in, std::int64_t* offset, std::size_t count) noexcept;

// ---- options ---------------------------------------------------------------------

/// getsockopt(2) into `value`; `*length` in: its size, out: what the kernel
/// wrote (never more than the size). 0 or the errno.
[[nodiscard]] int getsockopt(int fd, int level, int name, void* value,
                             std::size_t* length) noexcept;
/// setsockopt(2), except that a new IP_TOS leaves SO_PRIORITY as it was
/// (Linux recomputes it from the TOS; OTP 25 puts it back, so the two
/// options stay independent). 0 or the errno.
[[nodiscard]] int setsockopt(int fd, int level, int name, const void* value,
                             std::size_t length) noexcept;

// ---- descriptors and files ----------------------------------------------------------

/// A new descriptor (close-on-exec) for the open file of `fd`.
[[nodiscard]] result duplicate(int fd) noexcept;
/// Makes `fd` non-blocking (its other status flags stay). 0 or the errno.
[[nodiscard]] int set_nonblocking(int fd) noexcept;
/// close(2), ignoring its outcome (the descriptor is gone either way on Linux).
void close_fd(int fd) noexcept;
/// open(2) of `path` read-only (close-on-exec); the descriptor in `value`.
[[nodiscard]] result open_read_only(const std::string& path) noexcept;

// ---- limits ----------------------------------------------------------------------

/// The most elements one sendmsg takes (IOV_MAX).
[[nodiscard]] std::size_t iov_max() noexcept;
/// The machine's physical memory in bytes (SIZE_MAX when unknown).
[[nodiscard]] std::size_t physical_memory() noexcept;

}  // namespace esock::sys

#endif  // ESOCK_SYS_CALLS_HPP
