#!/usr/bin/env escript
%% -*- erlang -*-
%%! -noshell
%%
%% The OTP side of bench/socket_bench.cpp: one round of its workloads
%% through OTP's socket module on loopback TCP, with the sizes the C++
%% program passes, printing one line per figure: NAME UNITS SECONDS.
%%
%%   escript bench/socket_bench.escript WORKLOADS PINGPONGS BULK_BYTES CONNS ROUNDS
%%
%% WORKLOADS is some of a, b, c (as socket_bench's third argument):
%%   a  pingpong_blocking, pingpong_nowait: PINGPONGS round trips of 64
%%      bytes, client and server in two processes (UNITS: round trips)
%%   b  bulk_blocking, bulk_nowait: BULK_BYTES sent in 64 KiB sends, read
%%      with length-0 recvs of up to 64 KiB (UNITS: bytes)
%%   c  many_connect: CONNS nowait connects completed on their select
%%      messages, and accepted (UNITS: connections); many_pingpong: then
%%      ROUNDS round trips on each, every connection keeping a nowait recv
%%      pending, one process per side (UNITS: round trips)
-mode(compile).

-define(MSG_SIZE, 64).
-define(CHUNK, 65536).
-define(STALL_MS, 30000).

main([Workloads, PingPongs, BulkBytes, Conns, Rounds]) ->
    N = list_to_integer(PingPongs),
    B = list_to_integer(BulkBytes),
    C = list_to_integer(Conns),
    R = list_to_integer(Rounds),
    Has = fun(W) -> lists:member(W, Workloads) end,
    Has($a) andalso begin
        report("pingpong_blocking", N, pingpong(N, blocking)),
        report("pingpong_nowait", N, pingpong(N, nowait))
    end,
    Has($b) andalso begin
        report("bulk_blocking", B, bulk(B, blocking)),
        report("bulk_nowait", B, bulk(B, nowait))
    end,
    Has($c) andalso begin
        {Connect, Ping} = many(C, R),
        report("many_connect", C, Connect),
        report("many_pingpong", C * R, Ping)
    end,
    halt(0);
main(_) ->
    io:format(standard_error,
              "usage: socket_bench.escript WORKLOADS PINGPONGS BULK_BYTES CONNS ROUNDS~n", []),
    halt(2).

report(Name, Units, Seconds) ->
    io:format("~s ~w ~.9f~n", [Name, Units, Seconds]).

now_ns() -> erlang:monotonic_time(nanosecond).

seconds(T0, T1) -> (T1 - T0) / 1.0e9.

listener() ->
    {ok, L} = socket:open(inet, stream, tcp),
    ok = socket:bind(L, loopback),
    ok = socket:listen(L, 4096),
    {ok, Addr} = socket:sockname(L),
    {L, Addr}.

nodelay(S) -> ok = socket:setopt(S, {tcp, nodelay}, true).

pair() ->
    {L, Addr} = listener(),
    {ok, C} = socket:open(inet, stream, tcp),
    ok = socket:connect(C, Addr),
    {ok, S} = socket:accept(L),
    nodelay(C),
    nodelay(S),
    {L, C, S}.

close_all(Socks) -> lists:foreach(fun socket:close/1, Socks).

%% ---- nowait calls -----------------------------------------------------------

%% Exactly N bytes with nowait recvs, waiting for the select message when
%% none (or part) has arrived.
recv_nowait(S, N) ->
    case socket:recv(S, N, nowait) of
        {ok, Data} ->
            Data;
        {select, {{select_info, _, Ref}, Part}} ->
            await(S, Ref),
            <<Part/binary, (recv_nowait(S, N - byte_size(Part)))/binary>>;
        {select, {select_info, _, Ref}} ->
            await(S, Ref),
            recv_nowait(S, N)
    end.

%% A nowait send: a select message when the socket's buffer is full, after
%% which send/4 continues with what is left (all of Data when nothing went
%% out).
send_nowait(S, Data) -> sent(S, Data, socket:send(S, Data, nowait)).

sent(_, _, ok) ->
    ok;
sent(S, _, {select, {{select_info, _, Ref} = SI, Rest}}) ->
    await(S, Ref),
    sent(S, Rest, socket:send(S, Rest, SI, nowait));
sent(S, Data, {select, {select_info, _, Ref} = SI}) ->
    await(S, Ref),
    sent(S, Data, socket:send(S, Data, SI, nowait));
sent(S, _, Other) ->
    error({send, S, Other}).

await(S, Ref) ->
    receive
        {'$socket', S, select, Ref} -> ok;
        {'$socket', S, abort, {Ref, Reason}} -> error({abort, Reason})
    after ?STALL_MS -> error(stalled)
    end.

%% ---- (a) ping-pong ----------------------------------------------------------

pingpong(N, Mode) ->
    {L, C, S} = pair(),
    Parent = self(),
    Server = spawn_link(fun() ->
                                echo(S, N, Mode),
                                Parent ! {self(), done}
                        end),
    Msg = binary:copy(<<"p">>, ?MSG_SIZE),
    T0 = now_ns(),
    ping(C, Msg, N, Mode),
    T1 = now_ns(),
    receive {Server, done} -> ok end,
    close_all([C, S, L]),
    seconds(T0, T1).

echo(_, 0, _) ->
    ok;
echo(S, N, blocking) ->
    {ok, Data} = socket:recv(S, ?MSG_SIZE),
    ok = socket:send(S, Data),
    echo(S, N - 1, blocking);
echo(S, N, nowait) ->
    send_nowait(S, recv_nowait(S, ?MSG_SIZE)),
    echo(S, N - 1, nowait).

ping(_, _, 0, _) ->
    ok;
ping(C, Msg, N, blocking) ->
    ok = socket:send(C, Msg),
    {ok, _} = socket:recv(C, ?MSG_SIZE),
    ping(C, Msg, N - 1, blocking);
ping(C, Msg, N, nowait) ->
    send_nowait(C, Msg),
    _ = recv_nowait(C, ?MSG_SIZE),
    ping(C, Msg, N - 1, nowait).

%% ---- (b) bulk ---------------------------------------------------------------

bulk(Bytes, Mode) ->
    {L, C, S} = pair(),
    %% Read up to 64 KiB per length-0 recv, like the raw reader.
    ok = socket:setopt(S, {otp, rcvbuf}, ?CHUNK),
    Chunk = binary:copy(<<"b">>, ?CHUNK),
    Parent = self(),
    T0 = now_ns(),
    Sender = spawn_link(fun() ->
                                send_chunks(C, Chunk, Bytes div ?CHUNK, Mode),
                                Parent ! {self(), done}
                        end),
    drain(S, Bytes, Mode),
    T1 = now_ns(),
    receive {Sender, done} -> ok end,
    close_all([C, S, L]),
    seconds(T0, T1).

send_chunks(_, _, 0, _) ->
    ok;
send_chunks(C, Chunk, K, blocking) ->
    ok = socket:send(C, Chunk),
    send_chunks(C, Chunk, K - 1, blocking);
send_chunks(C, Chunk, K, nowait) ->
    send_nowait(C, Chunk),
    send_chunks(C, Chunk, K - 1, nowait).

drain(_, Left, _) when Left =< 0 ->
    ok;
drain(S, Left, blocking) ->
    {ok, Data} = socket:recv(S, 0),
    drain(S, Left - byte_size(Data), blocking);
drain(S, Left, nowait) ->
    case socket:recv(S, 0, nowait) of
        {ok, Data} ->
            drain(S, Left - byte_size(Data), nowait);
        {select, {select_info, _, Ref}} ->
            await(S, Ref),
            drain(S, Left, nowait)
    end.

%% ---- (c) many connections ---------------------------------------------------

many(Conns, Rounds) ->
    {L, Addr} = listener(),
    Parent = self(),
    T0 = now_ns(),
    Server = spawn_link(fun() -> many_server(L, Conns, Rounds, Parent) end),
    Socks = [connect_nowait(Addr) || _ <- lists:seq(1, Conns)],
    Pending = length([S || {S, {select, _}} <- Socks]),
    connected(Pending),
    receive {Server, accepted} -> ok end,
    T1 = now_ns(),
    Cs = [S || {S, _} <- Socks],
    Msg = binary:copy(<<"m">>, ?MSG_SIZE),
    lists:foreach(fun(S) -> send_nowait(S, Msg) end, Cs),
    serve(Cs, Rounds,
          fun(S, _, Done) when Done < Rounds -> send_nowait(S, Msg);
             (_, _, _) -> ok
          end),
    T2 = now_ns(),
    receive {Server, done} -> ok end,
    close_all([L | Cs]),
    {seconds(T0, T1), seconds(T1, T2)}.

%% A nowait connect as a real client makes it: ok at once (rare on
%% loopback) or a select message later, after which connect/1 completes it.
connect_nowait(Addr) ->
    {ok, S} = socket:open(inet, stream, tcp),
    case socket:connect(S, Addr, nowait) of
        ok ->
            nodelay(S),
            {S, ok};
        {select, _} = Sel ->
            {S, Sel};
        Other ->
            error({connect, Other})
    end.

connected(0) ->
    ok;
connected(Pending) ->
    receive
        {'$socket', S, select, _} ->
            ok = socket:connect(S),
            nodelay(S),
            connected(Pending - 1)
    after ?STALL_MS -> error(connect_stalled)
    end.

many_server(L, Conns, Rounds, Parent) ->
    Ss = [begin
              {ok, S} = socket:accept(L),
              nodelay(S),
              S
          end
          || _ <- lists:seq(1, Conns)],
    Parent ! {self(), accepted},
    serve(Ss, Rounds, fun(S, Data, _) -> send_nowait(S, Data) end),
    close_all(Ss),
    Parent ! {self(), done}.

%% One side of (c): every socket keeps a nowait recv pending; a select
%% message says which one to read. OnData(Sock, Data, RoundsDone) replies.
serve(Socks, Rounds, OnData) ->
    Counts0 = maps:from_list([{S, 0} || S <- Socks]),
    {Counts, Done} =
        lists:foldl(fun(S, {Cnt, D}) -> read_ready(S, Cnt, D, Rounds, OnData) end,
                    {Counts0, 0}, Socks),
    serve_loop(Counts, Done, length(Socks), Rounds, OnData).

serve_loop(_, Total, Total, _, _) ->
    ok;
serve_loop(Counts, Done, Total, Rounds, OnData) ->
    receive
        {'$socket', S, select, _} ->
            {Counts1, Done1} = read_ready(S, Counts, Done, Rounds, OnData),
            serve_loop(Counts1, Done1, Total, Rounds, OnData)
    after ?STALL_MS -> error(many_stalled)
    end.

%% Reads S until its recv is pending again; a finished connection is not
%% read again (its peer may already have closed it).
read_ready(S, Counts, Done, Rounds, OnData) ->
    case maps:get(S, Counts) of
        N when N >= Rounds ->
            {Counts, Done};
        N ->
            case socket:recv(S, ?MSG_SIZE, nowait) of
                {ok, Data} ->
                    OnData(S, Data, N + 1),
                    Done1 = case N + 1 of Rounds -> Done + 1; _ -> Done end,
                    read_ready(S, Counts#{S := N + 1}, Done1, Rounds, OnData);
                {select, {select_info, _, _}} ->
                    {Counts, Done};
                Other ->
                    error({many_recv, Other})
            end
    end.
