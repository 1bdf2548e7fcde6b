// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_SOCKET_CORE_CORE_HPP
#define ESOCK_SOCKET_CORE_CORE_HPP

// The socket module's core, as the calls of socket/api see it: the socket
// records, the operation contract, the state machine and the result shapes.
// The one internal header an API source includes from the core.

#include "socket/core/operation.hpp"  // IWYU pragma: export
#include "socket/core/record.hpp"     // IWYU pragma: export
#include "socket/core/registry.hpp"   // IWYU pragma: export
#include "socket/core/results.hpp"    // IWYU pragma: export
#include "socket/core/state.hpp"      // IWYU pragma: export

#endif  // ESOCK_SOCKET_CORE_CORE_HPP
