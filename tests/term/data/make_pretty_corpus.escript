#!/usr/bin/env escript
%% -*- erlang -*-
%%! -noshell
%%
%% Writes the ~p layout corpus that tests/term/pretty_test.cpp compares
%% esock::format_p with: random terms of every kind esock has (fixed seed,
%% so the corpus is the same on every run) plus terms built to sit on the
%% layout's boundaries, each printed by OTP with io_lib:format("~*.*p",
%% [LineLength, Column, Term]) at several line lengths and start columns.
%%
%%   escript tests/term/data/make_pretty_corpus.escript tests/term/data/pretty_corpus.txt
%%
%% The output is UTF-8. For every term:
%%
%%   in: <the term as io_lib:format("~w") writes it, pids and references
%%        written as {'$pid',N} and {'$ref',N}, which stand for <0.N.0>
%%        and #Ref<0.0.0.N>>
%%   p LINE_LENGTH COLUMN
%%   | <each line of the ~p text, after "| ">
%%   ...
%%
%% and a blank line. Maps keep to 32 keys: larger ones print in OTP's hash
%% order, which esock does not reproduce (docs/deviations.md).
-mode(compile).

-define(LINE_LENGTHS, [80, 40, 20, 9999]).

main([Out]) ->
    rand:seed(exsss, {25, 2, 3}),
    Random = [random_term() || _ <- lists:seq(1, 2600)],
    Terms = fixed_terms() ++ boundary_terms() ++ Random,
    Entries = [entry(D) || D <- Terms],
    Header = io_lib:format(
               "% What Erlang/OTP ~s (erts ~s) printed for io_lib:format(\"~~*.*p\"),~n"
               "% written by tests/term/data/make_pretty_corpus.escript. Do not edit.~n~n",
               [erlang:system_info(otp_release), erlang:system_info(version)]),
    ok = file:write_file(Out, unicode:characters_to_binary([Header | Entries])),
    io:format("~s: ~w terms~n", [Out, length(Terms)]);
main(_) ->
    io:format(standard_error, "usage: make_pretty_corpus.escript OUT~n", []),
    halt(2).

entry(D) ->
    T = realize(D),
    Layouts = [{L, 1} || L <- ?LINE_LENGTHS] ++ extra_layouts(),
    ["in: ", io_lib:format("~w", [D]), "\n",
     [layout(T, L, C) || {L, C} <- Layouts], "\n"].

%% Two more (line length, column) pairs per term, columns past the start.
extra_layouts() ->
    Lengths = [0, 1, 5, 10, 15, 20, 30, 40, 60, 80, 100, 132],
    [{pick(Lengths), rand:uniform(70) - 2} || _ <- [1, 2]].

layout(T, L, C) ->
    Text = lists:flatten(io_lib:format("~*.*p", [L, C, T])),
    Lines = string:split(Text, "\n", all),
    [io_lib:format("p ~w ~w~n", [L, C]), [["| ", Line, "\n"] || Line <- Lines]].

%% Pids and references from their stand-ins.
realize({'$pid', N}) -> list_to_pid("<0." ++ integer_to_list(N) ++ ".0>");
realize({'$ref', N}) -> list_to_ref("#Ref<0.0.0." ++ integer_to_list(N) ++ ">");
realize(T) when is_tuple(T) -> list_to_tuple([realize(E) || E <- tuple_to_list(T)]);
realize([H | T]) -> [realize(H) | realize(T)];
realize(M) when is_map(M) -> maps:from_list([{realize(K), realize(V)} || {K, V} <- maps:to_list(M)]);
realize(T) -> T.

%% ---------------------------------------------------------------------------
%% Terms chosen by hand.

