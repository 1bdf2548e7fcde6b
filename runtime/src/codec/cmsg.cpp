#include "cmsg.hpp"

#include <sys/socket.h>

#include <cstring>
#include <string_view>

#include "primitives.hpp"
#include "tables.hpp"

namespace esock::codec {
namespace {

// Offsets as the CMSG_* macros compute them, without pointer arithmetic on a
// buffer whose length the kernel chose.
constexpr std::size_t header_size = CMSG_LEN(0);

// The atom of table entry `e` of `table`, interned once per entry: the
// decoder names the level and type of every message it reads.
template <class T, class Name>
atom cached_atom(std::span<const T> table, const T* e, Name name) {
    static const std::vector<atom> atoms = [&] {
        std::vector<atom> v;
        v.reserve(table.size());
        for (const T& x : table)
            v.emplace_back(name(x));
        return v;
    }();
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
    std::size_t offset = 0;
    // Each step consumes at least CMSG_SPACE(0) bytes, so this ends.
    while (control.size() - offset >= sizeof(cmsghdr)) {
        cmsghdr hdr;
        std::memcpy(&hdr, control.data() + offset, sizeof hdr);
        if (hdr.cmsg_len < header_size) break;  // malformed: stop rather than loop
        const std::size_t available = control.size() - offset;
        const bool truncated = hdr.cmsg_len > available;
        const std::size_t end = truncated ? available : hdr.cmsg_len;
        const auto payload = control.subspan(offset + header_size, end - header_size);

        const cmsg_info* info = find_native_cmsg(hdr.cmsg_level, hdr.cmsg_type, direction::recv);
        // Interned once: a receive decodes every message of every datagram.
        static const atom level_key("level");
        static const atom type_key("type");
        static const atom data_key("data");
        static const atom value_key("value");
        std::vector<map_entry> entries;
        entries.reserve(4);
        entries.push_back({level_key, level_term(hdr.cmsg_level)});
        entries.push_back({type_key, info != nullptr
                                         ? type_term(info)
                                         : term(static_cast<std::int64_t>(hdr.cmsg_type))});
        entries.push_back({data_key, binary(payload)});
        if (!truncated && info != nullptr && info->recv_value != nullptr &&
            info->recv_value->decode != nullptr) {
            if (auto v = info->recv_value->decode(payload)) {
                entries.push_back({value_key, *v});
            }
        }
        out.push_back(map_from(std::move(entries)));
        if (truncated) break;
        const std::size_t step = CMSG_ALIGN(hdr.cmsg_len);
        if (step > available) break;
        offset += step;
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
            payload = std::move(encoded->bytes);
        } else if (const term* data = map_field(e, "data"); data != nullptr && data->is_binary()) {
            const auto bytes = data->binary_bytes();
            payload.assign(bytes.begin(), bytes.end());
        } else {
            return std::nullopt;
        }

        const std::size_t start = buffer.size();
        buffer.resize(start + CMSG_SPACE(payload.size()), 0);
        cmsghdr hdr;
        std::memset(&hdr, 0, sizeof hdr);
        hdr.cmsg_len = CMSG_LEN(payload.size());
        hdr.cmsg_level = level;
        hdr.cmsg_type = type;
        std::memcpy(buffer.data() + start, &hdr, sizeof hdr);
        if (!payload.empty()) {
            std::memcpy(buffer.data() + start + header_size, payload.data(), payload.size());
        }
    }
    return buffer;
}

}  // namespace esock::codec
