// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_CODEC_IOCTL_HPP
#define ESOCK_CODEC_IOCTL_HPP

// ioctl/2,3,4 from spec/ioctl.yaml: what each request takes and reads or
// writes (generated/ioctl.cpp has the tables), and the terms of the values
// that are no sockaddr: interface names, flag lists and maps, hardware
// addresses and device maps. Pure functions over immutable tables,
// thread-safe.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <esock/term.hpp>

#include "codec/tables.hpp"
#include "sys/ioctl.hpp"

namespace esock::codec {

/// What ioctl takes after the request (spec `argument`): nothing
/// (ioctl/2), an interface index (an integer) or an interface name (a
/// string).
enum class ioctl_argument : std::uint8_t { none, ifindex, ifname };

/// What a request reads or writes (spec `value`).
enum class ioctl_value : std::uint8_t {
    ifconf,    ///< [#{name => string(), addr => sockaddr()}]
    ifname,    ///< string()
    ifindex,   ///< integer()
    sockaddr,  ///< sockaddr()
    hwaddr,    ///< #{family => atom() | integer(), addr => binary()}
    flags,     ///< [flag atom | integer()]; a set takes #{flag => boolean()}
    ifmap,     ///< #{mem_start, mem_end, base_addr, irq, dma, port}
    mtu,       ///< integer()
    txqlen,    ///< integer()
};

/// A request of ioctl/2,3,4 (spec/ioctl.yaml, listed requests in spec
/// order, then the unlisted ones).
struct ioctl_request_info {
    std::string_view name;  ///< the request atom's text
    /// Index into ioctl_requests(); -1 for a request OTP 25's NIF does not
    /// list (it answers {error, {invalid, {ioctl_request, Name}}}).
    int listed;
    ioctl_argument argument;
    ioctl_value value;
    /// The value's name: the atom of {invalid, Value} for a set value that
    /// does not fit the kernel's field.
    std::string_view value_name;
    access mode;  ///< get or set
    /// Index into ioctl_request_infos() of the get request whose answer a
    /// set changes (sifflags starts from gifflags); -1 for the others.
    int starts_from;
};

[[nodiscard]] std::span<const ioctl_request_info> ioctl_request_infos() noexcept;
/// Indices into ioctl_flags() in the order gifflags lists flags (OTP's).
[[nodiscard]] std::span<const std::uint8_t> ioctl_flag_order() noexcept;
/// The hardware types (ARPHRD_*) gifhwaddr names, in spec order.
[[nodiscard]] std::span<const named_constant> ioctl_hardware_types() noexcept;

/// The request named `name`, or nullptr.
[[nodiscard]] const ioctl_request_info* find_ioctl_request(atom name) noexcept;
/// The arity of ioctl that takes request `r`: 2, 3 or 4.
[[nodiscard]] std::size_t ioctl_arity(const ioctl_request_info& r) noexcept;
/// The native request of `r` (its entry of ioctl_requests()), or nullptr
/// when OTP 25's NIF does not list it or this platform lacks its constant:
/// the call then answers {error, {invalid, {ioctl_request, Name}}}.
[[nodiscard]] const named_constant* native_request(const ioctl_request_info& r) noexcept;

/// The bytes of an interface name given as a string of Latin-1 characters
/// (a proper list of integers 0..255), or nullopt for anything else (OTP
/// raises badarg). Every byte is kept; the platform layer passes those up
/// to the first NUL, as many as the kernel's name field holds.
[[nodiscard]] std::optional<std::string> interface_name_bytes(const term& name);

/// The term of value `v` as get request `r` read it into `q`; nullopt when
/// it cannot be represented (a device map address beyond 2^63 - 1).
[[nodiscard]] std::optional<term> decode_ioctl_value(ioctl_value v,
                                                     const sys::interface_request& q);

/// The flags of `bits` in gifflags' order, then the bits no flag names as
/// one integer, last (as OTP 25 lists them).
[[nodiscard]] term decode_interface_flags(std::int16_t bits);

/// `current` with the changes of sifflags' map applied: each key a flag
/// atom of ioctl_flags(), set by true and cleared by false; a flag this
/// platform lacks, or one beyond the 16 bits the kernel's field has,
/// changes nothing. nullopt when a key is no flag atom or a value no
/// boolean: OTP 25 then writes the flags back unchanged.
[[nodiscard]] std::optional<std::int16_t> apply_interface_flags(std::int16_t current,
                                                                const term& changes);

}  // namespace esock::codec

#endif  // ESOCK_CODEC_IOCTL_HPP
