// Terms nested far deeper than any call stack could walk, given to every
// walk over user terms: destruction, ==, the term order, hashing, the
// socket calls' argument checks and the exceptions they raise. Each would
// overflow the stack if it recursed once per level.
#define BOOST_TEST_MODULE robust_deep
#include <boost/test/unit_test.hpp>

#include <string>

#include "robust.hpp"

using namespace robust;
using esock::atom;
using esock::tuple;

namespace {

// Deep enough that one frame per level overflows an 8 MiB stack, also at
// -O2 (where a frame of the old walks was a few dozen bytes).
constexpr std::size_t deep = 1'000'000;
// For the walks over two terms at once (each level is two allocations).
constexpr std::size_t deep_pair = 200'000;
// The depth socket.erl's callers can reach with an iolist (OTP 25 takes it).
constexpr std::size_t deep_iolist = 100'000;

}  // namespace

BOOST_AUTO_TEST_CASE(terms_a_million_levels_deep_are_freed) {
    // Tuples, lists nested in the head, maps nested in a value, a list
    // whose every tail is a separate node, and a sub-binary at the bottom.
    { term t = deep_tuple(deep); }
    { term t = deep_list(deep); }
    {
        term t = nest(deep, term(1), [](term v) {
            return esock::map({{term(atom("k")), std::move(v)}});
        });
    }
    {
        term t;
        for (std::size_t i = 0; i < deep; ++i)
            t = esock::cons(term(static_cast<std::int64_t>(i)), std::move(t));
    }
    {
        const term bin = esock::binary(std::string(64, 'x'));
        term t = deep_tuple(deep, esock::sub_binary(bin, 1, 8));
    }
    BOOST_TEST(true);  // reaching this line is the test: nothing overflowed
}

BOOST_AUTO_TEST_CASE(deep_terms_compare_and_hash_without_recursion) {
    // Built apart: no node is shared, so nothing short-cuts the walk.
    const term a = deep_tuple(deep_pair);
    const term b = deep_tuple(deep_pair);
    BOOST_TEST((a == b));
    BOOST_TEST((a <=> b == std::strong_ordering::equal));
    BOOST_TEST(esock::erl_compare(a, b) == 0);
    BOOST_TEST(a.hash() == b.hash());

    // The innermost difference decides: 0 < 1 (and 1 == 1.0 for Erlang's
    // own comparison, while the total order puts the integer first).
    const term c = deep_tuple(deep_pair, term(1));
    const term d = deep_tuple(deep_pair, term(1.0));
    BOOST_TEST(!(a == c));
    BOOST_TEST((a <=> c == std::strong_ordering::less));
    BOOST_TEST(esock::erl_compare(c, a) == 1);
    BOOST_TEST(esock::erl_compare(c, d) == 0);
    BOOST_TEST((c <=> d == std::strong_ordering::less));

    // Lists nested in their heads, and lists of different cell runs.
    const term l1 = deep_list(deep_pair, esock::list(1, 2, 3));
    const term l2 = deep_list(deep_pair, esock::cons(1, esock::cons(2, esock::cons(3, term()))));
    BOOST_TEST((l1 == l2));
    BOOST_TEST(l1.hash() == l2.hash());
    const term l3 = deep_list(deep_pair, esock::list(1, 2, 4));
    BOOST_TEST((l1 <=> l3 == std::strong_ordering::less));

    // Maps nested in their values: keys first, then values.
    auto deep_map = [](term inner) {
        return nest(deep_pair, std::move(inner), [](term v) {
            return esock::map({{term(atom("k")), std::move(v)}});
        });
    };
    const term m1 = deep_map(term(1));
    const term m2 = deep_map(term(1));
    const term m3 = deep_map(term(2));
    BOOST_TEST((m1 == m2));
    BOOST_TEST(m1.hash() == m2.hash());
    BOOST_TEST((m1 <=> m3 == std::strong_ordering::less));
}

BOOST_AUTO_TEST_CASE(an_exception_about_a_deep_term_has_a_short_text) {
    const term reason = tuple(at::invalid, tuple(at::timeout, deep_tuple(deep)));
    const esock::erl_error e(reason);
    const std::string what = e.what();
    BOOST_TEST(what.size() < 4096u);
    BOOST_TEST(what.rfind("error:{invalid,{timeout,{{{", 0) == 0, what);
    BOOST_TEST((e.reason() == reason));  // the whole reason stays
    // A small reason prints whole, as ~w writes it.
    BOOST_TEST(std::string(esock::erl_error(L("{invalid,{data,[1000]}}")).what()) ==
               "error:{invalid,{data,[1000]}}");
}

