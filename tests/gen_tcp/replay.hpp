// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_TESTS_GEN_TCP_REPLAY_HPP
#define ESOCK_TESTS_GEN_TCP_REPLAY_HPP

// Replaying what OTP 25's gen_tcp printed (data/otp25_gen_tcp.txt, from
// data/gen_tcp.escript): a test runs a section's calls in the script's
// order and hands each result to a `replay` of the section, which checks it
// against the next [inet] line, printed and masked as the script prints and
// masks (~9999p, long binaries as {'$bin', Size, First8}, refs, pids and
// ephemeral ports masked, a gen_tcp socket as #Port<P>: esock's sockets
// answer where OTP's inet backend answers with its ports). Every line of
// the section must be consumed: compared, or set aside with the reason
// (docs/deviations.md) and esock's own answer checked instead.

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <functional>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include <esock/error.hpp>
#include <esock/gen_tcp.hpp>
#include <esock/process.hpp>
#include <esock/term.hpp>
#include <esock/term_text.hpp>

#include "../common/outcome.hpp"

namespace gen_tcp_test {

using esock::term;

/// A line of the recording.
struct recorded_line {
    enum class kind { result, msg, log, table } k = kind::result;
    std::string label;
    std::string result;
    int number = 0;
};

/// The lines of section `section` for `backend` (inet or socket).
inline std::vector<recorded_line> section_lines(int section, const std::string& backend) {
    const std::string path = ESOCK_SOURCE_ROOT "/tests/gen_tcp/data/otp25_gen_tcp.txt";
    std::ifstream f(path);
    BOOST_TEST_REQUIRE(f.good(), "cannot open " << path);
    std::vector<recorded_line> out;
    std::string line;
    int number = 0;
    bool in_section = false;
    const std::string tag = "[" + backend + "] ";
    while (std::getline(f, line)) {
        ++number;
        if (line.rfind("%% ===== ", 0) == 0) {
            in_section = std::stoi(line.substr(9, 2)) == section &&
                         line.find("[" + backend + "] =====") != std::string::npos;
            continue;
        }
        if (!in_section || line.empty() || line.rfind("%%", 0) == 0) continue;
        recorded_line r;
        r.number = number;
        std::string rest = line;
        if (line.rfind("I| ", 0) == 0) {
            r.k = recorded_line::kind::table;
            r.result = line.substr(3);
            out.push_back(r);
            continue;
        }
        if (line.rfind("LOG ", 0) == 0) {
            r.k = recorded_line::kind::log;
            r.result = line;
            out.push_back(r);
            continue;
        }
        if (line.rfind("MSG ", 0) == 0) {
            r.k = recorded_line::kind::msg;
            rest = line.substr(4);
        }
        BOOST_TEST_REQUIRE(rest.rfind(tag, 0) == 0, path << ":" << number << ": not " << tag);
        rest = rest.substr(tag.size());
        // Labels and results may hold maps (" => " inside brackets): the
        // arrow is the first one outside every bracket.
        std::size_t arrow = std::string::npos;
        int depth = 0;
        for (std::size_t i = 0; i < rest.size() && arrow == std::string::npos; ++i) {
            const char ch = rest[i];
            if (ch == '(' || ch == '[' || ch == '{') ++depth;
            if (ch == ')' || ch == ']' || ch == '}') --depth;
            if (depth == 0 && rest.compare(i, 4, " => ") == 0) arrow = i;
        }
        BOOST_TEST_REQUIRE(arrow != std::string::npos, path << ":" << number << ": no =>");
        r.label = rest.substr(0, arrow);
        r.result = rest.substr(arrow + 4);
        out.push_back(r);
    }
    return out;
}

/// The escript's n/1: binaries over 64 bytes as {'$bin', Size, First8}.
inline term shorten(const term& t, int depth = 0) {
    if (depth > 64) return t;
    if (t.is_binary() && t.binary_bytes().size() > 64) {
        return esock::tuple(esock::atom("$bin"), static_cast<std::int64_t>(t.binary_bytes().size()),
                            esock::sub_binary(t, 0, 8));
    }
    if (t.is_tuple()) {
        std::vector<term> e;
        for (const term& x : t.tuple_elements())
            e.push_back(shorten(x, depth + 1));
        return esock::tuple_from(std::move(e));
    }
    if (t.is_cons()) {
        std::vector<term> e;
        term rest = t;
        while (rest.is_cons()) {
            e.push_back(shorten(*rest.head(), depth + 1));
            rest = *rest.tail();
        }
        return esock::list_from(e, shorten(rest, depth + 1));
    }
    if (t.is_map()) {
        std::vector<esock::map_entry> e;
        for (const auto& me : t.map_entries())
            e.push_back({me.key, shorten(me.value, depth + 1)});
        return esock::map_from(std::move(e));
    }
    return t;
}

/// A result printed as the script prints it: ~9999p with its masks, and a
/// gen_tcp socket as the inet backend's #Port<P>.
inline std::string masked(const term& t) {
    std::string s = esock::format_p(shorten(t));
    static const std::regex sock(
        R"(\{'\$inet',gen_tcp_socket,\{<[0-9.]+>,\{'\$socket',#Ref<[0-9.]+>\}\}\})");
    s = std::regex_replace(s, sock, "#Port<P>");
    static const std::regex ref(R"(#Ref<[0-9.]+>)");
    s = std::regex_replace(s, ref, "#Ref<R>");
    static const std::regex pid(R"(<[0-9]+\.[0-9]+\.[0-9]+>)");
    s = std::regex_replace(s, pid, "<P>");
    static const std::regex port(R"(port => [0-9]+)");
    s = std::regex_replace(s, port, "port => N");
    static const std::regex ip_port(
        R"((\{\{[0-9]+(,[0-9]+){3}\}|\{\{[0-9]+(,[0-9]+){7}\}),(102[4-9]|10[3-9][0-9]|1[1-9][0-9][0-9]|[2-9][0-9]{3}|[0-9]{5})\})");
    s = std::regex_replace(s, ip_port, "$1,N}");
    return s;
}

/// An i() line masked as the script masks it: descriptors, port numbers,
/// pids and port ids, each mask padded to the width of what it hides so
/// that the columns stay as printed.
inline std::string masked_i_line(const std::string& line) {
    const auto keep_width = [](const std::string& in, const std::regex& re,
                               const std::string& mask) {
        std::string out;
        auto last = in.cbegin();
        for (std::sregex_iterator it(in.begin(), in.end(), re), end; it != end; ++it) {
            out.append(last, in.cbegin() + it->position());
            out += mask;
            const auto len = static_cast<std::size_t>(it->length());
            if (len > mask.size()) out.append(len - mask.size(), ' ');
            last = in.cbegin() + it->position() + it->length();
        }
        out.append(last, in.cend());
        return out;
    };
    static const std::regex fd(R"(esock\[[0-9]+\])");
    static const std::regex port(R"((?:localhost:|127\.0\.0\.1:)([0-9]+))");
    static const std::regex pid(R"(<[0-9]+\.[0-9]+\.[0-9]+>)");
    std::string s = keep_width(line, fd, "esock[FD]");
    // std::regex has no look-behind: mask the digits after each prefix.
    std::string out;
    auto last = s.cbegin();
    for (std::sregex_iterator it(s.begin(), s.end(), port), end; it != end; ++it) {
        const auto digits = it->position(1);
        out.append(last, s.cbegin() + digits);
        const auto len = static_cast<std::size_t>(it->length(1));
        out += "N";
        if (len > 1) out.append(len - 1, ' ');
        last = s.cbegin() + digits + it->length(1);
    }
    out.append(last, s.cend());
    return keep_width(out, pid, "<P>");
}

using esock_test::outcome;
using esock_test::run;

/// An outcome as the script prints it ({crash, {Class, Reason}} shows only
/// the reason: esock raises every class as erl_error).
inline std::string printed(const outcome& o) {
    if (o.raised) return "{crash,{_," + masked(*o.raised) + "}}";
    return masked(*o.value);
}

/// The recorded result with the class of an exception left out, as
/// `printed` writes it.
inline std::string without_class(const std::string& recorded) {
    static const std::regex crash(R"(^\{crash,\{(error|exit|throw),)");
    return std::regex_replace(recorded, crash, "{crash,{_,");
}

/// The messages the script's collect/1 gathers: the first within
/// `timeout_ms`, each next within 50 ms of the last, at most 20.
inline std::vector<term> collect(std::int64_t timeout_ms) {
    std::vector<term> out;
    std::int64_t t = timeout_ms;
    for (int i = 0; i < 20; ++i) {
        auto m = esock::receive_any(t);
        if (!m) break;
        out.push_back(std::move(*m));
        t = std::min<std::int64_t>(timeout_ms, 50);
    }
    return out;
}

/// One section of the recording, consumed in order.
class replay {
  public:
    explicit replay(int section, std::string backend = "inet")
        : section_(section), lines_(section_lines(section, backend)) {
        BOOST_TEST_REQUIRE(!lines_.empty(), "no lines for section " << section);
    }
    replay(const replay&) = delete;
    replay& operator=(const replay&) = delete;
    ~replay() {
        skip_logs();
        BOOST_TEST(next_ == lines_.size(),
                   "section " << section_ << ": " << lines_.size() - next_
                              << " recorded lines not replayed, from line "
                              << (next_ < lines_.size() ? lines_[next_].number : 0));
        BOOST_TEST_MESSAGE("section " << section_ << ": " << compared_ << " lines compared, "
                                      << set_aside_ << " set aside (docs/deviations.md), "
                                      << skipped_ << " skipped on this host");
    }

