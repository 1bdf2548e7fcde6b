// SPDX-License-Identifier: Apache-2.0
// A blocking TCP echo server and its client, on the loopback address.
//
// The server is a process of its own (esock::spawn, as erlang:spawn/1): it
// accepts one connection and sends back whatever it receives until the
// client closes. Every call blocks, with a timeout so that nothing hangs.
// Each C++ line carries the Erlang it stands for.

#include <cstdint>
#include <cstdio>
#include <string_view>

#include <esock/pattern.hpp>
#include <esock/process.hpp>
#include <esock/socket.hpp>
#include <esock/term_text.hpp>

#include "check.hpp"

using esock::lit;
using esock::term;
using example::expect;
using example::ok_value;
namespace atoms = esock::atoms;
namespace so = esock::socket;

namespace {

// echo(Conn) ->
//     case socket:recv(Conn, 0, 5000) of
//         {ok, Data} -> ok = socket:send(Conn, Data), echo(Conn);
//         {error, closed} -> socket:close(Conn)
//     end.
void echo(const term& conn) {
    for (;;) {
        const term received = so::recv(conn, 0, 5000);
        if (esock::matches(received, lit("{error, closed}"))) break;
        expect(so::send(conn, ok_value(received, "recv")), "ok", "send");
    }
    expect(so::close(conn), "ok", "close");
}

}  // namespace

int main() {
    // {ok, L} = socket:open(inet, stream, tcp),
    const term listener = ok_value(so::open(atoms::inet, atoms::stream, atoms::tcp), "open");
    // ok = socket:bind(L, #{family => inet, addr => loopback, port => 0}),
    expect(so::bind(listener, lit("#{family => inet, addr => loopback, port => 0}")), "ok", "bind");
    // ok = socket:listen(L),
    expect(so::listen(listener), "ok", "listen");
    // {ok, Addr} = socket:sockname(L),
    const term addr = ok_value(so::sockname(listener), "sockname");

    // Server = spawn(fun() -> {ok, C} = socket:accept(L, 5000), echo(C) end),
    // Ref = erlang:monitor(process, Server),
    const term server =
        esock::spawn([listener] { echo(ok_value(so::accept(listener, 5000), "accept")); });
    const term monitor = esock::monitor_process(server);

    // {ok, S} = socket:open(inet, stream, tcp), ok = socket:connect(S, Addr, 5000),
    const term client = ok_value(so::open(atoms::inet, atoms::stream, atoms::tcp), "open");
    expect(so::connect(client, addr, 5000), "ok", "connect");
    for (const std::string_view line : {"hello", "world"}) {
        // ok = socket:send(S, <<"hello">>),  (a C++ string is sent as its bytes)
        expect(so::send(client, line), "ok", "send");
        // {ok, Reply} = socket:recv(S, byte_size(<<"hello">>), 5000),
        const term reply =
            ok_value(so::recv(client, static_cast<std::int64_t>(line.size()), 5000), "recv");
        std::printf("sent %.*s, got back %s\n", static_cast<int>(line.size()), line.data(),
                    esock::format_p(reply).c_str());
        if (reply.binary_view() != line) return 1;
    }
    // ok = socket:close(S),
    expect(so::close(client), "ok", "close");

    // receive {'DOWN', Ref, process, Server, normal} -> ok after 5000 -> exit(timeout) end,
    const esock::pattern down(esock::tuple(esock::atom("DOWN"), monitor, esock::atom("process"),
                                           server, esock::atom("normal")));
    if (!esock::receive(down, 5000)) {
        std::fprintf(stderr, "the server did not end\n");
        return 1;
    }
    // socket:close(L).
    expect(so::close(listener), "ok", "close");
    std::printf("echo server done\n");
    return 0;
}
