#include "args.hpp"

#include <netdb.h>
#include <sys/socket.h>

#include <array>
#include <cstring>
#include <string>
#include <vector>

#include <esock/error.hpp>

#include "../codec/flags.hpp"

namespace esock::socket::detail {

timeout_arg parse_timeout(const term& t) {
    timeout_arg r;
    if (t.is_atom(atoms::infinity)) return r;
    if (t.is_atom(atoms::nowait)) {
        r.k = timeout_arg::kind::nowait;
        return r;
    }
    if (t.is_reference()) {
        r.k = timeout_arg::kind::handle;
        r.handle = t;
        return r;
    }
    if (auto v = t.as_int(); v && *v >= 0) {
        r.k = timeout_arg::kind::millis;
        r.ms = *v;
        return r;
    }
    throw erl_error(tuple(atoms::invalid, tuple(atoms::timeout, t)));
}

bool is_timeout(const term& t) noexcept {
    if (t.is_atom(atoms::infinity) || t.is_atom(atoms::nowait) || t.is_reference()) return true;
    auto v = t.as_int();
    return v && *v >= 0;
}

namespace {

void flatten(const term& t, const term& whole, std::string& out, int depth) {
    if (depth > 10000) throw erl_error(tuple(atoms::invalid, tuple(atoms::data, whole)));
    term cur = t;
    while (cur.is_cons()) {
        term h = *cur.head();
        if (auto v = h.as_int()) {
            if (*v < 0 || *v > 255) {
                throw erl_error(tuple(atoms::invalid, tuple(atoms::data, whole)));
            }
            out.push_back(static_cast<char>(*v));
        } else if (h.is_binary()) {
            out.append(h.binary_view());
        } else if (h.is_list()) {
            flatten(h, whole, out, depth + 1);
        } else {
            throw erl_error(tuple(atoms::invalid, tuple(atoms::data, whole)));
        }
        cur = *cur.tail();
    }
    if (cur.is_binary()) {
        out.append(cur.binary_view());
    } else if (!cur.is_nil()) {
        throw erl_error(tuple(atoms::invalid, tuple(atoms::data, whole)));
    }
}

struct name_number {
    const char* name;
    int number;
};

// Protocol names OTP knows besides /etc/protocols. TODO(spec): move to the
// generated protocols table.
constexpr std::array<name_number, 9> builtin_protocols{{
    {"ip", IPPROTO_IP},
    {"icmp", IPPROTO_ICMP},
    {"tcp", IPPROTO_TCP},
    {"udp", IPPROTO_UDP},
    {"ipv6", IPPROTO_IPV6},
    {"raw", IPPROTO_RAW},
    {"sctp", IPPROTO_SCTP},
    {"udplite", IPPROTO_UDPLITE},
    {"mptcp", 262},
}};

}  // namespace

int parse_msg_flags(const term& t, term* bad) {
    if (t.is_nil()) return 0;  // the usual case, on every data call
    if (!t.is_list()) throw erl_error(atoms::badarg);
    const codec::flags_result r = codec::encode_msg_flags(t);
    if (r.bits) return *r.bits;
    if (r.malformed) {
        throw erl_error(tuple(atoms::invalid, tuple(atom("msg_flags"), r.bad)));
    }
    if (bad != nullptr) *bad = r.bad;
    return 0;
}

term iodata_to_binary(const term& t) {
    if (t.is_binary()) return t;
    if (!t.is_list()) throw erl_error(atoms::badarg);
    std::string out;
    flatten(t, t, out, 0);
    return binary(out);
}

std::optional<int> domain_number(const term& t) {
    if (auto v = t.as_int()) return static_cast<int>(*v);
    if (t.is_atom(atoms::inet)) return AF_INET;
    if (t.is_atom(atoms::inet6)) return AF_INET6;
    if (t.is_atom(atoms::local)) return AF_UNIX;
    if (t.is_atom(atoms::unspec)) return AF_UNSPEC;
    return std::nullopt;
}

std::optional<int> type_number(const term& t) {
    if (auto v = t.as_int()) return static_cast<int>(*v);
    if (t.is_atom(atoms::stream)) return SOCK_STREAM;
    if (t.is_atom(atoms::dgram)) return SOCK_DGRAM;
    if (t.is_atom(atoms::seqpacket)) return SOCK_SEQPACKET;
    if (t.is_atom(atoms::raw)) return SOCK_RAW;
    if (t.is_atom(atom("rdm"))) return SOCK_RDM;
    return std::nullopt;
}

std::optional<int> protocol_number(const term& t) {
    if (auto v = t.as_int()) return static_cast<int>(*v);
    auto at = t.as_atom();
    if (!at) return std::nullopt;
    if (*at == atoms::default_) return 0;
    const std::string name(at->name());
    for (const auto& p : builtin_protocols) {
        if (name == p.name) return p.number;
    }
    protoent pe{};
    protoent* res = nullptr;
    std::array<char, 1024> buf{};
    if (::getprotobyname_r(name.c_str(), &pe, buf.data(), buf.size(), &res) == 0 &&
        res != nullptr) {
        return res->p_proto;
    }
    return std::nullopt;
}

term domain_term(int d) {
    switch (d) {
        case AF_INET:
            return atoms::inet;
        case AF_INET6:
            return atoms::inet6;
        case AF_UNIX:
            return atoms::local;
        case AF_UNSPEC:
            return atoms::unspec;
        default:
            return d;
    }
}

term type_term(int t) {
    switch (t) {
        case SOCK_STREAM:
            return atoms::stream;
        case SOCK_DGRAM:
            return atoms::dgram;
        case SOCK_SEQPACKET:
            return atoms::seqpacket;
        case SOCK_RAW:
            return atoms::raw;
        case SOCK_RDM:
            return atom("rdm");
        default:
            return t;
    }
}

term protocol_term(int p) {
    for (const auto& e : builtin_protocols) {
        if (e.number == p) return atom(e.name);
    }
    protoent pe{};
    protoent* res = nullptr;
    std::array<char, 1024> buf{};
    if (::getprotobynumber_r(p, &pe, buf.data(), buf.size(), &res) == 0 && res != nullptr) {
        return atom(res->p_name);
    }
    return p;
}

}  // namespace esock::socket::detail
