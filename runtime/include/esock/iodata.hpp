// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_IODATA_HPP
#define ESOCK_IODATA_HPP

/// \file
/// Plain C++ bytes where the socket functions take iodata.
///
/// The socket module takes Data as a term (a binary, or an iolist of
/// binaries and bytes). A C++ caller often has a string literal, a
/// std::string or a buffer of std::byte instead: bytes_view takes any of
/// them, so that `esock::socket::send(s, "hello")` compiles and sends the
/// same bytes as `send(s, <<"hello">>)` in Erlang.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <esock/export.hpp>
#include <esock/term.hpp>

namespace esock {

/// A view of bytes the caller owns, lent for one call: converts implicitly
/// from a string literal (without its terminating NUL), a std::string, a
/// std::string_view and a std::span of std::byte or std::uint8_t. It owns
/// nothing: the bytes must outlive the call. to_binary() copies them into a
/// binary term once. Trivially copyable; thread-safe to share.
class bytes_view {
  public:
    /// The bytes of a NUL-terminated string, without the NUL.
    constexpr bytes_view(const char* text) noexcept  // NOLINT(google-explicit-constructor)
        : bytes_(text) {}
    /// The bytes of `text`.
    constexpr bytes_view(std::string_view text) noexcept  // NOLINT(google-explicit-constructor)
        : bytes_(text) {}
    /// The bytes of `text` (which must outlive the view).
    bytes_view(const std::string& text) noexcept  // NOLINT(google-explicit-constructor)
        : bytes_(text) {}
    /// Raw bytes.
    bytes_view(std::span<const std::byte> bytes) noexcept  // NOLINT(google-explicit-constructor)
        : bytes_(reinterpret_cast<const char*>(bytes.data()), bytes.size()) {}
    /// Raw bytes.
    bytes_view(std::span<const std::uint8_t> bytes) noexcept  // NOLINT(google-explicit-constructor)
        : bytes_(reinterpret_cast<const char*>(bytes.data()), bytes.size()) {}

    /// The bytes as characters.
    [[nodiscard]] constexpr std::string_view view() const noexcept { return bytes_; }
    /// How many bytes there are.
    [[nodiscard]] constexpr std::size_t size() const noexcept { return bytes_.size(); }
    /// A binary term holding a copy of the bytes.
    [[nodiscard]] term to_binary() const { return binary(bytes_); }

  private:
    std::string_view bytes_;
};

}  // namespace esock

#endif  // ESOCK_IODATA_HPP
