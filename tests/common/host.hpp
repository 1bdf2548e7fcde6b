#ifndef ESOCK_TESTS_COMMON_HOST_HPP
#define ESOCK_TESTS_COMMON_HOST_HPP

// What this host can do, asked of its kernel with bare system calls, so
// that a test of a feature the host lacks (IPv6 loopback, root, network
// namespaces) is skipped with a message instead of failing
// (docs/testing.md). Each answer is computed once.

#include <fcntl.h>
#include <netinet/in.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include <boost/test/unit_test.hpp>

namespace esock_test {

/// Whether a socket can be bound to ::1 (IPv6 present and enabled on lo).
inline bool has_ipv6_loopback() {
    static const bool yes = [] {
        const int fd = ::socket(AF_INET6, SOCK_DGRAM, 0);
        if (fd < 0) return false;
        sockaddr_in6 a{};
        a.sin6_family = AF_INET6;
        a.sin6_addr = in6addr_loopback;
        const bool ok = ::bind(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0;
        ::close(fd);
        return ok;
    }();
    return yes;
}

/// Whether this process may open raw IP sockets (CAP_NET_RAW).
inline bool can_open_raw_sockets() {
    static const bool yes = [] {
        const int fd = ::socket(AF_INET, SOCK_RAW, 255);
        if (fd < 0) return false;
        ::close(fd);
        return true;
    }();
    return yes;
}

/// The errno of a bare setns(2) into this process's own network namespace
/// (what opening a socket with a `netns` option asks), 0 when it succeeds:
/// unprivileged callers get EPERM.
inline int enter_own_netns_errno() {
    static const int answer = [] {
        const int ns = ::open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
        if (ns < 0) return errno;
        const int e = ::setns(ns, CLONE_NEWNET) == 0 ? 0 : errno;
        ::close(ns);
        return e;
    }();
    return answer;
}

/// A Boost.Test precondition: `BOOST_AUTO_TEST_CASE(name,
/// *boost::unit_test::precondition(esock_test::ipv6_loopback))` skips the
/// case, saying why, on a host without IPv6 loopback.
struct ipv6_loopback_t {
    boost::test_tools::assertion_result operator()(boost::unit_test::test_unit_id /*id*/) const {
        boost::test_tools::assertion_result r(has_ipv6_loopback());
        r.message() << "skipped: this host cannot bind to ::1 (no IPv6, or IPv6 disabled)";
        return r;
    }
};
inline constexpr ipv6_loopback_t ipv6_loopback{};

}  // namespace esock_test

#endif  // ESOCK_TESTS_COMMON_HOST_HPP
