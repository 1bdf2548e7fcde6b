// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_SOCKET_API_ARGS_HPP
#define ESOCK_SOCKET_API_ARGS_HPP

// Argument decoding shared by the socket calls: timeouts, message flags and
// iodata, raising or returning what OTP 25 does for each bad form.

#include <esock/term.hpp>

#include "socket/core/core.hpp"

namespace esock::socket::api {

using core::timeout_arg;

/// infinity | nowait | reference() | integer >= 0; else throws
/// erl_error({invalid, {timeout, T}}).
[[nodiscard]] timeout_arg parse_timeout(const term& t);

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

/// A buffer of `size` bytes for a read whose size the caller chose (a recv
/// length, {otp, rcvbuf}, a recvmsg buffer size), or nullopt when there is
/// no memory for one: the call then returns {error, enomem} before reading
/// anything, where OTP 25 aborts the whole VM.
[[nodiscard]] std::optional<binary_buffer> read_buffer(std::size_t size) noexcept;

}  // namespace esock::socket::api

#endif  // ESOCK_SOCKET_API_ARGS_HPP
