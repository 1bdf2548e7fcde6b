// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_SYS_PROTOCOLS_HPP
#define ESOCK_SYS_PROTOCOLS_HPP

// The system's protocol database (protocols(5)), read once on first use, as
// OTP reads it once when the VM starts: its names and aliases by number.
// Immutable afterwards; thread-safe.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace esock::sys {

/// One protocol of the database: its name, then its aliases.
struct protocol_entry {
    int number = 0;
    std::vector<std::string> names;
};

/// Every entry, in the database's order.
[[nodiscard]] std::span<const protocol_entry> protocol_database();
/// The number of the protocol with this name or alias, or nullopt.
[[nodiscard]] std::optional<int> protocol_number(std::string_view name);
/// The database's entry for `number`, or nullptr.
[[nodiscard]] const protocol_entry* protocol_of(int number);

}  // namespace esock::sys

#endif  // ESOCK_SYS_PROTOCOLS_HPP
