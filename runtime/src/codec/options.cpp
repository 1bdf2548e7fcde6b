// SPDX-License-Identifier: Apache-2.0
#include "codec/options.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
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

// The first slot of key `k` in a table of mask + 1 slots.
std::size_t option_slot(std::uint64_t k, std::size_t mask) noexcept {
    // Fibonacci hashing: both atoms' indexes reach the slot's bits.
    return static_cast<std::size_t>((k * 0x9E3779B97F4A7C15ULL) >> 32) & mask;
}

// The option {Level, Name} by the atoms' table indexes, aliases included:
// getopt/setopt look an option up on every call, and comparing two integers
// is much cheaper than comparing the names.
const option_info* option_by_atoms(atom level, atom name) {
    // An open-addressing table of the keys, twice as many slots as options
    // or more: a lookup is a hash and, mostly, one slot.
    struct index_t {
        std::vector<std::uint64_t> keys;  // 0: an empty slot (no atom pair is 0)
        std::vector<const option_info*> entries;
        std::size_t mask = 0;
    };
    // Never destroyed (docs/reliability.md).
    static const auto& index = *new index_t([] {
        std::vector<std::pair<std::uint64_t, const option_info*>> all;
        auto key = [](std::string_view l, std::string_view n) {
            return (std::uint64_t{atom(l).index()} << 32) | atom(n).index();
        };
        for (const option_info& o : options()) {
            all.emplace_back(key(o.level, o.name), &o);
            for (const auto& [alias, canonical] : level_aliases()) {
                if (canonical == o.level) all.emplace_back(key(alias, o.name), &o);
            }
        }
        std::size_t slots = 16;
        while (slots < 2 * all.size())
            slots *= 2;
        index_t out;
        out.keys.assign(slots, 0);
        out.entries.assign(slots, nullptr);
        out.mask = slots - 1;
        for (const auto& [k, o] : all) {
            std::size_t i = option_slot(k, out.mask);
            // The first entry of a key wins, as the first of equal keys did
            // in a sorted search.
            while (out.keys[i] != 0 && out.keys[i] != k)
                i = (i + 1) & out.mask;
            if (out.keys[i] == k) continue;
            out.keys[i] = k;
            out.entries[i] = o;
        }
        return out;
    }());
    const std::uint64_t k = (std::uint64_t{level.index()} << 32) | name.index();
    for (std::size_t i = option_slot(k, index.mask);; i = (i + 1) & index.mask) {
        if (index.keys[i] == k) return index.entries[i];
        if (index.keys[i] == 0) return nullptr;
    }
}

}  // namespace

const option_info* usable_option(atom level, atom name) {
    const option_info* info = option_by_atoms(level, name);
    if (info == nullptr || !info->usable || info->type == nullptr) return nullptr;
    return info;
}

const option_info* usable_option(const term& opt) {
    const auto e = opt.tuple_elements();
    if (e.size() != 2) return nullptr;
    const auto level = e[0].as_atom();
    const auto name = e[1].as_atom();
    if (!level || !name) return nullptr;
    return usable_option(*level, *name);
}

term get_option(int fd, const term& opt, const option_info& entry) {
    const option_info* info = &entry;
    if (!can_get(info->mode) || info->type->decode == nullptr || info->type->native_size == 0) {
        return invalid_option(opt);
    }
    // Most values fit on the stack; the rest (msfilter lists, ...) do not.
    std::array<std::uint8_t, 256> small;  // only the bytes used are zeroed, below
    std::vector<std::uint8_t> large;
    std::span<std::uint8_t> buffer(small.data(), info->type->native_size);
    if (info->type->native_size > small.size()) {
        large.assign(info->type->native_size, 0);
        buffer = std::span<std::uint8_t>(large);
    } else {
        std::memset(buffer.data(), 0, buffer.size());
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
