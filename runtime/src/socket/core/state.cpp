// SPDX-License-Identifier: Apache-2.0
// The nowait/select state machine (state.hpp): waiters and turns, poller
// registrations and readiness, the runner's waiting policy, close, owner
// changes and process exits, connect and sendfile-transfer state. See
// docs/state-machine.md.

#include "socket/core/state.hpp"

#include <algorithm>
#include <chrono>
#include <optional>

#include "generated/ids.hpp"
#include "process/internal.hpp"
#include "reactor/poller.hpp"
#include "socket/core/registry.hpp"
#include "socket/core/results.hpp"
#include "socket/core/table.hpp"
#include "socket/core/watch.hpp"
#include "sys/calls.hpp"
#include "sys/poll.hpp"

namespace esock::socket::core {

using ids::sendfile_counter;
using ids::socket_counter;

void operation::on_wait(socket_record& r) {
    switch (side_) {
        case side_kind::reader:
            r.cnt.socket.add(socket_counter::read_waits);
            break;
        case side_kind::writer:
            r.cnt.socket.add(socket_counter::write_waits);
            break;
        case side_kind::acceptor:
            r.cnt.socket.add(socket_counter::acc_waits);
            break;
        case side_kind::connector:
            break;
    }
}

namespace {

// ---- readiness: the pollers of the waiting processes ------------------------

std::uint32_t direction_of(side_kind k) noexcept {
    return (k == side_kind::reader || k == side_kind::acceptor) ? sys::ready::in : sys::ready::out;
}

bool current_in(const side& s, const process* p) noexcept {
    return s.has_current && s.current.proc.get() == p;
}

// p is the current caller of a side that waits for `direction`, or (in)
// the socket's watcher.
bool waits_in_direction(const socket_record& r, const process* p, std::uint32_t direction) {
    return direction == sys::ready::in ? current_in(r.readers, p) || current_in(r.acceptors, p) ||
                                             (r.watcher && r.watcher.get() == p)
                                       : current_in(r.writers, p) || current_in(r.connector, p);
}

// The select message for side `s`, when `p` (whose poller saw readiness)
// is its current caller and still waits for it.
void fire(socket_record& r, side& s, const process& p) {
    if (!s.armed || !current_in(s, &p)) return;
    s.armed = false;
    s.notified = true;
    s.current.proc->deliver(results::select_message(r.sock, s.current.handle));
}

// Turns a poller's events into select messages and watch reports, on the
// polling thread, which is the waiting (or watching) process's own.
class socket_readiness final : public reactor::readiness_sink {
  public:
    void ready(std::uint64_t key, std::uint32_t events) override {
        std::shared_ptr<attachment> report;
        term sock;
        {
            std::unique_lock<std::mutex> lk;
            socket_record* r = table::lock_open(key, lk);
            if (r == nullptr) return;
            const process& p = self_process_ref();
            if ((events & (sys::ready::in | sys::ready::error | sys::ready::hangup |
                           sys::ready::rdhup)) != 0) {
                fire(*r, r->acceptors, p);
                fire(*r, r->readers, p);
                if (r->watch_armed && r->watcher.get() == &p && r->attached) {
                    r->watch_armed = false;
                    report = r->attached;
                    sock = r->sock;
                }
            }
            if ((events & (sys::ready::out | sys::ready::error | sys::ready::hangup)) != 0) {
                fire(*r, r->writers, p);
                fire(*r, r->connector, p);
            }
        }
        // Unlocked: the attachment reads the socket through the socket module.
        if (report) report->readable(sock);
    }
};

socket_readiness& readiness() {
    static auto* sink = new socket_readiness();  // NOLINT: immortal, pollers outlive statics
    return *sink;
}

void drop_process_waiters(socket_record& r, side_kind k, const process& p);
void unregister(socket_record& r, const process& p);

// Closes the sockets a process owned and drops its waiters when it ends.
class socket_exits final : public process_internal::exit_watcher {
  public:
    void process_ended(process& p, std::span<const std::uint64_t> keys) override {
        for (const auto key : keys) {
            std::unique_lock<std::mutex> lk;
            socket_record* r = table::lock_open(key, lk);
            if (r == nullptr) continue;
            if (r->owner.get() == &p) {
                close(*r);
                continue;
            }
            for (auto k : all_sides) {
                drop_process_waiters(*r, k, p);
            }
            if (r->watcher.get() == &p) {
                r->watcher.reset();
                r->watch_armed = false;
            }
            unregister(*r, p);
            registry::drop_monitors_of(*r, p);
        }
    }
};

socket_exits& exits() {
    static auto* watcher = new socket_exits();  // NOLINT: immortal, processes outlive statics
    return *watcher;
}

// The counters that wrapped since the last report, to the owner when it
// asked ({otp, iow}): {'$socket', Socket, counter_wrap, Counter}.
void report_wraps(socket_record& r) {
    auto report = [&](auto& set) {
        if (set.wrapped == 0) return;
        using id = typename std::remove_cvref_t<decltype(set)>::id_type;
        for (std::size_t i = 0; i < set.values.size(); ++i) {
            if ((set.wrapped & (std::uint64_t{1} << i)) == 0 || !r.iow || !r.owner) continue;
            r.owner->deliver(tuple(atoms::dollar_socket, r.sock, atom("counter_wrap"),
                                   atom(ids::name(static_cast<id>(i)))));
        }
        set.wrapped = 0;
    };
    report(r.cnt.socket);
    if (sendfile_counters* sf = r.cnt.sendfile_if_used()) report(sf->counts);
}

// Whether p still has a part in r that its end must undo: owner, watcher,
// a caller of a side, a poller registration or a monitor.
bool involved(const socket_record& r, const process* p) {
    if (r.owner.get() == p || r.watcher.get() == p) return true;
    for (auto k : all_sides) {
        const side& s = r.side_of(k);
        if (current_in(s, p)) return true;
        for (const waiter& w : s.queue) {
            if (w.proc.get() == p) return true;
        }
    }
    for (const auto& reg : r.registrations) {
        if (reg.proc.get() == p) return true;
    }
    for (const auto& m : r.monitors) {
        if (m.watcher.get() == p) return true;
    }
    return false;
}

// Registrations are edge-triggered and stay while p waits on the socket,
// so re-arming after EAGAIN costs no system call.
reactor::poller& poller_of(const process_ptr& p) {
    return process_internal::poller_of(*p);
}

// Process `proc`'s poller watches the fd for `direction` from now on. The
// first registration (add) and a widened or renewed one (modify) also
// report an fd that is ready already. A caller that has just seen EAGAIN on
// the fd and is registered for the direction needs nothing more: any later
// arrival is an edge, and only its own thread collects the event, after
// this returns.
void register_for(socket_record& r, const process_ptr& proc, std::uint32_t direction,
                  bool after_eagain) {
    if (r.poll_fd < 0) return;
    process* p = proc.get();
    // Processes that no longer wait in this direction stop watching it, so
    // that traffic does not wake them.
    auto& regs = r.registrations;
    for (auto it = regs.begin(); it != regs.end();) {
        if (it->proc.get() != p && (it->events & direction) != 0 &&
            !waits_in_direction(r, it->proc.get(), direction)) {
            it->events &= ~direction;
            if (it->events == 0) {
                (void)poller_of(it->proc).remove(r.poll_fd);
                const process_ptr left = it->proc;
                it = regs.erase(it);
                release_exit_key(r, *left);
                continue;
            }
            (void)poller_of(it->proc).modify(r.poll_fd, it->events, r.id);
        }
        ++it;
    }
    for (auto& reg : regs) {
        if (reg.proc.get() != p) continue;
        if ((reg.events & direction) != 0 && after_eagain) return;
        reg.events |= direction;
        (void)poller_of(reg.proc).modify(r.poll_fd, reg.events, r.id);
        return;
    }
    regs.push_back(poller_registration{proc, direction});
    (void)poller_of(proc).add(r.poll_fd, direction, r.id, readiness());
    // Its end must remove the registration.
    watch_exit(*p, r);
}

// Side `k`'s current caller waits for readiness from now on (`after_eagain`:
// it has just seen EAGAIN on the fd under this lock).
void arm(socket_record& r, side_kind k, bool after_eagain) {
    side& s = r.side_of(k);
    s.armed = true;
    s.notified = false;
    register_for(r, s.current.proc, direction_of(k), after_eagain);
}

// Removes p's registration (process ended).
void unregister(socket_record& r, const process& p) {
    auto& regs = r.registrations;
    for (auto it = regs.begin(); it != regs.end(); ++it) {
        if (it->proc.get() == &p) {
            (void)poller_of(it->proc).remove(r.poll_fd);
            regs.erase(it);
            return;
        }
    }
}

// ---- turns ---------------------------------------------------------------------

void activate_next(socket_record& r, side_kind k) {
    side& s = r.side_of(k);
    while (!s.queue.empty()) {
        waiter w = std::move(s.queue.front());
        s.queue.erase(s.queue.begin());
        if (!w.proc->alive()) continue;
        s.current = std::move(w);
        s.has_current = true;
        arm(r, k, false);
        break;
    }
}

// The current caller of side `k` completed (successfully or not): the next
// queued caller becomes current and is armed.
void complete_current(socket_record& r, side_kind k) {
    side& s = r.side_of(k);
    if (!s.has_current) return;
    // A connect is pending while its caller waits: done, cancelled, timed
    // out or its process gone, it is not (OTP's `connecting` state).
    if (k == side_kind::connector) r.connecting = false;
    s.has_current = false;
    s.armed = false;
    s.notified = false;
    s.current = waiter{};
    activate_next(r, k);
}

// Side `k` has selected: info/1's `selected` state, which stays.
void note_selected(socket_record& r, side_kind k) noexcept {
    if (k == side_kind::reader || k == side_kind::acceptor) {
        r.read_selected = true;
    } else {
        r.write_selected = true;
    }
}

// Makes `w` the caller waiting in side `k`: it replaces the same process's
// current entry (its handle), else becomes current if none, else is queued
// (the caller has checked that its process is not queued already). When it
// is current it is armed (`after_eagain`: w's process has just seen
// EAGAIN), unless `arm_it` is false: a blocking caller that polls the fd
// itself.
void wait_in(socket_record& r, side_kind k, waiter w, bool arm_it, bool after_eagain) {
    side& s = r.side_of(k);
    note_selected(r, k);
    if (s.has_current && s.current.proc == w.proc) {
        s.current.handle = std::move(w.handle);
        if (arm_it) {
            arm(r, k, after_eagain);
        } else {
            s.armed = false;
            s.notified = false;
        }
        return;
    }
    if (!s.has_current) {
        s.current = std::move(w);
        s.has_current = true;
        if (arm_it) arm(r, k, after_eagain);
        return;
    }
    // A queued nowait caller outlives its call: its end must drop it. (A
    // current one is registered in a poller, which does the same; a blocking
    // one completes or cancels before its call returns.)
    watch_exit(*w.proc, r);
    s.queue.push_back(std::move(w));
}

bool is_queued(const socket_record& r, side_kind k, const process& p) noexcept {
    for (const auto& w : r.side_of(k).queue) {
        if (w.proc.get() == &p) return true;
    }
    return false;
}

// True when `p` is current in side `k`, or nobody is.
bool may_try(const socket_record& r, side_kind k, const process* p) noexcept {
    const side& s = r.side_of(k);
    return !s.has_current || s.current.proc.get() == p;
}

void drop_process_waiters(socket_record& r, side_kind k, const process& p) {
    side& s = r.side_of(k);
    if (s.has_current && s.current.proc.get() == &p) complete_current(r, k);
    std::erase_if(s.queue, [&](const waiter& w) { return w.proc.get() == &p; });
}

// Removes the select and abort messages for `handle` on `sock` from p's mailbox.
void drop_handle_messages(process& p, const term& sock, const term& handle) {
    p.drop([&](const term& m) { return results::is_handle_message(m, sock, handle); });
}

// ---- the runner's waiting ----------------------------------------------------------

using clock = std::chrono::steady_clock;

// A call that ends at its timeout (lock held).
term give_up(socket_record& r, operation& op) {
    op.on_timeout(r);
    return results::timed_out(op.rest(ending::timeout));
}

// The longest `receive ... after` of Erlang: 2^32-1 ms.
constexpr std::int64_t max_receive_timeout_ms = 0xFFFFFFFFLL;

// A Timeout 0 call that would have to wait (lock held): OTP's calls other
// than the recv family select and cancel at once, which leaves the side's
// `selected` state and counts a wait.
term give_up_at_once(socket_record& r, operation& op) {
    if (!op.peeks_at_zero()) {
        note_selected(r, op.side());
        op.on_wait(r);
    }
    return give_up(r, op);
}

std::int64_t ms_left(clock::time_point deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now());
    return std::max<std::int64_t>(0, left.count());
}

}  // namespace

