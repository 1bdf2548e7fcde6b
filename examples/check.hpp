// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_EXAMPLES_CHECK_HPP
#define ESOCK_EXAMPLES_CHECK_HPP

// What the examples write where Erlang code writes a match: `{ok, S} =
// socket:open(...)` stops the process with a badmatch when the call returns
// anything else; ok_value() and expect() stop the example the same way,
// printing what came back, so that `meson test` sees it fail.

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include <esock/pattern.hpp>
#include <esock/term.hpp>
#include <esock/term_text.hpp>

namespace example {

/// {ok, Value} = Result: the Value.
inline esock::term ok_value(const esock::term& result, std::string_view call) {
    if (esock::matches(result, esock::lit("{ok, '_'}"))) return *result.element(1);
    std::fprintf(stderr, "%.*s: no match of %s\n", static_cast<int>(call.size()), call.data(),
                 esock::format_w(result).c_str());
    std::exit(1);
}

/// Pattern = Result, with '_' for any term.
inline void expect(const esock::term& result, std::string_view pattern, std::string_view call) {
    if (esock::matches(result, esock::lit(pattern))) return;
    std::fprintf(stderr, "%.*s: no match of %s, expected %.*s\n", static_cast<int>(call.size()),
                 call.data(), esock::format_w(result).c_str(), static_cast<int>(pattern.size()),
                 pattern.data());
    std::exit(1);
}

}  // namespace example

#endif  // ESOCK_EXAMPLES_CHECK_HPP
