// The nowait/select state machine: the only code that changes a socket's
// waiters, its poller registrations and its open/closed state. See
// docs/state-machine.md.

#include <fcntl.h>
#include <sys/epoll.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <deque>
#include <mutex>

#include <esock/error.hpp>

#include "../term/term_internal.hpp"
#include "socket_impl.hpp"

namespace esock::socket::detail {

namespace {

// Socket references are numbered apart from make_ref()'s counter: the
// socket's id (slot and generation) above ref_base.
constexpr std::uint64_t ref_base = std::uint64_t{1} << 47;
constexpr std::size_t segment_bits = 12;
constexpr std::size_t segment_size = std::size_t{1} << segment_bits;
constexpr std::size_t max_segments = 4096;  // 16M records (sockets at once)
constexpr std::uint64_t slot_bits = 24;
static_assert((std::uint64_t{1} << slot_bits) == segment_size * max_segments);
constexpr std::uint64_t slot_mask = (std::uint64_t{1} << slot_bits) - 1;

// Slot -> record. A slot, once given a record, keeps it for good.
struct socket_table {
    std::array<std::atomic<std::atomic<socket_impl*>*>, max_segments> segments{};
    std::atomic<std::uint64_t> next{1};
    std::mutex grow_mu;
    // Closed records that may serve again once no term refers to them,
    // oldest first. A leaf lock: nothing is locked while it is held.
    std::mutex closed_mu;
    std::deque<socket_impl*> closed;
};

socket_table& table() {
    static socket_table* t = new socket_table();  // NOLINT: immortal, like the records
    return *t;
}

socket_impl* slot_get(std::uint64_t slot) noexcept {
    const std::size_t seg = slot >> segment_bits;
    if (seg >= max_segments) return nullptr;
    auto* s = table().segments[seg].load(std::memory_order_acquire);
    if (s == nullptr) return nullptr;
    return s[slot & (segment_size - 1)].load(std::memory_order_acquire);
}

// The record of socket `id` (from a poller event or an exit key), locked;
// nullptr when the socket is closed or its record serves another one now.
std::unique_lock<std::mutex> lock_open(std::uint64_t id, socket_impl*& impl) {
    impl = slot_get(id & slot_mask);
    if (impl == nullptr) return {};
    std::unique_lock lk(impl->mu);
    if (impl->id != id || impl->closed) {
        impl = nullptr;
        return {};
    }
    return lk;
}

// A new record in a new slot; nullptr when the table is full.
socket_impl* new_record() {
    auto& t = table();
    const std::uint64_t slot = t.next.fetch_add(1);
    const std::size_t seg = slot >> segment_bits;
    if (seg >= max_segments) return nullptr;
    auto* s = t.segments[seg].load(std::memory_order_acquire);
    if (s == nullptr) {
        std::lock_guard lk(t.grow_mu);
        s = t.segments[seg].load(std::memory_order_acquire);
        if (s == nullptr) {
            s = new std::atomic<socket_impl*>[segment_size]();  // NOLINT: immortal
            t.segments[seg].store(s, std::memory_order_release);
        }
    }
    auto* impl = new socket_impl();  // NOLINT: records are immortal (see socket_impl)
    impl->slot = slot;
    s[slot & (segment_size - 1)].store(impl, std::memory_order_release);
    return impl;
}

// A closed record that no term refers to any more, emptied, with its
// lock held; nullptr when the oldest few closed ones are all still
// referred to (they go to the back, so each is looked at again later).
// Looking at a bounded number keeps open/accept O(1).
socket_impl* reusable_record(std::unique_lock<std::mutex>& lk) {
    constexpr int looks = 2;
    auto& t = table();
    for (int i = 0; i < looks; ++i) {
        socket_impl* impl = nullptr;
        {
            std::lock_guard cl(t.closed_mu);
            if (t.closed.empty()) return nullptr;
            impl = t.closed.front();
            t.closed.pop_front();
        }
        // try_lock: the caller may hold another socket's lock (accept), and
        // a record someone is busy with is no candidate anyway.
        std::unique_lock ilk(impl->mu, std::try_to_lock);
        // Only the record's own copy of the socket term is left: no call
        // can be using the record or reach it through a term any more
        // (messages in mailboxes hold copies too). Nothing makes a new
        // copy of a closed socket's term from the record.
        if (ilk.owns_lock() &&
            term::internal::node(impl->sock)->refs.load(std::memory_order_acquire) == 1) {
            impl->sock_node.store(nullptr, std::memory_order_release);
            static_cast<socket_state&>(*impl) = socket_state{};
            lk = std::move(ilk);
            return impl;
        }
        if (ilk.owns_lock()) ilk.unlock();
        std::lock_guard cl(t.closed_mu);
        t.closed.push_back(impl);
    }
    return nullptr;
}

// ---- readiness: the pollers of the waiting processes ------------------------

std::uint32_t direction_of(side_kind k) noexcept {
    return (k == side_kind::reader || k == side_kind::acceptor) ? EPOLLIN : EPOLLOUT;
}

bool current_in(const side& s, const process* p) noexcept {
    return s.has_current && s.current.proc.get() == p;
}

// p is the current caller of a side that waits for `direction`.
bool waits_in_direction(const socket_impl& impl, const process* p, std::uint32_t direction) {
    return direction == EPOLLIN ? current_in(impl.readers, p) || current_in(impl.acceptors, p)
                                : current_in(impl.writers, p) || current_in(impl.connector, p);
}

// EPOLL_CTL_* on p's poller. Registrations are edge-triggered and stay while
// p waits on the socket, so re-arming after EAGAIN costs no system call.
void poller_ctl(socket_impl& impl, process& p, int op, std::uint32_t events) {
    const int poller = p.poller();
    if (poller < 0) return;  // run_op created it before waiting
    epoll_event ev{};
    ev.events = events | EPOLLET;
    ev.data.u64 = impl.id;
    (void)::epoll_ctl(poller, op, impl.poll_fd, &ev);
}

// Side `k`'s current caller waits for readiness from now on: its process's
// poller watches the fd for the side's direction. The first registration
// (ADD) and a widened or renewed one (MOD) also report an fd that is ready
// already. A caller that has just seen EAGAIN on the fd under this lock and
// is registered for the direction needs nothing more: any later arrival is
// an edge, and only its own thread collects the event, after this returns.
void arm(socket_impl& impl, side_kind k, bool after_eagain) {
    side& s = impl.side_of(k);
    s.armed = true;
    if (impl.poll_fd < 0) return;
    const std::uint32_t direction = direction_of(k);
    process* p = s.current.proc.get();
    // Processes that no longer wait in this direction stop watching it, so
    // that traffic does not wake them.
    auto& regs = impl.registrations;
    for (auto it = regs.begin(); it != regs.end();) {
        if (it->proc.get() != p && (it->events & direction) != 0 &&
            !waits_in_direction(impl, it->proc.get(), direction)) {
            it->events &= ~direction;
            if (it->events == 0) {
                poller_ctl(impl, *it->proc, EPOLL_CTL_DEL, 0);
                it = regs.erase(it);
                continue;
            }
            poller_ctl(impl, *it->proc, EPOLL_CTL_MOD, it->events);
        }
        ++it;
    }
    for (auto& r : regs) {
        if (r.proc.get() != p) continue;
        if ((r.events & direction) != 0 && after_eagain) return;
        r.events |= direction;
        poller_ctl(impl, *p, EPOLL_CTL_MOD, r.events);
        return;
    }
    regs.push_back(poller_registration{s.current.proc, direction});
    poller_ctl(impl, *p, EPOLL_CTL_ADD, direction);
    // Its end must remove the registration (on_process_exit).
    p->add_exit_key(impl.id);
}

// Removes p's registration (process ended).
void unregister(socket_impl& impl, const process& p) {
    auto& regs = impl.registrations;
    for (auto it = regs.begin(); it != regs.end(); ++it) {
        if (it->proc.get() == &p) {
            poller_ctl(impl, *it->proc, EPOLL_CTL_DEL, 0);
            regs.erase(it);
            return;
        }
    }
}

term select_msg(const socket_impl& impl, const term& handle) {
    return tuple(atoms::dollar_socket, impl.sock, atoms::select, handle);
}

term abort_msg(const socket_impl& impl, const term& handle, const term& reason) {
    return tuple(atoms::dollar_socket, impl.sock, atoms::abort, tuple(handle, reason));
}

// The select message for side `s`, when `p` (whose poller saw readiness)
// is its current caller and still waits for it.
void fire(socket_impl& impl, side& s, const process& p) {
    if (!s.armed || !current_in(s, &p)) return;
    s.armed = false;
    s.current.proc->deliver(select_msg(impl, s.current.handle));
}

void activate_next(socket_impl& impl, side_kind k) {
    side& s = impl.side_of(k);
    while (!s.queue.empty()) {
        waiter w = std::move(s.queue.front());
        s.queue.erase(s.queue.begin());
        if (!w.proc->alive()) continue;
        s.current = std::move(w);
        s.has_current = true;
        arm(impl, k, false);
        break;
    }
}

// Runs on p's own thread, from its poller.
void on_ready(process& p, std::uint64_t cookie, std::uint32_t events) {
    socket_impl* impl = nullptr;
    const auto lk = lock_open(cookie, impl);
    if (impl == nullptr) return;
    if (events & (EPOLLIN | EPOLLERR | EPOLLHUP | EPOLLRDHUP)) {
        fire(*impl, impl->acceptors, p);
        fire(*impl, impl->readers, p);
    }
    if (events & (EPOLLOUT | EPOLLERR | EPOLLHUP)) {
        fire(*impl, impl->writers, p);
        fire(*impl, impl->connector, p);
    }
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
        socket_impl* impl = nullptr;
        const auto lk = lock_open(key, impl);
        if (impl == nullptr) continue;
        if (impl->owner.get() == &p) {
            close_locked(*impl);
            continue;
        }
        for (auto k :
             {side_kind::reader, side_kind::acceptor, side_kind::writer, side_kind::connector}) {
            drop_process_waiters(*impl, k, p);
        }
        unregister(*impl, p);
    }
}

}  // namespace

