// esock_soak: a long run of mixed traffic on many sockets from many
// processes (docs/reliability.md), never run by meson test:
//
//   build/tools/esock_soak [SECONDS=1800] [SOCKETS=2000] [PROCESSES=16]
//
// Each process owns a slice of the sockets: a listener, TCP pairs and UDP
// sockets. It sends on its pairs and datagrams to itself, in blocking,
// timed and nowait calls, cancels waits, closes pairs and opens new ones,
// hands pairs to another process (controlling_process), and now and then
// ends without closing anything (its exit closes its sockets; a new process
// takes its place). Every call is checked: it returns within its timeout
// plus a margin, every byte of a pair arrives once and in order, every
// datagram whole, every nowait call gets exactly one message. At the end
// each pair is drained and checked. The program prints the operations done,
// the open descriptors and the resident memory after setting up and at the
// end (with the same number of sockets open), and the violations; its exit
// status is 0 only when there were none.

#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <esock/process.hpp>
#include <esock/socket.hpp>
#include <esock/term.hpp>
#include <esock/term_text.hpp>

// The leak check the tests make too.
#include "../../tests/common/descriptors.hpp"

namespace {

using esock_test::open_descriptors;

using esock::atom;
using esock::term;
using esock::tuple;
namespace so = esock::socket;
namespace at = esock::atoms;
using clock_type = std::chrono::steady_clock;

// A call is late when it hangs or spins, not when the machine is busy.
constexpr std::int64_t margin_ms = 10000;

// ---- what every process reports ----------------------------------------------

enum class op : std::uint8_t {
    send,
    recv,
    nowait_recv,
    cancel,
    datagram,
    reopen,
    handover,
    exit,
    options,
    count_
};
constexpr const char* op_names[] = {"send",   "recv",     "nowait recv", "cancel", "datagram",
                                    "reopen", "handover", "owner exit",  "options"};

struct totals {
    std::array<std::atomic<std::uint64_t>, static_cast<std::size_t>(op::count_)> ops{};
    std::atomic<std::uint64_t> bytes{0};
    std::mutex mu;
    std::vector<std::string> violations;

    void count(op o) { ops[static_cast<std::size_t>(o)].fetch_add(1, std::memory_order_relaxed); }
    void violate(const std::string& what) {
        const std::lock_guard lk(mu);
        if (violations.size() < 100) violations.push_back(what);
        std::fprintf(stderr, "esock_soak: violation: %s\n", what.c_str());
    }
};

totals g_totals;

std::uint64_t mix64(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// Byte i of pair `id`'s stream.
std::uint8_t stream_byte(std::uint64_t id, std::uint64_t i) {
    return static_cast<std::uint8_t>(mix64(id * 0x10001 ^ (i / 8)) >> (8 * (i % 8)));
}

term stream_bytes(std::uint64_t id, std::uint64_t from, std::size_t n) {
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i)
        s[i] = static_cast<char>(stream_byte(id, from + i));
    return esock::binary(s);
}

std::int64_t ms_since(clock_type::time_point t0) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(clock_type::now() - t0).count();
}

template <class F>
term timed(const char* what, std::int64_t timeout_ms, F&& f) {
    const auto t0 = clock_type::now();
    term r = f();
    const std::int64_t took = ms_since(t0);
    if (took > std::max<std::int64_t>(timeout_ms, 0) + margin_ms) {
        g_totals.violate(std::string(what) + " with timeout " + std::to_string(timeout_ms) +
                         " ms took " + std::to_string(took) + " ms");
    }
    return r;
}

bool is_ok(const term& r) {
    return r == term(at::ok) || (r.is_tuple(2) && r.element(0)->is_atom(at::ok));
}
bool is_error(const term& r) {
    return r.is_tuple(2) && r.element(0)->is_atom(at::error);
}
bool is_select(const term& r) {
    return r.is_tuple(2) && r.element(0)->is_atom(at::select);
}
term select_info_of(const term& r) {
    const term& x = *r.element(1);
    return x.is_tuple(2) ? *x.element(0) : x;
}
term reason_of(const term& r) {
    const term& e = *r.element(1);
    return e.is_tuple(2) ? *e.element(0) : e;
}

