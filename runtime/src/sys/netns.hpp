// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_SYS_NETNS_HPP
#define ESOCK_SYS_NETNS_HPP

// Network namespaces (setns(2), Linux): the calling thread enters the
// namespace at a path for the life of a namespace_entry, so that sockets and
// interface lists made meanwhile belong to it, and is back in its own
// namespace afterwards. Where the platform has no namespaces every entry
// fails with ENOSYS.

#include <string>

namespace esock::sys {

/// Enters the network namespace at `path` (a file such as
/// /var/run/netns/NAME or /proc/PID/ns/net) on this thread until destroyed.
class namespace_entry {
  public:
    explicit namespace_entry(const std::string& path) noexcept;
    ~namespace_entry();
    namespace_entry(const namespace_entry&) = delete;
    namespace_entry& operator=(const namespace_entry&) = delete;

    /// 0 when the thread is in the namespace now, else the errno of the
    /// failure (the thread then stayed where it was).
    [[nodiscard]] int error() const noexcept { return error_; }

  private:
    int saved_ = -1;  // the thread's own namespace, to return to
    int error_ = 0;
};

}  // namespace esock::sys

#endif  // ESOCK_SYS_NETNS_HPP
