// SPDX-License-Identifier: Apache-2.0
// sendfile/2..5 on loopback TCP against OTP 25's api.txt section 12: the
// same calls give the same results and counters; nowait transfers continue
// with their SelectInfo; every descriptor a transfer opens is closed.
#define BOOST_TEST_MODULE runtime_sendfile
#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include <esock/error.hpp>
#include <esock/supports.hpp>

#include "../common/descriptors.hpp"
#include "helpers.hpp"

using namespace rt;  // NOLINT(google-build-using-namespace)
using esock::atoms::infinity;
using esock::atoms::nowait;

namespace {

// A 100000-byte file of I rem 251, as the capture's script writes, removed
// at the end of the test; `fd` is open read-only.
struct temp_file {
    std::string path;
    int fd = -1;
    std::string data;

    temp_file() {
        char name[] = "/tmp/esock_sendfile_XXXXXX";
        fd = ::mkstemp(name);
        BOOST_TEST_REQUIRE(fd >= 0);
        path = name;
        for (int i = 0; i < 100000; ++i)
            data.push_back(static_cast<char>(i % 251));
        BOOST_TEST_REQUIRE(::write(fd, data.data(), data.size()) ==
                           static_cast<ssize_t>(data.size()));
    }
    ~temp_file() {
        ::close(fd);
        ::unlink(path.c_str());
    }
    temp_file(const temp_file&) = delete;
    temp_file& operator=(const temp_file&) = delete;
};

// Reads exactly `n` bytes from `s` (bounded waits) in a new process and
// sends {read, Bytes} to `to`.
void spawn_reader(const term& s, std::size_t n, const term& to) {
    (void)esock::spawn([s, n, to] {
        std::string got;
        while (got.size() < n) {
            const term r = so::recv(s, 0, 5000);
            if (!r.is_tuple(2) || !r.element(0)->is_atom(esock::atoms::ok)) break;
            got += r.element(1)->binary_view();
        }
        esock::send(to, esock::tuple(esock::atom("read"), esock::binary(got)));
    });
}

// Reads until the peer stops sending for 300 ms, then sends {drained, N}.
void spawn_drainer(const term& s, const term& to) {
    (void)esock::spawn([s, to] {
        std::int64_t n = 0;
        for (;;) {
            const term r = so::recv(s, 0, 300);
            if (!r.is_tuple(2) || !r.element(0)->is_atom(esock::atoms::ok)) break;
            n += static_cast<std::int64_t>(r.element(1)->binary_bytes().size());
        }
        esock::send(to, esock::tuple(esock::atom("drained"), n));
    });
}

term await(const char* tag) {
    auto m = esock::receive(
        [&](const term& t) { return t.is_tuple(2) && t.element(0)->is_atom(esock::atom(tag)); },
        10000);
    BOOST_TEST_REQUIRE(m.has_value(), "no " << tag << " message");
    return *m->element(1);
}

// A file and a connected pair whose 4096-byte buffers hold only part of it,
// so that a whole-file transfer from `c` to `a` waits for a reader.
struct small_buffers_pair {
    temp_file file;
    tcp_pair p = make_tcp_pair();
    term c = p.client;
    term a = p.server;

    small_buffers_pair() {
        CHECK_MATCH(so::setopt(c, L("{socket,sndbuf}"), 4096), "ok");
        CHECK_MATCH(so::setopt(a, L("{socket,rcvbuf}"), 4096), "ok");
    }
};

}  // namespace

