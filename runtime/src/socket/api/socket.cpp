// SPDX-License-Identifier: Apache-2.0
// The socket module's calls on an open socket: bind, listen, accept,
// connect, send/sendto, recv/recvfrom, close, shutdown, names, cancel and
// info. Each call decodes its arguments (raising what OTP raises), then
// runs its operation through the state machine (core::run), which tries the
// system call on the non-blocking fd first and only on EAGAIN queues the
// caller, as OTP's socket.erl layers timeouts on nowait.

#include <esock/socket.hpp>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstring>
#include <optional>

#include <esock/posix.hpp>
#include <esock/process.hpp>

#include "codec/names.hpp"
#include "codec/sockaddr.hpp"
#include "codec/tables.hpp"
#include "generated/ids.hpp"
#include "socket/api/args.hpp"
#include "socket/core/core.hpp"
#include "sys/calls.hpp"

namespace esock::socket {

namespace {

using core::ending;
using core::side_kind;
using core::socket_record;
using core::step;
using ids::socket_counter;
namespace results = core::results;

// MSG_PEEK on this platform (0 where it is missing, so nothing matches).
int peek_flag() {
    static const int bits = [] {
        const codec::named_constant& f = codec::msg_flags()[ids::index(ids::msg_flag::peek)];
        return f.defined ? static_cast<int>(f.value) : 0;
    }();
    return bits;
}

// ---- operations ----------------------------------------------------------

class recv_op final : public core::operation {
  public:
    // `poll_only`: Timeout 0, one read that reports what it got.
    recv_op(std::size_t length, int flags, bool with_source, bool poll_only)
        : operation(side_kind::reader),
          length_(length),
          flags_(flags),
          with_source_(with_source),
          poll_only_(poll_only) {}

    [[nodiscard]] term tag() const override { return with_source_ ? atoms::recvfrom : atoms::recv; }
    [[nodiscard]] bool predictable() const noexcept override { return true; }
    [[nodiscard]] bool peeks_at_zero() const noexcept override { return true; }
    term rest(ending /*e*/) override { return got_ > 0 ? take_data() : term(); }

    // One read per attempt, as OTP's NIF does per call: a stream read short
    // of Length waits for readiness before it reads again (right after a
    // short read the kernel has no more bytes, though perhaps the peer's
    // end or an error, which step::short_of has the wait look for).
    step attempt(socket_record& r) override {
        const std::size_t cap =
            length_ > 0 ? length_
                        : static_cast<std::size_t>(std::max<std::int64_t>(r.rcvbuf_size, 1));
        // A small first read lands on the stack, so that a read that finds
        // nothing (the usual nowait case) allocates nothing.
        constexpr std::size_t small_read = 256;
        std::uint8_t small[small_read];
        if (!buf_ && cap > small_read) {
            buf_ = api::read_buffer(cap);
            if (!buf_) {
                result = results::posix_error(ENOMEM);
                return step::done;
            }
            got_ = 0;
        }
        sys::address source;
        sys::result n;
        do {
            r.cnt.socket.add(socket_counter::read_tries);
            const std::span<std::uint8_t> into(buf_ ? buf_->data() + got_ : small, cap - got_);
            n = with_source_ ? sys::recvfrom(r.fd, into, flags_, source)
                             : sys::recv(r.fd, into, flags_);
        } while (!n.ok() && n.error == EINTR);
        if (!n.ok()) {
            if (sys::would_block(n.error)) return step::again;
            r.cnt.socket.add(socket_counter::read_fails);
            // A fatal error ends every queued read, as in OTP.
            core::abort_queued_readers(r, posix_error_atom(n.error));
            result = results::failed(posix_error_atom(n.error), rest(ending::closed));
            return step::done;
        }
        if (n.value == 0 && r.stream && cap - got_ > 0) {
            // Orderly shutdown by the peer.
            result = results::failed(atoms::closed, rest(ending::closed));
            return step::done;
        }
        const auto bytes = static_cast<std::size_t>(n.value);
        if (!buf_) {
            buf_.emplace(cap);
            got_ = 0;
            std::memcpy(buf_->data(), small, bytes);
        }
        got_ += bytes;
        // recvfrom reports each read as it is; so does a Timeout of 0.
        const bool short_stream_read = r.stream && !with_source_ && length_ > 0 && got_ < length_ &&
                                       (flags_ & peek_flag()) == 0;
        if (short_stream_read && !poll_only_) {
            // Its bytes count now; the read counts as a package when the
            // call ends with data, as in OTP.
            r.cnt.count_read_bytes(bytes);
            return step::short_of;
        }
        r.cnt.count_read(bytes);
        term data = take_data();
        result = with_source_ ? results::ok(tuple(codec::decode_sockaddr(source), data))
                              : results::ok(std::move(data));
        return step::done;
    }

