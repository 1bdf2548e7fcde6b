// The special codecs spec/types.yaml names (kind: special): value shapes a
// flat table cannot describe. Declared in generated/codecs.hpp.

#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <netinet/ip_icmp.h>
#include <sys/socket.h>
#include <time.h>
// After <time.h>: it needs struct timespec.
#include <linux/errqueue.h>

#include <cstddef>
#include <cstring>
#include <vector>

#include <esock/posix.hpp>

#include "../../../generated/codecs.hpp"
#include "cmsg.hpp"
#include "primitives.hpp"
#include "sockaddr.hpp"

namespace esock::codec::special {

namespace {
// More sources than any kernel accepts (Linux's igmp_max_msf defaults to 10);
// bounds the buffer a hostile list could make us allocate.
constexpr std::size_t max_msfilter_sources = 4096;
}  // namespace

std::optional<native_value> encode_ip_msfilter(const term& value) {
#if defined(IP_MSFILTER_SIZE)
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
    ip_msfilter head;
    std::memset(&head, 0, sizeof head);
    if (!put_in_addr(head.imsf_multiaddr, *multiaddr) ||
        !put_in_addr(head.imsf_interface, *interface)) {
        return std::nullopt;
    }
    const auto fmode = gen::enum_value_ip_msfilter_mode(*mode);
    if (!fmode || !put_int_value(head.imsf_fmode, *fmode)) return std::nullopt;
    const auto sources = slist->list_to_vector();
    if (!sources || sources->size() > max_msfilter_sources) return std::nullopt;
    head.imsf_numsrc = static_cast<decltype(head.imsf_numsrc)>(sources->size());

    native_value out;
    out.bytes.assign(IP_MSFILTER_SIZE(sources->size()), 0);
    std::memcpy(out.bytes.data(), &head, offsetof(ip_msfilter, imsf_slist));
    for (std::size_t i = 0; i < sources->size(); ++i) {
        in_addr a;
        if (!put_in_addr(a, (*sources)[i])) return std::nullopt;
        std::memcpy(out.bytes.data() + offsetof(ip_msfilter, imsf_slist) + i * sizeof a, &a,
                    sizeof a);
    }
    return out;
#else
    (void)value;
    return std::nullopt;
#endif
}

std::optional<term> decode_sockaddr(std::span<const std::uint8_t> bytes) {
    return codec::decode_sockaddr(bytes.data(), bytes.size());
}

std::optional<term> decode_extended_err(std::span<const std::uint8_t> bytes) {
    const auto ee = read_native<sock_extended_err>(bytes);
    if (!ee) return std::nullopt;
    term type = term(static_cast<std::int64_t>(ee->ee_type));
    term code = term(static_cast<std::int64_t>(ee->ee_code));
    if (ee->ee_origin == SO_EE_ORIGIN_ICMP) {
        type = gen::enum_term_icmp_type(ee->ee_type);
        if (ee->ee_type == ICMP_DEST_UNREACH) code = gen::enum_term_icmp_dest_unreach(ee->ee_code);
    } else if (ee->ee_origin == SO_EE_ORIGIN_ICMP6) {
        type = gen::enum_term_icmp6_type(ee->ee_type);
        if (ee->ee_type == ICMP6_DST_UNREACH) {
            code = gen::enum_term_icmpv6_dest_unreach(ee->ee_code);
        }
    }
    std::vector<map_entry> fields{
        {atom("error"), posix_error_atom(static_cast<int>(ee->ee_errno))},
        {atom("origin"), gen::enum_term_ee_origin(ee->ee_origin)},
        {atom("type"), type},
        {atom("code"), code},
        {atom("info"), get_int(ee->ee_info)},
        {atom("data"), get_int(ee->ee_data)},
    };
    // The offender's address follows the structure (SO_EE_OFFENDER); the
    // kernel leaves it AF_UNSPEC (or out of the message) when there is none,
    // and then the key is left out.
    const auto rest = bytes.subspan(sizeof(sock_extended_err));
    if (const auto family = read_native<sa_family_t>(rest); family && *family != AF_UNSPEC) {
        fields.push_back({atom("offender"), codec::decode_sockaddr(rest.data(), rest.size())});
    }
    return map_from(std::move(fields));
}

std::optional<term> decode_cmsg_list(std::span<const std::uint8_t> bytes) {
    return decode_cmsg_buffer(bytes);
}

}  // namespace esock::codec::special
