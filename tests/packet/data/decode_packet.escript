#!/usr/bin/env escript
%% -*- erlang -*-
%%! -noshell
%%
%% Oracle: erlang:decode_packet/3 for every packet type, on complete,
%% incomplete, oversized and malformed input, with the options
%% packet_size, line_length and line_delimiter; HTTP request lines,
%% status lines and headers in detail.  No sockets.
%% Run:  escript tests/packet/data/decode_packet.escript > tests/packet/data/otp25_decode_packet.txt
%%       (ORACLE_NORMALIZE=1 is accepted; nothing here varies)
%%
%% Output line format:  decode_packet(Type, Bin, Opts) => <~p of result>
%% An exception prints {crash, {Class, Reason}}.
%% Binaries longer than 64 bytes are printed as {'$bin', Size, First8Bytes}.
-mode(compile).

main(Args) ->
    watchdog(120000),
    ok = io:setopts([{encoding, unicode}]),  % output is UTF-8 text
    put(normalize, os:getenv("ORACLE_NORMALIZE") =/= false),
    out("%% decode_packet.escript  OTP ~s  erts ~s~n",
        [erlang:system_info(otp_release), erlang:system_info(version)]),
    Secs = [{"01 raw and 0", fun s_raw/0},
            {"02 1, 2, 4 (length headers)", fun s_len/0},
            {"03 asn1 (BER TLV)", fun s_asn1/0},
            {"04 cdr (GIOP)", fun s_cdr/0},
            {"05 sunrm (RPC record marking)", fun s_sunrm/0},
            {"06 fcgi", fun s_fcgi/0},
            {"07 tpkt", fun s_tpkt/0},
            {"08 line (line_length, line_delimiter, packet_size)", fun s_line/0},
            {"09 http request lines: methods", fun s_methods/0},
            {"10 http request lines: URIs", fun s_uris/0},
            {"11 http request lines: versions and malformed lines", fun s_versions/0},
            {"12 http status lines (responses)", fun s_responses/0},
            {"13 httph: every known header name, unknown names, letter case", fun s_headers/0},
            {"14 httph: values, folding, malformed headers, end of headers", fun s_header_forms/0},
            {"15 http* with packet_size / line_length; http vs httph", fun s_http_limits/0},
            {"16 bad arguments", fun s_badargs/0}],
    %% optional arguments: section numbers to run (default: all)
    Sel = [N || {N, _} <- Secs, Args =:= [] orelse lists:member(string:slice(N, 0, 2), Args)],
    [sec(N, F) || {N, F} <- Secs, lists:member(N, Sel)],
    out("~n%% END~n", []),
    halt(0).

d(T, B) -> d(T, B, []).
d(T, B, O) ->
    p(lists:flatten(io_lib:format("decode_packet(~p, ~9999p, ~9999p)", [T, n(B), O])),
      fun() -> erlang:decode_packet(T, B, O) end).

%% ===========================================================================
s_raw() ->
    [d(T, B) || T <- [raw, 0], B <- [<<"abc">>, <<>>, <<0,1,2,255>>]],
    d(raw, <<"abc">>, [{packet_size, 2}]),
    d(0, binary:copy(<<"x">>, 100), [{packet_size, 10}]),
    d(raw, <<"a\nb">>, [{line_length, 1}]),
    ok.

