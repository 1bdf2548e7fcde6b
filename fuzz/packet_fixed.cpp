// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the fixed-header packet types (1, 2, 4, sunrm, cdr,
// fcgi, tpkt), ssl_tls and raw, with the invariants of fuzz/packet_fuzz.hpp,
// and: packet_size bounds the body a length header may announce.

#include <cstddef>
#include <cstdint>

#include "packet_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace packet_fuzz;
    static const auto types =
        types_of({"1", "2", "4", "sunrm", "cdr", "fcgi", "tpkt", "ssl_tls", "raw"});
    auto in = parse_input(data, size, types);
    if (!in) return 0;
    (void)run_one(in->framing, in->bytes);
    // For 1, 2 and 4 the header is as long as the type's number.
    const term type = pk::packet_type_term(in->framing.type);
    const std::uint32_t max = in->framing.packet_size;
    if (const auto header = type.as_int(); header && max != 0) {
        const pk::scan_result r = pk::scan(in->framing, in->bytes);
        if (r.status == pk::scan_status::packet) check(r.body_length <= max);
        if (r.status == pk::scan_status::more && r.length != 0) {
            check(r.length - static_cast<std::size_t>(*header) <= max);
        }
    }
    return 0;
}
