// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_SOCKET_HPP
#define ESOCK_SOCKET_HPP

/// The socket module: one function per Erlang function, overloaded per
/// arity, taking and returning terms. Results are exactly OTP's: ok,
/// {ok, X}, {select, SelectInfo}, {select, {SelectInfo, Data}},
/// {error, Reason}, {error, {timeout, Data}}, ... Where OTP raises (badarg,
/// {invalid, What}), these throw esock::erl_error with the same reason.
///
/// A socket is the term {'$socket', Ref}. Every function is thread-safe and
/// may be called from any thread; the calling thread's process (see
/// process.hpp) is the caller: it owns the sockets it opens or accepts, and
/// select and abort messages for its nowait calls arrive in its mailbox as
/// {'$socket', Socket, select, Handle} and
/// {'$socket', Socket, abort, {Handle, Reason}}.
///
/// Timeouts are `infinity`, a non-negative integer of milliseconds (0 tries
/// once without waiting), `nowait`, or a reference used as the select
/// handle. Data is iodata in and binaries out.

#include <cstddef>
#include <functional>
#include <string>

#include <esock/error.hpp>
#include <esock/export.hpp>
#include <esock/iodata.hpp>
#include <esock/term.hpp>

namespace esock::socket {

///@{
/// open(Domain, Type[, Protocol][, Opts]); open(Fd[, Opts]). Domain and Type
/// are atoms or integers; Protocol an atom (the spec's names, /etc/protocols
/// names and aliases), an integer or `default`; Opts a map (netns, debug,
/// use_registry, and for open/1,2: dup, domain, type, protocol).
[[nodiscard]] ESOCK_API term open(const term& fd);
[[nodiscard]] ESOCK_API term open(const term& domain_or_fd, const term& type_or_opts);
[[nodiscard]] ESOCK_API term open(const term& domain, const term& type,
                                  const term& protocol_or_opts);
[[nodiscard]] ESOCK_API term open(const term& domain, const term& type, const term& protocol,
                                  const term& opts);
///@}

/// bind(Socket, Addr): a sockaddr map or any | loopback | broadcast.
[[nodiscard]] ESOCK_API term bind(const term& s, const term& addr);
/// bind(Socket, Addrs, add | remove): SCTP's bindx. Each address's shape is
/// checked as bind/2 checks it (a bad one is returned or raised as there);
/// then, as in OTP 25 whose NIF does not implement it, it raises notsup.
/// Anything but a socket, a list and add | remove raises badarg.
[[nodiscard]] ESOCK_API term bind(const term& s, const term& addrs, const term& action);
///@{
/// listen(Socket[, Backlog]); the default backlog is 5.
[[nodiscard]] ESOCK_API term listen(const term& s);
[[nodiscard]] ESOCK_API term listen(const term& s, const term& backlog);
///@}
///@{
/// accept(ListenSocket[, Timeout]).
[[nodiscard]] ESOCK_API term accept(const term& s);
[[nodiscard]] ESOCK_API term accept(const term& s, const term& timeout);
///@}
///@{
/// connect(Socket) completes a nowait connect after its select message;
/// connect(Socket, SockAddr[, Timeout]).
[[nodiscard]] ESOCK_API term connect(const term& s);
[[nodiscard]] ESOCK_API term connect(const term& s, const term& addr);
[[nodiscard]] ESOCK_API term connect(const term& s, const term& addr, const term& timeout);
///@}

///@{
/// send(Socket, Data[, Flags | Timeout]); send(Socket, Data, Flags, Timeout);
/// send(Socket, Data, SelectInfo, Timeout) continues a partial nowait send.
[[nodiscard]] ESOCK_API term send(const term& s, const term& data);
[[nodiscard]] ESOCK_API term send(const term& s, const term& data, const term& flags_or_timeout);
[[nodiscard]] ESOCK_API term send(const term& s, const term& data, const term& flags_or_cont,
                                  const term& timeout);
///@}
///@{
/// sendto(Socket, Data, Dest[, Flags | Timeout]);
/// sendto(Socket, Data, Dest, Flags, Timeout);
/// sendto(Socket, Data, SelectInfo, Timeout) continues a partial send.
[[nodiscard]] ESOCK_API term sendto(const term& s, const term& data, const term& dest);
[[nodiscard]] ESOCK_API term sendto(const term& s, const term& data, const term& dest,
                                    const term& flags_or_timeout);
[[nodiscard]] ESOCK_API term sendto(const term& s, const term& data, const term& dest,
                                    const term& flags, const term& timeout);
///@}

/// send/2,3,4 and sendto/3,4,5 with plain C++ bytes as Data: a string
/// literal, std::string, std::string_view or std::span<const std::byte>,
/// sent as the binary of those bytes (one copy), e.g. `send(s, "hello")` or
/// `sendto(s, std::span(buffer), dest)`. Results are those of the term
/// overloads, a partial send's rest being a binary.
[[nodiscard]] inline term send(const term& s, bytes_view data) {
    return esock::socket::send(s, data.to_binary());
}
/// send(Socket, Data, Flags | Timeout) with C++ bytes; see above.
[[nodiscard]] inline term send(const term& s, bytes_view data, const term& flags_or_timeout) {
    return esock::socket::send(s, data.to_binary(), flags_or_timeout);
}
/// send(Socket, Data, Flags, Timeout) with C++ bytes; see above.
[[nodiscard]] inline term send(const term& s, bytes_view data, const term& flags,
                               const term& timeout) {
    return esock::socket::send(s, data.to_binary(), flags, timeout);
}
/// sendto(Socket, Data, Dest) with C++ bytes; see above.
[[nodiscard]] inline term sendto(const term& s, bytes_view data, const term& dest) {
    return esock::socket::sendto(s, data.to_binary(), dest);
}
/// sendto(Socket, Data, Dest, Flags | Timeout) with C++ bytes; see above.
[[nodiscard]] inline term sendto(const term& s, bytes_view data, const term& dest,
                                 const term& flags_or_timeout) {
    return esock::socket::sendto(s, data.to_binary(), dest, flags_or_timeout);
}
/// sendto(Socket, Data, Dest, Flags, Timeout) with C++ bytes; see above.
[[nodiscard]] inline term sendto(const term& s, bytes_view data, const term& dest,
                                 const term& flags, const term& timeout) {
    return esock::socket::sendto(s, data.to_binary(), dest, flags, timeout);
}

///@{
/// recv(Socket[, Length | Flags]); recv(Socket, Length, Flags | Timeout);
/// recv(Socket, Flags, Timeout); recv(Socket, Length, Flags, Timeout).
/// Length 0 means "what is there", at most {otp, rcvbuf} bytes.
[[nodiscard]] ESOCK_API term recv(const term& s);
[[nodiscard]] ESOCK_API term recv(const term& s, const term& a1);
[[nodiscard]] ESOCK_API term recv(const term& s, const term& a1, const term& a2);
[[nodiscard]] ESOCK_API term recv(const term& s, const term& length, const term& flags,
                                  const term& timeout);
///@}
///@{
/// recvfrom: as recv, returning {ok, {Source, Data}}.
[[nodiscard]] ESOCK_API term recvfrom(const term& s);
[[nodiscard]] ESOCK_API term recvfrom(const term& s, const term& a1);
[[nodiscard]] ESOCK_API term recvfrom(const term& s, const term& a1, const term& a2);
[[nodiscard]] ESOCK_API term recvfrom(const term& s, const term& length, const term& flags,
                                      const term& timeout);
///@}

/// close(Socket): waiters get abort {Handle, closed}, blocked callers
/// {error, closed}.
[[nodiscard]] ESOCK_API term close(const term& s);
/// shutdown(Socket, read | write | read_write).
[[nodiscard]] ESOCK_API term shutdown(const term& s, const term& how);
///@{
/// sockname(Socket), peername(Socket): {ok, SockAddr} of this end or of the
/// peer; {error, Reason} as OTP returns it (enotconn, closed, ...).
[[nodiscard]] ESOCK_API term sockname(const term& s);
[[nodiscard]] ESOCK_API term peername(const term& s);
///@}
/// cancel(Socket, SelectInfo): ok, after which no select or abort message for
/// its handle is in or will reach the caller's mailbox; or
/// {error, {invalid, SelectInfo}} when the caller has no such operation.
[[nodiscard]] ESOCK_API term cancel(const term& s, const term& select_info);
/// info(Socket): the socket_info() map.
[[nodiscard]] ESOCK_API term info(const term& s);

///@{
/// ioctl(Socket, Request[, NameOrIndex][, Value]): interface requests
/// through the socket's descriptor (docs/ioctl.md), answering as OTP 25.
/// ioctl/2 takes gifconf: {ok, [#{name => string(), addr => sockaddr()}]}.
/// ioctl/3 takes gifname with an index ({ok, Name}) and every other get
/// request with a name (a string): gifindex, gifmtu, giftxqlen (integers),
/// gifaddr, gifdstaddr, gifbrdaddr, gifnetmask (sockaddr()), gifhwaddr
/// (#{family, addr}), gifflags (flag atoms in OTP's order, unknown bits as
/// one integer last) and gifmap (#{mem_start, mem_end, base_addr, irq, dma,
/// port}). ioctl/4 takes the set requests with a name and a value: sifflags
/// (#{Flag => boolean()}: true sets, false clears, unnamed flags stay),
/// sifaddr, sifdstaddr, sifbrdaddr (sockaddr()), sifmtu and siftxqlen
/// (integers); ok. An unknown request, a wrong arity or an argument of the
/// wrong type raises badarg; sifnetmask gives {error, {invalid,
/// {ioctl_request, sifnetmask}}}; a value that does not fit the kernel's
/// field returns {invalid, mtu | txqlen | sockaddr}; a closed socket
/// {error, closed}; the kernel's errno {error, Posix}. Thread-safe; the
/// call holds the socket's lock for its system calls.
[[nodiscard]] ESOCK_API term ioctl(const term& s, const term& request);
[[nodiscard]] ESOCK_API term ioctl(const term& s, const term& request, const term& name_or_index);
[[nodiscard]] ESOCK_API term ioctl(const term& s, const term& request, const term& name,
                                   const term& value);
///@}

///@{
/// getopt(Socket, {Level, Opt}) and setopt(Socket, {Level, Opt}, Value):
/// the `otp` level (debug, iow, controlling_process, rcvbuf, rcvctrlbuf,
/// sndctrlbuf, fd and domain (get only), meta, use_registry) and every
/// option of the OS levels that this platform has, its value encoded and
/// decoded as the spec's option tables say (docs/options.md). An option
/// that is not {Level, Opt} of two atoms raises {invalid, {socket_option,
/// Opt}}; one the tables do not know (or this platform lacks) gives
/// {error, {invalid, {socket_option, Opt}}}; a closed socket {error,
/// closed}; the kernel's errno {error, Posix}.
[[nodiscard]] ESOCK_API term getopt(const term& s, const term& opt);
[[nodiscard]] ESOCK_API term setopt(const term& s, const term& opt, const term& value);
///@}

///@{
/// getopt(Socket, Level, Opt): getopt(Socket, {Level, Opt}), or with Opt
/// {NativeOpt, ValueSpec} (NativeOpt an integer) getopt_native(Socket,
/// {Level, NativeOpt}, ValueSpec). setopt(Socket, Level, Opt, Value):
/// setopt_native(Socket, {Level, Opt}, Value) when Opt is an integer and
/// Value a binary, else setopt(Socket, {Level, Opt}, Value).
[[nodiscard]] ESOCK_API term getopt(const term& s, const term& level, const term& opt);
[[nodiscard]] ESOCK_API term setopt(const term& s, const term& level, const term& opt,
                                    const term& value);
///@}

/// The largest value getopt_native reads: a size or template beyond it is
/// {error, {invalid, {value_spec, Spec}}} (OTP 25 allocates what it is given).
inline constexpr std::size_t max_native_value_size = 65536;

/// getopt_native(Socket, {Level, Opt}, ValueSpec): Level and Opt as two
/// integers, an atom level (socket, or a protocol name) and an integer
/// option, or an option's atoms (resolved to its numbers). ValueSpec is
/// `integer`, `boolean`, a size in bytes (the result is a binary of what the
/// kernel wrote) or a binary template (passed in, the result as for a size).
/// The kernel's errno comes back as the posix atom.
[[nodiscard]] ESOCK_API term getopt_native(const term& s, const term& opt, const term& value_spec);
/// setopt_native(Socket, {Level, Opt}, Value): Value an integer (a C int),
/// a boolean, or a binary (or iolist) passed as is; anything else is
/// {error, {invalid, value}}.
[[nodiscard]] ESOCK_API term setopt_native(const term& s, const term& opt, const term& value);

/// The file of sendfile/2..5 (OTP's raw file:fd()): an open descriptor or a
/// path. A transfer never uses the caller's descriptor itself: it
/// duplicates it (a closed or invalid descriptor gives {error, einval}, as
/// OTP's closed raw file does) or opens the path read-only (an error gives
/// its posix atom), and closes its own descriptor when the transfer ends,
/// fails, times out or its socket closes. A nowait transfer waiting for its
/// continuation keeps it. The handle itself owns nothing and may be
/// destroyed once the call returns. Copyable; immutable.
class ESOCK_API file_handle {
  public:
    /// A descriptor the caller keeps owning.
    [[nodiscard]] static file_handle from_fd(int fd) noexcept;
    /// A file by path, opened for each transfer.
    [[nodiscard]] static file_handle from_path(std::string path);

