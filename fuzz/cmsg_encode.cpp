// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the sendmsg side of control messages and message
// flags: the input is parsed as an Erlang literal (esock::parse_term) and
// given to encode_cmsg_list and encode_msg_flags; whatever they accept must
// decode again (decode_cmsg_buffer, decode_msg_flags) without reading outside
// the buffer. Inputs that do not parse go to the receive-side decoder as raw
// control bytes, so one corpus exercises both directions.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include <esock/term_text.hpp>

#include "codec/cmsg.hpp"
#include "codec/flags.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const esock::parse_result parsed = esock::parse_term(text);
    if (!parsed.ok()) {
        (void)esock::codec::decode_cmsg_buffer(std::span<const std::uint8_t>(data, size));
        return 0;
    }
    const esock::term& t = *parsed.value;
    if (const auto bytes = esock::codec::encode_cmsg_list(t)) {
        (void)esock::codec::decode_cmsg_buffer(*bytes);
    }
    const auto flags = esock::codec::encode_msg_flags(t);
    if (flags.bits) (void)esock::codec::decode_msg_flags(*flags.bits);
    return 0;
}