    /// Runs `f`, checks its outcome against the next line (`label`); the
    /// result, or nil when it raised.
    term p(const std::string& label, const std::function<term()>& f) {
        const outcome o = run(f);
        check(label, recorded_line::kind::result, printed(o));
        return o.value.value_or(term());
    }
    /// As p for an {ok, X} result; X (nil otherwise).
    term v(const std::string& label, const std::function<term()>& f) {
        const term r = p(label, f);
        if (r.is_tuple(2) && r.element(0)->is_atom(esock::atoms::ok)) return *r.element(1);
        return term();
    }
    /// As p, with an {ok, Port} of an ephemeral port masked as {ok,'N'}.
    term pport(const std::string& label, const std::function<term()>& f) {
        const outcome o = run(f);
        std::string text = printed(o);
        if (o.value && o.value->is_tuple(2)) {
            const auto port = o.value->element(1)->as_int();
            if (port && *port >= 1024) text = "{ok,'N'}";
        }
        check(label, recorded_line::kind::result, text);
        return o.value.value_or(term());
    }
    /// The messages that arrive (collect/1), checked against a MSG line.
    std::vector<term> msgs(const std::string& label, std::int64_t timeout_ms) {
        std::vector<term> m = collect(timeout_ms);
        check(label, recorded_line::kind::msg, masked(esock::list_from(m)));
        return m;
    }
    /// As p, but `f` runs in a new process given `ms` milliseconds; one that
    /// does not return by then is {no_return_within_ms, Ms} (and is left to
    /// end when its socket closes).
    term pt(const std::string& label, std::function<term()> f, std::int64_t ms) {
        const term me = esock::self();
        const term tag = esock::make_ref();
        (void)esock::spawn([me, tag, f = std::move(f)] {
            const outcome o = run(f);
            const term r = o.value ? *o.value
                                   : esock::tuple(esock::atom("crash"),
                                                  esock::tuple(esock::atom("_"), *o.raised));
            (void)esock::send(me, esock::tuple(tag, r));
        });
        const auto m = esock::receive(
            [&](const term& t) { return t.is_tuple(2) && *t.element(0) == tag; }, ms);
        const term r = m ? *m->element(1) : esock::tuple(esock::atom("no_return_within_ms"), ms);
        std::string text = masked(r);
        // A raise shows as printed() shows it, without its class.
        if (text.rfind("{crash,{'_',", 0) == 0) text = "{crash,{_," + text.substr(12);
        check(label, recorded_line::kind::result, text);
        return r;
    }
    /// A line esock answers otherwise, on purpose: the recorded line is set
    /// aside and esock's answer `expected` (an Erlang literal, masked as the
    /// script masks) is checked instead. `why` names the deviation.
    term differs(const std::string& label, const std::function<term()>& f,
                 const std::string& expected, const char* why) {
        const outcome o = run(f);
        const recorded_line& r = take(label, recorded_line::kind::result);
        BOOST_TEST(printed(o) == expected, "line " << r.number << ": " << label << " => "
                                                   << printed(o) << ", esock's answer: " << expected
                                                   << " (OTP 25: " << r.result << "; " << why
                                                   << ")");
        ++set_aside_;
        return o.value.value_or(term());
    }
    /// As differs, for a MSG line.
    std::vector<term> differs_msgs(const std::string& label, std::int64_t timeout_ms,
                                   const std::string& expected, const char* why) {
        std::vector<term> m = collect(timeout_ms);
        const recorded_line& r = take(label, recorded_line::kind::msg);
        const std::string got = masked(esock::list_from(m));
        BOOST_TEST(got == expected, "line " << r.number << ": MSG " << label << " => " << got
                                            << ", esock's answer: " << expected
                                            << " (OTP 25: " << r.result << "; " << why << ")");
        ++set_aside_;
        return m;
    }
    /// A line whose answer is this host kernel's (a buffer size, a
    /// default TTL): `expected`, built from what the kernel answers here, is
    /// checked (the recording holds what that host's kernel said).
    term host(const std::string& label, const std::function<term()>& f, const term& expected) {
        const outcome o = run(f);
        const recorded_line& r = take(label, recorded_line::kind::result);
        BOOST_TEST(printed(o) == masked(expected),
                   "line " << r.number << ": " << label << " => " << printed(o)
                           << ", this host's kernel: " << masked(expected)
                           << " (OTP 25's host: " << r.result << ")");
        ++compared_;
        return o.value.value_or(term());
    }
    /// A line this host cannot replay (no IPv6, no privileges): set aside,
    /// saying why.
    void cannot(const std::string& label, const char* why) {
        const recorded_line& r = take(label, recorded_line::kind::result);
        BOOST_TEST_MESSAGE("line " << r.number << ": " << label << ": skipped: " << why);
        ++skipped_;
    }

