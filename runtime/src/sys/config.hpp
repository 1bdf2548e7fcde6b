// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_SYS_CONFIG_HPP
#define ESOCK_SYS_CONFIG_HPP

// What this platform has, for the layers that include no OS header: the
// features of spec/features.yaml (sctp, ipv6, local, netns, sendfile), whose
// conditions generated/features.hpp evaluates against this platform's
// headers when libesock is compiled. The platform layer's own sources use
// its ESOCK_HAVE_* macros directly. Thread-safe.

#include "generated/ids.hpp"

namespace esock::sys {

/// Whether this platform has feature `f`.
[[nodiscard]] bool has(ids::feature f) noexcept;

}  // namespace esock::sys

#endif  // ESOCK_SYS_CONFIG_HPP
