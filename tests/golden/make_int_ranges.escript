#!/usr/bin/env escript
%% Which integers OTP 25's setopt refuses itself, option by option: for every
%% option socket:supports(options) says true for (lower-case levels), on four
%% socket kinds, each of a fixed list of integers (and, for {socket, linger},
%% #{onoff => true, linger => Integer}). A line lists the values whose answer
%% was {error, {invalid, {socket_option, Opt, Value}}} (OTP's own check, not
%% the kernel's), after the kind, the level and the option; `-` when there is
%% none; `option` when every value was {error, {invalid, {socket_option,
%% Opt}}} (an option setopt does not take at all). Run:
%%   escript make_int_ranges.escript > otp25_int_ranges.txt
main(_) ->
    Vals = values(),
    io:format("# What OTP ~s answered, by make_int_ranges.escript. DO NOT EDIT.~n",
              [erlang:system_info(otp_release)]),
    io:format("# values: ~w~n", [Vals]),
    Kinds = [{inet, dgram, udp}, {inet, stream, tcp}, {inet6, dgram, udp}, {inet6, stream, tcp}],
    Opts = [O || {{L, _} = O, true} <- socket:supports(options), lower(L)],
    [line(K, O, Vals) || K <- Kinds, O <- lists:sort(Opts)],
    ok.

values() ->
    [-2147483649, -2147483648, -65536, -257, -256, -2, -1, 0, 1, 255, 256, 65535, 65536,
     2147483647, 2147483648, 4294967295, 4294967296, 9223372036854775807].

lower(L) -> atom_to_list(L) =:= string:lowercase(atom_to_list(L)).

line({D, T, P}, {L, N} = O, Vals) ->
    Tries = [V || V <- Vals] ++
        [{linger, V} || O =:= {socket, linger}, V <- Vals],
    Answers = [{V, answer(D, T, P, O, V)} || V <- Tries],
    Refused = [show(V) || {V, value} <- Answers],
    Text = case {Refused, lists:usort([A || {_, A} <- Answers])} of
               {_, [option]} -> " option";
               {[], _} -> " -";
               _ -> lists:append([[$\s | R] || R <- Refused])
           end,
    io:format("~w ~w ~w ~w:~s~n", [D, T, L, N, Text]).

show({linger, V}) -> "linger=" ++ integer_to_list(V);
show(V) -> integer_to_list(V).

answer(D, T, P, O, V0) ->
    V = case V0 of {linger, N} -> #{onoff => true, linger => N}; _ -> V0 end,
    {ok, S} = socket:open(D, T, P),
    R = (catch socket:setopt(S, O, V)),
    socket:close(S),
    case R of
        {error, {invalid, {socket_option, O, V}}} -> value;
        {error, {invalid, {socket_option, O}}} -> option;
        _ -> kernel
    end.
