// SPDX-License-Identifier: Apache-2.0
#include "codec/names.hpp"

#include <string>
#include <unordered_map>
#include <vector>

#include "codec/primitives.hpp"
#include "codec/tables.hpp"
#include "sys/protocols.hpp"

namespace esock::codec {

namespace {

std::optional<int> defined_value(const named_constant& n) noexcept {
    if (!n.defined) return std::nullopt;
    return static_cast<int>(n.value);
}

// An integer as open passes it to socket(2): a C int, or nothing (OTP 25
// refuses a wider one rather than cutting it).
std::optional<int> c_int_of(const term& t) {
    int v = 0;
    if (!put_int(v, t)) return std::nullopt;
    return v;
}

// An atom of `table` that open takes, or an integer.
std::optional<int> open_name(std::span<const named_constant> table, const term& t) {
    if (t.is_integer()) return c_int_of(t);
    const auto a = t.as_atom();
    if (!a) return std::nullopt;
    const named_constant* n = find_named(table, a->name());
    if (n == nullptr || !n->openable) return std::nullopt;
    return defined_value(*n);
}

term name_of(std::span<const named_constant> table, int value) {
    if (const named_constant* n = find_named_value(table, value)) return atom(n->name);
    return value;
}

// Protocol atoms -> numbers: the spec's names, then every name and alias of
// the protocol database (the spec's win where both name a number), keyed
// by atom index. Built once: a lookup is one hash probe.
const std::unordered_map<std::uint32_t, int>& protocols_by_atom() {
    // Never destroyed: spawned processes may still open sockets while the
    // program exits (docs/reliability.md).
    static const auto& index = *new std::unordered_map<std::uint32_t, int>([] {
        std::unordered_map<std::uint32_t, int> out;
        for (const named_constant& n : protocols()) {
            if (n.defined) out.emplace(atom(n.name).index(), static_cast<int>(n.value));
        }
        for (const sys::protocol_entry& e : sys::protocol_database()) {
            for (const std::string& name : e.names)
                out.emplace(atom(name).index(), e.number);
        }
        return out;
    }());
    return index;
}

}  // namespace

std::optional<int> native(ids::domain d) noexcept {
    return defined_value(domains()[ids::index(d)]);
}

std::optional<int> native(ids::socket_type t) noexcept {
    return defined_value(socket_types()[ids::index(t)]);
}

std::optional<ids::domain> domain_named(atom a) noexcept {
    const auto table = domains();
    const named_constant* n = find_named(table, a.name());
    if (n == nullptr) return std::nullopt;
    return static_cast<ids::domain>(n - table.data());
}

std::optional<ids::domain> domain_of(int family) noexcept {
    const auto table = domains();
    const named_constant* n = find_named_value(table, family);
    if (n == nullptr) return std::nullopt;
    return static_cast<ids::domain>(n - table.data());
}

atom domain_atom(ids::domain d) {
    // Interned once per domain: every address decoded names its family.
    // Never destroyed (docs/reliability.md).
    static const auto& names = *new std::vector<atom>([] {
        std::vector<atom> out;
        for (const named_constant& n : domains())
            out.emplace_back(n.name);
        return out;
    }());
    return names[ids::index(d)];
}

std::optional<int> open_domain(const term& t) {
    return open_name(domains(), t);
}

std::optional<int> open_type(const term& t) {
    return open_name(socket_types(), t);
}

std::optional<int> protocol_number(atom a) {
    if (a == atoms::default_) return 0;
    const auto& index = protocols_by_atom();
    const auto it = index.find(a.index());
    if (it == index.end()) return std::nullopt;
    return it->second;
}

std::optional<int> protocol_number(const term& t) {
    if (t.is_integer()) return c_int_of(t);
    const auto a = t.as_atom();
    if (!a) return std::nullopt;
    return protocol_number(*a);
}

term domain_term(int d) {
    return name_of(domains(), d);
}

term type_term(int t) {
    return name_of(socket_types(), t);
}

term protocol_term(int p) {
    if (const named_constant* n = find_named_value(protocols(), p)) return atom(n->name);
    if (const sys::protocol_entry* e = sys::protocol_of(p); e != nullptr && !e->names.empty()) {
        return atom(e->names.front());
    }
    return p;
}

}  // namespace esock::codec
