// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_GEN_TCP_HPP
#define ESOCK_GEN_TCP_HPP

/// gen_tcp, and the inet functions on its sockets, as in Erlang/OTP 25: one
/// function per Erlang function, overloaded per arity, taking and returning
/// terms. Results, messages and errors are OTP 25's default (inet) backend's
/// (docs/gen_tcp.md; docs/deviations.md lists the differences); where OTP
/// raises or exits (function_clause, badarg, {function_clause, [Frame]}),
/// these throw esock::erl_error with the same reason.
///
/// A gen_tcp socket is the term {'$inet', gen_tcp_socket, {Pid, Socket}}
/// (OTP's socket backend's shape) with Socket a socket of esock/socket.hpp.
/// Pid names the gen_tcp socket; there is no process behind it (no thread
/// and no server per socket). The calling thread's process (process.hpp)
/// owns the sockets it opens or accepts: the controlling process. An owner's
/// end closes its sockets.
///
/// Active modes deliver {tcp, S, Data}, {http, S, Packet}, {tcp_closed, S},
/// {tcp_error, S, Reason} and {tcp_passive, S} (or {S, {data, Data}} with
/// {deliver, port}) into the owner's mailbox, in order, from the owner's own
/// thread: its poller watches the socket, and what arrives is read and framed
/// when the owner receives (receive, flush, message_count), as Erlang's
/// messages appear when a process looks.
///
/// Every function is thread-safe and may be called from any thread. Timeouts
/// are `infinity` or milliseconds.

#include <string>

#include <esock/error.hpp>
#include <esock/export.hpp>
#include <esock/term.hpp>

namespace esock::gen_tcp {

/// listen(Port, Options): {ok, ListenSocket} | {error, Reason}. Options are
/// listen options of spec/inet_options.yaml ({ip, A}, {ifaddr, A | SockAddr
/// | {local, Path}}, {port, P}, {fd, Fd}, {backlog, N}, inet | inet6 | local,
/// {netns, File}, binary | list, {active, _}, {packet, _}, ... and the
/// socket-level ones); a bad option or port exits badarg, a kernel's refusal
/// of an option gives {error, einval}.
[[nodiscard]] ESOCK_API term listen(const term& port, const term& opts);

///@{
/// accept(ListenSocket[, Timeout]): {ok, Socket} | {error, closed | timeout |
/// Posix}. The accepted socket belongs to the caller and has its listener's
/// gen_tcp options. A timeout below 0 waits for ever, as OTP 25's does.
[[nodiscard]] ESOCK_API term accept(const term& listen_socket);
[[nodiscard]] ESOCK_API term accept(const term& listen_socket, const term& timeout);
///@}

///@{
/// connect(SockAddr, Options[, Timeout]) with a sockaddr map of family inet
/// or inet6; connect(Address, Port, Options[, Timeout]) with an IP address
/// tuple, a host name (string or atom), any | loopback, or {local, Path}
/// (Port 0). Every address the name has is tried in turn. {ok, Socket} |
/// {error, Reason}; bad arguments exit badarg (and an option the kernel
/// refuses too, as OTP 25's connect turns einval into badarg).
[[nodiscard]] ESOCK_API term connect(const term& sockaddr, const term& opts);
[[nodiscard]] ESOCK_API term connect(const term& address_or_sockaddr, const term& port_or_opts,
                                     const term& opts_or_timeout);
[[nodiscard]] ESOCK_API term connect(const term& address, const term& port, const term& opts,
                                     const term& timeout);
///@}

/// send(Socket, Packet): ok | {error, closed | timeout | enotconn | Posix}.
/// Packet is iodata ({error, einval} otherwise); {packet, 1 | 2 | 4} puts
/// the length in front. Blocks until the kernel has taken it all or
/// send_timeout passes; what a timed-out send did not write waits for the
/// next send (getstat's send_pend).
[[nodiscard]] ESOCK_API term send(const term& s, const term& packet);

///@{
/// recv(Socket, Length[, Timeout]): {ok, Packet} | {error, closed | timeout
/// | einval | enotconn | emsgsize | Posix}, for a passive socket. Length 0
/// gives what is there (up to {buffer, N} bytes) in raw mode and the next
/// packet otherwise; a Length above 0 in raw mode exactly that many bytes.
/// A timeout keeps what arrived for the next recv.
[[nodiscard]] ESOCK_API term recv(const term& s, const term& length);
[[nodiscard]] ESOCK_API term recv(const term& s, const term& length, const term& timeout);
///@}

/// shutdown(Socket, read | write | read_write): ok | {error, Reason}.
[[nodiscard]] ESOCK_API term shutdown(const term& s, const term& how);

/// close(Socket): ok (also for a socket closed already).
ESOCK_API term close(const term& s);

/// controlling_process(Socket, Pid): ok | {error, not_owner | closed |
/// badarg}. The socket's messages already in the caller's mailbox move to
/// the new owner, in order, ahead of any that arrive later.
[[nodiscard]] ESOCK_API term controlling_process(const term& s, const term& pid);

/// True when `t` is a gen_tcp socket term made by this program.
[[nodiscard]] ESOCK_API bool is_socket(const term& t);

}  // namespace esock::gen_tcp

