// SPDX-License-Identifier: Apache-2.0
// inet's address functions and format_error/1 against every line OTP 25
// printed for them (tests/inet/data/otp25_inet.txt, sections 01 to 06).
#define BOOST_TEST_MODULE inet_addresses
#include <boost/test/unit_test.hpp>

#include <functional>
#include <map>
#include <string>

#include <esock/inet.hpp>
#include <esock/term_text.hpp>

#include "replay.hpp"

namespace {

using esock::term;
using inet_test::captured;
using inet_test::check_line;
using inet_test::run;
namespace inet = esock::inet;

const std::map<std::string, std::function<term(const term&)>>& one_arg_functions() {
    static const std::map<std::string, std::function<term(const term&)>> fs = {
        {"parse_address", inet::parse_address},
        {"parse_strict_address", inet::parse_strict_address},
        {"parse_ipv4_address", inet::parse_ipv4_address},
        {"parse_ipv4strict_address", inet::parse_ipv4strict_address},
        {"parse_ipv6_address", inet::parse_ipv6_address},
        {"parse_ipv6strict_address", inet::parse_ipv6strict_address},
        {"ntoa", inet::ntoa},
        {"is_ip_address", inet::is_ip_address},
        {"is_ipv4_address", inet::is_ipv4_address},
        {"is_ipv6_address", inet::is_ipv6_address},
        {"ipv4_mapped_ipv6_address", inet::ipv4_mapped_ipv6_address},
        {"format_error", inet::format_error},
    };
    return fs;
}

// The argument of a label "name(Arg)" and the name, or false.
bool split_call(const std::string& label, std::string& name, std::string& arg) {
    const auto open = label.find('(');
    if (open == std::string::npos || label.back() != ')') return false;
    name = label.substr(0, open);
    arg = label.substr(open + 1, label.size() - open - 2);
    return one_arg_functions().count(name) != 0;
}

// Section 05: parse_address(ntoa(A)) =:= X and ntoa(parse_address(S)).
bool round_trip(const captured& c) {
    const std::string p1 = "parse_address(ntoa(";
    const std::string p2 = "ntoa(parse_address(";
    if (c.label.rfind(p1, 0) == 0) {
        const term a = esock_test::parse_captured(
            c.label.substr(p1.size(), c.label.find(")) =:= X") - p1.size()));
        check_line(c, run([&] {
                       const term s = inet::ntoa(a);
                       const term parsed = inet::parse_address(s);
                       return esock::tuple(
                           s, parsed, esock::boolean(parsed == esock::tuple(esock::atoms::ok, a)));
                   }));
        return true;
    }
    if (c.label.rfind(p2, 0) == 0) {
        const term s =
            esock_test::parse_captured(c.label.substr(p2.size(), c.label.size() - p2.size() - 2));
        check_line(c, run([&] { return inet::ntoa(*inet::parse_address(s).element(1)); }));
        return true;
    }
    return false;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_captured_address_and_error_line_is_reproduced) {
    int replayed = 0;
    int in_sections = 0;
    for (const captured& c : inet_test::captured_lines("otp25_inet.txt")) {
        if (c.section < 1 || c.section > 6) continue;
        ++in_sections;
        std::string name;
        std::string arg;
        if (round_trip(c)) {
            ++replayed;
        } else if (split_call(c.label, name, arg)) {
            const term a = esock_test::parse_captured(arg);
            check_line(c, run([&] { return one_arg_functions().at(name)(a); }));
            ++replayed;
        } else if (c.label == "ipv4_mapped_ipv6_address twice ({10,1,2,3})") {
            check_line(c, run([] {
                           return inet::ipv4_mapped_ipv6_address(
                               inet::ipv4_mapped_ipv6_address(esock::lit("{10,1,2,3}")));
                       }));
            ++replayed;
        } else {
            BOOST_ERROR("line " << c.line << ": no way to replay " << c.label);
        }
    }
    BOOST_TEST(replayed == in_sections);
    // Every line of sections 01 to 06 of the file.
    BOOST_TEST(replayed == 863);
}

BOOST_AUTO_TEST_CASE(the_corners_of_every_parser_are_otp_25s) {
    // tests/inet/data/otp25_parse_more.txt: relaxed IPv4 corners, scope ids,
    // embedded IPv4, and lists of other elements or with other tails.
    int replayed = 0;
    for (const captured& c : inet_test::captured_lines("otp25_parse_more.txt")) {
        std::string name;
        std::string arg;
        BOOST_TEST_REQUIRE(split_call(c.label, name, arg), c.label);
        const term a = esock_test::parse_captured(arg);
        check_line(c, run([&] { return one_arg_functions().at(name)(a); }));
        ++replayed;
    }
    BOOST_TEST(replayed == 769);
}
