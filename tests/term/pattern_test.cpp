// SPDX-License-Identifier: Apache-2.0
// The public pattern matcher: '_' matches anything, everything else must be
// exactly equal, shapes and lengths included.

#include <boost/test/unit_test.hpp>

#include <esock/pattern.hpp>
#include <esock/term.hpp>
#include <esock/term_text.hpp>

using namespace esock;

BOOST_AUTO_TEST_SUITE(patterns)

BOOST_AUTO_TEST_CASE(wildcards_match_anything_and_the_rest_must_be_equal) {
    BOOST_TEST(matches(lit("{ok, <<\"x\">>}"), lit("{ok, '_'}")));
    BOOST_TEST(matches(lit("{ok, [1, 2]}"), lit("'_'")));
    BOOST_TEST(!matches(lit("{error, closed}"), lit("{ok, '_'}")));
    BOOST_TEST(!matches(lit("{ok, 1, 2}"), lit("{ok, '_'}")));
    BOOST_TEST(!matches(lit("1.0"), lit("1")));  // =:=, not ==
    BOOST_TEST(matches(lit("[a, {b, c}]"), lit("[a, {'_', c}]")));
    BOOST_TEST(!matches(lit("[a, b, c]"), lit("[a, '_']")));
    BOOST_TEST(!matches(lit("[a]"), lit("[a, '_']")));
    BOOST_TEST(matches(lit("[a, b, c]"), lit("[a | '_']")));  // a wildcard tail
    BOOST_TEST(!matches(lit("a"), lit("[a]")));
}

BOOST_AUTO_TEST_CASE(map_patterns_take_exactly_their_keys) {
    BOOST_TEST(matches(lit("#{a => 1, b => 2}"), lit("#{a => '_', b => 2}")));
    BOOST_TEST(!matches(lit("#{a => 1, b => 2, c => 3}"), lit("#{a => '_', b => 2}")));
    BOOST_TEST(!matches(lit("#{a => 1}"), lit("#{a => '_', b => 2}")));
    BOOST_TEST(!matches(lit("#{a => 1, c => 2}"), lit("#{a => '_', b => '_'}")));
}

BOOST_AUTO_TEST_CASE(a_pattern_is_a_receive_predicate) {
    const pattern select("{'$socket', '_', select, '_'}");
    BOOST_TEST(select(lit("{'$socket', {'$socket', foo}, select, bar}")));
    BOOST_TEST(!select(lit("{'$socket', {'$socket', foo}, abort, {bar, closed}}")));
    BOOST_TEST(pattern(lit("'_'"))(lit("anything")));
    BOOST_CHECK_THROW(pattern("{unclosed"), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(a_deep_term_against_a_shallow_pattern_costs_no_depth) {
    // The walk follows the pattern: a term nested far deeper than any
    // pattern is compared only as deep as the pattern goes.
    term deep = nil();
    for (int i = 0; i < 2000; ++i)
        deep = tuple(std::move(deep));
    BOOST_TEST(matches(tuple(atoms::ok, deep), lit("{ok, '_'}")));
    BOOST_TEST(!matches(tuple(atoms::ok, deep), lit("{ok, {{{x}}}}")));
}

BOOST_AUTO_TEST_CASE(deep_patterns_match_without_recursion) {
    // A pattern built by a caller may nest any depth (only parsed ones are
    // bounded): a million levels of tuples, lists and maps, with a
    // wildcard or a difference at the bottom.
    constexpr int depth = 1'000'000;
    auto nest = [](term inner, int kind) {
        for (int i = 0; i < depth; ++i) {
            if (kind == 0) {
                inner = tuple(std::move(inner));
            } else if (kind == 1) {
                inner = list(std::move(inner), 1);
            } else {
                inner = map({{term(atom("k")), std::move(inner)}});
            }
        }
        return inner;
    };
    for (int kind = 0; kind < 3; ++kind) {
        const term t = nest(term(7), kind);
        BOOST_TEST(matches(t, nest(atom("_"), kind)));
        BOOST_TEST(matches(t, nest(term(7), kind)));
        BOOST_TEST(!matches(t, nest(term(8), kind)));
    }
}

BOOST_AUTO_TEST_SUITE_END()
