#!/usr/bin/env escript
%% -*- erlang -*-
%%! -noshell
%%
%% The OTP side of bench/packet_bench.cpp: times erlang:decode_packet/3 in
%% a loop on the inputs the C++ program wrote to DIR, and prints one line
%% per workload: NAME UNITS SECONDS (the best of five rounds), where UNITS
%% is bytes decoded for the streams and requests for the HTTP heads.
%%
%%   escript bench/packet_bench.escript DIR
-mode(compile).

main([Dir]) ->
    {ok, Frames} = file:read_file(filename:join(Dir, "frames4.bin")),
    {ok, Lines} = file:read_file(filename:join(Dir, "lines.bin")),
    {ok, Head} = file:read_file(filename:join(Dir, "request.bin")),
    Requests = 20000,
    report("packet4", byte_size(Frames), fun() -> stream(4, Frames) end),
    report("line", byte_size(Lines), fun() -> stream(line, Lines) end),
    report("http", Requests, fun() -> heads(http, httph, Head, Requests) end),
    report("http_bin", Requests, fun() -> heads(http_bin, httph_bin, Head, Requests) end),
    halt(0).

report(Name, Units, F) ->
    Seconds = lists:min([time(F) || _ <- lists:seq(1, 5)]),
    io:format("~s ~w ~.9f~n", [Name, Units, Seconds]).

time(F) ->
    T0 = erlang:monotonic_time(nanosecond),
    F(),
    (erlang:monotonic_time(nanosecond) - T0) / 1.0e9.

stream(Type, Bin) ->
    case erlang:decode_packet(Type, Bin, []) of
        {ok, _, Rest} -> stream(Type, Rest);
        {more, _} -> ok
    end.

heads(_, _, _, 0) -> ok;
heads(Start, Header, Head, N) ->
    {ok, {http_request, _, _, _}, Rest} = erlang:decode_packet(Start, Head, []),
    headers(Header, Rest),
    heads(Start, Header, Head, N - 1).

headers(Type, Bin) ->
    case erlang:decode_packet(Type, Bin, []) of
        {ok, http_eoh, _} -> ok;
        {ok, {http_header, _, _, _, _}, Rest} -> headers(Type, Rest)
    end.