    /// A new descriptor of the file (close-on-exec) for a transfer, or
    /// -errno. Thread-safe.
    [[nodiscard]] int open_for_transfer() const noexcept;

  private:
    file_handle() = default;
    int fd_ = -1;
    std::string path_;
};

///@{
/// sendfile(Socket, File[, Offset, Count][, Timeout]): {ok, BytesSent};
/// {error, Reason} or, after some data went, {error, {Reason, BytesSent}}
/// ({timeout, BytesSent} for a timeout); nowait (or a select handle) gives
/// {select, {SelectInfo, BytesSent}} with SelectInfo {select_info, sendfile,
/// Handle}. Offset is an integer, Count a non-negative integer (0: to the
/// end of the file); anything else raises badarg. The counters of info/1
/// gain the sendfile* keys once sendfile has been used.
[[nodiscard]] ESOCK_API term sendfile(const term& s, const file_handle& file);
[[nodiscard]] ESOCK_API term sendfile(const term& s, const file_handle& file, const term& timeout);
[[nodiscard]] ESOCK_API term sendfile(const term& s, const file_handle& file, const term& offset,
                                      const term& count);
[[nodiscard]] ESOCK_API term sendfile(const term& s, const file_handle& file, const term& offset,
                                      const term& count, const term& timeout);
///@}
///@{
/// sendfile(Socket, Cont[, Offset, Count][, Timeout]) continues the caller's
/// nowait transfer after its select message, from Offset for Count bytes as
/// given (OTP 25 does not advance them). A SelectInfo of another operation
/// gives {error, {invalid, Cont}}; no transfer of the caller's raises
/// {invalid, state}; a term that is not a SelectInfo raises badarg.
[[nodiscard]] ESOCK_API term sendfile(const term& s, const term& cont);
[[nodiscard]] ESOCK_API term sendfile(const term& s, const term& cont, const term& timeout);
[[nodiscard]] ESOCK_API term sendfile(const term& s, const term& cont, const term& offset,
                                      const term& count);
[[nodiscard]] ESOCK_API term sendfile(const term& s, const term& cont, const term& offset,
                                      const term& count, const term& timeout);
///@}

///@{
/// sendmsg(Socket, Msg[, Flags | Timeout]); sendmsg(Socket, Msg, Flags,
/// Timeout). Msg is #{iov := [binary()], addr => sockaddr(), ctrl =>
/// [#{level, type, value | data}]}; Flags msg_flag() atoms and non-negative
/// integers, or'ed. A stream socket sends an iov longer than info/0's
/// iov_max in turns; other types return {error, {invalid, {iov, {list, N}}}}.
/// Results as send/2..4, with RestData the unsent part of the iov as a list
/// ({error, {timeout, RestIOV}}, {select, {SelectInfo, RestIOV}}); the
/// SelectInfo tag is {sendmsg, ContData}. Control data goes with the first
/// bytes only.
/// sendmsg(Socket, RestIOV | #{iov := RestIOV}, SelectInfo, Timeout)
/// continues a partial nowait sendmsg.
[[nodiscard]] ESOCK_API term sendmsg(const term& s, const term& msg);
[[nodiscard]] ESOCK_API term sendmsg(const term& s, const term& msg, const term& flags_or_timeout);
[[nodiscard]] ESOCK_API term sendmsg(const term& s, const term& msg, const term& flags_or_cont,
                                     const term& timeout);
///@}

///@{
/// recvmsg(Socket[, Flags | Timeout]); recvmsg(Socket, Flags, Timeout);
/// recvmsg(Socket, BufSz, CtrlSz[, Timeout]); recvmsg(Socket, BufSz, CtrlSz,
/// Flags, Timeout). {ok, #{addr, iov, ctrl, flags}} (no addr key when the
/// kernel gives no source, as on streams); BufSz/CtrlSz 0 mean {otp, rcvbuf}
/// and {otp, rcvctrlbuf}. ctrl lists #{level, type, data[, value]} in kernel
/// order; flags lists trunc, ctrunc, ... then unknown bits as one integer.
/// File descriptors of a rights message belong to the caller once they are
/// in the result; those a truncated or failed receive cannot show are
/// closed.
[[nodiscard]] ESOCK_API term recvmsg(const term& s);
[[nodiscard]] ESOCK_API term recvmsg(const term& s, const term& flags_or_timeout);
[[nodiscard]] ESOCK_API term recvmsg(const term& s, const term& a1, const term& a2);
[[nodiscard]] ESOCK_API term recvmsg(const term& s, const term& buf_sz, const term& ctrl_sz,
                                     const term& timeout);
[[nodiscard]] ESOCK_API term recvmsg(const term& s, const term& buf_sz, const term& ctrl_sz,
                                     const term& flags, const term& timeout);
///@}

/// True when `t` is a socket term made by this program.
[[nodiscard]] ESOCK_API bool is_socket(const term& t) noexcept;

// ---- the registry, monitors and the module's own state -----------------------------
//
// Sockets are registered when they open (unless opened with use_registry =>
// false, or after use_registry(false)); a closed socket leaves at once. The
// queries cost O(what they return) and are exact while other threads open
// and close sockets.

/// number_of(): how many sockets are registered.
[[nodiscard]] ESOCK_API term number_of();
/// which_sockets(): every registered socket, in no particular order.
[[nodiscard]] ESOCK_API term which_sockets();
/// which_sockets(Filter): those of domain inet | inet6 | local, type stream |
/// dgram | seqpacket, protocol tcp | udp | sctp, or owned by a pid; any other
/// term raises badarg.
[[nodiscard]] ESOCK_API term which_sockets(const term& filter);
/// which_sockets(Fun): those for whose info/1 map `filter` returns true. A
/// filter that throws makes the call raise badarg, as OTP's does.
[[nodiscard]] ESOCK_API term which_sockets(const std::function<bool(const term& info)>& filter);
/// use_registry(Boolean): whether sockets opened from now on are registered
/// (the default of the use_registry open option). Raises function_clause
/// for a non-boolean, as OTP 25 does.
[[nodiscard]] ESOCK_API term use_registry(const term& on);
/// which_socket_kind(Socket): plain, or compat once {otp, meta} is set.
/// Raises badarg for a non-socket or a closed socket.
[[nodiscard]] ESOCK_API term which_socket_kind(const term& s);
/// to_list(Socket): the socket as a string, "#Socket<...>". Raises badarg for
/// anything else.
[[nodiscard]] ESOCK_API term to_list(const term& s);

/// monitor(Socket): a monitor reference; {'DOWN', Ref, socket, Socket,
/// closed} reaches the caller when the socket closes (at once when it is
/// closed already). A monitored socket is registered. Raises badarg for a
/// non-socket.
[[nodiscard]] ESOCK_API term monitor(const term& s);
/// cancel_monitor(Ref): true when the caller's monitor ended (no 'DOWN' for
/// it is left or will come), false when there is no such monitor; badarg
/// for a non-reference or another process's monitor.
[[nodiscard]] ESOCK_API term cancel_monitor(const term& ref);
/// which_monitors(Socket | Pid): the monitors of a socket, or those a
/// process holds. Raises badarg for anything else.
[[nodiscard]] ESOCK_API term which_monitors(const term& socket_or_pid);
///@{
/// number_of_monitors() / number_of_monitors(Pid). The second raises
/// function_clause for a non-pid, as OTP 25 does.
[[nodiscard]] ESOCK_API term number_of_monitors();
[[nodiscard]] ESOCK_API term number_of_monitors(const term& pid);
///@}
/// monitored_by(Socket): the processes monitoring the socket, sorted.
[[nodiscard]] ESOCK_API term monitored_by(const term& s);

/// info(): #{counters, debug, iov_max, iow, socket_debug, use_registry},
/// counters being the global ones (sockets open now by domain, type,
/// protocol).
[[nodiscard]] ESOCK_API term info();
///@{
/// debug(Boolean), socket_debug(Boolean): the module's debug flags, as
/// info() reports them; badarg for a non-boolean.
[[nodiscard]] ESOCK_API term debug(const term& on);
[[nodiscard]] ESOCK_API term socket_debug(const term& on);
///@}

///@{
/// i(), i(InfoKeys | Selector), i(Selector, InfoKeys): prints OTP's table of
/// the registered sockets to stdout and returns ok. InfoKeys is a list of
/// info keys (default: domain, type, protocol, fd, owner, local_address,
/// remote_address, recv, sent, state; an unknown key prints as " ");
/// Selector one of which_sockets's atoms (inet, inet6, local, tcp, udp,
/// sctp, dgram, seqpacket, stream); anything else raises function_clause.
ESOCK_API term i();
ESOCK_API term i(const term& keys_or_selector);
ESOCK_API term i(const term& selector, const term& keys);
///@}
///@{
/// The same table as text, for programs; "" when no socket is registered.
[[nodiscard]] ESOCK_API std::string i_table();
[[nodiscard]] ESOCK_API std::string i_table(const term& keys_or_selector);
[[nodiscard]] ESOCK_API std::string i_table(const term& selector, const term& keys);
///@}

}  // namespace esock::socket

#endif  // ESOCK_SOCKET_HPP
