#include "flags.hpp"

#include <vector>

#include "tables.hpp"

namespace esock::codec {

flags_result encode_msg_flags(const term& flags) {
    const auto elements = flags.list_to_vector();
    if (!elements) return {std::nullopt, flags};
    int bits = 0;
    for (const term& e : *elements) {
        const auto a = e.as_atom();
        const named_constant* f = a ? find_named(msg_flags(), a->name()) : nullptr;
        if (f == nullptr || !f->defined) return {std::nullopt, e};
        bits |= static_cast<int>(f->value);
    }
    return {bits, term()};
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
