// SPDX-License-Identifier: Apache-2.0
// getifaddrs/0,1 against this host's interfaces as iproute2 lists them
// (`ip -j addr`), OTP 25's lines of tests/inet/data/otp25_inet.txt section
// 10 (what OTP itself decides pinned, what the host has asked of it), and
// the {netns, Path} option in a namespace the test creates when it may.
#define BOOST_TEST_MODULE inet_ifaddrs
#include <unistd.h>
#include <yaml-cpp/yaml.h>
#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include <esock/inet.hpp>
#include <esock/term_text.hpp>

#include "replay.hpp"

namespace {

using esock::term;
using inet_test::captured;
using inet_test::check_line;
using inet_test::run;
namespace inet = esock::inet;
namespace at = esock::atoms;

// The standard output of `command`, or nullopt when it fails.
std::optional<std::string> output_of(const std::string& command) {
    FILE* p = ::popen((command + " 2>/dev/null").c_str(), "r");
    if (p == nullptr) return std::nullopt;
    std::string out;
    char buf[4096];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0)
        out.append(buf, n);
    if (::pclose(p) != 0) return std::nullopt;
    return out;
}

term v4_term(const std::string& text) {
    return *inet::parse_ipv4strict_address(esock::latin1_string(text)).element(1);
}

term v6_term(const std::string& text) {
    return *inet::parse_ipv6strict_address(esock::latin1_string(text)).element(1);
}

// The netmask of a prefix length, as an address tuple of the family.
term netmask(int prefix, bool v6) {
    std::vector<term> parts;
    const int width = v6 ? 16 : 8;
    for (int i = 0; i < (v6 ? 8 : 4); ++i) {
        const int bits = std::max(0, std::min(width, prefix - i * width));
        parts.emplace_back(bits == 0 ? 0 : ((1 << width) - 1) ^ ((1 << (width - bits)) - 1));
    }
    return esock::tuple_from(std::move(parts));
}

term hwaddr_term(const std::string& text) {
    std::vector<term> bytes;
    for (std::size_t i = 0; i + 1 < text.size() + 1; i += 3)
        bytes.emplace_back(std::stoi(text.substr(i, 2), nullptr, 16));
    return esock::list_from(std::move(bytes));
}

bool has_flag(const YAML::Node& link, const std::string& flag) {
    for (const auto& f : link["flags"]) {
        if (f.as<std::string>() == flag) return true;
    }
    return false;
}

// What OTP's getifaddrs/0 gives for the interfaces `ip -j addr` lists: per
// interface {flags, ...}, then each address (IPv4 with its broadcast or
// peer address), the hardware address last.
term expected_from_ip(const std::string& json) {
    const YAML::Node links = YAML::Load(json);
    std::vector<term> out;
    for (const auto& link : links) {
        const bool ptp = has_flag(link, "POINTOPOINT");
        const bool bcast = has_flag(link, "BROADCAST");
        std::vector<term> flags;
        if (has_flag(link, "UP")) flags.emplace_back(esock::atom("up"));
        if (bcast) flags.emplace_back(at::broadcast);
        if (has_flag(link, "LOOPBACK")) flags.emplace_back(at::loopback);
        if (ptp) flags.emplace_back(esock::atom("pointtopoint"));
        if (has_flag(link, "UP")) flags.emplace_back(esock::atom("running"));
        if (has_flag(link, "MULTICAST")) flags.emplace_back(esock::atom("multicast"));
        std::vector<term> opts{esock::tuple(at::flags, esock::list_from(std::move(flags)))};
        for (const auto& a : link["addr_info"]) {
            const bool v6 = a["family"].as<std::string>() == "inet6";
            const auto addr = [&](const std::string& t) { return v6 ? v6_term(t) : v4_term(t); };
            opts.push_back(esock::tuple(at::addr, addr(a["local"].as<std::string>())));
            opts.push_back(
                esock::tuple(esock::atom("netmask"), netmask(a["prefixlen"].as<int>(), v6)));
            if (ptp && a["address"]) {
                opts.push_back(
                    esock::tuple(esock::atom("dstaddr"), addr(a["address"].as<std::string>())));
            } else if (!v6 && bcast && a["broadcast"]) {
                opts.push_back(
                    esock::tuple(esock::atom("broadaddr"), addr(a["broadcast"].as<std::string>())));
            }
        }
        if (link["address"] && link["link_type"].as<std::string>() != "none") {
            opts.push_back(esock::tuple(esock::atom("hwaddr"),
                                        hwaddr_term(link["address"].as<std::string>())));
        }
        out.push_back(esock::tuple(esock::string(link["ifname"].as<std::string>()),
                                   esock::list_from(std::move(opts))));
    }
    return esock::tuple(at::ok, esock::list_from(std::move(out)));
}

