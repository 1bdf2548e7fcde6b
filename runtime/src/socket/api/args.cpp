// SPDX-License-Identifier: Apache-2.0
#include "socket/api/args.hpp"

#include <new>
#include <string>
#include <vector>

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

// Appends the bytes of iolist `t` to `out`; false when it holds anything
// else than bytes, binaries and iolists. OTP takes an iolist nested any
// depth, so the rests of the enclosing lists wait on a heap stack, never on
// the call stack.
bool flatten(const term& t, std::string& out) {
    std::vector<term> enclosing;
    term cur = t;
    for (;;) {
        while (cur.is_cons()) {
            term h = *cur.head();
            term rest = *cur.tail();
            if (auto v = h.as_int()) {
                if (*v < 0 || *v > 255) return false;
                out.push_back(static_cast<char>(*v));
            } else if (h.is_binary()) {
                out.append(h.binary_view());
            } else if (h.is_list()) {
                enclosing.push_back(std::move(rest));
                cur = std::move(h);
                continue;
            } else {
                return false;
            }
            cur = std::move(rest);
        }
        if (cur.is_binary()) {
            out.append(cur.binary_view());
        } else if (!cur.is_nil()) {
            return false;
        }
        if (enclosing.empty()) return true;
        cur = std::move(enclosing.back());
        enclosing.pop_back();
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
    if (!flatten(t, out)) throw erl_error(tuple(atoms::invalid, tuple(atoms::data, t)));
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
