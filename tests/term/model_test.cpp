// SPDX-License-Identifier: Apache-2.0
// The value model: construction, inspection, equality, order and sharing.

#include <algorithm>
#include <thread>
#include <unordered_set>
#include <vector>

#include <boost/test/unit_test.hpp>

#include <esock/term.hpp>
#include <esock/term_text.hpp>

using namespace esock;

BOOST_AUTO_TEST_SUITE(model)

BOOST_AUTO_TEST_CASE(atoms_are_interned_and_compare_by_index) {
    atom a("hello_world");
    atom b(std::string("hello_") + "world");
    BOOST_TEST(a.index() == b.index());
    BOOST_TEST(a.name() == "hello_world");
    BOOST_TEST(atom("ok") == atoms::ok);
    BOOST_TEST(atoms::dollar_socket.name() == "$socket");
    BOOST_TEST(atoms::true_.name() == "true");
    BOOST_TEST((atom("a") < atom("b")));
    BOOST_TEST((atom("B") < atom("a")));  // by text, as Erlang: 'B' < a
    BOOST_TEST(!atom::existing("surely_never_interned_xyzzy").has_value());
}

BOOST_AUTO_TEST_CASE(atoms_interned_from_many_threads_agree) {
    std::vector<std::thread> threads;
    std::vector<std::uint32_t> seen(4 * 200);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([t, &seen] {
            for (int i = 0; i < 200; ++i) {
                seen[static_cast<std::size_t>(t * 200 + i)] =
                    atom("concurrent_" + std::to_string(i)).index();
            }
        });
    }
    for (auto& th : threads)
        th.join();
    for (int i = 0; i < 200; ++i) {
        for (int t = 1; t < 4; ++t)
            BOOST_TEST(seen[static_cast<std::size_t>(t * 200 + i)] ==
                       seen[static_cast<std::size_t>(i)]);
        BOOST_TEST(atom::from_index(seen[static_cast<std::size_t>(i)]).name() ==
                   "concurrent_" + std::to_string(i));
    }
}

BOOST_AUTO_TEST_CASE(inspection_never_throws_on_mismatch) {
    term i = 42;
    BOOST_TEST(i.is_integer());
    BOOST_TEST(*i.as_int() == 42);
    BOOST_TEST(!i.as_float().has_value());
    BOOST_TEST(!i.as_atom().has_value());
    BOOST_TEST(i.tuple_elements().empty());
    BOOST_TEST(i.element(0) == nullptr);
    BOOST_TEST(i.map_get(atoms::ok) == nullptr);
    BOOST_TEST(i.binary_bytes().empty());
    BOOST_TEST(!i.head().has_value());
    BOOST_TEST(!i.list_length().has_value());
    BOOST_TEST(term().is_nil());
    BOOST_TEST(term().is_list());
    BOOST_TEST(*term().list_length() == 0);
    BOOST_TEST(*boolean(true).as_bool());
    BOOST_TEST(!term(atom("maybe")).as_bool().has_value());
}

BOOST_AUTO_TEST_CASE(tuples_and_element_access) {
    term bin = binary(std::string_view("abc"));
    term t = tuple(atoms::ok, bin, 7);
    BOOST_TEST(t.is_tuple(3));
    BOOST_TEST(!t.is_tuple(2));
    BOOST_TEST(t.element(0)->is_atom(atoms::ok));
    BOOST_TEST(t.element(1)->binary_view() == "abc");
    BOOST_TEST(*t.element(2)->as_int() == 7);
    BOOST_TEST(t.element(3) == nullptr);
    BOOST_TEST(tuple().is_tuple(0));
    BOOST_TEST(format_w(t) == "{ok,<<97,98,99>>,7}");
}

