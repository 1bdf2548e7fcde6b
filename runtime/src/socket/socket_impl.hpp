#ifndef ESOCK_SOCKET_SOCKET_IMPL_HPP
#define ESOCK_SOCKET_SOCKET_IMPL_HPP

// The per-socket record and the nowait/select state machine that every call
// goes through. docs/state-machine.md describes the states, events and
// messages; state.cpp is the only place that changes them.

#include <atomic>
#include <cstdint>
#include <mutex>
#include <utility>
#include <vector>

#include <esock/process.hpp>
#include <esock/term.hpp>

namespace esock::socket::detail {

/// Which queue an operation waits in. Readers and acceptors wait for
/// readability, writers and the connector for writability.
enum class side_kind : std::uint8_t { reader, acceptor, writer, connector };

/// A caller waiting for its turn or for readiness.
struct waiter {
    process_ptr proc;
    term handle;  // the select handle of its SelectInfo
};

/// One direction of a socket: the caller at the head and those queued behind
/// it, first in first out.
struct side {
    bool has_current = false;
    waiter current;
    // The current caller waits for readiness (its process's poller watches
    // the fd) and no select message has been sent for it since.
    bool armed = false;
    // Short in practice: a vector costs nothing while empty (a deque
    // allocates over half a kilobyte up front, for each side of each socket).
    std::vector<waiter> queue;
    // The last blocking call on this side had to wait: the next one polls
    // before its first attempt (poll + call instead of call + poll + call
    // when traffic alternates, as in request/response).
    bool predict_wait = false;

    [[nodiscard]] std::size_t count() const noexcept {
        return (has_current ? 1 : 0) + queue.size();
    }
};

/// The counters of info/1, as manual 001 names them.
struct counters {
    std::uint64_t read_byte = 0, read_fails = 0, read_pkg = 0, read_pkg_max = 0, read_tries = 0,
                  read_waits = 0;
    std::uint64_t write_byte = 0, write_fails = 0, write_pkg = 0, write_pkg_max = 0,
                  write_tries = 0, write_waits = 0;
    std::uint64_t acc_success = 0, acc_fails = 0, acc_tries = 0, acc_waits = 0;
    // Bytes of the package being written, across partial writes and
    // continuation calls, as OTP keeps them: write_pkg_max is the largest
    // such total. Not reset when a send times out, as in OTP.
    std::uint64_t write_pkg_acc = 0;

    /// A send system call wrote `n` bytes; `package_done` when that ends the
    /// package (all sent, or a datagram the kernel took in part). Unlike
    /// OTP 25, write_byte counts partial writes too (docs/deviations.md).
    void count_written(std::uint64_t n, bool package_done) noexcept {
        write_byte += n;
        write_pkg_acc += n;
        if (!package_done) return;
        ++write_pkg;
        write_pkg_max = write_pkg_acc > write_pkg_max ? write_pkg_acc : write_pkg_max;
        write_pkg_acc = 0;
    }
};

/// The sendfile counters of info/1 (OTP 25's names), reported once sendfile
/// has been used on the socket (sendfile.cpp).
struct sendfile_counters {
    bool used = false;
    std::uint64_t cnt = 0, byte = 0, fails = 0, max = 0, pkg = 0, pkg_max = 0, tries = 0, waits = 0;
    std::uint64_t op_bytes = 0;  // bytes of the transfer in progress, for max
};

/// The socket's fd registered in the poller of a process that waits on it.
struct poller_registration {
    process_ptr proc;
    std::uint32_t events = 0;  // EPOLLIN/EPOLLOUT, edge-triggered
};

/// What a socket record holds for one socket, from open until the record is
/// reused for another (all of it changes under socket_impl::mu).
struct socket_state {
    // The socket's number: its table slot in the low bits, the record's
    // generation above. Poller cookies and exit keys carry it, so that
    // one that outlives the socket is recognised as stale.
    std::uint64_t id = 0;
    term sock;  // {'$socket', Ref}

    int fd = -1;
    bool owns_fd = true;  // false for open(Fd, #{dup => false}): close leaves it open
    // The fd registered in pollers: fd itself, or for a shared fd a private
    // duplicate, because epoll keys a registration on the fd number and the
    // open file, and another record sharing fd may be registered already.
    int poll_fd = -1;
    bool closed = false;

    int domain = 0, type = 0, protocol = 0;
    term domain_t, type_t, protocol_t;
    term ctype;  // normal | fromfd | {fromfd, Fd}

    process_ptr owner;  // null once closed

    // state flags reported by info/1
    bool bound = false, listening = false, connecting = false, connected = false;
    bool read_selected = false, write_selected = false;

    side readers, acceptors, writers, connector;
    // The pollers watching the fd: at most one per process that is, or was
    // last, current in a direction (arm() in state.cpp).
    std::vector<poller_registration> registrations;

