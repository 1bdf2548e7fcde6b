// SPDX-License-Identifier: Apache-2.0
// The literal parser: every syntax of issue's list and every error position.

#include <boost/test/unit_test.hpp>

#include <esock/term.hpp>
#include <esock/term_text.hpp>

using namespace esock;

namespace {

std::string w(std::string_view text) {
    parse_result r = parse_term(text);
    if (!r.ok()) return "error: " + r.error.to_string();
    return format_w(*r.value);
}

parse_error err(std::string_view text) {
    parse_result r = parse_term(text);
    BOOST_TEST_REQUIRE(!r.ok(), "expected a parse error for " << text);
    return r.error;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(parse)

BOOST_AUTO_TEST_CASE(integers_in_every_notation) {
    BOOST_TEST(w("42") == "42");
    BOOST_TEST(w("-42") == "-42");
    BOOST_TEST(w("- 42") == "-42");
    BOOST_TEST(w("+7") == "7");
    BOOST_TEST(w("16#ff") == "255");
    BOOST_TEST(w("16#FF") == "255");
    BOOST_TEST(w("-16#ff") == "-255");
    BOOST_TEST(w("2#1010") == "10");
    BOOST_TEST(w("36#zz") == "1295");
    BOOST_TEST(w("1_000_000") == "1000000");
    BOOST_TEST(w("$a") == "97");
    BOOST_TEST(w("$\\n") == "10");
    BOOST_TEST(w("$\\x{100}") == "256");
    BOOST_TEST(w("$ ") == "32");
    BOOST_TEST(w("$\xC3\xA9") == "233");
    BOOST_TEST(w("9223372036854775807") == "9223372036854775807");
    BOOST_TEST(w("-9223372036854775808") == "-9223372036854775808");
}

BOOST_AUTO_TEST_CASE(integers_outside_int64_are_errors_not_wraps) {
    BOOST_TEST(err("9223372036854775808").message.find("64-bit range") != std::string::npos);
    BOOST_TEST(err("-9223372036854775809").message.find("64-bit range") != std::string::npos);
    BOOST_TEST(err("16#10000000000000000").message.find("64-bit range") != std::string::npos);
    BOOST_TEST(err("37#1").message.find("base") != std::string::npos);
    BOOST_TEST(err("1#1").message.find("base") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(floats) {
    BOOST_TEST(w("3.14") == "3.14");
    BOOST_TEST(w("1.0e10") == "1.0e10");
    BOOST_TEST(w("1.5E-3") == "0.0015");
    BOOST_TEST(w("-0.0") == "-0.0");
    BOOST_TEST(w("1_0.5") == "10.5");
    BOOST_TEST(err("1.0e400").message == "float out of range");
    BOOST_TEST(err("1.0e").column == 4u);
}

BOOST_AUTO_TEST_CASE(atoms_bare_and_quoted) {
    BOOST_TEST(w("ok") == "ok");
    BOOST_TEST(w("a@b_C1") == "a@b_C1");
    BOOST_TEST(w("'hello world'") == "'hello world'");
    BOOST_TEST(w("''") == "''");
    BOOST_TEST(w("'Ab'") == "'Ab'");
    BOOST_TEST(w("'and'") == "'and'");
    BOOST_TEST(w("'ok'") == "ok");
    BOOST_TEST(w("'it\\'s'") == "'it\\'s'");
    BOOST_TEST(w("'\\x{41}'") == "'A'");
    BOOST_TEST(w("'\\101'") == "'A'");
    BOOST_TEST(w("'\\^A'") == "'\\001'");
    BOOST_TEST(w("\xC3\xA9t\xC3\xA9") == "\xC3\xA9t\xC3\xA9");
    BOOST_TEST(err("and").message.find("reserved word") != std::string::npos);
    BOOST_TEST(err(std::string("'") + std::string(256, 'a') + "'").message.find("too long") !=
               std::string::npos);
    BOOST_TEST(w(std::string("'") + std::string(255, 'a') + "'").size() == 255u);
}

BOOST_AUTO_TEST_CASE(strings_with_every_escape) {
    BOOST_TEST(w("\"abc\"") == "[97,98,99]");
    BOOST_TEST(w("\"\"") == "[]");
    BOOST_TEST(w("\"\\b\\d\\e\\f\\n\\r\\s\\t\\v\"") == "[8,127,27,12,10,13,32,9,11]");
    BOOST_TEST(w("\"\\0\\7\\77\\377\\1234\"") == "[0,7,63,255,83,52]");
    BOOST_TEST(w("\"\\x41\\x{1F600}\"") == "[65,128512]");
    BOOST_TEST(w("\"\\^a\\^Z\\^?\"") == "[1,26,31]");
    BOOST_TEST(w("\"\\\"\\\\\\'\\q\"") == "[34,92,39,113]");
    BOOST_TEST(w("\"ab\" \"cd\"") == "[97,98,99,100]");
    BOOST_TEST(w("\"line\nbreak\"") == "[108,105,110,101,10,98,114,101,97,107]");
    BOOST_TEST(w("\"\xC3\xA9\xE2\x82\xAC\"") == "[233,8364]");
}

BOOST_AUTO_TEST_CASE(binaries_with_mixed_segments) {
    BOOST_TEST(w("<<>>") == "<<>>");
    BOOST_TEST(w("<<\"abc\">>") == "<<97,98,99>>");
    BOOST_TEST(w("<<1,2,3>>") == "<<1,2,3>>");
    BOOST_TEST(w("<<\"a\", 0, $b, -1, 256>>") == "<<97,0,98,255,0>>");
    BOOST_TEST(w("<<\"\xC3\xA9\"/utf8>>") == "<<195,169>>");
    BOOST_TEST(w("<<\"\xC3\xA9\">>") == "<<233>>");
    BOOST_TEST(w("<< 1 , \"x\" >>") == "<<1,120>>");
    BOOST_TEST(w("<<1:16, 258:16/little, -1:24, 1.0/float, 1:32/float>>") ==
               "<<0,1,2,1,255,255,255,63,240,0,0,0,0,0,0,63,128,0,0>>");
    BOOST_TEST(w("<<\"ab\":16, <<\"cd\">>/binary, <<\"xyz\">>:2/bytes, $a/utf16-little, "
                 "16#1F600/utf16>>") == "<<0,97,0,98,99,100,120,121,97,0,216,61,222,0>>");
    BOOST_TEST(err("<<1:4>>").message.find("bitstrings") != std::string::npos);
    BOOST_TEST(err("<<1/foo>>").message.find("unsupported segment type") != std::string::npos);
    BOOST_TEST(err("<<1.5>>").message.find("float") != std::string::npos);
    BOOST_TEST(err("<<a>>").column == 3u);
}

BOOST_AUTO_TEST_CASE(tuples_lists_and_maps) {
    BOOST_TEST(w("{}") == "{}");
    BOOST_TEST(w("{a, {b, c}, [d]}") == "{a,{b,c},[d]}");
    BOOST_TEST(w("[]") == "[]");
    BOOST_TEST(w("[a|b]") == "[a|b]");
    BOOST_TEST(w("[1,2|[3]]") == "[1,2,3]");
    BOOST_TEST(w("[1|[]]") == "[1]");
    BOOST_TEST(err("[a|b,c]").message == "expected ']' in list, found ','");
    BOOST_TEST(err("[a|]").column == 4u);
    BOOST_TEST(err("{a,}").column == 4u);
    BOOST_TEST(err("#{a}").message.find("'=>'") != std::string::npos);
    BOOST_TEST(w("#{}") == "#{}");
    BOOST_TEST(w("#{b => 1, a => 2}") == "#{a => 2,b => 1}");
    BOOST_TEST(w("#{{x} => [1], \"s\" => <<>>}") == "#{{x} => [1],[115] => <<>>}");
    BOOST_TEST(w("#{a => 1, a => 2}") == "#{a => 2}");
}

BOOST_AUTO_TEST_CASE(white_space_comments_and_the_final_dot) {
    BOOST_TEST(w("  {a , b}  ") == "{a,b}");
    BOOST_TEST(w("{a}.") == "{a}");
    BOOST_TEST(w("{a} . \n") == "{a}");
    BOOST_TEST(w("% a comment\n{a, % inside\n b}") == "{a,b}");
    BOOST_TEST(w("1.") == "1");
    BOOST_TEST(err("{a}..").column == 5u);
    BOOST_TEST(err("a b").column == 3u);
}

BOOST_AUTO_TEST_CASE(errors_name_line_and_column) {
    parse_error e = err("{a,\n  Var}");
    BOOST_TEST(e.line == 2u);
    BOOST_TEST(e.column == 3u);
    BOOST_TEST(e.message.find("variables") != std::string::npos);
    BOOST_TEST(e.to_string().starts_with("2:3: "));
    BOOST_TEST(err("_").message.find("variables") != std::string::npos);
    BOOST_TEST(err("").message.find("end of input") != std::string::npos);
    e = err("[1,2");
    BOOST_TEST(e.line == 1u);
    BOOST_TEST(e.column == 5u);
    BOOST_TEST(err("\"abc").message == "unterminated string");
    BOOST_TEST(err("'abc").message == "unterminated quoted atom");
    BOOST_TEST(err("#foo{}").message.find("records") != std::string::npos);
    BOOST_TEST(err("#{a := 1}").message.find(":=") != std::string::npos);
    BOOST_TEST(err("\xFF").message.find("UTF-8") != std::string::npos);
    BOOST_TEST(err("\"\xC3\"").message.find("UTF-8") != std::string::npos);
    // Columns count characters, not bytes.
    BOOST_TEST(err("{'\xC3\xA9', X}").column == 7u);
    BOOST_TEST(err("<0.1.0>").column == 1u);
    BOOST_TEST(err("\"\\x{110000}\"").message.find("too large") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(nesting_depth_is_bounded) {
    std::string ok_text(max_parse_depth, '[');
    ok_text += std::string(max_parse_depth, ']');
    BOOST_TEST(parse_term(ok_text).ok());
    std::string deep(max_parse_depth + 1, '{');
    deep += std::string(max_parse_depth + 1, '}');
    BOOST_TEST(err(deep).message.find("nested too deeply") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(lit_throws_with_the_position) {
    BOOST_TEST(format_w(lit("#{family => inet, addr => loopback, port => 0}")) ==
               "#{addr => loopback,family => inet,port => 0}");
    BOOST_CHECK_THROW((void)lit("{a,"), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
