// SPDX-License-Identifier: Apache-2.0
// Printer properties that a table cannot show: every double reads back, and
// the quoting rules hold for every latin-1 character.

#include <bit>
#include <charconv>
#include <random>

#include <boost/test/unit_test.hpp>

#include <esock/term.hpp>
#include <esock/term_text.hpp>

using namespace esock;

BOOST_AUTO_TEST_SUITE(print)

BOOST_AUTO_TEST_CASE(every_printed_float_reads_back_exactly) {
    std::mt19937_64 rng(12345);
    for (int i = 0; i < 200000; ++i) {
        double d = std::bit_cast<double>(rng());
        if (!std::isfinite(d)) continue;
        std::string text = format_w(term(d));
        parse_result r = parse_term(text);
        BOOST_TEST_REQUIRE(r.ok(), text << ": " << r.error.to_string());
        BOOST_TEST_REQUIRE(r.value->as_float().has_value(), text);
        BOOST_TEST_REQUIRE(
            std::bit_cast<std::uint64_t>(*r.value->as_float()) == std::bit_cast<std::uint64_t>(d),
            text);
    }
}

BOOST_AUTO_TEST_CASE(integers_at_the_edges) {
    BOOST_TEST(format_w(term(INT64_MIN)) == "-9223372036854775808");
    BOOST_TEST(format_w(term(INT64_MAX)) == "9223372036854775807");
}

BOOST_AUTO_TEST_CASE(bare_atoms_print_bare_and_read_back_for_every_latin1_char) {
    for (std::uint32_t c = 1; c < 256; ++c) {
        std::string name = "a";
        if (c < 0x80) {
            name.push_back(static_cast<char>(c));
        } else {
            name.push_back(static_cast<char>(0xC0 | (c >> 6)));
            name.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        }
        term a = atom(name);
        std::string text = format_w(a);
        parse_result r = parse_term(text);
        BOOST_TEST_REQUIRE(r.ok(), "char " << c << " printed as " << text);
        BOOST_TEST_REQUIRE((*r.value == a), "char " << c << " printed as " << text);
    }
}

BOOST_AUTO_TEST_CASE(maps_larger_than_32_keys_print_in_key_order) {
    // OTP prints such maps in its internal hash order; esock uses key order
    // (docs/deviations.md).
    std::vector<map_entry> entries;
    for (int i = 40; i > 0; --i)
        entries.push_back({term(i), term(i)});
    std::string text = format_w(map_from(entries));
    BOOST_TEST(text.starts_with("#{1 => 1,2 => 2,3 => 3,"));
    BOOST_TEST(text.ends_with(",40 => 40}"));
}

BOOST_AUTO_TEST_CASE(pretty_form_only_changes_strings_and_binaries) {
    term t = lit("{\"ab\", <<\"cd\">>, [1,2], <<1,2>>, 'q q', 1.5, []}");
    BOOST_TEST(format_w(t) == "{[97,98],<<99,100>>,[1,2],<<1,2>>,'q q',1.5,[]}");
    BOOST_TEST(format_p(t) == "{\"ab\",<<\"cd\">>,[1,2],<<1,2>>,'q q',1.5,[]}");
}

BOOST_AUTO_TEST_SUITE_END()
