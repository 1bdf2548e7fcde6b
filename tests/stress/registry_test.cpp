// SPDX-License-Identifier: Apache-2.0
#define BOOST_TEST_MODULE stress_registry
// The registry and the global counters under churn: 8 processes open and
// close sockets of four kinds (some unregistered, some monitored) while two
// more call number_of, which_sockets and info/0 in a loop. Every snapshot
// adds up, every DOWN arrives once, and when the churn ends every count is
// back to zero. Run under TSan by tools/test.sh.

#include <atomic>
#include <string>
#include <vector>

#include "../runtime/helpers.hpp"

using namespace rt;  // NOLINT(google-build-using-namespace)

namespace {

constexpr int churners = 8;
constexpr int queriers = 2;
constexpr int rounds = 150;
constexpr int held_per_churner = 4;

std::int64_t get(const term& m, const char* key) {
    const term* v = m.map_get(esock::atom(key));
    return v != nullptr ? v->as_int().value_or(-1) : -1;
}

// What is wrong with one info/0 snapshot, or "" (no Boost.Test macros off
// the main thread).
std::string check_snapshot(const term& info) {
    const term* c = info.map_get(esock::atom("counters"));
    if (c == nullptr) return "no counters";
    const std::int64_t n = get(*c, "num_sockets");
    const std::int64_t by_domain =
        get(*c, "num_dinet") + get(*c, "num_dinet6") + get(*c, "num_dlocal");
    const std::int64_t by_type =
        get(*c, "num_tstreams") + get(*c, "num_tdgrams") + get(*c, "num_tseqpkgs");
    const std::int64_t by_protocol =
        get(*c, "num_pip") + get(*c, "num_ptcp") + get(*c, "num_pudp") + get(*c, "num_psctp");
    const std::int64_t most = churners * (held_per_churner + 2);
    if (n < 0 || n > most) return "num_sockets " + std::to_string(n);
    if (by_domain != n || by_type != n || by_protocol != n) return "inconsistent " + W(*c);
    return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(counts_stay_exact_under_concurrent_open_and_close) {
    BOOST_TEST_REQUIRE(so::number_of() == term(std::int64_t{0}));
    const term me = esock::self();
    std::atomic<bool> stop{false};
    for (int q = 0; q < queriers; ++q) {
        (void)esock::spawn([me, &stop] {
            std::string wrong;
            long queries = 0;
            try {
                while (!stop.load() && wrong.empty()) {
                    wrong = check_snapshot(so::info());
                    const auto n = so::number_of().as_int().value_or(-1);
                    if (n < 0 || n > churners * (held_per_churner + 2)) {
                        wrong = "number_of " + std::to_string(n);
                    }
                    // Every listed socket is one: info/1 answers for it, closed
                    // or not, and a filter lists only its kind.
                    const auto listed = so::which_sockets(at::tcp).list_to_vector();
                    for (const term& s : *listed) {
                        if (!so::info(s).map_get(esock::atom("protocol"))->is_atom(at::tcp)) {
                            wrong = "which_sockets(tcp) listed " + W(so::info(s));
                        }
                    }
                    (void)so::which_sockets(esock::atom("local"));
                    (void)so::which_sockets(me);
                    ++queries;
                }
            } catch (const esock::erl_error& e) {
                wrong = "raised " + W(e.reason());
            }
            esock::send(me, esock::tuple(esock::atom("querier"), esock::string(wrong),
                                         term(std::int64_t{queries})));
        });
    }
    for (int c = 0; c < churners; ++c) {
        (void)esock::spawn([me, c] {
            const char* kinds[][2] = {
                {"inet", "stream"}, {"inet", "dgram"}, {"local", "stream"}, {"local", "dgram"}};
            std::vector<term> held;
            std::int64_t monitors = 0;
            std::int64_t downs = 0;
            for (int i = 0; i < rounds; ++i) {
                const auto* k = kinds[(c + i) % 4];
                const term opts = L(i % 7 == 0 ? "#{use_registry => false}" : "#{}");
                const term r = so::open(esock::atom(k[0]), esock::atom(k[1]), opts);
                if (!r.is_tuple(2) || !r.element(0)->is_atom(at::ok)) continue;
                const term s = *r.element(1);
                if (i % 3 == 0) {
                    (void)so::monitor(s);
                    ++monitors;
                }
                held.push_back(s);
                if (held.size() > static_cast<std::size_t>(held_per_churner)) {
                    (void)so::close(held.front());
                    held.erase(held.begin());
                }
            }
            for (const term& s : held)
                (void)so::close(s);
            // Each monitor's DOWN, once.
            while (esock::receive([](const term& t) { return t.is_tuple(5); }, 2000)) {
                ++downs;
            }
            esock::send(me, esock::tuple(esock::atom("churner"), term(monitors), term(downs)));
        });
    }
    for (int c = 0; c < churners; ++c) {
        auto m = esock::receive(
            [](const term& t) {
                return t.is_tuple(3) && t.element(0)->is_atom(esock::atom("churner"));
            },
            60000);
        BOOST_TEST_REQUIRE(m.has_value());
        BOOST_TEST(*m->element(1) == *m->element(2), "monitors and DOWNs of " << W(*m));
    }
    stop.store(true);
    for (int q = 0; q < queriers; ++q) {
        auto m = esock::receive(
            [](const term& t) {
                return t.is_tuple(3) && t.element(0)->is_atom(esock::atom("querier"));
            },
            60000);
        BOOST_TEST_REQUIRE(m.has_value());
        BOOST_TEST(esock::format_p(*m->element(1)) == "[]",
                   "a snapshot was wrong: " << esock::format_p(*m->element(1)));
        BOOST_TEST(m->element(2)->as_int().value_or(0) > 0);
    }
    BOOST_TEST(wait_spawned_done(10000));
    CHECK_MATCH(so::number_of(), "0");
    CHECK_MATCH(*so::info().map_get(esock::atom("counters")),
                "#{num_cnt_bits => 64,num_dinet => 0,num_dinet6 => 0,num_dlocal => 0,"
                "num_pip => 0,num_psctp => 0,num_ptcp => 0,num_pudp => 0,num_sockets => 0,"
                "num_tdgrams => 0,num_tseqpkgs => 0,num_tstreams => 0}");
    CHECK_MATCH(so::number_of_monitors(), "0");
}