std::size_t resident_kib() {
    std::ifstream statm("/proc/self/statm");
    std::size_t pages = 0;
    std::size_t resident = 0;
    statm >> pages >> resident;
    return resident * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE)) / 1024;
}

// The heap the program holds (allocated and not yet freed, in every
// arena), apart from what the allocator keeps: when resident memory grows
// while this stays flat, the growth is the allocator's (per-thread arenas
// reaching their high-water marks), not a leak.
std::size_t heap_in_use_kib() {
    const struct mallinfo2 m = ::mallinfo2();
    return (m.uordblks + m.hblkhd) / 1024;
}

term loopback() {
    return esock::lit("#{family => inet, addr => loopback, port => 0}");
}

// ---- a process's sockets ----------------------------------------------------------

struct tcp_link {
    std::uint64_t id = 0;
    term client;
    term server;
    std::uint64_t sent = 0;      // bytes the client's results say went
    std::uint64_t received = 0;  // bytes the server read, each checked
};

struct udp_link {
    term sock;
    term addr;
    std::uint64_t next_seq = 0;
    std::uint64_t expected = 0;  // the next datagram to arrive
};

std::atomic<std::uint64_t> g_next_link{1};

class slice {
  public:
    slice(std::mt19937_64& rng, std::size_t sockets) : rng_(rng), target_(sockets) {}

    bool build() {
        const term l = so::open(at::inet, at::stream, at::tcp);
        if (!is_ok(l)) return fail("open listener", l);
        listener_ = *l.element(1);
        if (!(so::bind(listener_, loopback()) == term(at::ok))) return false;
        if (!(so::listen(listener_, 128) == term(at::ok))) return false;
        listen_addr_ = *so::sockname(listener_).element(1);
        return top_up();
    }

    // Closes or opens sockets until the slice holds its number: about two
    // in five of them in pairs, the rest UDP, with the listener.
    bool top_up() {
        while (count() > target_) {
            if (!links_.empty()) {
                close_link(links_.size() - 1);
            } else {
                (void)so::close(udps_.back().sock);
                udps_.pop_back();
            }
        }
        while (count() < target_) {
            const bool pair = count() + 2 <= target_ && links_.size() * 5 < (target_ - 1) * 2;
            if (!(pair ? open_pair() : open_udp())) return false;
        }
        return true;
    }

    [[nodiscard]] std::size_t count() const { return 1 + 2 * links_.size() + udps_.size(); }

    void step(const std::vector<term>& peers) {
        const unsigned dice = rng_() % 1000;
        if (dice < 400) {
            transfer(pick_link());
        } else if (dice < 550) {
            datagram(pick_udp());
        } else if (dice < 700) {
            cancel_wait(pick_link());
        } else if (dice < 760) {
            reopen(pick_link());
        } else if (dice < 775 && !peers.empty()) {
            hand_over(pick_link(), peers[rng_() % peers.size()]);
        } else {
            options(pick_link());
        }
    }

    // Takes a pair another process handed over: {adopt, Id, Client, Server,
    // Sent, Received}.
    void adopt(const term& m) {
        tcp_link l;
        l.id = static_cast<std::uint64_t>(*m.element(1)->as_int());
        l.client = *m.element(2);
        l.server = *m.element(3);
        l.sent = static_cast<std::uint64_t>(*m.element(4)->as_int());
        l.received = static_cast<std::uint64_t>(*m.element(5)->as_int());
        links_.push_back(l);
        // The giver opened a new pair in its place: one of this slice's own
        // goes, so that the sockets of all slices stay as many.
        if (count() > target_ && links_.size() > 1) close_link(0);
    }

