// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_GEN_TCP_TCP_SOCKET_HPP
#define ESOCK_GEN_TCP_TCP_SOCKET_HPP

// One gen_tcp socket: what OTP 25's inet driver keeps for a TCP port (its
// options, its receive buffer and framing, its active mode, its counters
// and its life cycle), over a socket of the socket module. The object is
// attached to that socket (socket/core/watch.hpp), which holds it until its
// record serves another socket, so that a closed gen_tcp socket still
// answers; it holds no term of the socket itself (that would keep the
// record, and so the object, alive for ever): every call passes the socket
// term in. Active delivery is driven by readiness: the owner's poller
// watches the socket, and readable() runs on the owner's own thread, from
// inside its receive, and turns what arrives into {tcp, S, Data} and the
// other messages, in order, into the owner's mailbox.
//
// Locking: `mu_` guards everything; it is never held while a call may wait
// (a blocking recv or send runs unlocked, serialised by `reading_` and the
// socket layer's writer queue), and the socket layer never calls back into
// this object with its own lock held. Internal to the gen_tcp layer.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <esock/packet.hpp>
#include <esock/process.hpp>
#include <esock/term.hpp>

#include "socket/core/watch.hpp"

namespace esock::inet::core {
struct inet_option;
}

namespace esock::gen_tcp::detail {

/// The address family of a gen_tcp socket.
enum class family : std::uint8_t { inet, inet6, local };

/// {active, true | false | once | N}.
enum class active_mode : std::uint8_t { passive, once, count, always };

/// The largest count of {active, N}.
inline constexpr std::int64_t max_active_count = 32767;

/// The options the layer carries out itself, as a new socket has them
/// (accepted sockets copy their listener's). Plain data.
struct settings {
    active_mode active = active_mode::always;
    std::int64_t count = 0;  // {active, N}: messages left
    bool binary = false;
    std::uint64_t header = 0;
    packet::packet_type type{};     // the {packet, P} in force
    std::uint32_t packet_size = 0;  // 0: no limit
    std::uint8_t line_delimiter = '\n';
    bool deliver_port = false;
    bool exit_on_close = true;
    bool show_econnreset = false;
    std::int64_t send_timeout = -1;  // -1: infinity; else milliseconds
    bool send_timeout_close = false;
    std::int64_t buffer = 1460;  // {buffer, N}, at least 1
    bool buffer_set = false;     // given explicitly: recbuf no longer raises it
    // The read-back value of every option the layer handles that was set
    // (for getopts), in the order first set.
    std::vector<std::pair<const inet::core::inet_option*, term>> kept;
};

/// inet's statistics (getstat), counted per delivered packet and per send,
/// as OTP's inet driver counts them: averages and the mean deviation as
/// running values over every packet so far.
struct statistics {
    std::uint64_t recv_oct = 0, recv_cnt = 0, recv_max = 0;
    double recv_avg = 0, recv_dvi = 0;
    std::uint64_t send_oct = 0, send_cnt = 0, send_max = 0;
    double send_avg = 0;

    void received(std::uint64_t bytes) noexcept;
    void sent(std::uint64_t bytes) noexcept;
};

/// Received bytes not delivered yet. A buffer that holds one binary as
/// received delivers parts of it without copying; appending to it moves
/// the bytes into a growing array (amortised: a long packet arriving in
/// many reads is copied O(1) times per byte). Not thread-safe.
class recv_buffer {
  public:
    [[nodiscard]] std::span<const std::uint8_t> bytes() const noexcept;
    [[nodiscard]] std::size_t size() const noexcept { return bytes().size(); }
    [[nodiscard]] bool empty() const noexcept { return size() == 0; }
    /// Appends a binary (kept as it is when the buffer is empty).
    void append(const term& bin);
    /// The first `n` bytes as a binary (shared when possible), consumed.
    [[nodiscard]] term take(std::size_t n);
    void clear() noexcept;

  private:
    void consume(std::size_t n) noexcept;
    term chunk_;  // a binary, when the buffer is one received binary
    std::size_t chunk_pos_ = 0;
    std::vector<std::uint8_t> acc_;  // otherwise: the bytes from acc_pos_
    std::size_t acc_pos_ = 0;
};

/// A turn that one caller at a time holds, taken with a deadline: the
/// passive recv of a socket. (Not std::timed_mutex: its timed lock is
/// pthread_mutex_clocklock, which ThreadSanitizer does not intercept, so
/// that it takes every later unlock for an unlock by the wrong thread.)
/// Thread-safe.
class turn {
  public:
    /// Waits for the turn until `deadline` (nullopt: for ever); false when
    /// the deadline passed first.
    [[nodiscard]] bool take(std::optional<std::chrono::steady_clock::time_point> deadline) {
        std::unique_lock lk(mu_);
        const auto free = [this] { return !busy_; };
        if (!deadline) {
            cv_.wait(lk, free);
        } else if (!cv_.wait_until(lk, *deadline, free)) {
            return false;
        }
        busy_ = true;
        return true;
    }
    /// Gives the turn back to the next caller.
    void give_back() {
        {
            std::lock_guard lk(mu_);
            busy_ = false;
        }
        cv_.notify_one();
    }

