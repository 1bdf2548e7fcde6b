// SPDX-License-Identifier: Apache-2.0
// A program built against an installed esock, as a user would build it: it
// includes every public header (so that a header missing from the install
// fails the build) and runs one TCP exchange on loopback. It prints
// "esock VERSION-CHECK ok" on success.

#include <cstdio>

#include <esock/error.hpp>
#include <esock/export.hpp>
#include <esock/inet.hpp>
#include <esock/iodata.hpp>
#include <esock/packet.hpp>
#include <esock/pattern.hpp>
#include <esock/posix.hpp>
#include <esock/process.hpp>
#include <esock/socket.hpp>
#include <esock/supports.hpp>
#include <esock/term.hpp>
#include <esock/term_text.hpp>

namespace so = esock::socket;
using esock::lit;
using esock::term;

namespace {

term ok_value(const term& r) {
    if (!esock::matches(r, lit("{ok, '_'}"))) throw esock::erl_error(r);
    return *r.element(1);
}

}  // namespace

int main() {
    try {
        const term l = ok_value(so::open(esock::atoms::inet, esock::atoms::stream));
        if (so::bind(l, lit("#{family => inet, addr => loopback, port => 0}")) !=
                term(esock::atoms::ok) ||
            so::listen(l) != term(esock::atoms::ok)) {
            return 1;
        }
        const term c = ok_value(so::open(esock::atoms::inet, esock::atoms::stream));
        if (so::connect(c, ok_value(so::sockname(l)), 5000) != term(esock::atoms::ok)) return 1;
        const term a = ok_value(so::accept(l, 5000));
        if (so::send(c, "hello") != term(esock::atoms::ok)) return 1;
        const term got = so::recv(a, 5, 5000);
        // The packet layer and inet too, from the same library.
        const term line = esock::packet::decode_packet(
            esock::atom("line"), esock::binary(std::string_view("a\nb")), esock::nil());
        const term parsed = esock::inet::parse_address(esock::string("127.0.0.1"));
        std::printf("%s %s %s\n", esock::format_w(got).c_str(), esock::format_w(line).c_str(),
                    esock::format_w(parsed).c_str());
        for (const term& s : {a, c, l})
            (void)so::close(s);
        const bool good = got == lit("{ok, <<\"hello\">>}") &&
                          line == lit("{ok, <<\"a\\n\">>, <<\"b\">>}") &&
                          parsed == lit("{ok, {127,0,0,1}}");
        std::printf("%s\n", good ? "consumer ok" : "consumer FAILED");
        return good ? 0 : 1;
    } catch (const esock::erl_error& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
}
