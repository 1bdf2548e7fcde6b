// SPDX-License-Identifier: Apache-2.0
// supports/is_supported against what OTP 25 answered on this platform
// (tests/spec/data/otp25_supports.txt). Every difference must be a listed
// deviation in docs/deviations.md, and every listed one a real difference.
#define BOOST_TEST_MODULE spec_supports
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <esock/error.hpp>
#include <esock/supports.hpp>
#include <esock/term.hpp>
#include <esock/term_text.hpp>

#include "../common/documented_deviations.hpp"
#include "otp_reference.hpp"

using esock::atom;
using esock::lit;
using esock::term;
namespace socket = esock::socket;

namespace {

const std::map<std::string, term>& otp() {
    static const auto data = spec_test::load_otp_supports();
    return data;
}

const term& otp_result(const std::string& label) {
    auto it = otp().find(label);
    BOOST_TEST_REQUIRE((it != otp().end()), "no OTP result for " << label);
    return it->second;
}

std::vector<term> elements(const term& list) {
    auto v = list.list_to_vector();
    BOOST_TEST_REQUIRE(v.has_value(), esock::format_w(list) << " is not a proper list");
    return *v;
}

std::vector<term> sorted(const term& list) {
    auto v = elements(list);
    std::sort(v.begin(), v.end());
    return v;
}

bool canonical_level(const term& level) {
    static const std::set<std::string> levels = {"socket", "ip", "ipv6", "tcp", "udp", "sctp"};
    auto a = level.as_atom();
    return a && levels.count(std::string(a->name())) != 0;
}

// {{Level, Opt}, Bool} lists as a map keyed by "{level,opt}".
std::map<std::string, bool> option_map(const term& list) {
    std::map<std::string, bool> out;
    for (const term& e : elements(list)) {
        out[esock::format_w(*e.element(0))] = e.element(1)->is_atom(esock::atoms::true_);
    }
    return out;
}

// The option keys docs/deviations.md lists in its supports() section as
// `{level,opt}`. None at all means the section is gone: the comparisons
// below would then prove nothing.
const std::set<std::string>& listed_option_deviations() {
    const auto& keys = esock_test::supports_deviation_keys();
    BOOST_TEST_REQUIRE(!keys.empty(), "docs/deviations.md lists no option in a supports() section");
    return keys;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_option_otp_lists_is_known_with_the_same_answer_or_a_listed_deviation) {
    const auto ours = option_map(socket::supports(atom("options")));
    const auto listed = listed_option_deviations();
    std::size_t compared = 0;
    for (const term& e : elements(otp_result("socket:supports(options)"))) {
        const term& key = *e.element(0);
        if (!canonical_level(*key.element(0))) continue;  // the /etc/protocols aliases
        const std::string k = esock::format_w(key);
        const bool theirs = e.element(1)->is_atom(esock::atoms::true_);
        auto it = ours.find(k);
        BOOST_TEST_REQUIRE((it != ours.end()), k << " is missing from supports(options)");
        ++compared;
        if (it->second != theirs) {
            BOOST_TEST(listed.count(k) == 1,
                       k << " is " << it->second << " here but " << theirs
                         << " in OTP 25, and docs/deviations.md does not list it");
        }
    }
    BOOST_TEST(compared == 144U);  // OTP 25's canonical-level options
}

BOOST_AUTO_TEST_CASE(options_otp_does_not_have_are_listed_deviations) {
    std::set<std::string> theirs;
    for (const term& e : elements(otp_result("socket:supports(options)"))) {
        theirs.insert(esock::format_w(*e.element(0)));
    }
    const auto listed = listed_option_deviations();
    for (const auto& [k, supported] : option_map(socket::supports(atom("options")))) {
        if (theirs.count(k) == 0) {
            BOOST_TEST(listed.count(k) == 1, k << " is not in OTP 25's list and not listed");
        }
    }
}

BOOST_AUTO_TEST_CASE(every_listed_option_deviation_is_a_real_difference) {
    const auto ours = option_map(socket::supports(atom("options")));
    std::map<std::string, bool> theirs;
    for (const term& e : elements(otp_result("socket:supports(options)"))) {
        theirs[esock::format_w(*e.element(0))] = e.element(1)->is_atom(esock::atoms::true_);
    }
    for (const auto& k : listed_option_deviations()) {
        auto o = ours.find(k);
        auto t = theirs.find(k);
        const bool differs = o == ours.end() || t == theirs.end() || o->second != t->second;
        BOOST_TEST(differs, k << " is listed in docs/deviations.md but answers as OTP 25 does");
    }
}

BOOST_AUTO_TEST_CASE(alias_levels_are_not_repeated) {
    // One canonical level per option: 'IP', 'TCP', ... are protocols(5)
    // aliases, which OTP 25 repeats every level under (docs/deviations.md).
    for (const term& e : elements(socket::supports(atom("options")))) {
        BOOST_TEST(canonical_level(*e.element(0)->element(0)), esock::format_w(e));
    }
    for (const char* alias : {"'IP'", "'IPv6'", "'TCP'", "'UDP'", "'SCTP'"}) {
        BOOST_TEST(socket::supports(atom("options"), lit(alias)) == esock::nil());
    }
}

BOOST_AUTO_TEST_CASE(level_lists_match_otp_for_canonical_levels) {
    const auto listed = listed_option_deviations();
    for (const char* level : {"socket", "ip", "ipv6", "tcp", "udp", "sctp"}) {
        const term l = atom(level);
        std::map<std::string, bool> theirs;
        for (const term& e :
             elements(otp_result(std::string("socket:supports(options, ") + level + ")"))) {
            theirs[esock::format_w(*e.element(0))] = e.element(1)->is_atom(esock::atoms::true_);
        }
        std::map<std::string, bool> ours;
        for (const term& e : elements(socket::supports(atom("options"), l))) {
            ours[esock::format_w(*e.element(0))] = e.element(1)->is_atom(esock::atoms::true_);
        }
        for (const auto& [opt, b] : ours) {
            const std::string k = std::string("{") + level + "," + opt + "}";
            auto t = theirs.find(opt);
            if (t == theirs.end() || t->second != b) {
                BOOST_TEST(listed.count(k) == 1, k << " differs and is not listed");
            }
        }
        for (const auto& [opt, b] : theirs) {
            BOOST_TEST(ours.count(opt) == 1, level << " lacks " << opt);
        }
    }
}

BOOST_AUTO_TEST_CASE(flag_and_ioctl_lists_equal_otps) {
    for (const char* key : {"msg_flags", "ioctl_requests", "ioctl_flags"}) {
        const auto ours = sorted(socket::supports(atom(key)));
        const auto theirs = sorted(otp_result(std::string("socket:supports(") + key + ")"));
        BOOST_TEST(
            esock::format_w(esock::list_from(ours)) == esock::format_w(esock::list_from(theirs)),
            key);
    }
}

BOOST_AUTO_TEST_CASE(protocols_are_the_protocol_database_names_and_aliases) {
    const auto ours = sorted(socket::supports(atom("protocols")));
    const auto theirs = sorted(otp_result("socket:supports(protocols)"));
    BOOST_TEST(esock::format_w(esock::list_from(ours)) ==
               esock::format_w(esock::list_from(theirs)));
}

BOOST_AUTO_TEST_CASE(supports_0_has_otps_keys_in_otps_order_and_features) {
    std::vector<std::string> our_keys;
    for (const term& e : elements(socket::supports())) {
        our_keys.push_back(esock::format_w(*e.element(0)));
    }
    std::vector<std::string> their_keys;
    for (const term& e : elements(otp_result("socket:supports()"))) {
        their_keys.push_back(esock::format_w(*e.element(0)));
        if (e.element(1)->is_boolean()) {
            // sctp, ipv6, local, netns, sendfile
            BOOST_TEST(socket::is_supported(*e.element(0)) == *e.element(1), esock::format_w(e));
        }
    }
    BOOST_TEST(our_keys == their_keys, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(other_keys_give_empty_lists) {
    for (const char* label : {"socket:supports(foo)", "socket:supports(sctp)",
                              "socket:supports(ipv6)", "socket:supports(local)"}) {
        BOOST_TEST(otp_result(label) == esock::nil());
    }
    BOOST_TEST(socket::supports(atom("foo")) == esock::nil());
    BOOST_TEST(socket::supports(atom("sctp")) == esock::nil());
    BOOST_TEST(socket::supports(atom("options"), atom("otp")) == esock::nil());
    BOOST_TEST(socket::supports(atom("options"), atom("nonexistent_level")) == esock::nil());
    BOOST_TEST(socket::supports(atom("options"), term(0)) == esock::nil());
    BOOST_TEST(socket::supports(atom("foo"), atom("bar")) == esock::nil());
    BOOST_TEST(socket::supports(atom("protocols"), atom("tcp")) == esock::nil());
}

// Every is_supported call OTP 25 was asked, with its arguments taken from
// the label: the same answer, except the alias levels this design drops.
BOOST_AUTO_TEST_CASE(is_supported_answers_as_otp_25) {
    const auto listed = listed_option_deviations();
    std::size_t checked = 0;
    for (const auto& [label, expected] : otp()) {
        if (!label.starts_with("socket:is_supported(")) continue;
        const std::string inner =
            label.substr(std::string("socket:is_supported(").size(),
                         label.size() - std::string("socket:is_supported(").size() - 1);
        auto parsed = esock::parse_term("[" + inner + "]");
        BOOST_TEST_REQUIRE(parsed.ok(), label);
        const auto args = elements(*parsed.value);
        term got;
        try {
            if (args.size() == 1) got = socket::is_supported(args[0]);
            if (args.size() == 2) got = socket::is_supported(args[0], args[1]);
            if (args.size() == 3) got = socket::is_supported(args[0], args[1], args[2]);
        } catch (const esock::erl_error& e) {
            got = esock::tuple(atom("crash"), esock::tuple(esock::atoms::error, e.reason()));
        }
        ++checked;
        const bool alias =
            args.size() == 2 && args[0].is_atom(atom("options")) && args[1].is_tuple(2) &&
            !canonical_level(*args[1].element(0)) && args[1].element(0)->is_atom() &&
            std::isupper(static_cast<unsigned char>(args[1].element(0)->as_atom()->name()[0]));
        std::string option_key;
        if (args.size() == 2 && args[0].is_atom(atom("options")) && args[1].is_tuple(2)) {
            option_key = esock::format_w(args[1]);
        } else if (args.size() == 3 && args[1].is_atom() && args[2].is_atom()) {
            option_key = esock::format_w(esock::tuple(args[1], args[2]));
        }
        if (alias) {
            BOOST_TEST(got == esock::boolean(false), label << " (alias level)");
        } else if (listed.count(option_key) == 1) {
            BOOST_TEST(got == esock::boolean(expected == esock::boolean(false)),
                       label << " is a listed deviation, so the answer is the opposite");
        } else {
            BOOST_TEST(esock::format_w(got) == esock::format_w(expected), label);
        }
    }
    BOOST_TEST(checked == 57U);
}

BOOST_AUTO_TEST_CASE(is_supported_3_needs_options_and_atoms) {
    BOOST_TEST(socket::is_supported(atom("options"), atom("socket"), atom("reuseaddr")) ==
               esock::boolean(true));
    BOOST_CHECK_THROW((void)socket::is_supported(atom("options"), atom("socket"), term(2)),
                      esock::erl_error);
    BOOST_CHECK_THROW((void)socket::is_supported(atom("msg_flags"), atom("peek"), atom("x")),
                      esock::erl_error);
    try {
        (void)socket::is_supported(atom("options"), term(1), atom("x"));
        BOOST_FAIL("no exception");
    } catch (const esock::erl_error& e) {
        BOOST_TEST(e.reason() == term(esock::atoms::function_clause));
    }
}

BOOST_AUTO_TEST_CASE(peek_off_is_unsupported_even_though_linux_has_it) {
    BOOST_TEST(socket::is_supported(atom("options"), lit("{socket,peek_off}")) ==
               esock::boolean(false));
}

BOOST_AUTO_TEST_CASE(otp_level_options_are_not_listed) {
    for (const term& e : elements(socket::supports(atom("options")))) {
        BOOST_TEST(!e.element(0)->element(0)->is_atom(esock::atoms::otp));
    }
    BOOST_TEST(socket::is_supported(atom("options"), lit("{otp,rcvbuf}")) == esock::boolean(false));
}