    // Reads what every pair has in flight and checks it all arrived.
    void drain() {
        for (tcp_link& l : links_) {
            const auto t0 = clock_type::now();
            while (l.received < l.sent && ms_since(t0) < 30000) {
                const term r =
                    timed("drain recv", 1000, [&] { return so::recv(l.server, 0, 1000); });
                if (!take(l, r)) break;
            }
            if (l.received != l.sent) {
                g_totals.violate("pair " + std::to_string(l.id) + ": " + std::to_string(l.sent) +
                                 " bytes went, " + std::to_string(l.received) + " arrived");
            }
        }
        for (udp_link& u : udps_) {
            while (u.expected < u.next_seq) {
                const term r =
                    timed("drain recvfrom", 1000, [&] { return so::recvfrom(u.sock, 0, 1000); });
                if (!take_datagram(u, r)) break;
            }
        }
    }

    void close_all() {
        while (!links_.empty())
            close_link(links_.size() - 1);
        for (const udp_link& u : udps_)
            (void)so::close(u.sock);
        udps_.clear();
        if (!listener_.is_nil()) (void)so::close(listener_);
        listener_ = term();
    }

  private:
    bool fail(const char* what, const term& r) {
        g_totals.violate(std::string(what) + ": " + esock::format_w(r));
        return false;
    }

    bool open_pair() {
        const term c = so::open(at::inet, at::stream, at::tcp);
        if (!is_ok(c)) return fail("open", c);
        tcp_link l;
        l.id = g_next_link.fetch_add(1);
        l.client = *c.element(1);
        const term r =
            timed("connect", 5000, [&] { return so::connect(l.client, listen_addr_, 5000); });
        if (!(r == term(at::ok))) {
            (void)so::close(l.client);
            return fail("connect", r);
        }
        const term a = timed("accept", 5000, [&] { return so::accept(listener_, 5000); });
        if (!is_ok(a)) {
            (void)so::close(l.client);
            return fail("accept", a);
        }
        l.server = *a.element(1);
        links_.push_back(l);
        return true;
    }

    bool open_udp() {
        const term u = so::open(at::inet, at::dgram, at::udp);
        if (!is_ok(u)) return fail("open udp", u);
        udp_link l;
        l.sock = *u.element(1);
        (void)so::bind(l.sock, loopback());
        l.addr = *so::sockname(l.sock).element(1);
        udps_.push_back(l);
        return true;
    }

    void close_link(std::size_t i) {
        (void)so::close(links_[i].client);
        (void)so::close(links_[i].server);
        links_.erase(links_.begin() + static_cast<std::ptrdiff_t>(i));
    }

    std::size_t pick_link() { return links_.empty() ? 0 : rng_() % links_.size(); }
    std::size_t pick_udp() { return udps_.empty() ? 0 : rng_() % udps_.size(); }

    // Checks and counts the data of a recv result; false when the pair is
    // done for (closed, an error).
    bool take(tcp_link& l, const term& r) {
        const term* data = nullptr;
        if (is_ok(r)) {
            data = r.element(1);
        } else if (is_error(r) && r.element(1)->is_tuple(2) &&
                   r.element(1)->element(1)->is_binary()) {
            data = r.element(1)->element(1);
        }
        if (data != nullptr) {
            for (const std::uint8_t b : data->binary_bytes()) {
                if (b != stream_byte(l.id, l.received)) {
                    g_totals.violate("pair " + std::to_string(l.id) + ": byte " +
                                     std::to_string(l.received) + " is wrong");
                    l.received = l.sent;  // one report per pair
                    return false;
                }
                ++l.received;
            }
            g_totals.bytes.fetch_add(data->binary_bytes().size(), std::memory_order_relaxed);
        }
        if (is_error(r) && !reason_of(r).is_atom(at::timeout)) {
            g_totals.violate("pair " + std::to_string(l.id) + ": recv gave " + esock::format_w(r));
            return false;
        }
        return true;
    }

