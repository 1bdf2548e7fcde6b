// SPDX-License-Identifier: Apache-2.0
// inet's host and service names against what OTP 25 printed
// (tests/inet/data/otp25_inet.txt sections 07 to 09, otp25_hosts.txt), with
// the answers that come from this host's own name, hosts database and
// services database asked of this host. Lookups use only localhost, numeric
// addresses and hosts files the tests write; none goes to the network.
#define BOOST_TEST_MODULE inet_names
#include <unistd.h>
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <esock/inet.hpp>
#include <esock/term_text.hpp>

#include "replay.hpp"

namespace {

using esock::term;
using inet_test::captured;
using inet_test::check_line;
using inet_test::outcome;
using inet_test::run;
namespace inet = esock::inet;
namespace fs = std::filesystem;

std::string lower(std::string s) {
    for (char& c : s) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return s;
}

// This host's name as gethostname(2) gives it.
std::string full_host_name() {
    char buf[257] = {};
    BOOST_TEST_REQUIRE(::gethostname(buf, sizeof buf - 1) == 0);
    return buf;
}

std::string short_host_name() {
    const std::string full = full_host_name();
    return full.substr(0, full.find('.'));
}

std::vector<std::vector<std::string>> file_tokens(const std::string& path) {
    std::vector<std::vector<std::string>> out;
    std::ifstream f(path);
    std::string line;
    while (std::getline(f, line)) {
        line = line.substr(0, line.find('#'));
        std::istringstream in(line);
        std::vector<std::string> toks;
        std::string tok;
        while (in >> tok)
            toks.push_back(tok);
        if (!toks.empty()) out.push_back(toks);
    }
    return out;
}

// Whether this host's resolver answers localhost and 127.0.0.1 from its
// hosts file as the capturing host did: hosts files first, 127.0.0.1's
// first line naming localhost first, and localhost on no other IPv4 line.
bool localhost_as_captured() {
    bool files_first = false;
    for (const auto& toks : file_tokens("/etc/nsswitch.conf")) {
        if (toks[0] == "hosts:") files_first = toks.size() > 1 && toks[1] == "files";
    }
    bool first_seen = false;
    bool first_is_localhost = false;
    bool localhost_elsewhere = false;
    for (const auto& toks : file_tokens("/etc/hosts")) {
        if (toks.size() < 2) continue;
        const bool loopback = toks[0] == "127.0.0.1";
        if (loopback && !first_seen) {
            first_seen = true;
            first_is_localhost = toks[1] == "localhost";
        }
        for (std::size_t i = 1; i < toks.size(); ++i) {
            if (lower(toks[i]) == "localhost" && !loopback &&
                toks[0].find(':') == std::string::npos) {
                localhost_elsewhere = true;
            }
        }
    }
    return files_first && first_is_localhost && !localhost_elsewhere;
}

// A file the test writes, removed when the test ends.
class temp_file {
  public:
    explicit temp_file(const std::string& content) {
        static std::atomic<int> n{0};
        path_ = (fs::temp_directory_path() /
                 ("esock_hosts_" + std::to_string(::getpid()) + "_" + std::to_string(n++)))
                    .string();
        write(content);
    }
    ~temp_file() {
        std::error_code ec;
        fs::remove(path_, ec);
    }
    temp_file(const temp_file&) = delete;
    temp_file& operator=(const temp_file&) = delete;
    void write(const std::string& content) const {
        std::ofstream(path_, std::ios::binary | std::ios::trunc) << content;
    }
    [[nodiscard]] const std::string& path() const { return path_; }

