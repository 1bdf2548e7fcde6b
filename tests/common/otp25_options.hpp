// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_TESTS_COMMON_OTP25_OPTIONS_HPP
#define ESOCK_TESTS_COMMON_OTP25_OPTIONS_HPP

// OTP 25's captured answers as the tests replay them: a capture file's
// lines in order (the getopt/setopt answers of
// tests/codec/data/otp25_options.txt, and others), and the Erlang terms
// written in those lines.

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <string>
#include <vector>

#include <esock/term.hpp>
#include <esock/term_text.hpp>

namespace esock_test {

/// The lines of a file of captured answers, `relative_path` relative to the
/// repository, in order.
inline std::vector<std::string> captured_lines(const std::string& relative_path) {
    const std::string path = ESOCK_SOURCE_ROOT "/" + relative_path;
    std::ifstream f(path);
    BOOST_TEST_REQUIRE(f.good(), "cannot open " << path);
    std::vector<std::string> out;
    std::string line;
    while (std::getline(f, line))
        out.push_back(line);
    return out;
}

/// The lines of otp25_options.txt, in order.
inline std::vector<std::string> otp25_option_lines() {
    return captured_lines("tests/codec/data/otp25_options.txt");
}

/// The term `text` writes (a captured call's arguments or answer); a text
/// that does not parse fails the test.
inline esock::term parse_captured(const std::string& text) {
    esock::parse_result r = esock::parse_term(text);
    BOOST_TEST_REQUIRE(r.ok(), text << ": " << r.error.to_string());
    return *r.value;
}

}  // namespace esock_test

#endif  // ESOCK_TESTS_COMMON_OTP25_OPTIONS_HPP
