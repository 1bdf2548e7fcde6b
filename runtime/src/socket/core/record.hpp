// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_SOCKET_CORE_RECORD_HPP
#define ESOCK_SOCKET_CORE_RECORD_HPP

// The per-socket record: what the socket module knows of one socket, from
// open until the record serves another. Every field changes under the
// record's lock, and the waiters, registrations, open/closed, connect and
// sendfile-transfer state change only through the state machine
// (socket/core/state.hpp); docs/state-machine.md describes it.

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include <esock/process.hpp>
#include <esock/term.hpp>

#include "generated/ids.hpp"

namespace esock::socket::core {

class attachment;  // socket/core/watch.hpp

/// Which queue an operation waits in. Readers and acceptors wait for
/// readability, writers and the connector for writability.
enum class side_kind : std::uint8_t { reader, acceptor, writer, connector };
/// Every side, in the order close aborts their callers.
inline constexpr std::array<side_kind, 4> all_sides = {side_kind::acceptor, side_kind::reader,
                                                       side_kind::writer, side_kind::connector};

/// A caller waiting for its turn or for readiness.
struct waiter {
    process_ptr proc;
    term handle;  // the select handle of its SelectInfo
};

/// One direction of a socket: the caller at the head and those queued behind
/// it, first in first out. (The flags come last, packed: a socket has four
/// sides, and every byte of a record counts at tens of thousands of sockets.)
struct side {
    waiter current;
    // Short in practice: a vector costs nothing while empty (a deque
    // allocates over half a kilobyte up front, for each side of each socket).
    std::vector<waiter> queue;
    bool has_current = false;
    // The current caller waits for readiness (its process's poller watches
    // the fd) and no select message has been sent for it since.
    bool armed = false;
    // The current caller's select message has been sent and it has not
    // called since: a close sends it no abort, as OTP's used-up select
    // cancels nothing.
    bool notified = false;
    // The last blocking call on this side had to wait: the next one polls
    // before its first attempt (poll + call instead of call + poll + call
    // when traffic alternates, as in request/response).
    bool predict_wait = false;

    [[nodiscard]] std::size_t count() const noexcept {
        return (has_current ? 1 : 0) + queue.size();
    }
};

/// A group of counters of spec/counters.yaml, indexed by its generated ids.
/// Counters are 64 bits wide and wrap; a wrap is remembered in `wrapped`
/// until the state machine tells the owner (the otp option iow).
template <class Id, std::size_t N>
struct counter_set {
    static_assert(N <= 64);
    using id_type = Id;
    std::array<std::uint64_t, N> values{};
    std::uint64_t wrapped = 0;  // bit i: counter i wrapped since the last report

    std::uint64_t operator[](Id id) const noexcept { return values[ids::index(id)]; }
    /// Adds `n` to counter `id`, noting a wrap.
    void add(Id id, std::uint64_t n = 1) noexcept {
        std::uint64_t& v = values[ids::index(id)];
        v += n;
        if (v < n) wrapped |= std::uint64_t{1} << ids::index(id);
    }
    /// Raises counter `id` to `v` when `v` is larger (the *_max counters).
    void raise_to(Id id, std::uint64_t v) noexcept {
        if (v > values[ids::index(id)]) values[ids::index(id)] = v;
    }
};

using socket_counters = counter_set<ids::socket_counter, ids::socket_counter_count>;
using sendfile_counter_set = counter_set<ids::sendfile_counter, ids::sendfile_counter_count>;

/// The counters of sendfile, and the bytes of the transfer in progress
/// (sendfile_max is the largest such total).
struct sendfile_counters {
    sendfile_counter_set counts;
    std::uint64_t op_bytes = 0;
};

/// The counters of info/1.
class counters {
  public:
    socket_counters socket;
    // Bytes of the package being written, across partial writes and
    // continuation calls, as OTP keeps them: write_pkg_max is the largest
    // such total. Not reset when a send times out, as in OTP.
    std::uint64_t write_pkg_acc = 0;

    /// A send system call wrote `n` bytes; `package_done` when that ends the
    /// package (all sent, or a datagram the kernel took in part). Unlike
    /// OTP 25, write_byte counts partial writes too (docs/deviations.md).
    void count_written(std::uint64_t n, bool package_done) noexcept {
        using ids::socket_counter;
        socket.add(socket_counter::write_byte, n);
        write_pkg_acc += n;
        if (!package_done) return;
        socket.add(socket_counter::write_pkg);
        socket.raise_to(socket_counter::write_pkg_max, write_pkg_acc);
        write_pkg_acc = 0;
    }
    /// A read system call returned `n` bytes.
    // A read that ends its call with data: a package of n bytes.
    void count_read(std::uint64_t n) noexcept {
        using ids::socket_counter;
        socket.add(socket_counter::read_pkg);
        count_read_bytes(n);
        socket.raise_to(socket_counter::read_pkg_max, n);
    }
    // A read short of what its call asked for: only its bytes count.
    void count_read_bytes(std::uint64_t n) noexcept {
        socket.add(ids::socket_counter::read_byte, n);
    }

