// The socket module's calls. Each call decodes its arguments (raising what
// OTP raises), then runs one operation through run_op(), which tries the
// system call on the non-blocking fd first and only on EAGAIN queues the
// caller in the socket's state machine (state.cpp) and, for blocking forms,
// waits in the caller's mailbox for the select message, as OTP's socket.erl
// layers timeouts on nowait.

#include <esock/socket.hpp>

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <new>
#include <string>

#include <esock/posix.hpp>
#include <esock/process.hpp>

#include "../codec/sockaddr.hpp"
#include "../result_terms.hpp"
#include "args.hpp"
#include "operation.hpp"
#include "socket_impl.hpp"

namespace esock::socket {

using namespace detail;  // NOLINT(google-build-using-namespace)

namespace {

using result_terms::error;
using result_terms::invalid;
using result_terms::ok;
using result_terms::posix_error;
using result_terms::raise;

// ---- the generic operation runner ----------------------------------------

enum class step : std::uint8_t { done, again };

// An operation that may wait before its first attempt (see predict_wait).
template <class Op>
concept predictable_op = requires {
    Op::predictable;
};

short direction_of(side_kind k) {
    return (k == side_kind::reader || k == side_kind::acceptor) ? POLLIN : POLLOUT;
}

// Sleeps until `fd` is ready for `events` (true), or a message `match`
// accepts arrives or `timeout_ms` passes (false). A closed socket's fd
// number may be reused meanwhile; the caller re-checks under the lock.
template <class Match>
bool wait_direct(process& me, int fd, short events, std::int64_t timeout_ms, Match& match) {
    pollfd fds[2] = {{fd, events, 0}, {me.wake_fd(), POLLIN, 0}};
    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::milliseconds(timeout_ms < 0 ? 0 : timeout_ms);
    for (;;) {
        if (!me.polling_begin(match)) return false;
        int wait = -1;
        if (timeout_ms >= 0) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            // Round up so that a wait never ends before its deadline.
            wait = static_cast<int>(std::max<std::int64_t>(0, left.count() + 1));
        }
        const int n = ::poll(fds, 2, wait);
        me.polling_end(n > 0 && (fds[1].revents & POLLIN) != 0);
        if (n > 0 && (fds[0].revents & (events | POLLERR | POLLHUP | POLLNVAL)) != 0) return true;
        if (n == 0 && timeout_ms >= 0 && std::chrono::steady_clock::now() >= deadline) return false;
        // A message arrived (it may be unrelated), EINTR, or an early wake:
        // look again.
    }
}

// Removes the select and abort messages for `handle` on `sock` from p's mailbox.
void drop_handle_messages(process& p, const term& sock, const term& handle) {
    p.drop([&](const term& m) {
        if (!m.is_tuple(4)) return false;
        auto e = m.tuple_elements();
        return e[0].is_atom(atoms::dollar_socket) && e[1] == sock &&
               ((e[2].is_atom(atoms::select) && e[3] == handle) ||
                (e[2].is_atom(atoms::abort) && e[3].is_tuple(2) && *e[3].element(0) == handle));
    });
}

// Runs `op` in side `k` of `impl` with timeout `t`. Op provides:
//   step attempt(socket_impl&)       the syscall, with impl.mu held
//   term result                      set when attempt returned done
//   term tag() const                 the SelectInfo tag
//   term select_result(term si)      what a nowait call returns when waiting
//   term timeout_result()            {error, timeout} or with partial data
//   term closed_result(term reason)  when closed/aborted while waiting
//   void count_wait(socket_impl&)    the *_waits counter
template <class Op>
term run_op(socket_impl& impl, side_kind k, const timeout_arg& t, Op& op) {
    process& me = self_process_ref();
    term handle;
    if (t.k == timeout_arg::kind::handle) handle = t.handle;
    const auto deadline = t.k == timeout_arg::kind::millis
                              ? std::chrono::steady_clock::now() + std::chrono::milliseconds(t.ms)
                              : std::chrono::steady_clock::time_point{};
    const bool poll_only = t.k == timeout_arg::kind::millis && t.ms == 0;
    bool direct = false;
    int poll_fd = -1;
    for (;;) {
        {
            std::lock_guard lk(impl.mu);
            if (impl.closed) {
                // A blocking caller woken by its select may find the socket
                // closed since: the abort sent to it then is not for the user.
                if (!t.is_async() && !handle.is_nil()) drop_handle_messages(me, impl.sock, handle);
                return op.closed_result(atoms::closed);
            }
            side& s = impl.side_of(k);
            // Only recv and send opt in: their results do not depend on
            // whether the call waited.
            const bool predicted = predictable_op<Op> && !t.is_async() && !poll_only && !direct &&
                                   s.predict_wait && !s.has_current;
            if (predicted) {
                // Wait first; the attempt follows readiness.
            } else if (may_try(impl, k, &me)) {
                if (op.attempt(impl) == step::done) {
                    if (!t.is_async() && !poll_only) s.predict_wait = direct;
                    if (s.has_current && s.current.proc.get() == &me) complete_current(impl, k);
                    return std::move(op.result);
                }
                if (poll_only) return op.timeout_result();
            } else if (is_queued(impl, k, me)) {
                // OTP 25 refuses a second call from a process that already
                // waits in the queue (a current caller replaces its own).
                raise(invalid(atom("state")));
            } else if (poll_only) {
                return op.timeout_result();
            }
            if (handle.is_nil()) handle = make_ref();
            // A blocking caller at the head waits in poll() on the fd itself
            // (one wake-up, as a blocking system call); others wait for a
            // select message, which their process's poller produces.
            direct = !t.is_async() && may_try(impl, k, &me);
            if (!direct) {
                if (const int poller = me.poller(); poller < 0) {
                    return op.closed_result(posix_error_atom(-poller));
                }
            }
            (void)wait_in(impl, k, waiter{me.shared_from_this(), handle}, !direct);
            if (!predicted) op.count_wait(impl);
            if (t.is_async()) {
                return op.select_result(tuple(atoms::select_info, op.tag(), handle));
            }
            poll_fd = impl.fd;
        }
        // Blocking forms: wait for this handle's select or abort message.
        std::int64_t remaining = infinity_ms;
        if (t.k == timeout_arg::kind::millis) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            remaining = std::max<std::int64_t>(0, left.count());
        }
        const term& sock = impl.sock;
        auto mine = [&](const term& m) {
            if (!m.is_tuple(4)) return false;
            auto e = m.tuple_elements();
            if (!e[0].is_atom(atoms::dollar_socket) || !(e[1] == sock)) return false;
            if (e[2].is_atom(atoms::select)) return e[3] == handle;
            if (e[2].is_atom(atoms::abort)) return e[3].is_tuple(2) && *e[3].element(0) == handle;
            return false;
        };
        std::optional<term> msg;
        if (direct) {
            if (wait_direct(me, poll_fd, direction_of(k), remaining, mine)) continue;
            msg = me.receive(mine, 0);
            if (msg && msg->element(2)->is_atom(atoms::select)) continue;
        } else {
            msg = me.receive(mine, remaining);
        }
        if (!msg) {
            std::lock_guard lk(impl.mu);
            if (!cancel_waiter(impl, k, me, handle, false)) {
                // Removed already (closed or aborted): drop what was sent.
                drop_handle_messages(me, sock, handle);
                if (impl.closed) return op.closed_result(atoms::closed);
            }
            return op.timeout_result();
        }
        if (msg->element(2)->is_atom(atoms::abort)) {
            return op.closed_result(*msg->element(3)->element(1));
        }
    }
}

