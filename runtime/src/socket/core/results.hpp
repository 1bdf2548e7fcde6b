// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_SOCKET_CORE_RESULTS_HPP
#define ESOCK_SOCKET_CORE_RESULTS_HPP

// Every result shape and message of the socket module that is not a plain
// {ok, X} / {error, Reason} (term/result_terms.hpp has those), built once:
// SelectInfo, the select and abort messages and their matcher, the shapes
// that carry what a call did before it ended, and the argument errors the
// calls share.

#include <utility>

#include <esock/term.hpp>

#include "term/result_terms.hpp"

namespace esock::socket::core::results {

using result_terms::error;
using result_terms::invalid;
using result_terms::invalid_option;
using result_terms::ok;
using result_terms::posix_error;
using result_terms::raise;

// The shapes every nowait call and every readiness event builds are
// defined here, inline, as they are on the hot path.

/// {select_info, Tag, Handle}
[[nodiscard]] inline term select_info(const term& tag, const term& handle) {
    return tuple(atoms::select_info, tag, handle);
}
/// Whether `t` is a {select_info, _, _} tuple.
[[nodiscard]] bool is_select_info(const term& t) noexcept;
/// The tag / handle of a select_info (checked by is_select_info).
[[nodiscard]] const term& select_info_tag(const term& si) noexcept;
[[nodiscard]] const term& select_info_handle(const term& si) noexcept;
/// Whether the tag of `si` is `op` or {op, _} (a send continuation's tag).
[[nodiscard]] bool tag_names(const term& si, atom op) noexcept;

/// {'$socket', Socket, select, Handle}
[[nodiscard]] inline term select_message(const term& sock, const term& handle) {
    return tuple(atoms::dollar_socket, sock, atoms::select, handle);
}
/// {'$socket', Socket, abort, {Handle, Reason}}
[[nodiscard]] term abort_message(const term& sock, const term& handle, const term& reason);
/// Whether `msg` is the select or abort message for `handle` on `sock`.
[[nodiscard]] bool is_handle_message(const term& msg, const term& sock,
                                     const term& handle) noexcept;
/// Whether `msg` (one is_handle_message accepts) is the abort message; its
/// reason is then abort_reason(msg).
[[nodiscard]] bool is_abort(const term& msg) noexcept;
[[nodiscard]] const term& abort_reason(const term& msg) noexcept;

/// {select, SI}, or {select, {SI, Rest}} when `rest` is not nil.
[[nodiscard]] inline term selected(term si, term rest) {
    if (rest.is_nil()) return tuple(atoms::select, std::move(si));
    return tuple(atoms::select, tuple(std::move(si), std::move(rest)));
}
/// {error, timeout}, or {error, {timeout, Rest}} when `rest` is not nil.
[[nodiscard]] term timed_out(term rest);
/// {error, Reason}, or {error, {Reason, Rest}} when `rest` is not nil.
[[nodiscard]] term failed(const term& reason, term rest);

/// {error, {invalid, {msg_flag, Flag}}}: a flag atom this platform lacks.
[[nodiscard]] term invalid_msg_flag(const term& flag);

}  // namespace esock::socket::core::results

#endif  // ESOCK_SOCKET_CORE_RESULTS_HPP
