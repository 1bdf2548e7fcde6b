// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for every decoder of the spec's value types and for the
// control message buffer walker: the first input byte picks the decoder, the
// rest is the native buffer. A decoder may reject the bytes but must never
// read outside them or crash.

#include <cstddef>
#include <cstdint>
#include <span>

#include "codec/cmsg.hpp"
#include "codec/tables.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::span<const std::uint8_t> bytes(data + 1, size - 1);
    const auto types = esock::codec::value_types();
    const std::size_t choice = data[0] % (types.size() + 1);
    if (choice == types.size()) {
        (void)esock::codec::decode_cmsg_buffer(bytes);
        return 0;
    }
    if (types[choice].decode != nullptr) (void)types[choice].decode(bytes);
    return 0;
}
