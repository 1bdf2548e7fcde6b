// The fault-injection driver (docs/reliability.md). In a build with
// -Dfault_injection=true the platform layer asks a plan before each system
// call whether it is to fail or come up short (runtime/src/sys/fault.hpp);
// this driver installs a plan drawn from a seed and runs the socket
// scenarios under it: blocking, timed and nowait transfers, cancel, close
// while callers wait, owner exit, accept, sendmsg/recvmsg and sendfile. Each
// run checks that every call returned within its timeout (plus a margin),
// that a stream delivered exactly the bytes its sender's results say went
// (none lost, duplicated or reordered), that every waiter got exactly one
// answer or message, and that no descriptor leaked; the build's sanitizers
// check the rest.
//
// ESOCK_FAULT_SEEDS=N runs seeds 1..N (default 2000, what CI runs);
// ESOCK_FAULT_FIRST=K starts at K; ESOCK_FAULT_SEED=S runs seed S alone, as
// a failing seed's message says.
#define BOOST_TEST_MODULE fault_inject
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "../common/descriptors.hpp"
#include "robust.hpp"
#include "sys/fault.hpp"

using namespace robust;
using esock::atom;
using esock::tuple;
namespace fault = esock::sys::fault;
using clock_type = std::chrono::steady_clock;
using esock_test::open_descriptors;

namespace {

// ---- the plan ------------------------------------------------------------------

std::uint64_t mix64(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// Faults drawn from the seed: the n-th call of each kind gets the same
// decision in every run of the seed, whatever the threads' interleaving.
struct fault_plan {
    std::uint64_t seed = 0;
    unsigned per_mille = 0;  // chance of a fault per call
    std::atomic<bool> active{false};
    std::array<std::atomic<std::uint64_t>, fault::call_count> calls{};
    std::atomic<std::uint64_t> injected{0};

    void start(std::uint64_t s) {
        seed = s;
        static constexpr unsigned rates[] = {20, 100, 250};
        per_mille = rates[mix64(s) % 3];
        for (auto& c : calls)
            c.store(0);
        active.store(true);
    }
};

fault_plan the_plan;

template <std::size_t N>
int one_of(const int (&errors)[N], std::uint64_t pick) {
    return errors[pick % N];
}

fault::decision decide(fault::call c, int /*fd*/, void* ctx) noexcept {
    auto& p = *static_cast<fault_plan*>(ctx);
    if (!p.active.load(std::memory_order_relaxed)) return {};
    const auto i = static_cast<std::size_t>(c);
    const std::uint64_t n = p.calls[i].fetch_add(1, std::memory_order_relaxed);
    const std::uint64_t h = mix64(p.seed * 0x100000001b3ULL ^ (std::uint64_t{i} << 56) ^ n);
    if (h % 1000 >= p.per_mille) return {};
    const std::uint64_t pick = h >> 20;
    fault::decision d;
    using fc = fault::call;
    switch (c) {
        case fc::socket:
        case fc::eventfd:
        case fc::epoll_create:
        case fc::dup:
        case fc::open:
            d.error = one_of({EMFILE, ENFILE}, pick);
            break;
        case fc::accept:
            d.error = one_of({EINTR, EAGAIN, EMFILE, ENFILE}, pick);
            break;
        case fc::connect:
            d.error = EINTR;
            break;
        case fc::recv:
        case fc::recvmsg:
        case fc::sendfile:
            if (pick % 3 == 2) {
                d.limit = 1 + (pick >> 4) % 100;
            } else {
                d.error = one_of({EINTR, EAGAIN}, pick);
            }
            break;
        case fc::send:
        case fc::sendmsg:
            if (pick % 5 == 4) {
                d.limit = 1 + (pick >> 4) % 100;
            } else {
                d.error = one_of({EINTR, EAGAIN, ENOBUFS, ENOMEM}, pick);
            }
            break;
        case fc::poll:
        case fc::epoll_wait:
            if (pick % 2 == 0) {
                d.error = EINTR;
            } else {
                d.ready = true;
            }
            break;
    }
    p.injected.fetch_add(1, std::memory_order_relaxed);
    return d;
}

// Faults for the traffic of a scenario only: setting up and checking run
// without them.
struct faults_on {
    faults_on() { the_plan.active.store(true); }
    ~faults_on() { the_plan.active.store(false); }
    faults_on(const faults_on&) = delete;
    faults_on& operator=(const faults_on&) = delete;
};

// ---- what a run checks ------------------------------------------------------------

// Generous: a call is late only when it hangs or spins, never because two
// busy cores and a sanitizer slowed it.
constexpr std::int64_t margin_ms = 10000;
// The longest any scenario's waits may take in all.
constexpr std::int64_t scenario_ms = 60000;

struct run_state {
    std::uint64_t seed = 0;
    std::mutex mu;
    std::vector<std::string> violations;
    std::atomic<std::uint64_t> calls{0};

    void violate(const std::string& what) {
        const std::lock_guard lk(mu);
        violations.push_back(what);
    }
};

using state_ptr = std::shared_ptr<run_state>;

std::int64_t ms_since(clock_type::time_point t0) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(clock_type::now() - t0).count();
}

// Runs one socket call whose timeout is `timeout_ms` (-1: none it could
// miss, as infinity and nowait) and checks that it came back in time.
template <class F>
term call(run_state& st, const char* what, std::int64_t timeout_ms, F&& f) {
    st.calls.fetch_add(1, std::memory_order_relaxed);
    const auto t0 = clock_type::now();
    term r = f();
    const std::int64_t took = ms_since(t0);
    if (timeout_ms >= 0 && took > timeout_ms + margin_ms) {
        st.violate(std::string(what) + " with timeout " + std::to_string(timeout_ms) + " ms took " +
                   std::to_string(took) + " ms: " + W(r));
    }
    return r;
}

// The bytes of every stream: byte i of the stream of a seed.
std::uint8_t stream_byte(std::uint64_t seed, std::uint64_t i) {
    return static_cast<std::uint8_t>(mix64(seed ^ (i / 8)) >> (8 * (i % 8)));
}
term stream_bytes(std::uint64_t seed, std::uint64_t from, std::size_t n) {
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i)
        s[i] = static_cast<char>(stream_byte(seed, from + i));
    return esock::binary(s);
}

