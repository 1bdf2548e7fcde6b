// SPDX-License-Identifier: Apache-2.0
// One process serving many TCP connections with nowait calls and select
// messages, the way an Erlang process drives the socket module without
// blocking:
//
//   case socket:recv(S, 0, nowait) of
//       {ok, Data} -> ...;
//       {select, {select_info, _, Handle}} ->
//           receive {'$socket', S, select, Handle} -> socket:recv(S, 0, nowait) end
//   end
//
// Clients are processes of their own; each sends one line, checks the echo
// and tells the server's process {client, N, Reply}. The loop ends when
// every client has reported and every connection has closed.

#include <cstdio>
#include <set>
#include <string>

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

constexpr int clients = 8;

std::string line_of(int n) {
    return "ping " + std::to_string(n);
}

// A client: connect, send one line, read the echo, report it to `server`.
void client(const term& server, const term& addr, int n) {
    const term s = ok_value(so::open(atoms::inet, atoms::stream, atoms::tcp), "open");
    expect(so::connect(s, addr, 5000), "ok", "connect");
    const std::string line = line_of(n);
    expect(so::send(s, line), "ok", "send");
    const term reply = ok_value(so::recv(s, static_cast<std::int64_t>(line.size()), 5000), "recv");
    expect(so::close(s), "ok", "close");
    // Server ! {client, N, Reply}
    esock::send(server, esock::tuple(esock::atom("client"), n, reply));
}

// Reads what `conn` has without waiting: echoes it and asks again until the
// call answers {select, _} (a select message will come) or the peer closed.
// Returns false once the connection is closed.
bool serve(const term& conn) {
    for (;;) {
        const term r = so::recv(conn, 0, atoms::nowait);
        if (esock::matches(r, lit("{select, '_'}"))) return true;
        if (esock::matches(r, lit("{error, closed}"))) {
            expect(so::close(conn), "ok", "close");
            return false;
        }
        expect(so::send(conn, ok_value(r, "recv")), "ok", "send");
    }
}

// Accepts every connection waiting on `listener` without waiting, until the
// call answers {select, _} (a select message for the listener will come),
// and starts reading each new connection.
int accept_all(const term& listener, std::set<term>& open_conns) {
    int accepted = 0;
    for (;;) {
        const term r = so::accept(listener, atoms::nowait);
        if (esock::matches(r, lit("{select, '_'}"))) return accepted;
        const term conn = ok_value(r, "accept");
        ++accepted;
        if (serve(conn)) open_conns.insert(conn);
    }
}

}  // namespace

int main() {
    const term listener = ok_value(so::open(atoms::inet, atoms::stream, atoms::tcp), "open");
    expect(so::bind(listener, lit("#{family => inet, addr => loopback, port => 0}")), "ok", "bind");
    expect(so::listen(listener, 16), "ok", "listen");
    const term addr = ok_value(so::sockname(listener), "sockname");

    const term self = esock::self();
    for (int n = 0; n < clients; ++n) {
        // erlang:monitor(process, spawn(fun() -> client(Self, Addr, N) end))
        (void)esock::monitor_process(esock::spawn([self, addr, n] { client(self, addr, n); }));
    }

    // socket:accept(L, nowait) until {select, _}: a select message for L
    // comes when the next connection is waiting.
    std::set<term> open_conns;
    int accepted = accept_all(listener, open_conns);
    int reported = 0;
    // Only our own messages: select messages and the clients' reports.
    const esock::pattern socket_msg("{'$socket', '_', select, '_'}");
    const esock::pattern report_msg("{client, '_', '_'}");
    while (reported < clients || !open_conns.empty()) {
        const auto msg =
            esock::receive([&](const term& m) { return socket_msg(m) || report_msg(m); }, 5000);
        if (!msg) {
            std::fprintf(stderr, "no message within 5 s\n");
            return 1;
        }
        if (report_msg(*msg)) {
            // {client, N, Reply}: the echo the client got.
            const int n = static_cast<int>(*msg->element(1)->as_int());
            std::printf("client %d got %s\n", n, esock::format_p(*msg->element(2)).c_str());
            if (msg->element(2)->binary_view() != line_of(n)) return 1;
            ++reported;
            continue;
        }
        const term& sock = *msg->element(1);
        if (sock == listener) {
            accepted += accept_all(listener, open_conns);
        } else if (open_conns.contains(sock) && !serve(sock)) {
            open_conns.erase(sock);
        }
    }
    expect(so::close(listener), "ok", "close");
    // Wait for every client process to end: receive {'DOWN', _, process, _, normal}.
    const esock::pattern down("{'DOWN', '_', process, '_', normal}");
    for (int n = 0; n < clients; ++n) {
        if (!esock::receive(down, 5000)) return 1;
    }
    std::printf("served %d connections from one process\n", accepted);
    return accepted == clients ? 0 : 1;
}
