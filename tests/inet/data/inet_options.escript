#!/usr/bin/env escript
%% -*- erlang -*-
%%! -noshell
%%
%% What Erlang/OTP 25 (the default inet backend) answers for every option of
%% the inet option table: getopts on new sockets of each kind, setopts with
%% good and bad values (and getopts afterwards), and each option given to
%% gen_tcp:listen/2, gen_tcp:connect/3 and gen_udp:open/2.
%% Run: escript tests/inet/data/inet_options.escript > tests/inet/data/inet_options.txt
%%
%% Output lines: `[Kind] Call => Result`, Result printed with ~0p (one line).
%% Kinds: tcp4 (a connected IPv4 TCP socket), tcp6, udp4, udp6, and
%% open (the open calls). Exceptions print as {exit,R} or {error,R}.
%% Values the kernel decides (buffer sizes, the system's defaults) are
%% printed too; the test asks this host's kernel for those.
-mode(compile).

values() ->
    Bool = [true, false, 1, foo],
    [{active, [true, false, once, 5, -5, 32767, 32768, -32768, -32769, multi, foo]},
     {broadcast, Bool},
     {buffer, [4096, 0, -1, foo]},
     {delay_send, Bool},
     {deliver, [port, term, foo]},
     {dontroute, Bool},
     {exit_on_close, Bool},
     {exclusiveaddruse, [true]},
     {header, [0, 2, -1, foo]},
     {high_msgq_watermark, [16384, -1, foo]},
     {high_watermark, [16384, -1, foo]},
     {ipv6_v6only, Bool},
     {keepalive, Bool},
     {linger, [{true,5}, {false,0}, {true,-1}, {1,1}, {true,foo}, foo, {true,5,1}]},
     {low_msgq_watermark, [2048, -1, foo]},
     {low_watermark, [2048, -1, foo]},
     {mode, [list, binary, foo]},
     {netns, ["/proc/self/ns/net", <<"/proc/self/ns/net">>, foo]},
     {bind_to_device, [<<"lo">>, <<>>, "lo", foo]},
     {nodelay, Bool},
     {nopush, Bool},
     {packet, [0, 1, 2, 4, raw, line, asn1, cdr, sunrm, fcgi, tpkt, http, httph, http_bin, httph_bin, ssl, ssl_tls, 3, foo]},
     {packet_size, [1000, 0, -1, foo]},
     {line_delimiter, [59, 0, 255, 256, -1, "x", foo]},
     {read_ahead, [true, false]},
     {read_packets, [10, -1, foo]},
     {recbuf, [8192, -1, foo]},
     {recvtclass, Bool},
     {recvtos, Bool},
     {recvttl, Bool},
     {reuseaddr, Bool},
     {reuseport, [true]},
     {reuseport_lb, [true]},
     {send_timeout, [1000, 0, infinity, -1, foo]},
     {send_timeout_close, Bool},
     {show_econnreset, Bool},
     {sndbuf, [8192, -1, foo]},
     {priority, [3, 0, -1, foo]},
     {tos, [16, 0, 255, 256, -1, lowdelay, foo]},
     {tclass, [16, 0, -1, foo]},
     {ttl, [7, 0, 255, 256, -1, foo]},
     {pktoptions, [[]]},
     {debug, [false, 1, foo]},
     {raw, [{6,1,<<1:32/native>>}, {6,1,<<>>}, {6,1,42}, {foo,1,<<0:32>>}, {6,1}]},
     {multicast_if, [{127,0,0,1}, 1, foo]},
     {multicast_ttl, [2, -1, foo]},
     {multicast_loop, Bool},
     {add_membership, [{{224,0,0,251},{0,0,0,0}}, {{224,0,0,251},any}, foo]},
     {drop_membership, [{{224,0,0,251},{0,0,0,0}}, foo]},
     {fd, [-1]},
     {ip, [{127,0,0,1}, any, loopback, foo]},
     {ifaddr, [{127,0,0,1}, foo]},
     {port, [0, 70000, -1, foo]},
     {backlog, [5, -1, foo]},
     {tcp_module, [inet_tcp, foo]},
     {udp_module, [inet_udp, foo]},
     {inet_backend, [inet, socket, foo]},
     {foo, [bar]}].

atoms() -> [list, binary, inet, inet6, local, foo, nodelay].

main(_) ->
    ok = io:setopts([{encoding, unicode}]),
    out("%% inet_options.escript  OTP ~s  erts ~s~n",
        [erlang:system_info(otp_release), erlang:system_info(version)]),
    {ok, L4} = gen_tcp:listen(0, [{ip, {127,0,0,1}}]),
    {ok, L6} = gen_tcp:listen(0, [inet6, {ip, {0,0,0,0,0,0,0,1}}]),
    {ok, P4} = inet:port(L4),
    {ok, P6} = inet:port(L6),
    [spawn(fun() -> acceptor(L) end) || L <- [L4, L6]],
    Kinds = [{tcp4, fun() -> {ok, S} = gen_tcp:connect({127,0,0,1}, P4, []), S end},
             {tcp6, fun() -> {ok, S} = gen_tcp:connect({0,0,0,0,0,0,0,1}, P6, [inet6]), S end},
             {udp4, fun() -> {ok, S} = gen_udp:open(0, [{ip, {127,0,0,1}}]), S end},
             {udp6, fun() -> {ok, S} = gen_udp:open(0, [inet6, {ip, {0,0,0,0,0,0,0,1}}]), S end}],
    Names = [N || {N, _} <- values()],
    [begin
         S = Open(),
         [p("[~s] getopts(S, [~p])", [K, N], fun() -> inet:getopts(S, [N]) end) || N <- Names],
         close(S),
         [begin
              S1 = Open(),
              p("[~s] setopts(S, [~0p])", [K, opt(N, V)], fun() -> inet:setopts(S1, [opt(N, V)]) end),
              p("[~s]   getopts(S, [~p])", [K, N], fun() -> inet:getopts(S1, [N]) end),
              close(S1)
          end || {N, Vs} <- values(), V <- Vs],
         [begin
              S2 = Open(),
              p("[~s] setopts(S, [~p])", [K, A], fun() -> inet:setopts(S2, [A]) end),
              close(S2)
          end || A <- atoms()]
     end || {K, Open} <- Kinds],
    Opens = [{"listen(0, [{ip,{127,0,0,1}}, X])",
              fun(X) -> gen_tcp:listen(0, [{ip, {127,0,0,1}}, X]) end},
             {"connect({127,0,0,1}, P, [X])",
              fun(X) -> gen_tcp:connect({127,0,0,1}, P4, [X], 2000) end},
             {"gen_udp:open(0, [{ip,{127,0,0,1}}, X])",
              fun(X) -> gen_udp:open(0, [{ip, {127,0,0,1}}, X]) end}],
    [[p("[open] " ++ re:replace(Label, "X", "~0p", [{return, list}]), [opt(N, V)],
        fun() -> shape(F(opt(N, V))) end) || {N, Vs} <- values(), V <- Vs]
     || {Label, F} <- Opens],
    [[p("[open] " ++ re:replace(Label, "X", "~0p", [{return, list}]), [A],
        fun() -> shape(F(A)) end) || A <- atoms()]
     || {Label, F} <- Opens],
    out("~n%% END~n", []),
    halt(0).

%% Accepts every connection and keeps it open (a closed peer would close an
%% active socket), so that the backlog never fills.
acceptor(L) -> acceptor(L, []).
acceptor(L, Keep) ->
    case gen_tcp:accept(L) of
        {ok, A} -> acceptor(L, [A | Keep]);
        _ -> ok
    end.

%% The option {Name, Value}; raw options are {raw, Level, Num, Value}.
opt(raw, {A, B, C}) -> {raw, A, B, C};
opt(N, V) -> {N, V}.

close(S) ->
    case catch inet:close(S) of _ -> ok end.

shape({ok, S}) when is_port(S) -> close(S), ok;
shape({ok, {'$inet', _, _} = S}) -> close(S), ok;
shape(Other) -> Other.

%% An exception with a stack trace keeps its top frame only.
top({Reason, [{M, F, A, _} | _]}) when is_list(A) -> {Reason, {M, F, length(A)}};
top({Reason, [{M, F, A, _} | _]}) -> {Reason, {M, F, A}};
top(Reason) -> Reason.

p(Fmt, Args, F) ->
    R = try F() catch C:E -> {C, top(E)} end,
    out(Fmt ++ " => ~0p~n", Args ++ [R]).

out(Fmt, Args) -> io:put_chars(io_lib:format(Fmt, Args)).
