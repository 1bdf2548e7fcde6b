#ifndef ESOCK_CODEC_FLAGS_HPP
#define ESOCK_CODEC_FLAGS_HPP

// msg_flag() lists <-> MSG_* bits, from spec/msg_flags.yaml. Pure functions,
// thread-safe.

#include <optional>

#include <esock/term.hpp>

namespace esock::codec {

/// The outcome of encode_msg_flags: the bits, or the offending element.
struct flags_result {
    std::optional<int> bits;
    term bad;  ///< the first element that is not a flag this platform has
};

/// The MSG_* bits of a proper list of msg_flag() atoms (the Flags argument
/// of send/recv and friends). An element that is not a defined flag is
/// returned in `bad` (the runtime reports {invalid, {msg_flag, Bad}}); a
/// term that is not a proper list is returned whole.
[[nodiscard]] flags_result encode_msg_flags(const term& flags);

/// The flags of a received msghdr as recvmsg reports them: the atoms of the
/// msghdr flags (ctrunc, eor, errqueue, oob, trunc) whose bits are set, in
/// spec order, then any remaining bits as one integer, last.
[[nodiscard]] term decode_msg_flags(int bits);

}  // namespace esock::codec

#endif  // ESOCK_CODEC_FLAGS_HPP