BOOST_AUTO_TEST_CASE(lists_proper_improper_and_shared_tails) {
    term l = list(1, 2, 3);
    BOOST_TEST(*l.list_length() == 3);
    BOOST_TEST(*l.head()->as_int() == 1);
    term t = *l.tail();
    BOOST_TEST(format_w(t) == "[2,3]");
    BOOST_TEST(format_w(*(*t.tail()).tail()) == "[]");
    term c = cons(0, l);
    BOOST_TEST(format_w(c) == "[0,1,2,3]");
    BOOST_TEST(*c.list_length() == 4);
    term imp = list_from(std::vector<term>{1, 2}, atom("x"));
    BOOST_TEST(format_w(imp) == "[1,2|x]");
    BOOST_TEST(!imp.list_length().has_value());
    BOOST_TEST(!imp.list_to_vector().has_value());
    BOOST_TEST(c.list_to_vector()->size() == 4u);
    BOOST_TEST((c == lit("[0,1,2,3]")));
    BOOST_TEST((cons(1, cons(2, term())) == list(1, 2)));
}

BOOST_AUTO_TEST_CASE(long_cons_chains_are_freed_without_recursion) {
    term l;
    for (int i = 0; i < 1000000; ++i)
        l = cons(i, std::move(l));
    BOOST_TEST(*l.list_length() == 1000000u);
    l = term();  // must not overflow the stack
    BOOST_TEST(l.is_nil());
}

BOOST_AUTO_TEST_CASE(strings_are_lists_of_code_points) {
    BOOST_TEST(format_w(string("h\xC3\xA9")) == "[104,233]");
    BOOST_TEST(format_w(latin1_string("\xE9")) == "[233]");
    BOOST_TEST(format_p(string("abc")) == "\"abc\"");
    BOOST_TEST(string("").is_nil());
}

BOOST_AUTO_TEST_CASE(maps_sort_keys_and_the_last_duplicate_wins) {
    term m = map({{atom("b"), 1}, {atom("a"), 2}, {atom("b"), 3}});
    BOOST_TEST(m.map_size() == 2u);
    BOOST_TEST(format_w(m) == "#{a => 2,b => 3}");
    BOOST_TEST(*m.map_get(atom("b"))->as_int() == 3);
    BOOST_TEST(m.map_get(atom("c")) == nullptr);
    term m2 = map_put(m, atom("c"), 4);
    BOOST_TEST(format_w(m2) == "#{a => 2,b => 3,c => 4}");
    BOOST_TEST(format_w(m) == "#{a => 2,b => 3}");  // immutable
    // Integer keys sort before float keys whatever their values.
    BOOST_TEST(format_w(map({{2.5, 1}, {3, 2}, {1, 3}})) == "#{1 => 3,3 => 2,2.5 => 1}");
    // 1 and 1.0 are different keys.
    BOOST_TEST(map({{1, 1}, {1.0, 2}}).map_size() == 2u);
    BOOST_TEST(map({{1, 1}, {1.0, 2}}).map_get(term(1.0)) != nullptr);
}

BOOST_AUTO_TEST_CASE(sub_binaries_share_storage) {
    term b = binary(std::string_view("hello world"));
    term s = sub_binary(b, 6, 5);
    BOOST_TEST(s.binary_view() == "world");
    BOOST_TEST(s.binary_bytes().data() == b.binary_bytes().data() + 6);
    term ss = sub_binary(s, 1, 100);  // clamped
    BOOST_TEST(ss.binary_view() == "orld");
    BOOST_TEST(ss.binary_bytes().data() == b.binary_bytes().data() + 7);
    b = term();
    s = term();
    BOOST_TEST(ss.binary_view() == "orld");  // the storage outlives the original
    BOOST_TEST(sub_binary(ss, 9, 1).binary_view().empty());
    BOOST_TEST(sub_binary(term(1), 0, 1).binary_view().empty());
}

BOOST_AUTO_TEST_CASE(binary_buffer_releases_without_copy_when_mostly_used) {
    binary_buffer buf(64);
    std::uint8_t* data = buf.data();
    for (int i = 0; i < 60; ++i)
        data[i] = static_cast<std::uint8_t>(i);
    term b = buf.release(60);
    BOOST_TEST(b.binary_bytes().size() == 60u);
    BOOST_TEST(b.binary_bytes().data() == data);
    binary_buffer big(65536);
    big.data()[0] = 'x';
    term small = big.release(1);
    BOOST_TEST(small.binary_view() == "x");
}

