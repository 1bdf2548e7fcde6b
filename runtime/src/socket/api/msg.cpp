// SPDX-License-Identifier: Apache-2.0
// sendmsg/2,3,4 and recvmsg/1..5: msghdr maps in and out, control messages
// through the generated cmsg tables (codec/cmsg.hpp), message flags through
// the generated flag table, and the nowait/select state machine of every
// other call (core::run).
//
// File descriptors received in SCM_RIGHTS messages are owned by this code
// from the moment recvmsg returns until the result term that shows them
// exists; any the result does not show (truncation, an error while building
// the result) are closed, so none leaks.

#include <esock/socket.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <optional>
#include <span>
#include <vector>

#include <esock/posix.hpp>

#include "codec/cmsg.hpp"
#include "codec/flags.hpp"
#include "codec/names.hpp"
#include "codec/sockaddr.hpp"
#include "codec/tables.hpp"
#include "generated/ids.hpp"
#include "socket/api/args.hpp"
#include "socket/core/core.hpp"
#include "sys/calls.hpp"
#include "sys/cmsg.hpp"
#include "term/ordered_map.hpp"

namespace esock::socket {

namespace {

using core::ending;
using core::side_kind;
using core::socket_record;
using core::step;
using core::results::error;
using core::results::invalid;
using core::results::ok;
using core::results::raise;
using ids::socket_counter;
namespace results = core::results;

// ---- received file descriptors ---------------------------------------------

// Descriptors received but not yet handed to the caller: closed on
// destruction unless the result shows them.
class received_fds {
  public:
    explicit received_fds(std::vector<int> fds) : fds_(std::move(fds)) {}
    ~received_fds() {
        for (const int fd : fds_) {
            if (fd >= 0) sys::close_fd(fd);
        }
    }
    received_fds(const received_fds&) = delete;
    received_fds& operator=(const received_fds&) = delete;

    // The fds that the rights messages of `ctrl` (a decoded ctrl list) show
    // now belong to the caller; the others stay here and get closed.
    void hand_over(const term& ctrl) {
        if (fds_.empty()) return;
        const auto items = ctrl.list_to_vector();
        if (!items) return;
        static const atom level_key("level");
        static const atom rights("rights");
        const term level = atoms::socket;
        const term type = rights;
        for (const term& m : *items) {
            const term* l = m.map_get(level_key);
            const term* t = m.map_get(atoms::type);
            const term* d = m.map_get(atoms::data);
            if (l == nullptr || t == nullptr || d == nullptr || !(*l == level) || !(*t == type)) {
                continue;
            }
            const auto bytes = d->binary_bytes();
            for (std::size_t at = 0; at + sizeof(int) <= bytes.size(); at += sizeof(int)) {
                int fd = -1;
                std::memcpy(&fd, bytes.data() + at, sizeof fd);
                const auto it = std::find(fds_.begin(), fds_.end(), fd);
                if (it != fds_.end()) *it = -1;  // handed over
            }
        }
    }

  private:
    std::vector<int> fds_;
};

// ---- sendmsg ---------------------------------------------------------------

// OTP's classification of a bad iov: {element_not_binary, N} (1-based) for
// the first element that is not a binary, {improper_list, N} after N good
// elements, or nullopt when `iov` is a proper list of binaries.
std::optional<term> iov_problem(const term& iov, std::vector<term>* out) {
    term cur = iov;
    std::int64_t n = 0;
    while (cur.is_cons()) {
        term h = *cur.head();
        if (!h.is_binary()) return tuple(atom("element_not_binary"), n + 1);
        out->push_back(std::move(h));
        ++n;
        cur = *cur.tail();
    }
    if (!cur.is_nil()) return tuple(atom("improper_list"), n);
    return std::nullopt;
}

class sendmsg_op final : public core::operation {
  public:
    sendmsg_op() : operation(side_kind::writer) {}

    std::vector<term> iov;
    int flags = 0;
    std::optional<sys::address> dest;
    std::vector<std::uint8_t> control;
    term msg;  // the caller's msghdr map, for the continuation data
    bool stream = false;

