#!/usr/bin/env escript
%% -*- erlang -*-
%%! -noshell
%%
%% erlang:decode_packet/3 on the cases otp25_decode_packet.txt does not
%% cover: limits at their edges, OTP's integer wrapping, every byte class
%% of the HTTP grammar, ssl_tls, option lists, and a fixed pseudo-random
%% set of mutated packets per family (the same on every run).
%%
%% Run (with OTP 25 on PATH), from the repository root:
%%   escript tests/packet/data/extra_cases.escript > tests/packet/data/otp25_extra.txt
%%
%% Output lines: decode_packet(Type, Bin, Opts) => Result, everything
%% printed with ~w (no binary is shortened); an exception prints as
%% {crash,{Class,Reason}}.
-mode(compile).

main(_) ->
    out("%% What Erlang/OTP ~s (erts ~s) printed for erlang:decode_packet/3, run by~n"
        "%% extra_cases.escript beside this file: the cases otp25_decode_packet.txt does~n"
        "%% not cover. Replayed line by line by tests/packet/otp25_test.cpp. Do not edit;~n"
        "%% regenerate with~n"
        "%%   escript tests/packet/data/extra_cases.escript > tests/packet/data/otp25_extra.txt~n",
        [erlang:system_info(otp_release), erlang:system_info(version)]),
    sec("E1 fixed headers at their limits", fun fixed/0),
    sec("E2 asn1 tags and lengths", fun asn1/0),
    sec("E3 line", fun line/0),
    sec("E4 http request and status lines", fun http_start/0),
    sec("E5 http headers", fun http_headers/0),
    sec("E6 http line ends and limits", fun http_limits/0),
    sec("E7 ssl_tls", fun ssl_tls/0),
    sec("E8 options", fun options/0),
    sec("E9 mutated packets", fun mutated/0),
    out("~n%% END~n", []),
    halt(0).

d(T, B) -> d(T, B, []).
d(T, B, O) ->
    R = try erlang:decode_packet(T, B, O) catch C:E -> {crash, {C, E}} end,
    out("decode_packet(~w, ~w, ~w) => ~w~n", [T, B, O, R]).

sec(Name, F) ->
    out("~n%% ===== ~s =====~n", [Name]),
    F().

out(Fmt, Args) ->
    io:put_chars(lists:flatten(io_lib:format(Fmt, Args))).

