// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_SYS_CMSG_HPP
#define ESOCK_SYS_CMSG_HPP

// Control message buffers (msg_control) as the kernel lays them out: reading
// the messages of a received buffer without trusting cmsg_len beyond its
// bytes, and appending messages to one to send. Pure functions over byte
// spans; thread-safe.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace esock::sys {

/// One control message of a received buffer.
struct cmsg_view {
    int level = 0;
    int type = 0;
    /// The payload that is in the buffer: all of it, or when `truncated`
    /// what there is of it.
    std::span<const std::uint8_t> data;
    /// cmsg_len promised more than the buffer holds (MSG_CTRUNC); no message
    /// follows.
    bool truncated = false;
};

/// The messages of `control`, one by one. A header whose cmsg_len is
/// shorter than a header ends the walk, as does a truncated message.
class cmsg_reader {
  public:
    explicit cmsg_reader(std::span<const std::uint8_t> control) noexcept : control_(control) {}
    /// The next message, or nullopt at the end.
    [[nodiscard]] std::optional<cmsg_view> next() noexcept;

  private:
    std::span<const std::uint8_t> control_;
    std::size_t offset_ = 0;
    bool done_ = false;
};

/// Appends a message of `level`, `type` and `data` (header, data, padding
/// as CMSG_SPACE counts it) to `out`.
void append_cmsg(std::vector<std::uint8_t>& out, int level, int type,
                 std::span<const std::uint8_t> data);

/// Whether (level, type) is SOL_SOCKET/SCM_RIGHTS, whose data are
/// descriptors the kernel installed in the receiving process.
[[nodiscard]] bool is_rights(int level, int type) noexcept;

/// The descriptors of every rights message in `control`.
[[nodiscard]] std::vector<int> received_descriptors(std::span<const std::uint8_t> control);

}  // namespace esock::sys

#endif  // ESOCK_SYS_CMSG_HPP
