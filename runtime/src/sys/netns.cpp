// SPDX-License-Identifier: Apache-2.0
#include "sys/netns.hpp"

#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

#include <cerrno>

#include "generated/features.hpp"

namespace esock::sys {

namespace_entry::namespace_entry(const std::string& path) noexcept {
#if ESOCK_HAVE_NETNS
    const int target = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (target < 0) {
        error_ = errno;
        return;
    }
    saved_ = ::open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
    if (saved_ < 0 || ::setns(target, CLONE_NEWNET) != 0) {
        error_ = errno;
        if (saved_ >= 0) ::close(saved_);
        saved_ = -1;
    }
    ::close(target);
#else
    (void)path;
    error_ = ENOSYS;
#endif
}

namespace_entry::~namespace_entry() {
#if ESOCK_HAVE_NETNS
    if (saved_ >= 0) {
        (void)::setns(saved_, CLONE_NEWNET);
        ::close(saved_);
    }
#endif
}

}  // namespace esock::sys
