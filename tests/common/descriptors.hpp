// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_TESTS_COMMON_DESCRIPTORS_HPP
#define ESOCK_TESTS_COMMON_DESCRIPTORS_HPP

// The descriptors this process has open, as /proc/self/fd lists them: what
// the leak checks of the tests and of the soak run compare before and
// after. Needs no test framework (the soak run is a plain program).

#include <dirent.h>
#include <unistd.h>

#include <cstddef>
#include <string>

namespace esock_test {

/// How many descriptors are open (not counting the one that lists them);
/// 0 when /proc is not mounted.
inline std::size_t open_descriptors() {
    std::size_t n = 0;
    DIR* d = ::opendir("/proc/self/fd");
    if (d == nullptr) return 0;
    while (const dirent* e = ::readdir(d)) {
        if (e->d_name[0] != '.') ++n;
    }
    ::closedir(d);
    return n - 1;
}

/// How many open descriptors refer to the file at `path`.
inline std::size_t descriptors_on(const std::string& path) {
    std::size_t n = 0;
    DIR* d = ::opendir("/proc/self/fd");
    if (d == nullptr) return 0;
    while (const dirent* e = ::readdir(d)) {
        char target[512] = {};
        const std::string link = std::string("/proc/self/fd/") + e->d_name;
        if (::readlink(link.c_str(), target, sizeof target - 1) > 0 && path == target) ++n;
    }
    ::closedir(d);
    return n;
}

}  // namespace esock_test

#endif  // ESOCK_TESTS_COMMON_DESCRIPTORS_HPP
