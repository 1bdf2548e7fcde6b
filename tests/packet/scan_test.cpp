// SPDX-License-Identifier: Apache-2.0
// The low-level API gen_tcp uses: packet types and framings from terms,
// the scan of a growing stream buffer, packet terms from the buffer, and
// the HTTP line switching. Expected terms are OTP 25's (its answers to the
// same bytes are in data/otp25_extra.txt and otp25_decode_packet.txt).

#include <boost/test/unit_test.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <esock/error.hpp>
#include <esock/packet.hpp>
#include <esock/term.hpp>
#include <esock/term_text.hpp>

namespace pk = esock::packet;
using esock::lit;
using esock::term;

namespace allocations {
// The largest single allocation while `counting` (this thread).
thread_local bool counting = false;
thread_local std::size_t largest = 0;
}  // namespace allocations

// Counts what the packet layer allocates (the replaceable global
// allocation functions; the array and sized forms forward to these).
void* operator new(std::size_t size) {
    if (allocations::counting && size > allocations::largest) allocations::largest = size;
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
    throw std::bad_alloc();
}
// GCC takes the free() of what this operator new returned for a mismatch.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void operator delete(void* p) noexcept {
    std::free(p);
}
void operator delete(void* p, std::size_t /*size*/) noexcept {
    std::free(p);
}
#pragma GCC diagnostic pop