    /// The next `I|` lines: OTP's i() output, checked against `text`.
    void table(const std::string& text, const char* why = nullptr) {
        skip_logs();
        std::vector<std::string> rows;
        std::size_t start = 0;
        while (start < text.size()) {
            const auto end = text.find('\n', start);
            rows.push_back(masked_i_line(text.substr(start, end - start)));
            start = end == std::string::npos ? text.size() : end + 1;
        }
        std::vector<std::string> want;
        while (next_ < lines_.size() && lines_[next_].k == recorded_line::kind::table) {
            want.push_back(lines_[next_++].result);
        }
        if (why == nullptr) {
            BOOST_TEST(rows == want, "i() printed:\n" << text);
            compared_ += static_cast<int>(want.size());
        } else {
            set_aside_ += static_cast<int>(want.size());
        }
    }
    /// As table, for a table esock prints otherwise on purpose: the recorded
    /// rows are set aside and `text` (masked) is checked against `expected`.
    void table_differs(const std::string& text, const std::string& expected, const char* why) {
        skip_logs();
        std::size_t n = 0;
        while (next_ < lines_.size() && lines_[next_].k == recorded_line::kind::table) {
            ++next_;
            ++n;
        }
        std::string got;
        std::size_t start = 0;
        while (start < text.size()) {
            const auto end = text.find('\n', start);
            got += masked_i_line(text.substr(start, end - start)) + "\n";
            start = end == std::string::npos ? text.size() : end + 1;
        }
        // The widths depend on how wide the descriptors are here.
        static const std::regex spaces(" +");
        BOOST_TEST(std::regex_replace(got, spaces, " ") ==
                       std::regex_replace(expected, spaces, " "),
                   "i() printed:\n"
                       << got << "esock's answer:\n"
                       << expected << "(" << why << ")");
        set_aside_ += static_cast<int>(n);
    }
    /// The recorded result of the next line (`label`), to compare by hand.
    std::string recorded(const std::string& label) {
        ++compared_;
        return take(label, recorded_line::kind::result).result;
    }

