// SPDX-License-Identifier: Apache-2.0
// gen_tcp's functions (esock/gen_tcp.hpp): the option lists of listen and
// connect read as OTP 25's inet module reads them (the backend and module
// choice, then each option once, the last one given), the socket opened,
// configured, bound and listened on or connected through the socket
// module, and the calls on an open socket handed to its state
// (tcp_socket.hpp). Argument errors are raised with OTP's reasons.

#include <esock/gen_tcp.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <esock/inet.hpp>
#include <esock/process.hpp>
#include <esock/socket.hpp>

#include "gen_tcp/tcp_socket.hpp"
#include "inet/options.hpp"
#include "term/result_terms.hpp"

namespace esock::gen_tcp {

namespace {

using detail::family;
using detail::tcp_socket;
namespace rt = result_terms;
namespace ic = inet::core;

[[noreturn]] void raise(const term& reason) {
    rt::raise(reason);
}

// An exit whose reason names the function OTP failed in, as its top frame
// ({Module, Function, Arity}): what a caught function_clause carries.
[[noreturn]] void raise_clause_in(const char* module, const char* function, int arity) {
    raise(tuple(atoms::function_clause, list(tuple(atom(module), atom(function), arity))));
}

// ---- the option lists of listen and connect -------------------------------------------

// What an open call's option list asks for.
struct open_request {
    std::optional<family> module;  // inet | inet6 | local, or {tcp_module, M}
    term address_hint;             // the last {ip, _} or {ifaddr, _}: picks the family
    bool have_ifaddr = false;
    term ifaddr;  // an address, a sockaddr map or {local, Path}
    term port = 0;
    std::optional<term> fd;
    term backlog = 5;
    std::optional<std::string> netns;
    std::vector<term> opts;  // for setopts, each option once, as last given
    // An element inet's option check refuses (exit badarg): listen raises
    // at once, connect where OTP's connect reads the options.
    bool refused = false;
};

bool is_ip(const term& t, bool v6) {
    return (v6 ? inet::is_ipv6_address(t) : inet::is_ipv4_address(t)).is_atom(atoms::true_);
}

bool is_port_number(const term& t) {
    const auto p = t.as_int();
    return p && *p >= 0 && *p <= 65535;
}

// The option's name, for keeping each once: its atom, or the raw tag.
term option_key(const term& element) {
    if (element.is_atom(atom("binary")) || element.is_atom(atom("list"))) return atom("mode");
    if (element.is_tuple() && !element.tuple_elements().empty()) return *element.element(0);
    return element;
}

void add_option(open_request& req, const term& element) {
    const term key = option_key(element);
    std::erase_if(req.opts, [&](const term& e) { return option_key(e) == key; });
    req.opts.push_back(element);
}

std::optional<family> module_family(const term& m) {
    if (m.is_atom(atom("inet_tcp"))) return family::inet;
    if (m.is_atom(atom("inet6_tcp"))) return family::inet6;
    if (m.is_atom(atom("local_tcp"))) return family::local;
    return std::nullopt;
}

// The option list of listen (`listen`) or connect, as inet:listen_options
// and inet:connect_options read it; raises what OTP raises or exits with.
open_request read_options(const term& opts_t, bool listen) {
    const std::uint8_t context = listen ? ic::context_listen : ic::context_connect;
    const auto elements = opts_t.list_to_vector();
    if (!elements) {
        if (listen) raise(atoms::function_clause);
        raise_clause_in("inet", "mod", 6);
    }
    std::vector<term> list = *elements;
    open_request req;
    // {inet_backend, B} counts as the first element only; esock has the one.
    if (!list.empty() && list.front().is_tuple(2) &&
        list.front().element(0)->is_atom(atom("inet_backend"))) {
        const term& b = *list.front().element(1);
        if (!b.is_atom(atoms::inet) && !b.is_atom(atoms::socket)) raise(atoms::function_clause);
        list.erase(list.begin());
    }
    for (const term& e : list) {
        // The module: the first family atom or {tcp_module, M} decides.
        if (e.is_atom(atoms::inet) || e.is_atom(atoms::inet6) || e.is_atom(atoms::local)) {
            if (!req.module) {
                req.module = e.is_atom(atoms::inet)    ? family::inet
                             : e.is_atom(atoms::inet6) ? family::inet6
                                                       : family::local;
            }
            continue;
        }
        if (e.is_tuple(2) && e.element(0)->is_atom(atom("tcp_module"))) {
            const auto f = module_family(*e.element(1));
            if (!f) req.refused = true;
            if (!req.module) req.module = f;
            continue;
        }
        const auto el = e.tuple_elements();
        const bool pair = e.is_tuple(2) && el[0].is_atom();
        const term tag = pair ? el[0] : term();
        if (pair && (tag.is_atom(atom("ifaddr")) || tag.is_atom(atoms::ip))) {
            req.address_hint = el[1];
            if (tag.is_atom(atoms::ip) && req.ifaddr.is_map()) {
                req.ifaddr = map_put(req.ifaddr, atoms::addr, el[1]);
            } else {
                req.ifaddr = el[1];
            }
            req.have_ifaddr = true;
            continue;
        }
        if (pair && tag.is_atom(atoms::port)) {
            if (req.ifaddr.is_map()) {
                req.ifaddr = map_put(req.ifaddr, atoms::port, el[1]);
            } else {
                req.port = el[1];
            }
            continue;
        }
        if (pair && tag.is_atom(atom("fd"))) {
            req.fd = el[1];
            continue;
        }
        if (listen && pair && tag.is_atom(atom("backlog"))) {
            req.backlog = el[1];
            continue;
        }
        if (pair && tag.is_atom(atom("inet_backend"))) {
            req.refused = true;
            continue;
        }
        if (pair && tag.is_atom(atom("netns"))) {
            const auto bytes = ic::filename_bytes(el[1]);
            if (!bytes) req.refused = true;
            if (bytes) {
                req.netns = *bytes;
                // Kept, for getopts to report as given.
                add_option(req, e);
            }
            continue;
        }
        // Everything else is an option of the table for this call.
        const auto arg = ic::option_of(e);
        if (!arg || arg->option->module_choice || !ic::accepted_in(*arg->option, context) ||
            !ic::valid_value(*arg->option, arg->value)) {
            req.refused = true;
            continue;
        }
        add_option(req, e);
    }
    // The base {active, true} of OTP's option records, unless given.
    const term active = atom("active");
    if (std::none_of(req.opts.begin(), req.opts.end(),
                     [&](const term& e) { return option_key(e) == active; })) {
        req.opts.insert(req.opts.begin(), tuple(active, atoms::true_));
    }
    if (listen && req.refused) raise(atoms::badarg);
    return req;
}

// The family inet:tcp_module picks: the module asked for, else by the
// address (the last {ip, _} / {ifaddr, _}, or connect's), else inet.
family family_for(const open_request& req, const term& address) {
    if (req.module) return *req.module;
    const term& a = req.address_hint.is_nil() ? address : req.address_hint;
    if (a.is_tuple(2) && a.element(0)->is_atom(atoms::local)) return family::local;
    if (a.is_tuple(8)) return family::inet6;
    if (a.is_map()) {
        const term* f = a.map_get(atoms::family);
        if (f != nullptr && f->is_atom(atoms::inet6)) return family::inet6;
        if (f != nullptr && f->is_atom(atoms::local)) return family::local;
    }
    return family::inet;
}

term family_atom(family f) {
    switch (f) {
        case family::inet:
            return atoms::inet;
        case family::inet6:
            return atoms::inet6;
        case family::local:
            return atoms::local;
    }
    return atoms::inet;
}

// any and loopback as the family's address (inet's translate_ip).
term translate_ip(const term& a, family f) {
    const bool v6 = f == family::inet6;
    if (a.is_atom(atoms::any)) return v6 ? tuple(0, 0, 0, 0, 0, 0, 0, 0) : tuple(0, 0, 0, 0);
    if (a.is_atom(atoms::loopback)) {
        return v6 ? tuple(0, 0, 0, 0, 0, 0, 0, 1) : tuple(127, 0, 0, 1);
    }
    return a;
}

// The local address to bind, checked as inet_tcp's guards check it: nil
// when nothing is to be bound; raises badarg for a bad one.
term local_address(const open_request& req, family f, bool listen) {
    if (req.ifaddr.is_map()) return req.ifaddr;
    if (!is_port_number(req.port)) raise(atoms::badarg);
    if (f == family::local) {
        if (!req.have_ifaddr) return term();
        const term& a = req.ifaddr;
        if (!a.is_tuple(2) || !a.element(0)->is_atom(atoms::local) || req.port.as_int() != 0) {
            raise(atoms::badarg);
        }
        return map({{atoms::family, atoms::local}, {atoms::path, *a.element(1)}});
    }
    if (!req.have_ifaddr && !listen && req.port.as_int() == 0) return term();
    const term ip = req.have_ifaddr ? translate_ip(req.ifaddr, f) : translate_ip(atoms::any, f);
    if (!is_ip(ip, f == family::inet6)) raise(atoms::badarg);
    return map({{atoms::family, family_atom(f)}, {atoms::addr, ip}, {atoms::port, req.port}});
}

// Opens, configures and binds the socket of an open call: {ok, Sock,
// State} or {error, Reason} (the socket closed again).
struct opened {
    term result;  // {error, Reason} when the open failed
    term sock;
    std::shared_ptr<tcp_socket> st;
};

opened open_socket(const open_request& req, family f, bool listen) {
    opened out;
    const std::uint8_t context = listen ? ic::context_listen : ic::context_connect;
    term r;
    std::vector<map_entry> open_opts;
    if (req.netns) {
        open_opts.push_back({atom("netns"), string(*req.netns)});
    }
    if (req.fd) {
        if (!req.fd->is_integer()) raise(atoms::badarg);
        r = socket::open(*req.fd, map_from(std::move(open_opts)));
    } else {
        r = socket::open(family_atom(f), atoms::stream,
                         f == family::local ? term(atoms::default_) : term(atoms::tcp),
                         map_from(std::move(open_opts)));
    }
    if (!r.is_tuple(2) || !r.element(0)->is_atom(atoms::ok)) {
        out.result = r;
        return out;
    }
    out.sock = *r.element(1);
    (void)detail::adopt(out.sock, f, listen, detail::default_settings(), &out.st);
    std::optional<term> failed;
    {
        std::lock_guard lk(out.st->mu_);
        out.st->apply_defaults(out.sock, context);
        if (out.st->check_options(req.opts, context)) {
            failed = rt::error(atoms::einval);
        } else {
            const term applied = out.st->apply_options(out.sock, req.opts, context);
            if (!applied.is_atom(atoms::ok)) failed = applied;
        }
    }
    // close takes the socket's lock itself, so it runs after it is released.
    if (failed) {
        (void)out.st->close(out.sock);
        out.result = std::move(*failed);
    }
    return out;
}

// open_socket, then a bind to the request's local address when it has one
// (the address is checked first: a bad one raises before anything opens).
opened open_bound(const open_request& req, family f, bool listen) {
    const term local = local_address(req, f, listen);
    opened o = open_socket(req, f, listen);
    if (!o.result.is_nil() || local.is_nil()) return o;
    const term b = socket::bind(o.sock, local);
    if (!b.is_atom(atoms::ok)) {
        (void)o.st->close(o.sock);
        o.result = b;
    }
    return o;
}

// ---- arguments of the calls ------------------------------------------------------------

// A timeout of recv/accept: infinity, or milliseconds (below 0 waits for
// ever, as OTP 25's driver takes it); nullopt for anything else.
std::optional<std::int64_t> wait_ms(const term& t) {
    if (t.is_atom(atoms::infinity)) return -1;
    if (const auto v = t.as_int()) return *v < 0 ? -1 : *v;
    return std::nullopt;
}

detail::resolved resolve_or_raise(const term& s) {
    auto r = detail::resolve(s);
    if (!r) raise(atoms::function_clause);
    return std::move(*r);
}

// The bytes of iodata as one binary (a binary as it is); nullopt for
// anything else (improper lists, integers past 255, bitstrings).
std::optional<term> iodata_binary(const term& t) {
    if (t.is_binary()) return t;
    if (!t.is_list()) return std::nullopt;
    std::vector<std::uint8_t> out;
    std::vector<term> pending{t};
    while (!pending.empty()) {
        term cur = std::move(pending.back());
        pending.pop_back();
        if (cur.is_binary()) {
            const auto b = cur.binary_bytes();
            out.insert(out.end(), b.begin(), b.end());
            continue;
        }
        while (cur.is_cons()) {
            term head = *cur.head();
            term tail = *cur.tail();
            if (const auto c = head.as_int()) {
                if (*c < 0 || *c > 255) return std::nullopt;
                out.push_back(static_cast<std::uint8_t>(*c));
            } else if (head.is_list() || head.is_binary()) {
                pending.push_back(std::move(tail));
                pending.push_back(std::move(head));
                cur = term();
                break;
            } else {
                return std::nullopt;
            }
            cur = std::move(tail);
        }
        // An iolist may end in a binary tail; anything else is not iodata.
        if (cur.is_binary()) {
            pending.push_back(std::move(cur));
        } else if (!cur.is_nil()) {
            return std::nullopt;
        }
    }
    return binary(out);
}

// ---- connect ------------------------------------------------------------------------

// The addresses to try for Address in family `f`, as inet's getaddrs_tm
// gives them: {ok, [IP]} or {error, Reason}.
term addresses_of(const term& address, family f) {
    if (f == family::local) {
        if (address.is_tuple(2) && address.element(0)->is_atom(atoms::local)) {
            return rt::ok(list(address));
        }
        return rt::error(atoms::einval);
    }
    const bool v6 = f == family::inet6;
    if (address.is_atom(atoms::any) || address.is_atom(atoms::loopback)) {
        return rt::ok(list(translate_ip(address, f)));
    }
    if (address.is_tuple()) {
        // Only the syntax and the family are checked.
        if (is_ip(address, false)) {
            return v6 ? rt::error(atom("eafnosupport")) : rt::ok(list(address));
        }
        if (is_ip(address, true)) {
            return v6 ? rt::ok(list(address)) : rt::error(atom("eafnosupport"));
        }
        return rt::error(atoms::einval);
    }
    return inet::getaddrs(address, family_atom(f));
}

// A port of connect/3,4: an integer as it is (its range is checked at the
// connect), a service name through the services database.
term service_port(const term& port) {
    if (port.is_integer()) return rt::ok(port);
    if (port.is_atom()) return inet::getservbyname(port, atoms::tcp);
    return rt::error(atoms::einval);
}

// One connect to `remote` (a sockaddr map) with the request's options.
term connect_one(const open_request& req, family f, const term& remote, std::int64_t timeout_ms) {
    if (req.refused) raise(atoms::badarg);
    opened o = open_bound(req, f, false);
    if (!o.result.is_nil()) return o.result;
    const term t = timeout_ms < 0 ? term(atoms::infinity) : term(timeout_ms);
    term c;
    try {
        c = socket::connect(o.sock, remote, t);
    } catch (const erl_error&) {
        c = rt::error(atoms::einval);
    }
    if (!c.is_atom(atoms::ok)) {
        (void)o.st->close(o.sock);
        return c;
    }
    o.st->start(o.sock);
    return rt::ok(o.st->term_for(o.sock));
}

// OTP's connect turns einval, wherever it came from, into exit badarg.
term einval_exits(term r) {
    if (r == rt::error(atoms::einval)) raise(atoms::badarg);
    return r;
}

}  // namespace

// ---- listen and accept ----------------------------------------------------------------

term listen(const term& port, const term& opts) {
    open_request req = read_options(opts, true);
    // listen(Port, Opts) is listen_options([{port, Port} | Opts]).
    if (!req.ifaddr.is_map()) {
        bool port_given = false;
        const std::vector<term> given = *opts.list_to_vector();
        for (const term& e : given) {
            if (e.is_tuple(2) && e.element(0)->is_atom(atoms::port)) port_given = true;
        }
        if (!port_given) req.port = port;
    }
    const family f = family_for(req, term());
    opened o = open_bound(req, f, true);
    if (!o.result.is_nil()) return o.result;
    if (!req.backlog.is_integer()) {
        // prim_inet:listen/2 takes an integer only.
        (void)o.st->close(o.sock);
        raise(atoms::function_clause);
    }
    const term l = socket::listen(o.sock, req.backlog);
    if (!l.is_atom(atoms::ok)) {
        (void)o.st->close(o.sock);
        return l;
    }
    return rt::ok(o.st->term_for(o.sock));
}

term accept(const term& listen_socket) {
    return accept(listen_socket, atoms::infinity);
}

term accept(const term& listen_socket, const term& timeout) {
    const detail::resolved l = resolve_or_raise(listen_socket);
    const auto ms = wait_ms(timeout);
    if (!ms) raise(atoms::function_clause);
    if (!l.st || !l.st->is_open()) return rt::error(atoms::closed);
    if (!l.st->listener()) return rt::error(atoms::einval);
    const term r = socket::accept(l.sock, *ms < 0 ? term(atoms::infinity) : term(*ms));
    if (!r.is_tuple(2) || !r.element(0)->is_atom(atoms::ok)) return r;
    const term sock = *r.element(1);
    const detail::settings s = l.st->settings_copy();
    std::shared_ptr<tcp_socket> st;
    const term made = detail::adopt(sock, l.st->sock_family(), false, s, &st);
    // The listener's buffer; and what inet_tcp:accept copies from the
    // listener, which the kernel does not pass on.
    (void)socket::setopt(sock, tuple(atoms::otp, atom("rcvbuf")), s.buffer);
    if (l.st->sock_family() != family::local) {
        for (const char* name : {"tos", "ttl", "recvtos", "recvttl"}) {
            const auto m =
                ic::socket_option_for(*ic::find_option(name), l.st->sock_family() == family::inet6);
            if (!m) continue;
            const term v = socket::getopt(l.sock, m->option);
            if (v.is_tuple(2) && v.element(0)->is_atom(atoms::ok)) {
                (void)socket::setopt(sock, m->option, *v.element(1));
            }
        }
    }
    st->start(sock);
    return rt::ok(made);
}

// ---- connect ----------------------------------------------------------------------------

term connect(const term& sockaddr, const term& opts) {
    return connect(sockaddr, opts, atoms::infinity);
}

term connect(const term& a1, const term& a2, const term& a3) {
    if (a1.is_tuple() || a1.is_list() || a1.is_atom()) return connect(a1, a2, a3, atoms::infinity);
    // connect(SockAddr, Opts, Timeout).
    const term* fam = a1.map_get(atoms::family);
    if (fam == nullptr || !(fam->is_atom(atoms::inet) || fam->is_atom(atoms::inet6))) {
        raise(atoms::function_clause);
    }
    const open_request req = read_options(a2, false);
    if (!a3.is_atom(atoms::infinity) && !(a3.is_integer() && *a3.as_int() >= 0)) {
        raise(atoms::badarg);
    }
    const std::int64_t ms = a3.is_integer() ? *a3.as_int() : -1;
    const family f = family_for(req, a1);
    term remote = a1;
    // inet:ensure_sockaddr: a missing port is 0.
    if (remote.map_get(atoms::port) == nullptr) remote = map_put(remote, atoms::port, 0);
    const term* addr = remote.map_get(atoms::addr);
    const term* port = remote.map_get(atoms::port);
    if (addr == nullptr || !is_ip(*addr, f == family::inet6) || !is_port_number(*port)) {
        raise_clause_in(f == family::inet6 ? "inet6_tcp" : "inet_tcp", "do_connect", 3);
    }
    return einval_exits(connect_one(req, f, remote, ms));
}

term connect(const term& address, const term& port, const term& opts, const term& timeout) {
    const open_request req = read_options(opts, false);
    if (!timeout.is_atom(atoms::infinity) && !(timeout.is_integer() && *timeout.as_int() >= 0)) {
        raise(atoms::badarg);
    }
    using clock = std::chrono::steady_clock;
    const bool forever = timeout.is_atom(atoms::infinity);
    const auto deadline = forever ? clock::time_point::max()
                                  : clock::now() + std::chrono::milliseconds(*timeout.as_int());
    const family f = family_for(req, address);
    const term ips = addresses_of(address, f);
    if (!ips.element(0)->is_atom(atoms::ok)) return einval_exits(ips);
    const term p = service_port(port);
    if (!p.element(0)->is_atom(atoms::ok)) return einval_exits(p);
    const term& port_number = *p.element(1);
    term last = rt::error(atoms::einval);
    const std::vector<term> candidates = *ips.element(1)->list_to_vector();
    for (const term& ip : candidates) {
        if (!is_port_number(port_number)) {
            raise_clause_in(f == family::inet6 ? "inet6_tcp" : "inet_tcp", "do_connect", 4);
        }
        std::int64_t ms = -1;
        if (!forever) {
            ms = std::max<std::int64_t>(
                0, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now())
                       .count());
        }
        const term remote =
            f == family::local ? map({{atoms::family, atoms::local}, {atoms::path, *ip.element(1)}})
                               : map({{atoms::family, family_atom(f)},
                                      {atoms::addr, ip},
                                      {atoms::port, port_number}});
        last = connect_one(req, f, remote, ms);
        if (last.element(0)->is_atom(atoms::ok) || last == rt::error(atoms::einval) ||
            last == rt::error(atoms::timeout)) {
            break;
        }
    }
    return einval_exits(last);
}

