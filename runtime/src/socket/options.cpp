// getopt/setopt: the `otp` level is socket state kept here; every other
// level goes to the generated option tables through level_options.hpp.

#include <atomic>
#include <optional>

#include <esock/process.hpp>
#include <esock/socket.hpp>

#include "../result_terms.hpp"
#include "level_options.hpp"
#include "socket_impl.hpp"

namespace esock::socket {

using namespace detail;  // NOLINT(google-build-using-namespace)

namespace {

std::atomic<level_lookup> g_lookup{nullptr};
std::atomic<level_getter> g_getter{nullptr};
std::atomic<level_setter> g_setter{nullptr};

// The tables' entry for an OS-level option, or nullptr: an option they do
// not know is invalid whatever the socket.
const void* os_option(const term& opt) {
    auto lookup = g_lookup.load();
    return lookup != nullptr ? lookup(opt) : nullptr;
}

using result_terms::error;
using result_terms::invalid_option;
using result_terms::ok;

enum class otp_opt {
    debug,
    iow,
    controlling_process,
    rcvbuf,
    rcvctrlbuf,
    sndctrlbuf,
    meta,
    use_registry,
    fd,
    domain,
    unknown
};

otp_opt otp_option(const term& name) {
    auto at = name.as_atom();
    if (!at) return otp_opt::unknown;
    const auto n = at->name();
    if (n == "debug") return otp_opt::debug;
    if (n == "iow") return otp_opt::iow;
    if (n == "controlling_process") return otp_opt::controlling_process;
    if (n == "rcvbuf") return otp_opt::rcvbuf;
    if (n == "rcvctrlbuf") return otp_opt::rcvctrlbuf;
    if (n == "sndctrlbuf") return otp_opt::sndctrlbuf;
    if (n == "meta") return otp_opt::meta;
    if (n == "use_registry") return otp_opt::use_registry;
    if (n == "fd") return otp_opt::fd;
    if (n == "domain") return otp_opt::domain;
    return otp_opt::unknown;
}

// OTP raises (class throw) for an option that is not {atom(), atom()}.
void check_shape(const term& opt) {
    if (!opt.is_tuple(2) || !opt.element(0)->is_atom() || !opt.element(1)->is_atom()) {
        throw erl_error(tuple(atoms::invalid, tuple(atoms::socket_option, opt)));
    }
}

// An option getopt and setopt know: an otp-level one (`o` says which) or
// an OS-level one with its tables' `entry`.
struct known_option {
    bool otp_level;
    otp_opt o;
    const void* entry;
};

// The option `opt` names, or nullopt when neither the otp level nor the
// tables know it (invalid, whatever the socket). Raises as OTP does for an
// option that is not {atom(), atom()}.
std::optional<known_option> find_option(const term& opt) {
    check_shape(opt);
    if (opt.element(0)->is_atom(atoms::otp)) {
        const otp_opt o = otp_option(*opt.element(1));
        if (o == otp_opt::unknown) return std::nullopt;
        return known_option{true, o, nullptr};
    }
    const void* entry = os_option(opt);
    if (entry == nullptr) return std::nullopt;
    return known_option{false, otp_opt::unknown, entry};
}

term invalid_value(const term& opt, const term& v) {
    return error(tuple(atoms::invalid, tuple(atoms::socket_option, opt, v)));
}

std::optional<std::int64_t> positive(const term& v) {
    auto n = v.as_int();
    if (n && *n > 0) return n;
    return std::nullopt;
}

}  // namespace

namespace detail {
void set_level_option_handlers(level_lookup lookup, level_getter get, level_setter set) noexcept {
    g_lookup.store(lookup);
    g_getter.store(get);
    g_setter.store(set);
}
}  // namespace detail

term getopt(const term& s, const term& opt) {
    socket_impl* found = find(s);
    if (found == nullptr) throw erl_error(atoms::function_clause);
    socket_impl& impl = *found;
    const std::optional<known_option> known = find_option(opt);
    if (!known) return invalid_option(opt);
    const auto [otp_level, o, entry] = *known;
    std::lock_guard lk(impl.mu);
    if (impl.closed) return error(atoms::closed);
    if (!otp_level) {
        auto g = g_getter.load();
        if (g == nullptr) return invalid_option(opt);
        return g(option_target{impl.fd, impl.domain, impl.type, impl.protocol}, opt, entry);
    }
    switch (o) {
        case otp_opt::debug:
            return ok(boolean(impl.debug));
        case otp_opt::iow:
            return ok(boolean(impl.iow));
        case otp_opt::controlling_process:
            return ok(impl.owner->pid());
        case otp_opt::rcvbuf:
            if (impl.rcvbuf_pair) return ok(tuple(impl.rcvbuf_n, impl.rcvbuf_size));
            return ok(impl.rcvbuf_size);
        case otp_opt::rcvctrlbuf:
            return ok(impl.rcvctrlbuf);
        case otp_opt::sndctrlbuf:
            return ok(impl.sndctrlbuf);
        case otp_opt::meta:
            return ok(impl.meta);
        case otp_opt::use_registry:
            return ok(boolean(impl.use_registry));
        case otp_opt::fd:
            return ok(impl.fd);
        case otp_opt::domain:
            return ok(impl.domain_t);
        case otp_opt::unknown:
            break;
    }
    return invalid_option(opt);
}

term setopt(const term& s, const term& opt, const term& value) {
    socket_impl& impl = lookup(s);
    const std::optional<known_option> known = find_option(opt);
    if (!known) return invalid_option(opt);
    const auto [otp_level, o, entry] = *known;
    // Get-only otp options raise, with OTP's internal option numbers.
    if (o == otp_opt::fd) {
        throw erl_error(tuple(atoms::invalid, tuple(atom("otp_socket_option"), 1008)));
    }
    if (o == otp_opt::domain) {
        throw erl_error(tuple(atoms::invalid, tuple(atom("otp_socket_option"), 1999)));
    }
    std::lock_guard lk(impl.mu);
    if (impl.closed) return error(atoms::closed);
    if (!otp_level) {
        auto st = g_setter.load();
        if (st == nullptr) return invalid_option(opt);
        return st(option_target{impl.fd, impl.domain, impl.type, impl.protocol}, opt, entry, value);
    }
    switch (o) {
        case otp_opt::debug:
        case otp_opt::iow: {
            auto b = value.as_bool();
            if (!b) return invalid_value(opt, value);
            (o == otp_opt::debug ? impl.debug : impl.iow) = *b;
            return atoms::ok;
        }
        case otp_opt::controlling_process: {
            if (!value.is_pid()) return invalid_value(opt, value);
            const process_ptr me = self_process();
            if (impl.owner != me) return error(tuple(atoms::invalid, atom("not_owner")));
            process_ptr next = find_process(value);
            if (!next) {
                // The new owner is already gone: as when an owner dies.
                close_locked(impl);
                return atoms::ok;
            }
            // The old owner keeps its exit key: it may still wait on the
            // socket, and its end must then drop its waiters and poller
            // registration (close_locked releases the key at the latest).
            impl.owner = std::move(next);
            impl.owner->add_exit_key(impl.id);
            // It may have ended between the lookup and the key registration.
            if (!impl.owner->alive()) close_locked(impl);
            return atoms::ok;
        }
        case otp_opt::rcvbuf:
            if (value.is_atom(atoms::default_)) {
                impl.rcvbuf_n = 1;
                impl.rcvbuf_size = 8192;
                impl.rcvbuf_pair = false;
                return atoms::ok;
            }
            if (auto n = positive(value)) {
                impl.rcvbuf_n = 1;
                impl.rcvbuf_size = *n;
                impl.rcvbuf_pair = false;
                return atoms::ok;
            }
            if (value.is_tuple(2)) {
                auto n = positive(*value.element(0));
                auto sz = positive(*value.element(1));
                if (n && sz) {
                    impl.rcvbuf_n = *n;
                    impl.rcvbuf_size = *sz;
                    impl.rcvbuf_pair = true;
                    return atoms::ok;
                }
            }
            return invalid_value(opt, value);
        case otp_opt::rcvctrlbuf:
        case otp_opt::sndctrlbuf: {
            std::int64_t& field = o == otp_opt::rcvctrlbuf ? impl.rcvctrlbuf : impl.sndctrlbuf;
            if (value.is_atom(atoms::default_)) {
                field = 1024;
                return atoms::ok;
            }
            if (auto n = positive(value)) {
                field = *n;
                return atoms::ok;
            }
            return invalid_value(opt, value);
        }
        case otp_opt::meta:
            impl.meta = value;
            return atoms::ok;
        case otp_opt::use_registry:
            // Only `true` is accepted after open.
            if (!value.is_atom(atoms::true_)) return invalid_value(opt, value);
            impl.use_registry = true;
            return atoms::ok;
        case otp_opt::fd:
        case otp_opt::domain:
        case otp_opt::unknown:
            break;
    }
    return invalid_option(opt);
}

}  // namespace esock::socket
