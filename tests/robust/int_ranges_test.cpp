// Integers that reach a C field, out of that field's range, replayed
// against what OTP 25 answered (tests/golden/otp25_api_int_ranges.txt,
// printed by make_api_int_ranges.escript): what OTP decides itself (an
// {invalid, ...} answer, a raise) is pinned to the recording; where the
// kernel answered (ok, a port, an errno), the test asks this host's kernel
// the same bare system call and expects its answer. No integer may be cut
// silently to the field's width.
#define BOOST_TEST_MODULE robust_int_ranges
#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <vector>

#include <esock/posix.hpp>

#include "robust.hpp"

using namespace robust;
using esock::atom;
using esock::tuple;

namespace {

struct probe {
    std::string call;
    std::int64_t value = 0;
    std::string answer;
};

std::vector<probe> recorded() {
    std::ifstream in(ESOCK_SOURCE_ROOT "/tests/golden/otp25_api_int_ranges.txt");
    BOOST_TEST_REQUIRE(in.good());
    std::vector<probe> out;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const auto space = line.find(' ');
        const auto colon = line.find(": ");
        BOOST_TEST_REQUIRE((space != std::string::npos && colon != std::string::npos), line);
        out.push_back({line.substr(0, space), std::stoll(line.substr(space + 1, colon - space - 1)),
                       line.substr(colon + 2)});
    }
    return out;
}

// Where OTP 25's own code crashes (a case_clause or if_clause it has no
// clause for), esock answers as docs/deviations.md says in its robustness
// section: the answer for `call` with `v`.
std::optional<std::string> documented_answer(const std::string& call, std::int64_t v) {
    const std::string n = std::to_string(v);
    if (call == "open_protocol") return "{error,{invalid,{protocol," + n + "}}}";
    if (call == "open_raw_protocol") return "{error,{invalid,{protocol,{raw," + n + "}}}}";
    if (call == "open_fd") return "{error,{invalid,{options,domain,#{}}}}";
    if (call == "open_fd_domain") return "{error,{invalid,{options,type,#{domain => inet}}}}";
    return std::nullopt;
}

bool otp_crashed(const std::string& answer) {
    return answer.rfind("raise:{case_clause,", 0) == 0 || answer == "raise:if_clause";
}

// OTP decided this answer itself (not the kernel): pinned.
bool decided_by_otp(const std::string& answer) {
    return answer.rfind("raise", 0) == 0 || answer.find("invalid") != std::string::npos;
}

// The answer as the recording shows it: `ok` for {ok, Socket} (closed),
// ~w otherwise, raise:Reason for what was raised.
template <class F>
std::string answer_of(F&& call) {
    try {
        const term r = call();
        if (r.is_tuple(2) && r.element(0)->is_atom(at::ok) && so::is_socket(*r.element(1))) {
            (void)so::close(*r.element(1));
            return "ok";
        }
        return W(r);
    } catch (const esock::erl_error& e) {
        return "raise:" + W(e.reason());
    }
}

std::string errno_answer(int e) {
    return e == 0 ? "ok" : "{error," + W(esock::posix_error_atom(e)) + "}";
}

// socket(2) as OTP's NIF calls it; closed again.
std::string bare_socket(int domain, int type, int protocol) {
    const int fd = ::socket(domain, type, protocol);
    if (fd < 0) return errno_answer(errno);
    ::close(fd);
    return "ok";
}

// bind(2) of a fresh UDP socket of `family` to `addr`.
std::string bare_bind(int family, const void* addr, socklen_t length) {
    const int fd = ::socket(family, SOCK_DGRAM, 0);
    BOOST_TEST_REQUIRE(fd >= 0);
    const int r = ::bind(fd, static_cast<const sockaddr*>(addr), length);
    const int e = r == 0 ? 0 : errno;
    ::close(fd);
    return errno_answer(e);
}

