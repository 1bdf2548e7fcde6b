#!/usr/bin/env escript
%% The script that printed otp25_gen_tcp.txt with OTP 25 (ORACLE_NORMALIZE=1 masks refs, pids, ports and fds).
%% -*- erlang -*-
%%! -noshell
%%
%% Oracle: gen_tcp and inet socket functions (getopts/setopts/getstat/names/i)
%% on loopback (127.0.0.1, ::1) and unix sockets, with the default backend
%% (inet_drv) and with {inet_backend, socket}, side by side.  Every case is
%% run once per backend; each line is labelled [inet] or [socket].
%% Run:  escript otp25/gen_tcp.escript > otp25/gen_tcp.txt
%%       ORACLE_NORMALIZE=1 escript otp25/gen_tcp.escript
%%       (masks refs, pids, ports, ephemeral port numbers, fds in i())
%%
%% Output line format:  <label> => <~p of result, on one line>
%% Every call is wrapped; an exception prints {crash, {Class, Reason}}.
%% Binaries longer than 64 bytes are printed as {'$bin', Size, First8Bytes}.
%% Messages received are printed as  MSG <label> => [Msg, ...].
%% Output of inet:i/0,1,2 is captured and printed as lines starting "I| ".
%% All waits are bounded; a global watchdog halts after 120 s.
-mode(compile).
-export([main/1, log/2]).

main(_) ->
    watchdog(120000),
    ok = io:setopts([{encoding, unicode}]),  % output is UTF-8 text
    put(normalize, os:getenv("ORACLE_NORMALIZE") =/= false),
    setup_log(),
    out("%% gen_tcp.escript  OTP ~s  erts ~s  ~s~n",
        [erlang:system_info(otp_release), erlang:system_info(version),
         os:cmd("uname -srm") -- "\n"]),
    Secs = [{"01 listen / accept / connect", fun s_listen/1},
            {"02 send / recv in passive mode", fun s_sendrecv/1},
            {"03 peer close, close, shutdown", fun s_shutdown/1},
            {"04 controlling_process", fun s_ctrl/1},
            {"05 active true / once / N / false", fun s_active/1},
            {"06 mode list|binary and header", fun s_mode/1},
            {"07 packet raw, 0, 1, 2, 4", fun s_packet_n/1},
            {"08 packet line (line_delimiter, packet_size)", fun s_line/1},
            {"09 packet asn1, cdr, sunrm, fcgi, tpkt", fun s_packet_misc/1},
            {"10 packet http, http_bin, httph, httph_bin", fun s_http/1},
            {"11 packet_size overflow", fun s_packet_size/1},
            {"12 exit_on_close", fun s_exit_on_close/1},
            {"13 show_econnreset and RST", fun s_econnreset/1},
            {"14 send_timeout / send_timeout_close with a full buffer", fun s_send_timeout/1},
            {"15 getopts / setopts: every TCP option of the inet manual", fun s_opts/1},
            {"16 setopts / getopts: bad options and values", fun s_badopts/1},
            {"17 getstat", fun s_getstat/1},
            {"18 peername / sockname / port / peernames / socknames", fun s_names/1},
            {"19 inet:i()", fun s_i/1},
            {"20 bad arguments", fun s_badargs/1},
            {"21 local (unix) sockets and inet6", fun s_local/1}],
    [sec(N, F) || {N, F} <- Secs],
    out("~n%% END~n", []),
    halt(0).