    step attempt(socket_record& r) override {
        const std::size_t max = sys::iov_max();
        for (;;) {
            vec_.clear();
            std::size_t offered = 0;
            for (std::size_t i = index_; i < iov.size() && vec_.size() < max; ++i) {
                const auto bytes = iov[i].binary_bytes();
                const std::size_t skip = i == index_ ? offset_ : 0;
                vec_.push_back(sys::io_slice{bytes.data() + skip, bytes.size() - skip});
                offered += bytes.size() - skip;
            }
            // Control data goes with the first bytes only: repeating it with
            // the rest of a stream would, for rights, pass the fds twice.
            const std::span<const std::uint8_t> ctrl =
                control_sent_ ? std::span<const std::uint8_t>() : std::span(control);
            r.cnt.socket.add(socket_counter::write_tries);
            const sys::result n = sys::sendmsg(r.fd, dest ? &*dest : nullptr, vec_, ctrl, flags);
            if (!n.ok()) {
                if (n.error == EINTR) continue;
                if (sys::would_block(n.error)) return step::again;
                r.cnt.socket.add(socket_counter::write_fails);
                result = results::failed(posix_error_atom(n.error), rest(ending::closed));
                return step::done;
            }
            control_sent_ = true;
            advance(static_cast<std::size_t>(n.value));
            r.cnt.count_written(static_cast<std::uint64_t>(n.value),
                                index_ >= iov.size() || !stream);
            if (index_ >= iov.size()) {
                result = atoms::ok;
                return step::done;
            }
            if (!stream) {
                // A datagram the kernel took in part: OTP reports the rest.
                result = ok(unsent());
                return step::done;
            }
            // A short write waits for writability, as send's; a full one of
            // the first IOV_MAX slices goes on with the next.
            if (static_cast<std::size_t>(n.value) < offered) return step::again;
        }
    }
    [[nodiscard]] term tag() const override {
        // {sendmsg, {Msg, ContMsg, Flags}} as OTP 25's ContData; ContMsg is
        // what a continuation sends with the rest (no ctrl once it went).
        term cont_msg = msg;
        if (control_sent_ && msg.map_get(atoms::ctrl) != nullptr) {
            std::vector<map_entry> kept;
            for (const auto& e : msg.map_entries()) {
                if (!e.key.is_atom(atoms::ctrl)) kept.push_back(e);
            }
            cont_msg = map_from(std::move(kept));
        }
        return tuple(atoms::sendmsg, tuple(msg, cont_msg, flags));
    }
    // RestIOV once some data went.
    term rest(ending /*e*/) override { return sent_ > 0 ? unsent() : term(); }

  private:
    void advance(std::size_t n) {
        sent_ += n;
        while (index_ < iov.size()) {
            const std::size_t left = iov[index_].binary_bytes().size() - offset_;
            if (n < left) {
                offset_ += n;
                return;
            }
            n -= left;
            ++index_;
            offset_ = 0;
        }
    }
    // The elements not yet sent, the first one as a sub-binary.
    [[nodiscard]] term unsent() const {
        std::vector<term> out;
        for (std::size_t i = index_; i < iov.size(); ++i) {
            if (i == index_ && offset_ > 0) {
                out.push_back(sub_binary(iov[i], offset_, iov[i].binary_bytes().size() - offset_));
            } else {
                out.push_back(iov[i]);
            }
        }
        return list_from(std::move(out));
    }

    std::vector<sys::io_slice> vec_;
    std::size_t index_ = 0;
    std::size_t offset_ = 0;
    std::uint64_t sent_ = 0;
    bool control_sent_ = false;
};

// The msghdr fields of sendmsg, checked in OTP 25's order: what its Erlang
// side encodes first (a non-map addr raises, a map without family and an
// unknown level atom are returned), then the flags (by the caller), then
// what its NIF checks: the addr, the iov, the ctrl values.
struct msg_fields {
    term addr_error;  // the NIF's {msg, addr, ...} error, reported after the flags
    term ctrl;        // the ctrl list with protocol-name levels as numbers
    term ctrl_given;  // as the caller gave it, for the error term
};

// The encoder-side checks of `m`; fills `op.dest` and `f`. Returns an error
// term to return, or nil.
term encode_msg_fields(const term& m, sendmsg_op& op, msg_fields& f) {
    if (const term* addr = m.map_get(atoms::addr)) {
        auto enc = codec::encode_sockaddr(*addr);
        if (!enc.ok()) {
            if (enc.raise) raise(enc.reason);
            // The map's shape is OTP's encoder's error; a value it passed
            // the NIF reports as a bad msg addr.
            if (enc.shape) return error(enc.reason);
            f.addr_error =
                error(invalid(tuple(atom("msg"), atoms::addr, map({{atoms::addr, *addr}}))));
        } else {
            op.dest = enc.address;
        }
    }
    if (const term* ctrl = m.map_get(atom("ctrl")); ctrl != nullptr && !ctrl->is_nil()) {
        f.ctrl_given = *ctrl;
        f.ctrl = *ctrl;
        // Levels the spec does not name but protocols(5) does ('IP', udplite,
        // ...) go by number; an atom that names no protocol is OTP's
        // {invalid, {protocol, Level}}.
        if (auto items = ctrl->list_to_vector()) {
            bool changed = false;
            for (term& e : *items) {
                const term* l = e.is_map() ? e.map_get(atom("level")) : nullptr;
                const auto a = l != nullptr ? l->as_atom() : std::nullopt;
                if (!a || codec::find_level(*a) != nullptr) continue;
                const auto n = codec::protocol_number(*l);
                if (!n) return error(invalid(tuple(atom("protocol"), *l)));
                e = map_put(e, atom("level"), *n);
                changed = true;
            }
            if (changed) f.ctrl = list_from(std::move(*items));
        }
    }
    return term();
}

// The NIF-side checks, then the send.
term run_sendmsg(socket_record& impl, sendmsg_op& op, const msg_fields& f, const term& iov_t,
                 const core::timeout_arg& t) {
    if (!f.addr_error.is_nil()) return f.addr_error;
    std::vector<term> iov;
    if (auto why = iov_problem(iov_t, &iov)) return error(invalid(tuple(atom("iov"), *why)));
    if (!f.ctrl_given.is_nil()) {
        auto bytes = codec::encode_cmsg_list(f.ctrl);
        if (!bytes) {
            return error(
                invalid(tuple(atom("msg"), atom("ctrl"), map({{atom("ctrl"), f.ctrl_given}}))));
        }
        op.control = std::move(*bytes);
    }
    op.stream = impl.stream;
    // Longer than one sendmsg() takes: a stream sends it in turns, anything
    // else would cut a message in pieces.
    if (!op.stream && iov.size() > sys::iov_max()) {
        return error(invalid(
            tuple(atom("iov"), tuple(atom("list"), static_cast<std::int64_t>(iov.size())))));
    }
    op.iov = std::move(iov);
    return core::run(impl, t, op);
}

// ---- recvmsg ---------------------------------------------------------------

class recvmsg_op final : public core::operation {
  public:
    recvmsg_op() : operation(side_kind::reader) {}

