// SPDX-License-Identifier: Apache-2.0
// errno <-> POSIX error atom, as the inet manual lists the atoms and as
// Erlang/OTP 25 reports errno values.
#define BOOST_TEST_MODULE spec_posix
#include <boost/test/unit_test.hpp>

#include <cerrno>
#include <string_view>

#include <esock/posix.hpp>

using esock::atom;
using esock::posix_errno;
using esock::posix_error_atom;
using esock::posix_error_description;

namespace {
std::string_view name_of(int errnum) {
    return posix_error_atom(errnum).name();
}
}  // namespace

BOOST_AUTO_TEST_CASE(socket_errnos_have_their_lowercase_names) {
    BOOST_TEST(name_of(EACCES) == "eacces");
    BOOST_TEST(name_of(EADDRINUSE) == "eaddrinuse");
    BOOST_TEST(name_of(ECONNREFUSED) == "econnrefused");
    BOOST_TEST(name_of(ECONNRESET) == "econnreset");
    BOOST_TEST(name_of(EINVAL) == "einval");
    BOOST_TEST(name_of(ENOPROTOOPT) == "enoprotoopt");
    BOOST_TEST(name_of(ENOTCONN) == "enotconn");
    BOOST_TEST(name_of(EPIPE) == "epipe");
    BOOST_TEST(name_of(EPROTONOSUPPORT) == "eprotonosupport");
    BOOST_TEST(name_of(ESOCKTNOSUPPORT) == "esocktnosupport");
    BOOST_TEST(name_of(EDESTADDRREQ) == "edestaddrreq");
    BOOST_TEST(name_of(ENODEV) == "enodev");
    BOOST_TEST(name_of(ENOENT) == "enoent");
    BOOST_TEST(name_of(EFAULT) == "efault");
    BOOST_TEST(name_of(EILSEQ) == "eilseq");
    BOOST_TEST(name_of(EOVERFLOW) == "eoverflow");
}

BOOST_AUTO_TEST_CASE(shared_errno_values_get_the_name_otp_reports) {
    // listen/accept on UDP fail with EOPNOTSUPP and OTP 25 reports enotsup.
    BOOST_TEST(name_of(EOPNOTSUPP) == "enotsup");
    BOOST_TEST(name_of(ENOTSUP) == "enotsup");
    BOOST_TEST(name_of(EWOULDBLOCK) == "eagain");
    BOOST_TEST(name_of(EAGAIN) == "eagain");
    BOOST_TEST(name_of(EDEADLOCK) == "edeadlk");
}

BOOST_AUTO_TEST_CASE(unnamed_errnos_are_unknown) {
    BOOST_TEST(name_of(0) == "unknown");
    BOOST_TEST(name_of(-1) == "unknown");
    BOOST_TEST(name_of(100000) == "unknown");
    // Linux errnos that the list does not name.
    BOOST_TEST(name_of(ECANCELED) == "unknown");
    BOOST_TEST(name_of(EOWNERDEAD) == "unknown");
}

BOOST_AUTO_TEST_CASE(eisnam_is_named_although_otp_25_calls_it_unknown) {
    // docs/deviations.md: OTP 25 guards EISNAM with a misspelt macro.
    BOOST_TEST(name_of(EISNAM) == "eisnam");
}

BOOST_AUTO_TEST_CASE(atoms_map_back_to_their_errno) {
    BOOST_TEST(posix_errno(atom("eacces")).value_or(-1) == EACCES);
    BOOST_TEST(posix_errno(atom("ewouldblock")).value_or(-1) == EWOULDBLOCK);
    BOOST_TEST(posix_errno(atom("eopnotsupp")).value_or(-1) == EOPNOTSUPP);
    BOOST_TEST(posix_errno(atom("enotsup")).value_or(-1) == ENOTSUP);
    BOOST_TEST(posix_errno(esock::atoms::einval).value_or(-1) == EINVAL);
}

BOOST_AUTO_TEST_CASE(atoms_without_an_errno_here_map_to_nothing) {
    BOOST_TEST(!posix_errno(atom("nxdomain")).has_value());
    BOOST_TEST(!posix_errno(atom("ealign")).has_value());  // not a Linux errno
    BOOST_TEST(!posix_errno(atom("unknown")).has_value());
    BOOST_TEST(!posix_errno(atom("not_an_error")).has_value());
    BOOST_TEST(!posix_errno(esock::atoms::ok).has_value());
}

BOOST_AUTO_TEST_CASE(every_named_errno_round_trips) {
    int named = 0;
    for (int e = 0; e < 4096; ++e) {
        atom a = posix_error_atom(e);
        if (a.name() == "unknown") continue;
        ++named;
        auto back = posix_errno(a);
        BOOST_TEST_REQUIRE(back.has_value(), "errno " << e << " named " << a.name());
        BOOST_TEST(*back == e, "errno " << e << " named " << a.name() << " maps back to " << *back);
    }
    // Linux has about 130 errnos; nearly all are in the list.
    BOOST_TEST(named > 110);
}

BOOST_AUTO_TEST_CASE(descriptions_are_the_manuals) {
    BOOST_TEST(posix_error_description(atom("eacces")).value_or("") == "Permission denied");
    BOOST_TEST(posix_error_description(atom("enotty")).value_or("") ==
               "Inappropriate device for ioctl");
    BOOST_TEST(posix_error_description(atom("elibscn")).value_or("") ==
               ".lib section in a.out corrupted");
    BOOST_TEST(posix_error_description(atom("nxdomain")).value_or("") ==
               "Hostname or domain name cannot be found");
    BOOST_TEST(posix_error_description(atom("econnrefused")).value_or("") == "Connection refused");
    BOOST_TEST(!posix_error_description(atom("unknown")).has_value());
}
