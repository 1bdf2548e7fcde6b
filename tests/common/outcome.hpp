// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_TESTS_COMMON_OUTCOME_HPP
#define ESOCK_TESTS_COMMON_OUTCOME_HPP

// What a call gave, for the replays of OTP 25's recordings: its result, or
// the reason it raised (whether OTP raises or returns is part of the answer).

#include <functional>
#include <optional>

#include <esock/error.hpp>
#include <esock/term.hpp>

namespace esock_test {

/// What a call gave: its result, or the reason it raised.
struct outcome {
    std::optional<esock::term> value;
    std::optional<esock::term> raised;
};

/// Runs `f` and keeps what it returned or the reason it raised.
inline outcome run(const std::function<esock::term()>& f) {
    try {
        return {f(), std::nullopt};
    } catch (const esock::erl_error& e) {
        return {std::nullopt, e.reason()};
    }
}

}  // namespace esock_test

#endif  // ESOCK_TESTS_COMMON_OUTCOME_HPP
