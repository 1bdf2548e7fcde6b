// SPDX-License-Identifier: Apache-2.0
// ioctl/2,3,4: interface requests on an open socket's descriptor. Which
// request exists, what it takes and what it answers come from the spec
// (codec/ioctl.hpp); the checks run in OTP 25's order: the Erlang side's
// clauses (badarg for an unknown request, a wrong arity or an argument of
// the wrong type; a sockaddr's shape), then the request table (unlisted
// requests), then the NIF's (a closed socket, the name's characters, a
// value that does not fit), then the kernel.

#include <esock/socket.hpp>

#include <cerrno>
#include <cstdint>
#include <limits>
#include <mutex>
#include <optional>
#include <vector>

#include "codec/ioctl.hpp"
#include "codec/sockaddr.hpp"
#include "codec/tables.hpp"
#include "generated/ids.hpp"
#include "socket/core/core.hpp"
#include "sys/ioctl.hpp"

namespace esock::socket {

namespace {

using codec::ioctl_request_info;
using codec::ioctl_value;
using core::socket_record;
namespace results = core::results;

// The request `req` names, when ioctl/`arity` takes it; OTP's clauses
// raise badarg for anything else.
const ioctl_request_info& request_of(const term& req, std::size_t arity) {
    const auto name = req.as_atom();
    const ioctl_request_info* r = name ? codec::find_ioctl_request(*name) : nullptr;
    if (r == nullptr || codec::ioctl_arity(*r) != arity) results::raise(atoms::badarg);
    return *r;
}

// {error, {invalid, {ioctl_request, Req}}}: a request OTP 25's socket module
// takes but its NIF's table (or this platform) lacks.
term unlisted(const term& req) {
    return results::error(results::invalid(tuple(atom("ioctl_request"), req)));
}

// A C int, as the NIF takes an index, an MTU or a queue length.
std::optional<std::int32_t> c_int(const term& t) {
    const auto v = t.as_int();
    if (!v || *v < std::numeric_limits<std::int32_t>::min() ||
        *v > std::numeric_limits<std::int32_t>::max()) {
        return std::nullopt;
    }
    return static_cast<std::int32_t>(*v);
}

// The interface name of a request whose guard passed (a list): its
// characters must be Latin-1, or the NIF raises badarg.
std::string name_bytes(const term& name) {
    auto bytes = codec::interface_name_bytes(name);
    if (!bytes) results::raise(atoms::badarg);
    return std::move(*bytes);
}

// OTP 25's NIF decodes no packet address for ioctl.
bool is_packet_family(const term& addr) {
    const term* f = addr.map_get(atoms::family);
    const auto a = f != nullptr ? f->as_atom() : std::nullopt;
    return a && a->name() == codec::domains()[ids::index(ids::domain::packet)].name;
}

// ok, or {error, Posix} for the kernel's errno.
term status(int e) {
    return e == 0 ? term(atoms::ok) : results::posix_error(e);
}

term interface_list(const socket_record& r, const codec::named_constant& req) {
    std::vector<sys::interface_address> list;
    if (const int e = sys::interface_addresses(r.fd, static_cast<unsigned long>(req.value), list);
        e != 0) {
        return results::posix_error(e);
    }
    static const atom name_key("name");
    std::vector<term> out;
    out.reserve(list.size());
    for (const sys::interface_address& a : list) {
        out.push_back(map(
            {{name_key, latin1_string(a.name)}, {atoms::addr, codec::decode_sockaddr(a.addr)}}));
    }
    return results::ok(list_from(std::move(out)));
}

// sifflags: the flags the get request `from` reads, with the map's changes,
// written back. A map OTP 25 cannot encode changes nothing (its NIF then
// writes the flags it read).
term set_flags(socket_record& r, const ioctl_request_info& from, const codec::named_constant& set,
               sys::interface_request& q, const term& changes) {
    const codec::named_constant* get = codec::native_request(from);
    if (get == nullptr) return unlisted(atom(from.name));
    const auto get_number = static_cast<unsigned long>(get->value);
    if (const int e = sys::interface_ioctl(r.fd, get_number, sys::ifreq_input::none, q); e != 0) {
        return results::posix_error(e);
    }
    q.flags = codec::apply_interface_flags(q.flags, changes).value_or(q.flags);
    return status(sys::interface_ioctl(r.fd, static_cast<unsigned long>(set.value),
                                       sys::ifreq_input::flags, q));
}

}  // namespace

term ioctl(const term& s, const term& request) {
    socket_record& r = core::lookup(s);
    const ioctl_request_info& info = request_of(request, 2);
    const codec::named_constant* req = codec::native_request(info);
    if (req == nullptr) return unlisted(request);
    std::lock_guard lk(r.mu);
    if (r.closed) return results::error(atoms::closed);
    return interface_list(r, *req);
}

term ioctl(const term& s, const term& request, const term& arg) {
    socket_record& r = core::lookup(s);
    const ioctl_request_info& info = request_of(request, 3);
    const bool by_index = info.argument == codec::ioctl_argument::ifindex;
    if (by_index ? !arg.is_integer() : !arg.is_list()) results::raise(atoms::badarg);
    const codec::named_constant* req = codec::native_request(info);
    if (req == nullptr) return unlisted(request);
    std::lock_guard lk(r.mu);
    if (r.closed) return results::error(atoms::closed);
    sys::interface_request q;
    sys::ifreq_input in = sys::ifreq_input::none;
    if (by_index) {
        const auto index = c_int(arg);
        if (!index) results::raise(atoms::badarg);
        q.ifindex = *index;
        in = sys::ifreq_input::ifindex;
    } else {
        q.name = name_bytes(arg);
    }
    if (const int e = sys::interface_ioctl(r.fd, static_cast<unsigned long>(req->value), in, q);
        e != 0) {
        return results::posix_error(e);
    }
    const auto value = codec::decode_ioctl_value(info.value, q);
    // Only a device map address beyond the 64-bit integers has no term.
    if (!value) return results::posix_error(EOVERFLOW);
    return results::ok(*value);
}

term ioctl(const term& s, const term& request, const term& name, const term& value) {
    socket_record& r = core::lookup(s);
    const ioctl_request_info& info = request_of(request, 4);
    const bool map_value = info.value == ioctl_value::flags || info.value == ioctl_value::sockaddr;
    if (!name.is_list() || (map_value ? !value.is_map() : !value.is_integer())) {
        results::raise(atoms::badarg);
    }
    // The sockaddr's shape is checked on the Erlang side, before anything
    // else: what fails there is raised.
    std::optional<codec::sockaddr_result> addr;
    if (info.value == ioctl_value::sockaddr) {
        addr = codec::encode_sockaddr(value);
        if (!addr->ok() && (addr->shape || addr->raise)) results::raise(addr->reason);
    }
    const codec::named_constant* req = codec::native_request(info);
    if (req == nullptr) return unlisted(request);
    std::lock_guard lk(r.mu);
    if (r.closed) return results::error(atoms::closed);
    sys::interface_request q;
    q.name = name_bytes(name);
    // A value the NIF cannot take is returned as {invalid, Value}, bare.
    const auto invalid = [&] { return results::invalid(atom(info.value_name)); };
    sys::ifreq_input in = sys::ifreq_input::none;
    switch (info.value) {
        case ioctl_value::flags:
            if (info.starts_from < 0) return invalid();  // the spec names one for every flag set
            return set_flags(
                r, codec::ioctl_request_infos()[static_cast<std::size_t>(info.starts_from)], *req,
                q, value);
        case ioctl_value::sockaddr:
            if (!addr->ok() || is_packet_family(value)) return invalid();
            q.addr = *addr->address;
            in = sys::ifreq_input::addr;
            break;
        case ioctl_value::mtu:
        case ioctl_value::txqlen: {
            const auto v = c_int(value);
            if (!v) return invalid();
            (info.value == ioctl_value::mtu ? q.mtu : q.qlen) = *v;
            in = info.value == ioctl_value::mtu ? sys::ifreq_input::mtu : sys::ifreq_input::qlen;
            break;
        }
        default:
            return invalid();  // the spec allows no other set value
    }
    return status(sys::interface_ioctl(r.fd, static_cast<unsigned long>(req->value), in, q));
}

}  // namespace esock::socket
