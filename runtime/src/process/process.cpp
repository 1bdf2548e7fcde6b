// SPDX-License-Identifier: Apache-2.0
// Processes: mailboxes, selective receive, spawn, monitors, and the end of
// a process (its exit keys' watcher closes the sockets it owns). A process
// whose poller is open sleeps in it when it receives, so that readiness and
// messages both wake it (reactor/poller.hpp).

#include <esock/process.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "process/internal.hpp"
#include "reactor/poller.hpp"
#include "sys/poll.hpp"

namespace esock {

struct process::state {
    mutable std::mutex mu;
    std::condition_variable cv;
    std::deque<term> mailbox;
    // A receive is sleeping on cv: only then does deliver() pay for a notify.
    bool waiting = false;
    // Messages delivered so far: lets receive spin briefly without the lock.
    std::atomic<std::uint64_t> arrivals{0};
    // The owner sleeps in poll() or in its poller on the poller's wake fd:
    // deliver() must signal it. Atomic so that a wait on one descriptor
    // announces itself without the lock: it sets this, then compares
    // `arrivals` with what it scanned; deliver() counts the arrival, then
    // reads this (both sequentially consistent), so one of them sees the
    // other.
    std::atomic<bool> polling{false};
    // Created on first use; its descriptors live as long as the process
    // object.
    reactor::poller poller;
    // Receives that found their message without asking the poller: every
    // reap_every-th asks anyway, so that a busy mailbox does not starve the
    // sockets.
    unsigned looks_since_reap = 0;
    // set_busy_poll's budget in microseconds (0: off), and how long a spin
    // may last now: the budget, less after spins that ran out (busy_spin).
    // Only the owning thread reads or writes them.
    std::uint32_t busy_poll_us = 0;
    std::uint32_t spin_us = 0;
    std::atomic<bool> alive{true};
    std::unordered_set<std::uint64_t> exit_keys;
    process_internal::exit_watcher* exit_watcher = nullptr;
    // (monitor reference, watching process)
    std::vector<std::pair<term, process_ptr>> monitors;

