// SPDX-License-Identifier: Apache-2.0
#include "codec/cmsg.hpp"

#include <cstring>
#include <string_view>

#include "codec/primitives.hpp"
#include "codec/tables.hpp"
#include "sys/cmsg.hpp"
#include "term/ordered_map.hpp"

namespace esock::codec {
namespace {

// The atom of table entry `e` of `table`, interned once per entry: the
// decoder names the level and type of every message it reads.
template <class T, class Name>
atom cached_atom(std::span<const T> table, const T* e, Name name) {
    // Never destroyed (docs/reliability.md).
    static const auto& atoms = *new std::vector<atom>([&] {
        std::vector<atom> v;
        v.reserve(table.size());
        for (const T& x : table)
            v.emplace_back(name(x));
        return v;
    }());
    return atoms[static_cast<std::size_t>(e - table.data())];
}

term level_term(int level) {
    if (const level_info* l = find_native_level(level)) {
        return cached_atom(levels(), l, [](const level_info& x) { return x.name; });
    }
    return term(static_cast<std::int64_t>(level));
}

term type_term(const cmsg_info* info) {
    return cached_atom(cmsgs(), info, [](const cmsg_info& x) { return x.type; });
}

}  // namespace

term decode_cmsg_buffer(std::span<const std::uint8_t> control) {
    std::vector<term> out;
    // A datagram seldom carries more; more only grow the vector.
    out.reserve(8);
    sys::cmsg_reader reader(control);
    while (const auto m = reader.next()) {
        const cmsg_info* info = find_native_cmsg(m->level, m->type, direction::recv);
        // Interned once: a receive decodes every message of every datagram.
        static const atom level_key("level");
        static const atom type_key("type");
        static const atom data_key("data");
        static const atom value_key("value");
        term level = level_term(m->level);
        term type = info != nullptr ? type_term(info) : term(static_cast<std::int64_t>(m->type));
        term data = binary(m->data);
        std::optional<term> value;
        if (!m->truncated && info != nullptr && info->recv_value != nullptr &&
            info->recv_value->decode != nullptr) {
            value = info->recv_value->decode(m->data);
        }
        // Keys in term order: nothing for the map to sort or check.
        out.push_back(value ? detail::map_in_key_order({{data_key, std::move(data)},
                                                        {level_key, std::move(level)},
                                                        {type_key, std::move(type)},
                                                        {value_key, std::move(*value)}})
                            : detail::map_in_key_order({{data_key, std::move(data)},
                                                        {level_key, std::move(level)},
                                                        {type_key, std::move(type)}}));
    }
    return list_from(std::move(out));
}

std::optional<std::vector<std::uint8_t>> encode_cmsg_list(const term& ctrl) {
    const auto elements = ctrl.list_to_vector();
    if (!elements) return std::nullopt;
    std::vector<std::uint8_t> buffer;
    for (const term& e : *elements) {
        const term* level_t = map_field(e, "level");
        const term* type_t = map_field(e, "type");
        if (level_t == nullptr || type_t == nullptr) return std::nullopt;

        int level = 0;
        const level_info* level_entry = nullptr;
        if (const auto a = level_t->as_atom()) {
            level_entry = find_level(*a);
            if (level_entry == nullptr || !level_entry->native || !level_entry->defined) {
                return std::nullopt;
            }
            level = level_entry->number;
        } else if (!put_int(level, *level_t)) {
            return std::nullopt;
        }

        int type = 0;
        const cmsg_info* info = nullptr;
        if (const auto a = type_t->as_atom()) {
            // A level given by number names its level for an atom type, as
            // OTP's protocol table maps ip to 0.
            if (level_entry == nullptr) level_entry = find_native_level(level);
            if (level_entry == nullptr || !level_entry->native || !level_entry->defined) {
                return std::nullopt;
            }
            info = find_cmsg(level_entry->name, a->name());
            if (info == nullptr || !info->defined ||
                (static_cast<unsigned>(info->dir) & static_cast<unsigned>(direction::send)) == 0) {
                return std::nullopt;
            }
            type = info->number;
        } else if (!put_int(type, *type_t)) {
            return std::nullopt;
        }

        std::vector<std::uint8_t> payload;
        if (const term* value = map_field(e, "value")) {
            if (info == nullptr || info->send_value == nullptr ||
                info->send_value->encode == nullptr) {
                return std::nullopt;
            }
            auto encoded = info->send_value->encode(*value);
            if (!encoded || encoded->null_pointer) return std::nullopt;
            payload.assign(encoded->bytes.begin(), encoded->bytes.end());
        } else if (const term* data = map_field(e, "data"); data != nullptr && data->is_binary()) {
            const auto bytes = data->binary_bytes();
            payload.assign(bytes.begin(), bytes.end());
        } else {
            return std::nullopt;
        }

        sys::append_cmsg(buffer, level, type, payload);
    }
    return buffer;
}

}  // namespace esock::codec
