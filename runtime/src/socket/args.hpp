#ifndef ESOCK_SOCKET_ARGS_HPP
#define ESOCK_SOCKET_ARGS_HPP

// Argument decoding shared by the socket calls: timeouts, message flags,
// iodata, domain/type/protocol names.

#include <cstdint>
#include <optional>

#include <esock/term.hpp>

namespace esock::socket::detail {

/// A decoded Timeout argument.
struct timeout_arg {
    enum class kind : std::uint8_t { infinite, millis, nowait, handle } k = kind::infinite;
    std::int64_t ms = 0;
    term handle;  // for kind::handle

    [[nodiscard]] bool is_async() const noexcept { return k == kind::nowait || k == kind::handle; }
};

/// infinity | nowait | reference() | integer >= 0; else throws
/// erl_error({invalid, {timeout, T}}).
[[nodiscard]] timeout_arg parse_timeout(const term& t);
/// True when `t` would parse as a timeout.
[[nodiscard]] bool is_timeout(const term& t) noexcept;

/// A list of msg_flag() atoms and non-negative integers, or'ed, through the
/// generated flag table. Throws badarg when `t` is not a list and
/// {invalid, {msg_flags, Rest}} for a bad element or tail; sets *bad to the
/// first unknown flag atom (and returns 0) otherwise.
[[nodiscard]] int parse_msg_flags(const term& t, term* bad);

/// iodata() flattened to one binary (a binary is returned as is, without a
/// copy). Throws badarg when `t` is neither a binary nor a list, and
/// {invalid, {data, T}} when a list holds something else than bytes,
/// binaries and lists.
[[nodiscard]] term iodata_to_binary(const term& t);

/// domain()/type()/protocol names <-> numbers. nullopt for unknown names.
[[nodiscard]] std::optional<int> domain_number(const term& t);
[[nodiscard]] std::optional<int> type_number(const term& t);
[[nodiscard]] std::optional<int> protocol_number(const term& t);
/// The atom for a number, or the integer itself when unnamed.
[[nodiscard]] term domain_term(int d);
[[nodiscard]] term type_term(int t);
[[nodiscard]] term protocol_term(int p);

}  // namespace esock::socket::detail

#endif  // ESOCK_SOCKET_ARGS_HPP
