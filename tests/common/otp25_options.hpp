#ifndef ESOCK_TESTS_COMMON_OTP25_OPTIONS_HPP
#define ESOCK_TESTS_COMMON_OTP25_OPTIONS_HPP

// OTP 25's captured getopt/setopt answers (tests/codec/data/otp25_options.txt)
// as the codec and runtime tests replay them: the file's lines in order, and
// the Erlang terms written in those lines.

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <string>
#include <vector>

#include <esock/term.hpp>
#include <esock/term_text.hpp>

namespace esock_test {

/// The lines of otp25_options.txt, in order.
inline std::vector<std::string> otp25_option_lines() {
    const std::string path = ESOCK_SOURCE_ROOT "/tests/codec/data/otp25_options.txt";
    std::ifstream f(path);
    BOOST_TEST_REQUIRE(f.good(), "cannot open " << path);
    std::vector<std::string> out;
    std::string line;
    while (std::getline(f, line))
        out.push_back(line);
    return out;
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
