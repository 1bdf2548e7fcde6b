// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_ERROR_HPP
#define ESOCK_ERROR_HPP

/// The one exception type esock throws: an Erlang error exception (what OTP's
/// socket module raises with erlang:error/1), carrying the same reason term,
/// e.g. badarg or {invalid, {timeout, foo}}. OS and peer conditions are never
/// exceptions; they are {error, Reason} results.

#include <exception>
#include <string>

#include <esock/export.hpp>
#include <esock/term.hpp>

namespace esock {

/// An Erlang `error:Reason` exception. Copyable; thread-safe to share.
class ESOCK_API erl_error : public std::exception {
  public:
    /// An exception carrying `reason` (what() is computed once, here).
    explicit erl_error(term reason);

    /// The reason term (badarg, {invalid, What}, ...).
    [[nodiscard]] const term& reason() const noexcept { return reason_; }
    /// "error:" followed by the reason as ~w prints it, abbreviated: parts
    /// nested deeper than 12 levels, binaries over 256 bytes, the rest of a
    /// tuple, list or map of more than 32 elements and anything past the
    /// first 1024 terms print as '...' (a reason can be any term a caller
    /// passed in; reason() is always the whole of it).
    [[nodiscard]] const char* what() const noexcept override { return text_.c_str(); }

  private:
    term reason_;
    std::string text_;
};

}  // namespace esock

#endif  // ESOCK_ERROR_HPP
