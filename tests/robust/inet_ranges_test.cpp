// inet:getservbyport/2 with ports out of 0..65535, replayed against what
// OTP 25 answered (the servbyport lines of
// tests/golden/otp25_api_int_ranges.txt): outside the range OTP answers
// {error, einval} itself; inside it the services database of this host
// decides, and the test asks it.
#define BOOST_TEST_MODULE robust_inet_ranges
#include <boost/test/unit_test.hpp>

#include <netdb.h>
#include <netinet/in.h>

#include <fstream>
#include <string>

#include <esock/inet.hpp>
#include <esock/term_text.hpp>

BOOST_AUTO_TEST_CASE(getservbyport_out_of_range_is_einval) {
    std::ifstream in(ESOCK_SOURCE_ROOT "/tests/golden/otp25_api_int_ranges.txt");
    BOOST_TEST_REQUIRE(in.good());
    std::string line;
    int checked = 0;
    while (std::getline(in, line)) {
        if (line.rfind("servbyport ", 0) != 0) continue;
        const auto colon = line.find(": ");
        const std::int64_t port = std::stoll(line.substr(11, colon - 11));
        std::string expected = line.substr(colon + 2);
        if (port >= 0 && port <= 0xffff) {
            servent* s = ::getservbyport(htons(static_cast<std::uint16_t>(port)), "tcp");
            expected = s == nullptr ? "{error,einval}"
                                    : esock::format_w(esock::tuple(
                                          esock::atoms::ok, esock::latin1_string(s->s_name)));
        }
        const std::string got =
            esock::format_w(esock::inet::getservbyport(esock::term(port), esock::atom("tcp")));
        BOOST_TEST(got == expected, "getservbyport(" << port << ", tcp)");
        ++checked;
    }
    BOOST_TEST(checked > 10);
}
