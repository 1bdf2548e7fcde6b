#include "sockaddr.hpp"

#include <linux/if_packet.h>
#include <netinet/in.h>
#include <sys/un.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>

#include "addr.hpp"

namespace esock::codec {

namespace {

// sun_path holds 108 bytes; OTP keeps one for the terminating NUL.
constexpr std::size_t max_local_path = sizeof(sockaddr_un::sun_path) - 1;

// Function-local so that interning never runs before the atom table exists.
atom sockaddr_atom() {
    static const atom a("sockaddr");
    return a;
}

sockaddr_result invalid(const term& t) {
    return {std::nullopt, tuple(atoms::invalid, tuple(sockaddr_atom(), t))};
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
    while (cur.is_cons()) {
        // A path longer than the limit is rejected anyway; stop early so that
        // a huge list costs nothing.
        if (++steps > 4 * (max_local_path + 1)) return std::nullopt;
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

// packet_type() atoms <-> PACKET_* values (linux/if_packet.h). USER and
// FASTROUTE share a value on Linux; the value reads back as user.
struct packet_type_name {
    const char* name;
    int value;
};
constexpr packet_type_name packet_types[] = {
    {"host", PACKET_HOST},           {"broadcast", PACKET_BROADCAST},
    {"multicast", PACKET_MULTICAST}, {"otherhost", PACKET_OTHERHOST},
    {"outgoing", PACKET_OUTGOING},   {"loopback", PACKET_LOOPBACK},
    {"user", PACKET_USER},           {"kernel", PACKET_KERNEL},
    {"fastroute", PACKET_FASTROUTE},
};

term packet_type_term(int v) {
    for (const auto& p : packet_types) {
        if (p.value == v) return atom(p.name);
    }
    return v;
}

std::optional<int> packet_type_value(const term& t) {
    if (auto v = t.as_int()) {
        if (*v < 0 || *v > 255) return std::nullopt;
        return static_cast<int>(*v);
    }
    if (auto a = t.as_atom()) {
        for (const auto& p : packet_types) {
            if (a->name() == p.name) return p.value;
        }
    }
    return std::nullopt;
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

}  // namespace

sockaddr_result encode_sockaddr(const term& t) {
    if (!t.is_map()) return invalid(t);
    const term* fam = t.map_get(atoms::family);
    if (fam == nullptr) {
        return {std::nullopt, tuple(atoms::invalid, tuple(sockaddr_atom(), atoms::family, t))};
    }
    sockaddr_buffer buf;
    if (fam->is_atom(atoms::inet)) {
        sockaddr_in sin{};
        sin.sin_family = AF_INET;
        const term* a = t.map_get(atoms::addr);
        auto addr = a ? encode_in_addr(*a) : encode_in_addr(atoms::any);
        auto port = port_of(t);
        if (!addr || !port) return invalid(t);
        sin.sin_addr = *addr;
        sin.sin_port = htons(*port);
        std::memcpy(&buf.storage, &sin, sizeof sin);
        buf.length = sizeof sin;
        return {buf, term()};
    }
    if (fam->is_atom(atoms::inet6)) {
        sockaddr_in6 sin6{};
        sin6.sin6_family = AF_INET6;
        const term* a = t.map_get(atoms::addr);
        auto addr = a ? encode_in6_addr(*a) : encode_in6_addr(atoms::any);
        auto port = port_of(t);
        auto flowinfo = u32_of(t, atoms::flowinfo);
        auto scope = u32_of(t, atoms::scope_id);
        if (!addr || !port || !flowinfo || !scope) return invalid(t);
        sin6.sin6_addr = *addr;
        sin6.sin6_port = htons(*port);
        sin6.sin6_flowinfo = htonl(*flowinfo);
        sin6.sin6_scope_id = *scope;
        std::memcpy(&buf.storage, &sin6, sizeof sin6);
        buf.length = sizeof sin6;
        return {buf, term()};
    }
    if (fam->is_atom(atoms::local)) {
        const term* p = t.map_get(atoms::path);
        if (p == nullptr) return invalid(t);
        auto path = path_bytes(*p);
        if (!path || path->size() > max_local_path) return invalid(t);
        sockaddr_un sun{};
        sun.sun_family = AF_UNIX;
        std::memcpy(sun.sun_path, path->data(), path->size());
        std::memcpy(&buf.storage, &sun, sizeof sun);
        // A filesystem path is passed with its terminating NUL; an abstract
        // name (leading NUL) and the empty autobind path are exact lengths.
        const bool abstract = !path->empty() && (*path)[0] == '\0';
        buf.length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + path->size() +
                                            ((abstract || path->empty()) ? 0 : 1));
        return {buf, term()};
    }
    if (fam->is_atom(atoms::unspec)) {
        const term* a = t.map_get(atoms::addr);
        std::string_view raw;
        if (a != nullptr) {
            if (!a->is_binary()) return invalid(t);
            raw = a->binary_view();
        }
        if (raw.size() > sizeof(buf.storage) - sizeof(sa_family_t)) return invalid(t);
        buf.storage.ss_family = AF_UNSPEC;
        // memcpy from an empty span's null pointer is undefined, even for 0 bytes.
        if (!raw.empty()) {
            std::memcpy(reinterpret_cast<char*>(&buf.storage) + sizeof(sa_family_t), raw.data(),
                        raw.size());
        }
        buf.length = static_cast<socklen_t>(sizeof(sa_family_t) + raw.size());
        return {buf, term()};
    }
    if (fam->is_atom(atom("packet"))) {
        // sockaddr_ll(): protocol (host order in the term) and ifindex are
        // required; pkttype and hatype default to 0, addr to <<>>.
        sockaddr_ll sll{};
        sll.sll_family = AF_PACKET;
        auto protocol = int_field(t, "protocol", 0, 0xffff, std::nullopt);
        auto ifindex = int_field(t, "ifindex", INT32_MIN, INT32_MAX, std::nullopt);
        auto hatype = int_field(t, "hatype", 0, 0xffff, 0);
        const term* pt = t.map_get(atom("pkttype"));
        auto pkttype = pt != nullptr ? packet_type_value(*pt) : std::optional<int>(0);
        const term* a = t.map_get(atoms::addr);
        if (!protocol || !ifindex || !hatype || !pkttype) return invalid(t);
        if (a != nullptr && (!a->is_binary() || a->binary_bytes().size() > sizeof sll.sll_addr)) {
            return invalid(t);
        }
        sll.sll_protocol = htons(static_cast<std::uint16_t>(*protocol));
        sll.sll_ifindex = static_cast<int>(*ifindex);
        sll.sll_hatype = static_cast<std::uint16_t>(*hatype);
        sll.sll_pkttype = static_cast<unsigned char>(*pkttype);
        if (a != nullptr) {
            const auto bytes = a->binary_bytes();
            if (!bytes.empty()) std::memcpy(sll.sll_addr, bytes.data(), bytes.size());
            sll.sll_halen = static_cast<unsigned char>(bytes.size());
        }
        std::memcpy(&buf.storage, &sll, sizeof sll);
        buf.length = sizeof sll;
        return {buf, term()};
    }
    if (auto native = fam->as_int()) {
        // A family by number: the family and the rest of the structure as
        // raw bytes, what decode_sockaddr gives for a family it does not know.
        const term* a = t.map_get(atoms::addr);
        if (*native < 0 || *native > 0xffff) return invalid(t);
        if (a != nullptr && !a->is_binary()) return invalid(t);
        const auto raw = a != nullptr ? a->binary_bytes() : std::span<const std::uint8_t>();
        if (raw.size() > sizeof(buf.storage) - sizeof(sa_family_t)) return invalid(t);
        buf.storage.ss_family = static_cast<sa_family_t>(*native);
        // memcpy from an empty span's null pointer is undefined, even for 0 bytes.
        if (!raw.empty()) {
            std::memcpy(reinterpret_cast<char*>(&buf.storage) + sizeof(sa_family_t), raw.data(),
                        raw.size());
        }
        buf.length = static_cast<socklen_t>(sizeof(sa_family_t) + raw.size());
        return {buf, term()};
    }
    return invalid(t);
}

term decode_sockaddr(const void* sa, std::size_t len) {
    const auto* bytes = static_cast<const std::uint8_t*>(sa);
    if (len < sizeof(sa_family_t)) {
        return map({{atoms::family, atoms::unspec}, {atoms::addr, binary(std::string_view())}});
    }
    sa_family_t family = 0;
    std::memcpy(&family, bytes, sizeof family);
    auto rest = [&] {
        return binary(std::span<const std::uint8_t>(bytes + sizeof family, len - sizeof family));
    };
    switch (family) {
        case AF_INET:
            if (len >= sizeof(sockaddr_in)) {
                sockaddr_in sin;
                std::memcpy(&sin, bytes, sizeof sin);
                return map({{atoms::family, atoms::inet},
                            {atoms::addr, decode_in_addr(sin.sin_addr)},
                            {atoms::port, static_cast<int>(ntohs(sin.sin_port))}});
            }
            return map({{atoms::family, atoms::inet}, {atoms::addr, rest()}});
        case AF_INET6:
            if (len >= sizeof(sockaddr_in6)) {
                sockaddr_in6 sin6;
                std::memcpy(&sin6, bytes, sizeof sin6);
                return map({{atoms::family, atoms::inet6},
                            {atoms::addr, decode_in6_addr(sin6.sin6_addr)},
                            {atoms::port, static_cast<int>(ntohs(sin6.sin6_port))},
                            {atoms::flowinfo, static_cast<std::int64_t>(ntohl(sin6.sin6_flowinfo))},
                            {atoms::scope_id, static_cast<std::int64_t>(sin6.sin6_scope_id)}});
            }
            return map({{atoms::family, atoms::inet6}, {atoms::addr, rest()}});
        case AF_UNIX: {
            const std::size_t off = offsetof(sockaddr_un, sun_path);
            std::size_t n = len > off ? len - off : 0;
            n = std::min(n, sizeof(sockaddr_un::sun_path));
            const auto* path = reinterpret_cast<const char*>(bytes + off);
            // A filesystem path ends at its first NUL; an abstract name (leading
            // NUL) is exactly the bytes the kernel reported.
            if (n > 0 && path[0] != '\0') n = ::strnlen(path, n);
            return map(
                {{atoms::family, atoms::local}, {atoms::path, binary(std::string_view(path, n))}});
        }
        case AF_PACKET:
            if (len >= sizeof(sockaddr_ll)) {
                sockaddr_ll sll;
                std::memcpy(&sll, bytes, sizeof sll);
                const std::size_t halen = std::min<std::size_t>(sll.sll_halen, sizeof sll.sll_addr);
                return map(
                    {{atoms::family, atom("packet")},
                     {atom("protocol"), static_cast<int>(ntohs(sll.sll_protocol))},
                     {atom("ifindex"), sll.sll_ifindex},
                     {atom("pkttype"), packet_type_term(sll.sll_pkttype)},
                     {atom("hatype"), static_cast<int>(sll.sll_hatype)},
                     {atoms::addr, binary(std::span<const std::uint8_t>(sll.sll_addr, halen))}});
            }
            return map({{atoms::family, atom("packet")}, {atoms::addr, rest()}});
        case AF_UNSPEC:
            return map({{atoms::family, atoms::unspec}, {atoms::addr, rest()}});
        default:
            return map({{atoms::family, static_cast<int>(family)}, {atoms::addr, rest()}});
    }
}

}  // namespace esock::codec
