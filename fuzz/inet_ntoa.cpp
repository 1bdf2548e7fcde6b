// SPDX-License-Identifier: Apache-2.0
// inet:ntoa/1 on every IPv4 and IPv6 address: the text must parse back
// (parse_address and the strict parser) to the same address, and a tuple
// with a part out of range must give {error, einval}.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include <esock/inet.hpp>
#include <esock/term.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const bool v6 = (data[0] & 1) != 0;
    const bool out_of_range = (data[0] & 2) != 0;
    const std::size_t n = v6 ? 8 : 4;
    std::vector<esock::term> parts;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t at = 1 + i * (v6 ? 2 : 1);
        std::int64_t v = 0;
        if (at < size) v = data[at];
        if (v6 && at + 1 < size) v = (v << 8) | data[at + 1];
        parts.emplace_back(v);
    }
    if (out_of_range) parts[data[0] % n] = esock::term(std::int64_t{v6 ? 65536 : 256});
    const esock::term addr = esock::tuple_from(std::move(parts));
    const esock::term text = esock::inet::ntoa(addr);
    if (out_of_range) {
        if (text != esock::tuple(esock::atoms::error, esock::atoms::einval)) std::abort();
        return 0;
    }
    const esock::term ok = esock::tuple(esock::atoms::ok, addr);
    if (esock::inet::parse_address(text) != ok) std::abort();
    if (esock::inet::parse_strict_address(text) != ok) std::abort();
    return 0;
}
