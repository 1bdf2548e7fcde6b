// SPDX-License-Identifier: Apache-2.0
// getopt_native/3, setopt_native/3 and the legacy getopt/3 and setopt/4:
// options given by native numbers (or by name, resolved to their numbers)
// with values as integers, booleans or raw bytes. Nothing is decoded beyond
// that: the kernel answers every level and option, as in OTP 25.

#include <climits>
#include <cstring>
#include <mutex>
#include <optional>
#include <vector>

#include <esock/posix.hpp>
#include <esock/socket.hpp>

#include "codec/names.hpp"
#include "codec/options.hpp"
#include "codec/tables.hpp"
#include "socket/api/args.hpp"
#include "socket/core/core.hpp"
#include "sys/calls.hpp"

namespace esock::socket {

namespace {

using core::socket_record;
using core::results::error;
using core::results::invalid_option;
using core::results::ok;

struct native_key {
    int level;
    int number;
};

enum class key_status : std::uint8_t { ok, invalid, malformed };

std::optional<int> c_int(const term& t) {
    auto v = t.as_int();
    if (!v || *v < INT_MIN || *v > INT_MAX) return std::nullopt;
    return static_cast<int>(*v);
}

// The native level of an atom: socket, or any protocol name or alias of the
// protocol database (OTP 25 looks levels up there, so {'TCP', 1} and even
// {icmp, 1}, ICMP being protocol 1 = SOL_SOCKET, are accepted).
std::optional<int> native_level(atom level) {
    if (level == atoms::socket) {
        const codec::level_info* l = codec::find_level(level);
        if (l == nullptr || !l->defined) return std::nullopt;
        return l->number;
    }
    if (level == atoms::otp || level == atoms::default_) return std::nullopt;
    return codec::protocol_number(level);
}

// {Level, Opt} as numbers: two integers, an atom level and an integer
// option, or an option name of the tables.
key_status resolve(const term& opt, native_key* out) {
    if (!opt.is_tuple(2)) return key_status::malformed;
    const term& l = *opt.element(0);
    const term& o = *opt.element(1);
    if (l.is_integer() && o.is_integer()) {
        auto level = c_int(l);
        auto number = c_int(o);
        if (!level || !number) return key_status::invalid;
        *out = {*level, *number};
        return key_status::ok;
    }
    if (l.is_atom() && o.is_integer()) {
        auto level = native_level(*l.as_atom());
        auto number = c_int(o);
        if (!level || !number) return key_status::invalid;
        *out = {*level, *number};
        return key_status::ok;
    }
    if (l.is_atom() && o.is_atom()) {
        const codec::option_info* info =
            codec::find_option(codec::canonical_level(l.as_atom()->name()), o.as_atom()->name());
        if (info == nullptr || !info->defined || !info->level_ref->native ||
            !info->level_ref->defined) {
            return key_status::invalid;
        }
        *out = {info->level_ref->number, info->number};
        return key_status::ok;
    }
    return key_status::malformed;
}

term invalid_spec(const term& spec) {
    return error(tuple(atoms::invalid, tuple(atom("value_spec"), spec)));
}

int int_of(std::span<const std::uint8_t> bytes) {
    int v = 0;
    std::memcpy(&v, bytes.data(), std::min(bytes.size(), sizeof v));
    return v;
}

}  // namespace

term getopt_native(const term& s, const term& opt, const term& value_spec) {
    socket_record* found = core::find(s);
    if (found == nullptr) throw erl_error(atoms::function_clause);
    socket_record& impl = *found;
    native_key key{};
    if (resolve(opt, &key) != key_status::ok) return invalid_option(opt);

    // The socket is checked before the value spec, as in OTP 25.
    std::lock_guard lk(impl.mu);
    if (impl.closed) return error(atoms::closed);

    // The buffer offered to the kernel and how to read what it wrote.
    static const atom integer_spec("integer");
    static const atom boolean_spec("boolean");
    enum class as : std::uint8_t { integer, boolean, bytes } kind = as::bytes;
    std::vector<std::uint8_t> buffer;
    if (value_spec.is_atom(integer_spec) || value_spec.is_atom(boolean_spec)) {
        kind = value_spec.is_atom(integer_spec) ? as::integer : as::boolean;
        buffer.assign(sizeof(int), 0);
    } else if (auto size = value_spec.as_int()) {
        // OTP 25 allocates what it is asked for (4 GiB for -1, which the
        // kernel then refuses with einval); esock refuses at once.
        if (*size < 0) return error(atoms::einval);
        if (*size > static_cast<std::int64_t>(max_native_value_size)) {
            return invalid_spec(value_spec);
        }
        // A size of 0 is OTP 25's efault (its buffer has no storage); an
        // empty template is an empty binary.
        if (*size == 0) return error(atom("efault"));
        buffer.assign(static_cast<std::size_t>(*size), 0);
    } else if (value_spec.is_binary()) {
        const auto t = value_spec.binary_bytes();
        if (t.size() > max_native_value_size) return invalid_spec(value_spec);
        buffer.assign(t.begin(), t.end());
    } else {
        return invalid_spec(value_spec);
    }

    // The kernel's length, never more than the buffer.
    std::size_t used = buffer.size();
    if (const int e = sys::getsockopt(impl.fd, key.level, key.number, buffer.data(), &used);
        e != 0) {
        return error(posix_error_atom(e));
    }
    const std::span<const std::uint8_t> got(buffer.data(), used);
    switch (kind) {
        case as::integer:
            return ok(int_of(got));
        case as::boolean:
            return ok(boolean(int_of(got) != 0));
        case as::bytes:
            break;
    }
    return ok(binary(got));
}

term setopt_native(const term& s, const term& opt, const term& value) {
    socket_record& impl = core::lookup(s);
    native_key key{};
    switch (resolve(opt, &key)) {
        case key_status::ok:
            break;
        case key_status::invalid:
            return invalid_option(opt);
        case key_status::malformed:
            // OTP throws here, as for a malformed non-native option.
            throw erl_error(tuple(atoms::invalid, tuple(atoms::socket_option, opt)));
    }
    std::lock_guard lk(impl.mu);
    if (impl.closed) return error(atoms::closed);

    std::vector<std::uint8_t> bytes;
    if (value.is_integer() || value.is_boolean()) {
        const auto b = value.as_bool();
        const std::optional<int> v = b ? std::optional<int>(*b ? 1 : 0) : c_int(value);
        if (!v) return error(tuple(atoms::invalid, atoms::value));
        bytes.resize(sizeof(int));
        std::memcpy(bytes.data(), &*v, sizeof(int));
    } else if (value.is_binary() || value.is_list()) {
        term bin;
        try {
            bin = api::iodata_to_binary(value);
        } catch (const erl_error&) {
            return error(tuple(atoms::invalid, atoms::value));
        }
        const auto b = bin.binary_bytes();
        bytes.assign(b.begin(), b.end());
    } else {
        return error(tuple(atoms::invalid, atoms::value));
    }
    if (const int e = sys::setsockopt(impl.fd, key.level, key.number, bytes.data(), bytes.size());
        e != 0) {
        return error(posix_error_atom(e));
    }
    return atoms::ok;
}

term getopt(const term& s, const term& level, const term& opt) {
    if (opt.is_tuple(2) && opt.element(0)->is_integer()) {
        return getopt_native(s, tuple(level, *opt.element(0)), *opt.element(1));
    }
    return getopt(s, tuple(level, opt));
}

term setopt(const term& s, const term& level, const term& opt, const term& value) {
    if (opt.is_integer() && value.is_binary()) return setopt_native(s, tuple(level, opt), value);
    return setopt(s, tuple(level, opt), value);
}

}  // namespace esock::socket