// getifaddrs() (in the named namespace, when given) and what iproute2 says,
// taken until two readings agree (an interface may change between the two
// calls).
std::optional<std::pair<term, term>> host_and_ip(const std::string& netns = "") {
    for (int attempt = 0; attempt < 3; ++attempt) {
        const auto json = output_of(netns.empty() ? "ip -j addr" : "ip -n " + netns + " -j addr");
        if (!json) return std::nullopt;
        const term want = expected_from_ip(*json);
        const term got =
            netns.empty()
                ? inet::getifaddrs()
                : inet::getifaddrs(esock::lit("[{netns,\"/var/run/netns/" + netns + "\"}]"));
        if (got == want || attempt == 2) return std::make_pair(got, want);
    }
    return std::nullopt;
}

// The elements of the list in {ok, List}.
std::vector<term> listed(const term& ok_list) {
    BOOST_TEST_REQUIRE(ok_list.element(0)->is_atom(at::ok), ok_list);
    return ok_list.element(1)->list_to_vector().value();
}

term entry_of(const term& ifaddrs, std::string_view name) {
    for (const term& e : listed(ifaddrs)) {
        if (*e.element(0) == esock::string(name)) return e;
    }
    return at::false_;
}

bool privileged_netns() {
    const term r = inet::getifaddrs(esock::lit("[{netns,\"/proc/self/ns/net\"}]"));
    return r.element(0)->is_atom(at::ok);
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_interfaces_are_this_hosts_as_iproute2_lists_them) {
    const auto pair = host_and_ip();
    if (!pair) {
        BOOST_TEST_MESSAGE("skipped: no `ip` (iproute2) to compare with");
        // The names at least are /sys/class/net's.
        const term got = inet::getifaddrs();
        for (const term& e : listed(got)) {
            const std::string name = esock::format_p(*e.element(0));
            BOOST_TEST(
                ::access(("/sys/class/net/" + name.substr(1, name.size() - 2)).c_str(), F_OK) == 0);
        }
        return;
    }
    BOOST_TEST(pair->first == pair->second,
               "getifaddrs() " << esock::format_p(pair->first)
                               << "\nip -j addr: " << esock::format_p(pair->second));
}

BOOST_AUTO_TEST_CASE(every_captured_interface_line_is_reproduced) {
    const auto pair = host_and_ip();
    const bool netns_ok = privileged_netns();
    int replayed = 0;
    for (const captured& c : inet_test::captured_lines("otp25_inet.txt")) {
        if (c.section != 10) continue;
        ++replayed;
        const term got = inet::getifaddrs();
        if (c.label == "getifaddrs() (machine specific)") {
            if (pair) BOOST_TEST(got == pair->second);
        } else if (c.label == "getifaddrs() interface names") {
            std::vector<term> names;
            for (const term& e : listed(got))
                names.push_back(*e.element(0));
            if (pair) {
                std::vector<term> want;
                for (const term& e : listed(pair->second))
                    want.push_back(*e.element(0));
                BOOST_TEST(esock::list_from(std::move(names)) == esock::list_from(std::move(want)));
            }
        } else if (c.label == "getifaddrs() lo entry") {
            if (pair) BOOST_TEST(entry_of(got, "lo") == entry_of(pair->second, "lo"));
        } else if (c.label == "getifaddrs() keys per interface") {
            // Every interface's options start with its flags; hardware
            // addresses come last.
            for (const term& e : listed(got)) {
                const auto opts = *e.element(1)->list_to_vector();
                BOOST_TEST(opts.at(0).element(0)->is_atom(at::flags));
                bool hw_seen = false;
                for (const term& o : opts) {
                    const bool hw = o.element(0)->is_atom(esock::atom("hwaddr"));
                    BOOST_TEST(!(hw_seen && !hw));
                    hw_seen = hw_seen || hw;
                }
            }
        } else if (c.label.find("/proc/self/ns/net") != std::string::npos) {
            if (!netns_ok) {
                BOOST_TEST_MESSAGE("skipped " << c.label
                                              << ": entering a namespace needs CAP_SYS_ADMIN");
                continue;
            }
            check_line(c, run([] {
                           return esock::boolean(
                               inet::getifaddrs(esock::lit("[{netns,\"/proc/self/ns/net\"}]")) ==
                               inet::getifaddrs());
                       }));
        } else if (c.label == "getifaddrs([{inet_backend,inet}]) =:= getifaddrs()") {
            check_line(
                c, run([] {
                    return esock::boolean(inet::getifaddrs(esock::lit("[{inet_backend,inet}]")) ==
                                          inet::getifaddrs());
                }));
        } else if (c.label == "getifaddrs([{inet_backend,socket}]) lo entry") {
            check_line(c, run([] {
                           return entry_of(inet::getifaddrs(esock::lit("[{inet_backend,socket}]")),
                                           "lo");
                       }));
        } else {
            // getifaddrs(Arg) with Arg as written.
            const std::string arg = c.label.substr(11, c.label.size() - 12);
            check_line(c, run([&] { return inet::getifaddrs(esock_test::parse_captured(arg)); }));
        }
    }
    BOOST_TEST(replayed == 10);
}

