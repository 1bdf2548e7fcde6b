// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_TERM_RESULT_TERMS_HPP
#define ESOCK_TERM_RESULT_TERMS_HPP

// The plain result shapes of every layer ({ok, V}, {error, Reason},
// {invalid, What}) and the exception OTP raises, written once. The socket
// layer's own shapes (select, abort, rest data) are in
// socket/core/results.hpp. Internal to the runtime.

#include <utility>

#include <esock/error.hpp>
#include <esock/posix.hpp>
#include <esock/term.hpp>

namespace esock::result_terms {

/// {ok, V}
[[nodiscard]] inline term ok(term v) {
    return tuple(atoms::ok, std::move(v));
}
/// {error, Reason}
[[nodiscard]] inline term error(term reason) {
    return tuple(atoms::error, std::move(reason));
}
/// {error, Reason} for a failed system call: Reason is errno's atom.
[[nodiscard]] inline term posix_error(int e) {
    return error(posix_error_atom(e));
}
/// {invalid, What}, as an error reason or a raised one.
[[nodiscard]] inline term invalid(term what) {
    return tuple(atoms::invalid, std::move(what));
}
/// Raises `reason` as an erl_error, where OTP raises rather than returns.
[[noreturn]] inline void raise(term reason) {
    throw erl_error(std::move(reason));
}
/// {error, {invalid, {socket_option, Opt}}}: an unknown or unusable option.
[[nodiscard]] inline term invalid_option(const term& opt) {
    return error(tuple(atoms::invalid, tuple(atoms::socket_option, opt)));
}

}  // namespace esock::result_terms

#endif  // ESOCK_TERM_RESULT_TERMS_HPP
