// SPDX-License-Identifier: Apache-2.0
// Room for many sockets: the benchmarks that open thousands of them raise
// the process's descriptor limit first, as far as they are allowed.
#ifndef ESOCK_BENCH_DESCRIPTORS_HPP
#define ESOCK_BENCH_DESCRIPTORS_HPP

#include <sys/resource.h>

namespace esock::bench {

/// Raises RLIMIT_NOFILE to `want` descriptors, the hard limit too where
/// the process may (root); else the soft limit to the hard one. Returns
/// the soft limit in force afterwards (RLIM_INFINITY when unlimited).
inline rlim_t raise_descriptor_limit(rlim_t want) {
    rlimit lim{};
    if (::getrlimit(RLIMIT_NOFILE, &lim) != 0) return 0;
    if (lim.rlim_cur >= want) return lim.rlim_cur;
    if (lim.rlim_max < want) {
        const rlimit raised{want, want};
        if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) return want;
    }
    lim.rlim_cur = lim.rlim_max;
    (void)::setrlimit(RLIMIT_NOFILE, &lim);
    (void)::getrlimit(RLIMIT_NOFILE, &lim);
    return lim.rlim_cur;
}

}  // namespace esock::bench

#endif  // ESOCK_BENCH_DESCRIPTORS_HPP
