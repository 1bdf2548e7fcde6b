// SPDX-License-Identifier: Apache-2.0
// A gen_tcp socket's state and its data path (tcp_socket.hpp): the receive
// buffer and framing, passive receives, sends with their packet headers,
// active delivery on the owner's thread, and the life cycle of OTP 25's
// inet driver (end of file, resets, exit_on_close, the answers a half-closed
// socket gives). docs/gen_tcp.md describes what a user sees.

#include "gen_tcp/tcp_socket.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include <esock/error.hpp>
#include <esock/socket.hpp>

#include "inet/options.hpp"
#include "process/internal.hpp"
#include "term/result_terms.hpp"

namespace esock::gen_tcp::detail {

namespace rt = result_terms;
namespace ic = inet::core;

namespace names {
#define ESOCK_GEN_TCP_ATOM(fn, text) \
    atom fn() {                      \
        static const atom a(text);   \
        return a;                    \
    }
ESOCK_GEN_TCP_ATOM(dollar_inet, "$inet")
ESOCK_GEN_TCP_ATOM(gen_tcp_socket, "gen_tcp_socket")
ESOCK_GEN_TCP_ATOM(tcp_closed, "tcp_closed")
ESOCK_GEN_TCP_ATOM(tcp_error, "tcp_error")
ESOCK_GEN_TCP_ATOM(tcp_passive, "tcp_passive")
ESOCK_GEN_TCP_ATOM(http, "http")
ESOCK_GEN_TCP_ATOM(emsgsize, "emsgsize")
ESOCK_GEN_TCP_ATOM(enotconn, "enotconn")
ESOCK_GEN_TCP_ATOM(econnreset, "econnreset")
ESOCK_GEN_TCP_ATOM(once, "once")
#undef ESOCK_GEN_TCP_ATOM
}  // namespace names

namespace {

// ---- packet types ------------------------------------------------------------------

packet::packet_type type_named(const char* name) {
    return *packet::packet_type_of(atom(name));
}

packet::packet_type raw_type() {
    static const packet::packet_type t = type_named("raw");
    return t;
}

packet::packet_type line_type() {
    static const packet::packet_type t = type_named("line");
    return t;
}

bool is_http(packet::packet_type t) {
    static const std::array<packet::packet_type, 4> http = {
        type_named("http"), type_named("httph"), type_named("http_bin"), type_named("httph_bin")};
    return std::find(http.begin(), http.end(), t) != http.end();
}

// http for http and httph, http_bin for http_bin and httph_bin: the type
// a stream of requests or responses starts with.
packet::packet_type line_start_type(packet::packet_type t) {
    static const packet::packet_type httph = type_named("httph");
    static const packet::packet_type httph_bin = type_named("httph_bin");
    if (t == httph) return type_named("http");
    if (t == httph_bin) return type_named("http_bin");
    return t;
}

// The bytes of the length header {packet, 1 | 2 | 4} puts before sent data.
std::size_t header_bytes(packet::packet_type t) {
    static const packet::packet_type one = *packet::packet_type_of(term(1));
    static const packet::packet_type two = *packet::packet_type_of(term(2));
    static const packet::packet_type four = *packet::packet_type_of(term(4));
    if (t == one) return 1;
    if (t == two) return 2;
    if (t == four) return 4;
    return 0;
}

term ok_atom() {
    return atoms::ok;
}

term error(const term& reason) {
    return rt::error(reason);
}

// The reason of {error, Reason} or {error, {Reason, Rest}}, and the rest
// (nil when there is none).
std::pair<term, term> error_parts(const term& r) {
    const term& why = *r.element(1);
    if (why.is_tuple(2) && why.element(0)->is_atom()) return {*why.element(0), *why.element(1)};
    return {why, term()};
}

// A big read: the most a passive or active read asks for at once when a
// packet's header says more is coming. Bounded, so that nothing allocates
// what a header merely claims; what arrives grows the buffer.
constexpr std::size_t big_read = std::size_t{1} << 20;

// A timeout term for the socket module: infinity, or what is left.
term timeout_term(std::int64_t ms) {
    if (ms < 0) return atoms::infinity;
    return ms;
}

}  // namespace

// ---- statistics ----------------------------------------------------------------------

void statistics::received(std::uint64_t bytes) noexcept {
    ++recv_cnt;
    recv_oct += bytes;
    recv_max = std::max(recv_max, bytes);
    const double n = static_cast<double>(recv_cnt);
    const double b = static_cast<double>(bytes);
    recv_avg += (b - recv_avg) / n;
    // The mean distance from the running average, as OTP's driver keeps it.
    recv_dvi += (std::fabs(b - recv_avg) - recv_dvi) / n;
}

void statistics::sent(std::uint64_t bytes) noexcept {
    ++send_cnt;
    send_oct += bytes;
    send_max = std::max(send_max, bytes);
    send_avg += (static_cast<double>(bytes) - send_avg) / static_cast<double>(send_cnt);
}

// ---- the receive buffer ------------------------------------------------------------

std::span<const std::uint8_t> recv_buffer::bytes() const noexcept {
    if (chunk_.is_binary()) return chunk_.binary_bytes().subspan(chunk_pos_);
    return std::span<const std::uint8_t>(acc_).subspan(acc_pos_);
}

void recv_buffer::append(const term& bin) {
    const auto add = bin.binary_bytes();
    if (add.empty()) return;
    if (empty()) {
        clear();
        chunk_ = bin;
        return;
    }
    if (chunk_.is_binary()) {
        const auto rest = bytes();
        acc_.assign(rest.begin(), rest.end());
        acc_pos_ = 0;
        chunk_ = term();
        chunk_pos_ = 0;
    } else if (acc_pos_ > 0 && acc_pos_ >= acc_.size() / 2) {
        acc_.erase(acc_.begin(), acc_.begin() + static_cast<std::ptrdiff_t>(acc_pos_));
        acc_pos_ = 0;
    }
    acc_.insert(acc_.end(), add.begin(), add.end());
}

term recv_buffer::take(std::size_t n) {
    n = std::min(n, size());
    term out = chunk_.is_binary() ? sub_binary(chunk_, chunk_pos_, n) : binary(bytes().first(n));
    consume(n);
    return out;
}

void recv_buffer::consume(std::size_t n) noexcept {
    if (chunk_.is_binary()) {
        chunk_pos_ += n;
        if (chunk_pos_ >= chunk_.binary_bytes().size()) {
            chunk_ = term();
            chunk_pos_ = 0;
        }
        return;
    }
    acc_pos_ += n;
    if (acc_pos_ >= acc_.size()) clear();
}

void recv_buffer::clear() noexcept {
    chunk_ = term();
    chunk_pos_ = 0;
    acc_.clear();
    acc_pos_ = 0;
    // A long packet's room is not kept for the small ones after it.
    if (acc_.capacity() > big_read) std::vector<std::uint8_t>().swap(acc_);
}

// ---- the socket ----------------------------------------------------------------------

tcp_socket::tcp_socket(term pid, family f, bool listener, process_ptr owner, settings s)
    : pid_(std::move(pid)),
      family_(f),
      listener_(listener),
      owner_(std::move(owner)),
      s_(std::move(s)),
      connected_(!listener) {
    http_type_ = s_.type;
}

term tcp_socket::term_for(const term& sock) const {
    return tuple(names::dollar_inet(), names::gen_tcp_socket(), tuple(pid_, sock));
}

packet::framing tcp_socket::framing() const noexcept {
    packet::framing f{};
    f.type = is_http(s_.type) ? http_type_ : s_.type;
    f.packet_size = s_.packet_size;
    // A line longer than the buffer comes in buffer-sized pieces, and an
    // HTTP line longer than it is too long, as in OTP's driver.
    f.line_length = static_cast<std::uint32_t>(
        std::min<std::int64_t>(s_.buffer, std::numeric_limits<std::uint32_t>::max()));
    f.line_delimiter = s_.line_delimiter;
    return f;
}

tcp_socket::next_packet tcp_socket::take_next() {
    next_packet out;
    if (in_.empty()) return out;
    const packet::framing f = framing();
    std::span<const std::uint8_t> window = in_.bytes();
    // OTP's driver looks for the end of a line in what one buffer holds:
    // a line past it is cut there even when packet_size would allow it.
    if (f.type == line_type()) {
        window = window.first(std::min<std::size_t>(window.size(), f.line_length));
    }
    const packet::scan_result r = packet::scan(f, window, &scan_);
    switch (r.status) {
        case packet::scan_status::more:
            out.need = r.length > in_.size() ? r.length - in_.size() : 0;
            return out;
        case packet::scan_status::invalid:
            out.kind = next_kind::invalid;
            return out;
        case packet::scan_status::packet:
            break;
    }
    out.kind = next_kind::packet;
    out.wire = r.length;
    out.wire_bin = in_.take(r.length);
    out.packet = packet::packet_term(f, out.wire_bin, r);
    scan_ = {};
    // {packet, http | http_bin} reads the header lines as httph after the
    // first line and turns back after http_eoh; httph* stay as they are.
    if (is_http(s_.type) && s_.type == line_start_type(s_.type)) {
        http_type_ = packet::next_type(http_type_, out.packet);
    }
    return out;
}

term tcp_socket::shape_data(const term& bin) const {
    const auto b = bin.binary_bytes();
    const std::string_view text(reinterpret_cast<const char*>(b.data()), b.size());
    if (!s_.binary || s_.header > b.size()) return latin1_string(text);
    if (s_.header == 0) return bin;
    const auto n = static_cast<std::size_t>(s_.header);
    std::vector<term> head;
    head.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
        head.emplace_back(static_cast<std::int64_t>(b[i]));
    return list_from(head, sub_binary(bin, n, b.size() - n));
}

term tcp_socket::data_message(const term& self, const next_packet& n) const {
    if (s_.deliver_port) {
        // {S, {data, Data}}: the bytes as received, as a list, as OTP's
        // driver sends them (HTTP lines unparsed).
        const auto b = n.wire_bin.binary_bytes();
        const std::string_view text(reinterpret_cast<const char*>(b.data()), b.size());
        return tuple(self, tuple(atoms::data, latin1_string(text)));
    }
    if (is_http(s_.type)) return tuple(names::http(), self, n.packet);
    return tuple(atoms::tcp, self, shape_data(n.packet));
}

void tcp_socket::count_delivery(const term& self) {
    switch (s_.active) {
        case active_mode::once:
            s_.active = active_mode::passive;
            break;
        case active_mode::count:
            if (--s_.count <= 0) {
                s_.active = active_mode::passive;
                s_.count = 0;
                owner_->deliver(tuple(names::tcp_passive(), self));
            }
            break;
        case active_mode::always:
        case active_mode::passive:
            break;
    }
}

void tcp_socket::stream_broken(const term& sock) {
    eof_ = true;
    in_.clear();
    scan_ = {};
    close_fd(sock);
}

std::size_t tcp_socket::deliver_buffered(const term& sock) {
    if (!open_ || s_.active == active_mode::passive || !owner_) return 0;
    const term self = term_for(sock);
    const bool raw = s_.type == raw_type();
    std::size_t need = 0;
    while (open_ && s_.active != active_mode::passive) {
        next_packet n;
        if (raw) {
            if (in_.empty()) break;
            n.kind = next_kind::packet;
            n.wire = std::min(in_.size(),
                              static_cast<std::size_t>(std::max<std::int64_t>(s_.buffer, 1)));
            n.wire_bin = in_.take(n.wire);
            n.packet = n.wire_bin;
        } else {
            n = take_next();
        }
        if (n.kind == next_kind::more) {
            need = n.need;
            break;
        }
        if (n.kind == next_kind::invalid) {
            input_error_ = names::emsgsize();
            stream_broken(sock);
            break;
        }
        stats_.received(n.wire);
        owner_->deliver(data_message(self, n));
        count_delivery(self);
    }
    if (!open_ || s_.active == active_mode::passive || !input_done() || closed_sent_) return need;
    // Nothing more will come: what input ended with, then tcp_closed (a
    // partial packet left is dropped, as OTP's driver drops it).
    in_.clear();
    if (!input_error_.is_nil()) owner_->deliver(tuple(names::tcp_error(), self, input_error_));
    input_error_ = term();
    owner_->deliver(tuple(names::tcp_closed(), self));
    closed_sent_ = true;
    if (s_.exit_on_close) {
        close_port(sock);
    } else if (fd_open_) {
        read_closed_ = true;
    }
    return 0;
}

std::size_t tcp_socket::read_length(std::size_t need) const noexcept {
    const auto buffer = static_cast<std::size_t>(std::max<std::int64_t>(s_.buffer, 1));
    // What is there, up to the buffer; a long packet's rest in big reads.
    if (need <= buffer) return 0;
    return std::min(need, big_read);
}

void tcp_socket::arm(const term& sock, bool after_eagain) {
    if (!open_ || !fd_open_ || listener_ || !owner_ || input_done()) return;
    if (socket::core::watch(sock, owner_, after_eagain) != 0) {
        // The socket is gone underneath (closed elsewhere): input has ended.
        eof_ = true;
        fd_open_ = false;
        connected_ = false;
        (void)deliver_buffered(sock);
    }
}

void tcp_socket::pump(const term& sock, bool on_owner_thread) {
    for (;;) {
        const std::size_t need = deliver_buffered(sock);
        if (!open_ || s_.active == active_mode::passive || input_done() || listener_) return;
        const term r = socket::recv(sock, static_cast<std::int64_t>(read_length(need)), 0);
        if (r.is_tuple(2) && r.element(0)->is_atom(atoms::ok)) {
            in_.append(*r.element(1));
            continue;
        }
        const auto [why, rest] = error_parts(r);
        if (why.is_atom(atoms::timeout)) {
            // Nothing more for now: the owner's poller reports the next
            // arrival (an edge after the read that found nothing).
            arm(sock, on_owner_thread);
            return;
        }
        input_ended(sock, why);
    }
}

void tcp_socket::readable(const term& sock) {
    std::lock_guard lk(mu_);
    check_owner(sock);
    if (!open_ || s_.active == active_mode::passive || !owner_) return;
    // A report for an owner that gave the socket away meanwhile: the new
    // owner's poller watches it now.
    if (&self_process_ref() != owner_.get()) return;
    pump(sock, true);
}

// ---- life cycle ----------------------------------------------------------------------

void tcp_socket::close_fd(const term& sock) {
    if (fd_open_) (void)socket::close(sock);
    fd_open_ = false;
    connected_ = false;
    read_closed_ = false;
}

void tcp_socket::close_port(const term& sock) {
    close_fd(sock);
    open_ = false;
    in_.clear();
    pending_out_.clear();
    std::vector<std::uint8_t>().swap(pending_out_);
}

void tcp_socket::check_owner(const term& sock) {
    if (open_ && owner_ && !owner_->alive()) close_port(sock);
}

void tcp_socket::input_ended(const term& sock, const term& reason) {
    eof_ = true;
    in_.clear();
    scan_ = {};
    if (reason.is_atom(atoms::closed)) {
        // The peer's end of file. Active: tcp_closed (deliver_buffered);
        // then the socket closes, or only its reading side does.
        return;
    }
    // A reset or another error: the connection is gone.
    if (reason.is_atom(names::econnreset()) && s_.show_econnreset) input_error_ = reason;
    close_fd(sock);
}

term tcp_socket::send_failed(const term& sock, const term& reason) {
    const bool epipe = reason.is_atom(atom("epipe"));
    // A broken pipe the socket did not cause by its own shutdown is the
    // peer's reset, as OTP's driver takes it.
    const bool reset = reason.is_atom(names::econnreset()) || (epipe && !shutdown_write_);
    if (!reset && !epipe) return error(reason);
    const term answer =
        reset && s_.show_econnreset ? term(names::econnreset()) : term(atoms::closed);
    eof_ = true;
    close_fd(sock);
    if (s_.active != active_mode::passive) {
        (void)deliver_buffered(sock);
    } else {
        // The next recv tells of the close too, rather than enotconn.
        delayed_close_recv_ = true;
    }
    return error(answer);
}

void tcp_socket::keep_unsent(const term& rest) {
    pending_out_.clear();
    // sendmsg leaves the rest of its iov as a list of binaries.
    term parts = rest.is_binary() ? list(rest) : rest;
    while (parts.is_cons()) {
        const auto b = parts.head()->binary_bytes();
        pending_out_.insert(pending_out_.end(), b.begin(), b.end());
        parts = *parts.tail();
    }
}

bool tcp_socket::is_open() {
    return open_ && !(owner_ && !owner_->alive());
}

std::vector<std::string_view> tcp_socket::status_flags() {
    std::lock_guard lk(mu_);
    if (!is_open()) return {};
    if (listener_) return {"listen", "open"};
    if (connected_) return {"connected", "open"};
    return {"open"};
}

// ---- the calls -----------------------------------------------------------------------

void tcp_socket::start(const term& sock) {
    std::lock_guard lk(mu_);
    if (s_.active != active_mode::passive) arm(sock, false);
}

term tcp_socket::recv(const term& sock, std::size_t length, std::int64_t timeout_ms) {
    using clock = std::chrono::steady_clock;
    const clock::time_point deadline =
        timeout_ms < 0 ? clock::time_point::max() : process_internal::deadline_after(timeout_ms);
    auto left = [&]() -> std::int64_t {
        if (timeout_ms < 0) return -1;
        return std::max<std::int64_t>(
            0,
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now()).count());
    };
    // One passive recv at a time; a second waits its turn within its timeout.
    if (!reading_.take(timeout_ms < 0 ? std::nullopt : std::optional(deadline))) {
        return error(atoms::timeout);
    }
    struct give_back_at_end {
        detail::turn& t;
        ~give_back_at_end() { t.give_back(); }
    } const held{reading_};
    std::unique_lock lk(mu_);
    check_owner(sock);
    for (;;) {
        if (!open_) return error(atoms::closed);
        // A listener answers enotconn whatever its active mode, as OTP 25's.
        if (listener_) return error(names::enotconn());
        if (s_.active != active_mode::passive) return error(atoms::einval);
        const bool raw = s_.type == raw_type();
        if (!raw && length > 0) return error(atoms::einval);
        std::size_t want = 0;
        if (raw) {
            if (length == 0 && !in_.empty()) {
                const std::size_t n = std::min(
                    in_.size(), static_cast<std::size_t>(std::max<std::int64_t>(s_.buffer, 1)));
                stats_.received(n);
                return rt::ok(shape_data(in_.take(n)));
            }
            if (length > 0 && in_.size() >= length) {
                stats_.received(length);
                return rt::ok(shape_data(in_.take(length)));
            }
            want = length == 0 ? 0 : length - in_.size();
        } else {
            next_packet n = take_next();
            if (n.kind == next_kind::packet) {
                stats_.received(n.wire);
                return rt::ok(is_http(s_.type) ? n.packet : shape_data(n.packet));
            }
            if (n.kind == next_kind::invalid) {
                // The stream cannot be read on: the socket closes underneath.
                eof_ = true;
                in_.clear();
                close_fd(sock);
                return error(names::emsgsize());
            }
            want = read_length(n.need);
        }
        if (input_done()) {
            if (delayed_close_recv_) {
                delayed_close_recv_ = false;
                return error(atoms::closed);
            }
            if (read_closed_) return error(atoms::closed);
            return error(connected_ ? term(atoms::closed) : term(names::enotconn()));
        }
        const term t = timeout_term(left());
        lk.unlock();
        const term r = socket::recv(sock, static_cast<std::int64_t>(want), t);
        lk.lock();
        check_owner(sock);
        if (!open_) return error(atoms::closed);
        if (r.is_tuple(2) && r.element(0)->is_atom(atoms::ok)) {
            const term& data = *r.element(1);
            if (raw && length == 0 && in_.empty()) {
                // The usual case: what one read brought, as it is.
                stats_.received(data.binary_bytes().size());
                return rt::ok(shape_data(data));
            }
            in_.append(data);
            continue;
        }
        const auto [why, rest] = error_parts(r);
        if (why.is_atom(atoms::timeout)) {
            // What came so far stays for the next recv: the framing holds.
            if (rest.is_binary()) in_.append(rest);
            return error(atoms::timeout);
        }
        eof_ = true;
        in_.clear();
        scan_ = {};
        const bool reset = why.is_atom(names::econnreset());
        if (reset && s_.show_econnreset) {
            close_fd(sock);
            return error(why);
        }
        if (!why.is_atom(atoms::closed) && !reset) {
            close_fd(sock);
            return error(why);
        }
        // End of file (or a reset shown as one).
        if (s_.exit_on_close || reset) {
            close_fd(sock);
            delayed_close_send_ = true;
        } else {
            read_closed_ = true;
        }
        return error(atoms::closed);
    }
}

