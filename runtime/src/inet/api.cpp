// SPDX-License-Identifier: Apache-2.0
// The inet module's address functions and format_error/1.

#include <climits>

#include <esock/inet.hpp>
#include <esock/posix.hpp>

#include "inet/address.hpp"
#include "term/result_terms.hpp"

namespace esock::inet {

namespace {

namespace rt = result_terms;

term parsed(core::parser which, const term& text) {
    const core::parse_outcome r = core::parse(which, text);
    switch (r.status) {
        case core::parse_status::ok:
            return rt::ok(core::address_term(r.address));
        case core::parse_status::einval:
            return rt::error(atoms::einval);
        default:
            rt::raise(atoms::function_clause);
    }
}

// Erlang's (A bsl 8) bor B, where the shift must fit in 64 bits.
std::int64_t join_bytes(std::int64_t hi, std::int64_t lo) {
    if (hi > (INT64_MAX >> 8) || hi < (INT64_MIN >> 8)) rt::raise(atom("system_limit"));
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(hi) << 8) | lo;
}

}  // namespace

term parse_address(const term& text) {
    return parsed(core::parser::address, text);
}

term parse_strict_address(const term& text) {
    return parsed(core::parser::strict_address, text);
}

term parse_ipv4_address(const term& text) {
    return parsed(core::parser::ipv4, text);
}

term parse_ipv4strict_address(const term& text) {
    return parsed(core::parser::ipv4_strict, text);
}

term parse_ipv6_address(const term& text) {
    return parsed(core::parser::ipv6, text);
}

term parse_ipv6strict_address(const term& text) {
    return parsed(core::parser::ipv6_strict, text);
}

term ntoa(const term& address) {
    term text = core::ntoa_term(address);
    if (text.is_nil()) return rt::error(atoms::einval);
    return text;
}

term is_ipv4_address(const term& t) {
    return boolean(core::is_ipv4(t));
}

term is_ipv6_address(const term& t) {
    return boolean(core::is_ipv6(t));
}

term is_ip_address(const term& t) {
    return boolean(core::is_ipv4(t) || core::is_ipv6(t));
}

term ipv4_mapped_ipv6_address(const term& address) {
    // OTP's guards bitwise-or the parts: any integers pass whose or is in
    // range, negative ones included.
    const auto parts = address.tuple_elements();
    if (address.is_tuple(4) || address.is_tuple(8)) {
        std::int64_t d[8] = {};
        std::int64_t any = 0;
        bool ints = true;
        for (std::size_t i = 0; i < parts.size(); ++i) {
            const auto v = parts[i].as_int();
            ints = ints && v.has_value();
            if (!ints) break;
            d[i] = *v;
            any |= *v;
        }
        if (ints && parts.size() == 4 && any < 256) {
            return tuple(0, 0, 0, 0, 0, 0xffff, join_bytes(d[0], d[1]), join_bytes(d[2], d[3]));
        }
        if (ints && parts.size() == 8 && any < 65536) {
            return tuple(d[6] >> 8, d[6] & 255, d[7] >> 8, d[7] & 255);
        }
    }
    rt::raise(atoms::function_clause);
}

term format_error(const term& reason) {
    const auto a = reason.as_atom();
    const auto text = a ? posix_error_text(*a) : std::nullopt;
    return latin1_string(text.value_or(unknown_error_text()));
}

}  // namespace esock::inet