// ---- operations ----------------------------------------------------------

struct recv_op {
    static constexpr bool predictable = true;
    std::size_t length = 0;  // 0: what is there, at most rcvbuf
    int flags = 0;
    bool with_source = false;
    bool async = false;  // nowait or a select handle
    std::optional<binary_buffer> buf;
    std::size_t got = 0;
    term result;

    [[nodiscard]] term tag() const { return with_source ? atoms::recvfrom : atoms::recv; }

    term take_data() {
        if (!buf) return binary(std::string_view());
        term b = buf->release(got);
        buf.reset();
        got = 0;
        return b;
    }

    step attempt(socket_impl& impl) {
        const bool stream = impl.type == SOCK_STREAM;
        const std::size_t cap =
            length > 0 ? length
                       : static_cast<std::size_t>(std::max<std::int64_t>(impl.rcvbuf_size, 1));
        // A small first read lands on the stack, so that a read that finds
        // nothing (the usual nowait case) allocates nothing.
        constexpr std::size_t small_read = 256;
        std::uint8_t small[small_read];
        if (!buf && cap > small_read) {
            buf = read_buffer(cap);
            if (!buf) {
                result = posix_error(ENOMEM);
                return step::done;
            }
            got = 0;
        }
        sockaddr_storage sa{};
        socklen_t salen = sizeof sa;
        for (;;) {
            ++impl.cnt.read_tries;
            std::uint8_t* const into = buf ? buf->data() + got : small;
            const ssize_t n = with_source
                                  ? ::recvfrom(impl.fd, into, cap - got, flags | MSG_DONTWAIT,
                                               reinterpret_cast<sockaddr*>(&sa), &salen)
                                  : ::recv(impl.fd, into, cap - got, flags | MSG_DONTWAIT);
            if (n < 0) {
                const int e = errno;
                if (e == EINTR) continue;
                if (would_block(e)) return step::again;
                ++impl.cnt.read_fails;
                // A fatal error ends every queued read, as in OTP.
                abort_queued(impl, side_kind::reader, posix_error_atom(e));
                result = failed(posix_error_atom(e));
                return step::done;
            }
            if (n == 0 && stream && cap - got > 0) {
                // Orderly shutdown by the peer.
                result = failed(atoms::closed);
                return step::done;
            }
            if (!buf) {
                buf.emplace(cap);
                got = 0;
                std::memcpy(buf->data(), small, static_cast<std::size_t>(n));
            }
            got += static_cast<std::size_t>(n);
            ++impl.cnt.read_pkg;
            impl.cnt.read_byte += static_cast<std::uint64_t>(n);
            impl.cnt.read_pkg_max = std::max<std::uint64_t>(impl.cnt.read_pkg_max, n);
            if (!stream || length == 0 || got >= length || (flags & MSG_PEEK) != 0) {
                term data = take_data();
                if (with_source) {
                    result = ok(tuple(codec::decode_sockaddr(&sa, salen), data));
                } else {
                    result = ok(std::move(data));
                }
                return step::done;
            }
            // A partial stream read. A nowait call reports it at once, as
            // OTP does; a blocking one tries for the rest until EAGAIN.
            if (async) return step::again;
        }
    }
    // {error, Reason}, or {error, {Reason, Data}} with what was read before.
    term failed(const term& reason) {
        if (got > 0) return error(tuple(reason, take_data()));
        return error(reason);
    }
    term select_result(term si) {
        if (got > 0) return tuple(atoms::select, tuple(std::move(si), take_data()));
        return tuple(atoms::select, std::move(si));
    }
    term timeout_result() {
        if (got > 0) return error(tuple(atoms::timeout, take_data()));
        return error(atoms::timeout);
    }
    term closed_result(const term& reason) { return failed(reason); }
    static void count_wait(socket_impl& impl) { ++impl.cnt.read_waits; }
};