    counters cnt;

    // sendfile (sendfile.cpp): the transfer's own descriptor of the file
    // while one is in progress or waits for its continuation, and those of
    // nowait starts queued behind it, by select handle. close_locked closes
    // them all.
    int sendfile_fd = -1;
    std::vector<std::pair<term, int>> sendfile_queued;
    sendfile_counters sendfile_cnt;

    // otp-level options
    bool debug = false, iow = false, use_registry = true;
    std::int64_t rcvbuf_n = 1;
    std::int64_t rcvbuf_size = 8192;
    bool rcvbuf_pair = false;  // set as {N, Size}: reported back that way
    std::int64_t rcvctrlbuf = 1024, sndctrlbuf = 1024;
    term meta = atoms::undefined;
};

/// A socket record. A closed socket keeps its record, so that info/1 and the
/// other calls still answer for it, until no term refers to the socket any
/// more; then the record and its table slot serve a new socket. Records are
/// never freed: a thread that found one by a stale number (a poller event
/// or an exit key) may still lock it and must then compare `id`.
struct socket_impl : socket_state {
    std::mutex mu;
    // The node of `sock` while the record is a socket: find() accepts the
    // socket's own term (copies share the node) and nothing else.
    std::atomic<const void*> sock_node{nullptr};
    std::uint64_t slot = 0;        // permanent
    std::uint64_t generation = 0;  // how often the record has been reused

    [[nodiscard]] const side& side_of(side_kind k) const noexcept {
        return const_cast<socket_impl*>(this)->side_of(
            k);  // NOLINT(cppcoreguidelines-pro-type-const-cast)
    }
    side& side_of(side_kind k) noexcept {
        switch (k) {
            case side_kind::reader:
                return readers;
            case side_kind::acceptor:
                return acceptors;
            case side_kind::writer:
                return writers;
            case side_kind::connector:
                return connector;
        }
        return readers;
    }
};

/// Creates a record for an open, non-blocking fd (ownership of fd passes to
/// the record unless shared_fd). Returns nullptr, closing an owned fd, when
/// it cannot be created (errno in *err).
socket_impl* create_socket(int fd, int domain, int type, int protocol, term ctype,
                           process_ptr owner, bool use_registry, int* err, bool shared_fd = false);

/// The record for socket term `s`; throws erl_error(badarg) for anything else.
socket_impl& lookup(const term& s);
/// The record for `s`, or nullptr when `s` is not a socket term.
socket_impl* find(const term& s) noexcept;

// ---- the state machine (state.cpp); all with impl.mu held -----------------

/// Makes `w` the caller waiting in side `k`: it replaces the same process's
/// current entry (its handle), else becomes current if none, else is queued
/// (the caller has checked that its process is not queued already). When it is current it is armed
/// (its process's poller watches the fd; w's process has just seen EAGAIN), unless `arm_it` is
/// false: a blocking caller that polls the fd itself. Returns true when it is current.
bool wait_in(socket_impl& impl, side_kind k, waiter w, bool arm_it = true);
/// The current caller of side `k` completed (successfully or not): the next
/// queued caller becomes current and is armed.
void complete_current(socket_impl& impl, side_kind k);
/// True when `p` waits in side `k`'s queue (not as its current caller).
[[nodiscard]] bool is_queued(const socket_impl& impl, side_kind k, const process& p) noexcept;
/// True when `p` is current in side `k`, or nobody is.
[[nodiscard]] bool may_try(const socket_impl& impl, side_kind k, const process* p) noexcept;
/// Removes `p`'s entry with `handle` (any handle when match_any_handle) from
/// side `k`, activating the next caller if it was current, and removes its
/// select/abort messages from its mailbox. False when there was none.
bool cancel_waiter(socket_impl& impl, side_kind k, const process& p, const term& handle,
                   bool match_any_handle);
/// Sends abort {Handle, Reason} to every queued (not current) caller of
/// side `k` and drops them.
void abort_queued(socket_impl& impl, side_kind k, const term& reason);
/// Closes the socket: abort {Handle, closed} to every current and queued
/// caller, fd unregistered and closed, owner released.
void close_locked(socket_impl& impl);

/// `counters_map` (info/1's counters) with the sendfile counters added once
/// sendfile has been used (sendfile.cpp).
[[nodiscard]] term with_sendfile_counters(term counters_map, const sendfile_counters& c);

/// Installs the poller's ready handler and the process-exit handler
/// (idempotent).
void ensure_runtime();

/// Interned atoms used by the socket layer (function-local statics, so never
/// used before the atom table exists).
atom a(const char* name);

}  // namespace esock::socket::detail

#endif  // ESOCK_SOCKET_SOCKET_IMPL_HPP
