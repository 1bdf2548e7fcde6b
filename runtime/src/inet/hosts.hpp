// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_INET_HOSTS_HPP
#define ESOCK_INET_HOSTS_HPP

// A hosts file (hosts(5)) as OTP's `file` lookup method reads it. Every
// line "Address Name Alias..." (after '#' a comment) whose address parses as
// inet:parse_address/1 takes it gives that address all its names; a line
// whose address carries a %scope is skipped, as are lines of one token and
// lines whose address does not parse. An address answers with every name
// the lines give it, in order; a name with every address that has it, in
// the order the addresses first appear, and with the names of the first of
// them. Names are bytes, matched without regard to ASCII case.
// Immutable once read; thread-safe to share.

#include <string>
#include <string_view>
#include <vector>

#include "inet/address.hpp"

namespace esock::inet::core {

/// What a lookup found: the names (primary first) and the addresses.
struct hosts_match {
    std::vector<std::u32string> names;
    std::vector<parsed_address> addresses;
};

class hosts_table {
  public:
    /// The table of the text of a hosts file.
    [[nodiscard]] static hosts_table parse(std::string_view text);
    /// The table of the file at `path`; empty when it cannot be read.
    [[nodiscard]] static hosts_table read(const std::string& path);

    /// The host named `lower_name` (already in ASCII lower case) among the
    /// addresses of family v6 or not; false when there is none.
    [[nodiscard]] bool by_name(const std::u32string& lower_name, bool v6, hosts_match& out) const;
    /// The names of address `a`; false when no line gives it.
    [[nodiscard]] bool by_address(const parsed_address& a, hosts_match& out) const;

  private:
    struct host {
        parsed_address address;
        std::vector<std::u32string> names;
        std::vector<std::u32string> lower_names;
    };
    std::vector<host> hosts_;  // in the order addresses first appear
};

}  // namespace esock::inet::core

#endif  // ESOCK_INET_HOSTS_HPP
