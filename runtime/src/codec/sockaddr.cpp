// SPDX-License-Identifier: Apache-2.0
#include "codec/sockaddr.hpp"

#include <climits>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>

#include "codec/addr.hpp"
#include "codec/names.hpp"
#include "generated/codecs.hpp"
#include "generated/ids.hpp"
#include "term/ordered_map.hpp"

namespace esock::codec {

namespace {

using ids::domain;

// Function-local so that interning never runs before the atom table exists.
atom sockaddr_atom() {
    static const atom a("sockaddr");
    return a;
}

sockaddr_result invalid(const term& t) {
    return {std::nullopt, tuple(atoms::invalid, tuple(sockaddr_atom(), t))};
}

sockaddr_result encoded(std::optional<sys::address> a, const term& t) {
    if (!a) return invalid(t);
    return {a, term()};
}

// Appends code point `cp` as UTF-8; false when it is not one.
bool append_utf8(std::string& out, std::int64_t cp) {
    if (cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else {
        out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    }
    return true;
}

// The longest path OTP takes before it looks at the bytes: 255 characters
// or bytes.
constexpr std::size_t max_path_elements = 255;

// ---- the first stage: OTP's Erlang side checks the map's shape ----------------

// {invalid, {sockaddr, {keys, Keys}, T}} when `t` has keys its family has
// not, listed as OTP lists them (the reverse of the map's key order).
std::optional<sockaddr_result> check_keys(const term& t, std::initializer_list<atom> allowed) {
    std::vector<term> unknown;
    for (const map_entry& e : t.map_entries()) {
        bool known = false;
        for (const atom a : allowed)
            known = known || e.key.is_atom(a);
        if (!known) unknown.insert(unknown.begin(), e.key);
    }
    if (unknown.empty()) return std::nullopt;
    return sockaddr_result{
        std::nullopt,
        tuple(atoms::invalid, tuple(sockaddr_atom(), tuple(atom("keys"), list_from(unknown)), t)),
        false, true};
}

// ---- the second stage: the values, as OTP's NIF decodes them --------------------

// A port: any C int, taken modulo 65536 as OTP does.
std::optional<std::uint16_t> port_of(const term& m) {
    const term* p = m.map_get(atoms::port);
    if (p == nullptr) return std::uint16_t{0};
    auto v = p->as_int();
    if (!v || *v < INT32_MIN || *v > INT32_MAX) return std::nullopt;
    return static_cast<std::uint16_t>(static_cast<std::uint32_t>(*v) & 0xffff);
}

std::optional<std::uint32_t> u32_of(const term& m, atom key) {
    const term* p = m.map_get(key);
    if (p == nullptr) return std::uint32_t{0};
    auto v = p->as_int();
    if (!v || *v < 0 || *v > 0xffffffffLL) return std::nullopt;
    return static_cast<std::uint32_t>(*v);
}

// An integer field of `m` in [lo, hi]; `fallback` when absent (nullopt:
// required).
std::optional<std::int64_t> int_field(const term& m, const char* key, std::int64_t lo,
                                      std::int64_t hi, std::optional<std::int64_t> fallback) {
    const term* p = m.map_get(atom(key));
    if (p == nullptr) return fallback;
    auto v = p->as_int();
    if (!v || *v < lo || *v > hi) return std::nullopt;
    return v;
}

std::span<const std::uint8_t> bytes_of(const std::string& s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

sockaddr_result encode_inet(const term& t) {
    if (auto bad = check_keys(t, {atoms::family, atoms::port, atoms::addr})) return *bad;
    const term* a = t.map_get(atoms::addr);
    auto addr = a ? encode_in_addr(*a) : encode_in_addr(atoms::any);
    auto port = port_of(t);
    if (!addr || !port) return invalid(t);
    return {sys::make_inet({*addr, *port}), term()};
}

sockaddr_result encode_inet6(const term& t) {
    if (auto bad = check_keys(
            t, {atoms::family, atoms::port, atoms::addr, atoms::flowinfo, atoms::scope_id})) {
        return *bad;
    }
    const term* a = t.map_get(atoms::addr);
    auto addr = a ? encode_in6_addr(*a) : encode_in6_addr(atoms::any);
    auto port = port_of(t);
    auto flowinfo = u32_of(t, atoms::flowinfo);
    auto scope = u32_of(t, atoms::scope_id);
    if (!addr || !port || !flowinfo || !scope) return invalid(t);
    return {sys::make_inet6({*addr, *port, *flowinfo, *scope}), term()};
}

// OTP converts a path given as a string to the bytes of the native file
// name encoding (UTF-8) first, and reports the keys of the map with the
// converted path.
sockaddr_result encode_local(const term& t) {
    auto path_error = [&] {
        return sockaddr_result{std::nullopt,
                               tuple(atoms::invalid, tuple(sockaddr_atom(), atoms::path, t)), false,
                               true};
    };
    const term* p = t.map_get(atoms::path);
    if (p == nullptr) return path_error();
    std::string bytes;
    term with_binary = t;
    if (p->is_list()) {
        const auto chars = p->list_to_vector();
        // An improper list, or an element that is no character, is OTP's
        // badarg (raised by the conversion).
        if (!chars) return {std::nullopt, atoms::badarg, true, true};
        if (chars->size() > max_path_elements) return path_error();
        for (const term& c : *chars) {
            const auto cp = c.as_int();
            if (!cp) return {std::nullopt, atoms::badarg, true, true};
            if (!append_utf8(bytes, *cp)) {
                return {std::nullopt, tuple(atoms::invalid, tuple(atoms::path, *p)), false, true};
            }
        }
        with_binary = map_put(t, atoms::path, binary(std::string_view(bytes)));
    } else if (p->is_binary()) {
        if (p->binary_bytes().size() > max_path_elements) return path_error();
        bytes = std::string(p->binary_view());
    } else {
        return path_error();
    }
    if (auto bad = check_keys(with_binary, {atoms::family, atoms::path})) return *bad;
    return encoded(sys::make_local(bytes_of(bytes)), t);
}

// sockaddr_ll(): protocol (host order in the term) and ifindex are
// required; pkttype and hatype default to 0, addr to <<>>.
sockaddr_result encode_packet(const term& t) {
    auto protocol = int_field(t, "protocol", 0, 0xffff, std::nullopt);
    auto ifindex = int_field(t, "ifindex", INT32_MIN, INT32_MAX, std::nullopt);
    auto hatype = int_field(t, "hatype", 0, 0xffff, 0);
    std::int64_t pkttype = 0;
    if (const term* pt = t.map_get(atom("pkttype"))) {
        const auto v = gen::enum_value_packet_type(*pt);
        if (!v || *v < 0 || *v > 255) return invalid(t);
        pkttype = *v;
    }
    const term* a = t.map_get(atoms::addr);
    if (!protocol || !ifindex || !hatype) return invalid(t);
    sys::packet_fields f;
    if (a != nullptr) {
        if (!a->is_binary() || a->binary_bytes().size() > f.addr.size()) return invalid(t);
        const auto bytes = a->binary_bytes();
        if (!bytes.empty()) std::memcpy(f.addr.data(), bytes.data(), bytes.size());
        f.addr_length = static_cast<std::uint8_t>(bytes.size());
    }
    f.protocol = static_cast<std::uint16_t>(*protocol);
    f.ifindex = static_cast<std::int32_t>(*ifindex);
    f.hatype = static_cast<std::uint16_t>(*hatype);
    f.pkttype = static_cast<std::uint8_t>(pkttype);
    return {sys::make_packet(f), term()};
}

// A family by number (or unspec): the family and the rest of the structure
// as raw bytes, what decode_sockaddr gives for a family it does not know.
// The number is a C int, cut to the structure's 16-bit family as OTP's NIF
// does.
sockaddr_result encode_raw(const term& t, std::int64_t family) {
    if (auto bad = check_keys(t, {atoms::family, atoms::addr})) return *bad;
    const term* a = t.map_get(atoms::addr);
    if (family < INT32_MIN || family > INT32_MAX) return invalid(t);
    if (a != nullptr && !a->is_binary()) return invalid(t);
    const auto raw = a != nullptr ? a->binary_bytes() : std::span<const std::uint8_t>();
    return encoded(sys::make_raw(static_cast<std::uint16_t>(family), raw), t);
}

term family_map(domain d, const term& rest) {
    return map({{atoms::family, domain_atom(d)}, {atoms::addr, rest}});
}

}  // namespace

std::optional<std::string> file_name_bytes(const term& t) {
    if (t.is_binary()) return std::string(t.binary_view());
    const auto chars = t.list_to_vector();
    if (!chars) return std::nullopt;
    std::string out;
    for (const term& c : *chars) {
        const auto cp = c.as_int();
        if (!cp || !append_utf8(out, *cp)) return std::nullopt;
    }
    return out;
}

sockaddr_result encode_sockaddr(const term& t) {
    // Not a map: OTP raises, whatever the call.
    if (!t.is_map()) {
        return {std::nullopt, tuple(atoms::invalid, tuple(sockaddr_atom(), t)), true, true};
    }
    const term* fam = t.map_get(atoms::family);
    if (fam == nullptr) {
        return {std::nullopt, tuple(atoms::invalid, tuple(sockaddr_atom(), atoms::family, t)),
                false, true};
    }
    if (auto number = fam->as_int()) return encode_raw(t, *number);
    const auto name = fam->as_atom();
    const auto d = name ? domain_named(*name) : std::nullopt;
    if (!d) return invalid(t);
    switch (*d) {
        case domain::inet:
            return encode_inet(t);
        case domain::inet6:
            return encode_inet6(t);
        case domain::local:
            return encode_local(t);
        case domain::packet:
            return encode_packet(t);
        case domain::unspec: {
            const auto family = native(domain::unspec);
            if (!family) return invalid(t);
            return encode_raw(t, *family);
        }
    }
    return invalid(t);
}

term decode_sockaddr(const sys::address& a) {
    const auto family = sys::family_of(a);
    if (!family) return family_map(domain::unspec, binary(std::string_view()));
    const term rest = binary(sys::raw_after_family(a));
    const auto d = domain_of(*family);
    if (!d) return map({{atoms::family, *family}, {atoms::addr, rest}});
    switch (*d) {
        case domain::inet:
            if (const auto f = sys::read_inet(a)) {
                // Keys in term order: nothing for the map to sort or check.
                return detail::map_in_key_order({{atoms::addr, decode_in_addr(f->addr)},
                                                 {atoms::family, domain_atom(*d)},
                                                 {atoms::port, static_cast<int>(f->port)}});
            }
            break;
        case domain::inet6:
            if (const auto f = sys::read_inet6(a)) {
                return detail::map_in_key_order(
                    {{atoms::addr, decode_in6_addr(f->addr)},
                     {atoms::family, domain_atom(*d)},
                     {atoms::flowinfo, static_cast<std::int64_t>(f->flowinfo)},
                     {atoms::port, static_cast<int>(f->port)},
                     {atoms::scope_id, static_cast<std::int64_t>(f->scope_id)}});
            }
            break;
        case domain::local:
            return map(
                {{atoms::family, domain_atom(*d)}, {atoms::path, binary(sys::read_local_path(a))}});
        case domain::packet:
            if (const auto f = sys::read_packet(a)) {
                return map({{atoms::family, domain_atom(*d)},
                            {atom("protocol"), static_cast<int>(f->protocol)},
                            {atom("ifindex"), static_cast<std::int64_t>(f->ifindex)},
                            {atom("pkttype"), gen::enum_term_packet_type(f->pkttype)},
                            {atom("hatype"), static_cast<int>(f->hatype)},
                            {atoms::addr, binary(std::span<const std::uint8_t>(f->addr.data(),
                                                                               f->addr_length))}});
            }
            break;
        case domain::unspec:
            break;
    }
    return family_map(*d, rest);
}

}  // namespace esock::codec
