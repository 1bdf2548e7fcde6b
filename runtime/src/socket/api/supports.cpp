// SPDX-License-Identifier: Apache-2.0
// supports/is_supported from the generated tables.

#include <esock/supports.hpp>

#include <algorithm>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <esock/error.hpp>

#include "codec/tables.hpp"
#include "sys/protocols.hpp"

namespace esock::socket {
namespace {

term pair(term a, term b) {
    return tuple(std::move(a), std::move(b));
}

bool is_key(const term& t, std::string_view name) {
    const auto a = t.as_atom();
    return a.has_value() && a->name() == name;
}

term named_list(std::span<const codec::named_constant> table) {
    std::vector<term> out;
    out.reserve(table.size());
    for (const auto& n : table)
        out.push_back(pair(atom(n.name), boolean(n.defined)));
    return list_from(std::move(out));
}

bool native_level(const codec::option_info& o) {
    return o.level_ref->native;
}

term options_list() {
    std::vector<term> out;
    for (const auto& o : codec::options()) {
        if (!native_level(o)) continue;
        out.push_back(pair(tuple(atom(o.level), atom(o.name)), boolean(o.supported)));
    }
    return list_from(std::move(out));
}

term level_options(std::string_view level) {
    const codec::level_info* l = codec::find_level(level);
    if (l == nullptr || !l->native) return nil();
    std::vector<term> out;
    for (const auto& o : codec::options()) {
        if (o.level == level) out.push_back(pair(atom(o.name), boolean(o.supported)));
    }
    return list_from(std::move(out));
}

// The names and aliases of the protocol database plus the spec's protocols
// this platform defines, sorted and without repeats, as OTP lists them.
const std::vector<std::string>& protocol_names() {
    // Never destroyed (docs/reliability.md).
    static const auto& names = *new std::vector<std::string>([] {
        std::vector<std::string> out;
        for (const auto& p : codec::protocols()) {
            if (p.defined) out.emplace_back(p.name);
        }
        for (const sys::protocol_entry& e : sys::protocol_database()) {
            out.insert(out.end(), e.names.begin(), e.names.end());
        }
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out;
    }());
    return names;
}

term protocols_list() {
    std::vector<term> out;
    for (const auto& name : protocol_names())
        out.push_back(pair(atom(name), boolean(true)));
    // Erlang term order of the atoms, which for these ASCII names is the
    // byte order the names were sorted in.
    return list_from(std::move(out));
}

bool protocol_supported(std::string_view name) {
    const auto& names = protocol_names();
    return std::binary_search(names.begin(), names.end(), name,
                              [](std::string_view a, std::string_view b) { return a < b; });
}

bool feature_supported(std::string_view name) {
    for (const auto& f : codec::features()) {
        if (f.name == name) return f.supported;
    }
    return false;
}

bool named_supported(std::span<const codec::named_constant> table, const term& key) {
    const auto a = key.as_atom();
    if (!a) return false;
    const codec::named_constant* n = codec::find_named(table, a->name());
    return n != nullptr && n->defined;
}

bool option_supported(const term& level, const term& opt) {
    const auto l = level.as_atom();
    const auto o = opt.as_atom();
    if (!l || !o) return false;
    const codec::option_info* info = codec::find_option(*l, *o);
    return info != nullptr && native_level(*info) && info->supported;
}

}  // namespace

term supports() {
    std::vector<term> out;
    for (std::string_view key :
         {"ioctl_requests", "ioctl_flags", "options", "msg_flags", "protocols"}) {
        const term k = atom(key);
        out.push_back(pair(k, supports(k)));
    }
    for (const auto& f : codec::features())
        out.push_back(pair(atom(f.name), boolean(f.supported)));
    return list_from(std::move(out));
}

term supports(const term& key1) {
    if (is_key(key1, "msg_flags")) return named_list(codec::msg_flags());
    if (is_key(key1, "protocols")) return protocols_list();
    if (is_key(key1, "options")) return options_list();
    if (is_key(key1, "ioctl_requests")) return named_list(codec::ioctl_requests());
    if (is_key(key1, "ioctl_flags")) return named_list(codec::ioctl_flags());
    return nil();
}

term supports(const term& key1, const term& key2) {
    if (!is_key(key1, "options")) return nil();
    const auto level = key2.as_atom();
    if (!level) return nil();
    return level_options(level->name());
}

term is_supported(const term& key1) {
    const auto a = key1.as_atom();
    return boolean(a.has_value() && feature_supported(a->name()));
}

term is_supported(const term& key1, const term& key2) {
    if (is_key(key1, "options")) {
        const auto parts = key2.tuple_elements();
        return boolean(key2.is_tuple(2) && option_supported(parts[0], parts[1]));
    }
    if (is_key(key1, "msg_flags")) return boolean(named_supported(codec::msg_flags(), key2));
    if (is_key(key1, "ioctl_requests")) {
        return boolean(named_supported(codec::ioctl_requests(), key2));
    }
    if (is_key(key1, "ioctl_flags")) return boolean(named_supported(codec::ioctl_flags(), key2));
    if (is_key(key1, "protocols")) {
        const auto a = key2.as_atom();
        return boolean(a.has_value() && protocol_supported(a->name()));
    }
    return boolean(false);
}

term is_supported(const term& key1, const term& key2, const term& key3) {
    if (!is_key(key1, "options") || !key2.is_atom() || !key3.is_atom()) {
        throw erl_error(atoms::function_clause);
    }
    return boolean(option_supported(key2, key3));
}

}  // namespace esock::socket
