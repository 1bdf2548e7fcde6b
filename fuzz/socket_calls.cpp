// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the socket calls' handling of their arguments. The
// first input byte picks a call, the second how it may wait (nowait, 0 ms or
// a reference as the select handle), and the rest is an Erlang list of the
// other arguments, in which the atoms s0..s4 stand for sockets made for each
// run: a bound UDP socket with a datagram waiting, a listening TCP socket, a
// connected TCP client with data waiting, its accepted peer, and a closed
// socket. A call may return anything or raise esock::erl_error; any other
// exception, a crash or a sanitizer report is a bug. Only forms that take
// the timeout from the second byte are called, so that no run can block.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <string_view>
#include <vector>

#include <esock/error.hpp>
#include <esock/process.hpp>
#include <esock/socket.hpp>
#include <esock/term_text.hpp>

namespace {

namespace so = esock::socket;
namespace at = esock::atoms;
using esock::term;

term ok_value(const term& r) {
    if (!r.is_tuple(2) || !r.element(0)->is_atom(at::ok)) std::abort();
    return *r.element(1);
}

struct fixture {
    std::vector<term> socks;

    fixture() {
        const term udp = ok_value(so::open(at::inet, at::dgram));
        if (!(so::bind(udp, at::loopback) == term(at::ok))) std::abort();
        (void)so::sendto(udp, esock::binary("datagram"), ok_value(so::sockname(udp)));
        const term listener = ok_value(so::open(at::inet, at::stream));
        if (!(so::bind(listener, at::loopback) == term(at::ok)) ||
            !(so::listen(listener) == term(at::ok))) {
            std::abort();
        }
        const term client = ok_value(so::open(at::inet, at::stream));
        if (!(so::connect(client, ok_value(so::sockname(listener))) == term(at::ok))) std::abort();
        const term server = ok_value(so::accept(listener, 2000));
        (void)so::send(server, esock::binary("stream data"));
        const term closed = ok_value(so::open(at::inet, at::dgram));
        (void)so::close(closed);
        socks = {udp, listener, client, server, closed};
    }
    fixture(const fixture&) = delete;
    fixture& operator=(const fixture&) = delete;
    ~fixture() {
        // Readiness the run's nowait calls wait for becomes select messages
        // (the poller's side of the state machine), then close aborts the rest.
        while (esock::receive_any(0)) {
        }
        for (const auto& s : socks)
            (void)so::close(s);
        // Select and abort messages of this run's nowait calls.
        (void)esock::flush();
    }

    // s0..s4 name the fixture's sockets; everything else is itself.
    [[nodiscard]] term resolve(const term& t) const {
        if (const auto a = t.as_atom()) {
            const std::string_view n = a->name();
            if (n.size() == 2 && n[0] == 's' && n[1] >= '0' && n[1] < '0' + 5) {
                return socks[static_cast<std::size_t>(n[1] - '0')];
            }
        }
        return t;
    }
};

// Closes what a call opened, so that runs do not pile up descriptors.
void close_if_opened(const term& r) {
    if (r.is_tuple(2) && r.element(0)->is_atom(at::ok) && so::is_socket(*r.element(1))) {
        (void)so::close(*r.element(1));
    }
}

using args_t = std::vector<term>;
using call_fn = std::function<term(const args_t&, const term& timeout)>;

// Each entry: the number of list arguments it takes, and the call.
struct call {
    std::size_t arity;
    call_fn fn;
};

const std::vector<call>& calls() {
    static const std::vector<call> table = {
        // open/2,3,4 by domain and type; open(Fd, ...) is left out, as it
        // would take over the fuzzer's own descriptors.
        {2,
         [](const args_t& a, const term&) {
             if (a[0].is_integer()) return term(at::ok);
             term r = so::open(a[0], a[1]);
             close_if_opened(r);
             return r;
         }},
        {3,
         [](const args_t& a, const term&) {
             term r = so::open(a[0], a[1], a[2]);
             close_if_opened(r);
             return r;
         }},
        {4,
         [](const args_t& a, const term&) {
             term r = so::open(a[0], a[1], a[2], a[3]);
             close_if_opened(r);
             return r;
         }},
        {2, [](const args_t& a, const term&) { return so::bind(a[0], a[1]); }},
        {2, [](const args_t& a, const term&) { return so::listen(a[0], a[1]); }},
        {1,
         [](const args_t& a, const term& t) {
             term r = so::accept(a[0], t);
             close_if_opened(r);
             return r;
         }},
        {2, [](const args_t& a, const term& t) { return so::connect(a[0], a[1], t); }},
        {1, [](const args_t& a, const term&) { return so::connect(a[0]); }},
        {3, [](const args_t& a, const term& t) { return so::send(a[0], a[1], a[2], t); }},
        {4, [](const args_t& a, const term& t) { return so::sendto(a[0], a[1], a[2], a[3], t); }},
        {3, [](const args_t& a, const term& t) { return so::recv(a[0], a[1], a[2], t); }},
        {3, [](const args_t& a, const term& t) { return so::recvfrom(a[0], a[1], a[2], t); }},
        {3, [](const args_t& a, const term& t) { return so::sendmsg(a[0], a[1], a[2], t); }},
        {4, [](const args_t& a, const term& t) { return so::recvmsg(a[0], a[1], a[2], a[3], t); }},
        {2, [](const args_t& a, const term&) { return so::shutdown(a[0], a[1]); }},
        {1, [](const args_t& a, const term&) { return so::sockname(a[0]); }},
        {1, [](const args_t& a, const term&) { return so::peername(a[0]); }},
        {2, [](const args_t& a, const term&) { return so::cancel(a[0], a[1]); }},
        {1, [](const args_t& a, const term&) { return so::info(a[0]); }},
        {2, [](const args_t& a, const term&) { return so::getopt(a[0], a[1]); }},
        {3, [](const args_t& a, const term&) { return so::setopt(a[0], a[1], a[2]); }},
        {3, [](const args_t& a, const term&) { return so::getopt_native(a[0], a[1], a[2]); }},
        {3, [](const args_t& a, const term&) { return so::setopt_native(a[0], a[1], a[2]); }},
        {1, [](const args_t& a, const term&) { return so::close(a[0]); }},
        // A nowait call first, then the same socket with the fuzzed
        // arguments: continuations and cancels find a real operation.
        {2,
         [](const args_t& a, const term& t) {
             const term r = so::recv(a[0], 0, esock::nil(), at::nowait);
             if (r.is_tuple(2) && r.element(0)->is_atom(at::select)) (void)so::cancel(a[0], a[1]);
             return so::recv(a[0], 0, esock::nil(), t);
         }},
    };
    return table;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    const auto& table = calls();
    const call& c = table[data[0] % table.size()];
    const term waits[] = {at::nowait, term(0), esock::make_ref()};
    const term timeout = waits[data[1] % 3];
    esock::parse_result parsed =
        esock::parse_term(std::string_view(reinterpret_cast<const char*>(data + 2), size - 2));
    if (!parsed.ok()) return 0;
    const auto elements = parsed.value->list_to_vector();
    if (!elements || elements->size() != c.arity) return 0;
    fixture f;
    args_t args;
    args.reserve(elements->size());
    for (const auto& e : *elements)
        args.push_back(f.resolve(e));
    try {
        (void)c.fn(args, timeout);
    } catch (const esock::erl_error&) {
        // Raising is one of OTP's answers.
    }
    return 0;
}
