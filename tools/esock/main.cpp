// SPDX-License-Identifier: Apache-2.0
// The esock command line.
//
//   esock supports [KEY [LEVEL]]     socket:supports/0,1,2 as Erlang terms
//   esock term [--format=w|p] [--line-length=N] TERM
//                                    parse one Erlang literal and print it as
//                                    io_lib:format("~w") (default) or ("~*p")
//   esock info                       socket:info() as io:format("~p~n") prints it
//   esock --version                  the library's version

#include <charconv>
#include <climits>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include <esock/socket.hpp>
#include <esock/term_text.hpp>

#include "supports_cmd.hpp"

namespace {

constexpr std::string_view usage_head =
    "usage: esock supports [KEY [LEVEL]]\n"
    "       esock term [--format=w|p] [--line-length=N] TERM\n"
    "       esock info\n"
    "       esock --version\n";
constexpr std::string_view term_usage =
    "  term [--format=w|p] [--line-length=N] TERM  parse TERM (one Erlang\n"
    "         literal, a trailing '.' allowed) and print it once: --format=w as\n"
    "         io_lib:format(\"~w\") (the default), --format=p as\n"
    "         io_lib:format(\"~*p\", [N, TERM]), laid out over lines of N\n"
    "         characters (default 9999; 0 for one line); a parse error goes\n"
    "         to stderr as LINE:COLUMN: MESSAGE with exit status 1\n"
    "  info  print socket:info(), this process's global counters and settings,\n"
    "         as io:format(\"~p~n\", [socket:info()]) prints it\n";

int usage(int status) {
    (status == 0 ? std::cout : std::cerr)
        << usage_head << esock::tools::supports_usage << term_usage;
    return status;
}

int term_command(const std::vector<std::string_view>& args) {
    bool pretty = false;
    int line_length = 9999;
    bool line_length_given = false;
    std::vector<std::string_view> rest;
    for (std::string_view a : args) {
        if (a == "--format=w") {
            pretty = false;
        } else if (a == "--format=p") {
            pretty = true;
        } else if (a.starts_with("--format=")) {
            std::cerr << "esock term: unknown format '" << a.substr(9) << "' (use w or p)\n";
            return 2;
        } else if (a.starts_with("--line-length=")) {
            const std::string_view n = a.substr(14);
            auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), line_length);
            if (ec != std::errc() || end != n.data() + n.size() || line_length < 0) {
                std::cerr << "esock term: bad line length '" << n << "' (use an integer from 0 to "
                          << INT_MAX << ")\n";
                return 2;
            }
            line_length_given = true;
        } else {
            rest.push_back(a);
        }
    }
    if (rest.size() != 1) return usage(2);
    if (line_length_given && !pretty) {
        std::cerr << "esock term: --line-length goes with --format=p\n";
        return 2;
    }
    esock::parse_result r = esock::parse_term(rest[0]);
    if (!r.ok()) {
        std::cerr << "esock term: " << r.error.to_string() << "\n";
        return 1;
    }
    std::string out = pretty ? esock::format_p(*r.value, line_length) : esock::format_w(*r.value);
    out.push_back('\n');
    std::fwrite(out.data(), 1, out.size(), stdout);
    return std::fflush(stdout) == 0 ? 0 : 1;
}

// What io:format("~p~n", [socket:info()]) prints: ~p lays out over 80
// columns.
int info_command() {
    std::string out = esock::format_p(esock::socket::info(), 80);
    out.push_back('\n');
    std::fwrite(out.data(), 1, out.size(), stdout);
    return std::fflush(stdout) == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string_view> args(argv + 1, argv + argc);
    if (args.empty()) return usage(2);
    const std::string_view command = args.front();
    args.erase(args.begin());
    if (command == "term") return term_command(args);
    if (command == "info" && args.empty()) return info_command();
    if (command == "supports") return esock::tools::supports_command(args, std::cout, std::cerr);
    if (command == "--help" || command == "-h" || command == "help") return usage(0);
    if (command == "--version" && args.empty()) {
        std::cout << "esock " << ESOCK_VERSION << "\n";
        return 0;
    }
    std::cerr << "esock: unknown command '" << command << "'\n";
    return usage(2);
}