// ---- the calls on a socket -----------------------------------------------------------

term send(const term& s, const term& packet) {
    const detail::resolved r = resolve_or_raise(s);
    if (!r.st) return rt::error(atoms::closed);
    const auto data = iodata_binary(packet);
    if (!data) return rt::error(atoms::einval);
    return r.st->send(r.sock, *data);
}

term recv(const term& s, const term& length) {
    return recv(s, length, atoms::infinity);
}

term recv(const term& s, const term& length, const term& timeout) {
    const detail::resolved r = resolve_or_raise(s);
    const auto n = length.as_int();
    const auto ms = wait_ms(timeout);
    if (!n || *n < 0 || !ms) raise(atoms::function_clause);
    if (!r.st) return rt::error(atoms::closed);
    return r.st->recv(r.sock, static_cast<std::size_t>(*n), *ms);
}

term shutdown(const term& s, const term& how) {
    const detail::resolved r = resolve_or_raise(s);
    if (!how.is_atom(atom("read")) && !how.is_atom(atom("write")) &&
        !how.is_atom(atom("read_write"))) {
        raise(atoms::function_clause);
    }
    if (!r.st) return rt::error(atoms::closed);
    return r.st->shutdown(r.sock, how);
}

term close(const term& s) {
    const detail::resolved r = resolve_or_raise(s);
    if (!r.st) return atoms::ok;
    return r.st->close(r.sock);
}