    // A send in one of three styles, then a read in one of three.
    void transfer(std::size_t i) {
        if (links_.empty()) return;
        tcp_link& l = links_[i];
        const std::size_t n = 1 + rng_() % 4096;
        const term data = stream_bytes(l.id, l.sent, n);
        const unsigned style = rng_() % 3;
        g_totals.count(op::send);
        if (style == 0) {
            const term r = timed("send", 100, [&] { return so::send(l.client, data, 100); });
            if (r == term(at::ok)) {
                l.sent += n;
            } else if (is_error(r) && r.element(1)->is_tuple(2) &&
                       r.element(1)->element(1)->is_binary()) {
                l.sent += n - r.element(1)->element(1)->binary_bytes().size();
            } else if (!(is_error(r) && reason_of(r).is_atom(at::timeout))) {
                g_totals.violate("send gave " + esock::format_w(r));
            }
        } else {
            // nowait, continued until it is all gone (the peer reads below
            // only after; a full buffer means waiting for the select).
            term r = so::send(l.client, data, at::nowait);
            term left = data;
            for (int turn = 0; turn < 1000; ++turn) {
                if (r == term(at::ok)) {
                    l.sent += left.binary_bytes().size();
                    break;
                }
                if (!is_select(r)) {
                    g_totals.violate("send nowait gave " + esock::format_w(r));
                    break;
                }
                const term& x = *r.element(1);
                if (x.is_tuple(2)) {
                    l.sent += left.binary_bytes().size() - x.element(1)->binary_bytes().size();
                    left = *x.element(1);
                }
                // Nothing reads the pair meanwhile: make room by reading.
                const term got = so::recv(l.server, 0, 0);
                if (!take(l, got)) return;
                const term si = select_info_of(r);
                const auto m = esock::receive(
                    [&](const term& t) {
                        return t.is_tuple(4) && t.element(0)->is_atom(at::dollar_socket) &&
                               *t.element(1) == l.client && *t.element(3) == *si.element(2);
                    },
                    1000);
                if (!m) {
                    // Room made only now: give up the wait, the rest goes
                    // in a new send.
                    if (!(so::cancel(l.client, si) == term(at::ok))) {
                        g_totals.violate("cancel of a send continuation failed");
                    }
                    break;
                }
                r = so::send(l.client, left, si, at::nowait);
            }
        }
        const unsigned read_style = rng_() % 3;
        if (read_style == 0) {
            g_totals.count(op::recv);
            const term r = timed("recv", 50, [&] { return so::recv(l.server, 0, 50); });
            (void)take(l, r);
        } else if (read_style == 1) {
            g_totals.count(op::recv);
            (void)take(l, so::recv(l.server, 0, 0));
        } else {
            g_totals.count(op::nowait_recv);
            const term r = so::recv(l.server, 0, at::nowait);
            if (is_select(r)) {
                const term h = *select_info_of(r).element(2);
                const auto m = esock::receive(
                    [&](const term& t) {
                        return t.is_tuple(4) && t.element(0)->is_atom(at::dollar_socket) &&
                               *t.element(1) == l.server && *t.element(3) == h;
                    },
                    l.received < l.sent ? 5000 : 0);
                if (m) {
                    (void)take(l, so::recv(l.server, 0, 0));
                } else if (!(so::cancel(l.server, select_info_of(r)) == term(at::ok))) {
                    g_totals.violate("cancel of a nowait recv failed");
                }
            } else {
                (void)take(l, r);
            }
        }
    }

    void datagram(std::size_t i) {
        if (udps_.empty()) return;
        udp_link& u = udps_[i];
        g_totals.count(op::datagram);
        const std::string text = std::to_string(u.next_seq) + std::string(rng_() % 500, 'd');
        const term r = timed("sendto", 1000,
                             [&] { return so::sendto(u.sock, esock::binary(text), u.addr, 1000); });
        if (r == term(at::ok)) {
            ++u.next_seq;
        } else {
            g_totals.violate("sendto gave " + esock::format_w(r));
        }
        const term got = timed("recvfrom", 20, [&] { return so::recvfrom(u.sock, 0, 20); });
        (void)take_datagram(u, got);
    }

    bool take_datagram(udp_link& u, const term& r) {
        if (is_error(r) && reason_of(r).is_atom(at::timeout)) return false;
        if (!is_ok(r) || !r.element(1)->is_tuple(2)) {
            g_totals.violate("recvfrom gave " + esock::format_w(r));
            return false;
        }
        const std::string_view text = r.element(1)->element(1)->binary_view();
        const std::string seq = std::to_string(u.expected);
        if (text.substr(0, seq.size()) != seq ||
            (text.size() > seq.size() && text[seq.size()] != 'd')) {
            g_totals.violate("datagram " + seq + " arrived as " + std::string(text.substr(0, 20)));
        }
        ++u.expected;
        return true;
    }

