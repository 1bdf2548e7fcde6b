// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_CODEC_CMSG_HPP
#define ESOCK_CODEC_CMSG_HPP

// Control message buffers (msg_control) <-> the ctrl lists of sendmsg and
// recvmsg, using the generated control message table. Pure functions,
// thread-safe. Nothing here trusts cmsg_len.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include <esock/term.hpp>

namespace esock::codec {

/// The ctrl list recvmsg returns for the `control` bytes the kernel filled
/// (msg_controllen of them): one #{level, type, data[, value]} map per
/// message, level and type as atoms when the spec names them (integers
/// otherwise), value present when the spec has a receive value type for the
/// message and its data decodes. A message whose cmsg_len runs past the
/// buffer (MSG_CTRUNC) is reported with the data that is there and no value,
/// and ends the list. File descriptors of rights messages are not touched.
[[nodiscard]] term decode_cmsg_buffer(std::span<const std::uint8_t> control);

/// The msg_control bytes for the ctrl list of sendmsg: each element a map
/// #{level := Level, type := Type, value := V} or #{level, type, data :=
/// binary()}, Level an atom of spec/levels.yaml or an integer, Type an atom
/// of spec/cmsgs.yaml usable for sending (at the named level, or the level
/// whose number is given) or (with data) an integer. nullopt when the list or
/// any element is invalid.
[[nodiscard]] std::optional<std::vector<std::uint8_t>> encode_cmsg_list(const term& ctrl);

}  // namespace esock::codec

#endif  // ESOCK_CODEC_CMSG_HPP
