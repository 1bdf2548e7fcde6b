// SPDX-License-Identifier: Apache-2.0
// A gen_tcp echo server with {active, once}, and a client that talks to it,
// on the loopback address.
//
// The server is a process of its own (esock::spawn, as erlang:spawn/1). It
// accepts one connection, and the data arrives as {tcp, S, Data} messages in
// its mailbox, one per inet:setopts(S, [{active, once}]): the flow control
// of an Erlang server that must not be flooded. {tcp_closed, S} ends it.
// Each C++ line carries the Erlang it stands for.

#include <cstdio>
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

// loop(S) ->
//     ok = inet:setopts(S, [{active, once}]),
//     receive
//         {tcp, S, Data} -> ok = gen_tcp:send(S, Data), loop(S);
//         {tcp_closed, S} -> ok
//     after 5000 -> exit(timeout)
//     end.
void loop(const term& s) {
    const esock::pattern data(esock::tuple(esock::atom("tcp"), s, esock::atom("_")));
    const esock::pattern closed(esock::tuple(esock::atom("tcp_closed"), s));
    for (;;) {
        expect(inet::setopts(s, lit("[{active, once}]")), "ok", "setopts");
        const auto m = esock::receive([&](const term& t) { return data(t) || closed(t); }, 5000);
        if (!m) {
            std::fprintf(stderr, "server: nothing arrived\n");
            std::exit(1);
        }
        if (closed(*m)) break;
        expect(gt::send(s, *m->element(2)), "ok", "send");
    }
}

}  // namespace

int main() {
    // {ok, L} = gen_tcp:listen(0, [binary, {active, false}, {ip, loopback}]),
    const term listener =
        ok_value(gt::listen(0, lit("[binary, {active, false}, {ip, loopback}]")), "listen");
    // {ok, Port} = inet:port(L),
    const term port = ok_value(inet::port(listener), "port");

    // Server = spawn(fun() -> {ok, S} = gen_tcp:accept(L, 5000), loop(S) end),
    // Ref = erlang:monitor(process, Server),
    const term server =
        esock::spawn([listener] { loop(ok_value(gt::accept(listener, 5000), "accept")); });
    const term monitor = esock::monitor_process(server);

    // {ok, C} = gen_tcp:connect(loopback, Port, [binary, {active, false}], 5000),
    const term client =
        ok_value(gt::connect(esock::atom("loopback"), port, lit("[binary, {active, false}]"), 5000),
                 "connect");
    for (const std::string_view text : {"hello", "world"}) {
        // ok = gen_tcp:send(C, <<"hello">>),
        expect(gt::send(client, esock::binary(text)), "ok", "send");
        // {ok, Reply} = gen_tcp:recv(C, byte_size(<<"hello">>), 5000),
        const term reply =
            ok_value(gt::recv(client, static_cast<std::int64_t>(text.size()), 5000), "recv");
        std::printf("sent %.*s, got back %s\n", static_cast<int>(text.size()), text.data(),
                    esock::format_p(reply).c_str());
        if (reply.binary_view() != text) return 1;
    }
    // ok = gen_tcp:close(C),
    expect(gt::close(client), "ok", "close");

    // receive {'DOWN', Ref, process, Server, normal} -> ok after 5000 -> exit(timeout) end,
    const esock::pattern down(esock::tuple(esock::atom("DOWN"), monitor, esock::atom("process"),
                                           server, esock::atom("normal")));
    if (!esock::receive(down, 5000)) {
        std::fprintf(stderr, "the server did not end\n");
        return 1;
    }
    // gen_tcp:close(L).
    expect(gt::close(listener), "ok", "close");
    std::printf("echo server done\n");
    return 0;
}