namespace {

std::span<const std::uint8_t> bytes_of(std::string_view s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

pk::framing framing(std::string_view type, std::string_view options = "[]") {
    const std::optional<pk::framing> f = pk::framing_of(lit(type), lit(options));
    BOOST_TEST_REQUIRE(f.has_value(), type << " " << options);
    return *f;
}

// Decodes a stream the way a socket does: the buffer grows by `chunk`
// bytes at a time, each packet is taken off its front as soon as scan()
// finds it, and an HTTP stream switches line kinds as OTP's does.
std::vector<term> stream(pk::framing f, std::string_view data, std::size_t chunk) {
    std::vector<term> packets;
    std::string buffer;
    pk::scan_state state;
    std::size_t fed = 0;
    while (fed < data.size() || !buffer.empty()) {
        const std::size_t take = std::min(chunk, data.size() - fed);
        buffer.append(data.substr(fed, take));
        fed += take;
        for (;;) {
            const pk::scan_result r = pk::scan(f, bytes_of(buffer), &state);
            if (r.status == pk::scan_status::invalid) {
                packets.push_back(lit("{error, invalid}"));
                return packets;
            }
            if (r.status == pk::scan_status::more) break;
            const term p = pk::packet_term(f, bytes_of(buffer), r);
            packets.push_back(p);
            f.type = pk::next_type(f.type, p);
            buffer.erase(0, r.length);
            state = {};
        }
        if (take == 0) break;
    }
    return packets;
}

std::string printed(const std::vector<term>& packets) {
    std::string out;
    for (const term& p : packets)
        out += esock::format_p(p) + "\n";
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(api)

BOOST_AUTO_TEST_CASE(packet_types_name_themselves) {
    for (const char* name : {"raw", "0", "1", "2", "4", "asn1", "sunrm", "cdr", "fcgi", "tpkt",
                             "line", "http", "httph", "http_bin", "httph_bin", "ssl_tls"}) {
        const std::optional<pk::packet_type> t = pk::packet_type_of(lit(name));
        BOOST_TEST_REQUIRE(t.has_value(), name);
        const term back = pk::packet_type_term(*t);
        BOOST_TEST((pk::packet_type_of(back) == t), name);
        BOOST_TEST(esock::format_w(back) == (std::string_view(name) == "0" ? "raw" : name));
    }
    for (const char* other : {"3", "5", "-1", "ssl", "foo", "\"raw\"", "1.0", "{raw}", "[]"})
        BOOST_TEST(!pk::packet_type_of(lit(other)).has_value(), other);
}

BOOST_AUTO_TEST_CASE(framing_from_options) {
    const pk::framing plain = framing("line");
    BOOST_TEST(plain.packet_size == 0U);
    BOOST_TEST(plain.line_length == 0U);
    BOOST_TEST(plain.line_delimiter == '\n');
    const pk::framing f =
        framing("line",
                "[{packet_size, 7}, {line_delimiter, 0}, {line_length, 4294967295}, "
                "{packet_size, 9}]");
    BOOST_TEST(f.packet_size == 9U);  // the last one given
    BOOST_TEST(f.line_length == 4294967295U);
    BOOST_TEST(f.line_delimiter == 0);
    for (const char* bad :
         {"[{line_delimiter, 10}]", "[{packet_size, -1}]", "[{packet_size, 4294967296}]",
          "[{packet_size, 1} | bad]", "[{packet_size, 1}, {packet_size, 2} | bad]", "bad",
          "[{foo, 1}]", "[{packet_size, 1, 2}]"}) {
        BOOST_TEST(!pk::framing_of(lit("http"), lit(bad)).has_value(), bad);
    }
    BOOST_TEST(!pk::framing_of(lit("line"), lit("[{line_delimiter, 256}]")).has_value());
    BOOST_TEST(!pk::framing_of(lit("nope"), lit("[]")).has_value());
}

BOOST_AUTO_TEST_CASE(improper_option_lists_raise_badarg) {
    // OTP 25's emulator crashes on these (docs/deviations.md).
    for (const char* opts : {"[{packet_size, 1} | bad]", "[{line_length, 1} | bad]",
                             "[{line_delimiter, $x} | bad]", "[a | b]"}) {
        try {
            (void)pk::decode_packet(lit("line"), lit("<<\"x\\n\">>"), lit(opts));
            BOOST_TEST(false, opts << " did not raise");
        } catch (const esock::erl_error& e) {
            BOOST_TEST(e.reason() == term(esock::atoms::badarg), opts);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_stream_of_length_headers_in_any_chunks) {
    std::string data;
    for (std::size_t len : {0U, 1U, 300U, 5U}) {
        data += static_cast<char>(len >> 8);
        data += static_cast<char>(len & 0xff);
        data += std::string(len, 'p');
    }
    for (std::size_t chunk : {1U, 2U, 3U, 7U, 1000U}) {
        const std::vector<term> got = stream(framing("2"), data, chunk);
        BOOST_TEST_REQUIRE(got.size() == 4U, chunk);
        BOOST_TEST(got[0] == esock::binary(std::string_view()));
        BOOST_TEST(got[1] == esock::binary(std::string_view("p")));
        BOOST_TEST(got[2].binary_bytes().size() == 300U);
        BOOST_TEST(got[3] == esock::binary(std::string_view("ppppp")));
    }
}

BOOST_AUTO_TEST_CASE(a_line_stream_resumes_its_search) {
    const std::string data = "first line\nsecond\n\nno end";
    for (std::size_t chunk : {1U, 4U, 100U}) {
        BOOST_TEST(printed(stream(framing("line"), data, chunk)) ==
                   "<<\"first line\\n\">>\n<<\"second\\n\">>\n<<\"\\n\">>\n");
        BOOST_TEST(printed(stream(framing("line", "[{line_length, 4}]"), data, chunk)) ==
                   "<<\"firs\">>\n<<\"t li\">>\n<<\"ne\\n\">>\n<<\"seco\">>\n<<\"nd\\n\">>\n"
                   "<<\"\\n\">>\n<<\"no e\">>\n");
    }
}

BOOST_AUTO_TEST_CASE(an_http_stream_switches_between_start_and_header_lines) {
    // Two pipelined requests, the second with a folded header.
    const std::string data =
        "GET /a HTTP/1.1\r\nHost: x\r\nX-Long: a\r\n b\r\n\r\n"
        "POST http://h:8/p HTTP/1.0\r\nContent-Length: 0\r\n\r\n";
    const std::string expected =
        "{http_request,'GET',{abs_path,\"/a\"},{1,1}}\n"
        "{http_header,14,'Host',\"Host\",\"x\"}\n"
        "{http_header,0,\"X-Long\",\"X-Long\",\"a\\r\\n b\"}\n"
        "http_eoh\n"
        "{http_request,'POST',{absoluteURI,http,\"h\",8,\"/p\"},{1,0}}\n"
        "{http_header,38,'Content-Length',\"Content-Length\",\"0\"}\n"
        "http_eoh\n";
    for (std::size_t chunk : {1U, 2U, 5U, 13U, 1000U})
        BOOST_TEST(printed(stream(framing("http"), data, chunk)) == expected, chunk);
    const std::string bin_expected =
        "{http_request,'GET',{abs_path,<<\"/a\">>},{1,1}}\n"
        "{http_header,14,'Host',<<\"Host\">>,<<\"x\">>}\n"
        "{http_header,0,<<\"X-Long\">>,<<\"X-Long\">>,<<\"a\\r\\n b\">>}\n"
        "http_eoh\n"
        "{http_request,'POST',{absoluteURI,http,<<\"h\">>,8,<<\"/p\">>},{1,0}}\n"
        "{http_header,38,'Content-Length',<<\"Content-Length\">>,<<\"0\">>}\n"
        "http_eoh\n";
    BOOST_TEST(printed(stream(framing("http_bin"), data, 3)) == bin_expected);
}

BOOST_AUTO_TEST_CASE(http_lines_switch_types_as_a_socket_does) {
    const pk::packet_type http = *pk::packet_type_of(lit("http"));
    const pk::packet_type httph = *pk::packet_type_of(lit("httph"));
    const pk::packet_type http_bin = *pk::packet_type_of(lit("http_bin"));
    const pk::packet_type httph_bin = *pk::packet_type_of(lit("httph_bin"));
    const pk::packet_type line = *pk::packet_type_of(lit("line"));
    const term request = lit("{http_request, 'GET', '*', {1,1}}");
    const term response = lit("{http_response, {1,1}, 200, \"OK\"}");
    const term header = lit("{http_header, 14, 'Host', \"Host\", \"x\"}");
    const term eoh = lit("http_eoh");
    const term error = lit("{http_error, \"x\\r\\n\"}");
    BOOST_TEST((pk::next_type(http, request) == httph));
    BOOST_TEST((pk::next_type(http, response) == httph));
    BOOST_TEST((pk::next_type(http_bin, request) == httph_bin));
    BOOST_TEST((pk::next_type(http, error) == http));
    BOOST_TEST((pk::next_type(http, eoh) == http));
    BOOST_TEST((pk::next_type(httph, header) == httph));
    BOOST_TEST((pk::next_type(httph, error) == httph));
    BOOST_TEST((pk::next_type(httph, eoh) == http));
    BOOST_TEST((pk::next_type(httph_bin, eoh) == http_bin));
    BOOST_TEST((pk::next_type(line, eoh) == line));
}

BOOST_AUTO_TEST_CASE(packets_share_the_buffer_binary) {
    const term bin =
        esock::binary(std::string_view("\x00\x00\x00\x03"
                                       "abcrest",
                                       11));
    const term r = pk::decode_packet(lit("4"), bin, lit("[]"));
    BOOST_TEST(r == lit("{ok, <<\"abc\">>, <<\"rest\">>}"));
    // A sub-binary keeps its parent alive: the buffer is shared, not copied.
    BOOST_TEST(bin.share_count() >= 3U);
}

BOOST_AUTO_TEST_CASE(packet_term_refuses_what_scan_did_not_find) {
    const pk::framing f = framing("1");
    const term bin =
        esock::binary(std::string_view("\x02"
                                       "ab",
                                       3));
    const pk::scan_result found = pk::scan(f, bin.binary_bytes());
    BOOST_TEST_REQUIRE((found.status == pk::scan_status::packet));
    BOOST_TEST(pk::packet_term(f, bin, found) == esock::binary(std::string_view("ab")));
    pk::scan_result too_long = found;
    too_long.length = 4;
    BOOST_CHECK_THROW((void)pk::packet_term(f, bin, too_long), esock::erl_error);
    BOOST_CHECK_THROW((void)pk::packet_term(f, bin, pk::scan_result{}), esock::erl_error);
    BOOST_CHECK_THROW((void)pk::packet_term(f, lit("foo"), found), esock::erl_error);
}

BOOST_AUTO_TEST_CASE(what_a_header_promises_is_never_allocated) {
    // Each header announces up to 2^32 bytes; the answer is a number, and
    // no allocation while decoding is larger than a few small terms.
    const char* const cases[][4] = {
        {"4", "<<127,255,255,251>>", "[]", "{more, 2147483647}"},
        {"4", "<<255,255,255,255>>", "[]", "{error, invalid}"},
        {"4", "<<0,0,1,0,1,2,3>>", "[{packet_size, 255}]", "{error, invalid}"},
        {"asn1", "<<4,132,127,255,255,240>>", "[]", "{more, 2147483638}"},
        {"asn1", "<<4,132,255,255,255,255>>", "[]", "{error, invalid}"},
        {"sunrm", "<<255,255,255,251>>", "[]", "{more, 2147483647}"},
        {"cdr", "<<\"GIOP\",1,1,1,0,243,255,255,127>>", "[]", "{more, 2147483647}"},
        {"fcgi", "<<1,1,0,1,255,255,255,0>>", "[]", "{more, 65798}"},
        {"tpkt", "<<3,0,255,255>>", "[]", "{more, 65535}"},
        {"ssl_tls", "<<22,3,3,255,255>>", "[]", "{more, 65540}"},
    };
    for (const auto& c : cases) {
        const term type = lit(c[0]);
        const term bin = lit(c[1]);
        const term options = lit(c[2]);
        // Once before counting: the layer interns its atoms on first use.
        (void)pk::decode_packet(type, bin, options);
        // Counted on a new thread: the nodes this thread freed wait in its
        // cache of small nodes, from which the answer's tuple would come
        // without an allocation to count.
        term r;
        std::size_t largest = 0;
        std::thread([&] {
            allocations::largest = 0;
            allocations::counting = true;
            r = pk::decode_packet(type, bin, options);
            allocations::counting = false;
            largest = allocations::largest;
        }).join();
        BOOST_TEST(r == lit(c[3]), c[0] << " " << c[1]);
        // The answer's tuple was counted: the counting works.
        BOOST_TEST(largest > 0U, c[0] << " " << c[1]);
        BOOST_TEST(largest <= 256U, c[0] << " " << c[1]);
    }
}

BOOST_AUTO_TEST_SUITE_END()