// A stream's receiving end: each byte must be the next one.
struct stream_check {
    std::uint64_t seed = 0;
    std::uint64_t received = 0;
    bool corrupt = false;

    void take(run_state& st, const term& data) {
        for (const std::uint8_t b : data.binary_bytes()) {
            if (!corrupt && b != stream_byte(seed, received)) {
                corrupt = true;
                st.violate("stream byte " + std::to_string(received) +
                           " is wrong: lost, duplicated or reordered data");
            }
            ++received;
        }
    }
};

bool is_ok(const term& r) {
    return r == term(at::ok) || (r.is_tuple(2) && r.element(0)->is_atom(at::ok));
}
bool is_error(const term& r) {
    return r.is_tuple(2) && r.element(0)->is_atom(at::error);
}
// {error, R} or {error, {R, _}}: R.
term error_reason(const term& r) {
    const term& e = *r.element(1);
    return e.is_tuple(2) ? *e.element(0) : e;
}
// The binary of {error, {R, Bin}}, or nothing.
std::optional<term> error_data(const term& r) {
    const term& e = *r.element(1);
    if (e.is_tuple(2) && e.element(1)->is_binary()) return *e.element(1);
    return std::nullopt;
}
bool is_select(const term& r) {
    return r.is_tuple(2) && r.element(0)->is_atom(at::select);
}
// {select, SI} or {select, {SI, Rest}}: SI.
term select_info_of(const term& r) {
    const term& x = *r.element(1);
    return x.is_tuple(2) ? *x.element(0) : x;
}
std::optional<term> select_rest(const term& r) {
    const term& x = *r.element(1);
    if (x.is_tuple(2)) return *x.element(1);
    return std::nullopt;
}
// A call that had to wait but could not get its process a poller (an
// injected EMFILE or ENFILE on epoll_create1) answers with that errno: an
// answer, which the caller may try again.
bool out_of_descriptors(const term& r) {
    if (!is_error(r)) return false;
    const term reason = error_reason(r);
    return reason.is_atom(atom("emfile")) || reason.is_atom(atom("enfile"));
}
bool fatal_on_stream(const term& reason) {
    return reason.is_atom(atom("closed")) || reason.is_atom(atom("econnreset")) ||
           reason.is_atom(atom("epipe"));
}

// The one select or abort message for `handle` on `sock`, within `ms`.
std::optional<term> socket_message(const term& sock, const term& handle, std::int64_t ms) {
    return esock::receive(
        [&](const term& m) {
            if (!m.is_tuple(4) || !m.element(0)->is_atom(at::dollar_socket) ||
                !(*m.element(1) == sock)) {
                return false;
            }
            if (m.element(2)->is_atom(at::select)) return *m.element(3) == handle;
            return m.element(2)->is_atom(atom("abort")) && m.element(3)->is_tuple(2) &&
                   *m.element(3)->element(0) == handle;
        },
        ms);
}

// No '$socket' message may be left once a process is done: each handle
// had exactly one, taken when it was due.
void no_stray_messages(run_state& st, const char* who) {
    for (const term& m : esock::flush()) {
        if (m.is_tuple(4) && m.element(0)->is_atom(at::dollar_socket)) {
            st.violate(std::string(who) + " got a second or unasked-for message: " + W(m));
        }
    }
}

