// SPDX-License-Identifier: Apache-2.0
// `esock supports [KEY [LEVEL]]` prints what erl's ~p prints for the same
// answer: the sorted sections of OTP 25's output (our lists are in the same
// order) come out byte for byte.
#define BOOST_TEST_MODULE spec_supports_cmd
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../../tools/esock/supports_cmd.hpp"

namespace {

struct run_result {
    int status;
    std::string out;
    std::string err;
};

run_result run(std::vector<std::string_view> args) {
    std::ostringstream out;
    std::ostringstream err;
    const int status = esock::tools::supports_command(args, out, err);
    return {status, out.str(), err.str()};
}

// The text OTP printed under `label =>`, up to the blank line.
std::string otp_text(const std::string& label) {
    std::ifstream f(ESOCK_SOURCE_ROOT "/tests/spec/data/otp25_supports.txt");
    BOOST_TEST_REQUIRE(f.good());
    std::string line;
    std::string text;
    bool inside = false;
    while (std::getline(f, line)) {
        if (inside) {
            if (line.empty()) break;
            text += line + "\n";
        } else if (line == label + " =>") {
            inside = true;
        }
    }
    BOOST_TEST_REQUIRE(!text.empty(), "no " << label);
    return text;
}

}  // namespace

BOOST_AUTO_TEST_CASE(lists_are_laid_out_as_erl_prints_them) {
    BOOST_TEST(run({"msg_flags"}).out == otp_text("socket:supports(msg_flags) SORTED"));
    BOOST_TEST(run({"ioctl_flags"}).out == otp_text("socket:supports(ioctl_flags) SORTED"));
    BOOST_TEST(run({"ioctl_requests"}).out == otp_text("socket:supports(ioctl_requests) SORTED"));
    BOOST_TEST(run({"protocols"}).out == otp_text("socket:supports(protocols) SORTED"));
    BOOST_TEST(run({"options", "udp"}).out == otp_text("socket:supports(options, udp) SORTED"));
    BOOST_TEST(run({"options", "ip"}).out == otp_text("socket:supports(options, ip) SORTED"));
}

BOOST_AUTO_TEST_CASE(nested_lists_align_under_their_first_element) {
    const run_result r = run({});
    BOOST_TEST(r.status == 0);
    BOOST_TEST(
        r.out.starts_with("[{ioctl_requests,[{gifaddr,true},\n"
                          "                  {gifbrdaddr,true},\n"));
    BOOST_TEST(
        r.out.ends_with(" {sctp,true},\n {ipv6,true},\n {local,true},\n {netns,true},\n"
                        " {sendfile,true}]\n"));
}

BOOST_AUTO_TEST_CASE(keys_are_erlang_literals) {
    BOOST_TEST(run({"'IP'"}).out == "[]\n");
    BOOST_TEST(run({"options", "'TCP'"}).out == "[]\n");
    BOOST_TEST(run({"foo", "bar"}).out == "[]\n");
    BOOST_TEST(run({"options", "tcp"}).status == 0);
}

BOOST_AUTO_TEST_CASE(bad_arguments_exit_with_2) {
    const run_result many = run({"options", "ip", "tos"});
    BOOST_TEST(many.status == 2);
    BOOST_TEST(many.out.empty());
    BOOST_TEST(many.err.find("usage: esock supports") != std::string::npos);
    const run_result bad = run({"[options"});
    BOOST_TEST(bad.status == 2);
    BOOST_TEST(bad.err.find("esock supports: [options: ") == 0U);
}
