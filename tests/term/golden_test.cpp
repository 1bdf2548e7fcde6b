// SPDX-License-Identifier: Apache-2.0
// The printer against the table OTP 25 printed (tests/golden/terms.golden,
// made by tests/golden/make_terms_golden.escript): byte for byte, ~w and ~p.

#include <fstream>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include <esock/term.hpp>
#include <esock/term_text.hpp>

using namespace esock;

namespace {

struct golden_entry {
    std::size_t line;
    std::string in;
    std::string w;
    std::string p;
};

std::vector<golden_entry> load_golden() {
    std::ifstream f(ESOCK_SOURCE_ROOT "/tests/golden/terms.golden");
    BOOST_TEST_REQUIRE(f.good(), "cannot open tests/golden/terms.golden");
    std::vector<golden_entry> entries;
    std::string line;
    std::size_t n = 0;
    while (std::getline(f, line)) {
        ++n;
        if (line.starts_with("in: ")) {
            entries.push_back({n, line.substr(4), {}, {}});
        } else if (line.starts_with("w: ") && !entries.empty()) {
            entries.back().w = line.substr(3);
        } else if (line.starts_with("p: ") && !entries.empty()) {
            entries.back().p = line.substr(3);
        }
    }
    return entries;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(golden)

BOOST_AUTO_TEST_CASE(printer_matches_otp_byte_for_byte) {
    const std::vector<golden_entry> entries = load_golden();
    BOOST_TEST_REQUIRE(entries.size() >= 300u);
    std::size_t compared = 0;
    std::size_t bignums = 0;
    for (const auto& e : entries) {
        BOOST_TEST_CONTEXT("terms.golden line " << e.line << ": " << e.in) {
            parse_result r = parse_term(e.in);
            if (!r.ok()) {
                // esock integers are 64-bit; OTP's bignums must be refused
                // clearly, never wrapped.
                BOOST_TEST(r.error.message.find("64-bit range") != std::string::npos,
                           r.error.to_string());
                ++bignums;
                continue;
            }
            BOOST_TEST(format_w(*r.value) == e.w);
            BOOST_TEST(format_p(*r.value) == e.p);
            // What OTP printed with ~w reads back to the same term.
            parse_result again = parse_term(e.w);
            BOOST_TEST(again.ok());
            if (again.ok()) BOOST_TEST((*again.value == *r.value));
            ++compared;
        }
    }
    BOOST_TEST_MESSAGE(compared << " terms compared, " << bignums << " bignums refused");
    BOOST_TEST(compared >= 300u);
}

BOOST_AUTO_TEST_SUITE_END()