  private:
    void skip_logs() {
        // OTP's logger reports; esock has no logger (docs/deviations.md).
        while (next_ < lines_.size() && lines_[next_].k == recorded_line::kind::log) {
            ++next_;
            ++set_aside_;
        }
    }
    const recorded_line& take(const std::string& label, recorded_line::kind k) {
        skip_logs();
        BOOST_TEST_REQUIRE(next_ < lines_.size(),
                           "section " << section_ << ": no line left for " << label);
        const recorded_line& r = lines_[next_];
        BOOST_TEST_REQUIRE((r.label == label && r.k == k),
                           "section " << section_ << ", line " << r.number << ": expected \""
                                      << r.label << "\", the test replays \"" << label << "\"");
        ++next_;
        return r;
    }
    void check(const std::string& label, recorded_line::kind k, const std::string& got) {
        const recorded_line& r = take(label, k);
        BOOST_TEST(got == without_class(r.result), "line " << r.number << ": " << label << " => "
                                                           << got << ", OTP 25: " << r.result);
        ++compared_;
    }

    int section_;
    std::vector<recorded_line> lines_;
    std::size_t next_ = 0;
    int compared_ = 0;
    int set_aside_ = 0;
    int skipped_ = 0;
};

}  // namespace gen_tcp_test

#endif  // ESOCK_TESTS_GEN_TCP_REPLAY_HPP