struct send_op {
    static constexpr bool predictable = true;
    term data;  // a binary
    std::size_t offset = 0;
    int flags = 0;
    std::optional<codec::sockaddr_buffer> dest;
    bool is_sendto = false;
    term result;

    // {send, Flags} as OTP 25's ContData: the continuation sends with them.
    [[nodiscard]] term tag() const { return tuple(is_sendto ? atoms::sendto : atoms::send, flags); }
    [[nodiscard]] term rest() const {
        return sub_binary(data, offset, data.binary_bytes().size() - offset);
    }

    step attempt(socket_impl& impl) {
        const auto bytes = data.binary_bytes();
        for (;;) {
            ++impl.cnt.write_tries;
            const std::size_t left = bytes.size() - offset;
            const ssize_t n =
                dest ? ::sendto(impl.fd, bytes.data() + offset, left,
                                flags | MSG_NOSIGNAL | MSG_DONTWAIT, dest->get(), dest->length)
                     : ::send(impl.fd, bytes.data() + offset, left,
                              flags | MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n < 0) {
                const int e = errno;
                if (e == EINTR) continue;
                if (would_block(e)) return step::again;
                ++impl.cnt.write_fails;
                result = posix_error(e);
                return step::done;
            }
            offset += static_cast<std::size_t>(n);
            impl.cnt.count_written(static_cast<std::uint64_t>(n), offset >= bytes.size());
            if (offset >= bytes.size()) {
                result = atoms::ok;
                return step::done;
            }
            if (n == 0) return step::again;
        }
    }
    term select_result(term si) const {
        if (offset > 0) return tuple(atoms::select, tuple(std::move(si), rest()));
        return tuple(atoms::select, std::move(si));
    }
    [[nodiscard]] term timeout_result() const {
        if (offset > 0) return error(tuple(atoms::timeout, rest()));
        return error(atoms::timeout);
    }
    [[nodiscard]] term closed_result(const term& reason) const {
        if (offset > 0) return error(tuple(reason, rest()));
        return error(reason);
    }
    static void count_wait(socket_impl& impl) { ++impl.cnt.write_waits; }
};

struct accept_op {
    term result;

    [[nodiscard]] static term tag() { return atoms::accept; }

    step attempt(socket_impl& impl) {
        for (;;) {
            ++impl.cnt.acc_tries;
            const int fd = ::accept4(impl.fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (fd < 0) {
                const int e = errno;
                if (e == EINTR) continue;
                if (would_block(e)) return step::again;
                ++impl.cnt.acc_fails;
                result = posix_error(e);
                return step::done;
            }
            int err = 0;
            socket_impl* n = create_socket(fd, impl.domain, impl.type, impl.protocol,
                                           atom("normal"), self_process(), impl.use_registry, &err);
            if (n == nullptr) {
                ++impl.cnt.acc_fails;
                result = posix_error(err);
                return step::done;
            }
            n->protocol_t = impl.protocol_t;
            n->domain_t = impl.domain_t;
            n->type_t = impl.type_t;
            n->connected = true;
            ++impl.cnt.acc_success;
            result = ok(n->sock);
            return step::done;
        }
    }
    static term select_result(term si) { return tuple(atoms::select, std::move(si)); }
    static term timeout_result() { return error(atoms::timeout); }
    static term closed_result(const term& reason) { return error(reason); }
    static void count_wait(socket_impl& impl) { ++impl.cnt.acc_waits; }
};

// Completes a connect in progress: nothing yet (again), or the outcome.
step finish_connect(socket_impl& impl, term& result) {
    pollfd p{impl.fd, POLLOUT, 0};
    if (::poll(&p, 1, 0) == 0) return step::again;
    int soerr = 0;
    socklen_t len = sizeof soerr;
    if (::getsockopt(impl.fd, SOL_SOCKET, SO_ERROR, &soerr, &len) != 0) soerr = errno;
    impl.connecting = false;
    if (soerr == 0) {
        impl.connected = true;
        result = atoms::ok;
    } else {
        result = posix_error(soerr);
    }
    return step::done;
}

struct connect_op {
    codec::sockaddr_buffer addr;
    bool started = false;
    term result;