BOOST_AUTO_TEST_CASE(sendfile_answers_and_counts_as_otp_25) {
    BOOST_TEST(so::is_supported(esock::atoms::sendfile) == term(esock::atoms::true_));
    const temp_file file;
    const auto f = so::file_handle::from_fd(file.fd);
    const tcp_pair p = make_tcp_pair();
    const term c = p.client;
    const term a = p.server;
    spawn_reader(a, 100000 + 20 + 10, esock::self());
    CHECK_MATCH(so::sendfile(c, f), "{ok,100000}");
    CHECK_MATCH(so::sendfile(c, f, 10, 20, infinity), "{ok,20}");
    CHECK_MATCH(so::sendfile(c, f, 99990, 0, 1000), "{ok,10}");
    const term got = await("read");
    BOOST_TEST(got.binary_view() == file.data + file.data.substr(10, 20) + file.data.substr(99990));

    CHECK_MATCH(so::sendfile(c, f, 200000, 10, 100), "{ok,0}");
    CHECK_MATCH(so::sendfile(c, f, -1, 10, 100), "{error,einval}");
    BOOST_TEST(raised([&] { return so::sendfile(c, f, 0, -1, 100); }) == "badarg");
    CHECK_MATCH(so::sendfile(c, f, 0, 5, nowait), "{ok,5}");
    CHECK_MATCH(so::sendfile(c, f, 0, 5, 0), "{ok,5}");
    BOOST_TEST(raised([&] { return so::sendfile(c, f, 0, 5, L("foo")); }) ==
               "{invalid,{timeout,foo}}");
    CHECK_MATCH(so::recv(a, 10, 2000), "{ok,<<0,1,2,3,4,0,1,2,3,4>>}");
    BOOST_TEST(raised([&] { return so::sendfile(c, L("not_a_file")); }) == "badarg");
    BOOST_TEST(raised([&] { return so::sendfile(c, f, L("foo"), 0, 100); }) == "badarg");
    const term u = ok_value(so::open(esock::atoms::inet, esock::atoms::dgram));
    CHECK_MATCH(so::sendfile(u, f, 0, 10, 100), "{error,edestaddrreq}");
    // A closed descriptor is OTP's closed raw file: einval, counted as a failure.
    const int closed_fd = ::dup(file.fd);
    ::close(closed_fd);
    CHECK_MATCH(so::sendfile(c, so::file_handle::from_fd(closed_fd), 0, 10, 100), "{error,einval}");
    CHECK_MATCH(so::info(c),
                "#{counters => #{acc_fails => 0,acc_success => 0,acc_tries => 0,acc_waits => 0,"
                "read_byte => 0,read_fails => 0,read_pkg => 0,read_pkg_max => 0,read_tries => 0,"
                "read_waits => 0,sendfile => 9,sendfile_byte => 100040,sendfile_fails => 2,"
                "sendfile_max => 100000,sendfile_pkg => 5,sendfile_pkg_max => 100000,"
                "sendfile_tries => 7,sendfile_waits => 0,write_byte => 0,write_fails => 0,"
                "write_pkg => 0,write_pkg_max => 0,write_tries => 0,write_waits => 0},"
                "ctype => '_',domain => '_',num_acceptors => '_',num_readers => '_',"
                "num_writers => '_',owner => '_',protocol => '_',rstates => '_',type => '_',"
                "wstates => '_'}");
    // Sockets that never used sendfile have no sendfile counters.
    BOOST_TEST(counter(a, "sendfile") == -1);
    BOOST_TEST(counter(a, "write_byte") == 0);
    close_all({p.listen, c, a, u});
    CHECK_MATCH(so::sendfile(c, f), "{error,closed}");
    BOOST_TEST(esock_test::descriptors_on(file.path) == 1U);  // the test's own
}

BOOST_FIXTURE_TEST_CASE(a_nowait_transfer_continues_with_its_select_info, small_buffers_pair) {
    const auto f = so::file_handle::from_path(file.path);
    const term r = so::sendfile(c, f, 0, 0, nowait);
    REQUIRE_MATCH(r, "{select,{{select_info,sendfile,'_'},'_'}}");
    const term si = *r.element(1)->element(0);
    const std::int64_t first = *r.element(1)->element(1)->as_int();
    BOOST_TEST(first > 0);
    BOOST_TEST(first < 100000);
    // A second transfer of the same process waits for the first to end.
    CHECK_MATCH(so::sendfile(c, f, 0, 0, nowait), "{error,{invalid,state}}");
    spawn_drainer(a, esock::self());
    const term handle = *si.element(2);
    auto sel = esock::receive(
        [&](const term& m) {
            return matches(m, L("{'$socket','_',select,'_'}")) && *m.element(3) == handle;
        },
        5000);
    BOOST_TEST_REQUIRE(sel.has_value());
    // Offset and Count are taken as given: 0, 0 sends the whole file again.
    CHECK_MATCH(so::sendfile(c, si, 0, 0, 5000), "{ok,100000}");
    BOOST_TEST(*await("drained").as_int() == first + 100000);
    // A continuation with another operation's tag, or with no transfer.
    const term other = esock::tuple(esock::atoms::select_info, esock::atoms::recv, handle);
    BOOST_TEST(so::sendfile(c, other, 0, 0, 100) ==
               esock::tuple(esock::atoms::error, esock::tuple(esock::atoms::invalid, other)));
    BOOST_TEST(raised([&] { return so::sendfile(c, si, 0, 0, 100); }) == "{invalid,state}");
    CHECK_MATCH(so::sendfile(c, so::file_handle::from_path(file.path + ".missing")),
                "{error,enoent}");
    // One transfer started (the refused second one and the missing file
    // never did: OTP counts a try once it has the file); it waited at least
    // once and moved first + 100000 bytes.
    BOOST_TEST(counter(c, "sendfile_tries") == 1);
    BOOST_TEST(counter(c, "sendfile_fails") == 1);
    BOOST_TEST(counter(c, "sendfile_waits") >= 1);
    BOOST_TEST(counter(c, "sendfile_max") == first + 100000);
    BOOST_TEST(counter(c, "sendfile_byte") == first + 100000);
    close_all({p.listen, c, a});
    BOOST_TEST(esock_test::descriptors_on(file.path) == 1U);  // the test's own
}

