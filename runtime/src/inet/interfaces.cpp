// SPDX-License-Identifier: Apache-2.0
// getifaddrs/0,1: the system's interface list regrouped as OTP 25 regroups
// it (prim_inet): one entry per interface name in the order names first
// appear, within it one {flags, Flags} group per distinct set of flags in
// the order they first appear, each group's options in the system's order
// with hardware addresses moved behind the others.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <esock/inet.hpp>
#include <esock/posix.hpp>

#include "inet/options.hpp"
#include "inet/text.hpp"
#include "sys/ifaddrs.hpp"
#include "sys/netns.hpp"
#include "term/result_terms.hpp"

namespace esock::inet {

namespace {

namespace rt = result_terms;

term ip_term(const sys::interface_ip& ip) {
    if (!ip.v6) return tuple(ip.bytes[0], ip.bytes[1], ip.bytes[2], ip.bytes[3]);
    term parts[8];
    for (std::size_t i = 0; i < 8; ++i)
        parts[i] = term((ip.bytes[2 * i] << 8) | ip.bytes[2 * i + 1]);
    return tuple_from(std::span<const term>(parts, 8));
}

term flags_term(const sys::interface_flags& f) {
    std::vector<term> out;
    if (f.up) out.emplace_back(atom("up"));
    if (f.broadcast) out.emplace_back(atoms::broadcast);
    if (f.loopback) out.emplace_back(atoms::loopback);
    if (f.pointtopoint) out.emplace_back(atom("pointtopoint"));
    // OTP reports every interface that is up as running, whether or not the
    // system says IFF_RUNNING (no carrier, say).
    if (f.up) out.emplace_back(atom("running"));
    if (f.multicast) out.emplace_back(atom("multicast"));
    return list_from(std::move(out));
}

struct option {
    term value;
    bool hw = false;
};

struct flag_group {
    sys::interface_flags flags;
    std::vector<option> opts;
};

struct interface {
    std::string name;
    std::vector<flag_group> groups;
};

// The options with every hardware address moved behind the others, each
// part keeping its order.
std::vector<option> hw_last(const std::vector<option>& in) {
    std::vector<option> out;
    out.reserve(in.size());
    for (const option& o : in)
        if (!o.hw) out.push_back(o);
    for (const option& o : in)
        if (o.hw) out.push_back(o);
    return out;
}

// prim_inet's layout of one interface's groups G1..Gn:
// [{flags, F1} | hw_last(O1)] ++ hw_last([{flags, F2} | hw_last(O2)] ++ ...),
// built from the last group forwards.
std::vector<option> layout(const std::vector<flag_group>& groups) {
    std::vector<option> rest;
    for (std::size_t i = groups.size(); i-- > 0;) {
        std::vector<option> here;
        here.push_back({tuple(atoms::flags, flags_term(groups[i].flags)), false});
        for (option& o : hw_last(groups[i].opts))
            here.push_back(std::move(o));
        for (option& o : hw_last(rest))
            here.push_back(std::move(o));
        rest = std::move(here);
    }
    return rest;
}

term interfaces_term(const std::vector<sys::interface_entry>& entries) {
    std::vector<interface> ifs;
    for (const sys::interface_entry& e : entries) {
        interface* it = nullptr;
        for (interface& i : ifs) {
            if (i.name == e.name) {
                it = &i;
                break;
            }
        }
        if (it == nullptr) {
            ifs.push_back(interface{e.name, {}});
            it = &ifs.back();
        }
        flag_group* g = nullptr;
        for (flag_group& fg : it->groups) {
            if (fg.flags == e.flags) {
                g = &fg;
                break;
            }
        }
        if (g == nullptr) {
            it->groups.push_back(flag_group{e.flags, {}});
            g = &it->groups.back();
        }
        if (e.addr) {
            g->opts.push_back({tuple(atoms::addr, ip_term(*e.addr)), false});
            if (e.netmask) g->opts.push_back({tuple(atom("netmask"), ip_term(*e.netmask)), false});
            if (e.dstaddr) g->opts.push_back({tuple(atom("dstaddr"), ip_term(*e.dstaddr)), false});
            if (e.broadaddr) {
                g->opts.push_back({tuple(atom("broadaddr"), ip_term(*e.broadaddr)), false});
            }
        }
        if (e.hwaddr) {
            const std::string bytes(e.hwaddr->begin(), e.hwaddr->end());
            g->opts.push_back({tuple(atom("hwaddr"), latin1_string(bytes)), true});
        }
    }
    std::vector<term> out;
    out.reserve(ifs.size());
    for (const interface& i : ifs) {
        std::vector<term> opts;
        for (option& o : layout(i.groups))
            opts.push_back(std::move(o.value));
        // Interface names are UTF-8, as OTP decodes them.
        out.push_back(tuple(string(i.name), list_from(std::move(opts))));
    }
    return list_from(std::move(out));
}

term list_interfaces() {
    const sys::interface_list l = sys::interface_addresses();
    if (l.error != 0) return rt::posix_error(l.error);
    return rt::ok(interfaces_term(l.entries));
}

}  // namespace

term getifaddrs() {
    return list_interfaces();
}

term getifaddrs(const term& opts) {
    if (!opts.is_list()) rt::raise(atoms::function_clause);
    // The options are those of a UDP socket OTP opens to ask the driver; only
    // the namespace changes what the list holds.
    const std::optional<std::string> netns = core::udp_open_netns(opts);
    if (!netns) return list_interfaces();
    const sys::namespace_entry in(*netns);
    if (in.error() != 0) return rt::posix_error(in.error());
    return list_interfaces();
}

}  // namespace esock::inet
