// SPDX-License-Identifier: Apache-2.0
// A line-protocol client with {packet, line}: it sends commands, one per
// line, and reads one reply line for each, as an SMTP or POP3 client would.
// The server here is a small process that answers each line with "+OK" and
// the line, and "+BYE" to QUIT; its replies are sent in pieces, split in the
// middle of lines, and {packet, line} gives the client whole lines anyway.
// Each C++ line carries the Erlang it stands for.

#include <cstdio>
#include <string>
#include <string_view>

#include <esock/gen_tcp.hpp>
#include <esock/pattern.hpp>
#include <esock/process.hpp>
#include <esock/term_text.hpp>

#include "check.hpp"

using esock::lit;
using esock::term;
using example::expect;
using example::ok_value;
namespace gt = esock::gen_tcp;
namespace inet = esock::inet;

namespace {

// serve(S) ->
//     case gen_tcp:recv(S, 0, 5000) of
//         {ok, "QUIT\n"} -> send_split(S, "+BYE\n"), gen_tcp:close(S);
//         {ok, Line} -> send_split(S, "+OK " ++ Line), serve(S)
//     end.
void serve(const term& s) {
    for (;;) {
        const std::string line(ok_value(gt::recv(s, 0, 5000), "recv").binary_view());
        const std::string reply = line == "QUIT\n" ? "+BYE\n" : "+OK " + line;
        // send_split(S, R): two sends, the first cut in the middle of the line.
        const std::size_t half = reply.size() / 2;
        expect(gt::send(s, esock::binary(reply.substr(0, half))), "ok", "send");
        expect(gt::send(s, esock::binary(reply.substr(half))), "ok", "send");
        if (line == "QUIT\n") break;
    }
    expect(gt::close(s), "ok", "close");
}

}  // namespace

int main() {
    // {ok, L} = gen_tcp:listen(0, [binary, {packet, line}, {active, false}, {ip, loopback}]),
    const term listener = ok_value(
        gt::listen(0, lit("[binary, {packet, line}, {active, false}, {ip, loopback}]")), "listen");
    const term port = ok_value(inet::port(listener), "port");
    // spawn(fun() -> {ok, S} = gen_tcp:accept(L, 5000), serve(S) end),
    const term server =
        esock::spawn([listener] { serve(ok_value(gt::accept(listener, 5000), "accept")); });
    const term monitor = esock::monitor_process(server);

    // {ok, C} = gen_tcp:connect(loopback, Port, [list, {packet, line}, {active, false}], 5000),
    const term client = ok_value(gt::connect(esock::atom("loopback"), port,
                                             lit("[list, {packet, line}, {active, false}]"), 5000),
                                 "connect");
    for (const std::string_view command : {"HELO example\n", "NOOP\n", "QUIT\n"}) {
        // ok = gen_tcp:send(C, "NOOP\n"),
        expect(gt::send(client, esock::binary(command)), "ok", "send");
        // {ok, Reply} = gen_tcp:recv(C, 0, 5000): one whole line, as a list.
        const term reply = ok_value(gt::recv(client, 0, 5000), "recv");
        std::printf("%.*s -> %s\n", static_cast<int>(command.size() - 1), command.data(),
                    esock::format_p(reply).c_str());
        const std::string want =
            command == "QUIT\n" ? std::string("+BYE\n") : "+OK " + std::string(command);
        if (reply != esock::string(want)) return 1;
    }
    // {error, closed} = gen_tcp:recv(C, 0, 5000): the server closed after +BYE.
    expect(gt::recv(client, 0, 5000), "{error, closed}", "recv");
    expect(gt::close(client), "ok", "close");
    const esock::pattern down(esock::tuple(esock::atom("DOWN"), monitor, esock::atom("process"),
                                           server, esock::atom("normal")));
    if (!esock::receive(down, 5000)) {
        std::fprintf(stderr, "the server did not end\n");
        return 1;
    }
    expect(gt::close(listener), "ok", "close");
    std::printf("line client done\n");
    return 0;
}
