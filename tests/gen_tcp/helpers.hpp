// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_TESTS_GEN_TCP_HELPERS_HPP
#define ESOCK_TESTS_GEN_TCP_HELPERS_HPP

// What the gen_tcp tests share: terms from literals, a connected pair on
// loopback as data/gen_tcp.escript's pair/3 makes it, and closing.

#include <boost/test/unit_test.hpp>

#include <deque>
#include <functional>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <string_view>
#include <utility>
#include <vector>

#include <esock/error.hpp>
#include <esock/gen_tcp.hpp>
#include <esock/process.hpp>
#include <esock/term.hpp>
#include <esock/term_text.hpp>

namespace gen_tcp_test {

using esock::term;
namespace gt = esock::gen_tcp;
namespace in = esock::inet;

inline term L(std::string_view text) {
    return esock::lit(text);
}

/// The list `a` followed by the elements of `b`.
inline term cat(const term& a, const term& b) {
    auto v = a.list_to_vector().value();
    const auto more = b.list_to_vector().value();
    v.insert(v.end(), more.begin(), more.end());
    return esock::list_from(std::move(v));
}

/// X of {ok, X}; fails the test otherwise.
inline term ok_of(const term& r) {
    BOOST_TEST_REQUIRE((r.is_tuple(2) && r.element(0)->is_atom(esock::atoms::ok)),
                       "not ok: " << esock::format_p(r));
    return *r.element(1);
}

inline term port_of(const term& s) {
    return ok_of(in::port(s));
}

/// A listener, a client and the accepted socket on 127.0.0.1, passive and
/// binary, with extra listen and connect options (the script's pair/3).
struct trio {
    term l, c, a;
};

inline trio pair(const term& lopts = term(), const term& copts = term()) {
    trio t;
    t.l = ok_of(gt::listen(0, cat(L("[{ip,{127,0,0,1}}, binary, {active,false}]"), lopts)));
    t.c = ok_of(gt::connect(L("{127,0,0,1}"), port_of(t.l),
                            cat(L("[binary,{active,false}]"), copts), 2000));
    t.a = ok_of(gt::accept(t.l, 2000));
    return t;
}

/// The same on ::1.
inline trio pair6() {
    trio t;
    t.l = ok_of(gt::listen(0, L("[inet6, {ip,{0,0,0,0,0,0,0,1}}, binary, {active,false}]")));
    t.c = ok_of(gt::connect(L("{0,0,0,0,0,0,0,1}"), port_of(t.l),
                            L("[inet6, binary, {active,false}]"), 2000));
    t.a = ok_of(gt::accept(t.l, 2000));
    return t;
}

/// Closes each, then drops what arrived (the script's close_all/1).
inline void close_all(std::initializer_list<term> sockets) {
    for (const term& s : sockets) {
        if (s.is_nil()) continue;
        try {
            (void)gt::close(s);
        } catch (const esock::erl_error&) {
        }
    }
    for (int i = 0; i < 20; ++i) {
        if (!esock::receive_any(30)) break;
    }
}

/// A process that runs the functions it is given, as the script's
/// ctrl_helper/1: run(F) returns F's result as it ran there.
class helper {
  public:
    helper() : jobs_(std::make_shared<queue>()) {
        const term parent = esock::self();
        auto jobs = jobs_;
        pid_ = esock::spawn([parent, jobs] {
            for (;;) {
                // Only its own messages: the helper's mailbox may also get
                // a socket's messages (it may own one).
                auto m = esock::receive(
                    [](const term& t) {
                        return t.is_atom(esock::atom("go")) || t.is_atom(esock::atom("stop"));
                    },
                    10000);
                if (!m || m->is_atom(esock::atom("stop"))) return;
                std::pair<term, std::function<term()>> job;
                {
                    std::lock_guard lk(jobs->mu);
                    if (jobs->items.empty()) continue;
                    job = std::move(jobs->items.front());
                    jobs->items.pop_front();
                }
                if (!job.second) return;  // die
                term r;
                try {
                    r = job.second();
                } catch (const esock::erl_error& e) {
                    r = esock::tuple(esock::atom("crash"), e.reason());
                }
                (void)esock::send(parent, esock::tuple(job.first, r));
            }
        });
    }
    [[nodiscard]] const term& pid() const { return pid_; }
    /// F's result in the helper, or `timeout` after `ms`.
    term run(std::function<term()> f, std::int64_t ms = 2000) {
        const term tag = esock::make_ref();
        {
            std::lock_guard lk(jobs_->mu);
            jobs_->items.emplace_back(tag, std::move(f));
        }
        (void)esock::send(pid_, esock::atom("go"));
        const auto m = esock::receive(
            [&](const term& t) { return t.is_tuple(2) && *t.element(0) == tag; }, ms);
        return m ? *m->element(1) : term(esock::atoms::timeout);
    }
    void stop() { (void)esock::send(pid_, esock::atom("stop")); }
    /// Ends the helper's process (its sockets close).
    void die() {
        {
            std::lock_guard lk(jobs_->mu);
            jobs_->items.emplace_back(term(), std::function<term()>());
        }
        (void)esock::send(pid_, esock::atom("go"));
    }

  private:
    struct queue {
        std::mutex mu;
        std::deque<std::pair<term, std::function<term()>>> items;
    };
    std::shared_ptr<queue> jobs_;
    term pid_;
};

}  // namespace gen_tcp_test

#endif  // ESOCK_TESTS_GEN_TCP_HELPERS_HPP