  private:
    term take_data() {
        if (!buf_) return binary(std::string_view());
        term b = buf_->release(got_);
        buf_.reset();
        got_ = 0;
        return b;
    }

    std::size_t length_;  // 0: what is there, at most {otp, rcvbuf}
    int flags_;
    bool with_source_;
    bool poll_only_;
    std::optional<binary_buffer> buf_;
    std::size_t got_ = 0;
};

class send_op final : public core::operation {
  public:
    send_op(term data, int flags, std::optional<sys::address> dest, bool is_sendto)
        : operation(side_kind::writer),
          data_(std::move(data)),
          flags_(flags),
          dest_(std::move(dest)),
          is_sendto_(is_sendto) {}

    // {send, Flags} as OTP 25's ContData: the continuation sends with them.
    [[nodiscard]] term tag() const override {
        return tuple(is_sendto_ ? atoms::sendto : atoms::send, flags_);
    }
    [[nodiscard]] bool predictable() const noexcept override { return true; }
    term rest(ending /*e*/) override {
        if (offset_ == 0) return term();
        return sub_binary(data_, offset_, data_.binary_bytes().size() - offset_);
    }

    // One write per attempt, as OTP's NIF does per call: a short write
    // waits for writability before the next (right after one the socket's
    // buffer is full anyway).
    step attempt(socket_record& r) override {
        const auto bytes = data_.binary_bytes();
        sys::result n;
        do {
            r.cnt.socket.add(socket_counter::write_tries);
            const auto left = bytes.subspan(offset_);
            n = dest_ ? sys::sendto(r.fd, left, flags_, *dest_) : sys::send(r.fd, left, flags_);
        } while (!n.ok() && n.error == EINTR);
        if (!n.ok()) {
            if (sys::would_block(n.error)) return step::again;
            r.cnt.socket.add(socket_counter::write_fails);
            // After part of the data went, the caller learns what did not
            // ({error, {Reason, Rest}}), as OTP 25's send_common_error.
            result = results::failed(posix_error_atom(n.error), rest(ending::closed));
            return step::done;
        }
        offset_ += static_cast<std::size_t>(n.value);
        r.cnt.count_written(static_cast<std::uint64_t>(n.value), offset_ >= bytes.size());
        if (offset_ < bytes.size()) return step::again;
        result = atoms::ok;
        return step::done;
    }

  private:
    term data_;  // a binary
    std::size_t offset_ = 0;
    int flags_;
    std::optional<sys::address> dest_;
    bool is_sendto_;
};

class accept_op final : public core::operation {
  public:
    accept_op() : operation(side_kind::acceptor) {}

    [[nodiscard]] term tag() const override { return atoms::accept; }

    step attempt(socket_record& r) override {
        for (;;) {
            r.cnt.socket.add(socket_counter::acc_tries);
            const sys::result fd = sys::accept(r.fd);
            if (!fd.ok()) {
                if (fd.error == EINTR) continue;
                if (sys::would_block(fd.error)) return step::again;
                r.cnt.socket.add(socket_counter::acc_fails);
                result = results::posix_error(fd.error);
                return step::done;
            }
            core::new_socket s;
            s.fd = static_cast<int>(fd.value);
            s.domain = r.domain;
            s.type = r.type;
            s.protocol = r.protocol;
            s.stream = r.stream;
            s.domain_t = r.domain_t;
            s.type_t = r.type_t;
            s.protocol_t = r.protocol_t;
            s.ctype = atom("normal");
            s.owner = self_process();
            s.use_registry = r.use_registry;
            int err = 0;
            std::unique_lock<std::mutex> lk;
            socket_record* n = core::create_socket(std::move(s), &err, lk);
            if (n == nullptr) {
                r.cnt.socket.add(socket_counter::acc_fails);
                result = results::posix_error(err);
                return step::done;
            }
            core::note_connected(*n);
            r.cnt.socket.add(socket_counter::acc_success);
            result = results::ok(n->sock);
            return step::done;
        }
    }
};

class connect_op final : public core::operation {
  public:
    explicit connect_op(const sys::address& addr) : operation(side_kind::connector), addr_(addr) {}