    [[nodiscard]] static term tag() { return atoms::connect; }

    step attempt(socket_impl& impl) {
        if (started) return finish_connect(impl, result);
        started = true;
        for (;;) {
            if (::connect(impl.fd, addr.get(), addr.length) == 0) {
                impl.connected = true;
                result = atoms::ok;
                return step::done;
            }
            const int e = errno;
            if (e == EINTR) continue;
            if (e == EISCONN) {
                // Already connected: OTP swallows it.
                impl.connected = true;
                impl.connecting = false;
                result = atoms::ok;
                return step::done;
            }
            if (e == EINPROGRESS || e == EALREADY) {
                impl.connecting = true;
                return step::again;
            }
            result = posix_error(e);
            return step::done;
        }
    }
    static term select_result(term si) { return tuple(atoms::select, std::move(si)); }
    static term timeout_result() { return error(atoms::timeout); }
    static term closed_result(const term& reason) { return error(reason); }
    static void count_wait(socket_impl&) {}
};

// ---- argument helpers ------------------------------------------------------

bool is_select_info(const term& t) {
    return t.is_tuple(3) && t.element(0)->is_atom(atoms::select_info);
}

term flags_error(const term& bad) {
    return error(invalid(tuple(atom("msg_flag"), bad)));
}

// A sockaddr argument: a map, or (for bind) one of any/loopback/broadcast
// interpreted in the socket's domain.
codec::sockaddr_result resolve_addr(const socket_impl& impl, const term& addr) {
    if (addr.is_atom(atoms::any) || addr.is_atom(atoms::loopback) ||
        addr.is_atom(atoms::broadcast)) {
        if (impl.domain == AF_INET || impl.domain == AF_INET6) {
            auto r = codec::encode_sockaddr(
                map({{atoms::family, impl.domain == AF_INET ? atoms::inet : atoms::inet6},
                     {atoms::addr, addr}}));
            if (r.ok()) return r;
        }
        return {std::nullopt, invalid(tuple(atom("sockaddr"), addr))};
    }
    return codec::encode_sockaddr(addr);
}

term do_recv(const term& s, const term& length, const term& flags_t, const term& timeout,
             bool with_source) {
    socket_impl& impl = lookup(s);
    auto len = length.as_int();
    if (!len || *len < 0) raise(atoms::badarg);
    term bad;
    const int flags = parse_msg_flags(flags_t, &bad);
    const timeout_arg t = parse_timeout(timeout);
    if (!bad.is_nil()) return flags_error(bad);
    recv_op op;
    op.length = static_cast<std::size_t>(*len);
    op.flags = flags;
    op.with_source = with_source;
    op.async = t.is_async();
    return run_op(impl, side_kind::reader, t, op);
}

// recv/recvfrom with 2 and 3 arguments, as socket.erl dispatches them.
term recv2(const term& s, const term& a1, bool src) {
    if (a1.is_list()) return do_recv(s, 0, a1, atoms::infinity, src);
    if (a1.is_integer()) return do_recv(s, a1, nil(), atoms::infinity, src);
    (void)lookup(s);
    raise(atoms::badarg);
}

term recv3(const term& s, const term& a1, const term& a2, bool src) {
    if (a1.is_list()) return do_recv(s, 0, a1, a2, src);
    if (a2.is_list()) return do_recv(s, a1, a2, atoms::infinity, src);
    return do_recv(s, a1, nil(), a2, src);
}

term do_send(socket_impl& impl, const term& data, int flags, const timeout_arg& t,
             std::optional<codec::sockaddr_buffer> dest, bool is_sendto) {
    send_op op;
    op.data = iodata_to_binary(data);
    op.flags = flags;
    op.dest = std::move(dest);
    op.is_sendto = is_sendto;
    return run_op(impl, side_kind::writer, t, op);
}

// A send continuation's SelectInfo must carry a send tag.
bool valid_cont(const term& si, atom op) {
    const term* tag = si.element(1);
    if (tag->is_atom(op)) return true;
    return tag->is_tuple(2) && tag->element(0)->is_atom(op);
}

// The flags a send continuation's tag carries ({send, Flags}).
int cont_flags(const term& si) {
    const term* tag = si.element(1);
    if (tag->is_tuple(2)) {
        if (const auto v = tag->element(1)->as_int(); v && *v >= 0 && *v <= 0x7fffffff) {
            return static_cast<int>(*v);
        }
    }
    return 0;
}

term counters_map(const counters& c) {
    auto u = [](std::uint64_t v) { return term(static_cast<std::int64_t>(v)); };
    return map({{atom("acc_fails"), u(c.acc_fails)},
                {atom("acc_success"), u(c.acc_success)},
                {atom("acc_tries"), u(c.acc_tries)},
                {atom("acc_waits"), u(c.acc_waits)},
                {atom("read_byte"), u(c.read_byte)},
                {atom("read_fails"), u(c.read_fails)},
                {atom("read_pkg"), u(c.read_pkg)},
                {atom("read_pkg_max"), u(c.read_pkg_max)},
                {atom("read_tries"), u(c.read_tries)},
                {atom("read_waits"), u(c.read_waits)},
                {atom("write_byte"), u(c.write_byte)},
                {atom("write_fails"), u(c.write_fails)},
                {atom("write_pkg"), u(c.write_pkg)},
                {atom("write_pkg_max"), u(c.write_pkg_max)},
                {atom("write_tries"), u(c.write_tries)},
                {atom("write_waits"), u(c.write_waits)}});
}

// Enters the network namespace at `path` for the life of the object (this
// thread only), so that socket() creates the socket there.
class netns_guard {
  public:
    explicit netns_guard(const std::string& path) {
        const int target = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (target < 0) {
            error_ = errno;
            return;
        }
        saved_ = ::open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
        if (saved_ < 0 || ::setns(target, CLONE_NEWNET) != 0) {
            error_ = errno;
            if (saved_ >= 0) ::close(saved_);
            saved_ = -1;
        }
        ::close(target);
    }
    ~netns_guard() {
        if (saved_ >= 0) {
            (void)::setns(saved_, CLONE_NEWNET);
            ::close(saved_);
        }
    }
    netns_guard(const netns_guard&) = delete;
    netns_guard& operator=(const netns_guard&) = delete;
    [[nodiscard]] int error() const noexcept { return error_; }

