// SPDX-License-Identifier: Apache-2.0
// The socket core's watches (socket/core/watch.hpp, docs/state-machine.md
// "Watches"): readability reported to an attached object on the watching
// process's own thread, once per watch, with nothing in its mailbox.
#define BOOST_TEST_MODULE runtime_watch
#include <atomic>
#include <memory>
#include <thread>

#include "helpers.hpp"
#include "socket/core/watch.hpp"

using namespace rt;  // NOLINT(google-build-using-namespace)
namespace core = esock::socket::core;

namespace {

// Counts reports and notes the thread each ran on.
class counting final : public core::attachment {
  public:
    void readable(const term& /*sock*/) override {
        ++reports_;
        last_thread_ = std::this_thread::get_id();
    }
    std::atomic<int> reports_{0};
    std::atomic<std::thread::id> last_thread_{};
};

}  // namespace

BOOST_AUTO_TEST_CASE(reports_once_per_watch_on_the_watchers_thread) {
    const tcp_pair p = make_tcp_pair();
    auto a = std::make_shared<counting>();
    BOOST_TEST(core::attach(p.server, a));
    BOOST_TEST(core::attached(p.server) == a);
    BOOST_TEST(core::watch(p.server, esock::self_process(), false) == 0);
    BOOST_TEST(so::send(p.client, bin("x")) == ok_t);
    // The report comes while this process receives; no message is made.
    BOOST_TEST(!next_msg(300).has_value());
    BOOST_TEST(a->reports_.load() == 1);
    BOOST_TEST((a->last_thread_.load() == std::this_thread::get_id()));
    // Not watched again: more data, no report.
    BOOST_TEST(so::send(p.client, bin("y")) == ok_t);
    BOOST_TEST(!next_msg(200).has_value());
    BOOST_TEST(a->reports_.load() == 1);
    // Watched again with data there already: reported.
    BOOST_TEST(core::watch(p.server, esock::self_process(), false) == 0);
    BOOST_TEST(!next_msg(300).has_value());
    BOOST_TEST(a->reports_.load() == 2);
    // unwatch: no report.
    BOOST_TEST(core::watch(p.server, esock::self_process(), false) == 0);
    core::unwatch(p.server, true);
    BOOST_TEST(!next_msg(200).has_value());
    BOOST_TEST(a->reports_.load() == 2);
    close_all({p.client, p.server, p.listen});
    BOOST_TEST(core::watch(p.server, esock::self_process(), false) == EBADF);
    // The attachment stays with the closed socket.
    BOOST_TEST(core::attached(p.server) == a);
}

BOOST_AUTO_TEST_CASE(another_process_watches) {
    const tcp_pair p = make_tcp_pair();
    auto a = std::make_shared<counting>();
    BOOST_TEST(core::attach(p.server, a));
    std::thread::id watcher_thread;
    std::atomic<bool> have_id{false};
    const term me = esock::self();
    const term pid = esock::spawn([&] {
        watcher_thread = std::this_thread::get_id();
        have_id = true;
        // Sleeps in a receive without a poller until watch() opens one.
        (void)esock::receive([](const term& t) { return t.is_atom(esock::atom("stop")); }, 3000);
        (void)esock::send(me, esock::atom("done"));
    });
    while (!have_id)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    // This thread makes the other process the watcher.
    BOOST_TEST(core::watch(p.server, esock::find_process(pid), false) == 0);
    BOOST_TEST(so::send(p.client, bin("x")) == ok_t);
    for (int i = 0; i < 200 && a->reports_.load() == 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    BOOST_TEST(a->reports_.load() == 1);
    BOOST_TEST((a->last_thread_.load() == watcher_thread));
    (void)esock::send(pid, esock::atom("stop"));
    BOOST_TEST(esock::receive([](const term& t) { return t.is_atom(esock::atom("done")); }, 3000)
                   .has_value());
    close_all({p.client, p.server, p.listen});
}