BOOST_AUTO_TEST_CASE(the_options_are_checked_as_gen_udp_open_checks_them) {
    // What OTP 25's getifaddrs/1 answered (run by hand; OTP opens a UDP
    // socket with the options to ask its driver).
    const auto badarg = [](const char* opts) {
        return inet_test::describe(run([&] { return inet::getifaddrs(esock::lit(opts)); })) ==
               "raises badarg";
    };
    BOOST_TEST(badarg("[{active,foo}]"));
    BOOST_TEST(badarg("[inet6]"));
    BOOST_TEST(badarg("[local]"));
    BOOST_TEST(badarg("[{reuseaddr,foo}]"));
    BOOST_TEST(badarg("[{port,70000}]"));
    BOOST_TEST(badarg("[{nodelay,true}]"));
    BOOST_TEST(badarg("[{packet,2}]"));
    BOOST_TEST(badarg("[{linger,{true,1}}]"));
    BOOST_TEST(badarg("[{keepalive,true}]"));
    BOOST_TEST(badarg("[{udp_module,inet_udp}]"));
    BOOST_TEST(badarg("[{netns,foo}]"));
    BOOST_TEST(badarg("[{netns,[47|foo]}]"));
    BOOST_TEST(badarg("[{raw,1,2,3}]"));
    BOOST_TEST(badarg("[{extra,1}]"));
    BOOST_TEST(inet_test::describe(run([] {
                   return inet::getifaddrs(esock::lit("[{netns,\"/x\"}|foo]"));
               })) == "raises function_clause");
    for (const char* ok : {"[]",
                           "[{active,true}]",
                           "[binary]",
                           "[list]",
                           "[{reuseaddr,true}]",
                           "[{tos,16}]",
                           "[{buffer,100}]",
                           "[{recbuf,-1}]",
                           "[{read_packets,5}]",
                           "[{broadcast,true}]",
                           "[{multicast_ttl,2}]",
                           "[{add_membership,{{224,0,0,1},{0,0,0,0}}}]",
                           "[{bind_to_device,<<\"lo\">>}]",
                           "[{raw,1,2,<<1,0,0,0>>}]",
                           "[{header,2}]",
                           "[{mode,binary}]",
                           "[{deliver,term}]",
                           "[{recvtos,true}]",
                           "[{ttl,5}]",
                           "[{high_msgq_watermark,100}]",
                           "[{port,0}]",
                           "[{ip,{127,0,0,1}}]"}) {
        BOOST_TEST(inet::getifaddrs(esock::lit(ok)) == inet::getifaddrs(), ok);
    }
    // A path in any string form; the last {netns, Path} counts.
    BOOST_TEST(esock::format_w(inet::getifaddrs(
                   esock::lit("[{netns,[\"/nonexistent/\",<<\"ns\">>]}]"))) == "{error,enoent}");
    BOOST_TEST(esock::format_w(inet::getifaddrs(esock::lit("[{netns,<<\"\">>}]"))) ==
               "{error,enoent}");
    BOOST_TEST(esock::format_w(inet::getifaddrs(
                   esock::lit("[{netns,\"/proc/self/ns/net\"},{netns,\"/nonexistent\"}]"))) ==
               "{error,enoent}");
}

BOOST_AUTO_TEST_CASE(a_namespace_the_test_creates_lists_its_own_interfaces) {
    if (::geteuid() != 0 || !output_of("ip netns list")) {
        BOOST_TEST_MESSAGE("skipped: creating a network namespace needs root and `ip netns`");
        return;
    }
    const std::string name = "esock_inet_test_" + std::to_string(::getpid());
    if (!output_of("ip netns add " + name)) {
        BOOST_TEST_MESSAGE("skipped: `ip netns add` failed here");
        return;
    }
    struct cleanup {
        std::string name;
        ~cleanup() { (void)output_of("ip netns del " + name); }
    } const remove_it{name};
    (void)output_of("ip -n " + name + " link set lo up");
    // A point-to-point link when tun devices exist, for dstaddr.
    if (output_of("ip -n " + name + " tuntap add tun7 mode tun")) {
        (void)output_of("ip -n " + name + " link set tun7 up");
        (void)output_of("ip -n " + name + " addr add 10.57.0.1 peer 10.57.0.2 dev tun7");
    }
    const std::string path = "/var/run/netns/" + name;
    const auto pair = host_and_ip(name);
    BOOST_TEST_REQUIRE(pair.has_value());
    BOOST_TEST(pair->first == pair->second, "getifaddrs(netns) "
                                                << esock::format_p(pair->first)
                                                << "\nip: " << esock::format_p(pair->second));
    BOOST_TEST(pair->first != inet::getifaddrs());
    // The path as a binary and as a deep list, too.
    BOOST_TEST(inet::getifaddrs(esock::lit("[{netns,<<\"" + path + "\">>}]")) == pair->first);
    BOOST_TEST(inet::getifaddrs(esock::lit("[{netns,[\"/var/run/netns/\",\"" + name + "\"]}]")) ==
               pair->first);
    // The calling thread is back in its own namespace afterwards.
    BOOST_TEST(entry_of(inet::getifaddrs(), "lo") != at::false_);
}
