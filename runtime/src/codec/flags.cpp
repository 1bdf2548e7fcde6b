// SPDX-License-Identifier: Apache-2.0
#include "codec/flags.hpp"

#include <climits>
#include <vector>

#include "codec/tables.hpp"

namespace esock::codec {

flags_result encode_msg_flags(const term& flags) {
    if (!flags.is_list()) return {std::nullopt, flags, true};
    int bits = 0;
    term cur = flags;
    while (cur.is_cons()) {
        const term e = *cur.head();
        if (const auto a = e.as_atom()) {
            const named_constant* f = find_named(msg_flags(), a->name());
            if (f == nullptr || !f->defined) return {std::nullopt, e, false};
            bits |= static_cast<int>(f->value);
        } else if (const auto v = e.as_int(); v && *v >= 0 && *v <= INT_MAX) {
            bits |= static_cast<int>(*v);
        } else {
            return {std::nullopt, cur, true};
        }
        cur = *cur.tail();
    }
    if (!cur.is_nil()) return {std::nullopt, cur, true};
    return {bits, term(), false};
}

term decode_msg_flags(int bits) {
    std::vector<term> out;
    unsigned rest = static_cast<unsigned>(bits);
    for (const named_constant& f : msg_flags()) {
        if (!f.defined || (f.where & where_msghdr) == 0) continue;
        const auto bit = static_cast<unsigned>(f.value);
        if (bit != 0 && (rest & bit) == bit) {
            out.emplace_back(atom(f.name));
            rest &= ~bit;
        }
    }
    if (rest != 0) out.emplace_back(static_cast<std::int64_t>(rest));
    return list_from(std::move(out));
}

}  // namespace esock::codec
