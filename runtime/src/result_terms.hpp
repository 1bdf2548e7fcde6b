// The result shapes every call of the socket module returns, written once.
// Internal to the runtime.
#ifndef ESOCK_SRC_RESULT_TERMS_HPP
#define ESOCK_SRC_RESULT_TERMS_HPP

#include <utility>

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
/// {error, {invalid, {socket_option, Opt}}}: an unknown or unusable option.
[[nodiscard]] inline term invalid_option(const term& opt) {
    return error(tuple(atoms::invalid, tuple(atoms::socket_option, opt)));
}

}  // namespace esock::result_terms

#endif  // ESOCK_SRC_RESULT_TERMS_HPP
