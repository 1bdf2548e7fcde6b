// The nowait/select state machine: the only code that changes a socket's
// waiters, its reactor interest and its open/closed state. See
// docs/state-machine.md.

#include <fcntl.h>
#include <sys/epoll.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <mutex>

#include <esock/error.hpp>

#include "../reactor/reactor.hpp"
#include "socket_impl.hpp"

namespace esock::socket::detail {

namespace {

// Socket references are numbered apart from make_ref()'s counter, with the
// table slot in the low bits, so that a lookup is an array index.
constexpr std::uint64_t ref_base = std::uint64_t{1} << 47;
constexpr std::size_t segment_bits = 12;
constexpr std::size_t segment_size = std::size_t{1} << segment_bits;
constexpr std::size_t max_segments = 4096;  // 16M sockets per program run

struct socket_table {
    std::array<std::atomic<std::atomic<socket_impl*>*>, max_segments> segments{};
    std::atomic<std::uint64_t> next{1};
    std::mutex grow_mu;
};

socket_table& table() {
    static socket_table* t = new socket_table();  // NOLINT: immortal, like the records
    return *t;
}

socket_impl* slot_get(std::uint64_t id) noexcept {
    const std::size_t seg = id >> segment_bits;
    if (seg >= max_segments) return nullptr;
    auto* s = table().segments[seg].load(std::memory_order_acquire);
    if (s == nullptr) return nullptr;
    return s[id & (segment_size - 1)].load(std::memory_order_acquire);
}

std::uint64_t slot_put(socket_impl* impl) {
    auto& t = table();
    const std::uint64_t id = t.next.fetch_add(1);
    const std::size_t seg = id >> segment_bits;
    if (seg >= max_segments) return 0;
    auto* s = t.segments[seg].load(std::memory_order_acquire);
    if (s == nullptr) {
        std::lock_guard lk(t.grow_mu);
        s = t.segments[seg].load(std::memory_order_acquire);
        if (s == nullptr) {
            s = new std::atomic<socket_impl*>[segment_size]();  // NOLINT: immortal
            t.segments[seg].store(s, std::memory_order_release);
        }
    }
    s[id & (segment_size - 1)].store(impl, std::memory_order_release);
    return id;
}

std::uint32_t wanted_events(const socket_impl& impl) noexcept {
    std::uint32_t ev = 0;
    if (impl.readers.armed || impl.acceptors.armed) ev |= EPOLLIN;
    if (impl.writers.armed || impl.connector.armed) ev |= EPOLLOUT;
    return ev;
}

void update_interest(socket_impl& impl) {
    if (impl.poll_fd < 0) return;
    const std::uint32_t want = wanted_events(impl);
    if (want == impl.armed_events) return;
    (void)esock::detail::reactor::instance().arm(impl.poll_fd, impl.id, want);
    impl.armed_events = want;
}

term select_msg(const socket_impl& impl, const term& handle) {
    return tuple(atoms::dollar_socket, impl.sock, atoms::select, handle);
}

term abort_msg(const socket_impl& impl, const term& handle, const term& reason) {
    return tuple(atoms::dollar_socket, impl.sock, atoms::abort, tuple(handle, reason));
}

void fire(socket_impl& impl, side& s) {
    if (!s.armed || !s.has_current) return;
    s.armed = false;
    s.current.proc->deliver(select_msg(impl, s.current.handle));
}

void activate_next(socket_impl& /*impl*/, side& s) {
    while (!s.queue.empty()) {
        waiter w = std::move(s.queue.front());
        s.queue.pop_front();
        if (!w.proc->alive()) continue;
        s.current = std::move(w);
        s.has_current = true;
        s.armed = true;
        break;
    }
}

void on_ready(std::uint64_t cookie, std::uint32_t events) {
    socket_impl* impl = slot_get(cookie);
    if (impl == nullptr) return;
    std::lock_guard lk(impl->mu);
    if (impl->closed) return;
    // One-shot: the registration is disabled now, whatever fired.
    impl->armed_events = 0;
    if (events & (EPOLLIN | EPOLLERR | EPOLLHUP | EPOLLRDHUP)) {
        fire(*impl, impl->acceptors);
        fire(*impl, impl->readers);
    }
    if (events & (EPOLLOUT | EPOLLERR | EPOLLHUP)) {
        fire(*impl, impl->writers);
        fire(*impl, impl->connector);
    }
    update_interest(*impl);
}

void drop_process_waiters(socket_impl& impl, side_kind k, const process& p) {
    side& s = impl.side_of(k);
    if (s.has_current && s.current.proc.get() == &p) complete_current(impl, k);
    for (auto it = s.queue.begin(); it != s.queue.end();) {
        if (it->proc.get() == &p) {
            it = s.queue.erase(it);
        } else {
            ++it;
        }
    }
}

void on_process_exit(process& p, std::span<const std::uint64_t> keys) {
    for (const auto key : keys) {
        socket_impl* impl = slot_get(key);
        if (impl == nullptr) continue;
        std::lock_guard lk(impl->mu);
        if (impl->closed) continue;
        if (impl->owner.get() == &p) {
            close_locked(*impl);
            continue;
        }
        for (auto k : {side_kind::reader, side_kind::acceptor, side_kind::writer,
                       side_kind::connector}) {
            drop_process_waiters(*impl, k, p);
        }
    }
}

}  // namespace

atom a(const char* name) { return atom(name); }

void ensure_runtime() {
    static const bool done = [] {
        esock::detail::reactor::set_handler(&on_ready);
        process::set_exit_handler(&on_process_exit);
        (void)esock::detail::reactor::instance();
        return true;
    }();
    (void)done;
}

socket_impl* create_socket(int fd, int domain, int type, int protocol, term ctype,
                           process_ptr owner, bool use_registry, int* err, bool shared_fd) {
    ensure_runtime();
    auto fail = [&](int e) -> socket_impl* {
        *err = e;
        if (!shared_fd) ::close(fd);
        return nullptr;
    };
    int poll_fd = fd;
    if (shared_fd) {
        poll_fd = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
        if (poll_fd < 0) return fail(errno);
    }
    if (int e = esock::detail::reactor::instance().add(poll_fd, 0); e != 0) {
        if (shared_fd) ::close(poll_fd);
        return fail(e);
    }
    auto* impl = new socket_impl();  // NOLINT: records are immortal (see socket_impl)
    impl->fd = fd;
    impl->poll_fd = poll_fd;
    impl->owns_fd = !shared_fd;
    impl->domain = domain;
    impl->type = type;
    impl->protocol = protocol;
    impl->ctype = std::move(ctype);
    impl->use_registry = use_registry;
    impl->id = slot_put(impl);
    if (impl->id == 0) {
        // The table is full: the record stays unreachable (it was never
        // published), so it can go.
        esock::detail::reactor::instance().remove(poll_fd);
        if (shared_fd) ::close(poll_fd);
        delete impl;  // NOLINT(cppcoreguidelines-owning-memory)
        return fail(EMFILE);
    }
    impl->sock = tuple(atoms::dollar_socket, ref_term(ref_base + impl->id));
    impl->owner = std::move(owner);
    impl->owner->add_exit_key(impl->id);
    return impl;
}

socket_impl* find(const term& s) noexcept {
    if (!s.is_tuple(2)) return nullptr;
    const term* tag = s.element(0);
    const term* ref = s.element(1);
    if (!tag->is_atom(atoms::dollar_socket) || !ref->is_reference()) return nullptr;
    const std::uint64_t n = ref->ref_number();
    if (n <= ref_base) return nullptr;
    return slot_get(n - ref_base);
}

socket_impl& lookup(const term& s) {
    socket_impl* impl = find(s);
    if (impl == nullptr) throw erl_error(atoms::badarg);
    return *impl;
}

bool wait_in(socket_impl& impl, side_kind k, waiter w, bool arm) {
    side& s = impl.side_of(k);
    if (k == side_kind::reader || k == side_kind::acceptor) {
        impl.read_selected = true;
    } else {
        impl.write_selected = true;
    }
    if (s.has_current && s.current.proc == w.proc) {
        s.current.handle = std::move(w.handle);
        s.armed = arm;
        update_interest(impl);
        return true;
    }
    for (auto& q : s.queue) {
        if (q.proc == w.proc) {
            q.handle = std::move(w.handle);
            return false;
        }
    }
    w.proc->add_exit_key(impl.id);
    if (!s.has_current) {
        s.current = std::move(w);
        s.has_current = true;
        s.armed = arm;
        update_interest(impl);
        return true;
    }
    s.queue.push_back(std::move(w));
    return false;
}

void complete_current(socket_impl& impl, side_kind k) {
    side& s = impl.side_of(k);
    if (!s.has_current) return;
    s.has_current = false;
    s.armed = false;
    s.current = waiter{};
    activate_next(impl, s);
    update_interest(impl);
}

bool may_try(const socket_impl& impl, side_kind k, const process* p) noexcept {
    const side& s = const_cast<socket_impl&>(impl).side_of(k);
    return !s.has_current || s.current.proc.get() == p;
}

void rearm_current(socket_impl& impl, side_kind k) {
    side& s = impl.side_of(k);
    if (!s.has_current) return;
    s.armed = true;
    update_interest(impl);
}

bool cancel_waiter(socket_impl& impl, side_kind k, const process& p, const term& handle,
                   bool match_any_handle) {
    side& s = impl.side_of(k);
    term removed;
    bool found = false;
    if (s.has_current && s.current.proc.get() == &p &&
        (match_any_handle || s.current.handle == handle)) {
        removed = s.current.handle;
        found = true;
        complete_current(impl, k);
    } else {
        for (auto it = s.queue.begin(); it != s.queue.end(); ++it) {
            if (it->proc.get() == &p && it->handle == handle) {
                removed = it->handle;
                s.queue.erase(it);
                found = true;
                break;
            }
        }
    }
    if (!found) return false;
    // Under the socket lock no new message for this handle can be sent, so
    // after this nothing for it is left or can arrive.
    const term sock = impl.sock;
    const_cast<process&>(p).drop([&](const term& m) {
        if (!m.is_tuple(4)) return false;
        auto e = m.tuple_elements();
        if (!e[0].is_atom(atoms::dollar_socket) || !(e[1] == sock)) return false;
        if (e[2].is_atom(atoms::select)) return e[3] == removed;
        if (e[2].is_atom(atoms::abort)) return e[3].is_tuple(2) && *e[3].element(0) == removed;
        return false;
    });
    return true;
}

void abort_queued(socket_impl& impl, side_kind k, const term& reason) {
    side& s = impl.side_of(k);
    for (auto& w : s.queue) w.proc->deliver(abort_msg(impl, w.handle, reason));
    s.queue.clear();
}

void close_locked(socket_impl& impl) {
    if (impl.closed) return;
    impl.closed = true;
    // The files of sendfile transfers in progress or queued.
    if (impl.sendfile_fd >= 0) ::close(impl.sendfile_fd);
    impl.sendfile_fd = -1;
    for (const auto& q : impl.sendfile_queued) ::close(q.second);
    impl.sendfile_queued.clear();
    for (auto k :
         {side_kind::acceptor, side_kind::reader, side_kind::writer, side_kind::connector}) {
        side& s = impl.side_of(k);
        if (s.has_current) {
            s.current.proc->deliver(abort_msg(impl, s.current.handle, atoms::closed));
        }
        for (auto& w : s.queue) w.proc->deliver(abort_msg(impl, w.handle, atoms::closed));
        s.queue.clear();
        s.has_current = false;
        s.armed = false;
        s.current = waiter{};
    }
    if (impl.poll_fd >= 0) {
        esock::detail::reactor::instance().remove(impl.poll_fd);
        if (impl.poll_fd != impl.fd) ::close(impl.poll_fd);
        impl.poll_fd = -1;
    }
    if (impl.fd >= 0) {
        if (impl.owns_fd) ::close(impl.fd);
        impl.fd = -1;
    }
    impl.armed_events = 0;
    impl.connecting = false;
    if (impl.owner) {
        impl.owner->remove_exit_key(impl.id);
        impl.owner.reset();
    }
}

}  // namespace esock::socket::detail