    [[nodiscard]] term tag() const override { return atoms::connect; }

    // A connect while one is pending: another process's is OTP's
    // {error, already}; the caller's own reports its outcome when it has
    // one (as connect/1 would), else the kernel's ealready.
    std::optional<term> refuse(socket_record& r, const process& caller) override {
        if (!r.connecting) return std::nullopt;
        if (!core::is_current(r, side_kind::connector, caller))
            return results::error(atom("already"));
        if (auto outcome = core::finish_connect(r, caller)) return outcome;
        return results::posix_error(EALREADY);
    }

    void on_timeout(socket_record& r) override { core::note_connect_ended(r); }

    step attempt(socket_record& r) override {
        if (started_) {
            auto outcome = core::finish_connect(r, self_process_ref());
            if (!outcome) return step::again;
            result = std::move(*outcome);
            return step::done;
        }
        started_ = true;
        for (;;) {
            const int e = sys::connect(r.fd, addr_);
            if (e == 0 || e == EISCONN) {
                // Already connected (EISCONN): OTP swallows it.
                core::note_connected(r);
                result = atoms::ok;
                return step::done;
            }
            if (e == EINTR) continue;
            if (e == EINPROGRESS) {
                core::note_connect_started(r);
                return step::again;
            }
            // EALREADY among them: a connect still pending in the kernel
            // whose call has ended (timed out, cancelled, or its process
            // gone) is not waited for again.
            result = results::posix_error(e);
            return step::done;
        }
    }

