// SPDX-License-Identifier: Apache-2.0
// inet's address parsers on arbitrary bytes. None may crash; the text path
// and the element-by-element path must agree; an address a parser accepts
// must print (ntoa) to a text that parse_address reads back as the same
// address; and an improper list is never an address.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include <esock/inet.hpp>
#include <esock/term.hpp>

#include "inet/address.hpp"

namespace core = esock::inet::core;

namespace {

bool same(const core::parse_outcome& a, const core::parse_outcome& b) {
    if (a.status != b.status) return false;
    if (a.status != core::parse_status::ok) return true;
    return a.address.v6 == b.address.v6 && a.address.parts == b.address.parts &&
           a.address.float_group1 == b.address.float_group1;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::vector<esock::term> elements;
    elements.reserve(size);
    for (std::size_t i = 0; i < size; ++i)
        elements.emplace_back(static_cast<int>(data[i]));
    for (core::parser which :
         {core::parser::address, core::parser::strict_address, core::parser::ipv4,
          core::parser::ipv4_strict, core::parser::ipv6, core::parser::ipv6_strict}) {
        const core::parse_outcome r = core::parse(which, text);
        if (!same(r, core::parse_elements(which, elements, true))) std::abort();
        if (core::parse_elements(which, elements, false).status == core::parse_status::ok) {
            std::abort();
        }
        if (r.status != core::parse_status::ok) continue;
        const esock::term addr = core::address_term(r.address);
        const esock::term printed = esock::inet::ntoa(addr);
        if (!printed.is_list()) std::abort();
        if (esock::inet::parse_address(printed) != esock::tuple(esock::atoms::ok, addr)) {
            std::abort();
        }
    }
    return 0;
}
