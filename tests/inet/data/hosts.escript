#!/usr/bin/env escript
%% -*- erlang -*-
%%! -noshell
%%
%% What Erlang/OTP 25's `file` lookup method answers for the names and
%% addresses of tests/inet/data/hosts_sample.
%% Run: escript tests/inet/data/hosts.escript tests/inet/data/hosts_sample > tests/inet/data/otp25_hosts.txt
%%
%% Output lines: `Call => Result`, Result printed with ~0p (one line).
-mode(compile).

main([File]) ->
    ok = io:setopts([{encoding, unicode}]),
    %% OTP logs each line it skips; the answers are what matters here.
    ok = logger:set_primary_config(level, none),
    ok = inet_db:set_hosts_file(filename:absname(File)),
    ok = inet_db:set_lookup([file]),
    out("%% hosts.escript  OTP ~s~n", [erlang:system_info(otp_release)]),
    Names = ["localhost", "LOCALHOST", "loopback-alias", "alpha", "ALPHA", "Alpha-Alias",
             "alpha-alias", "alpha2", "beta", "gamma", "short", "ip6-localhost",
             "ip6-loopback", "linklocal", "scoped", "v6host", "dup", "Dup", "broken",
             "bad", "crlf", "tab", "here", [$c,$a,$f,16#c3,16#a9], "lead", "commented",
             "trailing", "nosuchname", 'alpha', "10.0.0.1", "::1"],
    [p("gethostbyname(~0p, ~p)", [N, F], fun() -> inet:gethostbyname(N, F) end)
     || N <- Names, F <- [inet, inet6]],
    [p("getaddrs(~0p, ~p)", [N, F], fun() -> inet:getaddrs(N, F) end)
     || N <- Names, F <- [inet, inet6]],
    Addrs = [{127,0,0,1}, {10,0,0,1}, {10,0,0,2}, {10,0,0,3}, {10,0,0,7}, {10,0,0,8},
             {127,0,0,2}, {0,0,0,0,0,0,0,1}, {16#2001,16#db8,0,0,0,0,0,16#10},
             {16#fe80,0,0,0,0,0,0,1}, {16#fe80,0,0,0,0,0,0,2}, {10,0,0,5}, {10,0,0,6},
             "10.0.0.1", "10.1", "::1", 'xyz'],
    [p("gethostbyaddr(~0p)", [A], fun() -> inet:gethostbyaddr(A) end) || A <- Addrs],
    out("%% END~n", []),
    halt(0).

p(Fmt, Args, F) ->
    R = try F() catch C:E -> {crash, {C, E}} end,
    out(Fmt ++ " => ~0p~n", Args ++ [R]).

out(Fmt, Args) -> io:put_chars(io_lib:format(Fmt, Args)).