namespace esock::inet {

// The inet functions on gen_tcp sockets. A term that is not a gen_tcp
// socket raises function_clause, as OTP 25 does for a non-socket.

/// setopts(Socket, Options): ok | {error, einval}. The whole list is
/// checked before anything changes; then the options apply in order.
[[nodiscard]] ESOCK_API term setopts(const term& s, const term& opts);
/// getopts(Socket, Options): {ok, [{Name, Value}]} in the order asked
/// ({raw, Level, Num, Size | Binary} gives {raw, Level, Num, Binary});
/// options that do not apply are left out; {error, einval} for one it does
/// not know.
[[nodiscard]] ESOCK_API term getopts(const term& s, const term& opts);
///@{
/// getstat(Socket[, Options]): {ok, [{Stat, N}]}, Stat one of recv_oct,
/// recv_cnt, recv_max, recv_avg, recv_dvi, send_oct, send_cnt, send_max,
/// send_avg, send_pend (the default list, in that order).
[[nodiscard]] ESOCK_API term getstat(const term& s);
[[nodiscard]] ESOCK_API term getstat(const term& s, const term& opts);
///@}
///@{
/// peername(Socket), sockname(Socket): {ok, {Address, Port}} or {ok,
/// {local, Path}}; peernames/socknames: {ok, [Name]}.
[[nodiscard]] ESOCK_API term peername(const term& s);
[[nodiscard]] ESOCK_API term sockname(const term& s);
[[nodiscard]] ESOCK_API term peernames(const term& s);
[[nodiscard]] ESOCK_API term socknames(const term& s);
///@}
/// port(Socket): {ok, Port}, or {ok, Path} for a local socket.
[[nodiscard]] ESOCK_API term port(const term& s);
/// close(Socket): as gen_tcp:close/1.
ESOCK_API term close(const term& s);
/// info(Socket): the socket module's info/1 of the socket underneath, with
/// `active` added, as OTP 25's socket-backed gen_tcp reports it.
[[nodiscard]] ESOCK_API term info(const term& s);

///@{
/// i(), i(Proto), i(Proto, Fields): prints OTP 25's table of the open
/// gen_tcp sockets (Proto tcp; udp and sctp have none) to stdout; ok.
/// Fields are port, module, recv, sent, owner, local_address,
/// foreign_address, state, type, packet, fd; an unknown field raises
/// {case_clause, Field}, an unknown protocol function_clause. The Port and
/// Module columns are as OTP 25 prints a {'$inet', gen_tcp_socket, _}
/// socket, the State column as its default backend (docs/deviations.md).
ESOCK_API term i();
ESOCK_API term i(const term& proto);
ESOCK_API term i(const term& proto, const term& fields);
///@}
/// The same table as text, for programs.
[[nodiscard]] ESOCK_API std::string i_table(const term& proto, const term& fields);

}  // namespace esock::inet

#endif  // ESOCK_GEN_TCP_HPP
