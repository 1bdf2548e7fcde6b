// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_CODEC_FLAGS_HPP
#define ESOCK_CODEC_FLAGS_HPP

// msg_flag() lists <-> MSG_* bits, from spec/msg_flags.yaml. Pure functions,
// thread-safe.

#include <optional>

#include <esock/term.hpp>

namespace esock::codec {

/// The outcome of encode_msg_flags: the bits, or what is wrong.
struct flags_result {
    std::optional<int> bits;
    /// When `malformed` is false: the first atom that is not a flag this
    /// platform has (OTP returns {error, {invalid, {msg_flag, Bad}}}). When
    /// true: the rest of the list from the first element that is neither an
    /// atom nor an integer in 0..INT_MAX, or the improper tail, or the whole
    /// term when it is not a list (OTP raises {invalid, {msg_flags, Bad}}).
    term bad;
    bool malformed = false;
};

/// The MSG_* bits of a proper list of msg_flag() atoms and non-negative
/// integers, or'ed (the Flags argument of send/recv and friends), checked
/// from the head: the first problem wins.
[[nodiscard]] flags_result encode_msg_flags(const term& flags);

/// The flags of a received msghdr as recvmsg reports them: the atoms of the
/// msghdr flags (ctrunc, eor, errqueue, oob, trunc) whose bits are set, in
/// spec order, then any remaining bits as one integer, last.
[[nodiscard]] term decode_msg_flags(int bits);

}  // namespace esock::codec

#endif  // ESOCK_CODEC_FLAGS_HPP