%% ===========================================================================
%% 01
s_listen(B) ->
    L = v("listen(0, [{ip,{127,0,0,1}}, binary, {active,false}])",
          fun() -> gen_tcp:listen(0, bo(B, [{ip, {127,0,0,1}}, binary, {active, false}])) end),
    {ok, P} = inet:port(L),
    pport("inet:port(L)", fun() -> inet:port(L) end),
    p("inet:sockname(L)", fun() -> inet:sockname(L) end),
    p("inet:peername(L)", fun() -> inet:peername(L) end),
    p("accept(L, 0) nothing pending", fun() -> gen_tcp:accept(L, 0) end),
    p("accept(L, 100) nothing pending", fun() -> gen_tcp:accept(L, 100) end),
    {ok, C0} = gen_tcp:connect({127,0,0,1}, P, bo(B, [{active, false}]), 2000),
    timer:sleep(50),
    R0 = p("accept(L, 0) with a connection pending", fun() -> gen_tcp:accept(L, 0) end),
    R0b = p("accept(L, 200) right after that", fun() -> gen_tcp:accept(L, 200) end),
    [catch gen_tcp:close(X) || {ok, X} <- [R0, R0b]], gen_tcp:close(C0),
    C1 = v("connect({127,0,0,1}, P, [binary,{active,false}], 2000)",
           fun() -> gen_tcp:connect({127,0,0,1}, P, bo(B, [binary, {active, false}]), 2000) end),
    A1 = v("accept(L, 2000)", fun() -> gen_tcp:accept(L, 2000) end),
    C2 = v("connect(\"localhost\", P, [], 2000)",
           fun() -> gen_tcp:connect("localhost", P, bo(B, []), 2000) end),
    A2 = v("accept(L) (no timeout, connection pending)", fun() -> gen_tcp:accept(L) end),
    p("getopts(C2 default connect, [active,mode,packet,header])",
      fun() -> inet:getopts(C2, [active, mode, packet, header]) end),
    p("getopts(A2 inherits from L, [active,mode,packet])",
      fun() -> inet:getopts(A2, [active, mode, packet]) end),
    C3 = v("connect(localhost (atom), P, [], 2000)",
           fun() -> gen_tcp:connect(localhost, P, bo(B, []), 2000) end),
    A3 = v("accept(L, 2000)", fun() -> gen_tcp:accept(L, 2000) end),
    C4 = v("connect(#{family=>inet,addr=>{127,0,0,1},port=>P}, [], 2000)",
           fun() -> gen_tcp:connect(#{family => inet, addr => {127,0,0,1}, port => P}, bo(B, []), 2000) end),
    A4 = v("accept(L, 2000)", fun() -> gen_tcp:accept(L, 2000) end),
    C5 = v("connect({127,0,0,1}, P, [{ip,{127,0,0,1}},{port,0}], 2000)",
           fun() -> gen_tcp:connect({127,0,0,1}, P, bo(B, [{ip, {127,0,0,1}}, {port, 0}]), 2000) end),
    A5 = v("accept(L, 2000)", fun() -> gen_tcp:accept(L, 2000) end),
    %% racy with the inet backend: ok or {error,timeout}; always timeout with socket
    p("connect(..., 0) timeout 0 on loopback: in [ok, {error,timeout}]",
      fun() -> R = gen_tcp:connect({127,0,0,1}, P, bo(B, []), 0),
               R1 = case R of {ok, X} -> gen_tcp:close(X), ok; _ -> R end,
               lists:member(R1, [ok, {error, timeout}]) end),
    _ = gen_tcp:accept(L, 200),
    p("listen(P, [{ip,{127,0,0,1}}]) port in use",
      fun() -> gen_tcp:listen(P, bo(B, [{ip, {127,0,0,1}}])) end),
    p("listen(P, [{ip,{127,0,0,1}},{reuseaddr,true}]) port in use, listening",
      fun() -> gen_tcp:listen(P, bo(B, [{ip, {127,0,0,1}}, {reuseaddr, true}])) end),
    %% accept from a process that is not the owner of L
    Self = self(),
    spawn(fun() -> R = gen_tcp:accept(L, 2000),
                   Self ! {acc, R, case R of {ok, S} -> erlang:element(1, owner_of(S)); _ -> x end},
                   receive stop -> ok after 3000 -> ok end end),
    timer:sleep(50),
    {ok, C6} = gen_tcp:connect({127,0,0,1}, P, bo(B, []), 2000),
    p("accept in another process: result, owner is acceptor",
      fun() -> receive {acc, R, O} -> {element(1, R), O} after 2000 -> timeout end end),
    %% accept blocked in another process while L closes
    spawn(fun() -> Self ! {acc2, gen_tcp:accept(L, 3000)} end),
    timer:sleep(100),
    p("close(L) while another process waits in accept", fun() -> gen_tcp:close(L) end),
    p("that accept returns", fun() -> receive {acc2, R} -> R after 2000 -> timeout end end),
    p("accept(L, 100) after close", fun() -> gen_tcp:accept(L, 100) end),
    p("connect to the closed listen port", fun() -> gen_tcp:connect({127,0,0,1}, P, bo(B, []), 2000) end),
    %% options of listen
    [begin
         R = p(lists:flatten(io_lib:format("listen(0, ~9999p)", [O])),
               fun() -> gen_tcp:listen(0, bo(B, O)) end),
         case R of
             {ok, X} -> p("  sockname", fun() -> inet:sockname(X) end), gen_tcp:close(X);
             _ -> ok
         end
     end || O <- [[{ip, loopback}], [{ifaddr, {127,0,0,1}}],
                  [{ifaddr, #{family => inet, addr => {127,0,0,1}, port => 0}}],
                  [{ip, {127,0,0,1}}, {backlog, 1}], [inet, {ip, {127,0,0,1}}],
                  [inet6, {ip, {0,0,0,0,0,0,0,1}}], [inet6, {ip, loopback}],
                  [{ip, {0,0,0,0,0,0,0,1}}], [{ip, {10,255,255,1}}],
                  [{ip, {127,0,0,1}}, {ifaddr, {127,0,0,2}}],
                  [{ip, {127,0,0,1}}, {line_delimiter, $;}]]],
    [catch gen_tcp:close(X) || X <- [C1, A1, C2, A2, C3, A3, C4, A4, C5, A5, C6]],
    ok.

owner_of(S) ->
    case S of
        _ when is_port(S) -> {erlang:port_info(S, connected) =:= {connected, self()}};
        _ -> {maps:get(owner, inet:info(S), undefined) =:= self()}
    end.

%% ===========================================================================
%% 02
s_sendrecv(B) ->
    {L, C, A} = pair(B),
    p("send(C, \"hello\")", fun() -> gen_tcp:send(C, "hello") end),
    p("recv(A, 0, 1000)", fun() -> gen_tcp:recv(A, 0, 1000) end),
    p("send(C, [<<\"a\">>, \"bc\", [$d, [<<\"e\">>]]]) iolist",
      fun() -> gen_tcp:send(C, [<<"a">>, "bc", [$d, [<<"e">>]]]) end),
    p("recv(A, 0, 1000)", fun() -> gen_tcp:recv(A, 0, 1000) end),
    ok = gen_tcp:send(C, <<"0123456789">>), timer:sleep(50),
    p("recv(A, 4, 1000) of 10 available", fun() -> gen_tcp:recv(A, 4, 1000) end),
    p("recv(A, 0, 1000) rest", fun() -> gen_tcp:recv(A, 0, 1000) end),
    p("recv(A, 0, 0) nothing", fun() -> gen_tcp:recv(A, 0, 0) end),
    p("recv(A, 0, 100) nothing", fun() -> gen_tcp:recv(A, 0, 100) end),
    p("recv(A, 5, 0) nothing", fun() -> gen_tcp:recv(A, 5, 0) end),
    ok = gen_tcp:send(C, <<"abc">>), timer:sleep(50),
    p("recv(A, 10, 200) with 3 available", fun() -> gen_tcp:recv(A, 10, 200) end),
    p("recv(A, 0, 200) after that timeout (is the data kept?)", fun() -> gen_tcp:recv(A, 0, 200) end),
    spawn(fun() -> gen_tcp:send(C, <<"ab">>), timer:sleep(100), gen_tcp:send(C, <<"cde">>) end),
    p("recv(A, 5, 2000) data in two sends 100 ms apart", fun() -> gen_tcp:recv(A, 5, 2000) end),
    p("send(C, <<>>)", fun() -> gen_tcp:send(C, <<>>) end),
    p("send(C, [])", fun() -> gen_tcp:send(C, []) end),
    p("recv(A, 0, 100) after empty sends", fun() -> gen_tcp:recv(A, 0, 100) end),
    p("send(C, 42)", fun() -> gen_tcp:send(C, 42) end),
    p("send(C, [1000])", fun() -> gen_tcp:send(C, [1000]) end),
    p("send(C, [a])", fun() -> gen_tcp:send(C, [a]) end),
    p("send(C, <<1:3>>) bitstring", fun() -> gen_tcp:send(C, <<1:3>>) end),
    p("recv(A, 0, 100) after bad sends", fun() -> gen_tcp:recv(A, 0, 100) end),
    p("recv(A, -1, 100)", fun() -> gen_tcp:recv(A, -1, 100) end),
    %% list mode
    ok = inet:setopts(A, [list]),
    ok = gen_tcp:send(C, <<"listy">>),
    p("recv(A, 0, 1000) in list mode", fun() -> gen_tcp:recv(A, 0, 1000) end),
    ok = inet:setopts(A, [binary]),
    %% a large transfer
    Big = binary:copy(<<"0123456789abcdef">>, 65536),
    Self = self(),
    spawn(fun() -> Self ! {big_sent, gen_tcp:send(C, Big)} end),
    p("recv(A, 1048576, 5000) of a 1 MiB send",
      fun() -> case gen_tcp:recv(A, 1048576, 5000) of
                   {ok, D} -> {ok, byte_size(D), D =:= Big};
                   E -> E
               end end),
    p("the 1 MiB send returned", fun() -> receive {big_sent, R} -> R after 3000 -> timeout end end),
    p("recv(A, 0, 0) after it", fun() -> gen_tcp:recv(A, 0, 0) end),
    %% recv while active
    ok = inet:setopts(A, [{active, true}]),
    p("recv(A, 0, 100) while {active,true}", fun() -> gen_tcp:recv(A, 0, 100) end),
    ok = inet:setopts(A, [{active, false}]),
    %% recv from a process that is not the owner
    spawn(fun() -> Self ! {nonowner_recv, gen_tcp:recv(A, 0, 1000)} end),
    timer:sleep(50),
    ok = gen_tcp:send(C, <<"for-nonowner">>),
    p("recv(A, 0, 1000) by a process that is not the owner",
      fun() -> receive {nonowner_recv, R} -> R after 2000 -> timeout end end),
    spawn(fun() -> Self ! {nonowner_send, gen_tcp:send(A, <<"from-nonowner">>)} end),
    p("send(A, ...) by a process that is not the owner",
      fun() -> receive {nonowner_send, R} -> R after 2000 -> timeout end end),
    p("recv(C, 0, 1000)", fun() -> gen_tcp:recv(C, 0, 1000) end),
    close_all([L, C, A]),
    ok.

%% ===========================================================================
%% 03
s_shutdown(B) ->
    %% peer close
    {L, C, A} = pair(B),
    ok = gen_tcp:send(C, <<"bye">>),
    p("close(C) after sending bye", fun() -> gen_tcp:close(C) end),
    p("recv(A, 0, 1000) data before the FIN", fun() -> gen_tcp:recv(A, 0, 1000) end),
    p("recv(A, 0, 1000) at EOF", fun() -> gen_tcp:recv(A, 0, 1000) end),
    p("recv(A, 0, 1000) again", fun() -> gen_tcp:recv(A, 0, 1000) end),
    p("send(A, \"x\") after EOF seen (exit_on_close true)", fun() -> gen_tcp:send(A, "x") end),
    p("getopts(A, [active]) after EOF", fun() -> inet:getopts(A, [active]) end),
    p("peername(A) after EOF", fun() -> inet:peername(A) end),
    p("close(A)", fun() -> gen_tcp:close(A) end),
    p("close(A) again", fun() -> gen_tcp:close(A) end),
    p("send(A) after close", fun() -> gen_tcp:send(A, "x") end),
    p("recv(A, 0, 100) after close", fun() -> gen_tcp:recv(A, 0, 100) end),
    p("getopts(A, [active]) after close", fun() -> inet:getopts(A, [active]) end),
    p("setopts(A, [{active,true}]) after close", fun() -> inet:setopts(A, [{active, true}]) end),
    p("shutdown(A, write) after close", fun() -> gen_tcp:shutdown(A, write) end),
    p("sockname(A) after close", fun() -> inet:sockname(A) end),
    p("port(A) after close", fun() -> inet:port(A) end),
    gen_tcp:close(L),
    %% partial data then close: recv(N) with fewer bytes
    {L2, C2, A2} = pair(B),
    ok = gen_tcp:send(C2, <<"1234">>), ok = gen_tcp:close(C2), timer:sleep(50),
    p("recv(A, 10, 1000) 4 bytes then FIN", fun() -> gen_tcp:recv(A2, 10, 1000) end),
    p("recv(A, 0, 1000) after that", fun() -> gen_tcp:recv(A2, 0, 1000) end),
    close_all([L2, A2]),
    %% send after peer closed
    {L3, C3, A3} = pair(B),
    ok = gen_tcp:close(A3), timer:sleep(50),
    p("send(C, \"a\") after the peer closed (1st)", fun() -> gen_tcp:send(C3, "a") end),
    timer:sleep(50),
    p("send(C, \"b\") after the peer closed (2nd)", fun() -> gen_tcp:send(C3, "b") end),
    timer:sleep(50),
    p("send(C, \"c\") (3rd)", fun() -> gen_tcp:send(C3, "c") end),
    p("recv(C, 0, 500)", fun() -> gen_tcp:recv(C3, 0, 500) end),
    close_all([L3, C3]),
    %% shutdown write
    {L4, C4, A4} = pair(B),
    ok = gen_tcp:send(C4, <<"before">>),
    p("shutdown(C, write)", fun() -> gen_tcp:shutdown(C4, write) end),
    p("recv(A, 0, 1000)", fun() -> gen_tcp:recv(A4, 0, 1000) end),
    p("recv(A, 0, 1000) EOF", fun() -> gen_tcp:recv(A4, 0, 1000) end),
    p("send(A, \"back\") after EOF (exit_on_close true)", fun() -> gen_tcp:send(A4, "back") end),
    p("recv(C, 0, 500) after A's EOF", fun() -> gen_tcp:recv(C4, 0, 500) end),
    p("send(C, \"x\") after shutdown write", fun() -> gen_tcp:send(C4, "x") end),
    p("shutdown(C, write) again", fun() -> gen_tcp:shutdown(C4, write) end),
    close_all([L4, C4, A4]),
    %% shutdown write, peer keeps talking (exit_on_close false on A)
    {L5, C5, A5} = pair(B, [{exit_on_close, false}], []),
    p("shutdown(C, write) with A exit_on_close=false", fun() -> gen_tcp:shutdown(C5, write) end),
    p("recv(A, 0, 1000) EOF", fun() -> gen_tcp:recv(A5, 0, 1000) end),
    p("send(A, \"back\")", fun() -> gen_tcp:send(A5, "back") end),
    p("recv(C, 0, 1000) gets it", fun() -> gen_tcp:recv(C5, 0, 1000) end),
    close_all([L5, C5, A5]),
    %% shutdown read
    {L6, C6, A6} = pair(B),
    p("shutdown(C, read)", fun() -> gen_tcp:shutdown(C6, read) end),
    p("recv(C, 0, 300) after shutdown read", fun() -> gen_tcp:recv(C6, 0, 300) end),
    p("send(A, \"late\")", fun() -> gen_tcp:send(A6, "late") end),
    timer:sleep(50),
    p("recv(C, 0, 300) after the peer sent", fun() -> gen_tcp:recv(C6, 0, 300) end),
    p("send(C, \"still\") after shutdown read", fun() -> gen_tcp:send(C6, "still") end),
    p("recv(A, 0, 1000)", fun() -> gen_tcp:recv(A6, 0, 1000) end),
    close_all([L6, C6, A6]),
    %% shutdown read_write
    {L7, C7, A7} = pair(B),
    p("shutdown(C, read_write)", fun() -> gen_tcp:shutdown(C7, read_write) end),
    p("recv(A, 0, 1000)", fun() -> gen_tcp:recv(A7, 0, 1000) end),
    p("send(C, \"x\") after read_write", fun() -> gen_tcp:send(C7, "x") end),
    p("recv(C, 0, 300) after read_write", fun() -> gen_tcp:recv(C7, 0, 300) end),
    p("shutdown(C, foo)", fun() -> gen_tcp:shutdown(C7, foo) end),
    close_all([L7, C7, A7]),
    %% active socket sees the shutdown
    {L8, C8, A8} = pair(B, [{active, true}], []),
    ok = gen_tcp:shutdown(C8, write),
    msgs("A {active,true} after peer shutdown(write)", 500),
    close_all([L8, C8, A8]),
    ok.

%% ===========================================================================
%% 04
s_ctrl(B) ->
    {L, C, A} = pair(B),
    Self = self(),
    Pid = spawn(fun() -> ctrl_helper(Self) end),
    p("controlling_process(A, Pid) by owner", fun() -> gen_tcp:controlling_process(A, Pid) end),
    p("controlling_process(A, self()) by the old owner", fun() -> gen_tcp:controlling_process(A, self()) end),
    Pid ! {do, fun() -> inet:setopts(A, [{active, once}]) end},
    p("new owner: setopts(A, [{active,once}])", fun() -> receive {done, R} -> R after 1000 -> timeout end end),
    ok = gen_tcp:send(C, <<"to-new-owner">>),
    Pid ! {do, fun() -> receive M -> M after 1000 -> nothing end end},
    p("new owner receives", fun() -> receive {done, R} -> R after 2000 -> timeout end end),
    Pid ! {do, fun() -> gen_tcp:controlling_process(A, Self) end},
    p("new owner gives it back: controlling_process(A, Self)",
      fun() -> receive {done, R} -> R after 1000 -> timeout end end),
    p("controlling_process(A, self()) by owner (already owner)",
      fun() -> gen_tcp:controlling_process(A, self()) end),
    p("controlling_process(A, foo)", fun() -> gen_tcp:controlling_process(A, foo) end),
    %% active true: messages already in the old owner's mailbox move along
    ok = inet:setopts(A, [{active, true}]),
    ok = gen_tcp:send(C, <<"queued">>), timer:sleep(100),
    Pid2 = spawn(fun() -> ctrl_helper(Self) end),
    p("controlling_process(A, Pid2) with a {tcp,..} message queued",
      fun() -> gen_tcp:controlling_process(A, Pid2) end),
    msgs("old owner's mailbox after the transfer", 100),
    Pid2 ! {do, fun() -> receive M -> M after 500 -> nothing end end},
    p("Pid2 receives", fun() -> receive {done, R} -> R after 1000 -> timeout end end),
    %% owner death closes the socket
    Pid2 ! die,
    timer:sleep(100),
    p("recv(C, 0, 1000) after the owner of A exited", fun() -> gen_tcp:recv(C, 0, 1000) end),
    p("send(A) after its owner exited", fun() -> gen_tcp:send(A, "x") end),
    %% not owner
    {L2, C2, A2} = pair(B),
    spawn(fun() -> Self ! {r, gen_tcp:controlling_process(A2, self())} end),
    p("controlling_process(A, self()) by a non-owner",
      fun() -> receive {r, R} -> R after 1000 -> timeout end end),
    spawn(fun() -> Self ! {r, inet:setopts(A2, [{active, once}])} end),
    p("setopts(A, [{active,once}]) by a non-owner",
      fun() -> receive {r, R} -> R after 1000 -> timeout end end),
    ok = gen_tcp:send(C2, <<"who gets this">>),
    msgs("owner mailbox after a non-owner set active once", 300),
    ok = inet:setopts(A2, [{active, false}]),
    gen_tcp:close(A2),
    p("controlling_process(closed A, Pid)", fun() -> gen_tcp:controlling_process(A2, Pid) end),
    p("controlling_process of listen socket", fun() -> gen_tcp:controlling_process(L2, Pid) end),
    Pid ! stop,
    close_all([L, C, L2, C2]),
    %% a dead pid as the new owner
    {L3, C3, A3} = pair(B),
    Dead = spawn(fun() -> ok end), timer:sleep(20),
    p("controlling_process(A, DeadPid)", fun() -> gen_tcp:controlling_process(A3, Dead) end),
    timer:sleep(50),
    p("  getopts(A, [active]) afterwards", fun() -> inet:getopts(A3, [active]) end),
    p("  recv(C, 0, 300) afterwards", fun() -> gen_tcp:recv(C3, 0, 300) end),
    close_all([L3, C3, A3]),
    ok.

ctrl_helper(Parent) ->
    receive
        {do, F} -> Parent ! {done, try F() catch Cl:E -> {crash, {Cl, E}} end}, ctrl_helper(Parent);
        die -> exit(normal);
        stop -> ok
    after 10000 -> ok
    end.

%% ===========================================================================
%% 05
s_active(B) ->
    {L, C, A} = pair(B, [{active, true}], []),
    p("getopts(A, [active]) accepted from {active,true} listener", fun() -> inet:getopts(A, [active]) end),
    ok = gen_tcp:send(C, <<"abc">>),
    msgs("{active,true} after send abc", 500),
    ok = inet:setopts(A, [list]),
    ok = gen_tcp:send(C, <<"def">>),
    msgs("{active,true} list mode after send def", 500),
    ok = gen_tcp:close(C),
    msgs("{active,true} after peer close", 500),
    p("recv(A, 0, 100) after tcp_closed", fun() -> gen_tcp:recv(A, 0, 100) end),
    p("getopts(A, [active]) after tcp_closed", fun() -> inet:getopts(A, [active]) end),
    close_all([L, A]),
    %% once
    {L2, C2, A2} = pair(B),
    ok = inet:setopts(A2, [{active, once}]),
    ok = gen_tcp:send(C2, <<"one">>),
    msgs("{active,once} after send one", 500),
    p("getopts(A, [active]) after the once message", fun() -> inet:getopts(A2, [active]) end),
    ok = gen_tcp:send(C2, <<"two">>),
    msgs("nothing while passive", 200),
    ok = inet:setopts(A2, [{active, once}]),
    msgs("setopts once again -> queued data", 500),
    ok = gen_tcp:close(C2), timer:sleep(50),
    msgs("peer closed while passive (no message)", 200),
    ok = inet:setopts(A2, [{active, once}]),
    msgs("setopts once after the peer closed", 500),
    close_all([L2, A2]),
    %% N
    {L3, C3, A3} = pair(B),
    p("setopts(A, [{active,3}])", fun() -> inet:setopts(A3, [{active, 3}]) end),
    p("getopts(A, [active])", fun() -> inet:getopts(A3, [active]) end),
    [begin ok = gen_tcp:send(C3, [<<"n">>, integer_to_list(I)]),
           msgs(lists:flatten(io_lib:format("{active,N} message ~p", [I])), 500)
     end || I <- [1, 2, 3]],
    p("getopts(A, [active]) after tcp_passive", fun() -> inet:getopts(A3, [active]) end),
    ok = gen_tcp:send(C3, <<"n4">>),
    msgs("4th send while passive", 200),
    p("recv(A, 0, 500) gets the 4th", fun() -> gen_tcp:recv(A3, 0, 500) end),
    p("setopts(A, [{active,2}])", fun() -> inet:setopts(A3, [{active, 2}]) end),
    p("setopts(A, [{active,3}]) adds", fun() -> inet:setopts(A3, [{active, 3}]) end),
    p("getopts(A, [active])", fun() -> inet:getopts(A3, [active]) end),
    p("setopts(A, [{active,-2}])", fun() -> inet:setopts(A3, [{active, -2}]) end),
    p("getopts(A, [active])", fun() -> inet:getopts(A3, [active]) end),
    msgs("no message yet", 100),
    p("setopts(A, [{active,-10}]) below zero", fun() -> inet:setopts(A3, [{active, -10}]) end),
    p("getopts(A, [active])", fun() -> inet:getopts(A3, [active]) end),
    msgs("after count forced to 0", 200),
    p("setopts(A, [{active,0}]) while passive", fun() -> inet:setopts(A3, [{active, 0}]) end),
    msgs("after {active,0} while passive", 200),
    p("setopts(A, [{active,true}]) then [{active,0}]",
      fun() -> ok = inet:setopts(A3, [{active, true}]), inet:setopts(A3, [{active, 0}]) end),
    msgs("after {active,0} from true", 200),
    p("getopts(A, [active])", fun() -> inet:getopts(A3, [active]) end),
    p("setopts(A, [{active,32767}])", fun() -> inet:setopts(A3, [{active, 32767}]) end),
    p("getopts(A, [active])", fun() -> inet:getopts(A3, [active]) end),
    p("setopts(A, [{active,1}]) on top of 32767", fun() -> inet:setopts(A3, [{active, 1}]) end),
    p("getopts(A, [active])", fun() -> inet:getopts(A3, [active]) end),
    p("setopts(A, [{active,false}])", fun() -> inet:setopts(A3, [{active, false}]) end),
    p("setopts(A, [{active,32768}])", fun() -> inet:setopts(A3, [{active, 32768}]) end),
    p("setopts(A, [{active,-32769}])", fun() -> inet:setopts(A3, [{active, -32769}]) end),
    p("setopts(A, [{active,-32768}])", fun() -> inet:setopts(A3, [{active, -32768}]) end),
    p("getopts(A, [active])", fun() -> inet:getopts(A3, [active]) end),
    msgs("after -32768", 200),
    p("setopts(A, [{active,1}])", fun() -> inet:setopts(A3, [{active, 1}]) end),
    ok = gen_tcp:send(C3, <<"last">>),
    msgs("{active,1}: data then tcp_passive", 500),
    ok = gen_tcp:close(C3),
    ok = inet:setopts(A3, [{active, 2}]),
    msgs("{active,2} then peer close", 500),
    close_all([L3, A3]),
    %% passive with data + close, then active true
    {L4, C4, A4} = pair(B),
    ok = gen_tcp:send(C4, <<"pending">>), ok = gen_tcp:close(C4), timer:sleep(100),
    ok = inet:setopts(A4, [{active, true}]),
    msgs("data and FIN arrived while passive, then {active,true}", 500),
    close_all([L4, A4]),
    %% back to passive after an active mode: does recv still time out?
    [begin
         {L6, C6, A6} = pair(B),
         ok = inet:setopts(A6, [{active, Mode}]),
         ok = inet:setopts(A6, [{active, false}]),
         pt(lists:flatten(io_lib:format("{active,~p} then {active,false}, no data: recv(A, 0, 100)", [Mode])),
            fun() -> gen_tcp:recv(A6, 0, 100) end, 600),
         spawn(fun() -> timer:sleep(200), gen_tcp:send(C6, <<"late">>) end),
         pt("  then recv(A, 0, 100) from another process (data is sent 200 ms later)",
            fun() -> gen_tcp:recv(A6, 0, 100) end, 1000),
         close_all([L6, C6, A6])
     end || Mode <- [true, once, 2]],
    %% deliver port
    {L5, C5, A5} = pair(B),
    p("setopts(A, [{deliver,port},{active,true}])", fun() -> inet:setopts(A5, [{deliver, port}, {active, true}]) end),
    ok = gen_tcp:send(C5, <<"dp">>),
    msgs("{deliver,port} data", 500),
    ok = gen_tcp:close(C5),
    msgs("{deliver,port} close", 500),
    close_all([L5, A5]),
    ok.

%% ===========================================================================
%% 06
s_mode(B) ->
    {L, C, A} = pair(B),
    p("getopts(A, [mode,header])", fun() -> inet:getopts(A, [mode, header]) end),
    close_all([L, C, A]),
    [begin
         {L1, C1, A1} = pair(B),
         p(lists:flatten(io_lib:format("setopts(A, ~9999p)", [O])), fun() -> inet:setopts(A1, O) end),
         ok = gen_tcp:send(C1, <<"hello">>),
         p("  recv(A, 0, 1000) of hello", fun() -> gen_tcp:recv(A1, 0, 1000) end),
         p("  getopts(A, [mode, header])", fun() -> inet:getopts(A1, [mode, header]) end),
         close_all([L1, C1, A1])
     end || O <- [[list], [binary], [{mode, list}], [{mode, binary}],
                  [{header, 2}], [{header, 4}], [{header, 5}], [{header, 6}], [{header, 10}],
                  [list, {header, 2}], [binary, {header, 2}], [{header, 2}, list],
                  [{header, 0}]]],
    {L3, C3, A3} = pair(B),
    ok = inet:setopts(A3, [binary, {header, 3}, {active, once}]),
    ok = gen_tcp:send(C3, <<"active-header">>),
    msgs("{header,3} active once", 500),
    ok = inet:setopts(A3, [{header, 1}, {packet, 2}]),
    ok = inet:setopts(C3, [{packet, 2}]),
    ok = gen_tcp:send(C3, <<"pkt">>),
    p("{header,1},{packet,2} recv", fun() -> gen_tcp:recv(A3, 0, 1000) end),
    ok = gen_tcp:send(C3, <<>>),
    p("{header,1},{packet,2} recv of empty packet", fun() -> gen_tcp:recv(A3, 0, 1000) end),
    close_all([L3, C3, A3]),
    {L2, C2, A2} = pair(B, [list], []),
    p("getopts(A from [list] listener, [mode])", fun() -> inet:getopts(A2, [mode]) end),
    ok = gen_tcp:send(C2, <<"x">>),
    p("recv(A, 0, 1000)", fun() -> gen_tcp:recv(A2, 0, 1000) end),
    close_all([L2, C2, A2]),
    ok.

%% ===========================================================================
%% 07
s_packet_n(B) ->
    [begin
         {L, C, A} = pair(B, [], [{packet, P}]),
         p(lists:flatten(io_lib:format("{packet,~p} send(C, <<\"hello\">>)", [P])),
           fun() -> gen_tcp:send(C, <<"hello">>) end),
         timer:sleep(30),
         p("  raw receiver sees the wire bytes", fun() -> gen_tcp:recv(A, 0, 1000) end),
         ok = inet:setopts(A, [{packet, P}]),
         ok = gen_tcp:send(C, <<"world">>),
         p("  {packet,P} receiver recv(A, 0)", fun() -> gen_tcp:recv(A, 0, 1000) end),
         ok = gen_tcp:send(C, <<>>),
         p("  send <<>>: recv(A, 0, 200)", fun() -> gen_tcp:recv(A, 0, 200) end),
         ok = gen_tcp:send(C, [<<"i">>, "o", [<<"list">>]]),
         p("  iolist packet: recv(A, 0)", fun() -> gen_tcp:recv(A, 0, 1000) end),
         ok = gen_tcp:send(C, <<"xyz">>),
         p("  recv(A, 2, 200) with a length", fun() -> gen_tcp:recv(A, 2, 200) end),
         p("  recv(A, 0, 200) after it", fun() -> gen_tcp:recv(A, 0, 200) end),
         ok = inet:setopts(A, [{active, once}]),
         ok = gen_tcp:send(C, <<"act">>),
         msgs("  active once", 500),
         close_all([L, C, A])
     end || P <- [raw, 0, 1, 2, 4]],
    %% receiver-side framing of raw frames
    {L, C, A} = pair(B, [{packet, 2}], []),
    ok = gen_tcp:send(C, <<0,3,"abc",0,2,"de">>),
    p("{packet,2}: two packets in one send, recv 1", fun() -> gen_tcp:recv(A, 0, 1000) end),
    p("  recv 2", fun() -> gen_tcp:recv(A, 0, 1000) end),
    ok = gen_tcp:send(C, <<0>>), timer:sleep(50),
    ok = gen_tcp:send(C, <<4,"ab">>), timer:sleep(50),
    ok = gen_tcp:send(C, <<"cd">>),
    p("{packet,2}: header split across sends", fun() -> gen_tcp:recv(A, 0, 1000) end),
    ok = gen_tcp:send(C, <<0,5,"ab">>),
    p("{packet,2}: incomplete packet recv(A, 0, 200)", fun() -> gen_tcp:recv(A, 0, 200) end),
    ok = gen_tcp:send(C, <<"cde">>),
    p("  completed", fun() -> gen_tcp:recv(A, 0, 1000) end),
    ok = inet:setopts(A, [{active, true}]),
    ok = gen_tcp:send(C, <<0,1,"x",0,1,"y",0,1,"z">>),
    msgs("{packet,2} active: three packets in one send", 500),
    ok = inet:setopts(A, [{active, false}]),
    close_all([L, C, A]),
    %% sender limits
    {L2, C2, A2} = pair(B, [], [{packet, 1}]),
    p("{packet,1} send of 255 bytes", fun() -> gen_tcp:send(C2, binary:copy(<<"a">>, 255)) end),
    p("  raw recv(A, 256, 1000)", fun() -> gen_tcp:recv(A2, 256, 1000) end),
    p("{packet,1} send of 256 bytes", fun() -> gen_tcp:send(C2, binary:copy(<<"b">>, 256)) end),
    p("  raw recv(A, 0, 300)", fun() -> gen_tcp:recv(A2, 0, 300) end),
    ok = inet:setopts(C2, [{packet, 2}]),
    p("{packet,2} send of 65536 bytes", fun() -> gen_tcp:send(C2, binary:copy(<<"c">>, 65536)) end),
    p("  raw recv(A, 0, 300)", fun() -> gen_tcp:recv(A2, 0, 300) end),
    close_all([L2, C2, A2]),
    ok.

%% ===========================================================================
%% 08
s_line(B) ->
    {L, C, A} = pair(B, [{packet, line}], []),
    ok = gen_tcp:send(C, <<"line1\nline2\npartial">>),
    p("line: recv 1", fun() -> gen_tcp:recv(A, 0, 1000) end),
    p("line: recv 2", fun() -> gen_tcp:recv(A, 0, 1000) end),
    p("line: recv(A, 0, 200) partial line", fun() -> gen_tcp:recv(A, 0, 200) end),
    ok = gen_tcp:send(C, <<"-end\n">>),
    p("line: completed", fun() -> gen_tcp:recv(A, 0, 1000) end),
    ok = gen_tcp:send(C, <<"\n">>),
    p("line: empty line", fun() -> gen_tcp:recv(A, 0, 1000) end),
    ok = gen_tcp:send(C, <<"crlf\r\n">>),
    p("line: CRLF line", fun() -> gen_tcp:recv(A, 0, 1000) end),
    p("getopts(A, [line_delimiter])", fun() -> inet:getopts(A, [line_delimiter]) end),
    ok = inet:setopts(A, [{line_delimiter, $;}]),
    ok = gen_tcp:send(C, <<"a;b\nc;">>),
    p("line_delimiter $; recv 1", fun() -> gen_tcp:recv(A, 0, 1000) end),
    p("line_delimiter $; recv 2", fun() -> gen_tcp:recv(A, 0, 1000) end),
    p("getopts(A, [line_delimiter])", fun() -> inet:getopts(A, [line_delimiter]) end),
    ok = inet:setopts(A, [{line_delimiter, $\n}, list]),
    ok = gen_tcp:send(C, <<"as list\n">>),
    p("line in list mode", fun() -> gen_tcp:recv(A, 0, 1000) end),
    ok = inet:setopts(A, [binary, {packet_size, 8}]),
    ok = gen_tcp:send(C, <<"0123456789ABCDEFGHIJ\nnext\n">>),
    p("line, packet_size 8, 20-byte line: recv 1", fun() -> gen_tcp:recv(A, 0, 1000) end),
    p("  recv 2", fun() -> gen_tcp:recv(A, 0, 1000) end),
    p("  recv 3", fun() -> gen_tcp:recv(A, 0, 200) end),
    p("  recv 4", fun() -> gen_tcp:recv(A, 0, 200) end),
    close_all([L, C, A]),
    %% line longer than the buffer option
    {L2, C2, A2} = pair(B, [{packet, line}, {buffer, 16}], []),
    p("getopts(A, [buffer, packet_size])", fun() -> inet:getopts(A2, [buffer, packet_size]) end),
    ok = gen_tcp:send(C2, <<"this line is longer than sixteen bytes\nshort\n">>),
    p("line, buffer 16, 39-byte line: recv 1", fun() -> gen_tcp:recv(A2, 0, 1000) end),
    p("  recv 2", fun() -> gen_tcp:recv(A2, 0, 1000) end),
    p("  recv 3", fun() -> gen_tcp:recv(A2, 0, 200) end),
    p("  recv 4", fun() -> gen_tcp:recv(A2, 0, 200) end),
    close_all([L2, C2, A2]),
    %% active line
    {L3, C3, A3} = pair(B, [{packet, line}, {active, true}], []),
    ok = gen_tcp:send(C3, <<"x1\nx2\nx3">>),
    msgs("line active true: x1 x2 and partial x3", 500),
    ok = gen_tcp:close(C3),
    msgs("line active: peer close with partial line buffered", 500),
    close_all([L3, A3]),
    ok.

%% ===========================================================================
%% 09
s_packet_misc(B) ->
    Cases =
        [{asn1, [<<16#30,3,1,2,3>>, <<16#04,16#81,130, (binary:copy(<<"z">>, 130))/binary>>,
                 <<16#1f,16#81,16#00,2,"ab">>]},
         {cdr, [<<"GIOP",1,1,0,0,0,0,0,4,"body">>, <<"GIOP",1,1,1,0,4,0,0,0,"ydob">>]},
         {sunrm, [<<1:1,5:31,"hello">>, <<0:1,2:31,"ab">>]},
         {fcgi, [<<1,1,0,1,0,5,3,0,"hello",0,0,0>>, <<1,5,0,1,0,0,0,0>>]},
         {tpkt, [<<3,0,0,9,"hello">>, <<3,0,0,4>>]}],
    [begin
         {L, C, A} = pair(B, [{packet, T}], []),
         [begin
              ok = gen_tcp:send(C, F),
              p(lists:flatten(io_lib:format("{packet,~p} frame ~9999p: recv", [T, n(F)])),
                fun() -> gen_tcp:recv(A, 0, 1000) end)
          end || F <- Fs],
         ok = gen_tcp:send(C, iolist_to_binary(Fs)),
         [p(lists:flatten(io_lib:format("{packet,~p} all frames in one send: recv ~p", [T, I])),
            fun() -> gen_tcp:recv(A, 0, 1000) end) || I <- lists:seq(1, length(Fs))],
         [F1 | _] = Fs,
         ok = gen_tcp:send(C, binary:part(F1, 0, byte_size(F1) - 1)),
         p(lists:flatten(io_lib:format("{packet,~p} incomplete frame: recv(A, 0, 200)", [T])),
           fun() -> gen_tcp:recv(A, 0, 200) end),
         ok = gen_tcp:send(C, binary:part(F1, byte_size(F1) - 1, 1)),
         p("  completed", fun() -> gen_tcp:recv(A, 0, 1000) end),
         ok = inet:setopts(A, [{active, once}]),
         ok = gen_tcp:send(C, F1),
         msgs(lists:flatten(io_lib:format("{packet,~p} active once", [T])), 500),
         close_all([L, C, A])
     end || {T, Fs} <- Cases],
    %% malformed
    Bad = [{cdr, <<"XIOP",1,1,0,0,0,0,0,0>>}, {tpkt, <<4,0,0,9,"hello">>},
           {tpkt, <<3,0,0,2>>}, {fcgi, <<2,1,0,1,0,0,0,0>>},
           {asn1, <<16#30,16#85,1,2,3,4,5>>}, {asn1, <<16#30,16#80,4,1,"a",0,0>>}],
    [begin
         {L, C, A} = pair(B, [{packet, T}], []),
         ok = gen_tcp:send(C, F),
         p(lists:flatten(io_lib:format("{packet,~p} malformed ~9999p: recv", [T, F])),
           fun() -> gen_tcp:recv(A, 0, 500) end),
         p("  recv again", fun() -> gen_tcp:recv(A, 0, 200) end),
         close_all([L, C, A])
     end || {T, F} <- Bad],
    ok.

%% ===========================================================================
%% 10
s_http(B) ->
    Req = <<"GET /index.html HTTP/1.1\r\nHost: example.com\r\ncontent-length: 0\r\n"
            "X-Custom-Thing: v1\r\n\r\n"
            "POST http://example.com:8080/a?b=c HTTP/1.0\r\nContent-Type: text/plain\r\n\r\n">>,
    [begin
         {L, C, A} = pair(B, [{packet, T}], []),
         ok = gen_tcp:send(C, Req),
         [p(lists:flatten(io_lib:format("{packet,~p} pipelined requests: recv ~p", [T, I])),
            fun() -> gen_tcp:recv(A, 0, 500) end) || I <- lists:seq(1, 9)],
         close_all([L, C, A])
     end || T <- [http, http_bin]],
    %% httph
    [begin
         {L, C, A} = pair(B, [{packet, T}], []),
         ok = gen_tcp:send(C, <<"Host: a\r\nAccept: */*\r\nX-Y: z\r\n\r\nGET / HTTP/1.1\r\n">>),
         [p(lists:flatten(io_lib:format("{packet,~p} headers only: recv ~p", [T, I])),
            fun() -> gen_tcp:recv(A, 0, 500) end) || I <- lists:seq(1, 6)],
         close_all([L, C, A])
     end || T <- [httph, httph_bin]],
    %% response, then body as raw
    {L, C, A} = pair(B, [{packet, http}], []),
    ok = gen_tcp:send(C, <<"HTTP/1.1 404 Not Found\r\nServer: x\r\nContent-Length: 4\r\n\r\nbody">>),
    [p(lists:flatten(io_lib:format("{packet,http} response: recv ~p", [I])),
       fun() -> gen_tcp:recv(A, 0, 500) end) || I <- lists:seq(1, 4)],
    ok = inet:setopts(A, [{packet, raw}]),
    p("  setopts packet raw, recv the body", fun() -> gen_tcp:recv(A, 0, 500) end),
    close_all([L, C, A]),
    %% malformed
    Bad = [{http, <<"GARBAGE\r\n">>}, {http, <<"GET / HTTP/1.1\r\nbad header line\r\n\r\n">>},
           {http, <<"GET / HTTP/1.1\r\nX: folded\r\n  more\r\n\r\n">>},
           {http_bin, <<"HTTP/1.1 abc Bad\r\n">>}, {httph, <<"NoColonHere\r\n">>},
           {http, <<"\r\n\r\nGET / HTTP/1.1\r\n\r\n">>}, {http, <<"GET /\r\n">>},
           {http, <<"GET / HTTP/1.1\n\n">>}],
    [begin
         {L1, C1, A1} = pair(B, [{packet, T}], []),
         ok = gen_tcp:send(C1, F),
         [p(lists:flatten(io_lib:format("{packet,~p} ~9999p: recv ~p", [T, F, I])),
            fun() -> gen_tcp:recv(A1, 0, 300) end) || I <- lists:seq(1, 4)],
         close_all([L1, C1, A1])
     end || {T, F} <- Bad],
    %% active http
    {L2, C2, A2} = pair(B, [{packet, http_bin}, {active, true}], []),
    ok = gen_tcp:send(C2, <<"OPTIONS * HTTP/1.1\r\nConnection: close\r\n\r\n">>),
    msgs("{packet,http_bin} {active,true}", 500),
    ok = gen_tcp:close(C2),
    msgs("  peer close", 500),
    close_all([L2, A2]),
    {L3, C3, A3} = pair(B, [{packet, http}], []),
    ok = inet:setopts(A3, [{active, once}]),
    ok = gen_tcp:send(C3, <<"DELETE /x HTTP/1.1\r\nHost: h\r\n\r\n">>),
    msgs("{packet,http} {active,once} 1", 500),
    ok = inet:setopts(A3, [{active, 2}]),
    msgs("{packet,http} {active,2}", 500),
    ok = inet:setopts(A3, [list]),
    p("recv(A, 5, 200) with packet http (length > 0)", fun() -> gen_tcp:recv(A3, 5, 200) end),
    close_all([L3, C3, A3]),
    ok.

%% ===========================================================================
%% 11
s_packet_size(B) ->
    {L, C, A} = pair(B, [{packet, 2}, {packet_size, 10}], []),
    p("getopts(A, [packet, packet_size])", fun() -> inet:getopts(A, [packet, packet_size]) end),
    ok = gen_tcp:send(C, <<0,10,"0123456789">>),
    p("{packet,2},{packet_size,10}: 10-byte packet", fun() -> gen_tcp:recv(A, 0, 1000) end),
    ok = gen_tcp:send(C, <<0,11,"0123456789A">>),
    p("{packet,2},{packet_size,10}: 11-byte packet", fun() -> gen_tcp:recv(A, 0, 1000) end),
    p("  recv again", fun() -> gen_tcp:recv(A, 0, 300) end),
    p("  getopts(A, [active])", fun() -> inet:getopts(A, [active]) end),
    close_all([L, C, A]),
    {L2, C2, A2} = pair(B, [{packet, 4}, {packet_size, 100}, {active, true}], []),
    ok = gen_tcp:send(C2, <<0,0,1,0, (binary:copy(<<"q">>, 256))/binary>>),
    msgs("{packet,4},{packet_size,100},{active,true}: 256-byte packet", 500),
    p("  send(C) after that", fun() -> gen_tcp:send(C2, <<"x">>) end),
    close_all([L2, C2, A2]),
    {L3, C3, A3} = pair(B, [{packet, http}, {packet_size, 20}], []),
    ok = gen_tcp:send(C3, <<"GET /a/very/long/path/that/exceeds HTTP/1.1\r\n\r\n">>),
    p("{packet,http},{packet_size,20}: long request line", fun() -> gen_tcp:recv(A3, 0, 500) end),
    close_all([L3, C3, A3]),
    {L4, C4, A4} = pair(B, [{packet, asn1}, {packet_size, 5}], []),
    ok = gen_tcp:send(C4, <<4,10,"0123456789">>),
    p("{packet,asn1},{packet_size,5}: 12-byte TLV", fun() -> gen_tcp:recv(A4, 0, 500) end),
    close_all([L4, C4, A4]),
    {L5, C5, A5} = pair(B, [{packet, 1}, {packet_size, 0}], []),
    ok = gen_tcp:send(C5, <<200, (binary:copy(<<"r">>, 200))/binary>>),
    p("{packet,1},{packet_size,0} (no limit): 200-byte packet", fun() -> gen_tcp:recv(A5, 0, 500) end),
    close_all([L5, C5, A5]),
    ok.

%% ===========================================================================
%% 12
s_exit_on_close(B) ->
    {L, C, A} = pair(B, [{exit_on_close, false}], []),
    p("getopts(A, [exit_on_close])", fun() -> inet:getopts(A, [exit_on_close]) end),
    ok = gen_tcp:send(C, <<"last words">>),
    ok = gen_tcp:close(C), timer:sleep(50),
    p("recv(A, 0, 500)", fun() -> gen_tcp:recv(A, 0, 500) end),
    p("recv(A, 0, 500) EOF", fun() -> gen_tcp:recv(A, 0, 500) end),
    p("recv(A, 0, 500) EOF again", fun() -> gen_tcp:recv(A, 0, 500) end),
    p("send(A) to a closed peer (1st)", fun() -> gen_tcp:send(A, "x") end),
    timer:sleep(50),
    p("send(A) to a closed peer (2nd)", fun() -> gen_tcp:send(A, "y") end),
    p("getopts(A, [active]) still usable", fun() -> inet:getopts(A, [active]) end),
    p("sockname(A)", fun() -> case inet:sockname(A) of {ok, {IP, _}} -> {ok, IP}; E -> E end end),
    close_all([L, A]),
    {L2, C2, A2} = pair(B, [{exit_on_close, false}, {active, true}], []),
    ok = gen_tcp:shutdown(C2, write),
    msgs("exit_on_close false, active: peer shutdown(write)", 500),
    p("send(A, \"reply\") after tcp_closed", fun() -> gen_tcp:send(A2, "reply") end),
    p("recv(C, 0, 500)", fun() -> gen_tcp:recv(C2, 0, 500) end),
    p("setopts(A, [{active,once}]) after tcp_closed", fun() -> inet:setopts(A2, [{active, once}]) end),
    msgs("  messages", 300),
    close_all([L2, C2, A2]),
    {L3, C3, A3} = pair(B, [{active, true}], []),
    ok = gen_tcp:shutdown(C3, write),
    msgs("exit_on_close true, active: peer shutdown(write)", 500),
    p("send(A, \"reply\") after tcp_closed", fun() -> gen_tcp:send(A3, "reply") end),
    p("getopts(A, [active]) after tcp_closed", fun() -> inet:getopts(A3, [active]) end),
    close_all([L3, C3, A3]),
    ok.

%% ===========================================================================
%% 13
s_econnreset(B) ->
    [begin
         {L, C, A} = pair(B, [{show_econnreset, Show}], []),
         p(lists:flatten(io_lib:format("show_econnreset ~p: getopts(A, [show_econnreset])", [Show])),
           fun() -> inet:getopts(A, [show_econnreset]) end),
         ok = inet:setopts(C, [{linger, {true, 0}}]),
         ok = gen_tcp:close(C), timer:sleep(100),
         p("  recv(A, 0, 500) after the peer's RST", fun() -> gen_tcp:recv(A, 0, 500) end),
         p("  recv(A, 0, 500) again", fun() -> gen_tcp:recv(A, 0, 500) end),
         p("  send(A, \"x\")", fun() -> gen_tcp:send(A, "x") end),
         close_all([L, A]),
         {L2, C2, A2} = pair(B, [{show_econnreset, Show}, {active, true}], []),
         ok = inet:setopts(C2, [{linger, {true, 0}}]),
         ok = gen_tcp:close(C2),
         msgs(lists:flatten(io_lib:format("show_econnreset ~p, active: peer RST", [Show])), 500),
         close_all([L2, A2]),
         {L3, C3, A3} = pair(B, [{show_econnreset, Show}], []),
         ok = gen_tcp:send(C3, <<"unread">>), timer:sleep(50),
         ok = inet:setopts(C3, [{linger, {true, 0}}]),
         ok = gen_tcp:close(C3), timer:sleep(100),
         p(lists:flatten(io_lib:format("show_econnreset ~p: data then RST: recv", [Show])),
           fun() -> gen_tcp:recv(A3, 0, 500) end),
         p("  recv again", fun() -> gen_tcp:recv(A3, 0, 500) end),
         close_all([L3, A3]),
         %% the sender side sees a RST from the peer (peer closed with unread data)
         {L4, C4, A4} = pair(B, [], [{show_econnreset, Show}]),
         ok = gen_tcp:send(A4, <<"not read by C">>), timer:sleep(50),
         ok = gen_tcp:send(C4, <<"sent to A">>), timer:sleep(50),
         ok = gen_tcp:close(A4), timer:sleep(100),
         p(lists:flatten(io_lib:format("show_econnreset ~p: peer closed with unread data: recv(C)", [Show])),
           fun() -> gen_tcp:recv(C4, 0, 500) end),
         p("  recv(C) again", fun() -> gen_tcp:recv(C4, 0, 500) end),
         p("  send(C)", fun() -> gen_tcp:send(C4, "x") end),
         close_all([L4, C4])
     end || Show <- [false, true]],
    ok.

%% ===========================================================================
%% 14
s_send_timeout(B) ->
    [begin
         {L, C, A} = pair(B, [{recbuf, 4096}], [{send_timeout, 200}, {sndbuf, 4096},
                                                 {send_timeout_close, Close}]),
         p(lists:flatten(io_lib:format("send_timeout_close ~p: getopts(C, [send_timeout, send_timeout_close])", [Close])),
           fun() -> inet:getopts(C, [send_timeout, send_timeout_close]) end),
         Chunk = binary:copy(<<"x">>, 65536),
         T0 = erlang:monotonic_time(millisecond),
         R = fill(C, Chunk, 400),
         Ms = erlang:monotonic_time(millisecond) - T0,
         p("  send 64 KiB chunks until an error: the error", fun() -> shape(R) end),
         p("  it took at least the send_timeout (200 ms)", fun() -> Ms >= 190 end),
         p("  send(C, <<\"more\">>) after the timeout", fun() -> shape(gen_tcp:send(C, <<"more">>)) end),
         p("  recv(C, 0, 100) after the timeout", fun() -> gen_tcp:recv(C, 0, 100) end),
         p("  getopts(C, [send_timeout])", fun() -> inet:getopts(C, [send_timeout]) end),
         close_all([L, C, A])
     end || Close <- [false, true]],
    ok.

fill(_C, _Chunk, 0) -> gave_up;
fill(C, Chunk, N) ->
    case gen_tcp:send(C, Chunk) of
        ok -> fill(C, Chunk, N - 1);
        E -> E
    end.

shape({error, {timeout, Rest}}) when is_binary(Rest), byte_size(Rest) > 64 -> {error, {timeout, '<RestData binary>'}};
shape(X) -> X.

%% ===========================================================================
%% 15
opt_cases() ->
    [{active, once}, {active, 5}, {buffer, 4096}, {delay_send, true}, {deliver, port},
     {dontroute, true}, {exit_on_close, false}, {header, 2}, {high_watermark, 16384},
     {low_watermark, 2048}, {high_msgq_watermark, 16384}, {low_msgq_watermark, 2048},
     {keepalive, true}, {linger, {true, 5}}, {linger, {false, 0}}, {mode, list},
     {nodelay, true}, {packet, 2}, {packet, line}, {packet_size, 1000}, {priority, 3},
     {recbuf, 8192}, {reuseaddr, true}, {send_timeout, 1000}, {send_timeout_close, true},
     {show_econnreset, true}, {sndbuf, 8192}, {tos, 16}, {tclass, 16}, {ttl, 7},
     {recvtos, true}, {recvttl, true}, {recvtclass, true},
     {ipv6_v6only, true}, {bind_to_device, <<"lo">>}, {line_delimiter, $;},
     {nopush, true}, {read_packets, 10}, {reuseport, true}, {reuseport_lb, true},
     {exclusiveaddruse, true}, {debug, false}].

s_opts(B) ->
    {L, C, A} = pair(B),
    Names = lists:usort([N || {N, _} <- opt_cases()]) ++ [pktoptions, fd],
    p("getopts(C, AllNames) in one call", fun() -> inet:getopts(C, Names) end),
    p("getopts(L, AllNames) in one call (listen socket)", fun() -> inet:getopts(L, Names) end),
    [p(lists:flatten(io_lib:format("getopts(C, [~p]) default", [N])),
       fun() -> fd_mask(inet:getopts(C, [N])) end) || N <- Names],
    [begin
         p(lists:flatten(io_lib:format("setopts(A, [~9999p])", [O])), fun() -> inet:setopts(A, [O]) end),
         p(lists:flatten(io_lib:format("  getopts(A, [~p])", [N])), fun() -> inet:getopts(A, [N]) end)
     end || {N, _} = O <- opt_cases()],
    p("getopts(A, [active]) after all (the {active,5} case came last for active)",
      fun() -> inet:getopts(A, [active]) end),
    %% raw options
    p("getopts(C, [{raw,6,1,4}]) TCP_NODELAY raw", fun() -> inet:getopts(C, [{raw, 6, 1, 4}]) end),
    p("setopts(C, [{raw,6,1,<<1:32/native>>}])", fun() -> inet:setopts(C, [{raw, 6, 1, <<1:32/native>>}]) end),
    p("getopts(C, [{raw,6,1,4}])", fun() -> inet:getopts(C, [{raw, 6, 1, 4}]) end),
    p("getopts(C, [nodelay])", fun() -> inet:getopts(C, [nodelay]) end),
    p("getopts(C, [{raw,6,1,<<0:32>>}]) binary spec", fun() -> inet:getopts(C, [{raw, 6, 1, <<0:32>>}]) end),
    p("getopts(C, [{raw,1,7,4}]) SO_SNDBUF", fun() -> inet:getopts(C, [{raw, 1, 7, 4}]) end),
    p("getopts(C, [{raw,6,8,4}]) TCP_LINGER2", fun() -> inet:getopts(C, [{raw, 6, 8, 4}]) end),
    p("setopts(C, [{raw,6,8,<<30:32/native>>}])", fun() -> inet:setopts(C, [{raw, 6, 8, <<30:32/native>>}]) end),
    p("getopts(C, [{raw,6,8,4}])", fun() -> inet:getopts(C, [{raw, 6, 8, 4}]) end),
    p("getopts(C, [{raw,6,9999,4}]) bad optnum", fun() -> inet:getopts(C, [{raw, 6, 9999, 4}]) end),
    p("setopts(C, [{raw,6,9999,<<1:32>>}])", fun() -> inet:setopts(C, [{raw, 6, 9999, <<1:32>>}]) end),
    p("getopts(C, [{raw,6,1,0}]) size 0", fun() -> inet:getopts(C, [{raw, 6, 1, 0}]) end),
    p("getopts(C, [{raw,6,1,foo}])", fun() -> inet:getopts(C, [{raw, 6, 1, foo}]) end),
    p("setopts(C, [{raw,6,1,42}])", fun() -> inet:setopts(C, [{raw, 6, 1, 42}]) end),
    p("setopts(C, [{raw,foo,1,<<1:32>>}])", fun() -> inet:setopts(C, [{raw, foo, 1, <<1:32>>}]) end),
    p("getopts(C, [{raw,6,1,4}, nodelay, {raw,1,7,4}]) mixed", fun() -> inet:getopts(C, [{raw, 6, 1, 4}, nodelay, {raw, 1, 7, 4}]) end),
    %% several options in one setopts; order of the getopts result
    p("setopts(C, [{nodelay,false},{keepalive,true},{packet,4},{mode,list}])",
      fun() -> inet:setopts(C, [{nodelay, false}, {keepalive, true}, {packet, 4}, {mode, list}]) end),
    p("getopts(C, [mode,packet,keepalive,nodelay]) (order kept?)",
      fun() -> inet:getopts(C, [mode, packet, keepalive, nodelay]) end),
    p("getopts(C, [nodelay,nodelay]) duplicate", fun() -> inet:getopts(C, [nodelay, nodelay]) end),
    p("getopts(C, [])", fun() -> inet:getopts(C, []) end),
    p("setopts(C, [])", fun() -> inet:setopts(C, []) end),
    p("setopts(C, [{packet,raw}, binary]) mixing atoms and tuples",
      fun() -> inet:setopts(C, [{packet, raw}, binary]) end),
    p("setopts(C, [{packet,0}]) then getopts", fun() -> ok = inet:setopts(C, [{packet, 0}]), inet:getopts(C, [packet]) end),
    p("setopts(C, [{packet,1}]) then getopts", fun() -> ok = inet:setopts(C, [{packet, 1}]), inet:getopts(C, [packet]) end),
    p("setopts(C, [{packet,http_bin}]) then getopts", fun() -> ok = inet:setopts(C, [{packet, http_bin}]), inet:getopts(C, [packet]) end),
    p("recbuf 8192 -> buffer follows?",
      fun() -> ok = inet:setopts(C, [{recbuf, 8192}]), inet:getopts(C, [recbuf, buffer]) end),
    p("recbuf 200000 -> buffer follows?",
      fun() -> ok = inet:setopts(C, [{recbuf, 200000}]), inet:getopts(C, [recbuf, buffer]) end),
    p("sndbuf 1 -> minimum", fun() -> ok = inet:setopts(C, [{sndbuf, 1}]), inet:getopts(C, [sndbuf]) end),
    close_all([L, C, A]),
    %% inet6 socket: tclass, ipv6_v6only
    {L6, C6, A6} = pair6(B),
    p("inet6 getopts(C, [tclass, ipv6_v6only, tos, recvtclass])",
      fun() -> inet:getopts(C6, [tclass, ipv6_v6only, tos, recvtclass]) end),
    p("inet6 setopts(C, [{tclass,32}])", fun() -> inet:setopts(C6, [{tclass, 32}]) end),
    p("inet6 getopts(C, [tclass])", fun() -> inet:getopts(C6, [tclass]) end),
    p("inet6 setopts(C, [{tos,32}])", fun() -> inet:setopts(C6, [{tos, 32}]) end),
    p("inet6 setopts(C, [{ipv6_v6only,false}]) after connect", fun() -> inet:setopts(C6, [{ipv6_v6only, false}]) end),
    p("inet6 getopts(L, [ipv6_v6only])", fun() -> inet:getopts(L6, [ipv6_v6only]) end),
    close_all([L6, C6, A6]),
    R1 = p("listen(0, [inet6, {ipv6_v6only,false}, {ip,any}])",
           fun() -> gen_tcp:listen(0, bo(B, [inet6, {ipv6_v6only, false}, {ip, any}, {active, false}])) end),
    case R1 of
        {ok, LL} -> p("  getopts(L, [ipv6_v6only])", fun() -> inet:getopts(LL, [ipv6_v6only]) end),
                    {ok, PP} = inet:port(LL),
                    p("  v4 connect to the dual-stack listener",
                      fun() -> {ok, X} = gen_tcp:connect({127,0,0,1}, PP, bo(B, [{active, false}]), 1000),
                               {ok, Y} = gen_tcp:accept(LL, 1000),
                               R = inet:peername(Y), gen_tcp:close(X), gen_tcp:close(Y), R end),
                    gen_tcp:close(LL);
        _ -> ok
    end,
    R2 = p("listen(0, [inet6, {ipv6_v6only,true}, {ip,any}])",
           fun() -> gen_tcp:listen(0, bo(B, [inet6, {ipv6_v6only, true}, {ip, any}, {active, false}])) end),
    case R2 of
        {ok, LL2} -> p("  getopts(L, [ipv6_v6only])", fun() -> inet:getopts(LL2, [ipv6_v6only]) end),
                     {ok, PP2} = inet:port(LL2),
                     p("  v4 connect to the v6-only listener",
                       fun() -> close_ok(gen_tcp:connect({127,0,0,1}, PP2, bo(B, [{active, false}]), 1000)) end),
                     gen_tcp:close(LL2);
        _ -> ok
    end,
    %% options given at listen/connect time
    [begin
         R = p(lists:flatten(io_lib:format("listen(0, [{ip,{127,0,0,1}}, ~9999p])", [O])),
               fun() -> gen_tcp:listen(0, bo(B, [{ip, {127,0,0,1}}, O])) end),
         case R of
             {ok, X} -> p(lists:flatten(io_lib:format("  getopts(L, [~p])", [element(1, O)])),
                          fun() -> inet:getopts(X, [element(1, O)]) end),
                        gen_tcp:close(X);
             _ -> ok
         end
     end || O <- [{bind_to_device, <<"lo">>}, {bind_to_device, <<"nonexistent0">>},
                  {netns, "/proc/self/ns/net"}, {netns, "/nonexistent/ns"},
                  {nopush, true}, {debug, false}, {high_watermark, 100}, {reuseport, true}]],
    ok.

fd_mask({ok, [{fd, N}]}) when is_integer(N) -> {ok, [{fd, 'FD'}]};
fd_mask(X) -> X.

%% ===========================================================================
%% 16
s_badopts(B) ->
    {L, C, A} = pair(B),
    Bad = [[{active, foo}], [{packet, foo}], [{packet, 3}], [{mode, foo}], [{buffer, -1}],
           [{buffer, foo}], [{linger, foo}], [{linger, {true, -1}}], [{linger, {1, 1}}],
           [foo], [{foo, bar}], [{packet_size, -1}], [{header, -1}], [{header, foo}],
           [{tos, foo}], [{send_timeout, -1}], [{send_timeout, foo}], [{priority, foo}],
           [{nodelay, 1}], [{keepalive, foo}], [{deliver, foo}], [{line_delimiter, 256}],
           [{line_delimiter, "x"}], [{recbuf, -1}], [{sndbuf, foo}], [{high_watermark, -1}],
           [{exit_on_close, foo}], [{active, true}, {foo, bar}], [{ip, {127,0,0,1}}],
           [{port, 0}], [{backlog, 5}], [{tcp_module, inet_tcp}], [{inet_backend, socket}],
           [inet6], [list, foo], [{nodelay, true} | foo], foo, "nodelay"],
    [p(lists:flatten(io_lib:format("setopts(A, ~9999p)", [O])), fun() -> inet:setopts(A, O) end)
     || O <- Bad],
    p("getopts(A, [active,mode]) after the bad setopts", fun() -> inet:getopts(A, [active, mode]) end),
    [p(lists:flatten(io_lib:format("getopts(A, ~9999p)", [O])), fun() -> inet:getopts(A, O) end)
     || O <- [[foo], [active, foo], [{foo, bar}], [{active, true}], foo, [1], "active",
              [{raw, 6, 1}], [binary], [list]]],
    close_all([L, C, A]),
    ok.

%% ===========================================================================
%% 17
s_getstat(B) ->
    {L, C, A} = pair(B, [{packet, 2}], [{packet, 2}]),
    p("getstat(A) fresh", fun() -> inet:getstat(A) end),
    [begin ok = gen_tcp:send(C, binary:copy(<<"s">>, N)),
           {ok, _} = gen_tcp:recv(A, 0, 1000) end || N <- [10, 20, 30]],
    ok = gen_tcp:send(A, <<"reply!">>), {ok, _} = gen_tcp:recv(C, 0, 1000),
    out("%% C sent 3 packets of 10, 20, 30 bytes ({packet,2}: 12, 22, 32 on the wire), A read each;~n"
        "%% A sent one of 6 bytes (8 on the wire)~n", []),
    p("getstat(A)", fun() -> inet:getstat(A) end),
    p("getstat(C)", fun() -> inet:getstat(C) end),
    [p(lists:flatten(io_lib:format("getstat(A, [~p])", [O])), fun() -> inet:getstat(A, [O]) end)
     || O <- [recv_cnt, recv_max, recv_avg, recv_oct, recv_dvi, send_cnt, send_max,
              send_avg, send_oct, send_pend]],
    p("getstat(A, [send_oct, recv_oct]) order", fun() -> inet:getstat(A, [send_oct, recv_oct]) end),
    p("getstat(A, [])", fun() -> inet:getstat(A, []) end),
    p("getstat(A, [foo])", fun() -> inet:getstat(A, [foo]) end),
    p("getstat(A, [recv_oct, foo])", fun() -> inet:getstat(A, [recv_oct, foo]) end),
    p("getstat(A, foo)", fun() -> inet:getstat(A, foo) end),
    p("getstat(L)", fun() -> inet:getstat(L) end),
    close_all([C, A]),
    p("getstat(A) closed", fun() -> inet:getstat(A) end),
    gen_tcp:close(L),
    %% raw mode: one send of 100 bytes read in one recv
    {L2, C2, A2} = pair(B),
    ok = gen_tcp:send(C2, binary:copy(<<"r">>, 100)),
    {ok, _} = gen_tcp:recv(A2, 100, 1000),
    ok = gen_tcp:send(C2, binary:copy(<<"r">>, 50)),
    {ok, _} = gen_tcp:recv(A2, 50, 1000),
    p("raw: getstat(A) after 100 + 50 bytes", fun() -> inet:getstat(A2) end),
    p("raw: getstat(C)", fun() -> inet:getstat(C2) end),
    close_all([L2, C2, A2]),
    ok.

%% ===========================================================================
%% 18
s_names(B) ->
    {L, C, A} = pair(B),
    pport("port(L)", fun() -> inet:port(L) end),
    pport("port(C)", fun() -> inet:port(C) end),
    p("sockname(C)", fun() -> inet:sockname(C) end),
    p("peername(C)", fun() -> inet:peername(C) end),
    p("sockname(A)", fun() -> inet:sockname(A) end),
    p("peername(A)", fun() -> inet:peername(A) end),
    p("peername(C) port =:= port(L)",
      fun() -> {ok, {_, P1}} = inet:peername(C), {ok, P2} = inet:port(L), P1 =:= P2 end),
    p("peername(A) =:= sockname(C)", fun() -> inet:peername(A) =:= inet:sockname(C) end),
    p("socknames(C)", fun() -> inet:socknames(C) end),
    p("peernames(C)", fun() -> inet:peernames(C) end),
    p("socknames(L)", fun() -> inet:socknames(L) end),
    p("peernames(L)", fun() -> inet:peernames(L) end),
    p("inet:info(C) keys", fun() -> lists:sort(maps:keys(inet:info(C))) end),
    p("inet:info(C) without counters/owner/ids",
      fun() -> maps:without([counters, owner, input, output, links, monitors, id,
                             connected, memory, os_pid, queue_size, name], inet:info(C)) end),
    close_all([L, C, A]),
    p("sockname(closed C)", fun() -> inet:sockname(C) end),
    p("peername(closed C)", fun() -> inet:peername(C) end),
    p("port(closed C)", fun() -> inet:port(C) end),
    {L6, C6, A6} = pair6(B),
    p("inet6 sockname(C)", fun() -> inet:sockname(C6) end),
    p("inet6 peername(A)", fun() -> inet:peername(A6) end),
    close_all([L6, C6, A6]),
    ok.

%% ===========================================================================
%% 19
s_i(B) ->
    close_leftovers(),
    {L, C, A} = pair(B),
    ok = gen_tcp:send(C, <<"12345">>), {ok, _} = gen_tcp:recv(A, 0, 1000),
    p("inet:i() (captured below)", fun() -> capture(fun() -> inet:i() end) end),
    p("inet:i(tcp, [port, module, recv, sent, state, type])",
      fun() -> capture(fun() -> inet:i(tcp, [port, module, recv, sent, state, type]) end) end),
    p("inet:i(tcp, [local_address, foreign_address])",
      fun() -> capture(fun() -> inet:i(tcp, [local_address, foreign_address]) end) end),
    p("inet:i(udp)", fun() -> capture(fun() -> inet:i(udp) end) end),
    p("inet:i(tcp, [foo])", fun() -> capture(fun() -> inet:i(tcp, [foo]) end) end),
    p("inet:i(foo)", fun() -> capture(fun() -> inet:i(foo) end) end),
    close_all([L, C, A]),
    ok.

%% close every TCP socket of this node (of both backends), so that i() lists
%% only the sockets made for it
close_leftovers() ->
    [catch gen_tcp:close(P) || P <- erlang:ports(),
                               erlang:port_info(P, name) =:= {name, "tcp_inet"}],
    [catch gen_tcp:close(S) || S <- gen_tcp_socket:which_sockets()],
    timer:sleep(50),
    _ = collect(50),
    ok.

%% run F in a process whose group leader collects the output; print it
capture(F) ->
    Self = self(),
    GL = spawn(fun() -> io_collector([]) end),
    W = spawn(fun() -> group_leader(GL, self()),
                       R = try F() catch Cl:E -> {crash, {Cl, E}} end,
                       Self ! {captured_result, R} end),
    R = receive {captured_result, R0} -> R0 after 5000 -> exit(W, kill), timeout end,
    GL ! {get, self()},
    Text = receive {text, T} -> T after 2000 -> "" end,
    Lines = string:split(Text, "\n", all),
    [out("I| ~s~n", [ilmask(Ln)]) || Ln <- Lines, Ln =/= ""],
    R.

io_collector(Acc) ->
    receive
        {io_request, From, ReplyAs, Req} ->
            From ! {io_reply, ReplyAs, ok},
            io_collector([io_text(Req) | Acc]);
        {get, P} -> P ! {text, lists:flatten(lists:reverse(Acc))}
    after 10000 -> ok
    end.

io_text({put_chars, _Enc, Chars}) -> unicode:characters_to_list(Chars);
io_text({put_chars, Chars}) -> unicode:characters_to_list(Chars);
io_text({put_chars, _Enc, M, F, A}) -> unicode:characters_to_list(apply(M, F, A));
io_text({put_chars, M, F, A}) -> unicode:characters_to_list(apply(M, F, A));
io_text({requests, Rs}) -> lists:flatten([io_text(R) || R <- Rs]);
io_text(_) -> "".

%% in normalized mode, fds, port ids, port numbers and pids are masked,
%% each mask padded with spaces to the width of what it replaces, so that
%% the columns stay aligned
ilmask(Line) ->
    case get(normalize) of
        true ->
            L1 = keep_width(Line, "esock\\[[0-9]+\\]", "esock[FD]"),
            L2 = keep_width(L1, "(?<=localhost:|127\\.0\\.0\\.1:)[0-9]+", "N"),
            L3 = keep_width(L2, "<[0-9]+\\.[0-9]+\\.[0-9]+>", "<P>"),
            keep_width(L3, "^[0-9]+(?= )", "ID");
        _ -> Line
    end.

keep_width(Line, Re, Mask) ->
    case re:run(Line, Re, [global]) of
        {match, Ms} ->
            {Acc, Pos} = lists:foldl(
                           fun([{S, L} | _], {A, P}) ->
                                   Pad = lists:duplicate(max(0, L - length(Mask)), $\s),
                                   {[A, lists:sublist(Line, P + 1, S - P), Mask, Pad], S + L}
                           end, {[], 0}, Ms),
            lists:flatten([Acc, lists:nthtail(Pos, Line)]);
        nomatch -> Line
    end.

%% ===========================================================================
%% 20
s_badargs(B) ->
    {ok, L} = gen_tcp:listen(0, bo(B, [{ip, {127,0,0,1}}])),
    {ok, P} = inet:port(L),
    {ok, L0} = gen_tcp:listen(0, bo(B, [{ip, {127,0,0,1}}])),
    {ok, P0} = inet:port(L0), gen_tcp:close(L0),
    Cases =
        [{"listen(0, [foo])", fun() -> gen_tcp:listen(0, bo(B, [foo])) end},
         {"listen(0, [{packet,foo}])", fun() -> gen_tcp:listen(0, bo(B, [{packet, foo}])) end},
         {"listen(0, [{active,foo}])", fun() -> gen_tcp:listen(0, bo(B, [{active, foo}])) end},
         {"listen(-1, [])", fun() -> gen_tcp:listen(-1, bo(B, [])) end},
         {"listen(65536, [])", fun() -> gen_tcp:listen(65536, bo(B, [])) end},
         {"listen(foo, [])", fun() -> gen_tcp:listen(foo, bo(B, [])) end},
         {"listen(0, foo)", fun() -> gen_tcp:listen(0, foo) end},
         {"listen(0, [{ip,\"127.0.0.1\"}])", fun() -> gen_tcp:listen(0, bo(B, [{ip, "127.0.0.1"}])) end},
         {"listen(0, [{ip,{1,2,3}}])", fun() -> gen_tcp:listen(0, bo(B, [{ip, {1,2,3}}])) end},
         {"listen(0, [{ip,{127,0,0,1}},{backlog,foo}])", fun() -> gen_tcp:listen(0, bo(B, [{ip, {127,0,0,1}}, {backlog, foo}])) end},
         {"listen(0, [{ip,{127,0,0,1}},{backlog,-1}])", fun() -> gen_tcp:listen(0, bo(B, [{ip, {127,0,0,1}}, {backlog, -1}])) end},
         {"listen(0, [inet6, {ip,{127,0,0,1}}])", fun() -> gen_tcp:listen(0, bo(B, [inet6, {ip, {127,0,0,1}}])) end},
         {"listen(0, [{ip,{127,0,0,1}}, {inet_backend,socket}]) backend not first",
          fun() -> gen_tcp:listen(0, [{ip, {127,0,0,1}}, {inet_backend, socket}]) end},
         {"listen(0, [{inet_backend,foo}])", fun() -> gen_tcp:listen(0, [{inet_backend, foo}]) end},
         {"connect({127,0,0,1}, P0 (closed port), [], 1000)",
          fun() -> gen_tcp:connect({127,0,0,1}, P0, bo(B, []), 1000) end},
         {"connect({127,0,0,1}, 0, [], 1000)", fun() -> gen_tcp:connect({127,0,0,1}, 0, bo(B, []), 1000) end},
         {"connect({127,0,0,1}, -1, [], 1000)", fun() -> gen_tcp:connect({127,0,0,1}, -1, bo(B, []), 1000) end},
         {"connect({127,0,0,1}, 70000, [], 1000)", fun() -> gen_tcp:connect({127,0,0,1}, 70000, bo(B, []), 1000) end},
         {"connect({127,0,0,1}, foo, [], 1000)", fun() -> gen_tcp:connect({127,0,0,1}, foo, bo(B, []), 1000) end},
         {"connect({1,2,3}, P, [], 1000)", fun() -> gen_tcp:connect({1,2,3}, P, bo(B, []), 1000) end},
         {"connect({127,0,0,1}, P, [foo], 1000)", fun() -> gen_tcp:connect({127,0,0,1}, P, bo(B, [foo]), 1000) end},
         {"connect({127,0,0,1}, P, [{line_delimiter,$;}], 1000)", fun() -> gen_tcp:connect({127,0,0,1}, P, bo(B, [{line_delimiter, $;}]), 1000) end},
         {"connect({127,0,0,1}, P, [{active,foo}], 1000)", fun() -> gen_tcp:connect({127,0,0,1}, P, bo(B, [{active, foo}]), 1000) end},
         {"connect({127,0,0,1}, P, [], -1)", fun() -> gen_tcp:connect({127,0,0,1}, P, bo(B, []), -1) end},
         {"connect({127,0,0,1}, P, [], foo)", fun() -> gen_tcp:connect({127,0,0,1}, P, bo(B, []), foo) end},
         {"connect({127,0,0,1}, P, foo, 1000)", fun() -> gen_tcp:connect({127,0,0,1}, P, foo, 1000) end},
         {"connect({0,0,0,0,0,0,0,1}, P, [], 1000) v6 addr, v4 socket", fun() -> gen_tcp:connect({0,0,0,0,0,0,0,1}, P, bo(B, []), 1000) end},
         {"connect({0,0,0,0,0,0,0,1}, P, [inet6], 1000) nobody on ::1", fun() -> gen_tcp:connect({0,0,0,0,0,0,0,1}, P, bo(B, [inet6]), 1000) end},
         {"connect(\"127.0.0.1\", P, [], 1000) string address", fun() -> R = gen_tcp:connect("127.0.0.1", P, bo(B, []), 1000), close_ok(R) end},
         {"connect(#{family=>inet,addr=>{127,0,0,1}}, [], 1000) no port", fun() -> gen_tcp:connect(#{family => inet, addr => {127,0,0,1}}, bo(B, []), 1000) end},
         {"connect(#{family=>foo}, [], 1000)", fun() -> gen_tcp:connect(#{family => foo}, bo(B, []), 1000) end},
         {"connect({127,0,0,1}, P, [{ip,{10,255,255,1}}], 1000) bad local ip", fun() -> gen_tcp:connect({127,0,0,1}, P, bo(B, [{ip, {10,255,255,1}}]), 1000) end},
         {"accept(foo)", fun() -> gen_tcp:accept(foo) end},
         {"accept(L, -1)", fun() -> gen_tcp:accept(L, -1) end},
         {"accept(L, foo)", fun() -> gen_tcp:accept(L, foo) end},
         {"send(foo, \"x\")", fun() -> gen_tcp:send(foo, "x") end},
         {"send(L, \"x\") on a listen socket", fun() -> gen_tcp:send(L, "x") end},
         {"recv(foo, 0)", fun() -> gen_tcp:recv(foo, 0) end},
         {"recv(L, 0, 100) on a listen socket", fun() -> gen_tcp:recv(L, 0, 100) end},
         {"close(foo)", fun() -> gen_tcp:close(foo) end},
         {"shutdown(foo, write)", fun() -> gen_tcp:shutdown(foo, write) end},
         {"shutdown(L, write) on a listen socket", fun() -> gen_tcp:shutdown(L, write) end},
         {"controlling_process(foo, self())", fun() -> gen_tcp:controlling_process(foo, self()) end},
         {"inet:setopts(foo, [])", fun() -> inet:setopts(foo, []) end},
         {"inet:getopts(foo, [])", fun() -> inet:getopts(foo, []) end},
         {"inet:peername(foo)", fun() -> inet:peername(foo) end},
         {"inet:sockname(foo)", fun() -> inet:sockname(foo) end},
         {"inet:port(foo)", fun() -> inet:port(foo) end},
         {"inet:getstat(foo)", fun() -> inet:getstat(foo) end},
         {"inet:close(foo)", fun() -> inet:close(foo) end},
         {"gen_tcp:accept(L) from L of the other backend",
          fun() -> Other = case B of inet -> socket; socket -> inet end,
                   {ok, LO} = gen_tcp:listen(0, bo(Other, [{ip, {127,0,0,1}}])),
                   R = (catch gen_tcp:accept(LO, 0)), gen_tcp:close(LO), R end}],
    [pc(Lbl, F) || {Lbl, F} <- Cases],
    %% odd timeouts: each on a fresh pair, in a helper process given 300 ms
    Odd = [{"recv(A, foo, 100)", fun(_L, _C, A) -> gen_tcp:recv(A, foo, 100) end},
           {"recv(A, 0, -1)", fun(_L, _C, A) -> gen_tcp:recv(A, 0, -1) end},
           {"recv(A, 0, foo)", fun(_L, _C, A) -> gen_tcp:recv(A, 0, foo) end},
           {"recv(A, 0, 1.5)", fun(_L, _C, A) -> gen_tcp:recv(A, 0, 1.5) end},
           {"recv(A, 0, infinity) nothing arrives", fun(_L, _C, A) -> gen_tcp:recv(A, 0, infinity) end},
           {"accept(L, -1)", fun(L1, _C, _A) -> gen_tcp:accept(L1, -1) end},
           {"accept(L, foo)", fun(L1, _C, _A) -> gen_tcp:accept(L1, foo) end},
           {"accept(L, 1.5)", fun(L1, _C, _A) -> gen_tcp:accept(L1, 1.5) end},
           {"connect({127,0,0,1}, P, [], -1)",
            fun(L1, _C, _A) -> {ok, P1} = inet:port(L1), close_ok(gen_tcp:connect({127,0,0,1}, P1, bo(B, []), -1)) end},
           {"connect({127,0,0,1}, P, [], foo)",
            fun(L1, _C, _A) -> {ok, P1} = inet:port(L1), close_ok(gen_tcp:connect({127,0,0,1}, P1, bo(B, []), foo)) end}],
    [begin
         {L1, C1, A1} = pair(B),
         pt(Lbl, fun() -> F(L1, C1, A1) end, 300),
         timer:sleep(20),
         p("  then getopts(A, [active]) (is A still alive?)", fun() -> inet:getopts(A1, [active]) end),
         close_all([L1, C1, A1])
     end || {Lbl, F} <- Odd],
    gen_tcp:close(L),
    ok.

close_ok({ok, S}) -> gen_tcp:close(S), ok_closed;
close_ok(X) -> X.

%% ===========================================================================
%% 21
s_local(B) ->
    Path = filename:join(os:getenv("TMPDIR", "/tmp"),
                         "gen_tcp_oracle_" ++ os:getpid() ++ "_" ++ atom_to_list(B)),
    file:delete(Path),
    R = p("listen(0, [{ifaddr,{local,Path}}, binary, {active,false}])",
          fun() -> gen_tcp:listen(0, bo(B, [{ifaddr, {local, Path}}, binary, {active, false}])) end),
    case R of
        {ok, L} ->
            p("  sockname(L) (path masked)", fun() -> pmask(inet:sockname(L), Path) end),
            p("  port(L) (path masked)", fun() -> case inet:port(L) of
                                                       {ok, X} when is_binary(X) -> {ok, pmask1(X, Path)};
                                                       X -> X
                                                   end end),
            C = v("  connect({local,Path}, 0, [local, binary, {active,false}], 1000)",
                  fun() -> gen_tcp:connect({local, Path}, 0, bo(B, [local, binary, {active, false}]), 1000) end),
            A = v("  accept(L, 1000)", fun() -> gen_tcp:accept(L, 1000) end),
            p("  send(C, <<\"over unix\">>)", fun() -> gen_tcp:send(C, <<"over unix">>) end),
            p("  recv(A, 0, 1000)", fun() -> gen_tcp:recv(A, 0, 1000) end),
            p("  peername(A)", fun() -> inet:peername(A) end),
            p("  sockname(A) (path masked)", fun() -> pmask(inet:sockname(A), Path) end),
            p("  peername(C) (path masked)", fun() -> pmask(inet:peername(C), Path) end),
            p("  getopts(C, [nodelay, packet, active])", fun() -> inet:getopts(C, [nodelay, packet, active]) end),
            p("  setopts(C, [{nodelay,true}])", fun() -> inet:setopts(C, [{nodelay, true}]) end),
            close_all([L, C, A]);
        _ -> ok
    end,
    p("connect({local,Path}, 0, [local, {nodelay,true}], 1000) (nobody listening)",
      fun() -> gen_tcp:connect({local, Path}, 0, bo(B, [local, {nodelay, true}]), 1000) end),
    p("listen(0, [{ifaddr,{local,Path}}, {nodelay,true}])",
      fun() -> X = gen_tcp:listen(0, bo(B, [{ifaddr, {local, Path ++ "n"}}, {nodelay, true}])),
               file:delete(Path ++ "n"), case X of {ok, S} -> gen_tcp:close(S), ok_closed; _ -> X end end),
    file:delete(Path),
    %% inet6 pair
    {L6, C6, A6} = pair6(B),
    ok = gen_tcp:send(C6, <<"v6">>),
    p("inet6 pair: recv(A, 0, 1000)", fun() -> gen_tcp:recv(A6, 0, 1000) end),
    close_all([L6, C6, A6]),
    ok.

pmask1(P, Path) ->
    case iolist_to_binary(P) =:= iolist_to_binary(Path) of
        true -> '<Path as binary>';
        false -> P
    end.

pmask({ok, {local, P}}, Path) ->
    PB = iolist_to_binary(Path),
    case iolist_to_binary(P) of
        PB -> {ok, {local, case is_binary(P) of true -> '<Path as binary>'; false -> '<Path as list>' end}};
        Other -> {ok, {local, Other}}
    end;
pmask(X, _) -> X.

%% ===========================================================================
%% sockets
bo(inet, Opts) -> Opts;
bo(socket, Opts) -> [{inet_backend, socket} | Opts].

pair(B) -> pair(B, [], []).
pair(B, LOpts, COpts) ->
    {ok, L} = gen_tcp:listen(0, bo(B, [{ip, {127,0,0,1}}, binary, {active, false} | LOpts])),
    {ok, P} = inet:port(L),
    {ok, C} = gen_tcp:connect({127,0,0,1}, P, bo(B, [binary, {active, false} | COpts]), 2000),
    {ok, A} = gen_tcp:accept(L, 2000),
    {L, C, A}.

pair6(B) ->
    {ok, L} = gen_tcp:listen(0, bo(B, [inet6, {ip, {0,0,0,0,0,0,0,1}}, binary, {active, false}])),
    {ok, P} = inet:port(L),
    {ok, C} = gen_tcp:connect({0,0,0,0,0,0,0,1}, P, bo(B, [inet6, binary, {active, false}]), 2000),
    {ok, A} = gen_tcp:accept(L, 2000),
    {L, C, A}.

close_all(Ss) ->
    [catch gen_tcp:close(S) || S <- Ss],
    _ = collect(30),
    ok.

%% ===========================================================================
%% helpers (same conventions as api.escript); labels get a [backend] prefix
sec(Name, F) ->
    [begin
         put(be, B),
         out("~n%% ===== ~s [~p] =====~n", [Name, B]),
         try F(B) catch C:E:St -> out("SECTION CRASH => ~9999p~n", [{crash, {C, strip(E), strip(St)}}]) end,
         case collect(50) of
             [] -> ok;
             Ms -> out("MSG stray at end of section => ~9999p~n", [n(Ms)])
         end
     end || B <- [inet, socket]].

p(Label, F) ->
    R = try F() catch C:E -> {crash, {C, strip(E)}} end,
    out("[~p] ~s => ~9999p~n", [get(be), Label, n(R)]),
    flush_logs(),
    R.

%% like p/2; a socket in an {ok, S} result is closed afterwards
pc(Label, F) ->
    R = p(Label, F),
    case R of
        {ok, S} when is_port(S); element(1, S) =:= '$inet' -> catch gen_tcp:close(S);
        _ -> ok
    end,
    R.

%% stack traces (inside exception reasons and log reports) are cut to
%% their top frame, written {M, F, Arity}
strip(L) when is_list(L) ->
    case is_stack(L) of
        true -> [top_frame(hd(L))];
        false -> try [strip(X) || X <- L] catch _:_ -> L end
    end;
strip(T) when is_tuple(T) -> list_to_tuple([strip(X) || X <- tuple_to_list(T)]);
strip(M) when is_map(M) -> maps:map(fun(_, V) -> strip(V) end, M);
strip(X) -> X.

is_stack([_ | _] = L) ->
    try lists:all(fun({M, F, A, Loc}) when is_atom(M), is_atom(F), is_list(Loc),
                                           (is_integer(A) orelse is_list(A)) -> true;
                     (_) -> false
                  end, L)
    catch _:_ -> false end;
is_stack(_) -> false.

top_frame({M, F, A, _}) when is_list(A) -> {M, F, length(A)};
top_frame({M, F, A, _}) -> {M, F, A}.

%% logger events (error reports of the runtime, warnings of gen_tcp_socket)
%% are collected and printed as "LOG [backend] level: text" after the line
%% of the call during which they arrived.
setup_log() ->
    Col = spawn(fun() -> log_collector([]) end),
    register(oracle_log, Col),
    ok = logger:add_handler(oracle_h, ?MODULE, #{level => all}),
    _ = logger:remove_handler(default),
    ok.

log(Ev, _Cfg) ->
    catch oracle_log ! {log, Ev},
    ok.

log_collector(Acc) ->
    receive
        {log, Ev} -> log_collector([Ev | Acc]);
        {get, P} -> P ! {logs, lists:reverse(Acc)}, log_collector([])
    end.

flush_logs() ->
    _ = (catch sys:get_state(logger_proxy, 1000)),
    oracle_log ! {get, self()},
    receive
        {logs, Evs} -> [out("LOG [~p] ~s~n", [get(be), fmt_log(E)]) || E <- Evs], ok
    after 1000 -> ok
    end.

fmt_log(#{level := Lvl, msg := Msg}) ->
    Text = try case Msg of
                   {string, S} -> S;
                   {report, #{label := {gen_statem, terminate}, reason := Reason}} ->
                       io_lib:format("gen_statem terminate, reason ~9999p", [strip(Reason)]);
                   {report, #{label := {proc_lib, crash}, report := [Info | _]}} ->
                       io_lib:format("proc_lib crash, error_info ~9999p",
                                     [strip(proplists:get_value(error_info, Info))]);
                   {report, #{label := {error_logger, _}, format := F, args := A}} ->
                       io_lib:format(F, strip(A));
                   {report, R} -> io_lib:format("~9999p", [strip(R)]);
                   {F, A} -> io_lib:format(F, strip(A))
               end
           catch _:_ -> io_lib:format("~9999p", [strip(Msg)]) end,
    T1 = re:replace(lists:flatten(Text), "\\s+", " ", [global, {return, list}]),
    io_lib:format("~p: ~s", [Lvl, string:trim(T1)]);
fmt_log(Ev) -> io_lib:format("~9999p", [Ev]).

%% like p/2, for results that hold an ephemeral port number ({ok, Port})
pport(Label, F) ->
    R = try F() catch C:E -> {crash, {C, E}} end,
    R1 = case {get(normalize), R} of
             {true, {ok, P}} when is_integer(P), P >= 1024 -> {ok, 'N'};
             _ -> R
         end,
    out("[~p] ~s => ~9999p~n", [get(be), Label, R1]),
    R.

%% like p/2, but F runs in a helper process that gets Ms milliseconds
pt(Label, F, Ms) ->
    Self = self(),
    W = spawn(fun() -> Self ! {pt_result, self(), try F() catch C:E -> {crash, {C, strip(E)}} end} end),
    R = receive {pt_result, W, X} -> X
        after Ms -> exit(W, kill), {no_return_within_ms, Ms}
        end,
    out("[~p] ~s => ~9999p~n", [get(be), Label, n(R)]),
    flush_logs(),
    R.

v(Label, F) ->
    case p(Label, F) of
        {ok, X} -> X;
        _ -> undefined
    end.

msgs(Label, Timeout) ->
    Ms = collect(Timeout),
    out("MSG [~p] ~s => ~9999p~n", [get(be), Label, n(Ms)]),
    flush_logs(),
    Ms.

collect(Timeout) -> collect(Timeout, 20, []).
collect(_T, 0, Acc) -> lists:reverse(Acc);
collect(T, N, Acc) ->
    receive M -> collect(min(T, 50), N - 1, [M | Acc])
    after T -> lists:reverse(Acc)
    end.

n(B) when is_binary(B), byte_size(B) > 64 -> {'$bin', byte_size(B), binary:part(B, 0, 8)};
n(L) when is_list(L) -> try [n(X) || X <- L] catch _:_ -> L end;
n(T) when is_tuple(T) -> list_to_tuple([n(X) || X <- tuple_to_list(T)]);
n(M) when is_map(M) -> maps:map(fun(_, V) -> n(V) end, M);
n(X) -> X.

out(Fmt, Args) ->
    S = lists:flatten(io_lib:format(Fmt, Args)),
    case get(normalize) of
        true ->
            S1 = re:replace(S, "#Ref<[0-9.]+>", "#Ref<R>", [global, {return, list}]),
            S2 = re:replace(S1, "<[0-9]+\\.[0-9]+\\.[0-9]+>", "<P>", [global, {return, list}]),
            S3 = re:replace(S2, "#Port<[0-9.]+>", "#Port<P>", [global, {return, list}]),
            S4 = re:replace(S3, "port => [0-9]+", "port => N", [global, {return, list}]),
            %% {IP, Port} tuples: mask the port when it is ephemeral-looking (>= 1024)
            S5 = re:replace(S4, "(\\{\\{[0-9]+(,[0-9]+){3}\\}|\\{\\{[0-9]+(,[0-9]+){7}\\}),(102[4-9]|10[3-9][0-9]|1[1-9][0-9][0-9]|[2-9][0-9]{3}|[0-9]{5})\\}",
                            "\\1,N}", [global, {return, list}]),
            S6 = re:replace(S5, "'?[a-z0-9_]+__escript__[0-9_]+'?", "'ESCRIPT'", [global, {return, list}]),
            io:put_chars(S6);
        _ -> io:put_chars(S)
    end.

watchdog(Ms) ->
    spawn(fun() -> receive after Ms ->
                  io:format("%% WATCHDOG: ~p ms elapsed, halting~n", [Ms]),
                  halt(3) end end).
