#!/usr/bin/env escript
%% -*- erlang -*-
%%! -noshell
%%
%% The OTP side of bench/pretty_bench.cpp: times io_lib:format("~*p") on
%% the workloads the C++ program wrote to FILE, one a line as
%% NAME CALLS LINE_LENGTH TERM, and prints one line per workload:
%% NAME CALLS SECONDS (the best of five rounds of CALLS calls).
%%
%%   escript bench/pretty_bench.escript FILE
-mode(compile).

main([File]) ->
    {ok, Bin} = file:read_file(File),
    Lines = [L || L <- string:split(unicode:characters_to_list(Bin), "\n", all), L =/= ""],
    [run(L) || L <- Lines],
    halt(0).

run(Line) ->
    [Name, Rest1] = string:split(Line, " "),
    [Calls, Rest2] = string:split(Rest1, " "),
    [Ll, TermText] = string:split(Rest2, " "),
    {ok, Tokens, _} = erl_scan:string(TermText ++ "."),
    {ok, Term} = erl_parse:parse_term(Tokens),
    N = list_to_integer(Calls),
    L = list_to_integer(Ll),
    F = fun() -> loop(N, L, Term) end,
    Seconds = lists:min([time(F) || _ <- lists:seq(1, 5)]),
    io:format("~s ~w ~.9f~n", [Name, N, Seconds]).

loop(0, _, _) -> ok;
loop(N, L, T) ->
    _ = io_lib:format("~*p", [L, T]),
    loop(N - 1, L, T).

time(F) ->
    T0 = erlang:monotonic_time(nanosecond),
    F(),
    (erlang:monotonic_time(nanosecond) - T0) / 1.0e9.
