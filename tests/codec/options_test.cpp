// SPDX-License-Identifier: Apache-2.0
// getopt/setopt of the OS levels through the generated option table, on
// real sockets, against what OTP 25 returned on this platform
// (tests/codec/data/otp25_options.txt, sections A to C): every line for the
// six socket kinds gives the same result, except options docs/deviations.md
// lists (OTP 25 did not wire them up) and string values, which esock returns
// without OTP's NUL padding. The protocols(5) alias levels ('IP', 'TCP', ...)
// answer as their canonical levels, as in OTP. The otp level belongs to the
// socket layer and is tested there.
#define BOOST_TEST_MODULE codec_options
#include <boost/test/unit_test.hpp>

#include <cctype>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <esock/error.hpp>
#include <esock/socket.hpp>
#include <esock/term.hpp>
#include <esock/term_text.hpp>

#include "../common/documented_deviations.hpp"
#include "../common/host.hpp"
#include "../common/kernel_answers.hpp"
#include "../common/otp25_options.hpp"
#include "codec/options.hpp"
#include "codec/tables.hpp"

using esock::lit;
using esock::term;
using esock_test::otp25_option_lines;
using esock_test::parse_captured;
namespace so = esock::socket;

namespace {

// The option's value type is a string (docs/deviations.md: esock stops at
// the NUL where OTP 25 returns the whole C buffer).
bool string_option(const term& opt) {
    const auto level = opt.element(0)->as_atom();
    const auto name = opt.element(1)->as_atom();
    if (!level || !name) return false;
    const esock::codec::option_info* info =
        esock::codec::find_option(esock::codec::canonical_level(level->name()), name->name());
    return info != nullptr && info->type != nullptr && info->type->kind == "string";
}

// {ok, Chars} with Chars cut at the first NUL.
term without_nul(const term& expected) {
    if (!expected.is_tuple(2) || !expected.element(0)->is_atom(esock::atoms::ok)) return expected;
    auto chars = expected.element(1)->list_to_vector();
    if (!chars) return expected;
    std::vector<term> out;
    for (const term& c : *chars) {
        if (c.as_int() == 0) break;
        out.push_back(c);
    }
    return esock::tuple(esock::atoms::ok, esock::list_from(std::move(out)));
}

bool skipped(const term& opt) {
    return opt.element(0)->is_atom(esock::atoms::otp) ||
           esock_test::supports_deviation_keys().count(esock::format_w(opt)) != 0;
}

// The socket of a section header "%% ---- socket:open(D, T, P) => {ok,...}".
std::optional<term> open_for(const std::string& header) {
    const auto open = header.find("socket:open(");
    const auto close = header.find(") =>", open);
    if (open == std::string::npos || close == std::string::npos) return std::nullopt;
    if (header.find("{ok,") == std::string::npos) return std::nullopt;  // sctp: unavailable
    const term args = parse_captured("[" + header.substr(open + 12, close - open - 12) + "]");
    const auto a = *args.list_to_vector();
    term r = so::open(a[0], a[1], a[2]);
    BOOST_TEST_REQUIRE(r.element(0)->is_atom(esock::atoms::ok),
                       header << ": " << esock::format_w(r));
    return *r.element(1);
}

void check(const std::string& what, const term& opt, const term& got, const term& expected) {
    const term want = string_option(opt) ? without_nul(expected) : expected;
    BOOST_TEST(esock::format_p(got) == esock::format_p(want),
               what << " gave " << esock::format_p(got));
}

// As check, but where the recording's answer is an errno the kernel gave,
// the expected answer is this host kernel's to the same bare call on `s`
// (value == nullptr: getopt), asked after esock's call (which, failing,
// changed nothing).
// Returns false when this host's kernel refused a setopt the recording's
// accepted: what the recording read back after it no longer applies.
bool check_call(const std::string& what, const term& s, const term& opt, const term* value,
                const term& got, const term& expected) {
    // The recording's kernel accepted a setopt this host's kernel refuses
    // (a multicast group without a route in a namespace, ...): esock must
    // pass on this kernel's errno.
    const bool refused_here =
        value != nullptr && expected == term(esock::atoms::ok) && esock_test::is_kernel_error(got);
    if (!esock_test::is_kernel_error(expected) && !refused_here) {
        check(what, opt, got, expected);
        return true;
    }
    const std::optional<term> kernel = esock_test::kernel_answer(s, opt, value);
    BOOST_TEST_REQUIRE(kernel.has_value(),
                       what << ": recorded as a kernel error, but this host's kernel accepts the "
                               "bare call (esock gave "
                            << esock::format_p(got) << ")");
    check(what + " (this host's kernel: " + esock::format_p(*kernel) + ")", opt, got, *kernel);
    return !refused_here;
}

}  // namespace

BOOST_AUTO_TEST_CASE(getopt_of_every_option_on_six_socket_kinds_answers_as_otp_25) {
    std::optional<term> s;
    bool in_a = false;
    std::size_t compared = 0;
    for (const std::string& line : otp25_option_lines()) {
        if (line.starts_with("%% ===== A.")) in_a = true;
        if (line.starts_with("%% ===== B.")) break;
        if (!in_a) continue;
        if (line.starts_with("%% ---- ")) {
            if (s) (void)so::close(*s);
            s = open_for(line);
            continue;
        }
        const auto arrow = line.find(" => ");
        if (!s || arrow == std::string::npos || !line.starts_with("{")) continue;
        const term opt = parse_captured(line.substr(0, arrow));
        if (skipped(opt)) continue;
        (void)check_call(line, *s, opt, nullptr, so::getopt(*s, opt),
                         parse_captured(line.substr(arrow + 4)));
        ++compared;
    }
    if (s) (void)so::close(*s);
    BOOST_TEST(compared > 600U);
}

