// SPDX-License-Identifier: Apache-2.0
#include "codec/ioctl.hpp"

#include <limits>
#include <vector>

#include "codec/sockaddr.hpp"

namespace esock::codec {

namespace {

// The keys of gifmap's map (struct ifmap's fields).
struct map_keys {
    atom mem_start{"mem_start"};
    atom mem_end{"mem_end"};
    atom base_addr{"base_addr"};
    atom irq{"irq"};
    atom dma{"dma"};
    atom port{"port"};
};

const map_keys& keys() {
    static const map_keys k;
    return k;
}

term hardware_address(const sys::address& a) {
    const auto family = sys::family_of(a);
    const named_constant* type =
        family ? find_named_value(ioctl_hardware_types(), *family) : nullptr;
    const term family_t = type != nullptr ? term(atom(type->name)) : term(family.value_or(0));
    return map({{atoms::family, family_t}, {atoms::addr, binary(sys::raw_after_family(a))}});
}

std::optional<term> interface_map(const sys::interface_map& m) {
    constexpr auto most = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (m.mem_start > most || m.mem_end > most) return std::nullopt;
    const map_keys& k = keys();
    return map({{k.mem_start, static_cast<std::int64_t>(m.mem_start)},
                {k.mem_end, static_cast<std::int64_t>(m.mem_end)},
                {k.base_addr, static_cast<int>(m.base_addr)},
                {k.irq, static_cast<int>(m.irq)},
                {k.dma, static_cast<int>(m.dma)},
                {k.port, static_cast<int>(m.port)}});
}

}  // namespace

const ioctl_request_info* find_ioctl_request(atom name) noexcept {
    const std::string_view text = name.name();
    for (const ioctl_request_info& r : ioctl_request_infos()) {
        if (r.name == text) return &r;
    }
    return nullptr;
}

std::size_t ioctl_arity(const ioctl_request_info& r) noexcept {
    if (r.argument == ioctl_argument::none) return 2;
    return can_set(r.mode) ? 4 : 3;
}

const named_constant* native_request(const ioctl_request_info& r) noexcept {
    if (r.listed < 0) return nullptr;
    const named_constant& n = ioctl_requests()[static_cast<std::size_t>(r.listed)];
    return n.defined ? &n : nullptr;
}

std::optional<std::string> interface_name_bytes(const term& name) {
    std::string out;
    term cur = name;
    while (cur.is_cons()) {
        const auto c = cur.head()->as_int();
        if (!c || *c < 0 || *c > 255) return std::nullopt;
        out.push_back(static_cast<char>(*c));
        cur = *cur.tail();
    }
    if (!cur.is_nil()) return std::nullopt;
    return out;
}

std::optional<term> decode_ioctl_value(ioctl_value v, const sys::interface_request& q) {
    switch (v) {
        case ioctl_value::ifname:
            return latin1_string(q.name);
        case ioctl_value::ifindex:
            return term(q.ifindex);
        case ioctl_value::sockaddr:
            return decode_sockaddr(q.addr);
        case ioctl_value::hwaddr:
            return hardware_address(q.addr);
        case ioctl_value::flags:
            return decode_interface_flags(q.flags);
        case ioctl_value::ifmap:
            return interface_map(q.map);
        case ioctl_value::mtu:
            return term(q.mtu);
        case ioctl_value::txqlen:
            return term(q.qlen);
        case ioctl_value::ifconf:
            break;  // a list, not one ifreq: the caller builds it
    }
    return std::nullopt;
}

term decode_interface_flags(std::int16_t bits) {
    // As OTP 25 decodes them: a flag matches while it is set in what is
    // left, and leaves the bits it took out; the rest is one integer.
    std::vector<term> out;
    const auto flags = ioctl_flags();
    for (const std::uint8_t i : ioctl_flag_order()) {
        if (bits == 0) break;
        const named_constant& f = flags[i];
        if (!f.defined || f.value == 0) continue;
        if ((static_cast<std::int64_t>(bits) & f.value) == f.value) {
            out.emplace_back(atom(f.name));
            bits = static_cast<std::int16_t>(bits & ~f.value);
        }
    }
    if (bits != 0) out.emplace_back(static_cast<int>(bits));
    return list_from(std::move(out));
}

std::optional<std::int16_t> apply_interface_flags(std::int16_t current, const term& changes) {
    std::int64_t bits = current;
    for (const map_entry& e : changes.map_entries()) {
        const auto name = e.key.as_atom();
        const named_constant* f = name ? find_named(ioctl_flags(), name->name()) : nullptr;
        const auto on = e.value.as_bool();
        if (f == nullptr || !on) return std::nullopt;
        const std::int64_t bit = f->defined ? f->value : 0;
        bits = *on ? (bits | bit) : (bits & ~bit);
    }
    // The kernel's field is 16 bits: what lies beyond is lost, as in OTP.
    return static_cast<std::int16_t>(bits);
}

}  // namespace esock::codec
