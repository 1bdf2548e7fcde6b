// SPDX-License-Identifier: Apache-2.0
// open/1..4: new sockets, and sockets of descriptors the caller has.

#include <esock/socket.hpp>

#include <algorithm>
#include <optional>
#include <string>

#include <esock/process.hpp>

#include "codec/names.hpp"
#include "codec/sockaddr.hpp"
#include "generated/ids.hpp"
#include "socket/core/core.hpp"
#include "socket/core/registry.hpp"
#include "sys/calls.hpp"

namespace esock::socket {

namespace {

using core::socket_record;
namespace results = core::results;

// A boolean of the open options: `fallback` when absent or not a boolean,
// as OTP 25 takes them.
bool bool_option(const term& opts, const char* key, bool fallback) {
    const term* v = opts.map_get(atom(key));
    if (v == nullptr) return fallback;
    return v->as_bool().value_or(fallback);
}

// The protocol argument of open/3,4 and of open/2's options: default, a
// number, {raw, Number}, or a name; nullopt for an atom that names no
// protocol (OTP returns {error, {invalid, {protocol, P}}}) and for a number
// that is no C int (docs/deviations.md); anything else raises {invalid,
// {protocol, P}}, as OTP 25 does.
std::optional<int> protocol_arg(const term& p) {
    if (p.is_tuple(2) && p.element(0)->is_atom(atoms::raw) && p.element(1)->is_integer()) {
        return codec::protocol_number(*p.element(1));
    }
    if (!p.is_atom() && !p.is_integer()) {
        results::raise(results::invalid(tuple(atom("protocol"), p)));
    }
    return codec::protocol_number(p);
}

bool is_stream(int type) {
    return codec::native(ids::socket_type::stream) == type;
}

// A record for `fd`, or {error, Posix}.
term adopt(core::new_socket s) {
    int err = 0;
    std::unique_lock<std::mutex> lk;
    socket_record* r = core::create_socket(std::move(s), &err, lk);
    if (r == nullptr) return results::posix_error(err);
    return results::ok(r->sock);
}

term open_fd(const term& fd_t, const term& opts) {
    auto fdv = fd_t.as_int();
    if (!fdv || !opts.is_map()) results::raise(atoms::badarg);
    const term* dup_t = opts.map_get(atom("dup"));
    const bool dup = dup_t == nullptr || !dup_t->is_atom(atoms::false_);
    const int fd = *fdv >= 0 && *fdv <= 0x7fffffff ? static_cast<int>(*fdv) : -1;
    int domain = fd >= 0 ? sys::socket_domain(fd).value_or(-1) : -1;
    int type = fd >= 0 ? sys::socket_type(fd).value_or(-1) : -1;
    int protocol = fd >= 0 ? sys::socket_protocol(fd).value_or(-1) : -1;
    if (const term* d = opts.map_get(atom("domain"))) {
        if (auto n = codec::open_domain(*d)) domain = *n;
    }
    if (domain < 0) {
        return results::error(results::invalid(tuple(atom("options"), atom("domain"), opts)));
    }
    if (const term* ty = opts.map_get(atoms::type)) {
        if (auto n = codec::open_type(*ty)) type = *n;
    }
    if (type < 0) {
        return results::error(results::invalid(tuple(atom("options"), atoms::type, opts)));
    }
    if (const term* p = opts.map_get(atom("protocol"))) {
        const auto n = protocol_arg(*p);
        if (!n) return results::error(results::invalid(tuple(atom("protocol"), *p)));
        protocol = *n;
    }
    if (protocol < 0) protocol = 0;
    int use = fd;
    if (dup) {
        const sys::result d = sys::duplicate(fd);
        if (!d.ok()) return results::posix_error(d.error);
        use = static_cast<int>(d.value);
    }
    (void)sys::set_nonblocking(use);
    core::new_socket s;
    s.fd = use;
    s.shared_fd = !dup;
    s.domain = domain;
    s.type = type;
    s.protocol = protocol;
    s.stream = is_stream(type);
    s.domain_t = codec::domain_term(domain);
    s.type_t = codec::type_term(type);
    s.protocol_t = codec::protocol_term(protocol);
    s.ctype = dup ? tuple(atom("fromfd"), fd) : term(atom("fromfd"));
    s.owner = self_process();
    // use_registry and debug as for open/4, but not checked.
    s.use_registry = core::registry::global().use_registry;
    if (const term* u = opts.map_get(atom("use_registry"))) {
        s.use_registry = !u->is_atom(atoms::false_);
    }
    if (const term* dbg = opts.map_get(atom("debug"))) s.debug = dbg->is_atom(atoms::true_);
    return adopt(std::move(s));
}

}  // namespace

term open(const term& fd) {
    return open_fd(fd, map({}));
}

term open(const term& domain_or_fd, const term& type_or_opts) {
    if (domain_or_fd.is_integer() && type_or_opts.is_map()) {
        return open_fd(domain_or_fd, type_or_opts);
    }
    return open(domain_or_fd, type_or_opts, atoms::default_, map({}));
}

term open(const term& domain, const term& type, const term& protocol_or_opts) {
    if (protocol_or_opts.is_map()) return open(domain, type, atoms::default_, protocol_or_opts);
    return open(domain, type, protocol_or_opts, map({}));
}

term open(const term& domain, const term& type, const term& protocol, const term& opts) {
    if (!opts.is_map()) results::raise(atoms::badarg);
    const auto d = codec::open_domain(domain);
    if (!d) return results::error(results::invalid(tuple(atom("domain"), domain)));
    const auto ty = codec::open_type(type);
    if (!ty) return results::error(results::invalid(tuple(atoms::type, type)));
    const auto p = protocol_arg(protocol);
    if (!p) return results::error(results::invalid(tuple(atom("protocol"), protocol)));
    core::new_socket s;
    s.use_registry = bool_option(opts, "use_registry", core::registry::global().use_registry);
    s.debug = bool_option(opts, "debug", ids::default_otp_debug);
    // netns: a path as a string or a binary; OTP ignores any other value.
    std::optional<std::string> netns;
    if (const term* ns = opts.map_get(atom("netns")); ns != nullptr && ns->is_binary()) {
        netns = std::string(ns->binary_view());
    } else if (ns != nullptr && ns->is_list()) {
        netns = codec::file_name_bytes(*ns);
        if (!netns) {
            // As OTP's file name encoding: badarg for a non-integer
            // element, {invalid, {path, P}} for a non-character.
            const auto chars = ns->list_to_vector();
            const bool integers =
                chars && std::all_of(chars->begin(), chars->end(),
                                     [](const term& c) { return c.is_integer(); });
            if (!integers) results::raise(atoms::badarg);
            return results::error(results::invalid(tuple(atoms::path, *ns)));
        }
    }
    const sys::result fd =
        netns ? sys::open_socket_in_namespace(*netns, *d, *ty, *p) : sys::open_socket(*d, *ty, *p);
    if (!fd.ok()) return results::posix_error(fd.error);
    int protocol_num = *p;
    if (protocol_num == 0) {
        if (auto actual = sys::socket_protocol(static_cast<int>(fd.value))) protocol_num = *actual;
    }
    s.fd = static_cast<int>(fd.value);
    s.domain = *d;
    s.type = *ty;
    s.protocol = protocol_num;
    s.stream = is_stream(*ty);
    s.domain_t = codec::domain_term(*d);
    s.type_t = codec::type_term(*ty);
    s.protocol_t = codec::protocol_term(protocol_num);
    s.ctype = atom("normal");
    s.owner = self_process();
    return adopt(std::move(s));
}

}  // namespace esock::socket