  private:
    std::mutex mu_;
    std::condition_variable cv_;
    bool busy_ = false;
};

/// The state of one gen_tcp socket. Thread-safe: every call takes `mu_`.
class tcp_socket final : public socket::core::attachment {
  public:
    tcp_socket(term pid, family f, bool listener, process_ptr owner, settings s);

    /// The gen_tcp socket term {'$inet', gen_tcp_socket, {Pid, Socket}}.
    [[nodiscard]] term term_for(const term& sock) const;
    [[nodiscard]] const term& pid() const noexcept { return pid_; }
    [[nodiscard]] family sock_family() const noexcept { return family_; }
    [[nodiscard]] bool listener() const noexcept { return listener_; }

    /// The owner's poller found the socket readable (socket/core/watch.hpp).
    void readable(const term& sock) override;

    // ---- the calls (each takes the lock itself) --------------------------------

    /// gen_tcp:recv/3 with a checked length and timeout (-1: infinity).
    [[nodiscard]] term recv(const term& sock, std::size_t length, std::int64_t timeout_ms);
    /// gen_tcp:send/2 of `data`, a binary.
    [[nodiscard]] term send(const term& sock, const term& data);
    /// gen_tcp:shutdown/2.
    [[nodiscard]] term shutdown(const term& sock, const term& how);
    /// gen_tcp:close/1 (and inet:close/1): ok.
    term close(const term& sock);
    /// gen_tcp:controlling_process/2 with a pid.
    [[nodiscard]] term controlling_process(const term& sock, const term& pid);
    /// inet:setopts/2 with a proper list; inet:getopts/2 with a proper list.
    [[nodiscard]] term setopts(const term& sock, const std::vector<term>& opts);
    [[nodiscard]] term getopts(const term& sock, const std::vector<term>& opts);
    /// inet:getstat/2 with a proper list of atoms (already checked).
    [[nodiscard]] term getstat(const std::vector<term>& names);
    /// inet:sockname/1, peername/1 and port/1: {ok, Name} or {error, R}.
    [[nodiscard]] term sockname(const term& sock);
    [[nodiscard]] term peername(const term& sock);
    /// Whether the socket is still open (owner alive, not closed).
    [[nodiscard]] bool is_open();
    /// The status flags OTP 25's inet driver reports for the socket, which
    /// inet:i() prints (open, listen, connected; none once closed).
    [[nodiscard]] std::vector<std::string_view> status_flags();
    /// The current {active, _} value, as getopts reports it.
    [[nodiscard]] term active_value();
    /// The settings an accepted socket copies.
    [[nodiscard]] settings settings_copy();

    /// After open: an active socket's owner starts watching it. Lock not held.
    void start(const term& sock);

    /// Applies validated option elements in order (setopts and the open
    /// calls share it); the first the kernel refuses ends it with its
    /// error, kernel_errors as the option's table entry says. Lock held.
    [[nodiscard]] term apply_options(const term& sock, const std::vector<term>& opts,
                                     std::uint8_t context);
    /// The table's defaults of the options the socket level keeps ({buffer,
    /// 1460} as {otp, rcvbuf}, debug), on a new socket. Lock held.
    void apply_defaults(const term& sock, std::uint8_t context);
    /// Checks option elements as inet does before anything is applied:
    /// the first element that is refused, or nullopt. Lock held.
    [[nodiscard]] std::optional<term> check_options(const std::vector<term>& opts,
                                                    std::uint8_t context) const;

    std::mutex mu_;  // guards all below