  private:
    int saved_ = -1;
    int error_ = 0;
};

std::optional<std::string> string_of(const term& t) {
    if (t.is_binary()) return std::string(t.binary_view());
    auto v = t.list_to_vector();
    if (!v) return std::nullopt;
    std::string out;
    for (const auto& e : *v) {
        auto c = e.as_int();
        if (!c || *c < 0 || *c > 255) return std::nullopt;
        out.push_back(static_cast<char>(*c));
    }
    return out;
}

int sockopt_int(int fd, int opt) {
    int v = 0;
    socklen_t len = sizeof v;
    if (::getsockopt(fd, SOL_SOCKET, opt, &v, &len) != 0) return -1;
    return v;
}

term open_fd(const term& fd_t, const term& opts) {
    auto fdv = fd_t.as_int();
    if (!fdv || !opts.is_map()) raise(atoms::badarg);
    const term* dup_t = opts.map_get(atom("dup"));
    const bool dup = dup_t == nullptr || !dup_t->is_atom(atoms::false_);
    const int fd = *fdv >= 0 && *fdv <= 0x7fffffff ? static_cast<int>(*fdv) : -1;
    int domain = fd >= 0 ? sockopt_int(fd, SO_DOMAIN) : -1;
    int type = fd >= 0 ? sockopt_int(fd, SO_TYPE) : -1;
    int protocol = fd >= 0 ? sockopt_int(fd, SO_PROTOCOL) : -1;
    if (const term* d = opts.map_get(atom("domain"))) {
        if (auto n = domain_number(*d)) domain = *n;
    }
    if (domain < 0) return error(invalid(tuple(atom("options"), atom("domain"), opts)));
    if (const term* ty = opts.map_get(atoms::type)) {
        if (auto n = type_number(*ty)) type = *n;
    }
    if (type < 0) return error(invalid(tuple(atom("options"), atoms::type, opts)));
    if (const term* p = opts.map_get(atom("protocol"))) {
        if (auto n = protocol_number(*p)) protocol = *n;
    }
    if (protocol < 0) protocol = 0;
    int use = fd;
    if (dup) {
        use = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
        if (use < 0) return posix_error(errno);
    }
    const int fl = ::fcntl(use, F_GETFL);
    if (fl >= 0) (void)::fcntl(use, F_SETFL, fl | O_NONBLOCK);
    // use_registry and debug as for open/4.
    bool use_registry = true;
    bool debug = false;
    if (const term* u = opts.map_get(atom("use_registry")))
        use_registry = !u->is_atom(atoms::false_);
    if (const term* dbg = opts.map_get(atom("debug"))) debug = dbg->is_atom(atoms::true_);
    int err = 0;
    socket_impl* impl = create_socket(use, domain, type, protocol,
                                      dup ? tuple(atom("fromfd"), fd) : term(atom("fromfd")),
                                      self_process(), use_registry, &err, !dup);
    if (impl == nullptr) return posix_error(err);
    impl->debug = debug;
    impl->domain_t = domain_term(domain);
    impl->type_t = type_term(type);
    impl->protocol_t = protocol_term(protocol);
    return ok(impl->sock);
}

}  // namespace

