// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_PROCESS_HPP
#define ESOCK_PROCESS_HPP

/// Processes: an identity (a pid term) with a mailbox, as in Erlang.
///
/// Every thread that calls esock gets a process the first time it needs one
/// (self(), or any socket call); the process ends when the thread ends.
/// spawn() starts a thread with a new process. Messages are ordinary terms;
/// receive() is Erlang's selective receive with a timeout. When a process
/// ends, the sockets it owns are closed exactly as when an Erlang owner dies,
/// and monitors of it get {'DOWN', Ref, process, Pid, Reason}.
///
/// All functions are thread-safe.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>
#include <vector>

#include <esock/export.hpp>
#include <esock/term.hpp>

namespace esock {

/// A timeout in milliseconds; `infinity_ms` waits forever.
inline constexpr std::int64_t infinity_ms = -1;

class process;

/// Shared ownership of a process object; it outlives the process's thread as
/// long as someone holds it (delivering to an ended process drops the
/// message, as in Erlang).
using process_ptr = std::shared_ptr<process>;

/// One process. Created only through self_process() and spawn().
class ESOCK_API process : public std::enable_shared_from_this<process> {
  public:
    process(const process&) = delete;
    process& operator=(const process&) = delete;
    ~process();

    /// The pid term (<0.N.0>). Never changes.
    [[nodiscard]] const term& pid() const noexcept { return pid_; }
    /// False once the process has ended.
    [[nodiscard]] bool alive() const noexcept;

    /// Appends `msg` to the mailbox and wakes a waiting receive. Dropped when
    /// the process has ended.
    void deliver(term msg);

    /// Removes and returns the first message for which `match` returns true,
    /// waiting up to `timeout_ms` (0 only looks, infinity_ms waits forever).
    /// Only the owning thread may call it. `match` runs under the mailbox
    /// lock: it must not call back into esock. Select messages for readiness
    /// that arrived meanwhile are in the mailbox before it looks.
    template <class F>
    [[nodiscard]] std::optional<term> receive(F&& match, std::int64_t timeout_ms) {
        using fn = std::remove_reference_t<F>;
        return receive_impl(
            [](const term& t, void* ctx) { return static_cast<bool>((*static_cast<fn*>(ctx))(t)); },
            const_cast<void*>(static_cast<const void*>(&match)), timeout_ms);
    }

    /// Removes every message for which `match` returns true; returns how many.
    template <class F>
    std::size_t drop(F&& match) {
        using fn = std::remove_reference_t<F>;
        return drop_impl(
            [](const term& t, void* ctx) { return static_cast<bool>((*static_cast<fn*>(ctx))(t)); },
            const_cast<void*>(static_cast<const void*>(&match)));
    }

    /// Number of messages waiting. Called by the owning thread, it first
    /// collects pending select messages, as receive does.
    [[nodiscard]] std::size_t message_count() const;

    /// The process's private state (defined by the runtime).
    struct state;

  private:
    friend struct process_access;
    friend term monitor_process(const term& pid);
    friend bool demonitor_process(const term& ref);
    explicit process(term pid);
    void end(const term& reason);

    using match_fn = bool (*)(const term&, void*);
    std::optional<term> receive_impl(match_fn match, void* ctx, std::int64_t timeout_ms);
    std::size_t drop_impl(match_fn match, void* ctx);

    term pid_;
    std::unique_ptr<state> state_;
};

/// The calling thread's process, created on first use. Never null.
[[nodiscard]] ESOCK_API process_ptr self_process();
/// The same without taking a reference (no atomic count): valid while the
/// calling thread runs.
[[nodiscard]] ESOCK_API process& self_process_ref();
/// The calling thread's pid.
[[nodiscard]] ESOCK_API term self();
/// The live process with this pid, or nullptr (unknown, ended, not a pid).
[[nodiscard]] ESOCK_API process_ptr find_process(const term& pid);
/// A pid term of the process numbering that no process has or will have: a
/// name for something that is not a process (a gen_tcp socket's, where OTP
/// has a server process). Messages sent to it are dropped, as to an ended
/// process. Thread-safe.
[[nodiscard]] ESOCK_API term unique_pid();
/// Sends `msg` to `pid` (Erlang's `!`): dropped when the process has ended.
/// Returns false when `pid` is not a pid term.
ESOCK_API bool send(const term& pid, term msg);

/// Selective receive in the calling thread's process; see process::receive.
template <class F>
[[nodiscard]] std::optional<term> receive(F&& match, std::int64_t timeout_ms) {
    return self_process()->receive(std::forward<F>(match), timeout_ms);
}
/// Receives any message.
[[nodiscard]] ESOCK_API std::optional<term> receive_any(std::int64_t timeout_ms);
/// Removes and returns every message now in the calling process's mailbox.
ESOCK_API std::vector<term> flush();

/// Runs `fn` on a new thread with a new process and returns its pid. The
/// thread is detached; the process ends when `fn` returns (reason normal) or
/// throws (reason {exception, What}). Use monitor_process to wait for it.
ESOCK_API term spawn(std::function<void()> fn);
/// Monitors the process `pid` from the calling process; returns the monitor
/// reference. {'DOWN', Ref, process, Pid, Reason} arrives when it ends (at
/// once, with reason noproc, if it has already ended).
ESOCK_API term monitor_process(const term& pid);
/// Removes a monitor; false when it was not active.
ESOCK_API bool demonitor_process(const term& ref);

/// Opt-in busy polling for the calling thread's process, as Erlang's
/// schedulers busy-wait before they sleep: from now on a blocking socket
/// call of this process (Timeout infinity or milliseconds) that has to wait
/// for its descriptor first spins for up to `budget`, looking at the
/// descriptor with non-blocking poll(2) calls and at the mailbox (so that a
/// close or an abort still ends the wait at once), yielding the processor
/// between looks, and only then sleeps. A reply that comes within the spin
/// then costs no sleep and wake-up of the thread, at the price of a core
/// kept busy while it spins. A spin that runs out halves the process's next
/// one, down to a sixteenth of `budget`, and one that sees its descriptor
/// ready restores `budget`, so that on a loaded machine, where replies do
/// not come within the budget, the spinning costs little. Results,
/// timeouts and info/1 counters are the same as without it. 0 (the
/// default) turns it off; a negative budget is 0; microseconds, at most
/// about 71 minutes (more is that). Affects only the calling thread's
/// process, which it creates if needed; calls on another thread are not
/// changed.
ESOCK_API void set_busy_poll(std::chrono::microseconds budget);
/// The calling thread's process's busy-poll budget (0: off).
[[nodiscard]] ESOCK_API std::chrono::microseconds busy_poll();

/// How many processes started by spawn() are still running.
[[nodiscard]] ESOCK_API std::size_t running_spawned() noexcept;

}  // namespace esock

#endif  // ESOCK_PROCESS_HPP
