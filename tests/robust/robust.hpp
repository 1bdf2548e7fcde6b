#ifndef ESOCK_TESTS_ROBUST_ROBUST_HPP
#define ESOCK_TESTS_ROBUST_ROBUST_HPP

// Helpers of the robustness tests (tests/robust): loopback sockets, bounded
// waits and terms nested deeper than any call stack could walk. They use the
// public headers only.

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <thread>

#include <esock/error.hpp>
#include <esock/process.hpp>
#include <esock/socket.hpp>
#include <esock/term.hpp>
#include <esock/term_text.hpp>

namespace robust {

using esock::term;
namespace so = esock::socket;
namespace at = esock::atoms;

inline term L(std::string_view text) {
    return esock::lit(text);
}
inline std::string W(const term& t) {
    return esock::format_w(t);
}

/// The value of {ok, V}; fails the test otherwise.
inline term ok_value(const term& r) {
    BOOST_TEST_REQUIRE((r.is_tuple(2) && r.element(0)->is_atom(at::ok)),
                       "expected {ok,_}, got " << W(r));
    return *r.element(1);
}

/// What `f` raised as erl_error, or nullopt.
template <class F>
std::optional<term> raised(F&& f) {
    try {
        (void)f();
    } catch (const esock::erl_error& e) {
        return e.reason();
    }
    return std::nullopt;
}

/// A connected TCP pair on 127.0.0.1: client, accepted side, listener.
struct tcp_pair {
    term client;
    term server;
    term listener;
    ~tcp_pair() {
        for (const term& s : {client, server, listener}) {
            if (!s.is_nil()) (void)so::close(s);
        }
    }
};

inline term loopback() {
    return L("#{family => inet, addr => loopback, port => 0}");
}

inline void make_tcp_pair(tcp_pair& p) {
    p.listener = ok_value(so::open(at::inet, at::stream, at::tcp));
    BOOST_TEST_REQUIRE(so::bind(p.listener, loopback()) == term(at::ok));
    BOOST_TEST_REQUIRE(so::listen(p.listener) == term(at::ok));
    const term addr = ok_value(so::sockname(p.listener));
    p.client = ok_value(so::open(at::inet, at::stream, at::tcp));
    BOOST_TEST_REQUIRE(so::connect(p.client, addr) == term(at::ok));
    p.server = ok_value(so::accept(p.listener, 5000));
}

/// A UDP socket bound to 127.0.0.1 (closed by the caller).
inline term bound_udp() {
    term u = ok_value(so::open(at::inet, at::dgram, at::udp));
    BOOST_TEST_REQUIRE(so::bind(u, loopback()) == term(at::ok));
    return u;
}

/// `inner` wrapped `depth` times by `wrap` (built bottom up, in a loop).
template <class F>
term nest(std::size_t depth, term inner, F&& wrap) {
    for (std::size_t i = 0; i < depth; ++i)
        inner = wrap(std::move(inner));
    return inner;
}

/// {{...{Inner}...}}, `depth` tuples deep.
inline term deep_tuple(std::size_t depth, term inner = term(0)) {
    return nest(depth, std::move(inner), [](term t) { return esock::tuple(std::move(t)); });
}
/// [[...[Inner]...]], `depth` lists deep (each list's head is the next).
inline term deep_list(std::size_t depth, term inner = term()) {
    return nest(depth, std::move(inner), [](term t) { return esock::list(std::move(t)); });
}

/// Waits (bounded) until every spawned process has finished.
inline bool wait_spawned_done(std::int64_t ms = 10000) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (esock::running_spawned() != 0) {
        if (std::chrono::steady_clock::now() > end) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

}  // namespace robust

#endif  // ESOCK_TESTS_ROBUST_ROBUST_HPP
