// SPDX-License-Identifier: Apache-2.0
#include "supports_cmd.hpp"

#include <string>

#include <esock/supports.hpp>
#include <esock/term_text.hpp>

namespace esock::tools {
namespace {

// erl's shell prints with ~p at 80 columns.
constexpr std::size_t line_width = 80;

// Appends `t` starting at column `column` as ~p would: on one line when it
// fits, otherwise a list or tuple with its elements one per line, aligned
// under the first. The recursion follows the term's nesting, which the
// supports() answers keep to three levels.
void layout(std::string& out, const term& t, std::size_t column) {
    const std::string flat = format_w(t);
    if (column + flat.size() <= line_width || (!t.is_cons() && !t.is_tuple())) {
        out += flat;
        return;
    }
    std::vector<term> items;
    char open = '[';
    char close = ']';
    if (t.is_tuple()) {
        open = '{';
        close = '}';
        const auto e = t.tuple_elements();
        items.assign(e.begin(), e.end());
    } else if (auto v = t.list_to_vector()) {
        items = std::move(*v);
    } else {
        out += flat;  // improper lists do not occur in supports() answers
        return;
    }
    out += open;
    const std::size_t inner = column + 1;
    if (t.is_tuple()) {
        // {Key, Value}: as ~p, the key stays on the line and the value follows it.
        std::size_t col = inner;
        for (std::size_t i = 0; i < items.size(); ++i) {
            const std::size_t before = out.size();
            layout(out, items[i], col);
            const std::size_t last_nl = out.find_last_of('\n');
            col = (last_nl == std::string::npos || last_nl < before) ? col + (out.size() - before)
                                                                     : out.size() - last_nl - 1;
            if (i + 1 < items.size()) {
                out += ',';
                ++col;
            }
        }
    } else {
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i > 0) {
                out += ",\n";
                out.append(inner, ' ');
            }
            layout(out, items[i], inner);
        }
    }
    out += close;
}

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
    layout(text, answer, 0);
    text += '\n';
    out << text;
    return out.good() ? 0 : 1;
}

}  // namespace esock::tools