BOOST_AUTO_TEST_CASE(send_takes_an_iolist_nested_one_hundred_thousand_deep) {
    // What OTP 25 does: socket:send(S, Deep) is ok, the peer reads <<"x">>.
    tcp_pair p;
    make_tcp_pair(p);
    const term deep_io = deep_list(deep_iolist, esock::binary(std::string_view("x")));
    BOOST_TEST(W(so::send(p.client, deep_io)) == "ok");
    BOOST_TEST(W(so::recv(p.server, 0, 5000)) == "{ok,<<120>>}");
}

BOOST_AUTO_TEST_CASE(deep_bad_arguments_raise_what_otp_raises) {
    tcp_pair p;
    make_tcp_pair(p);
    // An iolist with an atom at the bottom: error:{invalid, {data, Data}}
    // with the whole argument, as OTP 25 raises.
    const term bad_io = nest(deep_iolist, esock::list(atom("foo")),
                             [](term t) { return esock::list(std::move(t), 1); });
    auto r = raised([&] { return so::send(p.client, bad_io); });
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST((*r == tuple(at::invalid, tuple(at::data, bad_io))));

    // A timeout tuple 1M deep: error:{invalid, {timeout, T}}.
    const term deep_timeout = deep_tuple(deep);
    r = raised([&] { return so::recv(p.server, 0, deep_timeout); });
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST((*r == tuple(at::invalid, tuple(at::timeout, deep_timeout))));

    // A flags list nested 1M deep: error:{invalid, {msg_flags, Flags}}.
    const term deep_flags = deep_list(deep);
    r = raised([&] { return so::recv(p.server, 0, deep_flags, 0); });
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST((*r == tuple(at::invalid, tuple(atom("msg_flags"), deep_flags))));
    r = raised(
        [&] { return so::send(p.client, esock::binary(std::string_view("a")), deep_flags, 0); });
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST((*r == tuple(at::invalid, tuple(atom("msg_flags"), deep_flags))));
}

BOOST_AUTO_TEST_CASE(a_literal_nested_a_million_deep_is_a_parse_error) {
    const std::string text = std::string(deep, '[') + std::string(deep, ']');
    const auto r = esock::parse_term(text);
    BOOST_TEST(!r.ok());
    BOOST_TEST(r.error.message == "terms nested too deeply");
    const std::string tuples = std::string(deep, '{') + std::string(deep, '}');
    BOOST_TEST(!esock::parse_term(tuples).ok());
    std::string maps;
    for (std::size_t i = 0; i < deep; ++i)
        maps += "#{a=>";
    maps += "1" + std::string(deep, '}');
    BOOST_TEST(!esock::parse_term(maps).ok());
}

BOOST_AUTO_TEST_CASE(a_process_ending_on_a_deep_exception_reports_it_briefly) {
    // The exit reason of a spawned process is {exception, What}: What is
    // the exception's text, which must stay short.
    const term reason = tuple(at::invalid, tuple(at::timeout, deep_tuple(deep)));
    // It throws once monitored: a process that ended before its monitor
    // was set up would report noproc instead.
    const term pid = esock::spawn([reason] {
        (void)esock::receive([](const term& m) { return m.is_atom(esock::atom("go")); }, 10000);
        throw esock::erl_error(reason);
    });
    const term ref = esock::monitor_process(pid);
    esock::send(pid, esock::atom("go"));
    const auto down =
        esock::receive([&](const term& m) { return m.is_tuple(5) && *m.element(1) == ref; }, 10000);
    BOOST_TEST_REQUIRE(down.has_value());
    const term& exit_reason = *down->element(4);
    BOOST_TEST_REQUIRE(exit_reason.is_tuple(2));
    const auto text_length = exit_reason.element(1)->list_length();
    BOOST_TEST_REQUIRE(text_length.has_value());
    BOOST_TEST(*text_length < 4096u);
    BOOST_TEST(wait_spawned_done());
}