BOOST_AUTO_TEST_CASE(setopt_then_getopt_sequences_answer_as_otp_25) {
    std::optional<term> s;
    bool in_b = false;
    std::size_t compared = 0;
    const std::regex set_line("^SET (\\{[^}]*\\}) (.*) => (.*) \\| GET => (.*)$");
    for (const std::string& line : otp25_option_lines()) {
        if (line.starts_with("%% ===== B.")) in_b = true;
        if (line.starts_with("%% ===== C.")) break;
        if (!in_b) continue;
        if (line.starts_with("%% ---- ")) {
            if (s) (void)so::close(*s);
            s = open_for(line);
            continue;
        }
        if (!s) continue;
        if (line == "bind(S, 127.0.0.1:0) => ok") {
            BOOST_TEST_REQUIRE(
                so::bind(*s, lit("#{family => inet, addr => {127,0,0,1}, port => 0}")) ==
                term(esock::atoms::ok));
            continue;
        }
        if (line == "bind(S, ::1:0) => ok") {
            if (!esock_test::has_ipv6_loopback()) {
                BOOST_TEST_MESSAGE(
                    "skipping the rest of this section: it binds to ::1, which "
                    "this host cannot");
                (void)so::close(*s);
                s.reset();
                continue;
            }
            BOOST_TEST_REQUIRE(
                so::bind(*s, lit("#{family => inet6, addr => {0,0,0,0,0,0,0,1}, port => 0}")) ==
                term(esock::atoms::ok));
            continue;
        }
        std::smatch m;
        if (!std::regex_match(line, m, set_line)) continue;
        const term opt = parse_captured(m[1].str());
        if (skipped(opt)) continue;
        const term value = parse_captured(m[2].str());
        if (!check_call(line + " (set)", *s, opt, &value, so::setopt(*s, opt, value),
                        parse_captured(m[3].str()))) {
            BOOST_TEST_MESSAGE(line << ": this host's kernel refused the set, so the recorded "
                                       "read-back is not compared");
            continue;
        }
        check_call(line + " (get)", *s, opt, nullptr, so::getopt(*s, opt),
                   parse_captured(m[4].str()));
        ++compared;
    }
    if (s) (void)so::close(*s);
    BOOST_TEST(compared > 100U);
}

BOOST_AUTO_TEST_CASE(bad_inputs_answer_as_otp_25) {
    // T is an inet stream (tcp) socket, U an inet dgram (udp) one.
    term t = *so::open(esock::atoms::inet, esock::atoms::stream, esock::atoms::tcp).element(1);
    term u = *so::open(esock::atoms::inet, esock::atoms::dgram, esock::atoms::udp).element(1);
    bool in_c = false;
    std::size_t compared = 0;
    const std::regex call("^(getopt|setopt)\\(([TU]), (\\{[^}]*\\})(, (.*))?\\) => (.*)$");
    const std::regex wrong("^(getopt|setopt) ([TU]) (\\{[^}]*\\}) => (.*)$");
    for (const std::string& line : otp25_option_lines()) {
        if (line.starts_with("%% ===== C.")) in_c = true;
        if (!in_c) continue;
        std::smatch m;
        std::string fn, sock, opt_text, value_text, expected_text;
        if (std::regex_match(line, m, call)) {
            fn = m[1];
            sock = m[2];
            opt_text = m[3];
            value_text = m[5];
            expected_text = m[6];
        } else if (std::regex_match(line, m, wrong)) {
            fn = m[1];
            sock = m[2];
            opt_text = m[3];
            value_text = "true";
            expected_text = m[4];
        } else {
            continue;
        }
        if (expected_text.starts_with("{crash,")) continue;  // otp level: the socket layer's
        const term opt = parse_captured(opt_text);
        if (skipped(opt)) continue;
        const term& s = sock == "T" ? t : u;
        const term value = fn == "getopt" ? term() : parse_captured(value_text);
        const term got = fn == "getopt" ? so::getopt(s, opt) : so::setopt(s, opt, value);
        (void)check_call(line, s, opt, fn == "getopt" ? nullptr : &value, got,
                         parse_captured(expected_text));
        ++compared;
    }
    (void)so::close(t);
    (void)so::close(u);
    BOOST_TEST(compared > 60U);
}

BOOST_AUTO_TEST_CASE(known_option_knows_the_os_levels_only) {
    BOOST_TEST(esock::codec::known_option(lit("{socket,reuseaddr}")));
    BOOST_TEST(esock::codec::known_option(lit("{tcp,info}")));  // unusable, but known
    BOOST_TEST(!esock::codec::known_option(lit("{otp,rcvbuf}")));
    BOOST_TEST(!esock::codec::known_option(lit("{socket,foo}")));
    BOOST_TEST(esock::codec::known_option(lit("{'IP',tos}")));  // protocols(5) alias
    BOOST_TEST(!esock::codec::known_option(lit("{'HOPOPT',tos}")));
    BOOST_TEST(!esock::codec::known_option(lit("foo")));
}
