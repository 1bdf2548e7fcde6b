// SPDX-License-Identifier: Apache-2.0
// format_p's layout over lines against what OTP 25 printed
// (tests/term/data/pretty_corpus.txt, written by make_pretty_corpus.escript
// in the same folder): every term at every line length and start column
// there, byte for byte; and the layout of terms nested a million deep.

#include <fstream>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include <esock/error.hpp>
#include <esock/term.hpp>
#include <esock/term_text.hpp>

using namespace esock;

namespace {

struct expected_layout {
    int line_length;
    int column;
    std::string text;
};

struct corpus_entry {
    std::size_t line;
    std::string in;
    std::vector<expected_layout> layouts;
};

std::vector<corpus_entry> load_corpus() {
    std::ifstream f(ESOCK_SOURCE_ROOT "/tests/term/data/pretty_corpus.txt");
    BOOST_TEST_REQUIRE(f.good(), "cannot open tests/term/data/pretty_corpus.txt");
    std::vector<corpus_entry> entries;
    std::string line;
    std::size_t n = 0;
    bool first_line = false;  // of the current layout
    while (std::getline(f, line)) {
        ++n;
        if (line.starts_with("in: ")) {
            entries.push_back({n, line.substr(4), {}});
        } else if (line.starts_with("p ") && !entries.empty()) {
            expected_layout l{};
            BOOST_TEST_REQUIRE(std::sscanf(line.c_str(), "p %d %d", &l.line_length, &l.column) ==
                               2);
            entries.back().layouts.push_back(l);
            first_line = true;
        } else if (line.starts_with("| ") && !entries.empty() && !entries.back().layouts.empty()) {
            std::string& text = entries.back().layouts.back().text;
            if (!first_line) text.push_back('\n');
            text += line.substr(2);
            first_line = false;
        }
    }
    return entries;
}

// The corpus writes pids and references as {'$pid', N} and {'$ref', N}
// (the parser reads neither); this puts the real ones in. The parser bounds
// the nesting, and so this recursion.
term with_pids(const term& t) {
    if (t.is_tuple(2) && t.element(1)->is_integer()) {
        const auto n = static_cast<std::uint64_t>(*t.element(1)->as_int());
        if (t.element(0)->is_atom(atom("$pid"))) return make_pid_term(n);
        if (t.element(0)->is_atom(atom("$ref"))) return ref_term(n);
    }
    if (t.is_tuple()) {
        std::vector<term> items;
        for (const term& e : t.tuple_elements())
            items.push_back(with_pids(e));
        return tuple_from(std::move(items));
    }
    if (t.is_map()) {
        std::vector<map_entry> entries;
        for (const map_entry& e : t.map_entries())
            entries.push_back({with_pids(e.key), with_pids(e.value)});
        return map_from(std::move(entries));
    }
    if (t.is_cons()) {
        std::vector<term> items;
        term cur = t;
        while (cur.is_cons()) {
            items.push_back(with_pids(*cur.head()));
            cur = *cur.tail();
        }
        return list_from(items, with_pids(cur));
    }
    return t;
}

std::string repeat(std::size_t n, char c) {
    return std::string(n, c);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pretty)

BOOST_AUTO_TEST_CASE(corpus_matches_otp_byte_for_byte) {
    const std::vector<corpus_entry> entries = load_corpus();
    BOOST_TEST_REQUIRE(entries.size() >= 2500u);
    std::size_t compared = 0;
    std::size_t broken = 0;
    for (const auto& e : entries) {
        parse_result r = parse_term(e.in);
        BOOST_TEST_REQUIRE(r.ok(),
                           "pretty_corpus.txt line " << e.line << ": " << r.error.to_string());
        const term t = with_pids(*r.value);
        BOOST_TEST_REQUIRE(!e.layouts.empty());
        for (const auto& l : e.layouts) {
            const std::string got = format_p(t, l.line_length, l.column);
            BOOST_TEST(got == l.text, "pretty_corpus.txt line " << e.line << ", ~" << l.line_length
                                                                << "p from column " << l.column
                                                                << ":\n"
                                                                << got << "\nOTP 25:\n"
                                                                << l.text);
            if (l.text.find('\n') != std::string::npos) ++broken;
            ++compared;
        }
    }
    BOOST_TEST_MESSAGE(entries.size() << " terms, " << compared << " layouts compared, " << broken
                                      << " over several lines");
    BOOST_TEST(broken >= 3000u);
}

BOOST_AUTO_TEST_CASE(socket_info_as_erl_prints_it) {
    // io:format("~p~n", [socket:info()]) in erl 25 on a fresh node.
    const term info =
        lit("#{counters => #{num_cnt_bits => 64, num_dinet => 0, num_dinet6 => 0, num_dlocal => 0,"
            " num_pip => 0, num_psctp => 0, num_ptcp => 0, num_pudp => 0, num_sockets => 0,"
            " num_tdgrams => 0, num_tseqpkgs => 0, num_tstreams => 0},"
            " debug => false, iov_max => 1024, iow => false, socket_debug => false,"
            " use_registry => true}");
    BOOST_TEST(format_p(info, 80) ==
               "#{counters =>\n"
               "      #{num_cnt_bits => 64,num_dinet => 0,num_dinet6 => 0,num_dlocal => 0,\n"
               "        num_pip => 0,num_psctp => 0,num_ptcp => 0,num_pudp => 0,\n"
               "        num_sockets => 0,num_tdgrams => 0,num_tseqpkgs => 0,num_tstreams => 0},\n"
               "  debug => false,iov_max => 1024,iow => false,socket_debug => false,\n"
               "  use_registry => true}");
}

// A term `depth` levels of `wrap` around `inner`.
template <class F>
term nested(std::size_t depth, term inner, F&& wrap) {
    for (std::size_t i = 0; i < depth; ++i)
        inner = wrap(std::move(inner));
    return inner;
}

constexpr std::size_t million = 1000000;

BOOST_AUTO_TEST_CASE(a_million_tuples_deep) {
    // Each level holds one element, which never goes to a line of its own:
    // one line at any line length, as OTP 25 prints it.
    const term t = nested(million, atom("leaf"), [](term x) { return tuple(std::move(x)); });
    const std::string text = repeat(million, '{') + "leaf" + repeat(million, '}');
    BOOST_TEST((format_p(t) == text));
    BOOST_TEST((format_p(t, 80) == text));
    BOOST_TEST((format_w(t) == text));
}

BOOST_AUTO_TEST_CASE(a_million_lists_deep) {
    const term t = nested(million, atom("leaf"), [](term x) { return list(std::move(x)); });
    const std::string text = repeat(million, '[') + "leaf" + repeat(million, ']');
    BOOST_TEST((format_p(t, 80, 7) == text));
    BOOST_TEST((format_w(t) == text));
}

BOOST_AUTO_TEST_CASE(a_million_lists_deep_around_three_atoms) {
    // The innermost list's elements go one per line, under the first: OTP
    // 25 lays [[...[aaa,bbb,ccc]...]] out so from 77 levels on at ~80p.
    const term t = nested(million, list(atom("aaa"), atom("bbb"), atom("ccc")),
                          [](term x) { return list(std::move(x)); });
    const std::string pad = "\n" + repeat(million + 1, ' ');
    BOOST_TEST((format_p(t, 80) == repeat(million + 1, '[') + "aaa," + pad + "bbb," + pad + "ccc" +
                                       repeat(million + 1, ']')));
}

BOOST_AUTO_TEST_CASE(line_length_zero_is_one_line_and_negative_raises_badarg) {
    const term t = lit("{tag, [aaaaaaaaaa, bbbbbbbbbbbbbb, cccccccccccc], #{k => <<1,2,3>>}}");
    const std::string one_line = "{tag,[aaaaaaaaaa,bbbbbbbbbbbbbb,cccccccccccc],#{k => <<1,2,3>>}}";
    BOOST_TEST(format_p(t, 0) == one_line);
    BOOST_TEST(format_p(t, 0, 500) == one_line);
    BOOST_TEST(format_p(t) == one_line);
    // io_lib:format("~*p", [-1, T]) takes -1 as a left-adjusted field and
    // raises badarg.
    try {
        (void)format_p(t, -1);
        BOOST_FAIL("no exception");
    } catch (const erl_error& e) {
        BOOST_TEST((e.reason() == term(atoms::badarg)));
    }
    std::string out = "x";
    BOOST_CHECK_THROW(write_p(out, t, -80), erl_error);
}

BOOST_AUTO_TEST_CASE(columns_below_one_count_as_one_and_write_p_appends) {
    const term t = lit("[aaaaaaaaaa, bbbbbbbbbbbbbb, cccccccccccc, ddddddddddd, eeeeeeeeeee]");
    const std::string at_one = format_p(t, 40);
    // What io_lib:format("~40p", [T]) and ("~*.*p", [40, 0, T]) give.
    BOOST_TEST(at_one ==
               "[aaaaaaaaaa,bbbbbbbbbbbbbb,\n"
               " cccccccccccc,ddddddddddd,eeeeeeeeeee]");
    BOOST_TEST(format_p(t, 40, 0) == at_one);
    BOOST_TEST(format_p(t, 40, -5) == at_one);
    // The column is what the caller says, not what `out` holds; this is
    // what io:format("prefix: ~40p", [T]) prints.
    std::string out = "prefix: ";
    write_p(out, t, 40, 9);
    BOOST_TEST(out ==
               "prefix: [aaaaaaaaaa,bbbbbbbbbbbbbb,\n"
               "         cccccccccccc,ddddddddddd,\n"
               "         eeeeeeeeeee]");
    std::string plain = "prefix: ";
    write_p(plain, t);
    BOOST_TEST(plain == "prefix: " + format_p(t, 9999));
}

BOOST_AUTO_TEST_SUITE_END()