fixed_terms() ->
    Info = #{counters => #{num_cnt_bits => 64, num_dinet => 0, num_dinet6 => 0,
                           num_dlocal => 0, num_pip => 0, num_psctp => 0,
                           num_ptcp => 0, num_pudp => 0, num_sockets => 0,
                           num_tdgrams => 0, num_tseqpkgs => 0, num_tstreams => 0},
             debug => false, iov_max => 1024, iow => false,
             socket_debug => false, use_registry => true},
    [Info,
     {ok, Info},
     [{family, inet}, {addr, {127,0,0,1}}, {port, 8080}],
     #{family => inet6, addr => {0,0,0,0,0,0,0,1}, port => 443, flowinfo => 0, scope_id => 0},
     {select_info, {send, 0}, {'$ref', 42}},
     {'$socket', {'$ref', 7}},
     {'DOWN', {'$ref', 3}, socket, {'$socket', {'$ref', 4}}, closed},
     [a | b], [a, b | c], [[a | b] | c], [1 | 2.5], ["abc" | "def"], [{a, b} | <<1,2>>],
     "", <<>>, {}, #{}, [], [[]], {{}}, #{#{} => #{}},
     "hello\nworld\t\"quoted\" \\ back\e\b\f\v\r",
     <<"binary \"text\"\n">>, <<"é"/utf8>>, <<"é">>, [233, 1050], [1050], "é",
     'hello world', 'Capital', '', 'case', 'maybe', 'else', 'a@b', 'a.b', 'é', 'ĉ', '\x{1F600}',
     'quote\'s', 'back\\slash', 'new\nline',
     -0.0, 0.0, 1.0e300, -1.5e-300, 5.0e-324, 123456789.0, 1.0e15, 1.0e16, 0.1,
     -9223372036854775808, 9223372036854775807,
     {'$pid', 0}, {'$pid', 123}, {'$ref', 1}, [{'$pid', 5}, {'$ref', 6}],
     #{1 => a, 1.0 => b, -1 => c, a => d, "s" => e, {t} => f, [l] => g, <<"b">> => h},
     lists:seq(1, 100), lists:seq(0, 300), list_to_binary(lists:seq(0, 255)),
     list_to_binary(lists:duplicate(300, $x)), lists:duplicate(300, $y),
     lists:duplicate(40, lists:duplicate(5, atom)),
     lists:seq(1, 2500),
     %% An improper tail that is a tagged tuple, right of half the line.
     [list_to_atom(lists:duplicate(20, $a)) | {t, [list_to_atom(lists:duplicate(30, $b)), ccc]}],
     [list_to_atom(lists:duplicate(45, $a)) | {t, [list_to_atom(lists:duplicate(40, $b)), ccc]}],
     [x, list_to_atom(lists:duplicate(12, $a)) | {tag, {t2, list_to_atom(lists:duplicate(9, $b))}}],
     nest(60, fun(X) -> {X} end, leaf), nest(60, fun(X) -> [X] end, leaf),
     nest(40, fun(X) -> {tag, X} end, leaf), nest(40, fun(X) -> {a_much_longer_tag, X} end, leaf),
     nest(30, fun(X) -> #{k => X} end, v), nest(30, fun(X) -> [x, X, y] end, z),
     nest(6, fun(X) -> {X, X} end, a),
     maps:from_list([{list_to_atom("key_" ++ integer_to_list(I)), I} || I <- lists:seq(1, 32)]),
     maps:from_list([{I, {value, I, <<I>>}} || I <- lists:seq(1, 32)])].

nest(0, _F, X) -> X;
nest(N, F, X) -> F(nest(N - 1, F, X)).

%% Terms whose one-line text is about one of the line lengths long, so that
%% the fit tests are decided by one character.
boundary_terms() ->
    Sizes = lists:usort([S || L <- ?LINE_LENGTHS -- [9999], D <- [-3, -2, -1, 0, 1, 2],
                              S <- [L + D], S > 4]),
    lists:append([[atoms_of_length(S), tagged_of_length(S), map_of_length(S),
                   string_in_list(S), bin_of_length(S)] || S <- Sizes]).

%% [aaa,b,...] with exactly S characters.
atoms_of_length(S) ->
    N = (S - 2 + 1) div 2,
    L = lists:duplicate(N, b),
    case 2 + 2 * N - 1 of
        S -> L;
        _ -> [bb | tl(L)]
    end.

tagged_of_length(S) ->
    Pad = S - length("{tag,}") - 1,
    {tag, list_to_atom("x" ++ lists:duplicate(max(Pad, 0), $y))}.

map_of_length(S) ->
    Pad = S - length("#{k => }") - 1,
    #{k => list_to_atom("v" ++ lists:duplicate(max(Pad, 0), $w)), j => 1}.

string_in_list(S) ->
    [lists:duplicate(max(S - 6, 1), $s), x].

bin_of_length(S) ->
    list_to_binary([1 || _ <- lists:seq(1, max((S - 4 + 1) div 2, 1))]).

%% ---------------------------------------------------------------------------
%% Random terms.

%% One-line texts mostly a few line lengths long, now and then much longer:
%% a term is drawn again until its ~w text is at most Cap characters.
random_term() ->
    Cap = pick([60, 120, 200, 300, 400, 600, 1200]),
    random_term(Cap).

random_term(Cap) ->
    T = case rand:uniform(10) of
            1 -> chain(rand:uniform(45));
            _ -> term(rand:uniform(6), Cap)
        end,
    case iolist_size(io_lib:format("~w", [T])) of
        N when N =< Cap -> T;
        _ -> random_term(Cap)
    end.

%% A thin deep term: each level wraps the next in a tuple, list or map.
chain(0) -> scalar();
chain(N) ->
    Inner = chain(N - 1),
    case rand:uniform(7) of
        1 -> {Inner};
        2 -> {atom(), Inner};
        3 -> [Inner];
        4 -> [scalar(), Inner, scalar()];
        5 -> #{atom() => Inner};
        6 -> {atom(), scalar(), Inner};
        7 -> [Inner | scalar()]
    end.

%% A term of at most Depth levels with about Budget characters.
term(Depth, Budget) when Depth =< 1; Budget < 8 -> leaf();
term(Depth, Budget) ->
    case rand:uniform(13) of
        N when N =< 3 -> leaf();
        4 -> list_to_tuple(items(Depth, Budget));
        5 -> list_to_tuple([atom() | items(Depth, Budget)]);
        6 -> list_to_tuple([atom() | items(Depth, Budget)]);
        7 -> items(Depth, Budget);
        8 -> items(Depth, Budget);
        9 -> improper(items(Depth, Budget), leaf());
        13 -> improper(items(Depth, Budget div 2), term(Depth - 1, Budget div 2));
        10 -> a_map(Depth, Budget);
        11 -> a_map(Depth, Budget);
        12 -> [term(Depth - 1, Budget div 2) | items(Depth, Budget div 2)]
    end.

items(Depth, Budget) ->
    N = rand:uniform(9) - 1,
    [term(Depth - 1, Budget div max(N, 1)) || _ <- lists:seq(1, N)].

improper([], Tail) -> [Tail | Tail];
improper(L, Tail) -> L ++ Tail.

a_map(Depth, Budget) ->
    N = case rand:uniform(5) of
            1 -> rand:uniform(32);
            _ -> rand:uniform(6)
        end,
    maps:from_list([{key(Depth), term(Depth - 1, Budget div N)} || _ <- lists:seq(1, N)]).

key(Depth) ->
    case rand:uniform(6) of
        1 -> term(min(Depth - 1, 2), 30);
        2 -> rand:uniform(1000) - 500;
        3 -> string(10);
        _ -> atom()
    end.

leaf() ->
    case rand:uniform(8) of
        1 -> string(rand:uniform(40));
        2 -> binary();
        3 -> atom();
        4 -> atom();
        _ -> scalar()
    end.

scalar() ->
    case rand:uniform(12) of
        1 -> rand:uniform(10) - 1;
        2 -> rand:uniform(1000000) - 500000;
        3 -> rand:uniform(1 bsl 62) * pick([1, -1]);
        4 -> float();
        5 -> float();
        6 -> {'$pid', rand:uniform(5000)};
        7 -> {'$ref', rand:uniform(262143)};  % list_to_ref takes up to 2^18 - 1 here
        8 -> [];
        9 -> {};
        10 -> string(rand:uniform(12));
        _ -> atom()
    end.

float() ->
    case rand:uniform(5) of
        1 -> rand:uniform() * 1000;
        2 -> (rand:uniform() - 0.5) * math:pow(10, rand:uniform(600) - 300);
        3 -> float(rand:uniform(100000));
        4 -> rand:uniform(100) / 8;
        5 -> -rand:uniform()
    end.

atom() ->
    case rand:uniform(14) of
        N when N =< 5 -> pick([ok, error, a, b, tag, undefined, true, false, inet, port, x]);
        6 -> list_to_atom(letters(rand:uniform(12)));
        7 -> list_to_atom(letters(20 + rand:uniform(40)));
        8 -> pick(['Quoted', 'with space', 'it\'s', '', 'case', 'end', 'a-b', 'é', 'Élan',
                   'ĉapelo', 'tab\there', '\x{1F600}', 'a@b', 'Z9']);
        9 -> list_to_atom([pick("abcABC _'\\é\x{3b1}1") || _ <- lists:seq(1, rand:uniform(8))]);
        _ -> list_to_atom(letters(1 + rand:uniform(8)))
    end.

letters(N) -> [pick("abcdefghijklmnopqrstuvwxyz") | [pick("abcdefghijklmnopqrstuvwxyz_0123456789") || _ <- lists:seq(2, N)]].

string(N) ->
    case rand:uniform(6) of
        1 -> [pick("\n\t\"\\ éÿ~ ") || _ <- lists:seq(1, N)];
        2 -> [rand:uniform(300) || _ <- lists:seq(1, N)];  % mostly not printable
        3 -> [$a + rand:uniform(25) || _ <- lists:seq(1, 40 + N * 3)];
        _ -> [$a + rand:uniform(25) || _ <- lists:seq(1, N)]
    end.

binary() ->
    case rand:uniform(7) of
        1 -> <<>>;
        2 -> list_to_binary([C || C <- string(rand:uniform(30)), C < 256]);
        3 -> list_to_binary([rand:uniform(256) - 1 || _ <- lists:seq(1, rand:uniform(12))]);
        4 -> list_to_binary([rand:uniform(256) - 1 || _ <- lists:seq(1, 10 + rand:uniform(90))]);
        5 -> unicode:characters_to_binary([pick("aé\x{3b1}\x{1F600}") || _ <- lists:seq(1, 5)]);
        _ -> list_to_binary([$a + rand:uniform(25) || _ <- lists:seq(1, rand:uniform(70))])
    end.

pick(L) -> lists:nth(rand:uniform(length(L)), L).
