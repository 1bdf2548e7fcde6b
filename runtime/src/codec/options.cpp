// SPDX-License-Identifier: Apache-2.0
#include "codec/options.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <esock/posix.hpp>

#include "codec/tables.hpp"
#include "sys/calls.hpp"
#include "sys/protocols.hpp"
#include "term/result_terms.hpp"

namespace esock::codec {
namespace {

using result_terms::error;
using result_terms::invalid_option;
using result_terms::ok;

// protocols(5) aliases of the OS levels' own protocol entries ('IP' of ip,
// 'TCP' of tcp, ...) with their level: the level aliases OTP 25 accepts.
// Read once, with the reentrant lookup; an alias never shadows a level.
const std::vector<std::pair<std::string, std::string_view>>& level_aliases() {
    // Never destroyed (docs/reliability.md).
    static const auto& aliases = *new std::vector<std::pair<std::string, std::string_view>>([] {
        std::vector<std::pair<std::string, std::string_view>> out;
        for (const level_info& l : levels()) {
            if (!l.native || l.name == "socket") continue;
            const auto number = sys::protocol_number(l.name);
            const sys::protocol_entry* e = number ? sys::protocol_of(*number) : nullptr;
            if (e == nullptr) continue;
            // The entry's first name is the level's own; the rest are aliases.
            for (std::size_t i = 1; i < e->names.size(); ++i) {
                if (find_level(std::string_view(e->names[i])) == nullptr) {
                    out.emplace_back(e->names[i], l.name);
                }
            }
        }
        return out;
    }());
    return aliases;
}

// The option {Level, Name} by the atoms' table indexes, aliases included:
// getopt/setopt look an option up on every call, and comparing two integers
// is much cheaper than comparing the names.
const option_info* option_by_atoms(atom level, atom name) {
    // Keys apart from the entries, so that the search touches one array.
    struct index_t {
        std::vector<std::uint64_t> keys;
        std::vector<const option_info*> entries;
    };
    // Never destroyed (docs/reliability.md).
    static const auto& index = *new index_t([] {
        using entry = std::pair<std::uint64_t, const option_info*>;
        std::vector<entry> all;
        auto key = [](std::string_view l, std::string_view n) {
            return (std::uint64_t{atom(l).index()} << 32) | atom(n).index();
        };
        for (const option_info& o : options()) {
            all.emplace_back(key(o.level, o.name), &o);
            for (const auto& [alias, canonical] : level_aliases()) {
                if (canonical == o.level) all.emplace_back(key(alias, o.name), &o);
            }
        }
        std::sort(all.begin(), all.end(),
                  [](const entry& a, const entry& b) { return a.first < b.first; });
        index_t out;
        for (const auto& [k, o] : all) {
            out.keys.push_back(k);
            out.entries.push_back(o);
        }
        return out;
    }());
    const std::uint64_t k = (std::uint64_t{level.index()} << 32) | name.index();
    const auto it = std::lower_bound(index.keys.begin(), index.keys.end(), k);
    if (it == index.keys.end() || *it != k) return nullptr;
    return index.entries[static_cast<std::size_t>(it - index.keys.begin())];
}

}  // namespace

const option_info* usable_option(const term& opt) {
    if (!opt.is_tuple(2)) return nullptr;
    const auto level = opt.element(0)->as_atom();
    const auto name = opt.element(1)->as_atom();
    if (!level || !name) return nullptr;
    const option_info* info = option_by_atoms(*level, *name);
    if (info == nullptr || !info->usable || info->type == nullptr) return nullptr;
    return info;
}

term get_option(int fd, const term& opt, const option_info& entry) {
    const option_info* info = &entry;
    if (!can_get(info->mode) || info->type->decode == nullptr || info->type->native_size == 0) {
        return invalid_option(opt);
    }
    // Most values fit on the stack; the rest (msfilter lists, ...) do not.
    std::array<std::uint8_t, 256> small{};
    std::vector<std::uint8_t> large;
    std::span<std::uint8_t> buffer(small.data(), info->type->native_size);
    if (info->type->native_size > small.size()) {
        large.assign(info->type->native_size, 0);
        buffer = std::span<std::uint8_t>(large);
    }
    // The kernel reports how much it wrote, never more than the buffer.
    std::size_t used = buffer.size();
    if (const int e =
            sys::getsockopt(fd, info->level_ref->number, info->number, buffer.data(), &used);
        e != 0) {
        return error(posix_error_atom(e));
    }
    // A fixed-size value the kernel wrote only part of (Linux writes nothing
    // for an unset IPV6_DSTOPTS) reads as the zero-filled C variable, as in
    // OTP; strings and variable-length values are what was written.
    const std::string_view kind = info->type->kind;
    if (kind != "string" && kind != "special") used = buffer.size();
    auto value = info->type->decode(std::span<const std::uint8_t>(buffer.data(), used));
    if (!value) return error(atoms::einval);
    return ok(*value);
}

term set_option(int fd, const term& opt, const option_info& entry, const term& value) {
    const option_info* info = &entry;
    if (!can_set(info->mode) || info->type->encode == nullptr) return invalid_option(opt);
    auto encoded = info->type->encode(value);
    if (!encoded) return error(tuple(atoms::invalid, tuple(atoms::socket_option, opt, value)));
    const void* data = encoded->null_pointer ? nullptr : encoded->bytes.data();
    const std::size_t len = encoded->null_pointer ? 0 : encoded->bytes.size();
    if (const int e = sys::setsockopt(fd, info->level_ref->number, info->number, data, len);
        e != 0) {
        return error(posix_error_atom(e));
    }
    return atoms::ok;
}

std::string_view canonical_level(std::string_view name) noexcept {
    for (const auto& [alias, level] : level_aliases()) {
        if (alias == name) return level;
    }
    return name;
}

bool known_option(const term& opt) noexcept {
    if (!opt.is_tuple(2)) return false;
    const auto level = opt.element(0)->as_atom();
    const auto name = opt.element(1)->as_atom();
    if (!level || !name) return false;
    const option_info* info = option_by_atoms(*level, *name);
    return info != nullptr && info->level_ref->native;
}

}  // namespace esock::codec
