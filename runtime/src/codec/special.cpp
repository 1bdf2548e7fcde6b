// SPDX-License-Identifier: Apache-2.0
// The special codecs spec/types.yaml names (kind: special): value shapes a
// flat table cannot describe. Declared in generated/codecs.hpp.

#include <cstddef>
#include <vector>

#include <esock/posix.hpp>

#include "codec/addr.hpp"
#include "codec/cmsg.hpp"
#include "codec/names.hpp"
#include "codec/primitives.hpp"
#include "codec/sockaddr.hpp"
#include "generated/codecs.hpp"
#include "sys/address.hpp"
#include "sys/layouts.hpp"

namespace esock::codec::special {

namespace {
// More sources than any kernel accepts (Linux's igmp_max_msf defaults to 10);
// bounds the buffer a hostile list could make us allocate.
constexpr std::size_t max_msfilter_sources = 4096;
}  // namespace

std::optional<native_value> encode_ip_msfilter(const term& value) {
    if (value.is_atom(atom("null"))) {
        native_value out;
        out.null_pointer = true;
        return out;
    }
    const term* multiaddr = map_field(value, "multiaddr");
    const term* interface = map_field(value, "interface");
    const term* mode = map_field(value, "mode");
    const term* slist = map_field(value, "slist");
    if (multiaddr == nullptr || interface == nullptr || mode == nullptr || slist == nullptr) {
        return std::nullopt;
    }
    const auto group = encode_in_addr(*multiaddr);
    const auto local = encode_in_addr(*interface);
    const auto fmode = gen::enum_value_ip_msfilter_mode(*mode);
    std::uint32_t mode_value = 0;
    if (!group || !local || !fmode || !put_int_value(mode_value, *fmode)) return std::nullopt;
    const auto sources = slist->list_to_vector();
    if (!sources || sources->size() > max_msfilter_sources) return std::nullopt;
    std::vector<ipv4_bytes> addrs;
    addrs.reserve(sources->size());
    for (const term& s : *sources) {
        const auto a = encode_in_addr(s);
        if (!a) return std::nullopt;
        addrs.push_back(*a);
    }
    auto bytes = sys::make_ip_msfilter(*group, *local, mode_value, addrs);
    if (!bytes) return std::nullopt;
    native_value out;
    out.bytes = std::move(*bytes);
    return out;
}

std::optional<term> decode_sockaddr(std::span<const std::uint8_t> bytes) {
    return codec::decode_sockaddr(sys::from_bytes(bytes));
}

std::optional<term> decode_extended_err(std::span<const std::uint8_t> bytes) {
    const auto ee = sys::read_extended_error(bytes);
    if (!ee) return std::nullopt;
    // The origin says which ICMP names the type and code have (the spec's
    // enums): ICMP's for icmp, ICMPv6's for icmp6, and the codes of the
    // destination-unreachable type only.
    const term origin = gen::enum_term_ee_origin(ee->origin);
    term type = term(static_cast<std::int64_t>(ee->type));
    term code = term(static_cast<std::int64_t>(ee->code));
    if (origin == term(atom("icmp"))) {
        type = gen::enum_term_icmp_type(ee->type);
        if (type == term(atom("dest_unreach"))) code = gen::enum_term_icmp_dest_unreach(ee->code);
    } else if (origin == term(atom("icmp6"))) {
        type = gen::enum_term_icmp6_type(ee->type);
        if (type == term(atom("dest_unreach"))) code = gen::enum_term_icmpv6_dest_unreach(ee->code);
    }
    std::vector<map_entry> fields{
        {atom("error"), posix_error_atom(static_cast<int>(ee->error))},
        {atom("origin"), origin},
        {atoms::type, type},
        {atom("code"), code},
        {atom("info"), get_int(ee->info)},
        {atoms::data, get_int(ee->data)},
    };
    if (ee->offender) fields.push_back({atom("offender"), codec::decode_sockaddr(*ee->offender)});
    return map_from(std::move(fields));
}

std::optional<term> decode_cmsg_list(std::span<const std::uint8_t> bytes) {
    return decode_cmsg_buffer(bytes);
}

// protocol() as getopt({socket, protocol}) reads it.
std::optional<term> decode_protocol(std::span<const std::uint8_t> bytes) {
    const auto v = read_native<int>(bytes);
    if (!v) return std::nullopt;
    if (*v == 0) return term(atoms::default_);
    return protocol_term(*v);
}

}  // namespace esock::codec::special