BOOST_AUTO_TEST_CASE(equality_is_exact_and_order_is_erlangs) {
    BOOST_TEST(!(term(1) == term(1.0)));
    BOOST_TEST(erl_compare(term(1), term(1.0)) == 0);
    BOOST_TEST(erl_compare(term(2), term(1.5)) == 1);
    BOOST_TEST((term(0.0) == term(-0.0)));  // as 0.0 =:= -0.0 in OTP 25
    // number < atom < reference < pid < tuple < map < nil < list < binary
    std::vector<term> ordered = {
        term(1),  term(2.5), term(atoms::ok), make_ref(), make_pid_term(5),
        tuple(1), map({}),   term(),          list(1),    binary(std::string_view("a"))};
    for (std::size_t i = 0; i + 1 < ordered.size(); ++i) {
        BOOST_TEST_CONTEXT("position " << i) {
            BOOST_TEST(erl_compare(ordered[i], ordered[i + 1]) == -1);
            BOOST_TEST((ordered[i] < ordered[i + 1]));
        }
    }
    // Tuples by size first, lists element-wise, maps by size then keys.
    BOOST_TEST(erl_compare(tuple(9, 9), tuple(1, 1, 1)) == -1);
    BOOST_TEST(erl_compare(list(1, 2), list(1, 3)) == -1);
    BOOST_TEST(erl_compare(list(1, 2), list(1, 2, 0)) == -1);
    BOOST_TEST(erl_compare(lit("#{b => 1}"), lit("#{a => 1, b => 1}")) == -1);
    BOOST_TEST(erl_compare(lit("#{a => 2}"), lit("#{b => 1}")) == -1);
    BOOST_TEST(erl_compare(term(9007199254740993LL), term(9007199254740992.0)) == 1);
}

BOOST_AUTO_TEST_CASE(hash_agrees_with_equality) {
    std::unordered_set<term> set;
    set.insert(lit("{a, [1,2], #{k => <<\"v\">>}}"));
    set.insert(lit("{a, [1,2], #{k => <<\"v\">>}}"));
    set.insert(term(1));
    set.insert(term(1.0));
    BOOST_TEST(set.size() == 3u);
    BOOST_TEST(set.count(tuple(atom("a"), list(1, 2),
                               map({{atom("k"), binary(std::string_view("v"))}}))) == 1u);
    // A list held in one run and the same list built from cons cells.
    BOOST_TEST(list(1, 2, 3).hash() == cons(1, cons(2, cons(3, term()))).hash());
    BOOST_TEST(term(0.0).hash() == term(-0.0).hash());
}

BOOST_AUTO_TEST_CASE(refs_and_pids_are_unique_and_print_as_otp) {
    term r1 = make_ref();
    term r2 = make_ref();
    BOOST_TEST(!(r1 == r2));
    BOOST_TEST(r1.is_reference());
    BOOST_TEST(format_w(ref_term(77)) == "#Ref<0.0.0.77>");
    BOOST_TEST(format_w(make_pid_term(85)) == "<0.85.0>");
    BOOST_TEST(make_pid_term(85).pid_number() == 85u);
}

BOOST_AUTO_TEST_CASE(terms_are_shared_safely_between_threads) {
    term shared = lit("{ok, [1,2,3], <<\"payload\">>, #{a => b}}");
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([shared] {
            for (int i = 0; i < 20000; ++i) {
                term copy = shared;
                term sub = sub_binary(*copy.element(2), 1, 3);
                if (sub.binary_view() != "ayl") std::abort();
            }
        });
    }
    for (auto& th : threads)
        th.join();
    BOOST_TEST(format_p(shared) == "{ok,[1,2,3],<<\"payload\">>,#{a => b}}");
}

BOOST_AUTO_TEST_SUITE_END()