  private:
    std::string path_;
};

// Every case starts from the configuration of a fresh program.
struct config_guard {
    inet::resolver_config saved = inet::get_resolver_config();
    ~config_guard() { inet::set_resolver_config(saved); }
};

void use(std::vector<inet::lookup_method> lookup, std::string hosts_file = "/etc/hosts") {
    inet::set_resolver_config({std::move(lookup), std::move(hosts_file)});
}

// "NAME{Args}" of section 08: the call on the elements of the tuple Args.
outcome call_lookup(const std::string& call) {
    const auto brace = call.find('{');
    const std::string name = call.substr(0, brace);
    const term args = esock_test::parse_captured(call.substr(brace));
    const auto a = args.tuple_elements();
    if (name == "getaddr") return run([&] { return inet::getaddr(a[0], a[1]); });
    if (name == "getaddrs") return run([&] { return inet::getaddrs(a[0], a[1]); });
    if (name == "gethostbyname" && a.size() == 1)
        return run([&] { return inet::gethostbyname(a[0]); });
    if (name == "gethostbyname") return run([&] { return inet::gethostbyname(a[0], a[1]); });
    if (name == "gethostbyaddr") return run([&] { return inet::gethostbyaddr(a[0]); });
    BOOST_FAIL("no lookup function " << name);
    return {};
}

// The first argument of "NAME{Args}" names this host (whose own name every
// lookup answers at the end, so that such a line is this host's).
bool names_this_host(const std::string& call) {
    const term args = esock_test::parse_captured(call.substr(call.find('{')));
    const std::string text = esock::format_p(args.tuple_elements()[0]);
    const std::string host = lower(full_host_name());
    return lower(text) == "\"" + host + "\"" ||
           lower(text) == "\"" + lower(short_host_name()) + "\"";
}

// The hostent OTP gives for an address answered by this host's own name.
term own_hostent(const term& addr, bool v6) {
    const std::string full = full_host_name();
    const std::string shortname = short_host_name();
    const auto dot = full.find('.');
    const term type = v6 ? esock::atoms::inet6 : esock::atoms::inet;
    if (dot == std::string::npos) {
        return esock::tuple(esock::atom("hostent"), esock::latin1_string(shortname), esock::nil(),
                            type, v6 ? 16 : 4, esock::list(addr));
    }
    return esock::tuple(esock::atom("hostent"), esock::latin1_string(full),
                        esock::list(esock::latin1_string(shortname)), type, v6 ? 16 : 4,
                        esock::list(addr));
}

// /etc/services as the services database: "name port/proto alias...".
struct service_line {
    std::vector<std::string> names;
    long port = 0;
    std::string proto;
};

std::vector<service_line> services() {
    std::vector<service_line> out;
    for (const auto& toks : file_tokens("/etc/services")) {
        const auto slash = toks.size() > 1 ? toks[1].find('/') : std::string::npos;
        if (slash == std::string::npos) continue;
        service_line s;
        s.names.push_back(toks[0]);
        for (std::size_t i = 2; i < toks.size(); ++i)
            s.names.push_back(toks[i]);
        s.port = std::stol(toks[1].substr(0, slash));
        s.proto = toks[1].substr(slash + 1);
        out.push_back(s);
    }
    return out;
}

// A protocol argument as plain text: an atom's name or a flat string.
std::optional<std::string> plain_text(const term& t) {
    if (const auto a = t.as_atom()) return std::string(a->name());
    const auto elems = t.list_to_vector();
    if (!elems) return std::nullopt;
    std::string out;
    for (const term& e : *elems) {
        const auto c = e.as_int();
        if (!c || *c < 1 || *c > 127) return std::nullopt;
        out.push_back(static_cast<char>(*c));
    }
    return out;
}

// This host's answer for a well-formed service lookup; nullopt for calls
// whose answer OTP decides from the arguments alone.
std::optional<term> service_answer(const std::string& label) {
    const auto open = label.find('(');
    const std::string fn = label.substr(0, open);
    const term args =
        esock_test::parse_captured("{" + label.substr(open + 1, label.size() - open - 2) + "}");
    const auto a = args.tuple_elements();
    const auto proto = plain_text(a[1]);
    if (!proto) return std::nullopt;
    if (fn == "getservbyname") {
        const auto name = a[0].as_atom();
        if (!name) return std::nullopt;
        for (const service_line& s : services()) {
            if (s.proto != *proto) continue;
            for (const std::string& n : s.names) {
                if (n == name->name()) return esock::tuple(esock::atoms::ok, s.port);
            }
        }
        return esock::tuple(esock::atoms::error, esock::atoms::einval);
    }
    const auto port = a[0].as_int();
    if (!port || *port < 0 || *port > 65535) return std::nullopt;
    for (const service_line& s : services()) {
        if (s.proto == *proto && s.port == *port) {
            return esock::tuple(esock::atoms::ok, esock::latin1_string(s.names[0]));
        }
    }
    return esock::tuple(esock::atoms::error, esock::atoms::einval);
}

}  // namespace

BOOST_AUTO_TEST_CASE(own_name_is_this_hosts_up_to_its_first_dot) {
    int replayed = 0;
    for (const captured& c : inet_test::captured_lines("otp25_inet.txt")) {
        if (c.section != 7) continue;
        ++replayed;
        const term got = inet::gethostname();
        if (c.label == "gethostname() (machine specific)") {
            BOOST_TEST(got ==
                       esock::tuple(esock::atoms::ok, esock::latin1_string(short_host_name())));
        } else if (c.label == "gethostname() shape") {
            // {ok, shape, Printable, NonEmpty, HasDot} as OTP's script computes it.
            const std::string name = short_host_name();
            bool printable = true;
            for (char ch : name)
                printable = printable && static_cast<unsigned char>(ch) >= 32;
            check_line(c, {esock::tuple(esock::atoms::ok, esock::atom("shape"),
                                        esock::boolean(printable), esock::boolean(!name.empty()),
                                        esock::boolean(esock::format_p(*got.element(1)).find('.') !=
                                                       std::string::npos)),
                           std::nullopt});
        } else {
            // gethostname() is a prefix of the host's full name.
            BOOST_TEST(full_host_name().rfind(short_host_name(), 0) == 0);
            check_line(c, {esock::atoms::true_, std::nullopt});
        }
    }
    BOOST_TEST(replayed == 3);
}