// ---- worker processes ---------------------------------------------------------------

// Runs `body` in a spawned process; done() waits (bounded) for it to end.
class worker {
  public:
    worker(state_ptr st, std::function<void()> body) : st_(std::move(st)) {
        const term me = esock::self();
        pid_ = esock::spawn([me, body = std::move(body)] {
            body();
            esock::send(me, tuple(atom("worker_done"), esock::self()));
        });
        ref_ = esock::monitor_process(pid_);
    }
    worker(const worker&) = delete;
    worker& operator=(const worker&) = delete;
    ~worker() { (void)done(); }

    // True when it ended within `ms`; a violation otherwise.
    bool done(std::int64_t ms = scenario_ms) {
        if (finished_) return true;
        const auto down = esock::receive(
            [&](const term& m) { return m.is_tuple(5) && *m.element(1) == ref_; }, ms);
        finished_ = true;
        // Sent before the body's process ends: no wait for it.
        const bool body_done = esock::receive(
                                   [&](const term& m) {
                                       return m.is_tuple(2) &&
                                              m.element(0)->is_atom(atom("worker_done")) &&
                                              *m.element(1) == pid_;
                                   },
                                   0)
                                   .has_value();
        if (!down) {
            st_->violate("a process did not finish within " + std::to_string(ms) + " ms");
            return false;
        }
        // noproc: it ended before the monitor was set up, which is fine
        // when its body finished.
        const term& reason = *down->element(4);
        if (!reason.is_atom(atom("normal")) && !(reason.is_atom(atom("noproc")) && body_done)) {
            st_->violate("a process ended with " + W(*down->element(4)));
        }
        return true;
    }

  private:
    state_ptr st_;
    term pid_;
    term ref_;
    bool finished_ = false;
};

// ---- the transfers ---------------------------------------------------------------------

enum class wait_style : std::uint8_t { blocking, timed, nowait, cancelling };

// Sends `total` bytes of the seed's stream on `s` in chunks, as `style`
// says; returns how many the results say went. Stops at a fatal error.
std::uint64_t send_stream(run_state& st, const term& s, std::uint64_t total, wait_style style,
                          std::mt19937_64& rng) {
    std::uint64_t sent = 0;
    for (int round = 0; sent < total && round < 100000; ++round) {
        const std::size_t n = std::min<std::uint64_t>(
            total - sent, 1 + rng() % (style == wait_style::timed ? 200000 : 70000));
        term data = stream_bytes(st.seed, sent, n);
        if (style == wait_style::blocking || style == wait_style::timed) {
            const std::int64_t t = style == wait_style::timed ? 1 + rng() % 30 : -1;
            const term r = call(st, "send", t, [&] {
                return t < 0 ? so::send(s, data) : so::send(s, data, term(t));
            });
            if (r == term(at::ok)) {
                sent += n;
                continue;
            }
            if (!is_error(r)) {
                st.violate("send answered " + W(r));
                return sent;
            }
            if (auto rest = error_data(r)) sent += n - rest->binary_bytes().size();
            if (fatal_on_stream(error_reason(r))) return sent;
            continue;  // a timeout, enobufs, enomem: the rest goes next
        }
        // nowait, with continuations; `cancelling` gives up a wait at random.
        term r = call(st, "send nowait", -1, [&] { return so::send(s, data, at::nowait); });
        std::uint64_t left = n;
        for (int turn = 0; turn < 100000; ++turn) {
            if (r == term(at::ok)) {
                sent += left;
                left = 0;
                break;
            }
            if (is_error(r)) {
                if (auto rest = error_data(r)) {
                    sent += left - rest->binary_bytes().size();
                }
                left = 0;
                if (fatal_on_stream(error_reason(r))) return sent;
                break;
            }
            if (!is_select(r)) {
                st.violate("send nowait answered " + W(r));
                return sent;
            }
            if (auto rest = select_rest(r)) {
                sent += left - rest->binary_bytes().size();
                left = rest->binary_bytes().size();
                data = *rest;
            }
            const term si = select_info_of(r);
            if (style == wait_style::cancelling && rng() % 4 == 0) {
                const term c = so::cancel(s, si);
                if (!(c == term(at::ok))) st.violate("cancel of a waiting send: " + W(c));
                break;  // what went, went; the rest is sent anew
            }
            const auto m = socket_message(s, *si.element(2), scenario_ms);
            if (!m) {
                st.violate("no select message for a nowait send");
                return sent;
            }
            if (m->element(2)->is_atom(atom("abort"))) return sent;
            r = call(st, "send continuation", -1,
                     [&] { return so::send(s, data, si, at::nowait); });
        }
    }
    return sent;
}