// ---- the runner ------------------------------------------------------------------

term run(socket_record& r, const timeout_arg& t, operation& op) {
    process& me = self_process_ref();
    const side_kind k = op.side();
    term handle;
    if (t.k == timeout_arg::kind::handle) handle = t.handle;
    const auto deadline = t.k == timeout_arg::kind::millis ? process_internal::deadline_after(t.ms)
                                                           : clock::time_point{};
    const bool poll_only = t.polls_once();
    // A blocking caller at the head of its side waits in poll() on the fd
    // itself (one wake-up, as a blocking system call) until poll() reports
    // readiness that the next attempt does not find (a UDP socket shut
    // down for reading stays readable with nothing to read): from then on
    // it waits, as the others, for a select message from its process's
    // edge-triggered poller, which reports such a state once.
    bool first_try = true;
    bool direct = false;
    bool direct_woke = false;
    bool level_lies = false;
    int poll_fd = -1;
    for (;;) {
        {
            std::lock_guard lk(r.mu);
            if (r.closed) {
                // A blocking caller woken by its select may find the socket
                // closed since: the abort sent to it then is not for the user.
                if (!t.is_async() && !handle.is_nil()) drop_handle_messages(me, r.sock, handle);
                return results::failed(atoms::closed, op.rest(ending::closed));
            }
            side& s = r.side_of(k);
            if (first_try) {
                first_try = false;
                if (auto refused = op.refuse(r, me)) return std::move(*refused);
            }
            const bool predicted = op.predictable() && !t.is_async() && !poll_only && !direct &&
                                   s.predict_wait && !s.has_current;
            // Only an attempt that saw EAGAIN now lets an edge-triggered
            // registration stand as it is; after none, or after a short
            // one (step::short_of), the poller looks at the fd anew.
            bool saw_eagain = false;
            if (predicted) {
                // Wait first; the attempt follows readiness.
            } else if (may_try(r, k, &me)) {
                const step attempted = op.attempt(r);
                report_wraps(r);
                saw_eagain = attempted == step::again;
                if (attempted == step::done) {
                    if (!t.is_async() && !poll_only) s.predict_wait = direct;
                    if (current_in(s, &me)) complete_current(r, k);
                    return std::move(op.result);
                }
                if (poll_only) return give_up_at_once(r, op);
                if (direct_woke) level_lies = true;
            } else if (is_queued(r, k, me)) {
                // OTP 25 refuses a second call from a process that already
                // waits in the queue (a current caller replaces its own).
                results::raise(results::invalid(atom("state")));
            } else if (poll_only) {
                return give_up_at_once(r, op);
            }
            direct_woke = false;
            if (!handle.is_nil() && t.k == timeout_arg::kind::millis && clock::now() >= deadline) {
                // Out of time after an attempt that found nothing more.
                (void)cancel(r, k, me, handle, false);
                drop_handle_messages(me, r.sock, handle);
                return give_up(r, op);
            }
            if (t.k == timeout_arg::kind::millis && t.ms > max_receive_timeout_ms) {
                // What socket.erl's receive ... after raises for a timeout
                // past Erlang's range, once the call has to wait.
                results::raise(atom("timeout_value"));
            }
            if (handle.is_nil()) handle = make_ref();
            direct = !t.is_async() && !level_lies && may_try(r, k, &me);
            if (!direct) {
                if (const int e = process_internal::poller_of(me).open(); e != 0) {
                    return results::failed(posix_error_atom(e), op.rest(ending::closed));
                }
            }
            wait_in(r, k, waiter{me.shared_from_this(), handle}, !direct, saw_eagain);
            if (!predicted) op.on_wait(r);
            if (t.is_async()) {
                op.on_select(r, handle);
                term si = results::select_info(op.tag(), handle);
                return results::selected(std::move(si), op.rest(ending::select));
            }
            poll_fd = r.fd;
        }
        // Blocking forms: wait for this handle's select or abort message.
        const std::int64_t remaining =
            t.k == timeout_arg::kind::millis ? ms_left(deadline) : infinity_ms;
        const term& sock = r.sock;
        auto mine = [&](const term& m) { return results::is_handle_message(m, sock, handle); };
        std::optional<term> msg;
        if (direct) {
            const auto woke =
                process_internal::wait_on_fd(me, poll_fd, direction_of(k), remaining, mine);
            if (woke == process_internal::woken::fd_ready) {
                direct_woke = true;
                continue;
            }
            msg = me.receive(mine, 0);
            if (msg && !results::is_abort(*msg)) continue;
        } else {
            msg = me.receive(mine, remaining);
        }
        if (!msg) {
            std::lock_guard lk(r.mu);
            if (!cancel(r, k, me, handle, false)) {
                // Removed already (closed or aborted): drop what was sent.
                drop_handle_messages(me, sock, handle);
                if (r.closed) return results::failed(atoms::closed, op.rest(ending::closed));
            }
            return give_up(r, op);
        }
        if (results::is_abort(*msg)) {
            std::lock_guard lk(r.mu);
            return results::failed(results::abort_reason(*msg), op.rest(ending::closed));
        }
    }
}

