// SPDX-License-Identifier: Apache-2.0
// Host and service names: getaddr(s), gethostbyname, gethostbyaddr,
// gethostname, getservbyname and getservbyport, with OTP 25's lookup
// order, argument checks and error atoms.

#include <cstdlib>
#include <mutex>
#include <string_view>
#include <utility>

#include <esock/inet.hpp>

#include "inet/address.hpp"
#include "inet/hosts.hpp"
#include "inet/text.hpp"
#include "sys/resolver.hpp"
#include "term/result_terms.hpp"

namespace esock::inet {

namespace {

namespace rt = result_terms;
using core::parsed_address;

// -- the resolver configuration -----------------------------------------------

std::mutex config_mu;

resolver_config& config_slot() {
    // Never destroyed (docs/reliability.md).
    static auto& config = *new resolver_config(resolver_config_from_environment());
    return config;
}

resolver_config current_config() {
    const std::lock_guard lk(config_mu);
    return config_slot();
}

std::vector<lookup_method> parse_lookup(std::string_view text) {
    std::vector<lookup_method> out;
    while (!text.empty()) {
        const auto comma = text.find(',');
        const std::string_view item = text.substr(0, comma);
        if (item == "file") out.push_back(lookup_method::file);
        if (item == "native") out.push_back(lookup_method::native);
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    return out;
}

// -- hostent ------------------------------------------------------------------------

atom hostent_atom() {
    static const atom a("hostent");
    return a;
}

// The family whose addresses a lookup wants, when `t` is inet or inet6.
std::optional<bool> family_v6(const term& t) noexcept {
    if (t.is_atom(atoms::inet)) return false;
    if (t.is_atom(atoms::inet6)) return true;
    return std::nullopt;
}

term hostent(term name, std::vector<term> aliases, bool v6, std::vector<term> addrs) {
    return tuple(hostent_atom(), std::move(name), list_from(std::move(aliases)),
                 v6 ? atoms::inet6 : atoms::inet, v6 ? 16 : 4, list_from(std::move(addrs)));
}

term loopback_of(bool v6) {
    return v6 ? tuple(0, 0, 0, 0, 0, 0, 0, 1) : tuple(127, 0, 0, 1);
}

term bytes_address(const std::array<std::uint8_t, 16>& b, bool v6) {
    if (!v6) return tuple(b[0], b[1], b[2], b[3]);
    term parts[8];
    for (std::size_t i = 0; i < 8; ++i)
        parts[i] = term((b[2 * i] << 8) | b[2 * i + 1]);
    return tuple_from(std::span<const term>(parts, 8));
}

// -- one lookup method's answer ----------------------------------------------------

// formerr ends the search with {error, einval}; not_found goes on to the
// next method.
enum class found : std::uint8_t { ok, formerr, not_found };

struct answer {
    found what = found::not_found;
    term hostent;
};

answer hit(term h) {
    return {found::ok, std::move(h)};
}
const answer formerr{found::formerr, term()};
const answer not_found{found::not_found, term()};

// A name given as an atom is looked up as its text.
term name_list(const term& name) {
    if (const auto a = name.as_atom()) return string(a->name());
    return name;
}

// The name in lower case, as OTP's resolver compares it; an element that is
// not a character raises function_clause, as inet_db:tolower/1 does.
std::u32string lowered(const term& name) {
    const auto cps = core::code_points(name);
    if (!cps) rt::raise(atoms::function_clause);
    return core::ascii_lower(*cps);
}

term parse_or_raise(core::parser which, const term& text, parsed_address& out) {
    const core::parse_outcome r = core::parse(which, text);
    if (r.status == core::parse_status::function_clause) rt::raise(atoms::function_clause);
    if (r.status != core::parse_status::ok) return atoms::error;
    out = r.address;
    return atoms::ok;
}

// The name as an address text: what OTP tries first when `native` is not in
// the lookup list.
answer by_string(const term& name_in, const term& family) {
    const term name = name_list(name_in);
    const auto v6 = family_v6(family);
    if (!name.is_list() || !v6) return formerr;
    parsed_address a;
    const term ok = parse_or_raise(*v6 ? core::parser::ipv6_strict : core::parser::ipv4, name, a);
    if (ok != atoms::ok) return not_found;
    return hit(hostent(name, {}, *v6, {core::address_term(a)}));
}

answer from_hosts(const core::hosts_match& m, bool v6, const std::vector<term>& addrs) {
    std::vector<term> aliases;
    for (std::size_t i = 1; i < m.names.size(); ++i)
        aliases.push_back(core::code_point_list(m.names[i]));
    return hit(hostent(core::code_point_list(m.names.front()), std::move(aliases), v6, addrs));
}

answer by_file(const term& name_in, const term& family, const resolver_config& cfg) {
    const term name = name_list(name_in);
    if (!name.is_list() || !family.is_atom()) return formerr;
    const std::u32string lower = lowered(name);
    const auto v6 = family_v6(family);
    if (!v6) return not_found;
    core::hosts_match m;
    if (!core::hosts_table::read(cfg.hosts_file).by_name(lower, *v6, m)) return not_found;
    std::vector<term> addrs;
    for (const parsed_address& a : m.addresses)
        addrs.push_back(core::address_term(a));
    return from_hosts(m, *v6, addrs);
}

answer by_native(const term& name_in, const term& family) {
    const term name = name_list(name_in);
    const auto v6 = family_v6(family);
    if (!name.is_list() || !v6) return formerr;
    // OTP hands the name to its resolver program as iodata; what is not
    // iodata fails there, and the search goes on.
    auto bytes = core::iodata_bytes(name);
    if (!bytes) return not_found;
    // The resolver takes a C string.
    if (const auto nul = bytes->find('\0'); nul != std::string::npos) bytes->resize(nul);
    // No hosts file can list a name with white space or control characters,
    // and the system resolver would send it to DNS: it is not found here.
    for (char c : *bytes) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return not_found;
    }
    const auto info =
        sys::resolve_host(*bytes, *v6 ? sys::host_family::inet6 : sys::host_family::inet);
    if (!info) return not_found;
    std::vector<term> addrs;
    for (const auto& a : info->addresses)
        addrs.push_back(bytes_address(a, *v6));
    term h_name = info->name.empty() ? name : latin1_string(info->name);
    return hit(hostent(std::move(h_name), {}, *v6, std::move(addrs)));
}

// The host's own name up to its first '.', and the rest after that '.'.
std::pair<std::string, std::string> own_name() {
    const std::string full = sys::host_name().value_or("");
    const auto dot = full.find('.');
    if (dot == std::string::npos) return {full, ""};
    return {full.substr(0, dot), full.substr(dot + 1)};
}

std::u32string latin1_points(std::string_view s) {
    std::u32string out;
    for (char c : s)
        out.push_back(static_cast<unsigned char>(c));
    return out;
}

// The last resort: the host's own name (or name.domain) answers with the
// loopback address, as if the hosts file said so.
answer by_self(const term& name_in, const term& family) {
    const term name = name_list(name_in);
    const auto v6 = family_v6(family);
    if (!name.is_list() || !v6) return formerr;
    const std::u32string lower = lowered(name);
    const auto [host, domain] = own_name();
    if (core::ascii_lower(latin1_points(host)) == lower) {
        return hit(hostent(latin1_string(host), {}, *v6, {loopback_of(*v6)}));
    }
    if (!domain.empty()) {
        const std::string fqdn = host + "." + domain;
        if (core::ascii_lower(latin1_points(fqdn)) == lower) {
            return hit(hostent(latin1_string(fqdn), {}, *v6, {loopback_of(*v6)}));
        }
    }
    return not_found;
}

// inet:gethostbyname_tm/4: each method in turn until one answers or one
// finds the arguments malformed, then the host's own name.
term by_name(const term& name, const term& family) {
    const resolver_config cfg = current_config();
    std::vector<lookup_method> methods = cfg.lookup;
    bool has_native = false;
    for (lookup_method m : methods)
        has_native = has_native || m == lookup_method::native;
    answer a = not_found;
    if (!has_native) a = by_string(name, family);
    for (std::size_t i = 0; a.what == found::not_found && i < methods.size(); ++i) {
        a = methods[i] == lookup_method::file ? by_file(name, family, cfg)
                                              : by_native(name, family);
    }
    if (a.what == found::not_found) a = by_self(name, family);
    switch (a.what) {
        case found::ok:
            return rt::ok(std::move(a.hostent));
        case found::formerr:
            return rt::error(atoms::einval);
        default:
            return rt::error(atom("nxdomain"));
    }
}

// An address tuple of either family with every part in range.
std::optional<parsed_address> tuple_address(const term& t) {
    const bool v6 = core::is_ipv6(t);
    if (!v6 && !core::is_ipv4(t)) return std::nullopt;
    parsed_address a;
    a.v6 = v6;
    const auto e = t.tuple_elements();
    for (std::size_t i = 0; i < e.size(); ++i)
        a.parts[i] = *e[i].as_int();
    return a;
}

// The address an Address argument of gethostbyaddr names: a tuple, or a
// text (or atom) inet:parse_address/1 takes; nullopt is formerr.
std::optional<parsed_address> address_arg(const term& addr) {
    if (auto a = tuple_address(addr)) return a;
    const term text = name_list(addr);
    if (!text.is_list()) return std::nullopt;
    parsed_address a;
    if (parse_or_raise(core::parser::address, text, a) != atoms::ok) return std::nullopt;
    return a;
}

answer addr_by_file(const term& addr, const resolver_config& cfg) {
    const auto a = address_arg(addr);
    if (!a) return formerr;
    core::hosts_match m;
    if (!core::hosts_table::read(cfg.hosts_file).by_address(*a, m)) return not_found;
    return from_hosts(m, a->v6, {core::address_term(*a)});
}

answer addr_by_native(const term& addr) {
    const auto a = address_arg(addr);
    if (!a) return formerr;
    std::array<std::uint8_t, 16> bytes{};
    std::size_t n = 0;
    if (a->v6) {
        for (std::size_t i = 0; i < 8; ++i) {
            bytes[2 * i] = static_cast<std::uint8_t>(a->parts[i] >> 8);
            bytes[2 * i + 1] = static_cast<std::uint8_t>(a->parts[i] & 255);
        }
        n = 16;
    } else {
        for (std::size_t i = 0; i < 4; ++i)
            bytes[i] = static_cast<std::uint8_t>(a->parts[i]);
        n = 4;
    }
    const auto name = sys::resolve_address(std::span<const std::uint8_t>(bytes.data(), n));
    if (!name) return not_found;
    return hit(hostent(latin1_string(*name), {}, a->v6, {core::address_term(*a)}));
}

// The loopback addresses answer with the host's own name at the end.
answer addr_by_self(const term& addr) {
    const bool v4 = addr == tuple(127, 0, 0, 1);
    const bool v6 = addr == tuple(0, 0, 0, 0, 0, 0, 0, 1);
    if (!v4 && !v6) return not_found;
    const auto [host, domain] = own_name();
    if (domain.empty()) return hit(hostent(latin1_string(host), {}, v6, {addr}));
    return hit(hostent(latin1_string(host + "." + domain), {latin1_string(host)}, v6, {addr}));
}

// The protocol of a service lookup as OTP passes it to its driver: a
// length byte (the atom's or the list's length; an improper list raises
// badarg, as length/1 does), then the text as iodata, of which the driver
// reads that many bytes.
struct protocol_text {
    bool too_long = false;            // over 255: {error, einval} before anything else
    std::optional<std::string> text;  // nullopt: the driver refuses it ({error, einval})
};

protocol_text protocol_arg(const term& proto) {
    protocol_text out;
    const term chars = name_list(proto);
    const auto len = chars.list_length();
    if (!len) rt::raise(atoms::badarg);
    out.too_long = *len > 255;
    auto bytes = core::iodata_bytes(chars);
    if (bytes && bytes->size() >= *len) {
        bytes->resize(*len);
        out.text = std::move(bytes);
    }
    return out;
}

// C strings end at a NUL.
std::string c_string(std::string s) {
    if (const auto nul = s.find('\0'); nul != std::string::npos) s.resize(nul);
    return s;
}

}  // namespace

// -- configuration -----------------------------------------------------------------------

resolver_config resolver_config_from_environment() {
    resolver_config c;
    if (const char* hosts = std::getenv("ESOCK_HOSTS"); hosts != nullptr && *hosts != '\0') {
        c.hosts_file = hosts;
        c.lookup = {lookup_method::file, lookup_method::native};
    }
    if (const char* lookup = std::getenv("ESOCK_LOOKUP"); lookup != nullptr && *lookup != '\0') {
        c.lookup = parse_lookup(lookup);
    }
    return c;
}

void set_resolver_config(resolver_config config) {
    const std::lock_guard lk(config_mu);
    config_slot() = std::move(config);
}

resolver_config get_resolver_config() {
    return current_config();
}

// -- names ----------------------------------------------------------------------------------

term gethostname() {
    return rt::ok(latin1_string(own_name().first));
}

term getaddrs(const term& host, const term& family) {
    if (host.is_tuple(4) || host.is_tuple(8)) {
        // Only a syntactic check, and the family's.
        if (!tuple_address(host)) return rt::error(atoms::einval);
        const bool v6 = host.is_tuple(8);
        if (!family.is_atom(v6 ? atoms::inet6 : atoms::inet))
            return rt::error(atom("eafnosupport"));
        return rt::ok(list(host));
    }
    const term name = name_list(host);
    // inet_parse:visible_string/1: printable ASCII without spaces.
    if (!core::all_in_range(name, 0x21, 0x7e)) return rt::error(atoms::einval);
    term r = by_name(name, family);
    if (r.element(0)->is_atom(atoms::ok)) return rt::ok(*r.element(1)->element(5));
    return r;
}

term getaddr(const term& host, const term& family) {
    term r = getaddrs(host, family);
    if (r.element(0)->is_atom(atoms::ok)) return rt::ok(*r.element(1)->head());
    return r;
}

term gethostbyname(const term& name) {
    return by_name(name, atoms::inet);
}

term gethostbyname(const term& name, const term& family) {
    return by_name(name, family);
}

term gethostbyaddr(const term& address) {
    const resolver_config cfg = current_config();
    for (lookup_method m : cfg.lookup) {
        answer a = m == lookup_method::file ? addr_by_file(address, cfg) : addr_by_native(address);
        if (a.what == found::ok) return rt::ok(std::move(a.hostent));
        if (a.what == found::formerr) return rt::error(atoms::einval);
    }
    answer a = addr_by_self(address);
    if (a.what == found::ok) return rt::ok(std::move(a.hostent));
    return rt::error(atom("nxdomain"));
}

// -- services -------------------------------------------------------------------------------

term getservbyname(const term& name, const term& protocol) {
    const auto a = name.as_atom();
    if (!a) rt::raise(atoms::function_clause);
    if (!protocol.is_atom() && !protocol.is_list()) return rt::error(atoms::einval);
    const term name_chars = string(a->name());
    const protocol_text proto = protocol_arg(protocol);
    if (*name_chars.list_length() > 255 || proto.too_long) return rt::error(atoms::einval);
    const auto bytes = core::iodata_bytes(name_chars);
    if (!bytes || !proto.text) return rt::error(atoms::einval);
    const auto port = sys::service_port(c_string(*bytes), c_string(*proto.text));
    if (!port) return rt::error(atoms::einval);
    return rt::ok(static_cast<std::int64_t>(*port));
}

term getservbyport(const term& port, const term& protocol) {
    if (!protocol.is_atom() && !protocol.is_list()) return rt::error(atoms::einval);
    const protocol_text proto = protocol_arg(protocol);
    // Erlang orders every non-number above every number, so only numbers in
    // 0..65535 pass OTP's range check; a float among them then fails the
    // integer arithmetic that encodes the port.
    const auto f = port.as_float();
    const auto p = port.as_int();
    const bool in_range = f ? (*f >= 0 && *f <= 0xffff) : (p && *p >= 0 && *p <= 0xffff);
    if (!in_range || proto.too_long) return rt::error(atoms::einval);
    if (f) rt::raise(atom("badarith"));
    if (!proto.text) return rt::error(atoms::einval);
    const auto name = sys::service_name(static_cast<std::uint16_t>(*p), c_string(*proto.text));
    if (!name) return rt::error(atoms::einval);
    return rt::ok(latin1_string(*name));
}

}  // namespace esock::inet
