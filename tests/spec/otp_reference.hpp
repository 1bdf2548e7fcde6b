// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_TESTS_SPEC_OTP_REFERENCE_HPP
#define ESOCK_TESTS_SPEC_OTP_REFERENCE_HPP

// Reads tests/spec/data/otp25_supports.txt: what Erlang/OTP 25's
// supports/is_supported returned on Linux, as `LABEL =>` followed by the
// result printed with ~p and a blank line.

#include <fstream>
#include <map>
#include <string>

#include <boost/test/unit_test.hpp>

#include <esock/term.hpp>
#include <esock/term_text.hpp>

namespace spec_test {

inline std::map<std::string, esock::term> load_otp_supports() {
    std::ifstream f(ESOCK_SOURCE_ROOT "/tests/spec/data/otp25_supports.txt");
    BOOST_TEST_REQUIRE(f.good(), "cannot open tests/spec/data/otp25_supports.txt");
    std::map<std::string, esock::term> out;
    std::string line;
    std::string label;
    std::string body;
    auto flush = [&] {
        if (label.empty()) return;
        esock::parse_result r = esock::parse_term(body);
        BOOST_TEST_REQUIRE(r.ok(), label << ": " << r.error.to_string());
        out.emplace(label, *r.value);
        label.clear();
        body.clear();
    };
    while (std::getline(f, line)) {
        if (line.size() > 3 && line.ends_with(" =>")) {
            flush();
            label = line.substr(0, line.size() - 3);
        } else if (line.empty()) {
            flush();
        } else if (!label.empty()) {
            body += line;
            body += '\n';
        }
    }
    flush();
    return out;
}

}  // namespace spec_test

#endif  // ESOCK_TESTS_SPEC_OTP_REFERENCE_HPP
