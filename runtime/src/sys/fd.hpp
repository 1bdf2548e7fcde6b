// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_SYS_FD_HPP
#define ESOCK_SYS_FD_HPP

// An owning file descriptor: closed when the owner is destroyed or reset,
// unless released first. Move-only; not thread-safe (one owner at a time).

#include <utility>

#include "sys/calls.hpp"

namespace esock::sys {

class unique_fd {
  public:
    unique_fd() noexcept = default;
    /// Takes ownership of `fd` (a negative value owns nothing).
    explicit unique_fd(int fd) noexcept : fd_(fd) {}
    ~unique_fd() { reset(); }
    unique_fd(unique_fd&& other) noexcept : fd_(other.release()) {}
    unique_fd& operator=(unique_fd&& other) noexcept {
        if (this != &other) reset(other.release());
        return *this;
    }
    unique_fd(const unique_fd&) = delete;
    unique_fd& operator=(const unique_fd&) = delete;

    [[nodiscard]] int get() const noexcept { return fd_; }
    [[nodiscard]] explicit operator bool() const noexcept { return fd_ >= 0; }
    /// Gives up ownership and returns the descriptor.
    [[nodiscard]] int release() noexcept { return std::exchange(fd_, -1); }
    /// Closes the owned descriptor, if any, and owns `fd` instead.
    void reset(int fd = -1) noexcept {
        if (fd_ >= 0) close_fd(fd_);
        fd_ = fd;
    }

  private:
    int fd_ = -1;
};

}  // namespace esock::sys

#endif  // ESOCK_SYS_FD_HPP