    [[nodiscard]] bool peeks_at_zero() const noexcept override { return true; }

    std::size_t buf_size = 0;
    std::size_t ctrl_size = 0;
    int flags = 0;

    step attempt(socket_record& r) override {
        auto buffer = api::read_buffer(buf_size);
        if (!buffer) {
            result = results::posix_error(ENOMEM);
            return step::done;
        }
        binary_buffer& data = *buffer;
        // The default control buffer fits on the stack; a larger one (at
        // most 1 MiB, see do_recvmsg) does not.
        alignas(8) std::array<std::uint8_t, 1024> local{};
        std::vector<std::uint8_t> heap;
        std::span<std::uint8_t> control(local.data(), std::min(ctrl_size, local.size()));
        if (ctrl_size > local.size()) {
            heap.resize(ctrl_size);
            control = heap;
        }
        for (;;) {
            sys::received_message m;
            r.cnt.socket.add(socket_counter::read_tries);
            const sys::result n =
                sys::recvmsg(r.fd, std::span(data.data(), buf_size), control, flags, m);
            if (!n.ok()) {
                if (n.error == EINTR) continue;
                if (sys::would_block(n.error)) return step::again;
                r.cnt.socket.add(socket_counter::read_fails);
                // A fatal error ends every queued read, as recv does.
                core::abort_queued_readers(r, posix_error_atom(n.error));
                result = results::posix_error(n.error);
                return step::done;
            }
            const std::span<const std::uint8_t> ctrl_bytes(control.data(), m.control_length);
            // From here every fd the kernel installed is ours to hand over or close.
            received_fds fds(sys::received_descriptors(ctrl_bytes));
            if (n.value == 0 && r.stream && buf_size > 0) {
                result = error(atoms::closed);
                return step::done;
            }
            // With the trunc flag a datagram's real length comes back.
            const std::size_t got =
                std::min<std::size_t>(static_cast<std::size_t>(n.value), buf_size);
            r.cnt.count_read(got);
            term ctrl = codec::decode_cmsg_buffer(ctrl_bytes);
            term flags = codec::decode_msg_flags(m.flags);
            term iov = list(data.release(got));
            // Keys in term order; no address from a connected stream.
            result =
                ok(m.from.length > 0
                       ? detail::map_in_key_order({{atoms::addr, codec::decode_sockaddr(m.from)},
                                                   {atoms::ctrl, ctrl},
                                                   {atoms::flags, std::move(flags)},
                                                   {atoms::iov, std::move(iov)}})
                       : detail::map_in_key_order({{atoms::ctrl, ctrl},
                                                   {atoms::flags, std::move(flags)},
                                                   {atoms::iov, std::move(iov)}}));
            fds.hand_over(ctrl);
            return step::done;
        }
    }
    [[nodiscard]] term tag() const override { return atoms::recvmsg; }
};

term do_recvmsg(const term& s, const term& buf_sz, const term& ctrl_sz, const term& flags_t,
                const term& timeout) {
    socket_record& impl = core::lookup(s);
    const auto b = buf_sz.as_int();
    const auto c = ctrl_sz.as_int();
    if (!b || *b < 0 || !c || *c < 0 || !flags_t.is_list()) raise(atoms::badarg);
    const core::timeout_arg t = api::parse_timeout(timeout);
    term bad;
    const int flags = api::parse_msg_flags(flags_t, &bad);
    if (!bad.is_nil()) return results::invalid_msg_flag(bad);
    recvmsg_op op;
    {
        std::lock_guard lk(impl.mu);
        // 0 means the socket's {otp, rcvbuf} and {otp, rcvctrlbuf}.
        op.buf_size = *b > 0
                          ? static_cast<std::size_t>(*b)
                          : static_cast<std::size_t>(std::max<std::int64_t>(impl.rcvbuf_size, 1));
        // The kernel never passes more control data than net.core.optmem_max
        // (tens of KiB), so a larger CtrlSz is capped instead of allocated.
        constexpr std::int64_t max_ctrl = std::int64_t{1} << 20;
        op.ctrl_size = static_cast<std::size_t>(
            std::min(*c > 0 ? *c : std::max<std::int64_t>(impl.rcvctrlbuf, 0), max_ctrl));
    }
    op.flags = flags;
    return core::run(impl, t, op);
}

}  // namespace

// ---- sendmsg -------------------------------------------------------------------

term sendmsg(const term& s, const term& msg) {
    return sendmsg(s, msg, nil(), atoms::infinity);
}

term sendmsg(const term& s, const term& msg, const term& flags_or_timeout) {
    if (flags_or_timeout.is_list() || flags_or_timeout.is_tuple()) {
        return sendmsg(s, msg, flags_or_timeout, atoms::infinity);
    }
    return sendmsg(s, msg, nil(), flags_or_timeout);
}

term sendmsg(const term& s, const term& msg, const term& flags_or_cont, const term& timeout) {
    socket_record& impl = core::lookup(s);
    if (results::is_select_info(flags_or_cont)) {
        // sendmsg(Socket, RestData, Cont, Timeout): the rest of a partial send.
        const term& tag = *flags_or_cont.element(1);
        if (!tag.is_tuple(2) || !tag.element(0)->is_atom(atoms::sendmsg)) {
            return error(invalid(flags_or_cont));
        }
        term iov;
        if (const term* i = msg.is_map() ? msg.map_get(atom("iov")) : nullptr) {
            iov = *i;
        } else if (msg.is_list()) {
            iov = msg;
        } else {
            raise(atoms::badarg);
        }
        const core::timeout_arg t = api::parse_timeout(timeout);
        const term& cont = *tag.element(1);
        if (!cont.is_tuple(3) || !cont.element(1)->is_map() || !cont.element(2)->is_integer()) {
            raise(atom("function_clause"));
        }
        sendmsg_op op;
        op.msg = *cont.element(0);
        op.flags = static_cast<int>(*cont.element(2)->as_int());
        msg_fields f;
        if (term e = encode_msg_fields(*cont.element(1), op, f); !e.is_nil()) return e;
        return run_sendmsg(impl, op, f, iov, t);
    }
    const term* iov = msg.is_map() ? msg.map_get(atom("iov")) : nullptr;
    if (iov == nullptr || !flags_or_cont.is_list()) raise(atoms::badarg);
    const core::timeout_arg t = api::parse_timeout(timeout);
    sendmsg_op op;
    op.msg = msg;
    msg_fields f;
    if (term e = encode_msg_fields(msg, op, f); !e.is_nil()) return e;
    term bad;
    op.flags = api::parse_msg_flags(flags_or_cont, &bad);
    if (!bad.is_nil()) return results::invalid_msg_flag(bad);
    return run_sendmsg(impl, op, f, *iov, t);
}

// ---- recvmsg -------------------------------------------------------------------

term recvmsg(const term& s) {
    return do_recvmsg(s, 0, 0, nil(), atoms::infinity);
}

term recvmsg(const term& s, const term& flags_or_timeout) {
    if (flags_or_timeout.is_list()) return do_recvmsg(s, 0, 0, flags_or_timeout, atoms::infinity);
    return do_recvmsg(s, 0, 0, nil(), flags_or_timeout);
}

term recvmsg(const term& s, const term& a1, const term& a2) {
    // recvmsg(Socket, Flags, Timeout) or recvmsg(Socket, BufSz, CtrlSz).
    if (a1.is_list()) return do_recvmsg(s, 0, 0, a1, a2);
    return do_recvmsg(s, a1, a2, nil(), atoms::infinity);
}

term recvmsg(const term& s, const term& buf_sz, const term& ctrl_sz, const term& timeout) {
    return do_recvmsg(s, buf_sz, ctrl_sz, nil(), timeout);
}

term recvmsg(const term& s, const term& buf_sz, const term& ctrl_sz, const term& flags,
             const term& timeout) {
    return do_recvmsg(s, buf_sz, ctrl_sz, flags, timeout);
}

}  // namespace esock::socket
