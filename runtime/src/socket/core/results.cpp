// SPDX-License-Identifier: Apache-2.0
#include "socket/core/results.hpp"

#include <utility>

namespace esock::socket::core::results {

bool is_select_info(const term& t) noexcept {
    return t.is_tuple(3) && t.element(0)->is_atom(atoms::select_info);
}

const term& select_info_tag(const term& si) noexcept {
    return *si.element(1);
}

const term& select_info_handle(const term& si) noexcept {
    return *si.element(2);
}

bool tag_names(const term& si, atom op) noexcept {
    const term& tag = select_info_tag(si);
    return tag.is_atom(op) || (tag.is_tuple(2) && tag.element(0)->is_atom(op));
}

term abort_message(const term& sock, const term& handle, const term& reason) {
    return tuple(atoms::dollar_socket, sock, atoms::abort, tuple(handle, reason));
}

bool is_handle_message(const term& msg, const term& sock, const term& handle) noexcept {
    if (!msg.is_tuple(4)) return false;
    const auto e = msg.tuple_elements();
    if (!e[0].is_atom(atoms::dollar_socket) || !(e[1] == sock)) return false;
    if (e[2].is_atom(atoms::select)) return e[3] == handle;
    if (e[2].is_atom(atoms::abort)) return e[3].is_tuple(2) && *e[3].element(0) == handle;
    return false;
}

bool is_abort(const term& msg) noexcept {
    return msg.element(2)->is_atom(atoms::abort);
}

const term& abort_reason(const term& msg) noexcept {
    return *msg.element(3)->element(1);
}

term timed_out(term rest) {
    if (rest.is_nil()) return error(atoms::timeout);
    return error(tuple(atoms::timeout, std::move(rest)));
}

term failed(const term& reason, term rest) {
    if (rest.is_nil()) return error(reason);
    return error(tuple(reason, std::move(rest)));
}

term invalid_msg_flag(const term& flag) {
    return error(invalid(tuple(atom("msg_flag"), flag)));
}

}  // namespace esock::socket::core::results
