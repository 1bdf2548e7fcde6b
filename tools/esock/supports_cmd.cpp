// SPDX-License-Identifier: Apache-2.0
#include "supports_cmd.hpp"

#include <string>

#include <esock/supports.hpp>
#include <esock/term_text.hpp>

namespace esock::tools {
namespace {

// erl's shell prints with ~p at 80 columns.
constexpr int line_length = 80;

}  // namespace

int supports_command(const std::vector<std::string_view>& args, std::ostream& out,
                     std::ostream& err) {
    if (args.size() > 2) {
        err << "usage: esock supports [KEY [LEVEL]]\n";
        return 2;
    }
    std::vector<term> keys;
    for (std::string_view a : args) {
        parse_result r = parse_term(a);
        if (!r.ok()) {
            err << "esock supports: " << a << ": " << r.error.to_string() << "\n";
            return 2;
        }
        keys.push_back(*r.value);
    }
    term answer;
    if (keys.empty()) {
        answer = socket::supports();
    } else if (keys.size() == 1) {
        answer = socket::supports(keys[0]);
    } else {
        answer = socket::supports(keys[0], keys[1]);
    }
    std::string text;
    write_p(text, answer, line_length);
    text += '\n';
    out << text;
    return out.good() ? 0 : 1;
}

}  // namespace esock::tools
