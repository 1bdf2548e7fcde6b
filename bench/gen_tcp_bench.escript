#!/usr/bin/env escript
%% -*- erlang -*-
%%! -noshell +Q 300000
%%
%% The OTP side of bench/gen_tcp_bench.cpp: the same workloads on OTP 25's
%% gen_tcp, with BACKEND inet (the default, inet_drv) or socket
%% ({inet_backend, socket}), in the three modes (passive, once, packet4).
%% Prints one line per workload and mode: NAME UNITS SECONDS.
%%
%%   escript bench/gen_tcp_bench.escript BACKEND PINGPONGS BULK_BYTES CONNS ROUNDS
-mode(compile).

main([BackendS, PingS, BulkS, ConnsS, RoundsS]) ->
    B = list_to_atom(BackendS),
    [Ping, Bulk, Conns, Rounds] = [list_to_integer(X) || X <- [PingS, BulkS, ConnsS, RoundsS]],
    [begin
         report("pingpong_" ++ atom_to_list(M) ++ "_" ++ BackendS, Ping, fun() -> pingpong(B, M, Ping) end),
         report("bulk_" ++ atom_to_list(M) ++ "_" ++ BackendS, Bulk, fun() -> bulk(B, M, Bulk) end),
         report("many_" ++ atom_to_list(M) ++ "_" ++ BackendS, Conns * Rounds,
                fun() -> many(B, M, Conns, Rounds) end)
     end || M <- [passive, once, packet4]],
    halt(0).

report(Name, Units, F) ->
    {Us, ok} = timer:tc(F),
    io:format("~s ~w ~.6f~n", [Name, Units, Us / 1.0e6]).

opts(socket, Opts) -> [{inet_backend, socket} | Opts];
opts(inet, Opts) -> Opts.

mode_opts(packet4) -> [{packet, 4}];
mode_opts(_) -> [].

pair(B, M, Extra) ->
    {ok, L} = gen_tcp:listen(0, opts(B, [binary, {active, false}, {ip, {127,0,0,1}},
                                         {backlog, 1024}, {nodelay, true}] ++ mode_opts(M) ++ Extra)),
    {ok, P} = inet:port(L),
    {L, P}.

conn(B, M, P, Extra) ->
    {ok, C} = gen_tcp:connect({127,0,0,1}, P, opts(B, [binary, {active, false}, {nodelay, true}]
                                                     ++ mode_opts(M) ++ Extra)),
    C.

%% one message of Size bytes on S, in mode M
get(S, once, Size) ->
    ok = inet:setopts(S, [{active, once}]),
    get_active(S, Size, <<>>);
get(S, packet4, _Size) -> {ok, D} = gen_tcp:recv(S, 0), D;
get(S, passive, Size) -> {ok, D} = gen_tcp:recv(S, Size), D.

get_active(_S, Size, Acc) when byte_size(Acc) >= Size -> Acc;
get_active(S, Size, Acc) ->
    receive
        {tcp, S, D} ->
            Acc1 = <<Acc/binary, D/binary>>,
            case byte_size(Acc1) >= Size of
                true -> Acc1;
                false -> ok = inet:setopts(S, [{active, once}]), get_active(S, Size, Acc1)
            end
    after 10000 -> exit(timeout)
    end.

pingpong(B, M, N) ->
    {L, P} = pair(B, M, []),
    Msg = binary:copy(<<"p">>, 64),
    Self = self(),
    spawn_link(fun() ->
                       {ok, A} = gen_tcp:accept(L),
                       [begin D = get(A, M, 64), ok = gen_tcp:send(A, D) end || _ <- lists:seq(1, N)],
                       Self ! done
               end),
    C = conn(B, M, P, []),
    [begin ok = gen_tcp:send(C, Msg), _ = get(C, M, 64) end || _ <- lists:seq(1, N)],
    receive done -> ok end,
    gen_tcp:close(C), gen_tcp:close(L), ok.

bulk(B, M, Bytes) ->
    Chunk = binary:copy(<<"b">>, 65536),
    {L, P} = pair(B, M, [{buffer, 65536}, {recbuf, 1 bsl 20}]),
    Self = self(),
    spawn_link(fun() ->
                       {ok, A} = gen_tcp:accept(L),
                       drain(A, M, Bytes),
                       Self ! done
               end),
    C = conn(B, M, P, [{sndbuf, 1 bsl 20}]),
    [ok = gen_tcp:send(C, Chunk) || _ <- lists:seq(1, Bytes div 65536)],
    receive done -> ok end,
    gen_tcp:close(C), gen_tcp:close(L), ok.

drain(_A, _M, Left) when Left =< 0 -> ok;
drain(A, once, Left) ->
    ok = inet:setopts(A, [{active, once}]),
    receive {tcp, A, D} -> drain(A, once, Left - byte_size(D)) after 10000 -> exit(timeout) end;
drain(A, _M, Left) ->
    {ok, D} = gen_tcp:recv(A, 0),
    drain(A, x, Left - byte_size(D)).

many(B, M, Conns, Rounds) ->
    {L, P} = pair(B, M, []),
    Msg = binary:copy(<<"m">>, 64),
    Self = self(),
    spawn_link(fun() ->
                       As = [begin {ok, A} = gen_tcp:accept(L), A end || _ <- lists:seq(1, Conns)],
                       Self ! accepted,
                       [[begin D = get(A, M, 64), ok = gen_tcp:send(A, D) end || A <- As]
                        || _ <- lists:seq(1, Rounds)],
                       Self ! done
               end),
    Cs = [conn(B, M, P, []) || _ <- lists:seq(1, Conns)],
    receive accepted -> ok end,
    [begin
         [ok = gen_tcp:send(C, Msg) || C <- Cs],
         [_ = get(C, M, 64) || C <- Cs]
     end || _ <- lists:seq(1, Rounds)],
    receive done -> ok end,
    [gen_tcp:close(C) || C <- Cs], gen_tcp:close(L), ok.
