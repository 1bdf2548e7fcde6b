#!/usr/bin/env escript
%% What OTP 25's socket module answers when an integer argument that reaches
%% a C field is out of that field's range: every call below with each of a
%% fixed list of integers. A line is `CALL VALUE: ANSWER`, ANSWER being the
%% result as ~w prints it, `ok` for {ok, Socket}, `{ok,Port}` for a bind
%% that succeeded (the port sockname then reports), or `raise:Reason` for
%% what the call raised. (OTP 25 has no packet domain and refuses every
%% sockaddr_ll, so their fields' ranges cannot be asked of it.) Run:
%%   escript make_api_int_ranges.escript > otp25_api_int_ranges.txt
main(_) ->
    io:format("# What OTP ~s answered, by make_api_int_ranges.escript. DO NOT EDIT.~n",
              [erlang:system_info(otp_release)]),
    Vals = values(),
    io:format("# values: ~w~n", [Vals]),
    File = "/tmp/make_api_int_ranges.data",
    ok = file:write_file(File, <<"0123456789">>),
    [probe(Name, V) || Name <- probes(), V <- Vals, applies(Name, V)],
    [probe({Name, F}, V) || {Name, F} <- file_probes(File), V <- Vals],
    %% Past 2^32-1 ms by more than the few milliseconds OTP's own code takes
    %% before its `receive ... after` (2^32 itself is only sometimes refused).
    [probe(Name, V) || Name <- timeout_probes(), V <- [4294968296, 9223372036854775807]],
    file:delete(File),
    ok.

values() ->
    [-9223372036854775808, -2147483649, -2147483648, -65536, -257, -256, -2, -1, 0, 1,
     255, 256, 65535, 65536, 2147483647, 2147483648, 4294967295, 4294967296,
     9223372036854775807].

probes() ->
    [open_domain, open_type, open_protocol, open_raw_protocol, open_fd, open_fd_domain,
     bind_port, bind6_port, bind6_flowinfo, bind6_scope_id, bind_family, listen_backlog, otp_rcvbuf, otp_rcvctrlbuf, otp_sndctrlbuf,
     cmsg_ip_tos, cmsg_ip_ttl, servbyport].

timeout_probes() ->
    [timeout_recv, timeout_recvfrom, timeout_recvmsg, timeout_accept].

%% A descriptor number that cannot be open (fds 0..2^20 may be).
applies(open_fd, V) -> V < 0 orelse V > 1048576;
applies(open_fd_domain, V) -> V < 0 orelse V > 1048576;
%% Privileged ports and ports that may be taken on the recording host are
%% the kernel's business: only the wrap itself is recorded.
applies(_, _) -> true.

probe(Name, V) ->
    io:format("~w ~w: ~s~n", [name(Name), V, answer(Name, V)]).

name({N, _}) -> N;
name(N) -> N.

answer(Name, V) ->
    Self = self(),
    Pid = spawn(fun() ->
                        R = try {returned, call(Name, V)} catch C:E -> {raised, C, E} end,
                        Self ! {self(), R}
                end),
    receive
        {Pid, {returned, R}} -> show(R);
        {Pid, {raised, error, E}} -> "raise:" ++ lists:flatten(io_lib:format("~w", [E]));
        {Pid, {raised, C, E}} -> lists:flatten(io_lib:format("raise ~w:~w", [C, E]))
    after 10000 -> "hang"
    end.

show({ok, {'$socket', _} = S}) -> socket:close(S), "ok";
show(R) -> lists:flatten(io_lib:format("~w", [R])).

udp() -> {ok, U} = socket:open(inet, dgram, udp), U.
udp6() -> {ok, U} = socket:open(inet6, dgram, udp), U.

%% Each call closes what it opened, whatever its answer.
with(S, F) ->
    try F(S) after socket:close(S) end.

bound_port(S, R) ->
    case R of
        ok -> {ok, #{port := P}} = socket:sockname(S), {ok, P};
        Other -> Other
    end.

call(open_domain, V) -> socket:open(V, dgram);
call(open_type, V) -> socket:open(inet, V);
call(open_protocol, V) -> socket:open(inet, dgram, V);
call(open_raw_protocol, V) -> socket:open(inet, dgram, {raw, V});
call(open_fd, V) -> socket:open(V);
call(open_fd_domain, V) -> socket:open(V, #{domain => inet});
call(bind_port, V) ->
    with(udp(), fun(U) ->
        bound_port(U, socket:bind(U, #{family => inet, addr => loopback, port => V})) end);
call(bind6_port, V) ->
    with(udp6(), fun(U) ->
        bound_port(U, socket:bind(U, #{family => inet6, addr => loopback, port => V})) end);
call(bind6_flowinfo, V) ->
    with(udp6(), fun(U) ->
        socket:bind(U, #{family => inet6, addr => loopback, port => 0, flowinfo => V}) end);
call(bind6_scope_id, V) ->
    with(udp6(), fun(U) ->
        socket:bind(U, #{family => inet6, addr => loopback, port => 0, scope_id => V}) end);
call(bind_family, V) ->
    with(udp(), fun(U) -> socket:bind(U, #{family => V, addr => <<0:112>>}) end);
call(listen_backlog, V) ->
    {ok, T} = socket:open(inet, stream, tcp),
    with(T, fun(S) ->
        ok = socket:bind(S, #{family => inet, addr => loopback, port => 0}),
        socket:listen(S, V) end);
call(otp_rcvbuf, V) -> with(udp(), fun(U) -> socket:setopt(U, {otp, rcvbuf}, V) end);
call(otp_rcvctrlbuf, V) -> with(udp(), fun(U) -> socket:setopt(U, {otp, rcvctrlbuf}, V) end);
call(otp_sndctrlbuf, V) -> with(udp(), fun(U) -> socket:setopt(U, {otp, sndctrlbuf}, V) end);
call(cmsg_ip_tos, V) -> cmsg(tos, V);
call(cmsg_ip_ttl, V) -> cmsg(ttl, V);
call(servbyport, V) -> inet:getservbyport(V, tcp);
call({sendfile_offset, File}, V) -> sendfile(File, V, 1);
call({sendfile_count, File}, V) -> sendfile(File, 0, V);
call(timeout_recv, V) -> with(bound_udp(), fun(U) -> socket:recv(U, 0, V) end);
call(timeout_recvfrom, V) -> with(bound_udp(), fun(U) -> socket:recvfrom(U, 0, V) end);
call(timeout_recvmsg, V) -> with(bound_udp(), fun(U) -> socket:recvmsg(U, 0, 0, V) end);
call(timeout_accept, V) ->
    {ok, T} = socket:open(inet, stream, tcp),
    with(T, fun(L) ->
        ok = socket:bind(L, #{family => inet, addr => loopback, port => 0}),
        ok = socket:listen(L),
        socket:accept(L, V) end).

file_probes(File) -> [{sendfile_offset, File}, {sendfile_count, File}].

bound_udp() ->
    U = udp(),
    ok = socket:bind(U, #{family => inet, addr => loopback, port => 0}),
    U.

cmsg(Type, V) ->
    with(bound_udp(), fun(U) ->
        {ok, Addr} = socket:sockname(U),
        R = socket:sendmsg(U, #{addr => Addr, iov => [<<"x">>],
                                ctrl => [#{level => ip, type => Type, value => V}]}, 1000),
        _ = socket:recv(U, 0, 0),
        R end).

%% A connected stream pair; sendfile of the file's bytes from Offset, Count
%% of them; the result, then the socket pair closed.
sendfile(File, Offset, Count) ->
    {ok, L} = socket:open(inet, stream, tcp),
    ok = socket:bind(L, #{family => inet, addr => loopback, port => 0}),
    ok = socket:listen(L),
    {ok, Addr} = socket:sockname(L),
    {ok, C} = socket:open(inet, stream, tcp),
    ok = socket:connect(C, Addr),
    {ok, A} = socket:accept(L),
    {ok, F} = file:open(File, [read, raw, binary]),
    R = try socket:sendfile(C, F, Offset, Count, 1000)
        after file:close(F), socket:close(C), socket:close(A), socket:close(L)
        end,
    R.