// Receives the stream on `s` until the peer's shutdown (closed) or a fatal
// error, as `style` says.
void receive_stream(run_state& st, const term& s, stream_check& check, wait_style style,
                    std::mt19937_64& rng) {
    const auto t0 = clock_type::now();
    for (int round = 0; round < 1000000 && ms_since(t0) < scenario_ms; ++round) {
        const std::int64_t length = rng() % 3 == 0 ? 1 + rng() % 5000 : 0;
        term r;
        if (style == wait_style::blocking || style == wait_style::timed) {
            const std::int64_t t = style == wait_style::timed ? 1 + rng() % 30 : -1;
            r = call(st, "recv", t,
                     [&] { return t < 0 ? so::recv(s, length) : so::recv(s, length, term(t)); });
        } else {
            r = call(st, "recv nowait", -1, [&] { return so::recv(s, length, at::nowait); });
            if (is_select(r)) {
                if (auto part = select_rest(r)) check.take(st, *part);
                const term si = select_info_of(r);
                if (style == wait_style::cancelling && rng() % 4 == 0) {
                    const term c = so::cancel(s, si);
                    if (!(c == term(at::ok))) st.violate("cancel of a waiting recv: " + W(c));
                    continue;
                }
                const auto m = socket_message(s, *si.element(2), scenario_ms);
                if (!m) {
                    st.violate("no select message for a nowait recv");
                    return;
                }
                if (m->element(2)->is_atom(atom("abort"))) return;
                continue;
            }
        }
        if (is_ok(r)) {
            check.take(st, *r.element(1));
            continue;
        }
        if (!is_error(r)) {
            st.violate("recv answered " + W(r));
            return;
        }
        if (auto part = error_data(r)) check.take(st, *part);
        const term reason = error_reason(r);
        if (reason.is_atom(at::timeout) || out_of_descriptors(r)) continue;
        if (!reason.is_atom(atom("closed"))) st.violate("recv answered " + W(r));
        return;
    }
    st.violate("the stream did not end within the scenario's time");
}

// ---- scenarios ---------------------------------------------------------------------------

using scenario = void (*)(const state_ptr&, std::mt19937_64&);

// A stream over a TCP pair in one of the four styles on each side.
void stream_scenario(const state_ptr& st, std::mt19937_64& rng, wait_style send_style,
                     wait_style recv_style) {
    tcp_pair p;
    make_tcp_pair(p);
    const std::uint64_t total = 1 + rng() % 600000;
    std::atomic<std::uint64_t> sent{0};
    stream_check check{st->seed};
    {
        const faults_on faults;
        const std::uint64_t sender_seed = rng();
        worker sender(st, [&, sender_seed] {
            std::mt19937_64 r(sender_seed);
            sent = send_stream(*st, p.client, total, send_style, r);
            (void)so::shutdown(p.client, atom("write"));
            no_stray_messages(*st, "the sender");
        });
        receive_stream(*st, p.server, check, recv_style, rng);
        (void)sender.done();
    }
    no_stray_messages(*st, "the receiver");
    if (check.received != sent.load()) {
        st->violate("the sender's results say " + std::to_string(sent.load()) +
                    " bytes went, the receiver got " + std::to_string(check.received));
    }
}

void blocking_stream(const state_ptr& st, std::mt19937_64& rng) {
    stream_scenario(st, rng, wait_style::blocking, wait_style::blocking);
}
void timed_stream(const state_ptr& st, std::mt19937_64& rng) {
    stream_scenario(st, rng, wait_style::timed, wait_style::timed);
}
void nowait_stream(const state_ptr& st, std::mt19937_64& rng) {
    stream_scenario(st, rng, wait_style::nowait,
                    rng() % 2 ? wait_style::nowait : wait_style::blocking);
}
void cancelling_stream(const state_ptr& st, std::mt19937_64& rng) {
    stream_scenario(st, rng, wait_style::cancelling, wait_style::cancelling);
}

