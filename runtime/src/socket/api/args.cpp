// SPDX-License-Identifier: Apache-2.0
#include "socket/api/args.hpp"

#include <new>
#include <string>

#include <esock/error.hpp>

#include "codec/flags.hpp"
#include "sys/calls.hpp"

namespace esock::socket::api {

timeout_arg parse_timeout(const term& t) {
    timeout_arg r;
    if (t.is_atom(atoms::infinity)) return r;
    if (t.is_atom(atoms::nowait)) {
        r.k = timeout_arg::kind::nowait;
        return r;
    }
    if (t.is_reference()) {
        r.k = timeout_arg::kind::handle;
        r.handle = t;
        return r;
    }
    if (auto v = t.as_int(); v && *v >= 0) {
        r.k = timeout_arg::kind::millis;
        r.ms = *v;
        return r;
    }
    throw erl_error(tuple(atoms::invalid, tuple(atoms::timeout, t)));
}

namespace {

void flatten(const term& t, const term& whole, std::string& out, int depth) {
    if (depth > 10000) throw erl_error(tuple(atoms::invalid, tuple(atoms::data, whole)));
    term cur = t;
    while (cur.is_cons()) {
        term h = *cur.head();
        if (auto v = h.as_int()) {
            if (*v < 0 || *v > 255) {
                throw erl_error(tuple(atoms::invalid, tuple(atoms::data, whole)));
            }
            out.push_back(static_cast<char>(*v));
        } else if (h.is_binary()) {
            out.append(h.binary_view());
        } else if (h.is_list()) {
            flatten(h, whole, out, depth + 1);
        } else {
            throw erl_error(tuple(atoms::invalid, tuple(atoms::data, whole)));
        }
        cur = *cur.tail();
    }
    if (cur.is_binary()) {
        out.append(cur.binary_view());
    } else if (!cur.is_nil()) {
        throw erl_error(tuple(atoms::invalid, tuple(atoms::data, whole)));
    }
}

}  // namespace

int parse_msg_flags(const term& t, term* bad) {
    if (t.is_nil()) return 0;  // the usual case, on every data call
    if (!t.is_list()) throw erl_error(atoms::badarg);
    const codec::flags_result r = codec::encode_msg_flags(t);
    if (r.bits) return *r.bits;
    if (r.malformed) {
        throw erl_error(tuple(atoms::invalid, tuple(atom("msg_flags"), r.bad)));
    }
    if (bad != nullptr) *bad = r.bad;
    return 0;
}

term iodata_to_binary(const term& t) {
    if (t.is_binary()) return t;
    if (!t.is_list()) throw erl_error(atoms::badarg);
    std::string out;
    flatten(t, t, out, 0);
    return binary(out);
}

std::optional<binary_buffer> read_buffer(std::size_t size) noexcept {
    // More than the machine's memory cannot be had: refuse without asking,
    // as sanitizers' allocators abort the program instead of failing.
    if (size > sys::physical_memory()) return std::nullopt;
    try {
        return std::optional<binary_buffer>(std::in_place, size);
    } catch (const std::bad_alloc&) {
        return std::nullopt;
    }
}

}  // namespace esock::socket::api
