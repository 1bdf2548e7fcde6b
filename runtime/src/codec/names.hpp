// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_CODEC_NAMES_HPP
#define ESOCK_CODEC_NAMES_HPP

// Domains, socket types and protocols: atoms <-> native numbers, from the
// spec's tables (spec/domains.yaml, socket_types.yaml, protocols.yaml) and,
// for protocols, the system's protocol database as OTP 25 consults it.
// Thread-safe.

#include <optional>

#include <esock/term.hpp>

#include "generated/ids.hpp"

namespace esock::codec {

/// The native value of a spec entry on this platform; nullopt where its
/// constant is undefined.
[[nodiscard]] std::optional<int> native(ids::domain d) noexcept;
[[nodiscard]] std::optional<int> native(ids::socket_type t) noexcept;

/// The spec's domain named `a`, or nullopt.
[[nodiscard]] std::optional<ids::domain> domain_named(atom a) noexcept;
/// The spec's domain whose native value is `family`, or nullopt.
[[nodiscard]] std::optional<ids::domain> domain_of(int family) noexcept;
/// The atom of a spec domain.
[[nodiscard]] atom domain_atom(ids::domain d);

/// open's Domain and Type: an atom of the spec that open takes (openable),
/// or an integer that is a C int. nullopt for anything else.
[[nodiscard]] std::optional<int> open_domain(const term& t);
[[nodiscard]] std::optional<int> open_type(const term& t);

/// A protocol: `default` (0), an integer that is a C int, a name of
/// spec/protocols.yaml or a name or alias of the protocol database. nullopt
/// for anything else.
[[nodiscard]] std::optional<int> protocol_number(const term& t);
/// The same for an atom (a level of getopt_native, a cmsg level).
[[nodiscard]] std::optional<int> protocol_number(atom a);

/// info/1's names: the spec's atom for a number, the protocol database's
/// first name for a protocol the spec does not name, else the integer.
[[nodiscard]] term domain_term(int d);
[[nodiscard]] term type_term(int t);
[[nodiscard]] term protocol_term(int p);

}  // namespace esock::codec

#endif  // ESOCK_CODEC_NAMES_HPP
