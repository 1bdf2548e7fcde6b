// SPDX-License-Identifier: Apache-2.0
// A gen_tcp socket's options (tcp_socket.hpp) through the inet option table
// (spec/inet_options.yaml, inet/options.hpp): setopts checks a whole list
// before it applies anything, as OTP's prim_inet encodes the whole list
// first; the options the layer keeps itself change its settings, the others
// go to the socket level with the table's conversion; getopts reads each
// back as OTP 25 reports it. Also the names (sockname, peername) and
// controlling_process, which move with the socket's life cycle.

#include <algorithm>
#include <limits>

#include <esock/socket.hpp>

#include "gen_tcp/tcp_socket.hpp"
#include "inet/options.hpp"
#include "term/result_terms.hpp"

namespace esock::gen_tcp::detail {

namespace {

namespace rt = result_terms;
namespace ic = inet::core;

term einval() {
    return rt::error(atoms::einval);
}

std::uint8_t family_bit(family f) noexcept {
    // A local socket takes what an IPv4 socket takes; the protocol levels
    // do not apply to it (socket_level_applies).
    return f == family::inet6 ? ic::family_inet6 : ic::family_inet;
}

bool family_takes(const ic::inet_option& o, family f) noexcept {
    return (o.families & family_bit(f)) != 0;
}

bool stream_takes(const ic::inet_option& o) noexcept {
    return (o.socket_types & ic::type_stream) != 0;
}

// The next {active, _} state after `value` (a valid one) from (mode,
// count); false when the count would pass its limit.
bool next_active(active_mode& mode, std::int64_t& count, const term& value) {
    if (value.is_atom(atoms::true_)) {
        mode = active_mode::always;
        count = 0;
    } else if (value.is_atom(atoms::false_)) {
        mode = active_mode::passive;
        count = 0;
    } else if (value.is_atom(names::once())) {
        mode = active_mode::once;
        count = 0;
    } else {
        // N adds to the count in force, or starts one.
        const std::int64_t n = (mode == active_mode::count ? count : 0) + *value.as_int();
        if (n > max_active_count) return false;
        if (n <= 0) {
            mode = active_mode::passive;
            count = 0;
        } else {
            mode = active_mode::count;
            count = n;
        }
    }
    return true;
}

// The semantic part of an option the layer handles (`value` valid).
void carry_out(settings& s, const ic::inet_option& o, const term& value) {
    const std::string_view n = o.name;
    const auto i = value.as_int();
    const auto b = value.as_bool();
    if (n == "mode") {
        s.binary = value.is_atom(atom("binary"));
    } else if (n == "header") {
        s.header = static_cast<std::uint64_t>(*i);
    } else if (n == "packet") {
        s.type =
            *packet::packet_type_of(value.is_atom(atom("ssl")) ? term(atom("ssl_tls")) : value);
    } else if (n == "packet_size") {
        s.packet_size = static_cast<std::uint32_t>(
            std::min<std::int64_t>(*i, std::numeric_limits<std::uint32_t>::max()));
    } else if (n == "line_delimiter") {
        // OTP's driver keeps the low byte.
        s.line_delimiter = static_cast<std::uint8_t>(*i & 0xff);
    } else if (n == "deliver") {
        s.deliver_port = value.is_atom(atoms::port);
    } else if (n == "exit_on_close") {
        s.exit_on_close = *b;
    } else if (n == "show_econnreset") {
        s.show_econnreset = *b;
    } else if (n == "send_timeout") {
        s.send_timeout = value.is_atom(atoms::infinity) ? -1 : *i;
    } else if (n == "send_timeout_close") {
        s.send_timeout_close = *b;
    }
}

// The options of the table the layer handles itself (no socket-level
// target): their defaults make a new socket's settings.
bool layer_option(const ic::inet_option& o) noexcept {
    return o.socket.empty() && !o.native && o.type != nullptr;
}

// {local, Path} | {IP, Port} of a sockaddr map; the answer itself for
// anything else.
term name_of(const term& answer) {
    if (!answer.is_tuple(2) || !answer.element(0)->is_atom(atoms::ok)) return answer;
    const term& a = *answer.element(1);
    const term* fam = a.map_get(atoms::family);
    if (fam != nullptr && fam->is_atom(atoms::local)) {
        const term* path = a.map_get(atoms::path);
        return rt::ok(tuple(atoms::local, path != nullptr ? *path : binary(std::string_view())));
    }
    const term* addr = a.map_get(atoms::addr);
    const term* port = a.map_get(atoms::port);
    if (addr == nullptr || port == nullptr) return einval();
    return rt::ok(tuple(*addr, *port));
}

// Whether `m` is one of the socket's messages, moved with it to a new owner.
bool socket_message(const term& m, const term& self) {
    const auto e = m.tuple_elements();
    if (e.size() == 3 && (e[0].is_atom(atoms::tcp) || e[0].is_atom(names::tcp_error()) ||
                          e[0].is_atom(names::http()))) {
        return e[1] == self;
    }
    if (e.size() == 2 &&
        (e[0].is_atom(names::tcp_closed()) || e[0].is_atom(names::tcp_passive()))) {
        return e[1] == self;
    }
    // {S, {data, Data}} of {deliver, port}.
    return e.size() == 2 && e[0] == self && e[1].is_tuple(2) &&
           e[1].element(0)->is_atom(atoms::data);
}

}  // namespace

settings default_settings() {
    settings s;
    s.type = *packet::packet_type_of(atoms::raw);
    for (const ic::inet_option& o : ic::option_table()) {
        if (!layer_option(o) || o.newer) continue;
        const auto d = ic::default_value(o, false, false);
        if (!d) continue;
        if (o.name == "active") {
            (void)next_active(s.active, s.count, *d);
        } else if (o.name == "buffer") {
            s.buffer = d->as_int().value_or(s.buffer);
        } else {
            carry_out(s, o, *d);
        }
    }
    // buffer maps onto the socket level ({otp, rcvbuf}) and is not a
    // layer option by the table, but the layer reads it for its framing.
    if (const auto d = ic::default_value(*ic::find_option("buffer"), false, false)) {
        s.buffer = d->as_int().value_or(s.buffer);
    }
    return s;
}

bool tcp_socket::socket_level_applies(const ic::inet_option& o) const noexcept {
    if (family_ != family::local || o.socket.empty()) return true;
    // A local socket has no IP or TCP level: OTP leaves those options out.
    const std::string_view level = o.socket.front().level;
    return level == "socket" || level == "otp";
}

void tcp_socket::keep(const ic::inet_option& o, const term& read_back) {
    for (auto& [opt, v] : s_.kept) {
        if (opt == &o) {
            v = read_back;
            return;
        }
    }
    s_.kept.emplace_back(&o, read_back);
}

std::optional<term> tcp_socket::check_options(const std::vector<term>& opts,
                                              std::uint8_t context) const {
    active_mode mode = s_.active;
    std::int64_t count = s_.count;
    for (const term& e : opts) {
        const auto arg = ic::option_of(e);
        if (!arg) return e;
        const ic::inet_option& o = *arg->option;
        if (!ic::accepted_in(o, context) || !ic::valid_value(o, arg->value) ||
            !ic::in_range(o, arg->value) || !family_takes(o, family_)) {
            return e;
        }
        if (o.name == "active" && !next_active(mode, count, arg->value)) return e;
        if (!o.socket.empty() && o.name != "buffer") {
            const auto m = ic::socket_option_for(o, family_ == family::inet6);
            if (m && !ic::to_socket_value(*m, arg->value)) return e;
        }
        if (o.native && !ic::raw_native(arg->value)) return e;
    }
    return std::nullopt;
}

term tcp_socket::set_one(const term& sock, const ic::inet_option& o, const term& value,
                         std::uint8_t context) {
    (void)context;
    const bool inet6 = family_ == family::inet6;
    if (o.native) {
        if (!fd_open_) return atoms::ok;
        const auto n = ic::raw_native(value);
        const term r = socket::setopt_native(sock, n->option, n->value);
        return o.kernel_errors_ignored || r.is_atom(atoms::ok) ? term(atoms::ok) : einval();
    }
    if (o.name == "buffer") {
        s_.buffer = std::max<std::int64_t>(*value.as_int(), 1);
        s_.buffer_set = true;
        scan_ = {};
        if (fd_open_) {
            (void)socket::setopt(sock, tuple(atoms::otp, atom("rcvbuf")), s_.buffer);
        }
        return atoms::ok;
    }
    if (!o.socket.empty()) {
        if (!fd_open_ || !socket_level_applies(o)) return atoms::ok;
        const auto m = ic::socket_option_for(o, inet6);
        if (!m) return atoms::ok;
        const term r = socket::setopt(sock, m->option, *ic::to_socket_value(*m, value));
        // OTP's driver answers einval for whatever the kernel refuses.
        if (!r.is_atom(atoms::ok)) return o.kernel_errors_ignored ? term(atoms::ok) : einval();
        if (o.name == "recbuf" && !s_.buffer_set && *value.as_int() > s_.buffer) {
            // The buffer follows a larger receive buffer until it is set itself.
            s_.buffer = *value.as_int();
            scan_ = {};
            (void)socket::setopt(sock, tuple(atoms::otp, atom("rcvbuf")), s_.buffer);
        }
        return atoms::ok;
    }
    if (o.name == "active") {
        (void)next_active(s_.active, s_.count, value);
        if (s_.active == active_mode::passive && value.is_integer() && owner_) {
            owner_->deliver(tuple(names::tcp_passive(), term_for(sock)));
        }
        return atoms::ok;
    }
    carry_out(s_, o, value);
    if (o.name == "packet") {
        http_type_ = s_.type;
        scan_ = {};
    }
    if (o.name == "line_delimiter" || o.name == "packet_size") scan_ = {};
    keep(o, ic::read_back(o, value));
    return atoms::ok;
}

term tcp_socket::apply_options(const term& sock, const std::vector<term>& opts,
                               std::uint8_t context) {
    for (const term& e : opts) {
        const auto arg = ic::option_of(e);
        const ic::inet_option& o = *arg->option;
        // An option of the other socket type is ignored, as OTP does.
        if (!stream_takes(o)) continue;
        const term r = set_one(sock, o, arg->value, context);
        if (!r.is_atom(atoms::ok)) return r;
    }
    return atoms::ok;
}

void tcp_socket::apply_defaults(const term& sock, std::uint8_t context) {
    std::vector<term> defaults;
    for (const ic::inet_option& o : ic::option_table()) {
        if (o.socket.empty() || o.type == nullptr || !ic::accepted_in(o, context)) continue;
        if (const auto d = ic::default_value(o, family_ == family::inet6, false)) {
            defaults.push_back(tuple(atom(o.name), *d));
        }
    }
    (void)apply_options(sock, defaults, context);
    // A default is no buffer given: a larger recbuf still raises it.
    s_.buffer_set = false;
}

term tcp_socket::setopts(const term& sock, const std::vector<term>& opts) {
    std::lock_guard lk(mu_);
    check_owner(sock);
    if (!open_) return einval();
    if (check_options(opts, ic::context_setopts)) return einval();
    const term r = apply_options(sock, opts, ic::context_setopts);
    if (s_.active == active_mode::passive) {
        socket::core::unwatch(sock, false);
    } else {
        // What is buffered goes at once; the owner's poller reports the rest.
        (void)deliver_buffered(sock);
        arm(sock, false);
    }
    return r;
}

std::optional<term> tcp_socket::get_one(const term& sock, const term& name) {
    const bool inet6 = family_ == family::inet6;
    if (name.is_tuple()) {
        const auto req = ic::raw_get_request(name);
        if (!req) return std::nullopt;
        if (!fd_open_) return term();
        // A size of 0 reads nothing; OTP answers <<>> for an option the
        // kernel has (the socket module refuses a 0-byte read).
        const bool empty = req->value.is_integer() && req->value.as_int() == 0;
        const term r = socket::getopt_native(sock, req->option, empty ? term(4) : req->value);
        if (!r.is_tuple(2) || !r.element(0)->is_atom(atoms::ok)) return term();
        const term bin = empty ? binary(std::string_view()) : *r.element(1);
        return tuple(atoms::raw, *req->option.element(0), *req->option.element(1), bin);
    }
    const auto a = name.as_atom();
    const ic::inet_option* o = a ? ic::find_option(*a) : nullptr;
    if (o == nullptr || o->type == nullptr || o->native ||
        !ic::accepted_in(*o, ic::context_getopts)) {
        return std::nullopt;
    }
    // Left out: an option of another family or socket type.
    if (!family_takes(*o, family_) || !stream_takes(*o)) return term();
    if (o->name == "active") return tuple(name, active_value());
    if (o->name == "buffer") return tuple(name, s_.buffer);
    if (!o->socket.empty()) {
        if (!fd_open_ || !socket_level_applies(*o)) return term();
        const auto m = ic::socket_option_for(*o, inet6);
        if (!m) return term();
        const term r = socket::getopt(sock, m->option);
        if (!r.is_tuple(2) || !r.element(0)->is_atom(atoms::ok)) return term();
        const auto v = ic::from_socket_value(*m, *r.element(1));
        if (!v) return term();
        return tuple(name, *v);
    }
    for (const auto& [opt, v] : s_.kept) {
        if (opt == o) return tuple(name, v);
    }
    const auto d = ic::default_value(*o, inet6, false);
    if (!d) return term();
    return tuple(name, *d);
}

term tcp_socket::getopts(const term& sock, const std::vector<term>& opts) {
    std::lock_guard lk(mu_);
    check_owner(sock);
    if (!open_) return einval();
    std::vector<term> out;
    out.reserve(opts.size());
    for (const term& n : opts) {
        const auto got = get_one(sock, n);
        if (!got) return einval();
        if (!got->is_nil()) out.push_back(*got);
    }
    return rt::ok(list_from(std::move(out)));
}

term tcp_socket::sockname(const term& sock) {
    std::lock_guard lk(mu_);
    check_owner(sock);
    if (!open_) return einval();
    if (!fd_open_) return rt::error(atom("ebadf"));
    return name_of(socket::sockname(sock));
}

term tcp_socket::peername(const term& sock) {
    std::lock_guard lk(mu_);
    check_owner(sock);
    if (!open_) return einval();
    if (!connected_) return rt::error(names::enotconn());
    return name_of(socket::peername(sock));
}

term tcp_socket::controlling_process(const term& sock, const term& pid) {
    std::lock_guard lk(mu_);
    check_owner(sock);
    if (!open_) return rt::error(atoms::closed);
    if (owner_->pid() == pid) return atoms::ok;
    process& me = self_process_ref();
    if (owner_.get() != &me) return rt::error(atom("not_owner"));
    const process_ptr next = find_process(pid);
    if (!next) {
        // OTP turns the socket passive before it finds the new owner gone.
        s_.active = active_mode::passive;
        s_.count = 0;
        socket::core::unwatch(sock, false);
        return rt::error(atoms::badarg);
    }
    // The socket's messages already in the old owner's mailbox go along,
    // in their order, ahead of any the new owner's poller brings.
    const term self = term_for(sock);
    std::vector<term> moved;
    (void)me.drop([&](const term& m) {
        if (!socket_message(m, self)) return false;
        moved.push_back(m);
        return true;
    });
    for (term& m : moved)
        next->deliver(std::move(m));
    if (fd_open_) (void)socket::setopt(sock, tuple(atoms::otp, atom("controlling_process")), pid);
    socket::core::unwatch(sock, true);
    owner_ = next;
    if (s_.active != active_mode::passive) arm(sock, false);
    return atoms::ok;
}

}  // namespace esock::gen_tcp::detail
