// SPDX-License-Identifier: Apache-2.0
// getopt/2 and setopt/3: the otp level is socket state kept in the record;
// every other level goes to the generated option tables (codec/options.hpp).
// Which option exists, its level and its access come from the spec for
// both.

#include <optional>

#include <esock/process.hpp>
#include <esock/socket.hpp>

#include "codec/options.hpp"
#include "codec/tables.hpp"
#include "generated/ids.hpp"
#include "socket/core/core.hpp"

namespace esock::socket {

namespace {

using core::socket_record;
using ids::otp_option;
namespace results = core::results;

// An option's level and name.
struct option_atoms {
    atom level;
    atom name;
};

// OTP raises (class throw) for an option that is not {atom(), atom()}.
option_atoms check_shape(const term& opt) {
    const auto e = opt.tuple_elements();
    if (e.size() == 2) {
        const auto level = e[0].as_atom();
        const auto name = e[1].as_atom();
        if (level && name) return {*level, *name};
    }
    results::raise(results::invalid(tuple(atoms::socket_option, opt)));
}

// The table entry of an otp-level option, or nullptr.
const codec::option_info* otp_entry(const option_atoms& o) {
    if (o.level != atoms::otp) return nullptr;
    return codec::find_option(atoms::otp, o.name);
}

// The table entry of an option: an otp-level one, or any other when this
// platform can get or set it; both nullptr when it is unknown.
struct option_entry {
    const codec::option_info* otp = nullptr;
    const codec::option_info* os = nullptr;
};

option_entry find_entry(const option_atoms& o) {
    option_entry e;
    e.otp = otp_entry(o);
    if (e.otp == nullptr) e.os = codec::usable_option(o.level, o.name);
    return e;
}

otp_option id_of(const codec::option_info& info) noexcept {
    return static_cast<otp_option>(info.number);
}

term invalid_value(const term& opt, const term& v) {
    return results::error(results::invalid(tuple(atoms::socket_option, opt, v)));
}

std::optional<std::int64_t> positive(const term& v) {
    auto n = v.as_int();
    if (n && *n > 0) return n;
    return std::nullopt;
}

term get_otp(const socket_record& r, otp_option o) {
    switch (o) {
        case otp_option::debug:
            return results::ok(boolean(r.debug));
        case otp_option::iow:
            return results::ok(boolean(r.iow));
        case otp_option::controlling_process:
            return results::ok(r.owner->pid());
        case otp_option::rcvbuf:
            if (r.rcvbuf_pair) return results::ok(tuple(r.rcvbuf_n, r.rcvbuf_size));
            return results::ok(r.rcvbuf_size);
        case otp_option::rcvctrlbuf:
            return results::ok(r.rcvctrlbuf);
        case otp_option::sndctrlbuf:
            return results::ok(r.sndctrlbuf);
        case otp_option::meta:
            return results::ok(r.meta);
        case otp_option::use_registry:
            return results::ok(boolean(r.use_registry));
        case otp_option::fd:
            return results::ok(r.fd);
        case otp_option::domain:
            return results::ok(r.domain_t);
    }
    return term();
}

term set_otp(socket_record& r, otp_option o, const term& opt, const term& value) {
    switch (o) {
        case otp_option::debug:
        case otp_option::iow: {
            auto b = value.as_bool();
            if (!b) return invalid_value(opt, value);
            (o == otp_option::debug ? r.debug : r.iow) = *b;
            return atoms::ok;
        }
        case otp_option::controlling_process: {
            if (!value.is_pid()) return invalid_value(opt, value);
            if (r.owner.get() != &self_process_ref()) {
                return results::error(results::invalid(atom("not_owner")));
            }
            core::change_owner(r, find_process(value));
            return atoms::ok;
        }
        case otp_option::rcvbuf:
            if (value.is_atom(atoms::default_)) {
                r.rcvbuf_n = 1;
                r.rcvbuf_size = ids::default_otp_rcvbuf;
                r.rcvbuf_pair = false;
                return atoms::ok;
            }
            if (auto n = positive(value)) {
                r.rcvbuf_n = 1;
                r.rcvbuf_size = *n;
                r.rcvbuf_pair = false;
                return atoms::ok;
            }
            if (value.is_tuple(2)) {
                // {N, default} is N buffers of the default size, as in OTP.
                const term& size = *value.element(1);
                auto n = positive(*value.element(0));
                auto sz = size.is_atom(atoms::default_)
                              ? std::optional<std::int64_t>(ids::default_otp_rcvbuf)
                              : positive(size);
                if (n && sz) {
                    r.rcvbuf_n = *n;
                    r.rcvbuf_size = *sz;
                    r.rcvbuf_pair = true;
                    return atoms::ok;
                }
            }
            return invalid_value(opt, value);
        case otp_option::rcvctrlbuf:
        case otp_option::sndctrlbuf: {
            std::int64_t& field = o == otp_option::rcvctrlbuf ? r.rcvctrlbuf : r.sndctrlbuf;
            if (value.is_atom(atoms::default_)) {
                field = o == otp_option::rcvctrlbuf ? ids::default_otp_rcvctrlbuf
                                                    : ids::default_otp_sndctrlbuf;
                return atoms::ok;
            }
            if (auto n = positive(value)) {
                field = *n;
                return atoms::ok;
            }
            return invalid_value(opt, value);
        }
        case otp_option::meta:
            // Only the owner may set it, as OTP 25 has it.
            if (r.owner.get() != &self_process_ref()) {
                return results::error(results::invalid(atom("not_owner")));
            }
            r.meta = value;
            return atoms::ok;
        case otp_option::use_registry:
            // Only `true` is accepted after open.
            if (!value.is_atom(atoms::true_)) return invalid_value(opt, value);
            core::register_socket(r);
            return atoms::ok;
        case otp_option::fd:
        case otp_option::domain:
            break;  // get-only: refused before the socket is looked at
    }
    return results::invalid_option(opt);
}

}  // namespace

term getopt(const term& s, const term& opt) {
    socket_record* found = core::find(s);
    if (found == nullptr) results::raise(atoms::function_clause);
    socket_record& r = *found;
    const option_atoms o = check_shape(opt);
    // An option the tables do not know is invalid whatever the socket, as
    // OTP checks it before it looks at the socket.
    const auto [otp, os] = find_entry(o);
    if (otp == nullptr && os == nullptr) return results::invalid_option(opt);
    std::lock_guard lk(r.mu);
    if (r.closed) return results::error(atoms::closed);
    if (os != nullptr) return codec::get_option(r.fd, opt, *os);
    if (!codec::can_get(otp->mode)) return results::invalid_option(opt);
    return get_otp(r, id_of(*otp));
}

term setopt(const term& s, const term& opt, const term& value) {
    socket_record& r = core::lookup(s);
    const option_atoms o = check_shape(opt);
    const auto [otp, os] = find_entry(o);
    if (otp == nullptr && os == nullptr) return results::invalid_option(opt);
    // Get-only otp options raise, with OTP's own numbers for them.
    if (otp != nullptr && !codec::can_set(otp->mode)) {
        results::raise(results::invalid(tuple(atom("otp_socket_option"), otp->number)));
    }
    std::lock_guard lk(r.mu);
    if (r.closed) return results::error(atoms::closed);
    if (os != nullptr) return codec::set_option(r.fd, opt, *os, value);
    return set_otp(r, id_of(*otp), opt, value);
}

}  // namespace esock::socket