// ---- records -----------------------------------------------------------------------

socket_record* create_socket(new_socket s, int* err, std::unique_lock<std::mutex>& lk) {
    auto fail = [&](int e) -> socket_record* {
        *err = e;
        if (!s.shared_fd) sys::close_fd(s.fd);
        return nullptr;
    };
    int poll_fd = s.fd;
    if (s.shared_fd) {
        const sys::result d = sys::duplicate(s.fd);
        if (!d.ok()) return fail(d.error);
        poll_fd = static_cast<int>(d.value);
    }
    socket_record* r = table::claim(lk);
    if (r == nullptr) {
        if (s.shared_fd) sys::close_fd(poll_fd);
        return fail(EMFILE);
    }
    r->fd = s.fd;
    r->poll_fd = poll_fd;
    r->owns_fd = !s.shared_fd;
    r->domain = s.domain;
    r->type = s.type;
    r->protocol = s.protocol;
    r->stream = s.stream;
    r->domain_t = std::move(s.domain_t);
    r->type_t = std::move(s.type_t);
    r->protocol_t = std::move(s.protocol_t);
    r->ctype = std::move(s.ctype);
    r->use_registry = s.use_registry;
    r->debug = s.debug;
    r->owner = std::move(s.owner);
    watch_exit(*r->owner, *r);
    if (r->use_registry) registry::enter(*r);
    registry::count_open(*r);
    return r;
}

