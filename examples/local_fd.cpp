// SPDX-License-Identifier: Apache-2.0
// Passing a file descriptor over a local (unix) socket: the sender puts the
// write end of a pipe into a `rights` control message; the receiver gets a
// new descriptor of the same pipe, owns it, writes through it and closes it.
// The sockets are datagram sockets bound to abstract names (a path that
// starts with a NUL byte: nothing is created in the file system).

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>

#include <esock/pattern.hpp>
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

namespace {

// #{family => local, path => <<0, "esock_example_fd_", ...>>}
term local_addr(const std::string& name) {
    const std::string path =
        std::string(1, '\0') + "esock_example_fd_" + std::to_string(::getpid()) + "_" + name;
    return esock::map({{atoms::family, atoms::local}, {esock::atom("path"), esock::binary(path)}});
}

}  // namespace

int main() {
    if (so::is_supported(atoms::local) != term(atoms::true_)) {
        std::printf("skipped: local sockets are not supported here\n");
        return 77;
    }
    // {ok, A} = socket:open(local, dgram), ok = socket:bind(A, AddrA), and B:
    const term a = ok_value(so::open(atoms::local, atoms::dgram), "open");
    const term b = ok_value(so::open(atoms::local, atoms::dgram), "open");
    expect(so::bind(a, local_addr("a")), "ok", "bind");
    expect(so::bind(b, local_addr("b")), "ok", "bind");

    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return 1;

    // The data of a rights message is the descriptors' native ints.
    std::string fd_bytes(sizeof(int), '\0');
    std::memcpy(fd_bytes.data(), &pipe_fds[1], sizeof(int));
    // ok = socket:sendmsg(A, #{addr => AddrB, iov => [<<"fd">>],
    //                          ctrl => [#{level => socket, type => rights, data => FdBytes}]}),
    const term msg = esock::map(
        {{atoms::addr, local_addr("b")},
         {esock::atom("iov"), esock::list(esock::binary(std::string_view("fd")))},
         {esock::atom("ctrl"), esock::list(esock::map({{esock::atom("level"), atoms::socket},
                                                       {atoms::type, esock::atom("rights")},
                                                       {atoms::data, esock::binary(fd_bytes)}}))}});
    expect(so::sendmsg(a, msg), "ok", "sendmsg");
    // The sender's own descriptor can go now: the message holds the pipe open.
    ::close(pipe_fds[1]);

    // {ok, #{ctrl := [#{level := socket, type := rights, data := Fds}]}} = socket:recvmsg(B, 5000),
    const term received = ok_value(so::recvmsg(b, 5000), "recvmsg");
    expect(received,
           "#{addr => '_', iov => [<<\"fd\">>], flags => [],"
           " ctrl => [#{level => socket, type => rights, data => '_'}]}",
           "recvmsg");
    const term data = *received.map_get(esock::atom("ctrl"))->head()->map_get(atoms::data);
    int passed = -1;
    if (data.binary_bytes().size() != sizeof(int)) return 1;
    std::memcpy(&passed, data.binary_bytes().data(), sizeof(int));
    std::printf("received descriptor %d (sent %d)\n", passed, pipe_fds[1]);

    // The new descriptor belongs to the receiver: write through it, close it.
    const char text[] = "through the passed descriptor";
    if (::write(passed, text, sizeof text - 1) != static_cast<ssize_t>(sizeof text - 1)) return 1;
    ::close(passed);
    char buf[64] = {};
    const ssize_t n = ::read(pipe_fds[0], buf, sizeof buf - 1);
    ::close(pipe_fds[0]);
    std::printf("read from the pipe: %s\n", buf);
    expect(so::close(a), "ok", "close");
    expect(so::close(b), "ok", "close");
    return n == static_cast<ssize_t>(sizeof text - 1) && std::strcmp(buf, text) == 0 ? 0 : 1;
}
