// SPDX-License-Identifier: Apache-2.0
// Parse arbitrary bytes; whatever parses must print (~w and ~p) to text that
// parses back to an equal term, and the two printings must agree on it.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <esock/term_text.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    esock::parse_result first = esock::parse_term(text);
    if (!first.ok()) return 0;
    for (bool pretty : {false, true}) {
        std::string printed =
            pretty ? esock::format_p(*first.value) : esock::format_w(*first.value);
        esock::parse_result again = esock::parse_term(printed);
        if (!again.ok() || !(*again.value == *first.value)) std::abort();
        // Printing is a function of the term: the reparsed term prints the same.
        std::string reprinted =
            pretty ? esock::format_p(*again.value) : esock::format_w(*again.value);
        if (reprinted != printed) std::abort();
    }
    return 0;
}
