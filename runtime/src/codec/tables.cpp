// SPDX-License-Identifier: Apache-2.0
// Lookups over the generated tables (generated/tables.cpp holds the data).

#include "codec/tables.hpp"

#include <algorithm>
#include <tuple>
#include <utility>
#include <vector>

namespace esock::codec {

const value_type* find_value_type(std::string_view name) noexcept {
    for (const value_type& t : value_types()) {
        if (t.name == name) return &t;
    }
    return nullptr;
}

const level_info* find_level(std::string_view name) noexcept {
    for (const level_info& l : levels()) {
        if (l.name == name) return &l;
    }
    return nullptr;
}

const level_info* find_level(atom name) noexcept {
    return find_level(name.name());
}

const level_info* find_native_level(int number) noexcept {
    for (const level_info& l : levels()) {
        if (l.native && l.defined && l.number == number) return &l;
    }
    return nullptr;
}

const option_info* find_option(std::string_view level, std::string_view name) noexcept {
    const auto table = options();
    const auto key = std::make_tuple(level, name);
    auto it = std::lower_bound(
        table.begin(), table.end(), key,
        [](const option_info& o, const auto& k) { return std::make_tuple(o.level, o.name) < k; });
    if (it == table.end() || it->level != level || it->name != name) return nullptr;
    return &*it;
}

const option_info* find_option(atom level, atom name) noexcept {
    return find_option(level.name(), name.name());
}

namespace {

// Native numbers are only known once compiled, so the by-number indexes are
// sorted on first use (thread-safe static initialisation).
using native_key = std::pair<int, int>;  // (level, number)

template <class Entry>
struct native_index {
    std::vector<std::pair<native_key, const Entry*>> entries;

    [[nodiscard]] const Entry* find(native_key k) const noexcept {
        auto it = std::lower_bound(entries.begin(), entries.end(), k,
                                   [](const auto& e, native_key key) { return e.first < key; });
        if (it == entries.end() || it->first != k) return nullptr;
        return it->second;
    }
};

template <class Entry>
void sort_index(native_index<Entry>& index) {
    // stable: among equal numbers the first in spec order wins
    std::stable_sort(index.entries.begin(), index.entries.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
}

const native_index<option_info>& option_index() {
    // Never destroyed (docs/reliability.md).
    static const auto& index = *new native_index<option_info>([] {
        native_index<option_info> out;
        for (const option_info& o : options()) {
            if (o.defined && o.level_ref->defined) {
                out.entries.push_back({{o.level_ref->number, o.number}, &o});
            }
        }
        sort_index(out);
        return out;
    }());
    return index;
}

const native_index<cmsg_info>& cmsg_index(direction dir) {
    static const auto build = [](direction d) {
        native_index<cmsg_info> out;
        for (const cmsg_info& c : cmsgs()) {
            if (c.defined && c.level_ref->defined &&
                (static_cast<unsigned>(c.dir) & static_cast<unsigned>(d)) != 0) {
                out.entries.push_back({{c.level_ref->number, c.number}, &c});
            }
        }
        sort_index(out);
        return out;
    };
    // Never destroyed (docs/reliability.md).
    static const auto& send_index = *new native_index<cmsg_info>(build(direction::send));
    static const auto& recv_index = *new native_index<cmsg_info>(build(direction::recv));
    return dir == direction::send ? send_index : recv_index;
}

}  // namespace

const option_info* find_native_option(int level, int number) noexcept {
    return option_index().find({level, number});
}

const cmsg_info* find_cmsg(std::string_view level, std::string_view type) noexcept {
    const auto table = cmsgs();
    const auto key = std::make_tuple(level, type);
    auto it = std::lower_bound(
        table.begin(), table.end(), key,
        [](const cmsg_info& c, const auto& k) { return std::make_tuple(c.level, c.type) < k; });
    if (it == table.end() || it->level != level || it->type != type) return nullptr;
    return &*it;
}

const cmsg_info* find_cmsg(atom level, atom type) noexcept {
    return find_cmsg(level.name(), type.name());
}

const cmsg_info* find_native_cmsg(int level, int type, direction dir) noexcept {
    if (dir == direction::both) return nullptr;
    return cmsg_index(dir).find({level, type});
}

const named_constant* find_named(std::span<const named_constant> table,
                                 std::string_view name) noexcept {
    for (const named_constant& n : table) {
        if (n.name == name) return &n;
    }
    return nullptr;
}

const named_constant* find_named_value(std::span<const named_constant> table,
                                       std::int64_t value) noexcept {
    for (const named_constant& n : table) {
        if (n.defined && n.value == value) return &n;
    }
    return nullptr;
}

}  // namespace esock::codec
