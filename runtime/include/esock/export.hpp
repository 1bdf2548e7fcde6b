// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_EXPORT_HPP
#define ESOCK_EXPORT_HPP

/// \file
/// The one export macro of the public API.
///
/// libesock is compiled with hidden visibility: only declarations marked
/// ESOCK_API (functions, and classes whose out-of-line members and type
/// information callers need) are exported from the shared library, so the
/// library's internals can change without breaking programs linked against
/// it. Compilers without GNU visibility attributes export everything.

#if defined(__GNUC__) || defined(__clang__)
/// Marks a declaration as part of the exported API of libesock.
#define ESOCK_API __attribute__((visibility("default")))
#else
#define ESOCK_API
#endif

#endif  // ESOCK_EXPORT_HPP
