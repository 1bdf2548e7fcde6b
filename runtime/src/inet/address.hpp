// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_INET_ADDRESS_HPP
#define ESOCK_INET_ADDRESS_HPP

// The inet module's address texts: the six parsers of inet:parse_*address/1
// and ntoa/1, over any term as OTP 25 takes it (a string, possibly
// improper, with any elements) and over plain text for the layers above.
// Pure functions, thread-safe, never recursive; the work is linear in the
// length of the input.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <esock/term.hpp>

namespace esock::inet::core {

/// Which of inet's address parsers.
enum class parser : std::uint8_t {
    address,         ///< parse_address: relaxed IPv4, else strict IPv6
    strict_address,  ///< parse_strict_address: strict IPv4, else strict IPv6
    ipv4,            ///< parse_ipv4_address: 1 to 4 fields, octal and hex
    ipv4_strict,     ///< parse_ipv4strict_address: dotted decimal quad
    ipv6,            ///< parse_ipv6_address: relaxed IPv4 as v4-mapped, else strict IPv6
    ipv6_strict,     ///< parse_ipv6strict_address
};

/// What a parser made of its input, as OTP decides it.
enum class parse_status : std::uint8_t {
    ok,               ///< an address
    einval,           ///< {error, einval}
    function_clause,  ///< OTP raises error:function_clause (improper lists, non-lists)
};

/// A parsed address: 4 bytes of IPv4, or 8 groups of IPv6.
struct parsed_address {
    bool v6 = false;
    std::array<std::int64_t, 8> parts{};
    /// The second IPv6 group when a scope id made of float elements made it a
    /// float (OTP's scope parser does arithmetic on whatever compares as a
    /// digit); only term input can do that.
    std::optional<double> float_group1;
};

struct parse_outcome {
    parse_status status = parse_status::einval;
    parsed_address address;
};

/// Runs `which` on term `input` exactly as OTP 25's inet_parse does.
[[nodiscard]] parse_outcome parse(parser which, const term& input);
/// Runs `which` on `text` taken as a proper list of its bytes.
[[nodiscard]] parse_outcome parse(parser which, std::string_view text);
/// Runs `which` on list elements one by one, the list ending in [] when
/// `proper` (the general path, which term input whose elements are not all
/// bytes takes; parse() on bytes must agree with it).
[[nodiscard]] parse_outcome parse_elements(parser which, std::span<const term> elements,
                                           bool proper);

/// The address tuple of a successful parse.
[[nodiscard]] term address_term(const parsed_address& a);

/// The text inet:ntoa/1 gives for `addr` (an IPv4 or IPv6 address tuple),
/// or nullopt when ntoa returns {error, einval}.
[[nodiscard]] std::optional<std::string> ntoa_text(const term& addr);
/// inet:ntoa/1's string term for `addr`, or [] when ntoa returns
/// {error, einval} (no address prints as the empty string).
[[nodiscard]] term ntoa_term(const term& addr);
/// The same for IPv4 bytes and for the 8 groups of an IPv6 address.
[[nodiscard]] std::string ntoa_text(const std::array<std::uint8_t, 4>& addr);
[[nodiscard]] std::string ntoa_text(const std::array<std::uint16_t, 8>& groups);

/// inet:is_ipv4_address/1 and is_ipv6_address/1 as C++ booleans.
[[nodiscard]] bool is_ipv4(const term& t) noexcept;
[[nodiscard]] bool is_ipv6(const term& t) noexcept;

}  // namespace esock::inet::core

#endif  // ESOCK_INET_ADDRESS_HPP
