// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_TESTS_RUNTIME_HELPERS_HPP
#define ESOCK_TESTS_RUNTIME_HELPERS_HPP

// Shared helpers for the runtime tests: pattern matching of result terms
// ('_' matches anything), loopback socket pairs and bounded waits.

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <thread>

#include <esock/error.hpp>
#include <esock/pattern.hpp>
#include <esock/process.hpp>
#include <esock/socket.hpp>
#include <esock/term_text.hpp>

namespace rt {

using esock::term;
namespace so = esock::socket;
namespace at = esock::atoms;

inline const term ok_t = at::ok;

inline term L(std::string_view text) {
    return esock::lit(text);
}
inline std::string W(const term& t) {
    return esock::format_w(t);
}
inline term bin(std::string_view s) {
    return esock::binary(s);
}

/// What `f` raised as erl_error, printed with ~w, or "no exception".
template <class F>
std::string raised(F&& f) {
    try {
        (void)f();
    } catch (const esock::erl_error& e) {
        return W(e.reason());
    }
    return "no exception";
}

// `t` matches `pattern`, where the atom '_' matches any term.
using esock::matches;

// The value is printed only on failure: printing a multi-megabyte binary is slow.
#define CHECK_MATCH(expr, pattern)                                                               \
    do {                                                                                         \
        const ::esock::term check_match_v_ = (expr);                                             \
        if (::esock::matches(check_match_v_, ::rt::L(pattern))) {                                \
            BOOST_TEST(true);                                                                    \
        } else {                                                                                 \
            BOOST_TEST(false,                                                                    \
                       #expr << " = " << ::rt::W(check_match_v_) << ", expected " << (pattern)); \
        }                                                                                        \
    } while (0)
#define REQUIRE_MATCH(expr, pattern)                                                               \
    do {                                                                                           \
        const ::esock::term require_match_v_ = (expr);                                             \
        if (!::esock::matches(require_match_v_, ::rt::L(pattern))) {                               \
            BOOST_FAIL(#expr << " = " << ::rt::W(require_match_v_) << ", expected " << (pattern)); \
        }                                                                                          \
    } while (0)

/// The value of {ok, V}; fails the test otherwise.
inline term ok_value(const term& r) {
    BOOST_TEST_REQUIRE(matches(r, L("{ok,'_'}")), "expected {ok,_}, got " << W(r));
    return *r.element(1);
}

inline term loopback_any_port() {
    return L("#{family => inet, addr => loopback, port => 0}");
}

/// A listening TCP socket on 127.0.0.1 and its address.
struct listener {
    term sock;
    term addr;
};

inline listener make_listener() {
    term l = ok_value(so::open(esock::atoms::inet, esock::atoms::stream, esock::atoms::tcp));
    BOOST_TEST_REQUIRE(so::bind(l, loopback_any_port()) == term(esock::atoms::ok));
    BOOST_TEST_REQUIRE(so::listen(l) == term(esock::atoms::ok));
    return {l, ok_value(so::sockname(l))};
}

/// A connected TCP pair on loopback: client and accepted side.
struct tcp_pair {
    term listen;
    term client;
    term server;
};

inline tcp_pair make_tcp_pair() {
    auto l = make_listener();
    term c = ok_value(so::open(esock::atoms::inet, esock::atoms::stream, esock::atoms::tcp));
    BOOST_TEST_REQUIRE(so::connect(c, l.addr) == term(esock::atoms::ok));
    term a = ok_value(so::accept(l.sock, 2000));
    return {l.sock, c, a};
}

inline void close_all(std::initializer_list<term> socks) {
    for (const auto& s : socks)
        (void)so::close(s);
}

/// The next message within `ms`, or nullopt.
inline std::optional<term> next_msg(std::int64_t ms = 2000) {
    return esock::receive_any(ms);
}

/// The select message for `handle` on `sock`, within `ms`.
inline bool got_select(const term& sock, const term& handle, std::int64_t ms = 2000) {
    auto m = esock::receive(
        [&](const term& t) {
            return t ==
                   esock::tuple(esock::atoms::dollar_socket, sock, esock::atoms::select, handle);
        },
        ms);
    return m.has_value();
}

/// The handle of a {select, SelectInfo} or {select, {SelectInfo, Data}} result.
inline term handle_of(const term& r) {
    BOOST_TEST_REQUIRE(matches(r, L("{select,'_'}")), W(r));
    const term& x = *r.element(1);
    const term& si = x.is_tuple(2) ? *x.element(0) : x;
    return *si.element(2);
}
inline term select_info_of(const term& r) {
    const term& x = *r.element(1);
    return x.is_tuple(2) ? *x.element(0) : x;
}

/// Counter `name` of info(S), or -1 when info/1 has no such counter.
inline std::int64_t counter(const term& s, const char* name) {
    const term info = so::info(s);
    const term* counters = info.map_get(esock::atom("counters"));
    BOOST_TEST_REQUIRE(counters != nullptr);
    const term* v = counters->map_get(esock::atom(name));
    if (v == nullptr) return -1;
    return v->as_int().value_or(-1);
}

/// Waits (bounded) for the spawned processes to finish.
inline bool wait_spawned_done(std::int64_t ms = 5000) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (esock::running_spawned() != 0) {
        if (std::chrono::steady_clock::now() > end) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

}  // namespace rt

#endif  // ESOCK_TESTS_RUNTIME_HELPERS_HPP