    // A nowait recv on a pair with nothing in flight, cancelled: no message
    // for it may come after.
    void cancel_wait(std::size_t i) {
        if (links_.empty()) return;
        tcp_link& l = links_[i];
        if (l.received < l.sent) return;
        g_totals.count(op::cancel);
        const term r = so::recv(l.server, 0, at::nowait);
        if (!is_select(r)) {
            (void)take(l, r);
            return;
        }
        const term c = so::cancel(l.server, select_info_of(r));
        if (!(c == term(at::ok))) g_totals.violate("cancel gave " + esock::format_w(c));
        const term h = *select_info_of(r).element(2);
        const auto late = esock::receive(
            [&](const term& t) {
                return t.is_tuple(4) && t.element(0)->is_atom(at::dollar_socket) &&
                       *t.element(3) == h;
            },
            0);
        if (late) g_totals.violate("a message after cancel: " + esock::format_w(*late));
    }

    void reopen(std::size_t i) {
        if (links_.empty()) return;
        g_totals.count(op::reopen);
        close_link(i);
        (void)open_pair();
    }

    void hand_over(std::size_t i, const term& to) {
        if (links_.empty()) return;
        tcp_link l = links_[i];
        const term opt = esock::lit("{otp, controlling_process}");
        const term a = so::setopt(l.client, opt, to);
        const term b = so::setopt(l.server, opt, to);
        if (!(a == term(at::ok)) || !(b == term(at::ok))) {
            // The peer ended meanwhile: the sockets closed with it.
            if (!(is_error(a) || is_error(b))) {
                g_totals.violate("controlling_process gave " + esock::format_w(a));
            }
        }
        links_.erase(links_.begin() + static_cast<std::ptrdiff_t>(i));
        g_totals.count(op::handover);
        esock::send(
            to, tuple(atom("adopt"), static_cast<std::int64_t>(l.id), l.client, l.server,
                      static_cast<std::int64_t>(l.sent), static_cast<std::int64_t>(l.received)));
        (void)open_pair();  // the slice keeps its size
    }

    void options(std::size_t i) {
        if (links_.empty()) return;
        g_totals.count(op::options);
        const term s = links_[i].client;
        (void)so::getopt(s, esock::lit("{socket, rcvbuf}"));
        (void)so::setopt(s, esock::lit("{tcp, nodelay}"), at::true_);
        (void)so::info(s);
        (void)so::sockname(s);
    }

    std::mt19937_64& rng_;
    std::size_t target_;
    term listener_;
    term listen_addr_;
    std::vector<tcp_link> links_;
    std::vector<udp_link> udps_;
};

// ---- the processes ------------------------------------------------------------------

struct shared {
    std::mutex mu;
    std::vector<term> workers;  // pids of the running workers
    std::atomic<bool> stop{false};
    std::size_t per_process = 0;
};

// The commands a worker obeys: {drain, From} (read everything in flight,
// refill the slice, answer drained) and {close, From} (close all, answer
// closed, end).
void worker_body(shared& sh, std::uint64_t seed, std::int64_t exit_after_ops) {
    std::mt19937_64 rng(seed);
    slice s(rng, sh.per_process);
    if (!s.build()) {
        g_totals.violate("a worker could not set up its sockets");
        return;
    }
    std::uint64_t ops = 0;
    for (;;) {
        // Handed-over pairs and commands.
        while (auto m = esock::receive([](const term&) { return true; }, 0)) {
            if (m->is_tuple(6) && m->element(0)->is_atom(atom("adopt"))) {
                s.adopt(*m);
            } else if (m->is_tuple(2) && m->element(0)->is_atom(atom("drain"))) {
                s.drain();
                (void)s.top_up();
                esock::send(*m->element(1), tuple(atom("drained"), esock::self()));
            } else if (m->is_tuple(2) && m->element(0)->is_atom(atom("close"))) {
                s.close_all();
                esock::send(*m->element(1), tuple(atom("closed"), esock::self()));
                return;
            } else if (m->is_tuple(4) && m->element(0)->is_atom(at::dollar_socket)) {
                // A select or abort for a wait given up at its timeout: a
                // cancel returned ok, so none may come.
                g_totals.violate("unasked-for message " + esock::format_w(*m));
            }
        }
        if (sh.stop.load()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            continue;
        }
        std::vector<term> peers;
        {
            const std::lock_guard lk(sh.mu);
            peers = sh.workers;
        }
        s.step(peers);
        ++ops;
        if (exit_after_ops > 0 && static_cast<std::int64_t>(ops) >= exit_after_ops) {
            // The owner ends, its sockets open: its exit closes them.
            g_totals.count(op::exit);
            return;
        }
    }
}