std::string bare_bind_port(int family, std::uint16_t port) {
    if (family == AF_INET) {
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(port);
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return bare_bind(AF_INET, &a, sizeof a);
    }
    sockaddr_in6 a{};
    a.sin6_family = AF_INET6;
    a.sin6_port = htons(port);
    a.sin6_addr = in6addr_loopback;
    return bare_bind(AF_INET6, &a, sizeof a);
}

// sendmsg(2) of one byte to a bound UDP socket of its own with an IP level
// control message of type `type` carrying the C int `value`.
std::string bare_cmsg(int type, int value) {
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    BOOST_TEST_REQUIRE(fd >= 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    BOOST_TEST_REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    BOOST_TEST_REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0);
    alignas(cmsghdr) unsigned char control[CMSG_SPACE(sizeof(int))] = {};
    char byte = 'x';
    iovec v{&byte, 1};
    msghdr m{};
    m.msg_name = &a;
    m.msg_namelen = sizeof a;
    m.msg_iov = &v;
    m.msg_iovlen = 1;
    m.msg_control = control;
    m.msg_controllen = sizeof control;
    cmsghdr* c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = IPPROTO_IP;
    c->cmsg_type = type;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    std::memcpy(CMSG_DATA(c), &value, sizeof value);
    const int e = ::sendmsg(fd, &m, 0) >= 0 ? 0 : errno;
    ::close(fd);
    return errno_answer(e);
}

// The file every sendfile probe sends from: "0123456789".
struct data_file {
    std::string path = "/tmp/esock_int_ranges_" + std::to_string(::getpid()) + ".data";
    data_file() { std::ofstream(path) << "0123456789"; }
    ~data_file() { ::unlink(path.c_str()); }
};

std::string esock_sendfile(const data_file& f, std::int64_t offset, std::int64_t count) {
    tcp_pair p;
    make_tcp_pair(p);
    const auto file = so::file_handle::from_path(f.path);
    return answer_of([&] { return so::sendfile(p.client, file, offset, count, 1000); });
}

// sendfile(2) of up to one byte from `offset` of the file over a stream
// pair of this host: its errno.
std::string bare_sendfile(const data_file& f, std::int64_t offset) {
    int sv[2];
    BOOST_TEST_REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
    const int in = ::open(f.path.c_str(), O_RDONLY);
    BOOST_TEST_REQUIRE(in >= 0);
    off_t off = static_cast<off_t>(offset);
    const int e = ::sendfile(sv[0], in, &off, 1) >= 0 ? 0 : errno;
    ::close(in);
    ::close(sv[0]);
    ::close(sv[1]);
    return errno_answer(e);
}

bool has_ipv6_loopback() {
    return bare_bind_port(AF_INET6, 0) == "ok";
}

term udp6() {
    return ok_value(so::open(at::inet6, at::dgram, at::udp));
}

// What esock answers, and what this host's kernel answers instead of the
// recording where the kernel decided, for one recorded probe.
struct replay {
    std::string esock;
    std::string expected;
    bool skipped = false;
};

}  // namespace

