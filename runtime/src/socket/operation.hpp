#ifndef ESOCK_SOCKET_OPERATION_HPP
#define ESOCK_SOCKET_OPERATION_HPP

// Operations defined outside socket.cpp (sendfile, ...) run through the same
// runner as send and recv: try the system call on the non-blocking fd, and on
// EAGAIN queue the caller in the socket's state machine (state.cpp), return
// a select for nowait forms or wait in the caller's mailbox for blocking ones.

#include <cerrno>
#include <optional>

#include <esock/term.hpp>

#include "args.hpp"
#include "socket_impl.hpp"

namespace esock::socket::detail {

/// errno `e` of a non-blocking call says it would block: the caller waits.
inline bool would_block(int e) noexcept {
    return e == EAGAIN || e == EWOULDBLOCK;
}

/// A buffer of `size` bytes for a read whose size the caller chose (a recv
/// length, {otp, rcvbuf}, a recvmsg buffer size), or nullopt when there is
/// no memory for one: the call then returns {error, enomem} before reading
/// anything, where OTP 25 aborts the whole VM.
std::optional<binary_buffer> read_buffer(std::size_t size) noexcept;

/// One call of the socket module. All members are called with impl.mu held.
class operation {
  public:
    operation() = default;
    operation(const operation&) = delete;
    operation& operator=(const operation&) = delete;
    virtual ~operation() = default;

    /// The system call: true when the call is done and `result` is set,
    /// false when it would block.
    virtual bool attempt(socket_impl& impl) = 0;
    /// The SelectInfo tag (sendfile, {send, 0}, ...).
    [[nodiscard]] virtual term tag() const = 0;
    /// What a nowait call returns when it has to wait: {select, SelectInfo}
    /// or with partial progress.
    virtual term select_result(term select_info) = 0;
    /// {error, timeout} or with partial progress.
    virtual term timeout_result() = 0;
    /// When the socket is closed (or the wait aborted with `reason`).
    virtual term closed_result(const term& reason) = 0;
    /// Counts one wait in the operation's *_waits counter.
    virtual void count_wait(socket_impl& impl) = 0;

    term result;
};

/// Runs `op` in side `k` of `impl` with timeout `t` (socket.cpp's runner).
/// Thread-safe; takes impl.mu itself.
term run_operation(socket_impl& impl, side_kind k, const timeout_arg& t, operation& op);

}  // namespace esock::socket::detail

#endif  // ESOCK_SOCKET_OPERATION_HPP