// ---- open --------------------------------------------------------------------

term open(const term& fd) {
    return open_fd(fd, map({}));
}

term open(const term& domain_or_fd, const term& type_or_opts) {
    if (domain_or_fd.is_integer() && type_or_opts.is_map())
        return open_fd(domain_or_fd, type_or_opts);
    return open(domain_or_fd, type_or_opts, atoms::default_, map({}));
}

term open(const term& domain, const term& type, const term& protocol_or_opts) {
    if (protocol_or_opts.is_map()) return open(domain, type, atoms::default_, protocol_or_opts);
    return open(domain, type, protocol_or_opts, map({}));
}

term open(const term& domain, const term& type, const term& protocol, const term& opts) {
    if (!opts.is_map()) raise(atoms::badarg);
    const auto d = domain_number(domain);
    if (!d) return error(invalid(tuple(atom("domain"), domain)));
    const auto ty = type_number(type);
    if (!ty) return error(invalid(tuple(atoms::type, type)));
    const auto p = protocol_number(protocol);
    if (!p) return error(invalid(tuple(atom("protocol"), protocol)));
    bool use_registry = true;
    if (const term* u = opts.map_get(atom("use_registry"))) {
        auto b = u->as_bool();
        if (!b) raise(atoms::badarg);
        use_registry = *b;
    }
    bool debug = false;
    if (const term* dbg = opts.map_get(atom("debug"))) {
        auto b = dbg->as_bool();
        if (!b) raise(atoms::badarg);
        debug = *b;
    }
    int fd = -1;
    int err = 0;
    if (const term* ns = opts.map_get(atom("netns"))) {
        auto path = string_of(*ns);
        if (!path) raise(atoms::badarg);
        netns_guard g(*path);
        if (g.error() != 0) return posix_error(g.error());
        fd = ::socket(*d, *ty | SOCK_NONBLOCK | SOCK_CLOEXEC, *p);
        err = errno;
    } else {
        fd = ::socket(*d, *ty | SOCK_NONBLOCK | SOCK_CLOEXEC, *p);
        err = errno;
    }
    if (fd < 0) return posix_error(err);
    int protocol_num = *p;
    if (protocol_num == 0) {
        const int actual = sockopt_int(fd, SO_PROTOCOL);
        if (actual >= 0) protocol_num = actual;
    }
    socket_impl* impl = create_socket(fd, *d, *ty, protocol_num, atom("normal"), self_process(),
                                      use_registry, &err);
    if (impl == nullptr) return posix_error(err);
    impl->debug = debug;
    impl->domain_t = domain_term(*d);
    impl->type_t = type_term(*ty);
    impl->protocol_t = protocol_term(protocol_num);
    return ok(impl->sock);
}

// ---- bind / listen / accept / connect ------------------------------------------

term bind(const term& s, const term& addr) {
    socket_impl& impl = lookup(s);
    auto enc = resolve_addr(impl, addr);
    std::lock_guard lk(impl.mu);
    if (impl.closed) return error(atoms::closed);
    if (!enc.ok()) return error(enc.reason);
    if (::bind(impl.fd, enc.address->get(), enc.address->length) != 0) return posix_error(errno);
    impl.bound = true;
    return atoms::ok;
}

term listen(const term& s) {
    return listen(s, 5);
}

term listen(const term& s, const term& backlog) {
    socket_impl& impl = lookup(s);
    auto b = backlog.as_int();
    if (!b) raise(atoms::badarg);
    std::lock_guard lk(impl.mu);
    if (impl.closed) return error(atoms::closed);
    const int n = static_cast<int>(std::clamp<std::int64_t>(*b, -1, 0x7fffffff));
    if (::listen(impl.fd, n) != 0) return posix_error(errno);
    impl.listening = true;
    return atoms::ok;
}

term accept(const term& s) {
    return accept(s, atoms::infinity);
}

term accept(const term& s, const term& timeout) {
    socket_impl& impl = lookup(s);
    const timeout_arg t = parse_timeout(timeout);
    accept_op op;
    return run_op(impl, side_kind::acceptor, t, op);
}

term connect(const term& s) {
    socket_impl& impl = lookup(s);
    const process_ptr me = self_process();
    std::lock_guard lk(impl.mu);
    if (impl.closed) return error(atoms::closed);
    if (!impl.connecting) raise(invalid(atom("state")));
    term result;
    if (finish_connect(impl, result) == step::again) return posix_error(EALREADY);
    if (impl.connector.has_current && impl.connector.current.proc == me) {
        complete_current(impl, side_kind::connector);
    }
    return result;
}