  private:
    // ---- delivery ---------------------------------------------------------------------
    // What the next packet of the buffer is.
    enum class next_kind : std::uint8_t { packet, more, invalid };
    struct next_packet {
        next_kind kind = next_kind::more;
        term packet;           // the packet term (kind packet)
        term wire_bin;         // its bytes as received
        std::size_t wire = 0;  // how many, for the counters
        std::size_t need = 0;  // more: the bytes still to come, 0 when unknown
    };
    [[nodiscard]] next_packet take_next();
    [[nodiscard]] packet::framing framing() const noexcept;
    // The data of a delivered packet as the mode and header want it.
    [[nodiscard]] term shape_data(const term& bin) const;
    // The message for a packet in active mode.
    [[nodiscard]] term data_message(const term& self, const next_packet& n) const;
    // Delivers what the buffer holds while active, then what ended input;
    // the bytes the packet at hand still needs (0: unknown or none).
    std::size_t deliver_buffered(const term& sock);
    // A packet the framing refuses: the stream cannot be read on.
    void stream_broken(const term& sock);
    // One packet went out in active mode: the count, once, tcp_passive.
    void count_delivery(const term& self);
    // Reads and delivers until the socket would block or turns passive.
    void pump(const term& sock, bool on_owner_thread);
    // Makes the owner's poller watch the socket (lock held).
    void arm(const term& sock, bool after_eagain);
    // How many bytes the next read asks for (0: what is there, up to buffer).
    [[nodiscard]] std::size_t read_length(std::size_t need) const noexcept;

    // ---- life cycle -------------------------------------------------------------------
    // Closes the socket underneath, keeping the gen_tcp socket.
    void close_fd(const term& sock);
    // Closes the gen_tcp socket.
    void close_port(const term& sock);
    // The owner has ended: the socket is closed, as when a port's owner dies.
    void check_owner(const term& sock);
    // End of file or an error while reading: what passive and active reads
    // do, as OTP's driver does.
    void input_ended(const term& sock, const term& reason);
    // A send failed with `reason` (a posix atom): the result to return.
    [[nodiscard]] term send_failed(const term& sock, const term& reason);
    // The bytes of a send that timed out wait for the next send, as in
    // OTP's driver queue; `rest` is what the socket module did not send.
    void keep_unsent(const term& rest);
    [[nodiscard]] bool input_done() const noexcept { return eof_ || !fd_open_; }

    // ---- options --------------------------------------------------------------------
    [[nodiscard]] std::optional<term> get_one(const term& sock, const term& name);
    [[nodiscard]] term set_one(const term& sock, const inet::core::inet_option& o,
                               const term& value, std::uint8_t context);
    void keep(const inet::core::inet_option& o, const term& read_back);
    [[nodiscard]] bool socket_level_applies(const inet::core::inet_option& o) const noexcept;

    const term pid_;
    const family family_;
    const bool listener_;
    process_ptr owner_;
    settings s_;

    // The life cycle, as OTP's inet driver keeps it for a TCP port.
    bool open_ = true;                 // the gen_tcp socket (the port)
    bool fd_open_ = true;              // the socket underneath
    bool connected_;                   // can send and receive (not a listener, fd open)
    bool eof_ = false;                 // input has ended (end of file or an error)
    bool read_closed_ = false;         // end of file with exit_on_close false
    bool closed_sent_ = false;         // {tcp_closed, S} went out
    bool delayed_close_send_ = false;  // the next send says closed, not enotconn
    bool delayed_close_recv_ = false;  // the next recv says closed, not enotconn
    bool shutdown_write_ = false;
    term input_error_;  // a reason to report before tcp_closed ([] for none)

    recv_buffer in_;
    packet::scan_state scan_;
    packet::packet_type http_type_{};        // http packets: the type of the next line
    std::vector<std::uint8_t> pending_out_;  // unsent rest after a send timeout
    statistics stats_;

    // One passive recv at a time; held while the recv waits (mu_ is not).
    turn reading_;
};

/// A new socket's settings: the table's defaults of the options the layer
/// handles (spec/inet_options.yaml).
[[nodiscard]] settings default_settings();

/// The gen_tcp socket of a term {'$inet', gen_tcp_socket, {Pid, Socket}}:
/// the state (null for a socket closed long ago or not made by gen_tcp)
/// and the socket term inside. nullopt when `t` has not that shape.
struct resolved {
    std::shared_ptr<tcp_socket> st;
    term sock;
};
[[nodiscard]] std::optional<resolved> resolve(const term& t);

/// A new gen_tcp socket over socket `sock`: its state attached, its term.
[[nodiscard]] term adopt(const term& sock, family f, bool listener, settings s,
                         std::shared_ptr<tcp_socket>* out = nullptr);

/// The atoms of the layer's terms and messages.
namespace names {
[[nodiscard]] atom dollar_inet();
[[nodiscard]] atom gen_tcp_socket();
[[nodiscard]] atom tcp_closed();
[[nodiscard]] atom tcp_error();
[[nodiscard]] atom tcp_passive();
[[nodiscard]] atom http();
[[nodiscard]] atom emsgsize();
[[nodiscard]] atom enotconn();
[[nodiscard]] atom econnreset();
[[nodiscard]] atom once();
}  // namespace names

}  // namespace esock::gen_tcp::detail

#endif  // ESOCK_GEN_TCP_TCP_SOCKET_HPP