  private:
    sys::address addr_;
    bool started_ = false;
};

// ---- argument helpers ------------------------------------------------------

// bind's address: a sockaddr map, or one of the atoms any, loopback and
// broadcast, meaning that address of the socket's own domain (inet or
// inet6; another domain is eafnosupport). Any other atom is a bad sockaddr,
// returned; anything else is raised, as OTP 25 has it.
codec::sockaddr_result bind_address(const socket_record& r, const term& addr) {
    if (addr.is_atom(atoms::any) || addr.is_atom(atoms::loopback) ||
        addr.is_atom(atoms::broadcast)) {
        const auto d = codec::domain_of(r.domain);
        if (d != ids::domain::inet && d != ids::domain::inet6) {
            return {std::nullopt, posix_error_atom(EAFNOSUPPORT)};
        }
        return codec::encode_sockaddr(
            map({{atoms::family, codec::domain_atom(*d)}, {atoms::addr, addr}}));
    }
    if (addr.is_atom()) return {std::nullopt, results::invalid(tuple(atom("sockaddr"), addr))};
    return codec::encode_sockaddr(addr);
}

term do_recv(const term& s, const term& length, const term& flags_t, const term& timeout,
             bool with_source) {
    socket_record& r = core::lookup(s);
    auto len = length.as_int();
    if (!len || *len < 0) results::raise(atoms::badarg);
    term bad;
    const int flags = api::parse_msg_flags(flags_t, &bad);
    const core::timeout_arg t = api::parse_timeout(timeout);
    if (!bad.is_nil()) return results::invalid_msg_flag(bad);
    recv_op op(static_cast<std::size_t>(*len), flags, with_source, t.polls_once());
    return core::run(r, t, op);
}

// recv/recvfrom with 2 and 3 arguments, as socket.erl dispatches them.
term recv2(const term& s, const term& a1, bool src) {
    if (a1.is_list()) return do_recv(s, 0, a1, atoms::infinity, src);
    if (a1.is_integer()) return do_recv(s, a1, nil(), atoms::infinity, src);
    (void)core::lookup(s);
    results::raise(atoms::badarg);
}

term recv3(const term& s, const term& a1, const term& a2, bool src) {
    if (a1.is_list()) return do_recv(s, 0, a1, a2, src);
    if (a2.is_list()) return do_recv(s, a1, a2, atoms::infinity, src);
    return do_recv(s, a1, nil(), a2, src);
}

term do_send(socket_record& r, const term& data, int flags, const core::timeout_arg& t,
             std::optional<sys::address> dest, bool is_sendto) {
    send_op op(api::iodata_to_binary(data), flags, std::move(dest), is_sendto);
    return core::run(r, t, op);
}

// The flags a send continuation's tag carries ({send, Flags}).
int cont_flags(const term& si) {
    const term& tag = results::select_info_tag(si);
    if (tag.is_tuple(2)) {
        if (const auto v = tag.element(1)->as_int(); v && *v >= 0 && *v <= 0x7fffffff) {
            return static_cast<int>(*v);
        }
    }
    return 0;
}

// A sockaddr the call cannot take: returned or raised as OTP does.
term sockaddr_error(const codec::sockaddr_result& enc) {
    if (enc.raise) results::raise(enc.reason);
    return results::error(enc.reason);
}

term counters_map(const core::counters& c) {
    std::vector<map_entry> entries;
    entries.reserve(ids::socket_counter_count + ids::sendfile_counter_count);
    auto add_all = [&](const auto& set) {
        using id = typename std::remove_cvref_t<decltype(set)>::id_type;
        for (std::size_t i = 0; i < set.values.size(); ++i) {
            entries.push_back(
                {atom(ids::name(static_cast<id>(i))), static_cast<std::int64_t>(set.values[i])});
        }
    };
    add_all(c.socket);
    if (const auto* sf = c.sendfile_if_used()) add_all(sf->counts);
    return map_from(std::move(entries));
}

}  // namespace

// ---- bind / listen / accept / connect ------------------------------------------

term bind(const term& s, const term& addr) {
    socket_record& r = core::lookup(s);
    auto enc = bind_address(r, addr);
    if (enc.raise) results::raise(enc.reason);
    std::lock_guard lk(r.mu);
    // The shape of a map is checked before the socket, as OTP's Erlang side
    // does; the socket before the values and the atoms' domain.
    if (!enc.ok() && enc.shape) return results::error(enc.reason);
    if (r.closed) return results::error(atoms::closed);
    if (!enc.ok()) return results::error(enc.reason);
    if (const int e = sys::bind(r.fd, *enc.address); e != 0) return results::posix_error(e);
    core::note_bound(r);
    return atoms::ok;
}

term bind(const term& s, const term& addrs, const term& action) {
    (void)core::lookup(s);
    if (!addrs.is_list() || !(action.is_atom(atom("add")) || action.is_atom(atom("remove")))) {
        results::raise(atoms::badarg);
    }
    // Each address goes through the first stage only: OTP 25 checks the
    // shapes in Erlang, then its NIF refuses the call whatever the values.
    term rest = addrs;
    while (rest.is_cons()) {
        const auto enc = codec::encode_sockaddr(*rest.head());
        if (enc.raise) results::raise(enc.reason);
        if (!enc.ok() && enc.shape) return results::error(enc.reason);
        rest = *rest.tail();
    }
    if (!rest.is_nil()) results::raise(tuple(atom("bad_generator"), rest));
    results::raise(atom("notsup"));
}

term listen(const term& s) {
    return listen(s, 5);
}

term listen(const term& s, const term& backlog) {
    socket_record& r = core::lookup(s);
    auto b = backlog.as_int();
    if (!b) results::raise(atoms::badarg);
    if (*b < INT_MIN || *b > INT_MAX) {
        // What OTP 25's listen returns for a backlog that is no C int.
        return results::invalid(tuple(atom("integer_range"), *b));
    }
    std::lock_guard lk(r.mu);
    if (r.closed) return results::error(atoms::closed);
    if (const int e = sys::listen(r.fd, static_cast<int>(*b)); e != 0) {
        return results::posix_error(e);
    }
    core::note_listening(r);
    return atoms::ok;
}

term accept(const term& s) {
    return accept(s, atoms::infinity);
}

term accept(const term& s, const term& timeout) {
    socket_record& r = core::lookup(s);
    const core::timeout_arg t = api::parse_timeout(timeout);
    accept_op op;
    return core::run(r, t, op);
}

term connect(const term& s) {
    socket_record& r = core::lookup(s);
    std::lock_guard lk(r.mu);
    if (r.closed) return results::error(atoms::closed);
    // Only the process whose connect is pending may finish it.
    const process& me = self_process_ref();
    if (!r.connecting || !core::is_current(r, side_kind::connector, me)) {
        results::raise(results::invalid(atom("state")));
    }
    auto outcome = core::finish_connect(r, me);
    if (!outcome) return results::posix_error(EALREADY);
    return std::move(*outcome);
}

term connect(const term& s, const term& addr) {
    return connect(s, addr, atoms::infinity);
}

term connect(const term& s, const term& addr, const term& timeout) {
    socket_record& r = core::lookup(s);
    auto enc = codec::encode_sockaddr(addr);
    if (!enc.ok()) return sockaddr_error(enc);
    const core::timeout_arg t = api::parse_timeout(timeout);
    connect_op op(*enc.address);
    return core::run(r, t, op);
}

// ---- send / sendto -------------------------------------------------------------

term send(const term& s, const term& data) {
    return send(s, data, nil(), atoms::infinity);
}

term send(const term& s, const term& data, const term& flags_or_timeout) {
    if (flags_or_timeout.is_list()) return send(s, data, flags_or_timeout, atoms::infinity);
    return send(s, data, nil(), flags_or_timeout);
}

term send(const term& s, const term& data, const term& flags_or_cont, const term& timeout) {
    socket_record& r = core::lookup(s);
    if (results::is_select_info(flags_or_cont)) {
        const core::timeout_arg t = api::parse_timeout(timeout);
        if (!results::tag_names(flags_or_cont, atoms::send)) {
            return results::error(results::invalid(flags_or_cont));
        }
        return do_send(r, data, cont_flags(flags_or_cont), t, std::nullopt, false);
    }
    if (!data.is_binary() && !data.is_list()) results::raise(atoms::badarg);
    term bad;
    const int flags = api::parse_msg_flags(flags_or_cont, &bad);
    const core::timeout_arg t = api::parse_timeout(timeout);
    if (!bad.is_nil()) return results::invalid_msg_flag(bad);
    return do_send(r, data, flags, t, std::nullopt, false);
}

term sendto(const term& s, const term& data, const term& dest) {
    return sendto(s, data, dest, nil(), atoms::infinity);
}

term sendto(const term& s, const term& data, const term& dest, const term& flags_or_timeout) {
    if (results::is_select_info(dest)) {
        // sendto(Socket, Data, Cont, Timeout): continue a partial sendto.
        socket_record& r = core::lookup(s);
        const core::timeout_arg t = api::parse_timeout(flags_or_timeout);
        if (!results::tag_names(dest, atoms::sendto)) {
            return results::error(results::invalid(dest));
        }
        return do_send(r, data, cont_flags(dest), t, std::nullopt, true);
    }
    if (flags_or_timeout.is_list()) return sendto(s, data, dest, flags_or_timeout, atoms::infinity);
    return sendto(s, data, dest, nil(), flags_or_timeout);
}

term sendto(const term& s, const term& data, const term& dest, const term& flags,
            const term& timeout) {
    socket_record& r = core::lookup(s);
    if (!data.is_binary() && !data.is_list()) results::raise(atoms::badarg);
    auto enc = codec::encode_sockaddr(dest);
    if (!enc.ok()) return sockaddr_error(enc);
    term bad;
    const int f = api::parse_msg_flags(flags, &bad);
    const core::timeout_arg t = api::parse_timeout(timeout);
    if (!bad.is_nil()) return results::invalid_msg_flag(bad);
    return do_send(r, data, f, t, enc.address, true);
}

// ---- recv / recvfrom -------------------------------------------------------------

term recv(const term& s) {
    return do_recv(s, 0, nil(), atoms::infinity, false);
}
term recv(const term& s, const term& a1) {
    return recv2(s, a1, false);
}
term recv(const term& s, const term& a1, const term& a2) {
    return recv3(s, a1, a2, false);
}
term recv(const term& s, const term& length, const term& flags, const term& timeout) {
    return do_recv(s, length, flags, timeout, false);
}

term recvfrom(const term& s) {
    return do_recv(s, 0, nil(), atoms::infinity, true);
}
term recvfrom(const term& s, const term& a1) {
    return recv2(s, a1, true);
}
term recvfrom(const term& s, const term& a1, const term& a2) {
    return recv3(s, a1, a2, true);
}
term recvfrom(const term& s, const term& length, const term& flags, const term& timeout) {
    return do_recv(s, length, flags, timeout, true);
}

// ---- close / shutdown / names ------------------------------------------------------

term close(const term& s) {
    socket_record& r = core::lookup(s);
    std::lock_guard lk(r.mu);
    if (r.closed) return results::error(atoms::closed);
    core::close(r);
    return atoms::ok;
}

term shutdown(const term& s, const term& how) {
    socket_record& r = core::lookup(s);
    std::optional<sys::shutdown_how> h;
    if (how.is_atom(atom("read"))) h = sys::shutdown_how::read;
    if (how.is_atom(atom("write"))) h = sys::shutdown_how::write;
    if (how.is_atom(atom("read_write"))) h = sys::shutdown_how::read_write;
    if (!h) results::raise(results::invalid(tuple(atom("how"), how)));
    std::lock_guard lk(r.mu);
    if (r.closed) return results::error(atoms::closed);
    if (const int e = sys::shutdown(r.fd, *h); e != 0) return results::posix_error(e);
    return atoms::ok;
}

term sockname(const term& s) {
    socket_record& r = core::lookup(s);
    std::lock_guard lk(r.mu);
    if (r.closed) return results::error(atoms::closed);
    sys::address a;
    if (const int e = sys::sockname(r.fd, a); e != 0) return results::posix_error(e);
    return results::ok(codec::decode_sockaddr(a));
}

term peername(const term& s) {
    socket_record& r = core::lookup(s);
    std::lock_guard lk(r.mu);
    if (r.closed) return results::error(atoms::closed);
    sys::address a;
    if (const int e = sys::peername(r.fd, a); e != 0) return results::posix_error(e);
    return results::ok(codec::decode_sockaddr(a));
}

// ---- cancel ----------------------------------------------------------------------

term cancel(const term& s, const term& si) {
    socket_record& r = core::lookup(s);
    if (!results::is_select_info(si)) results::raise(atoms::badarg);
    // The operation is the tag, or the first element of a {Op, ContData}
    // tag; the handle must be a reference. OTP 25 raises badarg otherwise,
    // and for an operation it does not know.
    const term& tag = results::select_info_tag(si);
    const term& handle = results::select_info_handle(si);
    const term& op = tag.is_tuple(2) ? *tag.element(0) : tag;
    if (!handle.is_reference()) results::raise(atoms::badarg);
    std::optional<side_kind> k;
    if (op.is_atom(atoms::recv) || op.is_atom(atoms::recvfrom) || op.is_atom(atoms::recvmsg)) {
        k = side_kind::reader;
    } else if (op.is_atom(atoms::accept)) {
        k = side_kind::acceptor;
    } else if (op.is_atom(atoms::connect)) {
        k = side_kind::connector;
    } else if (op.is_atom(atoms::send) || op.is_atom(atoms::sendto) || op.is_atom(atoms::sendmsg) ||
               op.is_atom(atoms::sendfile)) {
        k = side_kind::writer;
    }
    if (!k) results::raise(atoms::badarg);
    const process& me = self_process_ref();
    std::lock_guard lk(r.mu);
    if (r.closed) return results::error(atoms::closed);
    // An acceptor is identified by its process alone, as OTP does.
    if (!core::cancel(r, *k, me, handle, *k == side_kind::acceptor)) {
        return results::error(results::invalid(si));
    }
    if (*k == side_kind::connector) core::note_connect_ended(r);
    return atoms::ok;
}

// ---- info --------------------------------------------------------------------------

term info(const term& s) {
    socket_record& r = core::lookup(s);
    std::lock_guard lk(r.mu);
    // In OTP's order of the state bits. `selected` says the side has
    // selected at some time; a closed socket keeps what it had.
    std::vector<term> rstates;
    std::vector<term> wstates;
    if (r.bound) rstates.emplace_back(atom("bound"));
    if (r.listening) rstates.emplace_back(atom("listening"));
    if (r.acceptors.count() > 0) rstates.emplace_back(atom("accepting"));
    if (r.read_selected) rstates.emplace_back(atom("selected"));
    if (r.connecting) wstates.emplace_back(atom("connecting"));
    if (r.connected) wstates.emplace_back(atom("connected"));
    if (r.write_selected) wstates.emplace_back(atom("selected"));
    if (r.closed) {
        for (auto* states : {&rstates, &wstates}) {
            states->emplace_back(atom("closing"));
            states->emplace_back(atoms::closed);
        }
    }
    return map({{atom("counters"), counters_map(r.cnt)},
                {atom("ctype"), r.ctype},
                {atom("domain"), r.domain_t},
                {atom("num_acceptors"), static_cast<std::int64_t>(r.acceptors.count())},
                {atom("num_readers"), static_cast<std::int64_t>(r.readers.count())},
                {atom("num_writers"), static_cast<std::int64_t>(r.writers.count())},
                {atom("owner"), r.owner ? r.owner->pid() : term(atoms::undefined)},
                {atom("protocol"), r.protocol_t},
                {atom("rstates"), list_from(std::move(rstates))},
                {atoms::type, r.type_t},
                {atom("wstates"), list_from(std::move(wstates))}});
}

bool is_socket(const term& t) noexcept {
    return core::find(t) != nullptr;
}

}  // namespace esock::socket