term connect(const term& s, const term& addr) {
    return connect(s, addr, atoms::infinity);
}

term connect(const term& s, const term& addr, const term& timeout) {
    socket_impl& impl = lookup(s);
    auto enc = codec::encode_sockaddr(addr);
    if (!enc.ok()) {
        // A map with a bad field is returned; anything else raises.
        if (addr.is_map()) return error(enc.reason);
        raise(enc.reason);
    }
    const timeout_arg t = parse_timeout(timeout);
    connect_op op;
    op.addr = *enc.address;
    return run_op(impl, side_kind::connector, t, op);
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
    socket_impl& impl = lookup(s);
    if (is_select_info(flags_or_cont)) {
        const timeout_arg t = parse_timeout(timeout);
        if (!valid_cont(flags_or_cont, atoms::send)) return error(invalid(flags_or_cont));
        return do_send(impl, data, cont_flags(flags_or_cont), t, std::nullopt, false);
    }
    if (!data.is_binary() && !data.is_list()) raise(atoms::badarg);
    term bad;
    const int flags = parse_msg_flags(flags_or_cont, &bad);
    const timeout_arg t = parse_timeout(timeout);
    if (!bad.is_nil()) return flags_error(bad);
    return do_send(impl, data, flags, t, std::nullopt, false);
}

term sendto(const term& s, const term& data, const term& dest) {
    return sendto(s, data, dest, nil(), atoms::infinity);
}

term sendto(const term& s, const term& data, const term& dest, const term& flags_or_timeout) {
    if (is_select_info(dest)) {
        // sendto(Socket, Data, Cont, Timeout): continue a partial sendto.
        socket_impl& impl = lookup(s);
        const timeout_arg t = parse_timeout(flags_or_timeout);
        if (!valid_cont(dest, atoms::sendto)) return error(invalid(dest));
        return do_send(impl, data, cont_flags(dest), t, std::nullopt, true);
    }
    if (flags_or_timeout.is_list()) return sendto(s, data, dest, flags_or_timeout, atoms::infinity);
    return sendto(s, data, dest, nil(), flags_or_timeout);
}

term sendto(const term& s, const term& data, const term& dest, const term& flags,
            const term& timeout) {
    socket_impl& impl = lookup(s);
    if (!data.is_binary() && !data.is_list()) raise(atoms::badarg);
    auto enc = codec::encode_sockaddr(dest);
    if (!enc.ok()) {
        if (dest.is_map()) return error(enc.reason);
        raise(enc.reason);
    }
    term bad;
    const int f = parse_msg_flags(flags, &bad);
    const timeout_arg t = parse_timeout(timeout);
    if (!bad.is_nil()) return flags_error(bad);
    return do_send(impl, data, f, t, enc.address, true);
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
    socket_impl& impl = lookup(s);
    std::lock_guard lk(impl.mu);
    if (impl.closed) return error(atoms::closed);
    close_locked(impl);
    return atoms::ok;
}

term shutdown(const term& s, const term& how) {
    socket_impl& impl = lookup(s);
    int h = -1;
    if (how.is_atom(atom("read"))) h = SHUT_RD;
    if (how.is_atom(atom("write"))) h = SHUT_WR;
    if (how.is_atom(atom("read_write"))) h = SHUT_RDWR;
    if (h < 0) raise(invalid(tuple(atom("how"), how)));
    std::lock_guard lk(impl.mu);
    if (impl.closed) return error(atoms::closed);
    if (::shutdown(impl.fd, h) != 0) return posix_error(errno);
    return atoms::ok;
}

term sockname(const term& s) {
    socket_impl& impl = lookup(s);
    std::lock_guard lk(impl.mu);
    if (impl.closed) return error(atoms::closed);
    sockaddr_storage sa{};
    socklen_t len = sizeof sa;
    if (::getsockname(impl.fd, reinterpret_cast<sockaddr*>(&sa), &len) != 0)
        return posix_error(errno);
    return ok(codec::decode_sockaddr(&sa, std::min<std::size_t>(len, sizeof sa)));
}

term peername(const term& s) {
    socket_impl& impl = lookup(s);
    std::lock_guard lk(impl.mu);
    if (impl.closed) return error(atoms::closed);
    sockaddr_storage sa{};
    socklen_t len = sizeof sa;
    if (::getpeername(impl.fd, reinterpret_cast<sockaddr*>(&sa), &len) != 0)
        return posix_error(errno);
    return ok(codec::decode_sockaddr(&sa, std::min<std::size_t>(len, sizeof sa)));
}

// ---- cancel ----------------------------------------------------------------------