atom a(const char* name) {
    return atom(name);
}

void ensure_runtime() {
    static const bool done = [] {
        process::set_ready_handler(&on_ready);
        process::set_exit_handler(&on_process_exit);
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
    std::unique_lock<std::mutex> lk;
    socket_impl* impl = reusable_record(lk);
    if (impl != nullptr) {
        ++impl->generation;
    } else {
        impl = new_record();
        if (impl == nullptr) {
            if (shared_fd) ::close(poll_fd);
            return fail(EMFILE);
        }
        // Nobody else knows the new record yet: this cannot fail (and, as
        // above, must not wait while the caller holds another lock).
        lk = std::unique_lock(impl->mu, std::try_to_lock);
    }
    // Stale numbers of the record's earlier sockets stop matching here.
    impl->id = (impl->generation << slot_bits) | impl->slot;
    impl->fd = fd;
    impl->poll_fd = poll_fd;
    impl->owns_fd = !shared_fd;
    impl->domain = domain;
    impl->type = type;
    impl->protocol = protocol;
    impl->ctype = std::move(ctype);
    impl->use_registry = use_registry;
    impl->sock = tuple(atoms::dollar_socket, ref_term(ref_base + impl->id));
    impl->sock_node.store(term::internal::node(impl->sock), std::memory_order_release);
    impl->owner = std::move(owner);
    impl->owner->add_exit_key(impl->id);
    return impl;
}

socket_impl* find(const term& s) noexcept {
    // Every call starts here: one look at the tuple, not three.
    const auto e = s.tuple_elements();
    if (e.size() != 2 || !e[0].is_atom(atoms::dollar_socket) || !e[1].is_reference()) {
        return nullptr;
    }
    const std::uint64_t n = e[1].ref_number();
    if (n <= ref_base) return nullptr;
    socket_impl* impl = slot_get((n - ref_base) & slot_mask);
    // The caller's term keeps its node alive, so a match cannot be a
    // recycled address: the record is this socket's and stays so while
    // the term lives. An equal term built anew (not a copy) is not a socket.
    if (impl == nullptr ||
        impl->sock_node.load(std::memory_order_acquire) != term::internal::node(s)) {
        return nullptr;
    }
    return impl;
}

socket_impl& lookup(const term& s) {
    socket_impl* impl = find(s);
    if (impl == nullptr) throw erl_error(atoms::badarg);
    return *impl;
}

bool wait_in(socket_impl& impl, side_kind k, waiter w, bool arm_it) {
    side& s = impl.side_of(k);
    if (k == side_kind::reader || k == side_kind::acceptor) {
        impl.read_selected = true;
    } else {
        impl.write_selected = true;
    }
    if (s.has_current && s.current.proc == w.proc) {
        s.current.handle = std::move(w.handle);
        if (arm_it) {
            arm(impl, k, true);
        } else {
            s.armed = false;
        }
        return true;
    }
    if (!s.has_current) {
        s.current = std::move(w);
        s.has_current = true;
        if (arm_it) arm(impl, k, true);
        return true;
    }
    // A queued nowait caller outlives its call: its end must drop it. (A
    // current one is registered in a poller, which does the same; a blocking
    // one completes or cancels before its call returns.)
    w.proc->add_exit_key(impl.id);
    s.queue.push_back(std::move(w));
    return false;
}

void complete_current(socket_impl& impl, side_kind k) {
    side& s = impl.side_of(k);
    if (!s.has_current) return;
    s.has_current = false;
    s.armed = false;
    s.current = waiter{};
    activate_next(impl, k);
}

bool is_queued(const socket_impl& impl, side_kind k, const process& p) noexcept {
    for (const auto& w : impl.side_of(k).queue) {
        if (w.proc.get() == &p) return true;
    }
    return false;
}

bool may_try(const socket_impl& impl, side_kind k, const process* p) noexcept {
    const side& s = impl.side_of(k);
    return !s.has_current || s.current.proc.get() == p;
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
    for (auto& w : s.queue)
        w.proc->deliver(abort_msg(impl, w.handle, reason));
    s.queue.clear();
}

void close_locked(socket_impl& impl) {
    if (impl.closed) return;
    impl.closed = true;
    // The files of sendfile transfers in progress or queued.
    if (impl.sendfile_fd >= 0) ::close(impl.sendfile_fd);
    impl.sendfile_fd = -1;
    for (const auto& q : impl.sendfile_queued)
        ::close(q.second);
    impl.sendfile_queued.clear();
    // Nothing of this socket concerns its waiters any more; their exit keys
    // go too, so that long-lived processes do not collect closed sockets'.
    for (auto k :
         {side_kind::acceptor, side_kind::reader, side_kind::writer, side_kind::connector}) {
        side& s = impl.side_of(k);
        if (s.has_current) {
            s.current.proc->deliver(abort_msg(impl, s.current.handle, atoms::closed));
            s.current.proc->remove_exit_key(impl.id);
        }
        for (auto& w : s.queue) {
            w.proc->deliver(abort_msg(impl, w.handle, atoms::closed));
            w.proc->remove_exit_key(impl.id);
        }
        s.queue.clear();
        s.has_current = false;
        s.armed = false;
        s.current = waiter{};
    }
    for (auto& r : impl.registrations) {
        poller_ctl(impl, *r.proc, EPOLL_CTL_DEL, 0);
        r.proc->remove_exit_key(impl.id);
    }
    impl.registrations.clear();
    if (impl.poll_fd >= 0) {
        if (impl.poll_fd != impl.fd) ::close(impl.poll_fd);
        impl.poll_fd = -1;
    }
    if (impl.fd >= 0) {
        if (impl.owns_fd) ::close(impl.fd);
        impl.fd = -1;
    }
    impl.connecting = false;
    if (impl.owner) {
        impl.owner->remove_exit_key(impl.id);
        impl.owner.reset();
    }
    // The record may serve again once its term is gone (reusable_record).
    auto& t = table();
    std::lock_guard cl(t.closed_mu);
    t.closed.push_back(&impl);
}

}  // namespace esock::socket::detail