%% ===========================================================================
fixed() ->
    [d(T, B, O) || {T, B} <- [{1, <<1,2>>}, {2, <<0,1,2>>}, {4, <<0,0,0,1,2>>}],
                   O <- [[{packet_size, 4294967295}], [{packet_size, 1}], [{packet_size, 0}]]],
    [d(4, <<N:32>>) || N <- [16#7ffffffa, 16#7ffffffb, 16#7ffffffc, 16#80000000, 16#fffffffb,
                             16#fffffffc, 16#ffffffff]],
    [d(4, <<N:32>>, [{packet_size, 16#7ffffffb}]) || N <- [16#7ffffffb, 16#7ffffffc]],
    [d(sunrm, <<N:32>>) || N <- [16#7ffffffb, 16#7ffffffc, 16#fffffffb, 16#fffffffc, 16#80000000]],
    [d(sunrm, <<1:1, 3:31, "abcde">>, [{packet_size, S}]) || S <- [2, 3]],
    [d(cdr, <<"GIOP", 1, 1, F, 0, N:32/little>>) || F <- [1, 3, 255], N <- [0, 16#7ffffff3, 16#7ffffff4]],
    [d(cdr, <<"GIOP", 1, 1, F, 0, N:32>>) || F <- [0, 2, 254], N <- [0, 16#7ffffff3, 16#7ffffff4]],
    _ = [d(cdr, <<"GIOP", 9, 9, 0, 9, 0:32, "rest">>), d(cdr, <<"GIOQ", 1, 1, 0, 0, 0:32>>),
     d(cdr, <<"GIOP", 1, 1, 0, 0, 0, 0>>), d(cdr, <<"G">>)],
    [d(cdr, <<"GIOP", 1, 1, 1, 0, 4:32/little, "ab">>, [{packet_size, S}]) || S <- [3, 4]],
    [d(fcgi, <<1, 1, 0, 1, L:16, P, 0, (binary:copy(<<"x">>, L + P))/binary, "r">>) ||
        L <- [0, 1, 3], P <- [0, 1, 255]],
    [d(fcgi, <<1, 1, 0, 1, 0, 2, 2, 0, "ab", 0, 0>>, [{packet_size, S}]) || S <- [3, 4, 5]],
    [d(fcgi, <<V, 1, 0, 1, 0, 0, 0, 0>>) || V <- [0, 2, 255]],
    _ = [d(fcgi, <<1, 1, 0, 1, 0, 0, 0>>), d(fcgi, <<1, 1, 0, 1, 0, 1, 0, 0>>),
     d(fcgi, <<1, 1, 0, 1, 0, 1, 1, 0, "x">>)],
    [d(tpkt, <<3, R, L:16, (binary:copy(<<"y">>, max(L - 4, 0)))/binary>>) ||
        R <- [0, 7], L <- [0, 1, 2, 3, 4, 5, 6]],
    [d(tpkt, <<3, 0, 0, 6, "ab", "rest">>, [{packet_size, S}]) || S <- [1, 2, 3]],
    [d(tpkt, <<V, 0, 0, 4>>) || V <- [0, 1, 2, 4, 255]],
    _ = [d(tpkt, <<3, 0, 255, 255>>, [{packet_size, 65531}]), d(tpkt, <<3, 0, 255, 255>>, [{packet_size, 65530}])],
    ok.

%% ===========================================================================
asn1() ->
    Tags = [<<16#1f, 16#80, 16#80, 16#80, 16#80, 16#80, 16#80, 16#01>>, <<16#1f, 16#81, 16#01>>,
            <<16#1f, 16#00>>, <<16#3f, 16#7f>>, <<16#5f, 16#ff, 16#7f>>, <<16#02>>, <<16#ff, 16#01>>],
    Lengths = [<<0>>, <<2, "ab">>, <<16#80>>, <<16#81, 2, "ab">>, <<16#82, 0, 2, "ab">>,
               <<16#83, 0, 0, 2, "ab">>, <<16#84, 0, 0, 0, 2, "ab">>, <<16#85, 0, 0, 0, 0, 2>>,
               <<16#84, 16#7f, 16#ff, 16#ff, 16#f0>>, <<16#84, 16#7f, 16#ff, 16#ff, 16#ff>>,
               <<16#84, 16#ff, 16#ff, 16#ff, 16#ff>>, <<16#ff>>, <<16#81>>, <<16#82, 1>>],
    [d(asn1, <<T/binary, L/binary>>) || T <- Tags, L <- Lengths],
    [d(asn1, binary:part(B, 0, N)) || B <- [<<16#1f, 16#81, 16#82, 16#03, 16#82, 0, 1, "x">>],
                                     N <- lists:seq(1, 8)],
    [d(asn1, <<16#30, 16#82, 0, 5, "abcde">>, [{packet_size, S}]) || S <- [4, 5]],
    [d(asn1, <<16#30, 16#80, "abc">>, [{packet_size, S}]) || S <- [1, 0]],
    _ = [d(asn1, <<16#1f, 16#80, 16#80, 16#80, 16#80, 16#80, 16#80, 1, 16#84,
               16#7f, 16#ff, 16#ff, L>>) || L <- [16#f2, 16#f3, 16#f4]],
    ok.

%% ===========================================================================
line() ->
    [d(line, B, O) || B <- [<<>>, <<"\n">>, <<"ab">>, <<"ab\n">>, <<"abc\n">>, <<"abcd">>],
                      O <- [[{line_length, 1}], [{line_length, 2}], [{line_length, 3}],
                            [{packet_size, 1}], [{packet_size, 2}], [{packet_size, 3}],
                            [{line_length, 2}, {packet_size, 3}], [{packet_size, 4}, {line_length, 1}]]],
    [d(line, <<"a", D, "b", D>>, [{line_delimiter, D}]) || D <- [0, 13, 32, 127, 128, 254]],
    _ = [d(line, <<"a\r\nb">>, [{line_delimiter, 13}]), d(line, <<"a\nb">>, [{line_delimiter, 13}])],
    [d(line, <<"x\n">>, [{line_delimiter, D}]) || D <- [10, 255, 256, -1, 1.0, $x]],
    [d(line, binary:copy(<<"z">>, 70), O) || O <- [[], [{line_length, 64}], [{packet_size, 69}]]],
    ok.

%% ===========================================================================
http_start() ->
    Req = fun(M, U, V) -> iolist_to_binary([M, " ", U, V, "\r\n"]) end,
    [d(T, Req(M, "/", " HTTP/1.1")) || T <- [http, http_bin],
        M <- ["OPTIONS", "GET", "HEAD", "POST", "PUT", "DELETE", "TRACE", "GETX", "GE", "ET",
              "OPTIONS2", "delete", "M!#$%&'*+.^_`|~", [127], "A" ++ [127], "1"]],
    [d(http, <<M, "ET / HTTP/1.1\r\n">>) || M <- [0, 1, 31, 32, 127, 128, 255, $(, $), $<, $>, $@,
                                                 $,, $;, $:, $\\, $", $/, $[, $], $?, $=, ${, $}]],
    [d(http, <<"GE", M, " / HTTP/1.1\r\n">>) || M <- [9, 32, $/, $:, 127, 200]],
    [d(T, Req("GET", U, " HTTP/1.1")) || T <- [http, http_bin],
        U <- ["*", "**", "a", "ab", ":", "::", "a:", ":a", "/", "//", "/:", "http://", "https://",
              "http:/", "https:/", "http:", "HtTp://H", "HTTPS://H:1/", "http://h:", "http://h:0",
              "http://h:00080/x", "http://h:65535", "http://h:65536", "http://h:2147483647",
              "http://h:2147483648", "http://h:4294967295", "http://h:4294967296",
              "http://h:4294967297", "http://h:99999999999999999999", "http://h:8:9/",
              "http://h:8/a:b", "http://h/:8", "http://h:x8/", "http://:/", "http://h?q",
              "http://h#f", "https://[::1]/", "httpx://h/", "ftp:", "a:b:c", [200], "/" ++ [0],
              "%", "?", "#", "http://h:1" ++ [200] ++ "/"]],
    [d(http, Req("GET", "/", V)) || V <- [" HTTP/0.0", " HTTP/00.00", " HTTP/1.1.1", " HTTP/1.",
        " HTTP/1", " HTTP/.1", " HTTP/1.a", " HTTP/a", " HTTP/ 1.1", " HTTP /1.1", " HTTP/1.1x",
        " HTTP/2147483647.2147483647", " HTTP/2147483648.4294967296", " HTTP/4294967297.1",
        " HTTP/99999999999999999999.1", " XTTP/1.1", " HTTP/1.1\t", "\t\tHTTP/1.1", " h",
        " 1234567", " 12345678", " HTTPS/1.1", " HTTP/1.1 x y z", " HTTP/1.1\r", " "]],
    [d(T, <<"HTTP/", S/binary, "\r\n">>) || T <- [http, http_bin],
        S <- [<<"1.1 200 OK">>, <<"1.1 200">>, <<"1.1 200 ">>, <<"1.1  200  OK  ">>,
              <<"1.1\t200\tOK">>, <<"1.1 200OK">>, <<"1.1 OK">>, <<"1.1 ">>, <<"1.1">>,
              <<"1.1x 200 OK">>, <<"1.1200 OK">>, <<"1 200 OK">>, <<".1 200 OK">>,
              <<"1. 200 OK">>, <<"2147483648.1 4294967297 X">>, <<"1.1 2147483648 X">>,
              <<"1.1 99999999999 X">>, <<"1.1 -1 X">>, <<"1.1 200 ", 0, 255, 127>>, <<>>,
              <<"1.1 200 OK\r">>]],
    [d(http, B) || B <- [<<"HTTP">>, <<"HTTP\r\n">>, <<"HTTP/\n">>, <<"HTTP /1.1 200\r\n">>,
                         <<"HTTPx / HTTP/1.1\r\n">>, <<"http/1.1 200 OK\r\n">>]],
    ok.

%% ===========================================================================
http_headers() ->
    H = fun(T, N) -> d(T, iolist_to_binary([N, ": v\r\n\r\n"])) end,
    [H(T, N) || T <- [httph, httph_bin],
        N <- ["a", "A", "ab", "AB", "aB", "Ab", "a-b", "A-B", "a--b", "-", "--", "-a", "a-",
              "1", "1a", "a1B", "_a", "a_b", "ACCEPT", "accept", "aCCEPT-cHARSET",
              "x-forwarded-for", "X-FORWARDED-FOR", "Set-Cookie2", "set-cookie2", "SET-COOKIE",
              "Www-authenticate", "Proxy-connection", "Keep-alive", "Content-md5", "etag",
              "If-unmodified-since", "If-Unmodified-Sincex", "If-Unmodified-Sinc",
              "abcdefghijklmnopqrstuvwxyz0123456789-abcdefghijklmnopqrstuvwxyz",
              [127], "a" ++ [127] ++ "b", "!#$%&'*+.^_`|~",
              %% OTP normalizes names of up to 50 bytes and leaves longer ones alone
              lists:duplicate(25, "aB"), "c" ++ lists:duplicate(25, "aB"),
              "X-" ++ lists:duplicate(48, $y), "x-" ++ lists:duplicate(49, $Y)]],
    [d(httph, <<"A", C, "B: v\r\n\r\n">>) || C <- [0, 9, 31, 32, 127, 128, 255, $(, $), $<, $>,
                                                   $@, $,, $;, $\\, $", $/, $[, $], $?, $=, ${, $}]],
    [d(T, B) || T <- [httph, httph_bin],
        B <- [<<"A:v\r\n\r\n">>, <<"A:  v  \r\n\r\n">>, <<"A:\t\tv\r\n\r\n">>, <<"A: \r\n\r\n">>,
              <<"A:\r\n\r\n">>, <<"A:\n\n">>, <<"A:v\nB:w\n\n">>, <<"A: a\r\n\tb\r\n c\r\n\r\n">>,
              <<"A: a\n b\n\n">>, <<"A: a\r\n \r\n\r\n">>, <<"A: a\r\nB\r\n\r\n">>,
              <<"A : v\r\n\r\n">>, <<"A\t: v\r\n\r\n">>, <<" A: v\r\n\r\n">>, <<"\tA: v\r\n\r\n">>,
              <<":\r\n\r\n">>, <<": v\r\n\r\n">>, <<"::\r\n\r\n">>, <<"A::v\r\n\r\n">>,
              <<"A\r\n\r\n">>, <<"A\n\n">>, <<"A">>, <<"A:">>, <<"\r\n">>, <<"\n">>, <<"\r\n\r\n">>,
              <<"\n\n">>, <<"\r\r\n\r\n">>, <<"\r\n \r\n">>, <<"x\n y\n\n">>, <<"xy\n z\n\n">>,
              <<"A: v", 0, "w\r\n\r\n">>, <<"A: v", 255, "\r\n\r\n">>, <<"A: v\rw\r\n\r\n">>,
              <<"A: v\r\r\n\r\n">>, <<"Host: h\r\n\r\nGET">>]],
    ok.

%% ===========================================================================
http_limits() ->
    [d(T, B, O) || T <- [http, httph],
        B <- [<<"abc\r\n">>, <<"abc\n">>, <<"abc">>, <<"\r\n">>, <<"\n">>, <<"\r">>,
              <<"A: b\r\n c\r\n\r\n">>, <<"A: b\r\n c">>, <<"A: b\r\n">>],
        O <- [[{packet_size, 1}], [{packet_size, 2}], [{packet_size, 3}], [{packet_size, 4}],
              [{packet_size, 5}], [{packet_size, 6}], [{packet_size, 11}], [{packet_size, 12}],
              [{line_length, 4}], [{line_length, 5}], [{line_length, 5}, {packet_size, 4}],
              [{packet_size, 4}, {line_length, 5}]]],
    ok.

%% ===========================================================================
ssl_tls() ->
    [d(ssl_tls, B) || B <- [<<>>, <<22>>, <<22, 3, 3, 0>>, <<22, 3, 3, 0, 0>>, <<23, 3, 3, 0, 2, "ab", "c">>,
                            <<23, 3, 3, 0, 3, "ab">>, <<0, 0, 0, 255, 255>>, <<255, 255, 0, 0, 0>>,
                            <<128, 3, 1, 3, 0>>, <<128, 2, 1, 3, 0>>, <<128, 3, 2, 3, 0>>,
                            <<128, 6, 1, 2, 0, 1, 2, 3, 4>>, <<127, 255, 1, 3, 0>>,
                            <<255, 255, 1, 3, 0>>, <<129, 0, 1, 3, 0>>]],
    [d(ssl_tls, <<22, 3, 1, 0, 3, "abc">>, [{packet_size, S}]) || S <- [2, 3]],
    [d(ssl_tls, <<128, 5, 1, 3, 1, "abc">>, [{packet_size, S}]) || S <- [4, 5]],
    _ = [d(ssl_tls, <<22, 3, 1, 0, 0>>, [{line_delimiter, 10}])],
    ok.

%% ===========================================================================
options() ->
    Os = [[{packet_size, 4294967295}], [{packet_size, 4294967296}], [{packet_size, -1}],
          [{packet_size, 1.0}], [{packet_size, 1, 2}], [{packet_size}], [{line_length, 4294967295}],
          [{line_length, 4294967296}], [{line_delimiter, 10}], [{"packet_size", 1}],
          [{packet_size, 1} | []], [[]], [[{packet_size, 1}]], [{packet_size, 2}, {packet_size, 0}],
          [{line_length, 0}, {line_length, 1}], [{packet_size, 0}, foo], [{packet_size, [1]}]],
    [d(T, <<1, "x\n">>, O) || T <- [raw, 1, line, http], O <- Os],
    [d(T, <<"x">>, []) || T <- [ssl, httpx, 5, 16, 255, 256, 1.0, "raw", [raw], {raw}, 'RAW']],
    [d(raw, B, []) || B <- [[], <<>>, {<<>>}, 1]],
    [d(raw, <<"x">>, O) || O <- [{}, #{}, <<>>]],
    ok.

%% ===========================================================================
%% Each family's seeds, mutated by a fixed generator: cut short, a byte
%% replaced, a byte inserted, bytes appended; with a random option list.
mutated() ->
    rand:seed(exsss, {17, 42, 2025}),
    Families =
        [{[1, 2, 4, sunrm, cdr, fcgi, tpkt],
          [<<3, "abc">>, <<0, 3, "abc">>, <<0, 0, 0, 3, "abc">>, <<128, 0, 0, 3, "abc">>,
           <<"GIOP", 1, 1, 0, 0, 0, 0, 0, 3, "abc">>, <<"GIOP", 1, 1, 1, 0, 3, 0, 0, 0, "abc">>,
           <<1, 1, 0, 1, 0, 3, 2, 0, "abc", 0, 0>>, <<3, 0, 0, 7, "abc">>],
          <<0, 1, 2, 3, 4, 128, 255, $G, $I, $O, $P>>, 300},
         {[asn1],
          [<<16#30, 3, 1, 2, 3>>, <<16#1f, 16#81, 16#01, 2, "ab">>, <<4, 16#81, 3, "abc">>,
           <<4, 16#82, 0, 3, "abc">>, <<16#30, 16#80, 0, 0>>],
          <<0, 1, 2, 3, 16#1f, 16#7f, 16#80, 16#81, 16#82, 16#84, 16#85, 255>>, 300},
         {[line],
          [<<"abc\ndef\n">>, <<"abc">>, <<"a\r\nb">>, <<"\n\n">>],
          <<"\n\r ab;", 0, 255>>, 200},
         {[http, http_bin, httph, httph_bin],
          [<<"GET /index.html HTTP/1.1\r\n">>, <<"HTTP/1.1 200 OK\r\n">>,
           <<"GET http://h:80/p HTTP/1.0\r\n">>, <<"Host: example\r\n\r\n">>,
           <<"Content-Type: a\r\n b\r\n\r\n">>, <<"X-Y: z\r\n\r\n">>, <<"\r\n">>],
          <<" \t\r\n:/.-Hh0129Ta*", 0, 127, 128, 255>>, 600},
         {[ssl_tls],
          [<<22, 3, 3, 0, 3, "abc">>, <<128, 5, 1, 3, 1, "abc">>],
          <<0, 1, 3, 22, 128, 255>>, 100}],
    [[mutant(Types, Seeds, Alphabet) || _ <- lists:seq(1, N)] || {Types, Seeds, Alphabet, N} <- Families],
    ok.

mutant(Types, Seeds, Alphabet) ->
    T = pick(Types),
    B = mutate(pick(Seeds), Alphabet, rand:uniform(3)),
    O = [opt(T) || _ <- lists:seq(1, rand:uniform(3) - 1)],
    d(T, B, O).

mutate(B, _, 0) -> B;
mutate(B, Alphabet, K) ->
    C = binary:at(Alphabet, rand:uniform(byte_size(Alphabet)) - 1),
    N = byte_size(B),
    B2 = case rand:uniform(4) of
             1 -> binary:part(B, 0, rand:uniform(N + 1) - 1);
             2 when N > 0 -> I = rand:uniform(N) - 1,
                             <<(binary:part(B, 0, I))/binary, C, (binary:part(B, I + 1, N - I - 1))/binary>>;
             3 -> I = rand:uniform(N + 1) - 1,
                  <<(binary:part(B, 0, I))/binary, C, (binary:part(B, I, N - I))/binary>>;
             _ -> <<B/binary, C>>
         end,
    mutate(B2, Alphabet, K - 1).

opt(line) ->
    case rand:uniform(3) of
        1 -> {line_delimiter, pick([0, 10, 13, 32, 59, 255])};
        _ -> opt(any)
    end;
opt(_) ->
    {pick([packet_size, line_length]), pick([0, 1, 2, 3, 4, 5, 6, 8, 12, 16, 20, 32])}.

pick(L) -> lists:nth(rand:uniform(length(L)), L).
