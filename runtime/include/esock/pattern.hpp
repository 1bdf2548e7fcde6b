// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_PATTERN_HPP
#define ESOCK_PATTERN_HPP

/// Matching terms against patterns, for selective receive and for checking
/// results: a pattern is a term in which the atom '_' matches any term, and
/// every other part must be equal (=:=). Tuples and lists match element by
/// element and must have the same length; a map matches a map with exactly
/// the pattern's keys, each value matching (unlike an Erlang map pattern,
/// which takes any map that has at least those keys). All functions are
/// thread-safe; none allocates unless a term or pattern nests more than 16
/// tuples, lists or maps deep.
///
///   auto sel = esock::pattern("{'$socket', '_', select, '_'}");
///   auto msg = esock::receive(sel, 1000);

#include <string_view>
#include <utility>

#include <esock/export.hpp>
#include <esock/term.hpp>

namespace esock {

/// Whether `t` matches `pattern`. Neither is walked recursively: terms and
/// patterns nested any depth are matched in a loop (what is pending lives on
/// the heap).
[[nodiscard]] ESOCK_API bool matches(const term& t, const term& pattern) noexcept;

/// A pattern as a predicate, for process::receive and esock::receive.
/// Copyable; immutable.
class ESOCK_API pattern {
  public:
    /// The pattern written as an Erlang literal; throws std::invalid_argument
    /// (as lit() does) when it does not parse.
    explicit pattern(std::string_view text);
    /// A pattern term built by the caller.
    explicit pattern(term p) noexcept : pattern_(std::move(p)) {}

    /// Whether `t` matches the pattern.
    [[nodiscard]] bool operator()(const term& t) const noexcept { return matches(t, pattern_); }
    /// The pattern term.
    [[nodiscard]] const term& get() const noexcept { return pattern_; }

  private:
    term pattern_;
};

}  // namespace esock

#endif  // ESOCK_PATTERN_HPP