term cancel(const term& s, const term& si) {
    socket_impl& impl = lookup(s);
    if (!is_select_info(si)) raise(atoms::badarg);
    const term& tag = *si.element(1);
    const term& handle = *si.element(2);
    std::optional<side_kind> k;
    if (tag.is_atom(atoms::recv) || tag.is_atom(atoms::recvfrom) || tag.is_atom(atoms::recvmsg)) {
        k = side_kind::reader;
    } else if (tag.is_atom(atoms::accept)) {
        k = side_kind::acceptor;
    } else if (tag.is_atom(atoms::connect)) {
        k = side_kind::connector;
    } else if (tag.is_atom(atoms::send) || tag.is_atom(atoms::sendto) ||
               tag.is_atom(atoms::sendmsg) || tag.is_atom(atoms::sendfile)) {
        k = side_kind::writer;
    } else if (tag.is_tuple(2) &&
               (tag.element(0)->is_atom(atoms::send) || tag.element(0)->is_atom(atoms::sendto) ||
                tag.element(0)->is_atom(atoms::sendmsg))) {
        k = side_kind::writer;
    }
    if (!k) raise(atoms::badarg);
    const process_ptr me = self_process();
    std::lock_guard lk(impl.mu);
    if (impl.closed) return error(atoms::closed);
    // An acceptor is identified by its process alone, as OTP does.
    if (!cancel_waiter(impl, *k, *me, handle, *k == side_kind::acceptor)) return error(invalid(si));
    if (*k == side_kind::connector) impl.connecting = false;
    return atoms::ok;
}

// ---- info --------------------------------------------------------------------------

term info(const term& s) {
    socket_impl& impl = lookup(s);
    std::lock_guard lk(impl.mu);
    std::vector<term> rstates;
    std::vector<term> wstates;
    if (impl.closed) {
        rstates = {atom("closing"), atoms::closed};
        wstates = rstates;
    } else {
        if (impl.bound) rstates.emplace_back(atom("bound"));
        if (impl.listening) rstates.emplace_back(atom("listening"));
        if (impl.acceptors.count() > 0) rstates.emplace_back(atom("accepting"));
        if (impl.readers.has_current || impl.acceptors.has_current)
            rstates.emplace_back(atoms::select);
        if (impl.connecting) wstates.emplace_back(atom("connecting"));
        if (impl.connected || impl.listening) wstates.emplace_back(atom("connected"));
        if (impl.write_selected) wstates.emplace_back(atom("selected"));
    }
    for (auto& r : rstates) {
        if (r.is_atom(atoms::select)) r = atom("selected");
    }
    return map(
        {{atom("counters"), with_sendfile_counters(counters_map(impl.cnt), impl.sendfile_cnt)},
         {atom("ctype"), impl.ctype},
         {atom("domain"), impl.domain_t},
         {atom("num_acceptors"), static_cast<std::int64_t>(impl.acceptors.count())},
         {atom("num_readers"), static_cast<std::int64_t>(impl.readers.count())},
         {atom("num_writers"), static_cast<std::int64_t>(impl.writers.count())},
         {atom("owner"), impl.owner ? impl.owner->pid() : term(atoms::undefined)},
         {atom("protocol"), impl.protocol_t},
         {atom("rstates"), list_from(std::move(rstates))},
         {atoms::type, impl.type_t},
         {atom("wstates"), list_from(std::move(wstates))}});
}

bool is_socket(const term& t) noexcept {
    return find(t) != nullptr;
}

namespace detail {
std::optional<binary_buffer> read_buffer(std::size_t size) noexcept {
    // More than the machine's memory cannot be had: refuse without asking,
    // as sanitizers' allocators abort the program instead of failing.
    static const std::size_t physical_memory = [] {
        const long pages = ::sysconf(_SC_PHYS_PAGES);
        const long page_size = ::sysconf(_SC_PAGESIZE);
        return pages > 0 && page_size > 0
                   ? static_cast<std::size_t>(pages) * static_cast<std::size_t>(page_size)
                   : SIZE_MAX;
    }();
    if (size > physical_memory) return std::nullopt;
    try {
        return std::optional<binary_buffer>(std::in_place, size);
    } catch (const std::bad_alloc&) {
        return std::nullopt;
    }
}

// Operations of other files (operation.hpp) run through run_op as well.
term run_operation(socket_impl& impl, side_kind k, const timeout_arg& t, operation& op) {
    struct adapter {
        operation& op;
        term result;
        step attempt(socket_impl& i) {
            if (!op.attempt(i)) return step::again;
            result = std::move(op.result);
            return step::done;
        }
        [[nodiscard]] term tag() const { return op.tag(); }
        term select_result(term si) { return op.select_result(std::move(si)); }
        term timeout_result() { return op.timeout_result(); }
        term closed_result(const term& reason) { return op.closed_result(reason); }
        void count_wait(socket_impl& i) { op.count_wait(i); }
    } a{op, term()};
    return run_op(impl, k, t, a);
}
}  // namespace detail

}  // namespace esock::socket
