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

// Appends code point `cp` as UTF-8; false when it is not a valid code point.
bool append_utf8(std::string& out, std::int64_t cp) {
    if (cp < 0 || cp > 0x10ffff) return false;
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

// A path is a binary or a string (a proper list of code points, encoded as
// UTF-8 the way file names are).
std::optional<std::string> path_bytes(const term& p) {
    if (p.is_binary()) return std::string(p.binary_view());
    if (!p.is_list()) return std::nullopt;
    std::string out;
    term cur = p;
    std::size_t steps = 0;
    const std::size_t limit = 4 * (sys::max_local_path() + 1);
    while (cur.is_cons()) {
        // A path longer than the limit is rejected anyway; stop early so that
        // a huge list costs nothing.
        if (++steps > limit) return std::nullopt;
        auto h = cur.head();
        auto cp = h ? h->as_int() : std::nullopt;
        if (!cp || !append_utf8(out, *cp)) return std::nullopt;
        cur = *cur.tail();
    }
    if (!cur.is_nil()) return std::nullopt;
    return out;
}

std::optional<std::uint16_t> port_of(const term& m) {
    const term* p = m.map_get(atoms::port);
    if (p == nullptr) return std::uint16_t{0};
    auto v = p->as_int();
    if (!v || *v < 0) return std::nullopt;
    return static_cast<std::uint16_t>(*v & 0xffff);
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
    const term* a = t.map_get(atoms::addr);
    auto addr = a ? encode_in_addr(*a) : encode_in_addr(atoms::any);
    auto port = port_of(t);
    if (!addr || !port) return invalid(t);
    return {sys::make_inet({*addr, *port}), term()};
}

sockaddr_result encode_inet6(const term& t) {
    const term* a = t.map_get(atoms::addr);
    auto addr = a ? encode_in6_addr(*a) : encode_in6_addr(atoms::any);
    auto port = port_of(t);
    auto flowinfo = u32_of(t, atoms::flowinfo);
    auto scope = u32_of(t, atoms::scope_id);
    if (!addr || !port || !flowinfo || !scope) return invalid(t);
    return {sys::make_inet6({*addr, *port, *flowinfo, *scope}), term()};
}

sockaddr_result encode_local(const term& t) {
    const term* p = t.map_get(atoms::path);
    if (p == nullptr) return invalid(t);
    auto path = path_bytes(*p);
    if (!path) return invalid(t);
    return encoded(sys::make_local(bytes_of(*path)), t);
}

// sockaddr_ll(): protocol (host order in the term) and ifindex are
// required; pkttype and hatype default to 0, addr to <<>>.
sockaddr_result encode_packet(const term& t) {
    auto protocol = int_field(t, "protocol", 0, 0xffff, std::nullopt);
    auto ifindex = int_field(t, "ifindex", INT32_MIN, INT32_MAX, std::nullopt);
    auto hatype = int_field(t, "hatype", 0, 0xffff, 0);
    std::optional<std::int64_t> pkttype = 0;
    if (const term* pt = t.map_get(atom("pkttype"))) {
        pkttype = gen::enum_value_packet_type(*pt);
        if (pkttype && (*pkttype < 0 || *pkttype > 255)) pkttype.reset();
    }
    const term* a = t.map_get(atoms::addr);
    if (!protocol || !ifindex || !hatype || !pkttype) return invalid(t);
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
    f.pkttype = static_cast<std::uint8_t>(*pkttype);
    return {sys::make_packet(f), term()};
}

// A family by number (or unspec): the family and the rest of the structure
// as raw bytes, what decode_sockaddr gives for a family it does not know.
sockaddr_result encode_raw(const term& t, std::int64_t family) {
    const term* a = t.map_get(atoms::addr);
    if (family < 0 || family > 0xffff) return invalid(t);
    if (a != nullptr && !a->is_binary()) return invalid(t);
    const auto raw = a != nullptr ? a->binary_bytes() : std::span<const std::uint8_t>();
    return encoded(sys::make_raw(static_cast<int>(family), raw), t);
}

term family_map(domain d, const term& rest) {
    return map({{atoms::family, domain_atom(d)}, {atoms::addr, rest}});
}

}  // namespace

sockaddr_result encode_sockaddr(const term& t) {
    if (!t.is_map()) return invalid(t);
    const term* fam = t.map_get(atoms::family);
    if (fam == nullptr) {
        return {std::nullopt, tuple(atoms::invalid, tuple(sockaddr_atom(), atoms::family, t))};
    }
    if (auto native = fam->as_int()) return encode_raw(t, *native);
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
            const term* a = t.map_get(atoms::addr);
            if (a != nullptr && !a->is_binary()) return invalid(t);
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
                return map({{atoms::family, domain_atom(*d)},
                            {atoms::addr, decode_in_addr(f->addr)},
                            {atoms::port, static_cast<int>(f->port)}});
            }
            break;
        case domain::inet6:
            if (const auto f = sys::read_inet6(a)) {
                return map({{atoms::family, domain_atom(*d)},
                            {atoms::addr, decode_in6_addr(f->addr)},
                            {atoms::port, static_cast<int>(f->port)},
                            {atoms::flowinfo, static_cast<std::int64_t>(f->flowinfo)},
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
