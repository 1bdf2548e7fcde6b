// SPDX-License-Identifier: Apache-2.0
#include "inet/options.hpp"

#include <algorithm>
#include <vector>

#include <esock/supports.hpp>
#include <esock/term_text.hpp>

#include "inet/address.hpp"
#include "inet/text.hpp"
#include "term/result_terms.hpp"

namespace esock::inet::core {

namespace {

namespace rt = result_terms;

bool is_int_in(const term& t, std::int64_t lo, std::int64_t hi) noexcept {
    const auto v = t.as_int();
    return v && *v >= lo && *v <= hi;
}

bool enum_member(const inet_value_type& type, const term& value) {
    return std::any_of(type.values.begin(), type.values.end(), [&](const enum_value& v) {
        if (v.atom.empty()) return value.as_int() == v.integer;
        const auto a = value.as_atom();
        return a && a->name() == v.atom;
    });
}

// Well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
bool is_utf8(std::string_view s) noexcept {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b = static_cast<unsigned char>(s[i]);
        std::size_t n = 0;
        std::uint32_t cp = 0;
        if (b < 0x80) {
            ++i;
            continue;
        }
        if ((b & 0xe0) == 0xc0) {
            n = 1;
            cp = b & 0x1fU;
        } else if ((b & 0xf0) == 0xe0) {
            n = 2;
            cp = b & 0x0fU;
        } else if ((b & 0xf8) == 0xf0) {
            n = 3;
            cp = b & 0x07U;
        } else {
            return false;
        }
        for (std::size_t k = 1; k <= n; ++k) {
            if (i + k >= s.size()) return false;
            const auto c = static_cast<unsigned char>(s[i + k]);
            if ((c & 0xc0) != 0x80) return false;
            cp = (cp << 6) | (c & 0x3fU);
        }
        static constexpr std::uint32_t least[] = {0, 0x80, 0x800, 0x10000};
        if (cp < least[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += n + 1;
    }
    return true;
}

// unicode:characters_to_binary/3 of a string: code points (no surrogates)
// and UTF-8 binaries in any nesting of lists, as UTF-8.
std::optional<std::string> chardata_utf8(const term& t) {
    std::string out;
    // The parts still to take, next last: an explicit stack, so that deep
    // nesting costs memory, not call depth.
    std::vector<term> pending{t};
    while (!pending.empty()) {
        term cur = std::move(pending.back());
        pending.pop_back();
        if (cur.is_binary()) {
            if (!is_utf8(cur.binary_view())) return std::nullopt;
            out += cur.binary_view();
            continue;
        }
        while (cur.is_cons()) {
            term head = *cur.head();
            term tail = *cur.tail();
            if (const auto c = head.as_int()) {
                if (*c < 0 || *c > 0x10FFFF || (*c >= 0xD800 && *c <= 0xDFFF)) return std::nullopt;
                append_utf8(out, static_cast<std::uint32_t>(*c));
            } else if (head.is_list() || head.is_binary()) {
                pending.push_back(std::move(tail));
                pending.push_back(std::move(head));
                break;
            } else {
                return std::nullopt;
            }
            cur = std::move(tail);
        }
        if (!cur.is_cons() && !cur.is_nil() && !cur.is_binary()) return std::nullopt;
        if (cur.is_binary()) pending.push_back(std::move(cur));
    }
    return out;
}

bool valid_membership(const term& v) {
    const auto e = v.tuple_elements();
    if (v.is_tuple(2) && is_ipv6(e[0])) return e[1].is_integer();
    if (!(v.is_tuple(2) || v.is_tuple(3)) || !is_ipv4(e[0])) return false;
    if (!(is_ipv4(e[1]) || e[1].is_atom(atoms::any))) return false;
    return v.is_tuple(2) || e[2].is_integer();
}

bool valid_address(const term& v) {
    if (is_ipv4(v) || is_ipv6(v) || v.is_atom(atoms::any) || v.is_atom(atoms::loopback)) {
        return true;
    }
    if (v.is_map()) return v.map_get(term(atoms::family)) != nullptr;
    // {local, Path}: a local socket's path as a string or binary.
    return v.is_tuple(2) && v.element(0)->is_atom(atoms::local) &&
           (v.element(1)->is_list() || v.element(1)->is_binary());
}

bool valid_raw(const term& v) {
    // {Level, Num, Value} with a binary to set.
    return v.is_tuple(3) && v.element(0)->is_integer() && v.element(1)->is_integer() &&
           v.element(2)->is_binary();
}

term parsed_literal(std::string_view text) {
    return lit(text);
}

term linger_map(const term& v) {
    return map({{atom("onoff"), *v.element(0)}, {atom("linger"), *v.element(1)}});
}

std::optional<term> linger_tuple(const term& m) {
    const term* onoff = m.map_get(term(atom("onoff")));
    const term* secs = m.map_get(term(atom("linger")));
    if (onoff == nullptr || secs == nullptr) return std::nullopt;
    return tuple(*onoff, *secs);
}

// {MultiAddr, If} and {MultiAddr6, IfIndex} as ip_mreq and ipv6_mreq; the
// interface index of {MultiAddr, If, IfIndex} has no place in ip_mreq.
term membership_map(const term& v) {
    const auto e = v.tuple_elements();
    return map({{atom("multiaddr"), e[0]}, {atom("interface"), e[1]}});
}

// A control message of a pktoptions list as inet reports it: {Type, Value},
// for messages the socket level decoded.
std::optional<term> pktoption(const term& cmsg) {
    const term* type = cmsg.map_get(term(atoms::type));
    const term* value = cmsg.map_get(term(atoms::value));
    if (type == nullptr || value == nullptr) return std::nullopt;
    return tuple(*type, *value);
}

std::optional<term> named_integer_value(const socket_target& t, const term& v) {
    if (v.is_integer()) return v;
    const auto a = v.as_atom();
    if (!a) return std::nullopt;
    for (const named_integer& n : t.names) {
        if (!n.atom.empty() && n.atom == a->name()) return term(n.value);
    }
    return std::nullopt;
}

}  // namespace

const inet_option* find_option(std::string_view name) noexcept {
    const auto table = option_table();
    const auto it =
        std::lower_bound(table.begin(), table.end(), name,
                         [](const inet_option& o, std::string_view n) { return o.name < n; });
    if (it == table.end() || it->name != name) return nullptr;
    return &*it;
}

const inet_option* find_option(atom name) noexcept {
    return find_option(name.name());
}

std::optional<option_arg> option_of(const term& element) {
    if (const auto a = element.as_atom()) {
        const inet_option* o = find_option(*a);
        if (o == nullptr || o->type != nullptr) return std::nullopt;
        if (o->means.empty()) return option_arg{o, atoms::true_};
        const term meant = parsed_literal(o->means);
        const inet_option* target = find_option(*meant.element(0)->as_atom());
        if (target == nullptr) return std::nullopt;
        return option_arg{target, *meant.element(1)};
    }
    const auto e = element.tuple_elements();
    if (element.is_tuple(4) && e[0].is_atom(atoms::raw)) {
        return option_arg{find_option(atoms::raw), tuple(e[1], e[2], e[3])};
    }
    if (element.is_tuple(2) && e[0].is_atom()) {
        const inet_option* o = find_option(*e[0].as_atom());
        if (o == nullptr || o->type == nullptr) return std::nullopt;
        return option_arg{o, e[1]};
    }
    return std::nullopt;
}

bool valid_value(const inet_option& opt, const term& value) {
    if (opt.type == nullptr) return value.is_atom(atoms::true_);
    switch (opt.type->check) {
        case value_check::boolean:
            return value.is_boolean();
        case value_check::integer:
            return value.is_integer();
        case value_check::non_neg_integer:
            return is_int_in(value, 0, INT64_MAX);
        case value_check::timeout:
            return value.is_atom(atoms::infinity) || is_int_in(value, 0, INT64_MAX);
        case value_check::active:
            return value.is_boolean() || value.is_atom(atom("once")) ||
                   is_int_in(value, -32768, 32767);
        case value_check::enum_:
            return enum_member(*opt.type, value);
        case value_check::linger:
            // Seconds a C int of at least 0: OTP 25 passes any integer cut
            // to 32 bits, and the kernel then holds garbage (a linger of -1
            // reads back as -1752346657): docs/deviations.md.
            return value.is_tuple(2) && value.element(0)->is_boolean() &&
                   is_int_in(*value.element(1), 0, INT32_MAX);
        case value_check::binary:
            return value.is_binary();
        case value_check::filename:
            return filename_bytes(value).has_value();
        case value_check::raw:
            return valid_raw(value);
        case value_check::multicast_if:
            return is_ipv4(value) || value.is_integer();
        case value_check::membership:
            return valid_membership(value);
        case value_check::get_only:
            return false;
        case value_check::address:
            return valid_address(value);
        case value_check::port:
            return is_int_in(value, 0, 65535);
        case value_check::module:
            return value.is_atom();
    }
    return false;
}

bool in_range(const inet_option& opt, const term& value) noexcept {
    if (!opt.minimum) return true;
    const auto v = value.as_int();
    return !v || *v >= *opt.minimum;
}

std::optional<term> default_value(const inet_option& opt, bool inet6, bool dgram) {
    // Parsed once; the table is immutable and never destroyed
    // (docs/reliability.md).
    static const auto& defaults =
        *new std::vector<std::pair<std::optional<term>, std::optional<term>>>([] {
            std::vector<std::pair<std::optional<term>, std::optional<term>>> out;
            for (const inet_option& o : option_table()) {
                std::optional<term> stream;
                std::optional<term> datagram;
                if (!o.default_text.empty()) stream = parsed_literal(o.default_text);
                datagram =
                    o.udp4_default_text.empty() ? stream : parsed_literal(o.udp4_default_text);
                out.emplace_back(stream, datagram);
            }
            return out;
        }());
    const auto index = static_cast<std::size_t>(&opt - option_table().data());
    if (index >= defaults.size()) return std::nullopt;
    return dgram && !inet6 ? defaults[index].second : defaults[index].first;
}

term read_back(const inet_option& opt, const term& value) {
    // A file name reads back as the string of its characters.
    if (opt.type != nullptr && opt.type->check == value_check::filename) {
        if (const auto bytes = filename_bytes(value)) return string(*bytes);
    }
    if (opt.type != nullptr && opt.type->check == value_check::enum_) {
        for (const enum_value& v : opt.type->values) {
            const auto a = value.as_atom();
            if (!v.atom.empty() && a && a->name() == v.atom && !v.reads_as.empty()) {
                return parsed_literal(v.reads_as);
            }
        }
    }
    if (opt.reads_back_at_least) {
        if (const auto v = value.as_int(); v && *v < *opt.reads_back_at_least) {
            return term(*opt.reads_back_at_least);
        }
    }
    return value;
}

std::optional<socket_mapping> socket_option_for(const inet_option& opt, bool inet6) {
    const std::uint8_t family = inet6 ? family_inet6 : family_inet;
    for (const socket_target& t : opt.socket) {
        if ((t.families & family) == 0) continue;
        const term option = tuple(atom(t.level), atom(t.option));
        // The otp level is esock's own and always there.
        if (t.level != "otp" &&
            !socket::is_supported(atom("options"), option).is_atom(atoms::true_)) {
            continue;
        }
        return socket_mapping{option, &t, opt.reads_back_at_least};
    }
    return std::nullopt;
}

std::optional<term> to_socket_value(const socket_mapping& m, const term& value) {
    switch (m.target->conv) {
        case conversion::linger:
            return linger_map(value);
        case conversion::device:
            return latin1_string(value.binary_view());
        case conversion::membership: {
            // The group's family must be the socket's.
            const bool v6_group = is_ipv6(*value.element(0));
            if (v6_group != (m.target->families == family_inet6)) return std::nullopt;
            return membership_map(value);
        }
        default:
            break;
    }
    if (m.at_least) {
        if (const auto v = value.as_int(); v && *v < *m.at_least) return term(*m.at_least);
    }
    return value;
}

std::optional<term> from_socket_value(const socket_mapping& m, const term& socket_value) {
    switch (m.target->conv) {
        case conversion::none:
            return socket_value;
        case conversion::linger:
            return linger_tuple(socket_value);
        case conversion::device: {
            const auto bytes = iodata_bytes(socket_value);
            if (!bytes) return std::nullopt;
            return binary(*bytes);
        }
        case conversion::enum_integer:
            return named_integer_value(*m.target, socket_value);
        case conversion::pktoptions: {
            const auto cmsgs = socket_value.list_to_vector();
            if (!cmsgs) return std::nullopt;
            std::vector<term> out;
            for (const term& c : *cmsgs) {
                if (auto p = pktoption(c)) out.push_back(std::move(*p));
            }
            return list_from(std::move(out));
        }
        case conversion::membership:
            return std::nullopt;  // set only
    }
    return std::nullopt;
}

std::optional<native_option> raw_native(const term& raw_value) {
    if (!valid_raw(raw_value)) return std::nullopt;
    const auto e = raw_value.tuple_elements();
    return native_option{tuple(e[0], e[1]), e[2]};
}

std::optional<native_option> raw_get_request(const term& element) {
    const auto e = element.tuple_elements();
    if (!element.is_tuple(4) || !e[0].is_atom(atoms::raw) || !e[1].is_integer() ||
        !e[2].is_integer()) {
        return std::nullopt;
    }
    if (!(is_int_in(e[3], 0, INT64_MAX) || e[3].is_binary())) return std::nullopt;
    return native_option{tuple(e[1], e[2]), e[3]};
}

std::optional<std::string> filename_bytes(const term& value) {
    if (value.is_binary()) return std::string(value.binary_view());
    if (!value.is_list()) return std::nullopt;
    return chardata_utf8(value);
}

std::optional<std::string> udp_open_netns(const term& opts) {
    std::optional<std::string> netns;
    term rest = opts;
    while (rest.is_cons()) {
        const term element = *rest.head();
        const auto arg = option_of(element);
        if (!arg || arg->option->module_choice || !accepted_in(*arg->option, context_udp_open) ||
            !valid_value(*arg->option, arg->value)) {
            rt::raise(atoms::badarg);
        }
        if (arg->option->name == "netns") netns = filename_bytes(arg->value);
        rest = *rest.tail();
    }
    if (!rest.is_nil()) rt::raise(atoms::function_clause);
    return netns;
}

}  // namespace esock::inet::core
