// SPDX-License-Identifier: Apache-2.0
// UDP with control messages: the sender sets the TOS and TTL of one
// datagram with sendmsg/2's ctrl list; the receiver, having asked for them
// with setopt, reads them back with recvmsg/5, together with the packet's
// pktinfo (the interface and addresses it arrived on).

#include <cstdio>
#include <vector>

#include <esock/pattern.hpp>
#include <esock/socket.hpp>
#include <esock/term_text.hpp>

#include "check.hpp"

using esock::lit;
using esock::term;
using example::expect;
using example::ok_value;
namespace atoms = esock::atoms;
namespace so = esock::socket;

int main() {
    const term loopback = lit("#{family => inet, addr => loopback, port => 0}");
    // {ok, Rx} = socket:open(inet, dgram, udp), ok = socket:bind(Rx, Loopback),
    const term rx = ok_value(so::open(atoms::inet, atoms::dgram, atoms::udp), "open");
    expect(so::bind(rx, loopback), "ok", "bind");
    // ok = socket:setopt(Rx, {ip, pktinfo}, true), and recvtos, recvttl:
    for (const char* opt : {"{ip, pktinfo}", "{ip, recvtos}", "{ip, recvttl}"}) {
        expect(so::setopt(rx, lit(opt), atoms::true_), "ok", opt);
    }
    const term rx_addr = ok_value(so::sockname(rx), "sockname");

    const term tx = ok_value(so::open(atoms::inet, atoms::dgram, atoms::udp), "open");
    expect(so::bind(tx, loopback), "ok", "bind");
    // ok = socket:sendmsg(Tx, #{addr => RxAddr, iov => [<<"hi">>],
    //                           ctrl => [#{level => ip, type => tos, value => lowdelay},
    //                                    #{level => ip, type => ttl, value => 9}]}),
    const term msg =
        esock::map({{atoms::addr, rx_addr},
                    {esock::atom("iov"), esock::list(esock::binary(std::string_view("hi")))},
                    {esock::atom("ctrl"), lit("[#{level => ip, type => tos, value => lowdelay},"
                                              " #{level => ip, type => ttl, value => 9}]")}});
    expect(so::sendmsg(tx, msg), "ok", "sendmsg");

    // {ok, #{iov := [<<"hi">>], ctrl := Ctrl}} = socket:recvmsg(Rx, 0, 0, [], 5000),
    const term received = ok_value(so::recvmsg(rx, 0, 0, esock::nil(), 5000), "recvmsg");
    expect(received, "#{addr => '_', iov => [<<\"hi\">>], ctrl => '_', flags => []}", "recvmsg");
    const term ctrl = *received.map_get(esock::atom("ctrl"));
    // Each control message is #{level, type, data, value}: the raw bytes and,
    // for the types the spec describes, the decoded value.
    int seen = 0;
    const std::vector<term> messages = *ctrl.list_to_vector();
    for (const term& c : messages) {
        std::printf("%s\n", esock::format_p(c).c_str());
        if (esock::matches(c, lit("#{level => ip, type => tos, data => '_', value => lowdelay}")) ||
            esock::matches(c, lit("#{level => ip, type => ttl, data => '_', value => 9}")) ||
            esock::matches(c, lit("#{level => ip, type => pktinfo, data => '_', value =>"
                                  " #{ifindex => '_', spec_dst => {127,0,0,1},"
                                  " addr => {127,0,0,1}}}"))) {
            ++seen;
        }
    }
    expect(so::close(tx), "ok", "close");
    expect(so::close(rx), "ok", "close");
    if (seen != 3) {
        std::fprintf(stderr, "expected tos, ttl and pktinfo, saw %d of them\n", seen);
        return 1;
    }
    return 0;
}