    state() = default;
    state(const state&) = delete;
    state& operator=(const state&) = delete;
    ~state() = default;
};

namespace {

constexpr unsigned reap_every = 32;
std::atomic<std::uint64_t> g_next_pid{1};
std::atomic<std::size_t> g_spawned{0};

// Pid and monitor tables. Allocated once and never destroyed, because
// thread-local process holders end processes during program exit, after
// ordinary statics may have been destroyed.
struct registry {
    std::mutex mu;
    std::unordered_map<std::uint64_t, std::weak_ptr<process>> by_pid;
    // monitor reference number -> the monitored process
    std::unordered_map<std::uint64_t, std::weak_ptr<process>> monitors;
};

registry& reg() {
    static registry* r = new registry();  // NOLINT(cppcoreguidelines-owning-memory): immortal
    return *r;
}

atom normal_atom() {
    static const atom a("normal");
    return a;
}
atom noproc_atom() {
    static const atom a("noproc");
    return a;
}
atom process_atom() {
    static const atom a("process");
    return a;
}
atom exception_atom() {
    static const atom a("exception");
    return a;
}

// The calling thread's process; ending it when the thread ends is what makes
// an owner's death close its sockets.
struct thread_holder {
    process_ptr proc;
    term exit_reason = term(normal_atom());
    ~thread_holder();
};

// initial-exec: every call asks for the calling process, and the default
// model for a shared library makes each look a call into the dynamic
// loader. libesock's few bytes fit the static TLS surplus glibc keeps for
// libraries loaded later as well.
thread_local thread_holder t_self __attribute__((tls_model("initial-exec")));
// t_self's process, or null: what every call reads. A constant-initialised
// pointer needs no initialisation check (t_self's destructor makes any
// access to t_self go through one), so the read is one load.
constinit thread_local process* t_current __attribute__((tls_model("initial-exec"))) = nullptr;

}  // namespace

// Out of the anonymous namespace so that it can call the private end().
struct process_access {
    static void end(process& p, const term& reason) { p.end(reason); }
    static process_ptr create(term pid);
    static process::state& state_of(process& p) noexcept { return *p.state_; }
};

namespace {
thread_holder::~thread_holder() {
    if (proc) {
        process_ptr p = std::move(proc);
        t_current = nullptr;
        process_access::end(*p, exit_reason);
    }
}
}  // namespace

process::process(term pid) : pid_(std::move(pid)), state_(std::make_unique<state>()) {}

process::~process() = default;

bool process::alive() const noexcept {
    return state_->alive.load(std::memory_order_acquire);
}

void process::deliver(term msg) {
    std::lock_guard lk(state_->mu);
    if (!state_->alive.load(std::memory_order_relaxed)) return;
    state_->mailbox.push_back(std::move(msg));
    state_->arrivals.fetch_add(1, std::memory_order_seq_cst);
    if (state_->waiting) state_->cv.notify_one();
    if (state_->polling.load(std::memory_order_seq_cst)) state_->poller.wake();
}

namespace {
// How long a receive spins for a message before it sleeps. A reply that
// comes within it costs no futex wake-up; Erlang's schedulers do the same
// (busy-wait before sleeping).
constexpr auto spin_time = std::chrono::microseconds(5);
}  // namespace

// Spins (unlocked) until a message arrives or spin_time passes; true when one
// arrived. Called and returns with `lk` held.
bool spin_before_sleep(process::state& st, std::unique_lock<std::mutex>& lk) {
    if (std::thread::hardware_concurrency() < 2) return false;
    const std::uint64_t seen = st.arrivals.load(std::memory_order_acquire);
    lk.unlock();
    const auto until = std::chrono::steady_clock::now() + spin_time;
    bool arrived = false;
    for (unsigned i = 1;; ++i) {  // NOLINT(bugprone-infinite-loop): other threads change arrivals
        if (st.arrivals.load(std::memory_order_acquire) != seen) {
            arrived = true;
            break;
        }
        if ((i & 63u) == 0 && std::chrono::steady_clock::now() >= until) break;
#if defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause();
#endif
    }
    lk.lock();
    // Also a message that came after the last look: nothing would wake us.
    return arrived || st.arrivals.load(std::memory_order_acquire) != seen;
}

namespace {
// Waits up to timeout_ms (-1: forever) in the poller, which hands each
// socket event to its sink (the socket layer, which delivers select
// messages into this mailbox). Only the owning thread calls it, without the
// mailbox lock.
void reap_ready(process::state& st, int timeout_ms) {
    (void)st.poller.dispatch(timeout_ms);
    if (timeout_ms != 0) {
        // Awake again: what the sink delivers to this very process must not
        // signal the wake fd (a write, and a spurious wake-up later).
        st.polling.store(false, std::memory_order_relaxed);
    }
}
}  // namespace

std::optional<term> process::receive_impl(match_fn match, void* ctx, std::int64_t timeout_ms) {
    auto& st = *state_;
    if (st.poller.is_open() && ++st.looks_since_reap >= reap_every) {
        st.looks_since_reap = 0;
        reap_ready(st, 0);
    }
    std::unique_lock lk(st.mu);
    const auto deadline = process_internal::deadline_after(timeout_ms);
    std::size_t scanned = 0;
    bool reaped = false;  // the poller has been asked at least once
    for (;;) {
        for (std::size_t i = scanned; i < st.mailbox.size(); ++i) {
            if (match(st.mailbox[i], ctx)) {
                term found = std::move(st.mailbox[i]);
                st.mailbox.erase(st.mailbox.begin() + static_cast<std::ptrdiff_t>(i));
                return found;
            }
        }
        scanned = st.mailbox.size();
        // Asked each time: another thread may open the poller meanwhile
        // (open_poller), registering readiness this process must hear of.
        if (st.poller.is_open()) {
            // Sleep in the poller: socket readiness and delivered messages
            // (through its wake fd) both end the wait.
            int wait_ms = -1;
            if (timeout_ms >= 0) {
                const auto left = deadline - std::chrono::steady_clock::now();
                if (timeout_ms == 0 || left <= std::chrono::steady_clock::duration::zero()) {
                    if (reaped) return std::nullopt;
                    wait_ms = 0;
                } else {
                    wait_ms = process_internal::poll_timeout_until(deadline);
                }
            }
            st.polling.store(wait_ms != 0, std::memory_order_relaxed);  // reap_ready clears it
            lk.unlock();
            reap_ready(st, wait_ms);
            lk.lock();
            st.looks_since_reap = 0;
            reaped = true;
            continue;
        }
        if (timeout_ms == 0) return std::nullopt;
        if (spin_before_sleep(st, lk)) continue;
        // Opened during the spin: open_poller found no sleeper to wake.
        if (st.poller.is_open()) continue;
        st.waiting = true;
        if (timeout_ms < 0) {
            st.cv.wait(lk);
        } else if (st.cv.wait_until(lk, deadline) == std::cv_status::timeout &&
                   st.mailbox.size() == scanned) {
            st.waiting = false;
            return std::nullopt;
        }
        st.waiting = false;
    }
}

std::size_t process::drop_impl(match_fn match, void* ctx) {
    std::lock_guard lk(state_->mu);
    auto& mb = state_->mailbox;
    std::size_t before = mb.size();
    std::deque<term> kept;
    for (auto& m : mb) {
        if (!match(m, ctx)) kept.push_back(std::move(m));
    }
    mb.swap(kept);
    return before - mb.size();
}

std::size_t process::message_count() const {
    if (t_current == this && state_->poller.is_open()) {
        // Readiness counts as delivered once the process looks; reaping
        // changes the mailbox, not the process's identity.
        reap_ready(*state_, 0);
    }
    std::lock_guard lk(state_->mu);
    return state_->mailbox.size();
}

void process::end(const term& reason) {
    auto& st = *state_;
    std::vector<std::uint64_t> keys;
    std::vector<std::pair<term, process_ptr>> monitors;
    process_internal::exit_watcher* watcher = nullptr;
    {
        std::lock_guard lk(st.mu);
        if (!st.alive.exchange(false)) return;
        keys.assign(st.exit_keys.begin(), st.exit_keys.end());
        st.exit_keys.clear();
        watcher = st.exit_watcher;
        monitors.swap(st.monitors);
        st.mailbox.clear();
    }
    if (watcher != nullptr && !keys.empty()) watcher->process_ended(*this, keys);
    {
        auto& r = reg();
        std::lock_guard lk(r.mu);
        r.by_pid.erase(pid_.pid_number());
        for (auto& [ref, watcher] : monitors)
            r.monitors.erase(ref.ref_number());
    }
    for (auto& [ref, watcher] : monitors) {
        watcher->deliver(tuple(atoms::down, ref, process_atom(), pid_, reason));
    }
}

process_ptr process_access::create(term pid) {
    return process_ptr(new process(std::move(pid)));  // NOLINT: private constructor
}

process_ptr self_process() {
    return self_process_ref().shared_from_this();
}

process& self_process_ref() {
    if (t_current != nullptr) [[likely]]
        return *t_current;
    if (!t_self.proc) {
        auto p = process_access::create(make_pid_term(g_next_pid.fetch_add(1)));
        {
            auto& r = reg();
            std::lock_guard lk(r.mu);
            r.by_pid.emplace(p->pid().pid_number(), p);
        }
        t_self.proc = std::move(p);
    }
    t_current = t_self.proc.get();
    return *t_current;
}

term self() {
    return self_process_ref().pid();
}

process_ptr find_process(const term& pid) {
    if (!pid.is_pid()) return nullptr;
    auto& r = reg();
    std::lock_guard lk(r.mu);
    auto it = r.by_pid.find(pid.pid_number());
    if (it == r.by_pid.end()) return nullptr;
    auto p = it->second.lock();
    if (p && !p->alive()) return nullptr;
    return p;
}

term unique_pid() {
    return make_pid_term(g_next_pid.fetch_add(1));
}

bool send(const term& pid, term msg) {
    if (!pid.is_pid()) return false;
    if (auto p = find_process(pid)) p->deliver(std::move(msg));
    return true;
}

std::optional<term> receive_any(std::int64_t timeout_ms) {
    return self_process_ref().receive([](const term&) { return true; }, timeout_ms);
}

std::vector<term> flush() {
    std::vector<term> out;
    process& p = self_process_ref();
    while (auto m = p.receive([](const term&) { return true; }, 0))
        out.push_back(std::move(*m));
    return out;
}

term spawn(std::function<void()> fn) {
    auto p = process_access::create(make_pid_term(g_next_pid.fetch_add(1)));
    {
        auto& r = reg();
        std::lock_guard lk(r.mu);
        r.by_pid.emplace(p->pid().pid_number(), p);
    }
    term pid = p->pid();
    g_spawned.fetch_add(1);
    std::thread([p = std::move(p), fn = std::move(fn)]() mutable {
        t_self.proc = p;
        t_current = p.get();
        term reason = normal_atom();
        try {
            fn();
        } catch (const std::exception& e) {
            reason = tuple(exception_atom(), string(e.what()));
        } catch (...) {
            reason = tuple(exception_atom(), atoms::undefined);
        }
        // End here rather than in the thread-local destructor so that the
        // 'DOWN' message is the last thing the thread does with esock.
        t_self.proc.reset();
        t_current = nullptr;
        fn = nullptr;
        process_access::end(*p, reason);
        p.reset();
        g_spawned.fetch_sub(1);
    }).detach();
    return pid;
}

term monitor_process(const term& pid) {
    term ref = make_ref();
    auto me = self_process();
    auto target = find_process(pid);
    if (target) {
        std::lock_guard lk(target->state_->mu);
        if (target->state_->alive.load()) {
            target->state_->monitors.emplace_back(ref, me);
            auto& r = reg();
            std::lock_guard rl(r.mu);
            r.monitors.emplace(ref.ref_number(), target);
            return ref;
        }
    }
    me->deliver(tuple(atoms::down, ref, process_atom(), pid, noproc_atom()));
    return ref;
}

bool demonitor_process(const term& ref) {
    if (!ref.is_reference()) return false;
    process_ptr target;
    {
        auto& r = reg();
        std::lock_guard lk(r.mu);
        auto it = r.monitors.find(ref.ref_number());
        if (it == r.monitors.end()) return false;
        target = it->second.lock();
        r.monitors.erase(it);
    }
    if (!target) return false;
    std::lock_guard lk(target->state_->mu);
    auto& mons = target->state_->monitors;
    for (std::size_t i = 0; i < mons.size(); ++i) {
        if (mons[i].first == ref) {
            mons.erase(mons.begin() + static_cast<std::ptrdiff_t>(i));
            return true;
        }
    }
    return false;
}

void set_busy_poll(std::chrono::microseconds budget) {
    const auto us = std::clamp<std::chrono::microseconds::rep>(budget.count(), 0, UINT32_MAX);
    auto& st = process_access::state_of(self_process_ref());
    st.busy_poll_us = static_cast<std::uint32_t>(us);
    st.spin_us = st.busy_poll_us;
}

std::chrono::microseconds busy_poll() {
    return std::chrono::microseconds(process_access::state_of(self_process_ref()).busy_poll_us);
}

std::size_t running_spawned() noexcept {
    return g_spawned.load();
}

// ---- process_internal ----------------------------------------------------------

namespace process_internal {

namespace {
// How long a wait on one descriptor sleeps at most between looks at the
// mailbox when the process has no wake fd: the delay a close or a message
// then takes to reach a blocked call.
constexpr int no_wake_fd_slice_ms = 10;
}  // namespace

reactor::poller& poller_of(process& p) noexcept {
    return process_access::state_of(p).poller;
}

void add_exit_key(process& p, std::uint64_t key, exit_watcher& watcher) {
    auto& st = process_access::state_of(p);
    std::lock_guard lk(st.mu);
    st.exit_keys.insert(key);
    st.exit_watcher = &watcher;
}

int open_poller(process& p) noexcept {
    auto& st = process_access::state_of(p);
    if (st.poller.is_open()) return 0;
    if (const int e = st.poller.open(); e != 0) return e;
    // A receive asleep without a poller looks again, and moves into it.
    std::lock_guard lk(st.mu);
    if (st.waiting) st.cv.notify_one();
    return 0;
}

void remove_exit_key(process& p, std::uint64_t key) {
    auto& st = process_access::state_of(p);
    std::lock_guard lk(st.mu);
    st.exit_keys.erase(key);
}

std::size_t exit_key_count(process& p) {
    auto& st = process_access::state_of(p);
    std::lock_guard lk(st.mu);
    return st.exit_keys.size();
}

namespace {

// set_busy_poll's spin: looks at `fd` with non-blocking poll(2) calls until
// it is ready for `events` (true), a message arrives after `seen` (the
// arrival count the caller's mailbox scan saw) or the spin's time or
// `deadline` (when `timed`) passes (false). Each look also yields the
// processor: on a machine with no core to spare the peer that is to answer
// may be waiting for this one. A spin that runs out halves the next one,
// down to a sixteenth of the budget, and one that finds the descriptor
// ready restores the budget: where answers do not come within the budget
// (a loaded machine), spinning costs little.
bool spin_on_fd(process::state& st, int fd, std::uint32_t events, std::uint64_t seen, bool timed,
                std::chrono::steady_clock::time_point deadline) {
    auto until = std::chrono::steady_clock::now() + std::chrono::microseconds(st.spin_us);
    const bool cut = timed && deadline < until;
    if (cut) until = deadline;
    for (;;) {
        if (sys::poll2(fd, events, -1, 0).fd_ready) {
            st.spin_us = st.busy_poll_us;
            return true;
        }
        if (st.arrivals.load(std::memory_order_acquire) != seen) return false;
        if (std::chrono::steady_clock::now() >= until) {
            if (!cut) st.spin_us = std::max(st.spin_us / 2, std::max(st.busy_poll_us / 16, 1u));
            return false;
        }
        std::this_thread::yield();
    }
}

}  // namespace

woken detail::wait_on_fd(process& p, int fd, std::uint32_t events, std::int64_t timeout_ms,
                         match_fn match, void* ctx) {
    auto& st = process_access::state_of(p);
    // No clock read for a wait without a deadline (infinity, the usual one).
    const auto deadline =
        timeout_ms > 0 ? deadline_after(timeout_ms) : std::chrono::steady_clock::time_point{};
    // Busy polling spins once per wait, before its first sleep.
    bool spun = st.busy_poll_us == 0 || timeout_ms == 0;
    for (;;) {
        // Without a wake fd (none could be made: descriptors ran out) no
        // message can interrupt poll(2), so the wait is cut into slices
        // after each of which the mailbox is looked at again, and another
        // wake fd is asked for.
        const int wake = st.poller.wake_fd();
        std::uint64_t scanned = 0;
        {
            std::lock_guard lk(st.mu);
            for (const auto& m : st.mailbox) {
                if (match(m, ctx)) return woken::message;
            }
            scanned = st.arrivals.load(std::memory_order_relaxed);
        }
        if (!spun) {
            spun = true;
            if (spin_on_fd(st, fd, events, scanned, timeout_ms >= 0, deadline)) {
                return woken::fd_ready;
            }
            continue;  // a message, or the budget is spent: look and sleep
        }
        // Announced after the scan, without the lock: a message delivered
        // since the scan is either counted here or signals the wake fd.
        st.polling.store(true, std::memory_order_seq_cst);
        if (st.arrivals.load(std::memory_order_seq_cst) != scanned) {
            st.polling.store(false, std::memory_order_relaxed);
            continue;
        }
        int wait = timeout_ms >= 0 ? poll_timeout_until(deadline) : -1;
        if (wake < 0 && (wait < 0 || wait > no_wake_fd_slice_ms)) wait = no_wake_fd_slice_ms;
        const sys::poll2_result r = sys::poll2(fd, events, wake, wait);
        st.polling.store(false, std::memory_order_relaxed);
        // A signal that comes after this drain (its deliverer saw polling
        // still set) only makes a later wait look at the mailbox once more.
        if (r.wake_ready) st.poller.drain_wake();
        if (r.fd_ready) return woken::fd_ready;
        if (r.error == 0 && !r.wake_ready && timeout_ms >= 0 &&
            (timeout_ms == 0 || std::chrono::steady_clock::now() >= deadline)) {
            return woken::timeout;
        }
        // A message arrived (it may be unrelated), EINTR, or an early wake:
        // look again.
    }
}

}  // namespace process_internal

}  // namespace esock