BOOST_FIXTURE_TEST_CASE(a_timed_out_transfer_ends_and_the_socket_stays_usable, small_buffers_pair) {
    const auto f = so::file_handle::from_fd(file.fd);
    // Nobody reads: the call times out after sending what fits.
    const term r = so::sendfile(c, f, 0, 0, 100);
    REQUIRE_MATCH(r, "{error,{timeout,'_'}}");
    const std::int64_t sent = *r.element(1)->element(1)->as_int();
    BOOST_TEST(sent > 0);
    // OTP 25 answers {error, {invalid, state}} from here on; esock ended the
    // transfer, so a new one waits for room like any send.
    spawn_drainer(a, esock::self());
    CHECK_MATCH(so::sendfile(c, f, 0, 1000, 5000), "{ok,1000}");
    BOOST_TEST(*await("drained").as_int() == sent + 1000);
    close_all({p.listen, c, a});
    BOOST_TEST(esock_test::descriptors_on(file.path) == 1U);  // the test's own
}

BOOST_FIXTURE_TEST_CASE(closing_the_socket_ends_a_waiting_transfer, small_buffers_pair) {
    const auto f = so::file_handle::from_fd(file.fd);
    const term r = so::sendfile(p.client, f, 0, 0, nowait);
    REQUIRE_MATCH(r, "{select,{{select_info,sendfile,'_'},'_'}}");
    BOOST_TEST(esock_test::descriptors_on(file.path) ==
               2U);  // the test's and the waiting transfer's
    CHECK_MATCH(so::close(p.client), "ok");
    const term handle = *r.element(1)->element(0)->element(2);
    auto abort = esock::receive(
        [&](const term& m) { return matches(m, L("{'$socket','_',abort,{'_',closed}}")); }, 2000);
    BOOST_TEST_REQUIRE(abort.has_value());
    BOOST_TEST(*abort->element(3)->element(0) == handle);
    close_all({p.listen, p.server});
    BOOST_TEST(esock_test::descriptors_on(file.path) == 1U);  // the test's own
}

BOOST_FIXTURE_TEST_CASE(a_cancelled_transfer_leaves_the_socket_usable, small_buffers_pair) {
    const auto f = so::file_handle::from_fd(file.fd);
    const term r = so::sendfile(p.client, f, 0, 0, nowait);
    REQUIRE_MATCH(r, "{select,{{select_info,sendfile,'_'},'_'}}");
    const term si = *r.element(1)->element(0);
    const std::int64_t first = *r.element(1)->element(1)->as_int();
    CHECK_MATCH(so::cancel(p.client, si), "ok");
    // The cancelled transfer cannot be continued; a new one starts afresh
    // (OTP 25 refuses it with {error, {invalid, state}}).
    BOOST_TEST(raised([&] { return so::sendfile(p.client, si, 0, 0, 100); }) == "{invalid,state}");
    spawn_drainer(p.server, esock::self());
    CHECK_MATCH(so::sendfile(p.client, f, 0, 100, 5000), "{ok,100}");
    BOOST_TEST(*await("drained").as_int() == first + 100);
    BOOST_TEST(esock_test::descriptors_on(file.path) == 1U);  // the test's own
    close_all({p.listen, p.client, p.server});
}

BOOST_FIXTURE_TEST_CASE(a_nowait_start_queued_behind_another_transfer_starts_on_its_continuation,
                        small_buffers_pair) {
    const term mine = so::sendfile(c, so::file_handle::from_fd(file.fd), 0, 0, nowait);
    REQUIRE_MATCH(mine, "{select,{{select_info,sendfile,'_'},'_'}}");
    const std::int64_t first = *mine.element(1)->element(1)->as_int();
    // Another process queues a nowait transfer of 100 bytes and, when its
    // select comes, continues it; it reports each step to this process.
    const term me = esock::self();
    const std::string path = file.path;
    (void)esock::spawn([c = c, me, path] {
        const auto f = so::file_handle::from_path(path);
        const term r = so::sendfile(c, f, 0, 100, nowait);
        esock::send(me, esock::tuple(esock::atom("queued"), r));
        if (!matches(r, L("{select,{{select_info,sendfile,'_'},0}}"))) return;
        const term si = *r.element(1)->element(0);
        auto sel = esock::receive(
            [&](const term& m) {
                return matches(m, L("{'$socket','_',select,'_'}")) &&
                       *m.element(3) == *si.element(2);
            },
            5000);
        if (!sel) return;
        esock::send(me, esock::tuple(esock::atom("continued"), so::sendfile(c, si, 0, 100, 5000)));
    });
    const term queued = await("queued");
    CHECK_MATCH(queued, "{select,{{select_info,sendfile,'_'},0}}");
    BOOST_TEST(esock_test::descriptors_on(file.path) ==
               3U);  // the test's, the transfer's, the queued one's
    // Ending this process's transfer hands the socket to the queued one.
    CHECK_MATCH(so::cancel(c, *mine.element(1)->element(0)), "ok");
    spawn_drainer(p.server, esock::self());
    CHECK_MATCH(await("continued"), "{ok,100}");
    BOOST_TEST(*await("drained").as_int() == first + 100);
    // The queued transfer replaced the cancelled one's descriptor and closed
    // its own when done.
    BOOST_TEST(esock_test::descriptors_on(file.path) == 1U);
    close_all({p.listen, c, p.server});
}
