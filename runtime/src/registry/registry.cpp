// SPDX-License-Identifier: Apache-2.0
// The socket module's functions over all its sockets: number_of,
// which_sockets, use_registry, monitors, info/0, the debug flags,
// which_socket_kind and to_list. The registry, monitors and counters they
// read are kept by the state machine (socket/core/registry.hpp).

#include <esock/process.hpp>
#include <esock/socket.hpp>
#include <esock/term_text.hpp>

#include "socket/core/core.hpp"
#include "sys/calls.hpp"

namespace esock::socket {

namespace {

namespace registry = core::registry;
namespace results = core::results;

// which_sockets's filter atoms and the info/1 field each one is about.
std::optional<registry::field> filter_field(const term& f) {
    static const atom inet6("inet6");
    static const atom seqpacket("seqpacket");
    if (f.is_atom(atoms::inet) || f.is_atom(inet6) || f.is_atom(atoms::local)) {
        return registry::field::domain;
    }
    if (f.is_atom(atoms::stream) || f.is_atom(atoms::dgram) || f.is_atom(seqpacket)) {
        return registry::field::type;
    }
    if (f.is_atom(atoms::tcp) || f.is_atom(atoms::udp) || f.is_atom(atoms::sctp)) {
        return registry::field::protocol;
    }
    if (f.is_pid()) return registry::field::owner;
    return std::nullopt;
}

bool is_socket_term(const term& t) noexcept {
    const auto e = t.tuple_elements();
    return e.size() == 2 && e[0].is_atom(atoms::dollar_socket) && e[1].is_reference();
}

term flag(const term& on, std::atomic<bool>& setting) {
    const auto b = on.as_bool();
    if (!b) results::raise(atoms::badarg);
    setting.store(*b);
    return atoms::ok;
}

}  // namespace

term number_of() {
    return static_cast<std::int64_t>(registry::number_of());
}

term which_sockets() {
    return list_from(registry::sockets());
}

term which_sockets(const term& filter) {
    const auto f = filter_field(filter);
    if (!f) results::raise(atoms::badarg);
    return list_from(registry::sockets(*f, filter));
}

term which_sockets(const std::function<bool(const term& info)>& filter) {
    std::vector<term> out;
    for (const term& s : registry::sockets()) {
        bool keep = false;
        try {
            keep = filter(info(s));
        } catch (...) {
            // OTP's registry catches what the filter raises.
            results::raise(atoms::badarg);
        }
        if (keep) out.push_back(s);
    }
    return list_from(std::move(out));
}

term use_registry(const term& on) {
    const auto b = on.as_bool();
    if (!b) results::raise(atoms::function_clause);
    registry::global().use_registry.store(*b);
    return atoms::ok;
}

term which_socket_kind(const term& s) {
    if (!is_socket_term(s)) results::raise(atoms::badarg);
    const term meta = getopt(s, tuple(atoms::otp, atom("meta")));
    if (!meta.element(0)->is_atom(atoms::ok)) results::raise(atoms::badarg);
    return meta.element(1)->is_atom(atoms::undefined) ? atom("plain") : atom("compat");
}

term to_list(const term& s) {
    if (!is_socket_term(s)) results::raise(atoms::badarg);
    // "#Ref<...>" of the reference, as "#Socket<...>".
    const std::string ref = format_w(*s.element(1));
    return string("#Socket" + ref.substr(4));
}

term monitor(const term& s) {
    if (!is_socket_term(s)) results::raise(atoms::badarg);
    core::socket_record* r = core::find(s);
    if (r == nullptr) results::raise(atoms::badarg);
    return registry::monitor(*r, self_process());
}

term cancel_monitor(const term& ref) {
    if (!ref.is_reference()) results::raise(atoms::badarg);
    switch (registry::cancel_monitor(ref, self_process_ref())) {
        case registry::cancelled::yes:
            return atoms::true_;
        case registry::cancelled::unknown:
            return atoms::false_;
        case registry::cancelled::not_owner:
            break;
    }
    results::raise(atoms::badarg);
}

term which_monitors(const term& socket_or_pid) {
    if (socket_or_pid.is_pid()) return list_from(registry::monitors_by(socket_or_pid));
    if (!is_socket_term(socket_or_pid)) results::raise(atoms::badarg);
    core::socket_record* r = core::find(socket_or_pid);
    if (r == nullptr) return nil();
    return list_from(registry::monitors_of(*r));
}

term number_of_monitors() {
    return static_cast<std::int64_t>(registry::number_of_monitors());
}

term number_of_monitors(const term& pid) {
    if (!pid.is_pid()) results::raise(atoms::function_clause);
    return static_cast<std::int64_t>(registry::monitors_by(pid).size());
}

term monitored_by(const term& s) {
    if (!is_socket_term(s)) results::raise(atoms::badarg);
    core::socket_record* r = core::find(s);
    if (r == nullptr) return nil();
    return list_from(registry::monitoring(*r));
}

term info() {
    const auto& g = registry::global();
    return map({{atom("counters"), registry::counters_map()},
                {atom("debug"), boolean(g.debug.load())},
                {atom("iov_max"), static_cast<std::int64_t>(sys::iov_max())},
                {atom("iow"), boolean(g.iow.load())},
                {atom("socket_debug"), boolean(g.socket_debug.load())},
                {atom("use_registry"), boolean(g.use_registry.load())}});
}

term debug(const term& on) {
    return flag(on, registry::global().debug);
}

term socket_debug(const term& on) {
    return flag(on, registry::global().socket_debug);
}

}  // namespace esock::socket