%% ===========================================================================
s_len() ->
    Cases = [{1, [<<3,"abc">>, <<3,"abcde">>, <<0>>, <<0,"rest">>, <<>>, <<3,"ab">>, <<5>>,
                  <<255, (binary:copy(<<"y">>, 255))/binary>>]},
             {2, [<<0,3,"abc">>, <<0,3,"abcXY">>, <<0,0>>, <<>>, <<0>>, <<0,5,"ab">>,
                  <<1,0, (binary:copy(<<"z">>, 256))/binary>>, <<255,255>>]},
             {4, [<<0,0,0,3,"abc">>, <<0,0,0,3,"abc",0,0,0,1,"d">>, <<0,0,0,0>>, <<0,0,0>>,
                  <<0,0,0,9,"abc">>, <<127,255,255,255>>, <<128,0,0,0>>, <<255,255,255,255>>]}],
    [[d(T, B) || B <- Bs] || {T, Bs} <- Cases],
    %% packet_size: the limit is on the body length
    [d(T, B, [{packet_size, S}]) ||
        {T, B} <- [{1, <<3,"abc">>}, {2, <<0,3,"abc">>}, {4, <<0,0,0,3,"abc">>},
                   {4, <<0,0,0,9,"abc">>}, {2, <<0,3,"ab">>}],
        S <- [2, 3, 4, 0]],
    d(4, <<128,0,0,0>>, [{packet_size, 0}]),
    %% where does a 4-byte length stop being accepted?
    [d(4, <<N:32>>) || N <- [16#400000, 16#3fffffff, 16#40000000, 16#7ffffffb, 16#7ffffffc, 16#7ffffffe]],
    d(4, <<0,0,0,3,"abc">>, [{packet_size, 3}, {packet_size, 2}]),
    ok.

%% ===========================================================================
s_asn1() ->
    Bs = [<<16#30,3,1,2,3>>, <<16#30,3,1,2,3,"rest">>, <<16#05,0>>, <<16#30,0,"x">>,
          <<16#04,16#81,3,"abc">>, <<16#04,16#82,0,3,"abc">>,
          <<16#04,16#81,130, (binary:copy(<<"q">>, 130))/binary>>,
          <<16#04,16#83,0,0,3,"abc">>, <<16#04,16#84,0,0,0,3,"abc">>, <<16#04,16#85,0,0,0,0,3,"abc">>,
          <<16#1f,16#81,16#00,2,"ab">>, <<16#1f,16#81,16#80,16#01,1,"a">>, <<16#1f,16#7f,1,"a">>,
          <<16#30,16#80,4,1,"a",0,0>>, <<16#30,16#80>>, <<16#30,16#80,0,0>>,
          <<>>, <<16#30>>, <<16#30,5,1,2>>, <<16#04,16#82,1>>, <<16#1f>>, <<16#1f,16#81>>,
          <<16#04,16#81>>, <<16#04,16#81,16#80, (binary:copy(<<"r">>, 10))/binary>>],
    [d(asn1, B) || B <- Bs],
    [d(asn1, B, [{packet_size, S}]) || B <- [<<16#30,3,1,2,3>>, <<16#04,16#81,3,"abc">>],
                                      S <- [2, 3, 4, 5, 6]],
    ok.

%% ===========================================================================
s_cdr() ->
    Bs = [<<"GIOP",1,1,0,0,0,0,0,4,"body">>, <<"GIOP",1,1,1,0,4,0,0,0,"body">>,
          <<"GIOP",1,0,0,1,0,0,0,0>>, <<"GIOP",1,1,0,0,0,0,0,2,"body">>,
          <<"GIOP",1,2,0,7,0,0,0,1,"x">>, <<"GIOP",2,0,0,0,0,0,0,0>>,
          <<"GIOP",1,1,2,0,0,0,0,1,"x">>, <<"GIOP",1,1,3,0,1,0,0,0,"x">>,
          <<"GIOP",1,1,0,0,0,0,0,4,"bo">>, <<"GIOP",1,1,0,0,0,0>>, <<"GI">>, <<>>,
          <<"XIOP",1,1,0,0,0,0,0,0>>, <<"giop",1,1,0,0,0,0,0,0>>,
          <<"GIOP",1,1,0,0,255,255,255,255>>],
    [d(cdr, B) || B <- Bs],
    [d(cdr, <<"GIOP",1,1,0,0,0,0,0,4,"body">>, [{packet_size, S}]) || S <- [3, 4, 15, 16, 17]],
    ok.

%% ===========================================================================
s_sunrm() ->
    Bs = [<<1:1,5:31,"hello">>, <<0:1,5:31,"hello">>, <<1:1,0:31>>, <<1:1,2:31,"ab","rest">>,
          <<1:1,5:31,"hel">>, <<1:1,5:15>>, <<>>, <<16#7fffffff:32>>, <<16#ffffffff:32>>],
    [d(sunrm, B) || B <- Bs],
    [d(sunrm, <<1:1,5:31,"hello">>, [{packet_size, S}]) || S <- [4, 5, 8, 9, 10]],
    ok.

%% ===========================================================================
s_fcgi() ->
    Bs = [<<1,1,0,1,0,5,3,0,"hello",0,0,0>>, <<1,1,0,1,0,5,3,0,"hello",0,0,0,"rest">>,
          <<1,5,0,1,0,0,0,0>>, <<1,1,0,1,0,5,0,0,"hello">>, <<1,1,0,1,0,5,3,0,"hello">>,
          <<1,1,0,1,0,5,3,0,"hel">>, <<1,1,0,1>>, <<>>, <<2,1,0,1,0,0,0,0>>, <<0,1,0,1,0,0,0,0>>,
          <<1,99,255,255,0,1,0,0,"x">>, <<1,1,0,1,255,255,255,0>>],
    [d(fcgi, B) || B <- Bs],
    [d(fcgi, <<1,1,0,1,0,5,3,0,"hello",0,0,0>>, [{packet_size, S}]) || S <- [5, 8, 13, 16]],
    ok.

%% ===========================================================================
s_tpkt() ->
    Bs = [<<3,0,0,9,"hello">>, <<3,0,0,9,"hello","rest">>, <<3,0,0,4>>, <<3,0,0,3>>, <<3,0,0,0>>,
          <<3,0,0,9,"hel">>, <<3,0>>, <<>>, <<4,0,0,9,"hello">>, <<2,0,0,4>>, <<3,1,0,4>>,
          <<3,255,0,4>>, <<3,0,255,255>>],
    [d(tpkt, B) || B <- Bs],
    [d(tpkt, <<3,0,0,9,"hello">>, [{packet_size, S}]) || S <- [4, 5, 8, 9, 10]],
    ok.

%% ===========================================================================
s_line() ->
    Bs = [<<"abc\n">>, <<"abc\ndef\n">>, <<"abc">>, <<"\n">>, <<>>, <<"abc\r\n">>,
          <<"abc\r">>, <<"a\rb\n">>, <<0,10,0>>, <<"no newline at all">>,
          <<"ends with newline\n">>],
    [d(line, B) || B <- Bs],
    [d(line, <<"abcdef\nxyz">>, O) ||
        O <- [[{line_length, 3}], [{line_length, 6}], [{line_length, 7}], [{line_length, 8}],
              [{line_length, 0}], [{packet_size, 3}], [{packet_size, 7}], [{packet_size, 8}],
              [{packet_size, 3}, {line_length, 5}], [{line_length, 5}, {packet_size, 3}]]],
    [d(line, <<"abcdef">>, O) ||
        O <- [[{line_length, 3}], [{line_length, 6}], [{line_length, 7}], [{packet_size, 3}],
              [{packet_size, 7}]]],
    [d(line, <<"a;b;c">>, O) ||
        O <- [[{line_delimiter, $;}], [{line_delimiter, $\n}], [{line_delimiter, 0}],
              [{line_delimiter, 255}], [{line_delimiter, $;}, {line_length, 1}]]],
    d(line, <<"a", 0, "b">>, [{line_delimiter, 0}]),
    d(line, <<"a", 255, "b">>, [{line_delimiter, 255}]),
    ok.

%% ===========================================================================
methods() ->
    ["OPTIONS", "GET", "HEAD", "POST", "PUT", "DELETE", "TRACE", "PATCH", "CONNECT",
     "get", "Get", "PROPFIND", "M-SEARCH", "FOO", "X"].

s_methods() ->
    [d(http, iolist_to_binary([M, " /index.html HTTP/1.1\r\n"])) || M <- methods()],
    [d(http_bin, iolist_to_binary([M, " /x HTTP/1.0\r\n"])) || M <- ["GET", "PATCH", "get"]],
    ok.

%% ===========================================================================
s_uris() ->
    Uris = ["*", "/", "/index.html", "/a/b?c=d&e=f", "/a%20b", "/path#frag", "/;params",
            "http://example.com/path", "http://example.com", "http://example.com:8080/p?q",
            "http://example.com:/p", "http://example.com:99999/p", "http://example.com:abc/p",
            "HTTP://EXAMPLE.COM/", "https://secure.example.com/", "https://h:443/x",
            "http://user:pw@example.com/", "http://[::1]:80/", "http:///p",
            "ftp://files.example.com/f", "mailto:someone@example.com", "urn:isbn:123",
            "example.com:443", "//example.com/p", "relative/path", "?q", "%2F", "**",
            "http:/p", "https:", "http://"],
    [d(http, iolist_to_binary(["GET ", U, " HTTP/1.1\r\n"])) || U <- Uris],
    [d(http_bin, iolist_to_binary(["GET ", U, " HTTP/1.1\r\n"])) ||
        U <- ["*", "/p?q", "http://example.com:8080/p", "https://h/x", "ftp://f/x",
              "example.com:443"]],
    d(http, <<"CONNECT example.com:443 HTTP/1.1\r\n">>),
    d(http, <<"OPTIONS * HTTP/1.1\r\n">>),
    ok.

%% ===========================================================================
s_versions() ->
    Lines = [<<"GET / HTTP/1.0\r\n">>, <<"GET / HTTP/1.1\r\n">>, <<"GET / HTTP/0.9\r\n">>,
             <<"GET / HTTP/2.0\r\n">>, <<"GET / HTTP/1.12\r\n">>, <<"GET / HTTP/12.3\r\n">>,
             <<"GET / HTTP/1\r\n">>, <<"GET / HTTP/a.b\r\n">>, <<"GET / HTTPS/1.1\r\n">>,
             <<"GET / http/1.1\r\n">>, <<"GET / HTTP/1.1 \r\n">>, <<"GET / HTTP/1.1 extra\r\n">>,
             <<"GET /\r\n">>, <<"GET\r\n">>, <<"GET \r\n">>, <<"GET  /  HTTP/1.1\r\n">>,
             <<"GET\t/\tHTTP/1.1\r\n">>, <<"GET / HTTP/1.1\n">>, <<"GET / HTTP/1.1\r">>,
             <<"GET / HTTP/1.1">>, <<"GET / HTTP/1.1\r\nHost: x\r\n\r\n">>, <<"\r\n">>,
             <<"\n">>, <<"\r\nGET / HTTP/1.1\r\n">>, <<" GET / HTTP/1.1\r\n">>, <<>>,
             <<"GARBAGE\r\n">>, <<"GET / FTP/1.0\r\n">>, <<"GET / HTTP/1.1\r\r\n">>,
             <<"GET / HTTP/1.1\r\nrest">>],
    [d(http, B) || B <- Lines],
    [d(http_bin, B) || B <- [<<"GET / HTTP/1.1\r\n">>, <<"GET /\r\n">>, <<"GARBAGE\r\n">>,
                             <<"\r\n">>]],
    ok.

%% ===========================================================================
s_responses() ->
    Lines = [<<"HTTP/1.1 200 OK\r\n">>, <<"HTTP/1.0 404 Not Found\r\n">>,
             <<"HTTP/1.1 200\r\n">>, <<"HTTP/1.1 200 \r\n">>, <<"HTTP/1.1 204 No Content\r\n">>,
             <<"HTTP/1.1 999 Weird\r\n">>, <<"HTTP/1.1 1000 X\r\n">>, <<"HTTP/1.1 20 X\r\n">>,
             <<"HTTP/1.1 000 X\r\n">>, <<"HTTP/1.1 abc X\r\n">>, <<"HTTP/2 200 OK\r\n">>,
             <<"HTTP/2.0 200 OK\r\n">>, <<"HTTP/1.1 301 Moved  Permanently\r\n">>,
             <<"HTTP/1.1 200 OK\tTab\r\n">>, <<"HTTP/1.1 500 Internal Server Error\r\n">>,
             <<"HTTP/1.1 200 OK">>, <<"HTTP/1.1 200 OK\n">>, <<"HTTP/1.1  200 OK\r\n">>,
             <<"http/1.1 200 OK\r\n">>, <<"HTTP/1.1 200 OK\r\nServer: x\r\n\r\n">>,
             <<"HTTP/1.1\r\n">>, <<"HTTP/1.1 \r\n">>, <<"HTTP/9.9 100 Continue\r\n">>],
    [d(http, B) || B <- Lines],
    [d(http_bin, B) || B <- [<<"HTTP/1.1 200 OK\r\n">>, <<"HTTP/1.1 200\r\n">>,
                             <<"HTTP/1.1 abc X\r\n">>]],
    ok.

%% ===========================================================================
known_headers() ->
    ["Cache-Control", "Connection", "Date", "Pragma", "Transfer-Encoding", "Upgrade",
     "Via", "Accept", "Accept-Charset", "Accept-Encoding", "Accept-Language",
     "Authorization", "From", "Host", "If-Modified-Since", "If-Match", "If-None-Match",
     "If-Range", "If-Unmodified-Since", "Max-Forwards", "Proxy-Authorization", "Range",
     "Referer", "User-Agent", "Age", "Location", "Proxy-Authenticate", "Public",
     "Retry-After", "Server", "Vary", "Warning", "Www-Authenticate", "Allow",
     "Content-Base", "Content-Encoding", "Content-Language", "Content-Length",
     "Content-Location", "Content-Md5", "Content-Range", "Content-Type", "Etag",
     "Expires", "Last-Modified", "Accept-Ranges", "Set-Cookie", "Set-Cookie2",
     "X-Forwarded-For", "Cookie", "Keep-Alive", "Proxy-Connection"].

%% A header line is only returned once the first byte of the next line is
%% there (it could be a continuation), so every header below is followed by
%% the empty line that ends the headers.
s_headers() ->
    [d(httph, iolist_to_binary([H, ": v\r\n\r\n"])) || H <- known_headers()],
    [d(httph, iolist_to_binary([H, ": v\r\n\r\n"])) ||
        H <- ["host", "HOST", "hOsT", "content-length", "CONTENT-TYPE", "content-md5",
              "Content-MD5", "ETag", "WWW-Authenticate", "www-authenticate", "x-forwarded-for",
              "Set-cookie2", "Te", "TE", "Trailer", "Expect", "Origin", "Sec-WebSocket-Key",
              "X-Custom", "x-custom", "X_Under_Score", "x", "Content-Lengthx", "Hostx",
              "A-b-C", "1Header", "Content--Length", "-X"]],
    [d(httph_bin, iolist_to_binary([H, ": v\r\n\r\n"])) ||
        H <- ["Host", "host", "Content-Type", "X-Custom", "x-custom"]],
    [d(http_bin, iolist_to_binary([H, ": v\r\n\r\n"])) || H <- ["Host", "X-Custom"]],
    ok.

%% ===========================================================================
s_header_forms() ->
    Hs = [<<"Host: example.com\r\n">>, <<"Host:example.com\r\n">>, <<"Host:   spaced   \r\n">>,
          <<"Host:\texample.com\t\r\n">>, <<"X-Empty:\r\n">>, <<"X-Empty: \r\n">>,
          <<"Host : x\r\n">>, <<"Host\t: x\r\n">>, <<" Host: x\r\n">>, <<"Host: a: b\r\n">>,
          <<"Host: x\n">>, <<"Host: x">>, <<"Host: x\r\n">>, <<"Host: x\r\nrest">>,
          <<"X: folded\r\n  continued\r\n">>, <<"X: folded\r\n\tcontinued\r\n">>,
          <<"X: folded\r\n  continued\r\nNext: y\r\n">>, <<"X: a\r\n b\r\n c\r\n\r\n">>,
          <<"NoColonHere\r\n">>, <<"Bad Name: x\r\n">>, <<": novalue\r\n">>, <<"\r\n">>,
          <<"\n">>, <<"\r\nHost: x\r\n">>, <<>>, <<"\r">>, <<"Host: caf", 130, "\r\n">>,
          <<"Host: x\r\n\r\n">>, <<"GET / HTTP/1.1\r\n">>, <<"HTTP/1.1 200 OK\r\n">>,
          <<"Content-Length: 12abc\r\n">>, <<"Content-Length: -1\r\n">>],
    %% as given (a lone header line waits for the next line: {more,undefined})
    [d(httph, B) || B <- Hs],
    %% followed by the end-of-headers line
    [d(httph, <<B/binary, "\r\n">>) || B <- Hs, binary:last(<<0, B/binary>>) =:= $\n],
    [d(httph_bin, <<B/binary, "\r\n">>) || B <- [<<"Host: x\r\n">>, <<"X: folded\r\n  continued\r\n">>,
                                               <<"NoColonHere\r\n">>, <<"X-Empty:\r\n">>,
                                               <<"Host: caf", 130, "\r\n">>]],
    d(httph_bin, <<"\r\n">>),
    %% a header line followed by the first byte of the next header
    d(httph, <<"Host: x\r\nA">>),
    d(httph, <<"Host: x\r\n ">>),
    d(httph, <<"Host: x\r\n\t">>),
    %% headers given to http (not httph): the first line is parsed as a request line
    [d(http, B) || B <- [<<"Host: x\r\n">>, <<"\r\n">>]],
    ok.

%% ===========================================================================
s_http_limits() ->
    Req = <<"GET /0123456789 HTTP/1.1\r\n">>,
    [d(http, Req, O) || O <- [[{packet_size, 10}], [{packet_size, 26}], [{packet_size, 27}],
                              [{packet_size, 0}], [{line_length, 10}], [{line_length, 27}],
                              [{packet_size, 27}, {line_length, 10}],
                              [{line_length, 10}, {packet_size, 0}]]],
    [d(http, <<"GET /0123456789 HTTP/1.1">>, O) || O <- [[{packet_size, 10}], [{line_length, 10}]]],
    [d(httph, <<"Host: 0123456789\r\n\r\n">>, O) || O <- [[{packet_size, 5}], [{packet_size, 18}],
                                                        [{packet_size, 20}], [{line_length, 5}]]],
    [d(http_bin, <<"HTTP/1.1 200 OK\r\n">>, O) || O <- [[{packet_size, 5}], [{packet_size, 17}]]],
    %% a long request line
    Long = iolist_to_binary(["GET /", binary:copy(<<"a">>, 200), " HTTP/1.1\r\n"]),
    d(http, Long), d(http, Long, [{packet_size, 100}]),
    ok.

%% ===========================================================================
s_badargs() ->
    Cases = [{foo, <<"x">>, []}, {3, <<"x">>, []}, {-1, <<"x">>, []}, {8, <<"x">>, []},
             {raw, "list", []}, {raw, foo, []}, {http, "GET / HTTP/1.1\r\n", []},
             {raw, <<"x">>, foo}, {raw, <<"x">>, [foo]}, {raw, <<"x">>, [{foo, 1}]},
             {1, <<1,"x">>, [{packet_size, -1}]}, {1, <<1,"x">>, [{packet_size, foo}]},
             {line, <<"x\n">>, [{line_length, -1}]}, {line, <<"x\n">>, [{line_delimiter, 256}]},
             {line, <<"x\n">>, [{line_delimiter, -1}]}, {line, <<"x\n">>, [{line_delimiter, "\n"}]},
             {raw, <<"x">>, [a | b]}, {raw, <<1:3>>, []}, {1, <<1:3>>, []},
             {line, <<"x\n">>, [{line_delimiter, $x}, {line_delimiter, $\n}]},
             {http, <<"GET / HTTP/1.1\r\n">>, [{line_delimiter, $;}]}],
    [d(T, B, O) || {T, B, O} <- Cases],
    %% An improper option list whose head is a valid option crashes the
    %% emulator (SIGSEGV) in erts 13.1.5; these run in a child VM.
    [child_vm(E) || E <- ["erlang:decode_packet(raw, <<\"x\">>, [{packet_size, 1} | bad])",
                          "erlang:decode_packet(line, <<\"x\\n\">>, [{line_length, 1} | bad])",
                          "erlang:decode_packet(line, <<\"x\\n\">>, [{line_delimiter, $x} | bad])",
                          "erlang:decode_packet(1, <<1, \"x\">>, [{packet_size, 1}, {packet_size, 2} | bad])"]],
    ok.

%% Evaluate expression E in a fresh emulator (bounded by `timeout 20`) and
%% print its result or its exit status.
child_vm(E) ->
    Erl = filename:join([code:root_dir(), "bin", "erl"]),
    Cmd = lists:flatten(["timeout 20 ", Erl, " -noshell -eval '",
                         "io:format(\"~9999p~n\", [catch ", E, "]), halt().' 2>&1 | tail -1; ",
                         "echo \"rc=${PIPESTATUS[0]}\""]),
    Out = os:cmd("bash -c " ++ shell_quote(Cmd)),
    Lines = [L || L <- string:split(Out, "\n", all), L =/= ""],
    R = case Lines of
            [Rc] -> {exit_status, rc(Rc)};
            [Res, Rc] -> {printed, Res, exit_status, rc(Rc)};
            _ -> {unexpected, Lines}
        end,
    out("~s in a child VM => ~9999p~n", [E, R]).

rc("rc=" ++ N) -> list_to_integer(N);
rc(X) -> X.

shell_quote(S) -> "'" ++ lists:flatmap(fun($') -> "'\\''"; (C) -> [C] end, S) ++ "'".

%% ===========================================================================
%% helpers (same conventions as api.escript)
sec(Name, F) ->
    out("~n%% ===== ~s =====~n", [Name]),
    try F() catch C:E:St -> out("SECTION CRASH => ~9999p~n", [{crash, {C, E, hd(St ++ [none])}}]) end.

p(Label, F) ->
    R = try F() catch C:E -> {crash, {C, E}} end,
    out("~s => ~9999p~n", [Label, n(R)]),
    R.

n(B) when is_binary(B), byte_size(B) > 64 -> {'$bin', byte_size(B), binary:part(B, 0, 8)};
n(L) when is_list(L) -> try [n(X) || X <- L] catch _:_ -> L end;
n(T) when is_tuple(T) -> list_to_tuple([n(X) || X <- tuple_to_list(T)]);
n(M) when is_map(M) -> maps:map(fun(_, V) -> n(V) end, M);
n(X) -> X.

out(Fmt, Args) ->
    io:put_chars(lists:flatten(io_lib:format(Fmt, Args))).

watchdog(Ms) ->
    spawn(fun() -> receive after Ms ->
                  io:format("%% WATCHDOG: ~p ms elapsed, halting~n", [Ms]),
                  halt(3) end end).
