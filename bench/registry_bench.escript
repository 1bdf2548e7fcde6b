#!/usr/bin/env escript
%% -*- erlang -*-
%%! -noshell +Q 300000
%%
%% The OTP side of bench/registry_bench.cpp: with OTHERS TCP sockets and 10
%% UDP sockets open, times socket:number_of/0, which_sockets(udp) and
%% info/0 (the best of five rounds of ITERS calls each) and prints one line
%% per call: NAME NANOSECONDS_PER_CALL.
%%
%%   escript bench/registry_bench.escript OTHERS ITERS
-mode(compile).

main([OthersS, ItersS]) ->
    Others = list_to_integer(OthersS),
    Iters = list_to_integer(ItersS),
    Tcp = [S || _ <- lists:seq(1, Others), {ok, S} <- [socket:open(inet, stream, tcp)]],
    Udp = [S || _ <- lists:seq(1, 10), {ok, S} <- [socket:open(inet, dgram, udp)]],
    case length(Tcp) of
        Others -> ok;
        N -> io:format(standard_error, "opened only ~w sockets~n", [N])
    end,
    report("number_of", Iters, fun() -> socket:number_of() end),
    report("which_sockets_udp", Iters, fun() -> socket:which_sockets(udp) end),
    report("info", Iters, fun() -> socket:info() end),
    [socket:close(S) || S <- Tcp ++ Udp],
    halt(0).

report(Name, Iters, F) ->
    Ns = lists:min([round(Iters, F) || _ <- lists:seq(1, 5)]),
    io:format("~s ~.1f~n", [Name, Ns / Iters]).

round(Iters, F) ->
    T0 = erlang:monotonic_time(nanosecond),
    loop(Iters, F),
    erlang:monotonic_time(nanosecond) - T0.

loop(0, _) -> ok;
loop(N, F) -> F(), loop(N - 1, F).
