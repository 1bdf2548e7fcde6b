// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_TESTS_COMMON_KERNEL_ANSWERS_HPP
#define ESOCK_TESTS_COMMON_KERNEL_ANSWERS_HPP

// Recorded OTP answers that are errnos came from the kernel of the host that
// recorded them; another kernel may answer otherwise (docs/testing.md). For
// such a line a test asks this host's kernel the same bare system call and
// expects what OTP makes of its errno: {error, PosixAtom}. Everything OTP
// decides itself (shapes, argument checks, names) stays pinned to the
// recording.

#include <sys/socket.h>

#include <cerrno>
#include <optional>
#include <vector>

#include <esock/posix.hpp>
#include <esock/socket.hpp>
#include <esock/term.hpp>
#include <esock/term_text.hpp>

#include "codec/options.hpp"
#include "codec/tables.hpp"

namespace esock_test {

/// Whether `t` is {error, Posix} with Posix an errno atom of this platform:
/// an answer the kernel gave.
inline bool is_kernel_error(const esock::term& t) {
    if (!t.is_tuple(2) || !t.element(0)->is_atom(esock::atoms::error)) return false;
    const auto reason = t.element(1)->as_atom();
    return reason.has_value() && esock::posix_errno(*reason).has_value();
}

/// The answer of this host's kernel to the bare getsockopt (value == nullptr)
/// or setsockopt of OS-level option `opt` on socket `s`: {error, Posix} when
/// the call fails, nullopt when it succeeds or `opt` is not an OS-level
/// option this platform has. A failed setsockopt changes nothing, so the
/// caller may ask before or after the library's own call.
inline std::optional<esock::term> kernel_answer(const esock::term& s, const esock::term& opt,
                                                const esock::term* value) {
    const esock::term fd_r = esock::socket::getopt(s, esock::lit("{otp,fd}"));
    if (!fd_r.element(0)->is_atom(esock::atoms::ok)) return std::nullopt;
    const int fd = static_cast<int>(*fd_r.element(1)->as_int());
    const esock::codec::option_info* info = esock::codec::usable_option(opt);
    if (info == nullptr) return std::nullopt;
    const int level = info->level_ref->number;
    int rc = 0;
    if (value == nullptr) {
        std::vector<unsigned char> buf(info->type->native_size > 0 ? info->type->native_size : 256);
        socklen_t len = static_cast<socklen_t>(buf.size());
        rc = ::getsockopt(fd, level, info->number, buf.data(), &len);
    } else {
        if (info->type->encode == nullptr) return std::nullopt;
        const auto bytes = info->type->encode(*value);
        if (!bytes) return std::nullopt;
        rc = ::setsockopt(fd, level, info->number,
                          bytes->null_pointer ? nullptr : bytes->bytes.data(),
                          bytes->null_pointer ? 0 : static_cast<socklen_t>(bytes->bytes.size()));
    }
    if (rc == 0) return std::nullopt;
    return esock::tuple(esock::atoms::error, esock::posix_error_atom(errno));
}

}  // namespace esock_test

#endif  // ESOCK_TESTS_COMMON_KERNEL_ANSWERS_HPP
