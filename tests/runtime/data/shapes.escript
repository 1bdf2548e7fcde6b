#!/usr/bin/env escript
%%! -noshell
%% Which bad arguments OTP 25's socket module raises and which it returns,
%% for open/2,3,4, bind/2, sendto/3, connect/2 and cancel/2 (the shapes of
%% their error terms, and the open options it is lenient about). Run:
%%   escript shapes.escript > otp25_shapes.txt
-mode(compile).
p(L, F) -> R = (catch F()), io:format("~s => ~9999p~n", [L, norm(R)]).
norm({'EXIT', {R, _}}) -> {crash, R};
norm(X) -> X.
lo() -> #{family => inet, addr => loopback, port => 0}.
r({ok, S}) when element(1, S) =:= '$socket' -> I = socket:info(S), socket:close(S), {ok, maps:with([domain, type, protocol], I)};
r(X) -> X.
main(_) ->
    %% open argument classes
    [p(io_lib:format("open(~9999p)", [A]), fun() -> r(apply(socket, open, A)) end) || A <-
        [[inet, stream, "tcp"], [inet, stream, <<"tcp">>], [inet, stream, 6.0], [inet, raw, {raw, 255}],
         [inet, stream, {raw, 6}], ["inet", stream], [inet, "stream"], [inet, stream, tcp, #{netns => foo}],
         [inet, stream, tcp, #{netns => <<"/proc/self/ns/net">>}], [inet, stream, tcp, #{netns => "/proc/self/ns/net"}],
         [inet, stream, tcp, #{netns => 1}], [inet, stream, tcp, #{use_registry => foo}], [inet, stream, tcp, #{use_registry => 1}],
         [inet, stream, tcp, #{debug => foo}], [inet, stream, tcp, #{debug => 1}], [inet, stream, tcp, #{foo => bar}],
         [inet, stream, tcp, #{netns => 'x'}], [inet, stream, tcp, foo]]],
    %% bind with non-map sockaddr
    {ok, B} = socket:open(inet, stream),
    [p(io_lib:format("bind(inet S, ~9999p)", [A]), fun() -> socket:bind(B, A) end) || A <-
        [foo, "x", 1, {127,0,0,1}, [], #{family => inet, port => -1}, #{family => inet, port => 70000},
         #{family => inet, port => 65536}, #{family => inet, port => 1.0}, #{family => inet, foo => bar},
         #{family => inet, addr => {127,0,0,1}, port => 0, foo => 1}, #{family => inet, addr => broadcast}]],
    socket:close(B),
    {ok, B6} = socket:open(inet6, stream),
    [p(io_lib:format("bind(inet6 S, ~9999p)", [A]), fun() -> socket:bind(B6, A) end) || A <-
        [broadcast, #{family => inet6, addr => broadcast}, #{family => inet6, port => -1}, #{family => inet6, port => 65537},
         #{family => inet6, addr => any, flowinfo => -1}, #{family => inet6, addr => any, scope_id => -1}, #{family => inet6, foo => 1}]],
    socket:close(B6),
    {ok, BL} = socket:open(local, stream),
    [p(io_lib:format("bind(local S, ~9999p)", [A]), fun() -> socket:bind(BL, A) end) || A <-
        [any, loopback, broadcast, #{family => local}, #{family => local, path => 1}, #{family => local, path => foo},
         #{family => local, path => [-1]}, #{family => local, path => "/nonexistent_dir/x"}, #{family => local, path => <<"/tmp/esock_b", 0, "x">>},
         #{family => local, path => "", foo => 1}]],
    socket:close(BL),
    %% sendto/connect sockaddr
    {ok, U} = socket:open(inet, dgram),
    ok = socket:bind(U, lo()),
    [p(io_lib:format("sendto(U, <<1>>, ~9999p)", [A]), fun() -> socket:sendto(U, <<1>>, A) end) || A <-
        [foo, #{family => inet, port => -1, addr => loopback}, #{family => inet, addr => loopback}, #{family => inet, addr => loopback, port => 70000}]],
    [p(io_lib:format("connect(U, ~9999p)", [A]), fun() -> socket:connect(U, A) end) || A <- [foo, #{family => inet}, #{}, 1]],
    socket:close(U),
    %% cancel bad select infos
    {ok, C} = socket:open(inet, stream),
    [p(io_lib:format("cancel(S, ~9999p)", [A]), fun() -> socket:cancel(C, A) end) || A <-
        [{select_info, recv, foo}, {select_info, recv, 1}, {select_info, foo, make_ref()}, {select_info, recv}, foo,
         {select_info, {send, 0}, make_ref()}, {select_info, {recv, 0}, make_ref()}, {select_info, sendfile, make_ref()},
         {select_info, {sendfile, x}, make_ref()}, {select_info, accept, make_ref()}, {select_info, connect, make_ref()}]],
    socket:close(C),
    ok.
