// SPDX-License-Identifier: Apache-2.0
// Asking what this platform supports, then setting and reading options,
// with the three ways a call can go wrong:
//   - an {error, Reason} result (a term, as OTP returns it);
//   - a raised error (esock::erl_error, where OTP raises);
//   - an option this platform lacks (is_supported says false first).

#include <cstdio>
#include <vector>

#include <esock/error.hpp>
#include <esock/socket.hpp>
#include <esock/supports.hpp>
#include <esock/term_text.hpp>

#include "check.hpp"

using esock::lit;
using esock::term;
using example::expect;
using example::ok_value;
namespace atoms = esock::atoms;
namespace so = esock::socket;

int main() {
    // socket:is_supported(ipv6), socket:is_supported(local)
    for (const char* feature : {"ipv6", "local", "sctp", "netns", "sendfile"}) {
        std::printf("is_supported(%s) = %s\n", feature,
                    esock::format_w(so::is_supported(esock::atom(feature))).c_str());
    }
    // [Opt || {Opt, true} <- socket:supports(options, tcp)]
    int usable = 0;
    const term tcp_options = so::supports(esock::atom("options"), atoms::tcp);
    const std::vector<term> entries = *tcp_options.list_to_vector();
    for (const term& entry : entries) {
        if (entry.element(1)->is_atom(atoms::true_)) ++usable;
    }
    std::printf("%d of %zu tcp options are supported here\n", usable, *tcp_options.list_length());

    const term s = ok_value(so::open(atoms::inet, atoms::stream, atoms::tcp), "open");

    // ok = socket:setopt(S, {tcp, nodelay}, true), {ok, true} = socket:getopt(S, {tcp, nodelay}),
    if (so::is_supported(esock::atom("options"), lit("{tcp, nodelay}")) == term(atoms::true_)) {
        expect(so::setopt(s, lit("{tcp, nodelay}"), atoms::true_), "ok", "setopt");
        expect(so::getopt(s, lit("{tcp, nodelay}")), "{ok, true}", "getopt");
    }
    // The kernel decides the buffer size it really uses (Linux doubles it).
    expect(so::setopt(s, lit("{socket, rcvbuf}"), 65536), "ok", "setopt");
    std::printf("rcvbuf: asked for 65536, %s\n",
                esock::format_w(so::getopt(s, lit("{socket, rcvbuf}"))).c_str());

    // A value of the wrong type is an error result, not an exception:
    //   {error, {invalid, {socket_option, {tcp, nodelay}, 42}}}
    const term wrong = so::setopt(s, lit("{tcp, nodelay}"), 42);
    std::printf("setopt({tcp, nodelay}, 42) = %s\n", esock::format_w(wrong).c_str());
    expect(wrong, "{error, {invalid, {socket_option, {tcp, nodelay}, 42}}}", "setopt");
    // So is an option nobody knows: {error, {invalid, {socket_option, {tcp, no_such_option}}}}
    expect(so::setopt(s, lit("{tcp, no_such_option}"), 1),
           "{error, {invalid, {socket_option, {tcp, no_such_option}}}}", "setopt");

    // An option that is not {Level, Opt} raises, as in OTP:
    //   catch socket:setopt(S, nodelay, true) -> {invalid, {socket_option, nodelay}}
    try {
        (void)so::setopt(s, esock::atom("nodelay"), atoms::true_);
        std::fprintf(stderr, "setopt(S, nodelay, true) returned\n");
        return 1;
    } catch (const esock::erl_error& e) {
        std::printf("setopt(S, nodelay, true) raised %s\n", esock::format_w(e.reason()).c_str());
        expect(e.reason(), "{invalid, {socket_option, nodelay}}", "raised");
    }

    // After close, every option call answers {error, closed}.
    expect(so::close(s), "ok", "close");
    expect(so::getopt(s, lit("{tcp, nodelay}")), "{error, closed}", "getopt");
    return 0;
}