term controlling_process(const term& s, const term& pid) {
    const detail::resolved r = resolve_or_raise(s);
    if (!pid.is_pid()) raise(atoms::function_clause);
    if (!r.st) return rt::error(atoms::closed);
    return r.st->controlling_process(r.sock, pid);
}

bool is_socket(const term& t) {
    const auto r = detail::resolve(t);
    return r && r->st;
}

}  // namespace esock::gen_tcp

namespace esock::gen_tcp::detail {

std::optional<resolved> resolve(const term& t) {
    const auto e = t.tuple_elements();
    if (e.size() != 3 || !e[0].is_atom(names::dollar_inet()) ||
        !e[1].is_atom(names::gen_tcp_socket()) || !e[2].is_tuple(2)) {
        return std::nullopt;
    }
    const term& pid = *e[2].element(0);
    const term& sock = *e[2].element(1);
    if (!pid.is_pid() || !socket::is_socket(sock)) return std::nullopt;
    auto st = std::dynamic_pointer_cast<tcp_socket>(socket::core::attached(sock));
    // Another gen_tcp socket's pid with this socket: not one of ours.
    if (st && st->pid() != pid) st.reset();
    return resolved{std::move(st), sock};
}

term adopt(const term& sock, family f, bool listener, settings s,
           std::shared_ptr<tcp_socket>* out) {
    auto st = std::make_shared<tcp_socket>(unique_pid(), f, listener, self_process(), std::move(s));
    (void)socket::core::attach(sock, st);
    if (out != nullptr) *out = st;
    return st->term_for(sock);
}

}  // namespace esock::gen_tcp::detail