std::int64_t arg(int argc, char** argv, int i, std::int64_t fallback) {
    return argc > i ? std::atoll(argv[i]) : fallback;
}

}  // namespace

int main(int argc, char** argv) {
    const std::int64_t seconds = arg(argc, argv, 1, 1800);
    const std::int64_t sockets = arg(argc, argv, 2, 2000);
    const std::int64_t processes = arg(argc, argv, 3, 16);
    rlimit lim{};
    (void)::getrlimit(RLIMIT_NOFILE, &lim);
    const rlim_t need = static_cast<rlim_t>(sockets + 64 * processes + 256);
    if (lim.rlim_cur < need) {
        lim.rlim_cur = std::min(need, lim.rlim_max);
        (void)::setrlimit(RLIMIT_NOFILE, &lim);
    }
    shared sh;
    sh.per_process = static_cast<std::size_t>(sockets / processes);
    const std::size_t fds_before = open_descriptors();
    std::mt19937_64 rng(20240601);
    auto start_worker = [&](bool may_exit) {
        // Every worker of the run ends by itself after some tens of
        // thousands of steps (a few seconds), and its replacement too: owner
        // exits all along the run, not only at its start.
        const std::int64_t exit_after = may_exit ? 20000 + rng() % 200000 : 0;
        const std::uint64_t seed = rng();
        const term pid =
            esock::spawn([&sh, seed, exit_after] { worker_body(sh, seed, exit_after); });
        {
            const std::lock_guard lk(sh.mu);
            sh.workers.push_back(pid);
        }
        (void)esock::monitor_process(pid);
    };
    for (std::int64_t i = 0; i < processes; ++i)
        start_worker(true);
    // Set up: every worker's slice open.
    std::this_thread::sleep_for(std::chrono::seconds(2));
    // Every worker reads what is in flight, checks it, and refills its
    // slice; a worker that ends meanwhile is replaced by one that does the
    // same. Twice: handovers in flight reach their processes in the first
    // round, the second trims those back to their size.
    const auto drain_all = [&]() {
        sh.stop = true;
        for (int round = 0; round < 2; ++round) {
            std::vector<term> pending;
            {
                const std::lock_guard lk(sh.mu);
                pending = sh.workers;
            }
            for (const term& p : pending)
                esock::send(p, tuple(atom("drain"), esock::self()));
            while (!pending.empty()) {
                const auto m = esock::receive(
                    [](const term& t) {
                        return (t.is_tuple(2) && t.element(0)->is_atom(atom("drained"))) ||
                               t.is_tuple(5);
                    },
                    120000);
                if (!m) {
                    g_totals.violate("a worker did not drain within 2 minutes");
                    break;
                }
                const term pid = m->is_tuple(5) ? *m->element(3) : *m->element(1);
                std::erase_if(pending, [&](const term& p) { return p == pid; });
                if (m->is_tuple(5)) {
                    {
                        const std::lock_guard lk(sh.mu);
                        std::erase_if(sh.workers, [&](const term& p) { return p == pid; });
                    }
                    start_worker(false);
                    const std::lock_guard lk(sh.mu);
                    pending.push_back(sh.workers.back());
                    esock::send(sh.workers.back(), tuple(atom("drain"), esock::self()));
                }
            }
        }
    };
    drain_all();
    const std::size_t fds_start = open_descriptors();
    const term sockets_start = so::number_of();
    const std::size_t rss_start = resident_kib();
    const std::size_t heap_start = heap_in_use_kib();
    std::printf("esock_soak: %lld s, %lld sockets, %lld processes\n",
                static_cast<long long>(seconds), static_cast<long long>(sockets),
                static_cast<long long>(processes));
    std::printf("start: %s sockets, %zu descriptors open, %zu KiB resident, %zu KiB heap in use\n",
                esock::format_w(sockets_start).c_str(), fds_start, rss_start, heap_start);
    std::fflush(stdout);
    sh.stop = false;
    const auto t0 = clock_type::now();
    std::int64_t next_report = 60;
    while (ms_since(t0) < seconds * 1000) {
        // A worker that ended (owner exit) is replaced.
        const auto down = esock::receive([](const term& t) { return t.is_tuple(5); }, 1000);
        if (down) {
            const term pid = *down->element(3);
            {
                const std::lock_guard lk(sh.mu);
                std::erase_if(sh.workers, [&](const term& p) { return p == pid; });
            }
            if (!down->element(4)->is_atom(atom("normal"))) {
                g_totals.violate("a worker ended with " + esock::format_w(*down->element(4)));
            }
            start_worker(true);
        }
        if (ms_since(t0) / 1000 >= next_report) {
            std::uint64_t ops = 0;
            for (const auto& c : g_totals.ops)
                ops += c.load();
            std::printf(
                "%lld s: %llu operations, %zu descriptors, %zu KiB resident, %zu KiB heap in use\n",
                static_cast<long long>(next_report), static_cast<unsigned long long>(ops),
                open_descriptors(), resident_kib(), heap_in_use_kib());
            std::fflush(stdout);
            next_report += 60;
        }
    }
    // The replacements of the last minute set up before the end counts.
    std::this_thread::sleep_for(std::chrono::seconds(2));
    drain_all();
    const std::size_t fds_end = open_descriptors();
    const term sockets_end = so::number_of();
    const std::size_t rss_end = resident_kib();
    const std::size_t heap_end = heap_in_use_kib();
    std::vector<term> pids;
    {
        const std::lock_guard lk(sh.mu);
        pids = sh.workers;
    }
    for (const term& p : pids)
        esock::send(p, tuple(atom("close"), esock::self()));
    for (std::size_t i = 0; i < pids.size(); ++i) {
        (void)esock::receive(
            [](const term& t) { return t.is_tuple(2) && t.element(0)->is_atom(atom("closed")); },
            60000);
    }
    for (int i = 0; i < 6000 && esock::running_spawned() != 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const std::size_t fds_after = open_descriptors();
    std::uint64_t ops = 0;
    std::printf("operations:");
    for (std::size_t i = 0; i < g_totals.ops.size(); ++i) {
        ops += g_totals.ops[i].load();
        std::printf(" %s %llu,", op_names[i],
                    static_cast<unsigned long long>(g_totals.ops[i].load()));
    }
    std::printf(" total %llu; %llu bytes checked\n", static_cast<unsigned long long>(ops),
                static_cast<unsigned long long>(g_totals.bytes.load()));
    std::printf("end: %s sockets, %zu descriptors open, %zu KiB resident, %zu KiB heap in use\n",
                esock::format_w(sockets_end).c_str(), fds_end, rss_end, heap_end);
    std::printf("descriptors before setting up %zu, after closing %zu\n", fds_before, fds_after);
    // The sockets must be as many; the descriptors may differ by the
    // processes' own (a poller and a wake fd each, made on first need by
    // the workers that replaced those that ended), and the count after
    // closing everything is the leak check.
    if (!(sockets_end == sockets_start)) {
        g_totals.violate("sockets at the start " + esock::format_w(sockets_start) +
                         ", at the end " + esock::format_w(sockets_end));
    }
    if (fds_after != fds_before) {
        g_totals.violate("descriptors before " + std::to_string(fds_before) + ", after " +
                         std::to_string(fds_after));
    }
    std::printf("violations: %zu\n", g_totals.violations.size());
    return g_totals.violations.empty() ? 0 : 1;
}
