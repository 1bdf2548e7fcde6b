// SPDX-License-Identifier: Apache-2.0
// The inet module's functions on gen_tcp sockets (esock/gen_tcp.hpp):
// setopts, getopts, getstat, the names, close, info and i/0,1,2, with the
// argument errors OTP 25 raises. The work is the socket's state's
// (tcp_socket.hpp); i() prints OTP 25's table for {'$inet', _, _} sockets.

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include <esock/gen_tcp.hpp>
#include <esock/inet.hpp>
#include <esock/socket.hpp>
#include <esock/term_text.hpp>

#include "gen_tcp/tcp_socket.hpp"
#include "term/columns.hpp"
#include "term/result_terms.hpp"

namespace esock::inet {

namespace {

using gen_tcp::detail::tcp_socket;
namespace rt = result_terms;
namespace detail = gen_tcp::detail;

detail::resolved resolve_or_raise(const term& s) {
    auto r = detail::resolve(s);
    if (!r) rt::raise(atoms::function_clause);
    return std::move(*r);
}

// The elements of a list a comprehension walks: raises {bad_generator,
// Tail} for what is not a proper list, as OTP's setopts does.
std::vector<term> generator(const term& l) {
    std::vector<term> out;
    term rest = l;
    while (rest.is_cons()) {
        out.push_back(*rest.head());
        rest = *rest.tail();
    }
    if (!rest.is_nil()) rt::raise(tuple(atom("bad_generator"), rest));
    return out;
}

const std::vector<term>& stat_names() {
    static const std::vector<term> names = [] {
        std::vector<term> v;
        for (const char* n : {"recv_oct", "recv_cnt", "recv_max", "recv_avg", "recv_dvi",
                              "send_oct", "send_cnt", "send_max", "send_avg", "send_pend"}) {
            v.emplace_back(atom(n));
        }
        return v;
    }();
    return names;
}

}  // namespace

term setopts(const term& s, const term& opts) {
    const detail::resolved r = resolve_or_raise(s);
    const std::vector<term> list = generator(opts);
    if (!r.st) return rt::error(atoms::einval);
    return r.st->setopts(r.sock, list);
}

term getopts(const term& s, const term& opts) {
    const detail::resolved r = resolve_or_raise(s);
    const auto list = opts.list_to_vector();
    if (!list) rt::raise(atoms::function_clause);
    if (!r.st) return rt::error(atoms::einval);
    return r.st->getopts(r.sock, *list);
}

term getstat(const term& s) {
    return getstat(s, list_from(stat_names()));
}

term getstat(const term& s, const term& opts) {
    const detail::resolved r = resolve_or_raise(s);
    const auto list = opts.list_to_vector();
    if (!list) rt::raise(atoms::function_clause);
    if (!r.st) return rt::error(atoms::einval);
    for (const term& n : *list) {
        if (std::find(stat_names().begin(), stat_names().end(), n) == stat_names().end()) {
            return rt::error(atoms::einval);
        }
    }
    return r.st->getstat(*list);
}

term peername(const term& s) {
    const detail::resolved r = resolve_or_raise(s);
    if (!r.st) return rt::error(atoms::einval);
    return r.st->peername(r.sock);
}

term sockname(const term& s) {
    const detail::resolved r = resolve_or_raise(s);
    if (!r.st) return rt::error(atoms::einval);
    return r.st->sockname(r.sock);
}

term peernames(const term& s) {
    const term n = peername(s);
    if (!n.element(0)->is_atom(atoms::ok)) return n;
    return rt::ok(list(*n.element(1)));
}

term socknames(const term& s) {
    const term n = sockname(s);
    if (!n.element(0)->is_atom(atoms::ok)) return n;
    return rt::ok(list(*n.element(1)));
}

term port(const term& s) {
    const term n = sockname(s);
    if (!n.element(0)->is_atom(atoms::ok)) return n;
    return rt::ok(*n.element(1)->element(1));
}

term close(const term& s) {
    return gen_tcp::close(s);
}

term info(const term& s) {
    const detail::resolved r = resolve_or_raise(s);
    const term active = r.st ? r.st->active_value() : term(atoms::false_);
    return map_put(socket::info(r.sock), atom("active"), active);
}

// ---- i/0,1,2 -------------------------------------------------------------------

namespace {

std::string chars_of(const term& t) {
    std::string out;
    if (const auto v = t.list_to_vector()) {
        for (const term& c : *v) {
            if (const auto cp = c.as_int()) append_utf8(out, static_cast<std::uint32_t>(*cp));
        }
    }
    return out;
}

// Characters, not bytes: io:format pads ~-Ns by list length.

// "local_address" -> "Local Address", as inet's h_line writes it.
std::string field_header(const term& f) {
    std::string out;
    const std::string_view n = f.as_atom()->name();
    for (std::size_t i = 0; i < n.size(); ++i) {
        char c = n[i];
        if (i == 0 && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (i > 0 && c == '_' && i + 1 < n.size()) {
            char next = n[++i];
            if (next >= 'a' && next <= 'z') next = static_cast<char>(next - 'a' + 'A');
            out += ' ';
            out += next;
            continue;
        }
        out += c;
    }
    return out;
}

std::string port_text(const term& port, const term& proto) {
    const term name = getservbyport(port, proto);
    if (name.is_tuple(2) && name.element(0)->is_atom(atoms::ok)) return chars_of(*name.element(1));
    return format_w(port);
}

// inet's fmt_addr of a sockname/peername answer.
std::string address_text(const term& answer, const term& proto) {
    if (answer == rt::error(gen_tcp::detail::names::enotconn())) return "*:*";
    if (!answer.is_tuple(2) || !answer.element(0)->is_atom(atoms::ok)) return " ";
    const term& a = *answer.element(1);
    const term& ip = *a.element(0);
    if (ip.is_atom(atoms::local)) {
        std::string out = "local:";
        for (const unsigned char b : a.element(1)->binary_view())
            append_utf8(out, b);
        return out;
    }
    const std::string p = port_text(*a.element(1), proto);
    if (ip == tuple(0, 0, 0, 0) || ip == tuple(0, 0, 0, 0, 0, 0, 0, 0)) return "*:" + p;
    if (ip == tuple(127, 0, 0, 1) || ip == tuple(0, 0, 0, 0, 0, 0, 0, 1)) {
        return "localhost:" + p;
    }
    return chars_of(ntoa(ip)) + ":" + p;
}

std::string state_code(std::string_view s) {
    if (s == "accepting") return "A";
    if (s == "bound") return "BD";
    if (s == "busy") return "BY";
    if (s == "connected") return "CD";
    if (s == "connecting") return "CG";
    if (s == "listen") return "LN";
    if (s == "listening") return "LG";
    if (s == "open") return "O";
    if (s == "selected") return "SD";
    std::string out(s);
    for (char& c : out) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

// inet's fmt_status over the status flags of OTP 25's inet driver (the
// default backend's, which i() prints for its sockets): sorted, named as a
// whole where inet has a name, else the flags' codes.
std::string state_text(const std::vector<std::string_view>& status) {
    std::vector<std::string> flags(status.begin(), status.end());
    std::sort(flags.begin(), flags.end());
    auto starts = [&](std::initializer_list<const char*> p) {
        if (flags.size() < p.size()) return false;
        std::size_t i = 0;
        for (const char* x : p) {
            if (flags[i++] != x) return false;
        }
        return true;
    };
    auto is = [&](std::initializer_list<const char*> p) {
        return flags.size() == p.size() && starts(p);
    };
    if (starts({"accepting"})) return "ACCEPTING";
    if (starts({"bound", "busy", "connected"})) return "CONNECTED(BB)";
    if (starts({"bound", "connected"})) return "CONNECTED(B)";
    if (starts({"bound", "listen", "listening"})) return "LISTENING";
    if (starts({"bound", "listen"})) return "LISTEN";
    if (starts({"bound", "connecting"})) return "CONNECTING";
    if (is({"bound", "open"})) return "BOUND";
    if (is({"connected", "open"})) return "CONNECTED(O)";
    if (is({"open"})) return "IDLE";
    if (flags.empty()) return "CLOSED";
    std::string out;
    for (const auto& f : flags) {
        if (!out.empty()) out += ':';
        out += state_code(f);
    }
    return out;
}

std::string cell(const term& s, const term& sock, const term& field, const term& proto) {
    const std::string_view f = field.is_atom() ? field.as_atom()->name() : std::string_view();
    if (f == "owner") {
        const term info = socket::info(sock);  // kept: `o` points into it
        const term* o = info.map_get(atom("owner"));
        return o != nullptr && o->is_pid() ? format_w(*o) : " ";
    }
    if (f == "port" || f == "fd") {
        const term fd = socket::getopt(sock, tuple(atoms::otp, atom("fd")));
        if (!fd.is_tuple(2) || !fd.element(0)->is_atom(atoms::ok)) return f == "fd" ? " " : "esock";
        const std::string n = format_w(*fd.element(1));
        return f == "fd" ? n : "esock[" + n + "]";
    }
    if (f == "sent" || f == "recv") {
        const term st = getstat(s, list(atom(f == "sent" ? "send_oct" : "recv_oct")));
        if (!st.element(0)->is_atom(atoms::ok)) return " ";
        return format_w(*st.element(1)->head()->element(1));
    }
    if (f == "local_address") return address_text(sockname(s), proto);
    if (f == "foreign_address") return address_text(peername(s), proto);
    if (f == "state") {
        const auto r = detail::resolve(s);
        return state_text(r && r->st ? r->st->status_flags() : std::vector<std::string_view>{});
    }
    if (f == "packet") {
        const term p = getopts(s, list(atom("packet")));
        if (!p.element(0)->is_atom(atoms::ok) || !p.element(1)->is_cons()) return " ";
        return format_w(*p.element(1)->head()->element(1));
    }
    if (f == "type") return "STREAM";
    if (f == "module") return "gen_tcp_socket";
    rt::raise(tuple(atom("case_clause"), field));
}

// The open gen_tcp sockets, in the order they were made.
std::vector<std::pair<term, term>> tcp_sockets() {
    std::vector<std::pair<std::uint64_t, std::pair<term, term>>> found;
    for (const term& sock :
         socket::which_sockets().list_to_vector().value_or(std::vector<term>{})) {
        auto st = std::dynamic_pointer_cast<tcp_socket>(socket::core::attached(sock));
        if (!st) continue;
        const term s = st->term_for(sock);
        if (!gen_tcp::is_socket(s)) continue;
        found.push_back({st->pid().pid_number(), {s, sock}});
    }
    std::sort(found.begin(), found.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::pair<term, term>> out;
    out.reserve(found.size());
    for (auto& [n, p] : found)
        out.push_back(std::move(p));
    return out;
}

term default_fields() {
    return list(atoms::port, atom("module"), atoms::recv, atom("sent"), atom("owner"),
                atom("local_address"), atom("foreign_address"), atom("state"), atoms::type);
}

bool is_proto(const term& p) {
    return p.is_atom(atoms::tcp) || p.is_atom(atoms::udp) || p.is_atom(atoms::sctp);
}

void print(const std::string& text) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
}

}  // namespace

std::string i_table(const term& proto, const term& fields) {
    if (!is_proto(proto)) rt::raise(atoms::function_clause);
    const auto fs = fields.list_to_vector();
    if (!fs) rt::raise(atoms::function_clause);
    std::vector<std::vector<std::string>> lines;
    if (proto.is_atom(atoms::tcp)) {
        for (const auto& [s, sock] : tcp_sockets()) {
            std::vector<std::string> line;
            for (const term& f : *fs)
                line.push_back(cell(s, sock, f, proto));
            lines.push_back(std::move(line));
        }
    }
    if (lines.empty()) return "";
    std::vector<std::string> header;
    for (const term& f : *fs)
        header.push_back(field_header(f));
    lines.insert(lines.begin(), std::move(header));
    return esock::detail::columns(lines);
}

term i() {
    for (const char* p : {"tcp", "udp", "sctp"})
        (void)i(atom(p));
    return atoms::ok;
}

term i(const term& proto) {
    return i(proto, default_fields());
}

term i(const term& proto, const term& fields) {
    print(i_table(proto, fields));
    return atoms::ok;
}

}  // namespace esock::inet
