// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_TOOLS_SUPPORTS_CMD_HPP
#define ESOCK_TOOLS_SUPPORTS_CMD_HPP

// `esock supports [KEY [LEVEL]]`: socket:supports/0,1,2 printed as Erlang
// terms, laid out as erl's ~p lays out lists (one element per line when the
// term does not fit in 80 columns).

#include <ostream>
#include <string_view>
#include <vector>

namespace esock::tools {

/// Runs `esock supports` with the words after "supports" in `args`: none,
/// KEY, or KEY LEVEL, each an Erlang literal (an atom such as options or
/// 'IP'). Writes the answer and a newline to `out`, usage and parse errors
/// to `err`. Returns the exit status: 0, or 2 for bad arguments.
int supports_command(const std::vector<std::string_view>& args, std::ostream& out,
                     std::ostream& err);

/// The usage line of the command, for the program's help text.
inline constexpr std::string_view supports_usage =
    "  supports [KEY [LEVEL]]  print socket:supports(), supports(KEY) or\n"
    "         supports(KEY, LEVEL) (KEY and LEVEL are Erlang literals, e.g. options,\n"
    "         msg_flags, protocols, ioctl_requests, ioctl_flags; LEVEL e.g. ip)\n";

}  // namespace esock::tools

#endif  // ESOCK_TOOLS_SUPPORTS_CMD_HPP