BOOST_AUTO_TEST_CASE(out_of_range_integers_get_otps_answers) {
    const data_file file;
    const bool ipv6 = has_ipv6_loopback();
    if (!ipv6) BOOST_TEST_MESSAGE("no IPv6 loopback: the inet6 probes are skipped");
    const term inet_loopback = L("#{family => inet, addr => loopback}");
    const term inet6_loopback = L("#{family => inet6, addr => loopback, port => 0}");
    std::size_t checked = 0;
    std::size_t to_check = 0;  // the recorded probes this host can make
    for (const probe& pr : recorded()) {
        if (pr.call == "servbyport") continue;  // tests/robust/inet_ranges_test.cpp
        if (pr.call.rfind("bind6", 0) == 0 && !ipv6) continue;
        ++to_check;
        const std::int64_t v = pr.value;
        const int c_int = static_cast<int>(v);  // only used where OTP passed v to C
        replay r;
        r.expected = pr.answer;
        if (otp_crashed(pr.answer)) {
            const auto documented = documented_answer(pr.call, v);
            BOOST_TEST_REQUIRE(documented.has_value(), pr.call << ": OTP 25 crashes; no answer");
            r.expected = *documented;
        }
        const bool kernel = !decided_by_otp(pr.answer);
        const std::string& call = pr.call;
        if (call == "open_domain") {
            r.esock = answer_of([&] { return so::open(v, at::dgram); });
            if (kernel) r.expected = bare_socket(c_int, SOCK_DGRAM, 0);
        } else if (call == "open_type") {
            r.esock = answer_of([&] { return so::open(at::inet, v); });
            if (kernel) r.expected = bare_socket(AF_INET, c_int, 0);
        } else if (call == "open_protocol") {
            r.esock = answer_of([&] { return so::open(at::inet, at::dgram, v); });
            if (kernel) r.expected = bare_socket(AF_INET, SOCK_DGRAM, c_int);
        } else if (call == "open_raw_protocol") {
            r.esock = answer_of([&] { return so::open(at::inet, at::dgram, tuple(at::raw, v)); });
            if (kernel) r.expected = bare_socket(AF_INET, SOCK_DGRAM, c_int);
        } else if (call == "open_fd") {
            r.esock = answer_of([&] { return so::open(v); });
        } else if (call == "open_fd_domain") {
            r.esock = answer_of([&] { return so::open(v, L("#{domain => inet}")); });
        } else if (call == "bind_port" || call == "bind6_port") {
            const bool six = call == "bind6_port";
            const term s = six ? udp6() : ok_value(so::open(at::inet, at::dgram));
            const term addr = esock::map_put(six ? inet6_loopback : inet_loopback, at::port, v);
            const term b = so::bind(s, addr);
            r.esock = b == term(at::ok) ? W(*ok_value(so::sockname(s)).map_get(at::port)) : W(b);
            (void)so::close(s);
            if (kernel) {
                // {ok, Port}: the port OTP's C int wrapped to; 0 binds an
                // ephemeral port, any port is right then.
                const std::string recorded_port = pr.answer.substr(4, pr.answer.size() - 5);
                const auto wrapped = static_cast<std::uint16_t>(static_cast<std::uint32_t>(v));
                if (wrapped == 0) {
                    r.expected = r.esock.find('{') == std::string::npos ? r.esock : "a port";
                } else if (r.esock.find('{') == std::string::npos) {
                    r.expected = recorded_port;
                } else {
                    // esock's bind failed: this host's kernel must refuse
                    // the recorded port too (privileged, or in use).
                    r.expected =
                        bare_bind_port(six ? AF_INET6 : AF_INET,
                                       static_cast<std::uint16_t>(std::stoi(recorded_port)));
                }
            }
        } else if (call == "bind6_flowinfo" || call == "bind6_scope_id") {
            const term s = udp6();
            const term addr = esock::map_put(
                inet6_loopback, atom(call == "bind6_flowinfo" ? "flowinfo" : "scope_id"), v);
            r.esock = answer_of([&] { return so::bind(s, addr); });
            (void)so::close(s);
            if (kernel && r.esock != "ok") {
                sockaddr_in6 a{};
                a.sin6_family = AF_INET6;
                a.sin6_addr = in6addr_loopback;
                if (call == "bind6_flowinfo") {
                    a.sin6_flowinfo = htonl(static_cast<std::uint32_t>(v));
                } else {
                    a.sin6_scope_id = static_cast<std::uint32_t>(v);
                }
                r.expected = bare_bind(AF_INET6, &a, sizeof a);
            }
        } else if (call == "bind_family") {
            const term s = ok_value(so::open(at::inet, at::dgram));
            const term addr = esock::map({{term(at::family), term(v)},
                                          {term(at::addr), esock::binary(std::string(14, '\0'))}});
            r.esock = answer_of([&] { return so::bind(s, addr); });
            (void)so::close(s);
            if (kernel) {
                sockaddr a{};
                a.sa_family = static_cast<sa_family_t>(c_int);
                r.expected = bare_bind(AF_INET, &a, sizeof a);
            }
        } else if (call == "listen_backlog") {
            const term s = ok_value(so::open(at::inet, at::stream, at::tcp));
            BOOST_TEST_REQUIRE(so::bind(s, loopback()) == term(at::ok));
            r.esock = answer_of([&] { return so::listen(s, v); });
            (void)so::close(s);
            if (kernel && r.esock != "ok") {
                const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
                r.expected = errno_answer(::listen(fd, c_int) == 0 ? 0 : errno);
                ::close(fd);
            }
        } else if (call.rfind("otp_", 0) == 0) {
            const term s = ok_value(so::open(at::inet, at::dgram));
            const term opt = tuple(atom("otp"), atom(call.substr(4)));
            r.esock = answer_of([&] { return so::setopt(s, opt, v); });
            (void)so::close(s);
        } else if (call == "cmsg_ip_tos" || call == "cmsg_ip_ttl") {
            const bool tos = call == "cmsg_ip_tos";
            const term u = bound_udp();
            const term addr = ok_value(so::sockname(u));
            const term ctrl = esock::map({{term(atom("level")), term(atom("ip"))},
                                          {term(at::type), term(atom(tos ? "tos" : "ttl"))},
                                          {term(atom("value")), term(v)}});
            const term msg =
                esock::map({{term(at::addr), addr},
                            {term(atom("iov")), esock::list(esock::binary(std::string_view("x")))},
                            {term(atom("ctrl")), esock::list(ctrl)}});
            r.esock = answer_of([&] { return so::sendmsg(u, msg, 1000); });
            (void)so::recv(u, 0, 0);
            (void)so::close(u);
            if (kernel) r.expected = bare_cmsg(tos ? IP_TOS : IP_TTL, c_int);
        } else if (call == "sendfile_offset") {
            r.esock = esock_sendfile(file, v, 1);
            if (kernel && pr.answer.rfind("{error,", 0) == 0) r.expected = bare_sendfile(file, v);
        } else if (call == "sendfile_count") {
            r.esock = esock_sendfile(file, 0, v);
        } else if (call.rfind("timeout_", 0) == 0) {
            const std::string which = call.substr(std::strlen("timeout_"));
            if (which == "accept") {
                const term l = ok_value(so::open(at::inet, at::stream, at::tcp));
                BOOST_TEST_REQUIRE(so::bind(l, loopback()) == term(at::ok));
                BOOST_TEST_REQUIRE(so::listen(l) == term(at::ok));
                r.esock = answer_of([&] { return so::accept(l, v); });
                (void)so::close(l);
            } else {
                const term u = bound_udp();
                r.esock = answer_of([&] {
                    if (which == "recv") return so::recv(u, 0, v);
                    if (which == "recvfrom") return so::recvfrom(u, 0, v);
                    return so::recvmsg(u, 0, 0, v);
                });
                (void)so::close(u);
            }
        } else {
            BOOST_TEST(false, "unknown probe " << call);
            continue;
        }
        ++checked;
        BOOST_TEST(r.esock == r.expected, call << " " << v << ": esock " << r.esock << ", expected "
                                               << r.expected
                                               << (kernel ? " (this host's kernel)" : " (OTP 25)"));
    }
    // Every probe the host can make was made (the file is not cut short).
    BOOST_TEST(checked == to_check);
    BOOST_TEST(to_check > 250u);
}

BOOST_AUTO_TEST_CASE(where_otp_crashes_the_answer_is_documented) {
    std::ifstream in(ESOCK_SOURCE_ROOT "/docs/deviations.md");
    const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto start = doc.find("## Robustness");
    BOOST_TEST_REQUIRE(start != std::string::npos);
    const std::string section = doc.substr(start, doc.find("\n## ", start + 1) - start);
    for (const char* text :
         {"{case_clause, {integer_range, N}}", "if_clause", "{error, {invalid, {protocol, P}}}",
          "{error, {invalid, {options, domain, #{}}}}"}) {
        BOOST_TEST(section.find(text) != std::string::npos, "docs/deviations.md: " << text);
    }
}