BOOST_AUTO_TEST_CASE(native_lookups_as_otp_25) {
    const config_guard guard;
    use({inet::lookup_method::native});
    const bool as_captured = localhost_as_captured();
    int replayed = 0;
    int skipped = 0;
    for (const captured& c : inet_test::captured_lines("otp25_inet.txt")) {
        if (c.section != 8 || c.label.rfind("[native] ", 0) != 0) continue;
        const std::string call = c.label.substr(9);
        // What the system's hosts database says of localhost and 127.0.0.1
        // is this host's; numbers and malformed arguments are OTP's.
        const bool hosts_db =
            call.find("localhost") != std::string::npos ||
            (call.rfind("gethostbyaddr", 0) == 0 && c.result.rfind("{ok", 0) == 0);
        if ((hosts_db && !as_captured) || names_this_host(call)) {
            ++skipped;
            continue;
        }
        check_line(c, call_lookup(call));
        ++replayed;
    }
    if (skipped > 0) {
        BOOST_TEST_MESSAGE("skipped " << skipped
                                      << " lines: this host's hosts database "
                                         "answers localhost otherwise");
    }
    BOOST_TEST(replayed + skipped == 35);
}

BOOST_AUTO_TEST_CASE(file_lookups_as_otp_25) {
    const config_guard guard;
    // The capturing host's /etc/hosts.
    const temp_file hosts("127.0.0.1 localhost\n127.0.0.1 runsc\n127.0.0.1 vm\n");
    use({inet::lookup_method::file}, hosts.path());
    int replayed = 0;
    for (const captured& c : inet_test::captured_lines("otp25_inet.txt")) {
        if (c.section != 8 || c.label.rfind("[file] ", 0) != 0) continue;
        const std::string call = c.label.substr(7);
        ++replayed;
        if (names_this_host(call)) continue;
        if (call == "gethostbyaddr{{0,0,0,0,0,0,0,1}}") {
            // No line has ::1: the answer is the host's own name.
            const term loop6 = esock::lit("{0,0,0,0,0,0,0,1}");
            const term got = inet::gethostbyaddr(loop6);
            BOOST_TEST(got == esock::tuple(esock::atoms::ok, own_hostent(loop6, true)), got);
            continue;
        }
        check_line(c, call_lookup(call));
    }
    BOOST_TEST(replayed == 24);
}

BOOST_AUTO_TEST_CASE(a_hosts_file_answers_as_otp_25s_file_method) {
    const config_guard guard;
    use({inet::lookup_method::file}, ESOCK_SOURCE_ROOT "/tests/inet/data/hosts_sample");
    int replayed = 0;
    for (const captured& c : inet_test::captured_lines("otp25_hosts.txt")) {
        const auto open = c.label.find('(');
        const std::string call = c.label.substr(0, open) + "{" +
                                 c.label.substr(open + 1, c.label.size() - open - 2) + "}";
        if (names_this_host(call)) continue;
        check_line(c, call_lookup(call));
        ++replayed;
    }
    BOOST_TEST(replayed > 130);
}

BOOST_AUTO_TEST_CASE(services_as_this_hosts_database) {
    int replayed = 0;
    int agree_with_otp = 0;
    int host_lines = 0;
    for (const captured& c : inet_test::captured_lines("otp25_inet.txt")) {
        if (c.section != 9) continue;
        ++replayed;
        const auto open = c.label.find('(');
        const std::string fn = c.label.substr(0, open);
        const term args = esock_test::parse_captured(
            "{" + c.label.substr(open + 1, c.label.size() - open - 2) + "}");
        const auto a = args.tuple_elements();
        const outcome got = run([&] {
            return fn == "getservbyname" ? inet::getservbyname(a[0], a[1])
                                         : inet::getservbyport(a[0], a[1]);
        });
        if (const auto host = service_answer(c.label)) {
            ++host_lines;
            BOOST_TEST((got.value && *got.value == *host),
                       c.label << " => " << inet_test::describe(got)
                               << ", this host's services: " << *host);
            if (*host == esock_test::parse_captured(c.result)) ++agree_with_otp;
        } else {
            check_line(c, got);
        }
    }
    BOOST_TEST(replayed == 31);
    BOOST_TEST_MESSAGE(agree_with_otp << " of " << host_lines
                                      << " service lookups answer here as on OTP's host");
}

