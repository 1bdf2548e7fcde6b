// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_TESTS_INET_REPLAY_HPP
#define ESOCK_TESTS_INET_REPLAY_HPP

// Reading OTP 25's captured inet lines (`Label => Result`, sections headed
// `%% ===== NN title =====`) and comparing esock's answers with them.

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <esock/error.hpp>
#include <esock/term.hpp>
#include <esock/term_text.hpp>

#include "../common/otp25_options.hpp"
#include "../common/outcome.hpp"

namespace inet_test {

using esock::term;

/// One captured line: its section number, label and result text.
struct captured {
    int section = 0;
    std::string label;
    std::string result;
    int line = 0;
};

/// The `Label => Result` lines of a data file under tests/inet/data/.
inline std::vector<captured> captured_lines(const std::string& file) {
    const std::string path = ESOCK_SOURCE_ROOT "/tests/inet/data/" + file;
    std::ifstream f(path);
    BOOST_TEST_REQUIRE(f.good(), "cannot open " << path);
    std::vector<captured> out;
    std::string line;
    int section = 0;
    int number = 0;
    while (std::getline(f, line)) {
        ++number;
        if (line.rfind("%% ===== ", 0) == 0) {
            section = std::stoi(line.substr(9, 2));
            continue;
        }
        if (line.empty() || line.rfind("%%", 0) == 0) continue;
        const auto arrow = line.find(" => ");
        BOOST_TEST_REQUIRE(arrow != std::string::npos, path << ":" << number << ": no =>");
        out.push_back({section, line.substr(0, arrow), line.substr(arrow + 4), number});
    }
    return out;
}

using esock_test::outcome;
using esock_test::run;

/// The outcome OTP printed: a result, or {crash, {Class, Reason}} for an
/// exception (esock raises every class as erl_error with the reason).
inline outcome expected_outcome(const std::string& text) {
    const term t = esock_test::parse_captured(text);
    if (t.is_tuple(2) && t.element(0)->is_atom(esock::atom("crash")) && t.element(1)->is_tuple(2)) {
        return {std::nullopt, *t.element(1)->element(1)};
    }
    return {t, std::nullopt};
}

inline std::string describe(const outcome& o) {
    if (o.raised) return "raises " + esock::format_p(*o.raised);
    return esock::format_p(*o.value);
}

/// Checks `got` against the captured line.
inline void check_line(const captured& c, const outcome& got) {
    const outcome want = expected_outcome(c.result);
    const bool same = want.raised ? (got.raised && *got.raised == *want.raised)
                                  : (got.value && *got.value == *want.value);
    BOOST_TEST(same, "line " << c.line << ": " << c.label << " => " << describe(got)
                             << ", OTP 25: " << c.result);
}

}  // namespace inet_test

#endif  // ESOCK_TESTS_INET_REPLAY_HPP