void watch_exit(process& p, const socket_record& r) {
    process_internal::add_exit_key(p, r.id, exits());
}

// Close releases only the keys of those that have a part in the socket
// then, so a process that left it earlier (an owner that handed it over, a
// waiter that gave up, a cancelled monitor) releases its key as it leaves,
// or a long-lived one would collect the keys of closed sockets.
void release_exit_key(const socket_record& r, process& p) {
    if (!involved(r, &p)) process_internal::remove_exit_key(p, r.id);
}

void register_socket(socket_record& r) {
    r.use_registry = true;
    registry::enter(r);
}

// ---- the state machine's events --------------------------------------------------

bool cancel(socket_record& r, side_kind k, const process& p, const term& handle, bool any_handle) {
    side& s = r.side_of(k);
    term removed;
    bool found = false;
    if (s.has_current && s.current.proc.get() == &p && (any_handle || s.current.handle == handle)) {
        removed = s.current.handle;
        found = true;
        complete_current(r, k);
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
    drop_handle_messages(const_cast<process&>(p), r.sock, removed);  // NOLINT
    release_exit_key(r, const_cast<process&>(p));                    // NOLINT
    return true;
}

void abort_queued_readers(socket_record& r, const term& reason) {
    side& s = r.readers;
    std::vector<waiter> aborted;
    aborted.swap(s.queue);
    for (auto& w : aborted) {
        w.proc->deliver(results::abort_message(r.sock, w.handle, reason));
        release_exit_key(r, *w.proc);
    }
}

void close(socket_record& r) {
    if (r.closed) return;
    r.closed = true;
    registry::close_monitors(r);
    registry::leave(r);
    registry::count_close(r);
    // The files of sendfile transfers in progress or queued.
    end_transfer(r);
    for (const auto& q : r.sendfile_queued) {
        sys::close_fd(q.second);
    }
    r.sendfile_queued.clear();
    // Nothing of this socket concerns its waiters any more; their exit keys
    // go too, so that long-lived processes do not collect closed sockets'.
    for (auto k : all_sides) {
        side& s = r.side_of(k);
        if (s.has_current) {
            if (!s.notified) {
                s.current.proc->deliver(
                    results::abort_message(r.sock, s.current.handle, atoms::closed));
            }
            process_internal::remove_exit_key(*s.current.proc, r.id);
        }
        for (auto& w : s.queue) {
            w.proc->deliver(results::abort_message(r.sock, w.handle, atoms::closed));
            process_internal::remove_exit_key(*w.proc, r.id);
        }
        s.queue.clear();
        s.has_current = false;
        s.armed = false;
        s.notified = false;
        s.current = waiter{};
    }
    for (auto& reg : r.registrations) {
        (void)poller_of(reg.proc).remove(r.poll_fd);
        process_internal::remove_exit_key(*reg.proc, r.id);
    }
    r.registrations.clear();
    // The attachment stays: its layer still answers for the closed socket.
    r.watcher.reset();
    r.watch_armed = false;
    if (r.poll_fd >= 0) {
        if (r.poll_fd != r.fd) sys::close_fd(r.poll_fd);
        r.poll_fd = -1;
    }
    if (r.fd >= 0) {
        if (r.owns_fd) sys::close_fd(r.fd);
        r.fd = -1;
    }
    r.connecting = false;
    if (r.owner) {
        process_internal::remove_exit_key(*r.owner, r.id);
        r.owner.reset();
    }
    table::retire(r);
}

void change_owner(socket_record& r, process_ptr next) {
    if (!next) {
        // The new owner is already gone: as when an owner dies.
        close(r);
        return;
    }
    // The old owner keeps its exit key only while it still waits on the
    // socket, watches or monitors it: its end must then undo that (close
    // releases the key at the latest).
    registry::owner_changes(r, *next);
    process_ptr previous = std::exchange(r.owner, std::move(next));
    watch_exit(*r.owner, r);
    if (previous && previous != r.owner) release_exit_key(r, *previous);
    // It may have ended between the lookup and the key registration.
    if (!r.owner->alive()) close(r);
}

// ---- watches (watch.hpp) -----------------------------------------------------------

bool attach(const term& s, std::shared_ptr<attachment> a) {
    socket_record* r = find(s);
    if (r == nullptr) return false;
    std::lock_guard lk(r->mu);
    r->attached = std::move(a);
    return true;
}

std::shared_ptr<attachment> attached(const term& s) {
    socket_record* r = find(s);
    if (r == nullptr) return nullptr;
    std::lock_guard lk(r->mu);
    return r->attached;
}

int watch(const term& s, const process_ptr& p, bool after_eagain) {
    socket_record* r = find(s);
    if (r == nullptr || !p) return EBADF;
    // The poller may be another process's, asleep in a receive without one.
    if (const int e = process_internal::open_poller(*p); e != 0) return e;
    std::lock_guard lk(r->mu);
    if (r->closed) return EBADF;
    if (r->watcher != p) {
        r->watcher = p;
        after_eagain = false;
    }
    r->watch_armed = true;
    register_for(*r, p, sys::ready::in, after_eagain);
    return 0;
}

void unwatch(const term& s, bool forget) {
    socket_record* r = find(s);
    if (r == nullptr) return;
    std::lock_guard lk(r->mu);
    r->watch_armed = false;
    if (!forget || !r->watcher) return;
    const process_ptr old = std::move(r->watcher);
    r->watcher.reset();
    // Its poller stops watching the fd for reading, unless it reads itself.
    auto& regs = r->registrations;
    for (auto it = regs.begin(); it != regs.end(); ++it) {
        if (it->proc != old || waits_in_direction(*r, old.get(), sys::ready::in)) continue;
        it->events &= ~sys::ready::in;
        if (it->events == 0) {
            (void)poller_of(it->proc).remove(r->poll_fd);
            regs.erase(it);
        } else {
            (void)poller_of(it->proc).modify(r->poll_fd, it->events, r->id);
        }
        return;
    }
}

void note_bound(socket_record& r) noexcept {
    r.bound = true;
}
void note_listening(socket_record& r) noexcept {
    r.listening = true;
}
void note_connect_started(socket_record& r) noexcept {
    r.connecting = true;
}
void note_connected(socket_record& r) noexcept {
    r.connecting = false;
    r.connected = true;
}
void note_connect_ended(socket_record& r) noexcept {
    r.connecting = false;
}

std::optional<term> finish_connect(socket_record& r, const process& caller) {
    const std::optional<int> outcome = sys::connect_outcome(r.fd);
    if (!outcome) return std::nullopt;
    term result;
    if (*outcome == 0) {
        note_connected(r);
        result = atoms::ok;
    } else {
        note_connect_ended(r);
        result = results::posix_error(*outcome);
    }
    if (current_in(r.connector, &caller)) complete_current(r, side_kind::connector);
    return result;
}

bool owns_pending_transfer(const socket_record& r, const process& caller) noexcept {
    return r.sendfile_fd >= 0 && current_in(r.writers, &caller);
}

bool is_current(const socket_record& r, side_kind k, const process& caller) noexcept {
    return current_in(r.side_of(k), &caller);
}

int take_queued_transfer(socket_record& r, const term& h) {
    auto& q = r.sendfile_queued;
    for (auto it = q.begin(); it != q.end(); ++it) {
        if (it->first == h) {
            const int fd = it->second;
            q.erase(it);
            return fd;
        }
    }
    return -1;
}

void keep_queued_transfer(socket_record& r, const term& h, int fd) {
    r.sendfile_queued.emplace_back(h, fd);
}

void start_transfer(socket_record& r, int fd) {
    end_transfer(r);
    r.sendfile_fd = fd;
}

void end_transfer(socket_record& r) noexcept {
    if (r.sendfile_fd >= 0) {
        sys::close_fd(r.sendfile_fd);
        r.sendfile_fd = -1;
    }
}

}  // namespace esock::socket::core