BOOST_AUTO_TEST_CASE(services_reject_what_otp_rejects) {
    // Answers OTP 25 gives from the arguments alone (run by hand on OTP 25).
    BOOST_TEST(esock::format_w(inet::getservbyname(esock::lit("http"), esock::lit("42"))) ==
               "{error,einval}");
    BOOST_TEST(esock::format_w(inet::getservbyname(esock::lit("http"), esock::lit("[1000]"))) ==
               "{error,einval}");
    BOOST_TEST(inet_test::describe(run([] {
                   return inet::getservbyname(esock::lit("http"), esock::lit("[116|foo]"));
               })) == "raises badarg");
    BOOST_TEST(inet_test::describe(run([] {
                   return inet::getservbyport(esock::lit("80.0"), esock::lit("tcp"));
               })) == "raises badarith");
    BOOST_TEST(esock::format_w(inet::getservbyport(esock::lit("-0.5"), esock::lit("tcp"))) ==
               "{error,einval}");
    BOOST_TEST(esock::format_w(inet::getservbyport(esock::lit("\"80\""), esock::lit("tcp"))) ==
               "{error,einval}");
    BOOST_TEST(esock::format_w(inet::getservbyport(esock::lit("80"), esock::lit("<<\"tcp\">>"))) ==
               "{error,einval}");
    // The driver reads the C string up to a NUL, as OTP's does.
    BOOST_TEST(inet::getservbyname(esock::lit("http"), esock::lit("[116,99,112,0,120]")) ==
               inet::getservbyname(esock::lit("http"), esock::lit("tcp")));
}

BOOST_AUTO_TEST_CASE(an_edited_hosts_file_is_read_again) {
    const config_guard guard;
    const temp_file hosts("10.1.2.3 first-name\n");
    use({inet::lookup_method::file}, hosts.path());
    BOOST_TEST(esock::format_w(inet::getaddr(esock::lit("\"first-name\""), esock::atoms::inet)) ==
               "{ok,{10,1,2,3}}");
    hosts.write("10.9.9.9 first-name\n");
    BOOST_TEST(esock::format_w(inet::getaddr(esock::lit("\"first-name\""), esock::atoms::inet)) ==
               "{ok,{10,9,9,9}}");
}

BOOST_AUTO_TEST_CASE(the_file_answers_before_the_system_resolver) {
    const config_guard guard;
    // A name only this file knows, then an address only it knows: the system
    // resolver is not reached.
    const temp_file hosts("10.77.0.1 only-in-this-file\n");
    use({inet::lookup_method::file, inet::lookup_method::native}, hosts.path());
    BOOST_TEST(esock::format_w(inet::gethostbyname(esock::lit("\"only-in-this-file\""))) ==
               "{ok,{hostent,[111,110,108,121,45,105,110,45,116,104,105,115,45,102,105,108,101],"
               "[],inet,4,[{10,77,0,1}]}}");
    BOOST_TEST(esock::format_w(inet::gethostbyaddr(esock::lit("{10,77,0,1}"))) ==
               esock::format_w(inet::gethostbyname(esock::lit("\"only-in-this-file\""))));
}

BOOST_AUTO_TEST_CASE(the_environment_names_the_hosts_file) {
    const auto with_env = [](const char* hosts, const char* lookup) {
        if (hosts) {
            ::setenv("ESOCK_HOSTS", hosts, 1);
        } else {
            ::unsetenv("ESOCK_HOSTS");
        }
        if (lookup) {
            ::setenv("ESOCK_LOOKUP", lookup, 1);
        } else {
            ::unsetenv("ESOCK_LOOKUP");
        }
        return inet::resolver_config_from_environment();
    };
    using m = inet::lookup_method;
    auto c = with_env(nullptr, nullptr);
    BOOST_TEST((c.lookup == std::vector<m>{m::native}));
    BOOST_TEST(c.hosts_file == "/etc/hosts");
    c = with_env("/tmp/some_hosts", nullptr);
    BOOST_TEST((c.lookup == std::vector<m>{m::file, m::native}));
    BOOST_TEST(c.hosts_file == "/tmp/some_hosts");
    c = with_env("/tmp/some_hosts", "file");
    BOOST_TEST((c.lookup == std::vector<m>{m::file}));
    c = with_env(nullptr, "native,file");
    BOOST_TEST((c.lookup == std::vector<m>{m::native, m::file}));
    with_env(nullptr, nullptr);
}

BOOST_AUTO_TEST_CASE(a_file_only_lookup_never_reaches_the_system_resolver) {
    const config_guard guard;
    const temp_file hosts("");
    use({inet::lookup_method::file}, hosts.path());
    // A name no file lists and that would go to DNS natively.
    BOOST_TEST(esock::format_w(inet::getaddr(esock::lit("\"nonexistent.invalid\""),
                                             esock::atoms::inet)) == "{error,nxdomain}");
    BOOST_TEST(esock::format_w(inet::gethostbyaddr(esock::lit("{192,0,2,77}"))) ==
               "{error,nxdomain}");
}