term tcp_socket::send(const term& sock, const term& data) {
    std::unique_lock lk(mu_);
    check_owner(sock);
    if (!open_) return error(atoms::closed);
    if (!connected_) {
        if (delayed_close_send_) {
            delayed_close_send_ = false;
            return error(atoms::closed);
        }
        return error(names::enotconn());
    }
    const std::size_t size = data.binary_bytes().size();
    const std::size_t hdr = header_bytes(s_.type);
    // The parts written at once: what an earlier send left, the length
    // header, the data.
    std::vector<term> iov;
    if (!pending_out_.empty()) {
        iov.push_back(binary(pending_out_));
        pending_out_.clear();
    }
    if (hdr > 0) {
        // The length modulo the header's range, as OTP sends it.
        std::array<std::uint8_t, 4> h{};
        for (std::size_t i = 0; i < hdr; ++i)
            h[i] = static_cast<std::uint8_t>(size >> (8 * (hdr - 1 - i)));
        iov.push_back(binary(std::span<const std::uint8_t>(h.data(), hdr)));
    }
    const term timeout = timeout_term(s_.send_timeout);
    term r;
    lk.unlock();
    if (iov.empty()) {
        r = socket::send(sock, data, timeout);
    } else {
        iov.push_back(data);
        r = socket::sendmsg(sock, map({{atoms::iov, list_from(iov)}}), timeout);
    }
    lk.lock();
    if (r.is_atom(atoms::ok)) {
        stats_.sent(size + hdr);
        return ok_atom();
    }
    const auto [why, rest] = error_parts(r);
    if (why.is_atom(atoms::timeout)) {
        if (s_.send_timeout_close) {
            close_fd(sock);
        } else {
            keep_unsent(rest.is_nil() ? (iov.empty() ? list(data) : list_from(iov)) : rest);
        }
        return error(atoms::timeout);
    }
    if (!open_ || !fd_open_) return error(atoms::closed);
    return send_failed(sock, why);
}