// Callers waiting on a socket (blocking in a process of their own, or
// nowait) when it is closed: each gets exactly one answer, {error, closed}
// or its abort message.
void close_while_waiting(const state_ptr& st, std::mt19937_64& rng) {
    tcp_pair p;
    make_tcp_pair(p);
    const term target = rng() % 2 ? p.server : p.listener;
    const bool is_listener = target == p.listener;
    const std::int64_t delay = rng() % 5;
    {
        const faults_on faults;
        const term me = esock::self();
        worker blocked(st, [&, me] {
            const term r = call(*st, "blocked call", -1, [&] {
                return is_listener ? so::accept(target) : so::recv(target, 0);
            });
            esock::send(me, tuple(atom("blocked_answer"), r));
            no_stray_messages(*st, "the blocked caller");
        });
        worker waiting(st, [&] {
            const term r =
                is_listener ? so::accept(target, at::nowait) : so::recv(target, 0, at::nowait);
            if (is_error(r) && error_reason(r).is_atom(atom("closed"))) return;  // closed first
            if (out_of_descriptors(r)) return;                                   // its one answer
            if (!is_select(r)) {
                st->violate("nowait call on a socket about to close: " + W(r));
                return;
            }
            const auto m = socket_message(target, *select_info_of(r).element(2), scenario_ms);
            if (!m) st->violate("a nowait caller got no message when its socket closed");
            no_stray_messages(*st, "the nowait caller");
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(delay));
        (void)so::close(target);
        const auto answer = esock::receive(
            [](const term& m) {
                return m.is_tuple(2) && m.element(0)->is_atom(atom("blocked_answer"));
            },
            scenario_ms);
        if (!answer) {
            st->violate("close did not wake a blocked caller");
        } else if (!(is_error(*answer->element(1)) &&
                     error_reason(*answer->element(1)).is_atom(atom("closed"))) &&
                   !out_of_descriptors(*answer->element(1))) {
            st->violate("a caller blocked when its socket closed got " + W(*answer->element(1)));
        }
        (void)blocked.done();
        (void)waiting.done();
    }
    no_stray_messages(*st, "the closer");
}

// An owner that ends while it waits in a nowait call and a blocking reader
// of another process: the socket closes, the reader gets {error, closed}.
void owner_exit(const state_ptr& st, std::mt19937_64& rng) {
    const term me = esock::self();
    std::atomic<bool> have{false};
    term sock;
    std::mutex mu;
    const std::int64_t linger = rng() % 4;
    {
        const faults_on faults;
        worker owner(st, [&, me] {
            const term r = so::open(at::inet, at::dgram, at::udp);
            if (!is_ok(r)) {  // an injected emfile: an answer, nothing to end
                esock::send(me, atom("owner_ready"));
                return;
            }
            const term s = *r.element(1);
            (void)so::bind(s, loopback());
            {
                const std::lock_guard lk(mu);
                sock = s;
            }
            have = true;
            esock::send(me, atom("owner_ready"));
            (void)so::recv(s, 0, at::nowait);
            std::this_thread::sleep_for(std::chrono::milliseconds(linger));
            // Ends without closing: its exit closes the socket.
        });
        const auto ready = esock::receive(
            [](const term& m) { return m.is_atom(atom("owner_ready")); }, scenario_ms);
        term s;
        if (ready) {
            const std::lock_guard lk(mu);
            s = sock;
        }
        if (!s.is_nil()) {
            worker reader(st, [&, s] {
                const term r = call(*st, "recv of an ending owner's socket", -1,
                                    [&] { return so::recv(s, 0); });
                if (!(is_error(r) && error_reason(r).is_atom(atom("closed"))) &&
                    !out_of_descriptors(r)) {
                    st->violate("recv on a socket whose owner ended got " + W(r));
                }
                no_stray_messages(*st, "the reader");
            });
            (void)owner.done();
            (void)reader.done();
        } else {
            (void)owner.done();
            if (have) st->violate("the owner's socket was not handed over");
        }
    }
    no_stray_messages(*st, "the main process");
}

// Connections accepted while accept is interrupted and descriptors run out.
void accept_scenario(const state_ptr& st, std::mt19937_64& rng) {
    const term l = ok_value(so::open(at::inet, at::stream, at::tcp));
    BOOST_TEST_REQUIRE(so::bind(l, loopback()) == term(at::ok));
    BOOST_TEST_REQUIRE(so::listen(l, 64) == term(at::ok));
    const term addr = ok_value(so::sockname(l));
    const int clients = 1 + static_cast<int>(rng() % 8);
    std::vector<term> connected;
    {
        const faults_on faults;
        for (int i = 0; i < clients; ++i) {
            const term c = so::open(at::inet, at::stream, at::tcp);
            if (!is_ok(c)) continue;
            const term s = *c.element(1);
            const term r = call(*st, "connect", 5000, [&] { return so::connect(s, addr, 5000); });
            if (r == term(at::ok)) {
                connected.push_back(s);
            } else {
                (void)so::close(s);
                if (!is_error(r)) st->violate("connect answered " + W(r));
            }
        }
        const bool nowait = rng() % 2 == 0;
        int accepted = 0;
        for (int tries = 0; accepted < static_cast<int>(connected.size()) && tries < 1000;
             ++tries) {
            term r;
            if (nowait) {
                r = so::accept(l, at::nowait);
                if (is_select(r)) {
                    const auto m = socket_message(l, *select_info_of(r).element(2), scenario_ms);
                    if (!m) st->violate("no select message for a pending connection");
                    continue;
                }
            } else {
                r = call(*st, "accept", 2000, [&] { return so::accept(l, 2000); });
            }
            if (is_ok(r)) {
                ++accepted;
                (void)so::close(*r.element(1));
            } else if (!is_error(r)) {
                st->violate("accept answered " + W(r));
            }
            // emfile, enfile, timeout: the connection waits for the next try.
        }
        if (accepted != static_cast<int>(connected.size())) {
            st->violate("accepted " + std::to_string(accepted) + " of " +
                        std::to_string(connected.size()) + " connections");
        }
    }
    for (const term& c : connected)
        (void)so::close(c);
    (void)so::close(l);
    no_stray_messages(*st, "the acceptor");
}

// Datagrams by sendmsg and recvmsg: each one whose sendmsg said ok arrives
// once, whole and in order; one whose sendmsg failed never arrives.
void datagram_scenario(const state_ptr& st, std::mt19937_64& rng) {
    const term a = bound_udp();
    const term b = bound_udp();
    const term to = ok_value(so::sockname(b));
    const int count = 1 + static_cast<int>(rng() % 40);
    std::vector<std::string> sent;
    {
        const faults_on faults;
        for (int i = 0; i < count; ++i) {
            std::string payload = "dgram " + std::to_string(i) + " ";
            payload.append(rng() % 1200, static_cast<char>('a' + i % 26));
            const term msg =
                esock::map({{term(at::addr), to},
                            {term(atom("iov")),
                             esock::list(esock::binary(payload.substr(0, payload.size() / 2)),
                                         esock::binary(payload.substr(payload.size() / 2)))}});
            const term r = call(*st, "sendmsg", 2000, [&] { return so::sendmsg(a, msg, 2000); });
            if (r == term(at::ok)) {
                sent.push_back(payload);
            } else if (!is_error(r)) {
                st->violate("sendmsg of a datagram answered " + W(r));
            }
        }
        std::size_t next = 0;
        for (int tries = 0; next < sent.size() && tries < 200; ++tries) {
            const term r = call(*st, "recvmsg", 50, [&] { return so::recvmsg(b, 0, 0, 50); });
            if (is_error(r) && error_reason(r).is_atom(at::timeout)) continue;
            if (!is_ok(r)) {
                st->violate("recvmsg answered " + W(r));
                break;
            }
            std::string got;
            const term* iov = r.element(1)->map_get(atom("iov"));
            if (iov != nullptr) {
                for (const term& part : iov->list_to_vector().value_or(std::vector<term>{}))
                    got += part.binary_view();
            }
            if (got != sent[next]) {
                st->violate("datagram " + std::to_string(next) + " arrived as " +
                            got.substr(0, 40));
                break;
            }
            ++next;
        }
        if (next != sent.size()) {
            st->violate(std::to_string(sent.size() - next) + " datagrams that went never arrived");
        }
        // Nothing more may come: the failed sends sent nothing.
        const term extra = so::recvmsg(b, 0, 0, 0);
        if (is_ok(extra)) st->violate("a datagram arrived that no sendmsg sent: " + W(extra));
    }
    (void)so::close(a);
    (void)so::close(b);
    no_stray_messages(*st, "the datagram process");
}

// A stream by sendmsg with several iov elements, received by recvmsg.
void stream_msg_scenario(const state_ptr& st, std::mt19937_64& rng) {
    tcp_pair p;
    make_tcp_pair(p);
    const std::uint64_t total = 1 + rng() % 300000;
    std::atomic<std::uint64_t> sent{0};
    stream_check check{st->seed};
    {
        const faults_on faults;
        const std::uint64_t sender_seed = rng();
        worker sender(st, [&, sender_seed] {
            std::mt19937_64 r(sender_seed);
            std::uint64_t done = 0;
            while (done < total) {
                std::vector<term> iov;
                std::uint64_t n = 0;
                for (int i = 0, parts = 1 + static_cast<int>(r() % 4);
                     i < parts && done + n < total; ++i) {
                    const std::size_t len =
                        std::min<std::uint64_t>(total - done - n, 1 + r() % 30000);
                    iov.push_back(stream_bytes(st->seed, done + n, len));
                    n += len;
                }
                const term msg = esock::map({{term(atom("iov")), esock::list_from(iov)}});
                const term res =
                    call(*st, "sendmsg", -1, [&] { return so::sendmsg(p.client, msg); });
                if (res == term(at::ok)) {
                    done += n;
                    continue;
                }
                if (!is_error(res)) {
                    st->violate("sendmsg answered " + W(res));
                    break;
                }
                const term& e = *res.element(1);
                if (e.is_tuple(2) && e.element(1)->is_list()) {
                    std::uint64_t unsent = 0;
                    for (const term& b :
                         e.element(1)->list_to_vector().value_or(std::vector<term>{}))
                        unsent += b.binary_bytes().size();
                    done += n - unsent;
                }
                if (fatal_on_stream(error_reason(res))) break;
            }
            sent = done;
            (void)so::shutdown(p.client, atom("write"));
            no_stray_messages(*st, "the sender");
        });
        const auto t0 = clock_type::now();
        for (;;) {
            const term r =
                call(*st, "recvmsg", 2000, [&] { return so::recvmsg(p.server, 0, 0, 2000); });
            if (is_ok(r)) {
                const term* iov = r.element(1)->map_get(atom("iov"));
                for (const term& part : iov ? iov->list_to_vector().value_or(std::vector<term>{})
                                            : std::vector<term>{})
                    check.take(*st, part);
                continue;
            }
            if (is_error(r) && (error_reason(r).is_atom(at::timeout) || out_of_descriptors(r)) &&
                ms_since(t0) < scenario_ms) {
                continue;
            }
            if (!(is_error(r) && error_reason(r).is_atom(atom("closed")))) {
                st->violate("recvmsg answered " + W(r));
            }
            break;
        }
        (void)sender.done();
    }
    no_stray_messages(*st, "the receiver");
    if (check.received != sent.load()) {
        st->violate("sendmsg's results say " + std::to_string(sent.load()) +
                    " bytes went, recvmsg got " + std::to_string(check.received));
    }
}

// A file sent by sendfile (blocking, or nowait with continuations).
void sendfile_scenario(const state_ptr& st, std::mt19937_64& rng) {
    const std::uint64_t size = 1 + rng() % 400000;
    const std::string path = "/tmp/esock_fault_" + std::to_string(::getpid()) + ".data";
    {
        std::ofstream f(path, std::ios::binary);
        const term bytes = stream_bytes(st->seed, 0, size);
        f << bytes.binary_view();
    }
    tcp_pair p;
    make_tcp_pair(p);
    std::atomic<std::uint64_t> sent{0};
    stream_check check{st->seed};
    {
        const faults_on faults;
        const bool nowait = rng() % 2 == 0;
        worker sender(st, [&, nowait] {
            const auto file = so::file_handle::from_path(path);
            std::uint64_t done = 0;
            for (int round = 0; done < size && round < 10000; ++round) {
                const term offset = term(static_cast<std::int64_t>(done));
                const term count = term(static_cast<std::int64_t>(size - done));
                term r = call(*st, "sendfile", -1, [&] {
                    return so::sendfile(p.client, file, offset, count,
                                        nowait ? term(at::nowait) : term(at::infinity));
                });
                while (is_select(r)) {
                    // {select, {SI, BytesSent}}: the continuation goes on.
                    if (auto n = select_rest(r)) done += static_cast<std::uint64_t>(*n->as_int());
                    const term si = select_info_of(r);
                    const auto m = socket_message(p.client, *si.element(2), scenario_ms);
                    if (!m) {
                        st->violate("no select message for a nowait sendfile");
                        break;
                    }
                    r = call(*st, "sendfile continuation", -1, [&] {
                        return so::sendfile(p.client, si, term(static_cast<std::int64_t>(done)),
                                            term(static_cast<std::int64_t>(size - done)),
                                            at::nowait);
                    });
                }
                if (is_ok(r)) {
                    done += static_cast<std::uint64_t>(*r.element(1)->as_int());
                    continue;
                }
                if (!is_error(r)) {
                    st->violate("sendfile answered " + W(r));
                    break;
                }
                const term& e = *r.element(1);
                if (e.is_tuple(2) && e.element(1)->is_integer()) {
                    done += static_cast<std::uint64_t>(*e.element(1)->as_int());
                }
                if (fatal_on_stream(error_reason(r))) break;
                // emfile opening the file, enobufs...: the rest goes next.
            }
            sent = done;
            (void)so::shutdown(p.client, atom("write"));
            no_stray_messages(*st, "the sender");
        });
        std::mt19937_64 r(rng());
        receive_stream(*st, p.server, check, wait_style::blocking, r);
        (void)sender.done();
    }
    ::unlink(path.c_str());
    no_stray_messages(*st, "the receiver");
    if (check.received != sent.load()) {
        st->violate("sendfile's results say " + std::to_string(sent.load()) +
                    " bytes went, the receiver got " + std::to_string(check.received));
    }
}

struct named_scenario {
    const char* name;
    scenario run;
};

constexpr named_scenario scenarios[] = {
    {"blocking stream", blocking_stream},
    {"timed stream", timed_stream},
    {"nowait stream", nowait_stream},
    {"cancelling stream", cancelling_stream},
    {"close while waiting", close_while_waiting},
    {"owner exit", owner_exit},
    {"accept", accept_scenario},
    {"sendmsg/recvmsg datagrams", datagram_scenario},
    {"sendmsg/recvmsg stream", stream_msg_scenario},
    {"sendfile", sendfile_scenario},
};

std::uint64_t env_number(const char* name, std::uint64_t fallback) {
    const char* v = std::getenv(name);
    return v != nullptr && *v != '\0' ? std::strtoull(v, nullptr, 10) : fallback;
}

// Ends the program when a seed's run does not finish in `limit_ms`: a call
// that waits for ever (infinity, a lost wake-up) cannot report itself, and
// the suite must not hang. Says which seed, so that it can be replayed.
class watchdog {
  public:
    watchdog(std::uint64_t seed, std::int64_t limit_ms)
        : thread_([this, seed, limit_ms] {
              std::unique_lock lk(mu_);
              if (!cv_.wait_for(lk, std::chrono::milliseconds(limit_ms),
                                [this] { return done_; })) {
                  std::fprintf(stderr,
                               "seed %llu: the run did not end within %lld ms: a call waits for "
                               "ever (replay: ESOCK_FAULT_SEED=%llu)\n",
                               static_cast<unsigned long long>(seed),
                               static_cast<long long>(limit_ms),
                               static_cast<unsigned long long>(seed));
                  std::fflush(stderr);
                  std::_Exit(1);
              }
          }) {}
    watchdog(const watchdog&) = delete;
    watchdog& operator=(const watchdog&) = delete;
    ~watchdog() {
        {
            const std::lock_guard lk(mu_);
            done_ = true;
        }
        cv_.notify_one();
        thread_.join();
    }

  private:
    std::mutex mu_;
    std::condition_variable cv_;
    bool done_ = false;
    std::thread thread_;
};

// One seed: its scenario with its faults; the violations it found.
std::vector<std::string> run_seed(std::uint64_t seed, std::uint64_t& calls) {
    // Every wait of a scenario is bounded by scenario_ms but for the
    // infinite ones, which its peers end: well past that, it hangs.
    const watchdog dog(seed, 3 * scenario_ms);
    auto st = std::make_shared<run_state>();
    st->seed = seed;
    std::mt19937_64 rng(mix64(seed));
    const named_scenario& sc = scenarios[seed % std::size(scenarios)];
    const std::size_t fds_before = open_descriptors();
    the_plan.start(seed);
    the_plan.active.store(false);  // scenarios switch it on for their traffic
    sc.run(st, rng);
    the_plan.active.store(false);
    // The processes' last references go just after their 'DOWN'.
    (void)wait_spawned_done(scenario_ms);
    std::size_t fds_after = open_descriptors();
    for (int i = 0; i < 1000 && fds_after != fds_before; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        fds_after = open_descriptors();
    }
    if (fds_after != fds_before) {
        st->violate(std::to_string(fds_before) + " descriptors open before, " +
                    std::to_string(fds_after) + " after: a leak");
    }
    calls = st->calls.load();
    std::vector<std::string> out;
    for (const std::string& v : st->violations)
        out.push_back(std::string(sc.name) + ": " + v);
    return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(seeded_faults_break_no_invariant) {
    static_assert(fault::enabled, "the fault suite needs -Dfault_injection=true");
    fault::install(decide, &the_plan);
    std::uint64_t first = env_number("ESOCK_FAULT_FIRST", 1);
    std::uint64_t count = env_number("ESOCK_FAULT_SEEDS", 2000);
    if (const std::uint64_t one = env_number("ESOCK_FAULT_SEED", 0); one != 0) {
        first = one;
        count = 1;
    }
    // The main process's poller and wake fd, made once before the first
    // count, so that every run's descriptor counts compare alike.
    {
        const term u = bound_udp();
        const term r = so::recv(u, 0, at::nowait);
        if (is_select(r)) (void)so::cancel(u, select_info_of(r));
        (void)so::close(u);
        (void)esock::flush();
    }
    std::uint64_t runs = 0;
    std::uint64_t failed = 0;
    std::uint64_t calls = 0;
    for (std::uint64_t seed = first; seed < first + count; ++seed) {
        std::uint64_t c = 0;
        const auto violations = run_seed(seed, c);
        calls += c;
        ++runs;
        if (!violations.empty()) {
            ++failed;
            for (const std::string& v : violations) {
                BOOST_TEST(false, "seed " << seed << ": " << v
                                          << " (replay: ESOCK_FAULT_SEED=" << seed << ")");
            }
            if (failed >= 10) break;
        }
    }
    fault::install(nullptr, nullptr);
    BOOST_TEST_MESSAGE("fault injection: " << runs << " seeded scenarios, " << calls
                                           << " checked calls, " << the_plan.injected.load()
                                           << " faults injected, " << failed
                                           << " with a violation");
    BOOST_TEST(failed == 0u);
}
