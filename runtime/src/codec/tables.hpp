// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_CODEC_TABLES_HPP
#define ESOCK_CODEC_TABLES_HPP

// The tables generated from spec/: protocol levels, socket options, value
// types with their codecs, control messages, message flags, ioctl requests
// and flags, domains, socket types, protocols and the supports() features.
// The data lives in generated/*.cpp; this header is the runtime's view of
// it. Everything here is immutable after start-up and thread-safe to read.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include <esock/term.hpp>

namespace esock::codec {

/// The bytes of a native value: up to `inline_capacity` of them (an int, a
/// struct of an option or a control message) in the object itself, so that
/// encoding one allocates nothing, more on the heap. Not thread-safe to
/// modify; a value type.
class native_bytes {
  public:
    static constexpr std::size_t inline_capacity = 64;

    native_bytes() noexcept = default;
    /// Takes over `v`'s bytes.
    native_bytes& operator=(std::vector<std::uint8_t>&& v) noexcept {
        heap_ = std::move(v);
        on_heap_ = true;
        size_ = heap_.size();
        return *this;
    }

    [[nodiscard]] std::uint8_t* data() noexcept { return on_heap_ ? heap_.data() : inline_.data(); }
    [[nodiscard]] const std::uint8_t* data() const noexcept {
        return on_heap_ ? heap_.data() : inline_.data();
    }
    [[nodiscard]] std::size_t size() const noexcept { return size_; }
    [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
    [[nodiscard]] std::uint8_t& operator[](std::size_t i) noexcept { return data()[i]; }
    [[nodiscard]] const std::uint8_t& operator[](std::size_t i) const noexcept { return data()[i]; }
    [[nodiscard]] const std::uint8_t* begin() const noexcept { return data(); }
    [[nodiscard]] const std::uint8_t* end() const noexcept { return data() + size_; }
    // NOLINTNEXTLINE(google-explicit-constructor): read as the bytes they are
    operator std::span<const std::uint8_t>() const noexcept { return {data(), size_}; }

    /// `n` bytes; new ones are zero, as std::vector's resize makes them.
    void resize(std::size_t n) {
        if (!on_heap_ && n <= inline_capacity) {
            if (n > size_) std::fill(inline_.begin() + size_, inline_.begin() + n, 0);
        } else {
            move_to_heap();
            heap_.resize(n);
        }
        size_ = n;
    }
    void push_back(std::uint8_t b) {
        resize(size_ + 1);
        data()[size_ - 1] = b;
    }

  private:
    void move_to_heap() {
        if (on_heap_) return;
        heap_.assign(inline_.begin(), inline_.begin() + size_);
        on_heap_ = true;
    }

    std::array<std::uint8_t, inline_capacity> inline_{};
    std::vector<std::uint8_t> heap_;
    std::size_t size_ = 0;
    bool on_heap_ = false;
};

/// Bytes for setsockopt() or a control message's payload, as a value codec
/// produced them from a term.
struct native_value {
    native_bytes bytes;
    /// Pass a null pointer and length 0 instead of the bytes (the value null
    /// of {ip, msfilter}).
    bool null_pointer = false;
};

/// Term -> native bytes; nullopt rejects the value (the runtime then reports
/// {invalid, {socket_option, Opt, Value}} or the control message error).
using encode_fn = std::optional<native_value> (*)(const term& value);
/// Native bytes -> term; nullopt when the bytes are too short or malformed.
/// Never reads outside `bytes`.
using decode_fn = std::optional<term> (*)(std::span<const std::uint8_t> bytes);

/// A value type of spec/types.yaml.
struct value_type {
    std::string_view name;
    std::string_view kind;    ///< bool, int, enum, string, struct, address, special, erlang
    encode_fn encode;         ///< nullptr when the type cannot be written (or is an otp type)
    decode_fn decode;         ///< nullptr when the type cannot be read (or is an otp type)
    std::size_t native_size;  ///< bytes to offer getsockopt(); 0 when not readable natively
};

/// Whether an option can be read, written or both (spec `access`).
enum class access : std::uint8_t { get = 1, set = 2, both = 3 };

[[nodiscard]] constexpr bool can_get(access a) noexcept {
    return (static_cast<unsigned>(a) & 1U) != 0;
}
[[nodiscard]] constexpr bool can_set(access a) noexcept {
    return (static_cast<unsigned>(a) & 2U) != 0;
}

/// A protocol level of spec/levels.yaml.
struct level_info {
    std::string_view name;      ///< the level atom's text (socket, ip, ...)
    std::string_view constant;  ///< the C constant used, "" for otp or when undefined
    bool native;                ///< false for otp, which never reaches the kernel
    bool defined;               ///< the constant exists on this platform
    int number;                 ///< the native level; valid when `defined`
};

/// A socket option of spec/options/LEVEL.yaml.
struct option_info {
    std::string_view level;     ///< canonical level atom text
    std::string_view name;      ///< option atom text
    std::string_view constant;  ///< the C constant used, "" for otp options or when undefined
    const level_info* level_ref;
    bool defined;    ///< the constant (and guard) exist in this platform's headers
    bool supported;  ///< defined and not disabled by the spec: what supports() reports
    /// getopt/setopt may use it: defined, with a value type, not disabled
    /// (unless the spec marks it callable, as {socket, peek_off})
    bool usable;
    int number;  ///< the native option; valid when `defined`
    access mode;
    const value_type* type;  ///< nullptr for options the spec keeps without a value type
};

/// Where a control message is used.
enum class direction : std::uint8_t { send = 1, recv = 2, both = 3 };

/// A control message of spec/cmsgs.yaml.
struct cmsg_info {
    std::string_view level;  ///< level atom text
    std::string_view type;   ///< type atom text
    std::string_view constant;
    const level_info* level_ref;
    bool defined;  ///< the constant exists on this platform
    int number;    ///< cmsg_type; valid when `defined`
    direction dir;
    const value_type* send_value;  ///< nullptr: sent as native data only
    const value_type* recv_value;  ///< nullptr: received as native data only (no value key)
};

/// Where a message flag applies (bits of named_constant::where).
inline constexpr std::uint8_t where_send = 1;
inline constexpr std::uint8_t where_recv = 2;
inline constexpr std::uint8_t where_msghdr = 4;

/// An atom standing for a C constant: domains, socket types, protocols, msg
/// flags, ioctl requests and flags.
struct named_constant {
    std::string_view name;      ///< atom text
    std::string_view constant;  ///< the C constant used, "" when undefined
    bool defined;               ///< the constant exists on this platform
    std::int64_t value;         ///< valid when `defined`
    std::uint8_t where;         ///< msg flags: where_* bits; ioctl requests: 1 get, 2 set
    bool openable;              ///< domains and socket types: open/2,3,4 takes the name
};

/// A boolean key of supports() (sctp, ipv6, local, netns, sendfile).
struct feature_info {
    std::string_view name;
    bool supported;
};

// -- the tables, in spec order unless noted -----------------------------------

[[nodiscard]] std::span<const value_type> value_types() noexcept;
[[nodiscard]] std::span<const level_info> levels() noexcept;
/// Sorted by (level, name).
[[nodiscard]] std::span<const option_info> options() noexcept;
/// Sorted by (level, type).
[[nodiscard]] std::span<const cmsg_info> cmsgs() noexcept;
[[nodiscard]] std::span<const named_constant> domains() noexcept;
[[nodiscard]] std::span<const named_constant> socket_types() noexcept;
[[nodiscard]] std::span<const named_constant> protocols() noexcept;
[[nodiscard]] std::span<const named_constant> msg_flags() noexcept;
[[nodiscard]] std::span<const named_constant> ioctl_requests() noexcept;
[[nodiscard]] std::span<const named_constant> ioctl_flags() noexcept;
[[nodiscard]] std::span<const feature_info> features() noexcept;

// -- lookups --------------------------------------------------------------------

/// The value type named `name`, or nullptr.
[[nodiscard]] const value_type* find_value_type(std::string_view name) noexcept;
/// The level named `name` (canonical atoms only), or nullptr.
[[nodiscard]] const level_info* find_level(std::string_view name) noexcept;
[[nodiscard]] const level_info* find_level(atom name) noexcept;
/// The level whose native number is `number` (the first in spec order), or nullptr.
[[nodiscard]] const level_info* find_native_level(int number) noexcept;
/// The option {level, name}, or nullptr. O(log n).
[[nodiscard]] const option_info* find_option(std::string_view level,
                                             std::string_view name) noexcept;
[[nodiscard]] const option_info* find_option(atom level, atom name) noexcept;
/// The option with native numbers (level, number) among the defined ones, or
/// nullptr. O(log n).
[[nodiscard]] const option_info* find_native_option(int level, int number) noexcept;
/// The control message {level, type}, or nullptr.
[[nodiscard]] const cmsg_info* find_cmsg(std::string_view level, std::string_view type) noexcept;
[[nodiscard]] const cmsg_info* find_cmsg(atom level, atom type) noexcept;
/// The defined control message with native numbers (level, type) used in
/// direction `dir` (send or recv), or nullptr. O(log n).
[[nodiscard]] const cmsg_info* find_native_cmsg(int level, int type, direction dir) noexcept;
/// The entry named `name` in `table`, or nullptr.
[[nodiscard]] const named_constant* find_named(std::span<const named_constant> table,
                                               std::string_view name) noexcept;
/// The first defined entry of `table` whose value is `value`, or nullptr.
[[nodiscard]] const named_constant* find_named_value(std::span<const named_constant> table,
                                                     std::int64_t value) noexcept;

}  // namespace esock::codec

#endif  // ESOCK_CODEC_TABLES_HPP