    /// The sendfile counters, created when sendfile is first used on the
    /// socket (info/1 reports them from then on). Few sockets ever send a
    /// file: the others do not carry the counters in their record.
    sendfile_counters& sendfile() {
        if (!sendfile_) sendfile_ = std::make_unique<sendfile_counters>();
        return *sendfile_;
    }
    /// Null until sendfile has been used.
    [[nodiscard]] sendfile_counters* sendfile_if_used() noexcept { return sendfile_.get(); }
    [[nodiscard]] const sendfile_counters* sendfile_if_used() const noexcept {
        return sendfile_.get();
    }

  private:
    std::unique_ptr<sendfile_counters> sendfile_;
};

/// A monitor of the socket (socket:monitor/1): its reference and the
/// process that gets {'DOWN', Ref, socket, Socket, closed}.
struct monitor_entry {
    term ref;
    process_ptr watcher;
};

/// Where a registered socket stands in the registry's indexes
/// (socket/core/registry.cpp): its position in the list of every socket
/// and in those of its domain, type, protocol and owner.
struct registry_slots {
    // 32 bits: a list holds at most one entry per open descriptor.
    std::array<std::uint32_t, 5> at{};
    bool registered = false;
};

/// The socket's fd registered in the poller of a process that waits on it.
struct poller_registration {
    process_ptr proc;
    std::uint32_t events = 0;  // sys::ready bits, edge-triggered
};

/// What a socket record holds for one socket, from open until the record is
/// reused for another (all of it changes under socket_record::mu).
struct socket_state {
    // The socket's number: its table slot in the low bits, the record's
    // generation above. Poller keys and exit keys carry it, so that one
    // that outlives the socket is recognised as stale.
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
    bool stream = false;  // type is SOCK_STREAM
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

    registry_slots registry;
    std::vector<monitor_entry> monitors;

    // sendfile: the transfer's own descriptor of the file while one is in
    // progress or waits for its continuation, and those of nowait starts
    // queued behind it, by select handle. Closing the socket closes them all.
    int sendfile_fd = -1;
    std::vector<std::pair<term, int>> sendfile_queued;

    // An upper layer's object for this socket (watch.hpp): kept after
    // close, until the record serves another socket. The process whose
    // poller watches the fd for it, and whether a report is due to it.
    std::shared_ptr<attachment> attached;
    process_ptr watcher;
    bool watch_armed = false;

    // otp-level options
    bool debug = ids::default_otp_debug;
    bool iow = ids::default_otp_iow;
    bool use_registry = true;
    bool rcvbuf_pair = false;  // set as {N, Size}: reported back that way
    std::int64_t rcvbuf_n = 1;
    std::int64_t rcvbuf_size = ids::default_otp_rcvbuf;
    std::int64_t rcvctrlbuf = ids::default_otp_rcvctrlbuf;
    std::int64_t sndctrlbuf = ids::default_otp_sndctrlbuf;
    term meta = atoms::undefined;
};

/// A socket record. A closed socket keeps its record, so that info/1 and the
/// other calls still answer for it, until no term refers to the socket any
/// more; then the record and its table slot serve a new socket. Records are
/// never freed: a thread that found one by a stale number (a poller event
/// or an exit key) may still lock it and must then compare `id`.
struct socket_record : socket_state {
    std::mutex mu;
    // The node of `sock` while the record is a socket: find() accepts the
    // socket's own term (copies share the node) and nothing else.
    std::atomic<const void*> sock_node{nullptr};
    std::uint64_t slot = 0;        // permanent
    std::uint64_t generation = 0;  // how often the record has been reused

    [[nodiscard]] const side& side_of(side_kind k) const noexcept {
        return const_cast<socket_record*>(this)->side_of(k);  // NOLINT
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

/// The record for socket term `s`; throws erl_error(badarg) for anything else.
socket_record& lookup(const term& s);
/// The record for `s`, or nullptr when `s` is not a socket term.
socket_record* find(const term& s) noexcept;

/// What a new record is made from.
struct new_socket {
    int fd = -1;
    bool shared_fd = false;  // the caller keeps owning fd (open(Fd, #{dup => false}))
    int domain = 0, type = 0, protocol = 0;
    bool stream = false;  // type is SOCK_STREAM
    term domain_t, type_t, protocol_t;
    term ctype;
    process_ptr owner;
    bool use_registry = true;
    bool debug = false;
};

/// Creates a record for an open, non-blocking fd (ownership of fd passes to
/// the record unless shared_fd). Returns nullptr, closing an owned fd, when
/// it cannot be created (errno in *err). The record is returned locked
/// through `lk`; the caller may set more fields before releasing it.
socket_record* create_socket(new_socket s, int* err, std::unique_lock<std::mutex>& lk);

}  // namespace esock::socket::core

#endif  // ESOCK_SOCKET_CORE_RECORD_HPP
