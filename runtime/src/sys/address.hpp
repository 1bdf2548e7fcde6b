// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_SYS_ADDRESS_HPP
#define ESOCK_SYS_ADDRESS_HPP

// Socket addresses as the kernel takes and gives them (struct sockaddr and
// its families), behind a neutral type: `address` holds the native bytes,
// and the functions here build and read the families the socket module
// names (inet, inet6, local, packet, and any family as raw bytes) from plain
// fields. The codec layer turns those fields into sockaddr() terms. Pure
// functions, thread-safe; every reader checks the length first.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace esock::sys {

/// Native socket address storage (sockaddr_storage) and its length.
struct address {
    alignas(8) std::array<std::uint8_t, 128> bytes{};
    std::uint32_t length = 0;
};

/// sockaddr_in: the address in network order, the port in host order.
struct inet_fields {
    std::array<std::uint8_t, 4> addr{};
    std::uint16_t port = 0;
};

/// sockaddr_in6: the address in network order, the rest in host order.
struct inet6_fields {
    std::array<std::uint8_t, 16> addr{};
    std::uint16_t port = 0;
    std::uint32_t flowinfo = 0;
    std::uint32_t scope_id = 0;
};

/// sockaddr_ll (AF_PACKET), integers in host order; `addr_length` of the
/// `addr` bytes are the hardware address.
struct packet_fields {
    std::uint16_t protocol = 0;
    std::int32_t ifindex = 0;
    std::uint16_t hatype = 0;
    std::uint8_t pkttype = 0;
    std::array<std::uint8_t, 8> addr{};
    std::uint8_t addr_length = 0;
};

/// The family of `a` (sa_family), or nullopt when it is too short to have one.
[[nodiscard]] std::optional<int> family_of(const address& a) noexcept;

[[nodiscard]] address make_inet(const inet_fields& f) noexcept;
/// nullopt unless `a` is an inet address of full length.
[[nodiscard]] std::optional<inet_fields> read_inet(const address& a) noexcept;

[[nodiscard]] address make_inet6(const inet6_fields& f) noexcept;
[[nodiscard]] std::optional<inet6_fields> read_inet6(const address& a) noexcept;

/// The longest local path: sun_path less the terminating NUL (107 on Linux).
[[nodiscard]] std::size_t max_local_path() noexcept;
/// A local address for `path` (at most max_local_path() bytes, else
/// nullopt). A filesystem path is passed with its terminating NUL; an
/// abstract name (leading NUL) and the empty autobind path with their exact
/// length.
[[nodiscard]] std::optional<address> make_local(std::span<const std::uint8_t> path) noexcept;
/// The path of a local address: up to the first NUL for a filesystem path,
/// exactly the bytes the kernel reported for an abstract name. The span
/// points into `a`.
[[nodiscard]] std::span<const std::uint8_t> read_local_path(const address& a) noexcept;

[[nodiscard]] address make_packet(const packet_fields& f) noexcept;
[[nodiscard]] std::optional<packet_fields> read_packet(const address& a) noexcept;

/// Family `family` followed by `raw` bytes (unspec, or a family by number);
/// nullopt when they do not fit.
[[nodiscard]] std::optional<address> make_raw(int family,
                                              std::span<const std::uint8_t> raw) noexcept;
/// The bytes after the family field (empty when there are none). The span
/// points into `a`.
[[nodiscard]] std::span<const std::uint8_t> raw_after_family(const address& a) noexcept;

/// An address of `length` bytes copied from `bytes` (what a control
/// message or option value carries); `length` is capped at the storage.
[[nodiscard]] address from_bytes(std::span<const std::uint8_t> bytes) noexcept;

}  // namespace esock::sys

#endif  // ESOCK_SYS_ADDRESS_HPP