term tcp_socket::shutdown(const term& sock, const term& how) {
    std::unique_lock lk(mu_);
    check_owner(sock);
    if (!open_) return error(atoms::closed);
    if (!connected_) return error(names::enotconn());
    const term r = socket::shutdown(sock, how);
    if (r.is_atom(atoms::ok) && !how.is_atom(atom("read"))) shutdown_write_ = true;
    return r;
}

term tcp_socket::close(const term& sock) {
    std::lock_guard lk(mu_);
    if (open_) close_port(sock);
    return ok_atom();
}

term tcp_socket::active_value() {
    switch (s_.active) {
        case active_mode::passive:
            return atoms::false_;
        case active_mode::once:
            return names::once();
        case active_mode::count:
            return s_.count;
        case active_mode::always:
            return atoms::true_;
    }
    return atoms::false_;
}

settings tcp_socket::settings_copy() {
    std::lock_guard lk(mu_);
    return s_;
}

term tcp_socket::getstat(const std::vector<term>& wanted) {
    std::lock_guard lk(mu_);
    if (!is_open()) return error(atoms::einval);
    std::vector<term> out;
    out.reserve(wanted.size());
    for (const term& w : wanted) {
        const std::string_view n = w.as_atom()->name();
        std::uint64_t v = 0;
        if (n == "recv_oct") {
            v = stats_.recv_oct;
        } else if (n == "recv_cnt") {
            v = stats_.recv_cnt;
        } else if (n == "recv_max") {
            v = stats_.recv_max;
        } else if (n == "recv_avg") {
            v = static_cast<std::uint64_t>(stats_.recv_avg);
        } else if (n == "recv_dvi") {
            v = static_cast<std::uint64_t>(stats_.recv_dvi);
        } else if (n == "send_oct") {
            v = stats_.send_oct;
        } else if (n == "send_cnt") {
            v = stats_.send_cnt;
        } else if (n == "send_max") {
            v = stats_.send_max;
        } else if (n == "send_avg") {
            v = static_cast<std::uint64_t>(stats_.send_avg);
        } else if (n == "send_pend") {
            v = pending_out_.size();
        } else {
            return error(atoms::einval);
        }
        out.push_back(tuple(w, static_cast<std::int64_t>(v)));
    }
    return rt::ok(list_from(std::move(out)));
}

}  // namespace esock::gen_tcp::detail
