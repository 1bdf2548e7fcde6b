// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for every encoder of the spec's value types: the first
// input byte picks the type, the rest is parsed as an Erlang literal and
// handed to the encoder. An encoder may reject the term but must never crash;
// what it accepts must decode again (the decoder reads exactly what the
// encoder wrote, so a rejection there is a codec mismatch).

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <esock/term_text.hpp>

#include "codec/tables.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const auto types = esock::codec::value_types();
    const auto& type = types[data[0] % types.size()];
    if (type.encode == nullptr) return 0;
    esock::parse_result parsed =
        esock::parse_term(std::string_view(reinterpret_cast<const char*>(data + 1), size - 1));
    if (!parsed.ok()) return 0;
    auto native = type.encode(*parsed.value);
    if (!native || native->null_pointer || type.decode == nullptr) return 0;
    if (!type.decode(native->bytes)) std::abort();
    return 0;
}
