// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_INET_HPP
#define ESOCK_INET_HPP

/// The inet module: addresses, host and service names, interfaces and
/// error texts, one function per Erlang function, overloaded per arity,
/// taking and returning terms. Results are exactly OTP 25's: {ok, X},
/// {error, einval}, the hostent record as the tuple
/// {hostent, Name, Aliases, AddrType, Length, Addresses}, ... Where OTP
/// raises (function_clause for an improper list, badarg for a bad option),
/// these throw esock::erl_error with the same reason.
///
/// Every function is thread-safe. The address functions are pure. Name
/// lookups block the calling thread only, for as long as the lookup takes
/// (the system resolver, or a hosts file: see resolver_config); nothing is
/// cached between calls, so an edited hosts file is seen by the next call.
///
/// gen_tcp's sockets, and inet's setopts/getopts/getstat/peername/sockname
/// on them, belong to the gen_tcp layer.

#include <cstdint>
#include <string>
#include <vector>

#include <esock/error.hpp>
#include <esock/export.hpp>
#include <esock/term.hpp>

namespace esock::inet {

// -- addresses ------------------------------------------------------------------

/// parse_address(Text): a relaxed IPv4 address ("127.1", "0x7f000001",
/// octal fields) or a strict IPv6 one (with an embedded dotted quad or a
/// %scope suffix), as {ok, Address}; {error, einval} otherwise, and for
/// anything that is not a list (binaries and atoms included).
[[nodiscard]] ESOCK_API term parse_address(const term& text);
/// parse_strict_address(Text): a dotted-decimal quad or a strict IPv6 address.
[[nodiscard]] ESOCK_API term parse_strict_address(const term& text);
/// parse_ipv4_address(Text): one to four fields, decimal, octal or hex, the
/// last one filling the remaining bytes. A term that is no list raises
/// function_clause, as in OTP.
[[nodiscard]] ESOCK_API term parse_ipv4_address(const term& text);
/// parse_ipv4strict_address(Text): four decimal fields without leading zeros.
[[nodiscard]] ESOCK_API term parse_ipv4strict_address(const term& text);
/// parse_ipv6_address(Text): a relaxed IPv4 text as its IPv4-mapped address,
/// else a strict IPv6 address.
[[nodiscard]] ESOCK_API term parse_ipv6_address(const term& text);
/// parse_ipv6strict_address(Text).
[[nodiscard]] ESOCK_API term parse_ipv6strict_address(const term& text);

/// ntoa(Address): the text of an IPv4 or IPv6 address tuple, as OTP writes
/// it (lowercase hex, the longest run of zero groups as "::", "::ffff:a.b.c.d"
/// for IPv4-mapped addresses); {error, einval} for anything else.
[[nodiscard]] ESOCK_API term ntoa(const term& address);

///@{
/// is_ip_address(Term), is_ipv4_address(Term), is_ipv6_address(Term): true
/// or false.
[[nodiscard]] ESOCK_API term is_ip_address(const term& t);
[[nodiscard]] ESOCK_API term is_ipv4_address(const term& t);
[[nodiscard]] ESOCK_API term is_ipv6_address(const term& t);
///@}

/// ipv4_mapped_ipv6_address(Address): an IPv4 address as its IPv4-mapped
/// IPv6 address, an IPv6 address as the IPv4 address of its last 32 bits.
/// Anything else raises function_clause. (OTP checks the parts with a
/// bitwise or, so negative parts pass and give negative groups; a result
/// that needs more than 64 bits raises system_limit.)
[[nodiscard]] ESOCK_API term ipv4_mapped_ipv6_address(const term& address);

// -- names and services -----------------------------------------------------------

/// gethostname(): {ok, Name}, the host's name up to its first '.'. Never fails.
[[nodiscard]] ESOCK_API term gethostname();

/// getaddr(Host, Family): {ok, Address}, the first address of Host (an
/// address tuple, a string or an atom) in Family (inet or inet6);
/// {error, einval}, {error, eafnosupport} or {error, nxdomain}.
[[nodiscard]] ESOCK_API term getaddr(const term& host, const term& family);
/// getaddrs(Host, Family): {ok, [Address]}.
[[nodiscard]] ESOCK_API term getaddrs(const term& host, const term& family);
///@{
/// gethostbyname(Name[, Family]): {ok, Hostent}; Family defaults to inet.
[[nodiscard]] ESOCK_API term gethostbyname(const term& name);
[[nodiscard]] ESOCK_API term gethostbyname(const term& name, const term& family);
///@}
/// gethostbyaddr(Address): {ok, Hostent} for an address tuple or its text.
[[nodiscard]] ESOCK_API term gethostbyaddr(const term& address);

/// getservbyname(Name, Protocol): {ok, Port} from the services database;
/// Name must be an atom (anything else raises function_clause), Protocol an
/// atom or a string; {error, einval} when there is no such service.
[[nodiscard]] ESOCK_API term getservbyname(const term& name, const term& protocol);
/// getservbyport(Port, Protocol): {ok, Name} or {error, einval}.
[[nodiscard]] ESOCK_API term getservbyport(const term& port, const term& protocol);

/// A way to look host names up, in the order resolver_config lists them
/// (the `lookup` option of OTP's resolver configuration).
enum class lookup_method : std::uint8_t {
    /// A hosts file in hosts(5) format (resolver_config::hosts_file), read as
    /// OTP's `file` method reads it: lines "Address Name Alias...", names
    /// compared without regard to ASCII case, each address answering with
    /// every name any line gives it.
    file,
    /// The system resolver (getaddrinfo(3), getnameinfo(3)), as OTP's
    /// `native` method.
    native,
};

/// How host names are looked up. As in OTP, a list without `native` first
/// tries the name as an address text, and every list ends by answering for
/// the host's own name (with the loopback address) and loopback addresses
/// (with the host's name).
struct resolver_config {
    /// The methods, tried in this order.
    std::vector<lookup_method> lookup{lookup_method::native};
    /// The hosts file the `file` method reads.
    std::string hosts_file = "/etc/hosts";
};

/// The configuration every lookup uses from now on. Thread-safe; lookups
/// already under way finish with the configuration they started with.
ESOCK_API void set_resolver_config(resolver_config config);
/// The configuration in use. At start-up it is resolver_config_from_environment().
[[nodiscard]] ESOCK_API resolver_config get_resolver_config();
/// The default configuration as the environment sets it: ESOCK_HOSTS names
/// a hosts file and makes the lookup [file, native] (the file first, then
/// the system resolver); ESOCK_LOOKUP ("file", "native", "file,native" or
/// "native,file") sets the lookup list itself. Neither set: [native] and
/// /etc/hosts.
[[nodiscard]] ESOCK_API resolver_config resolver_config_from_environment();

// -- interfaces ---------------------------------------------------------------------

/// getifaddrs(): {ok, [{Name, [{flags, Flags} | Opts]}]} with Opts {addr, A},
/// {netmask, M}, {broadaddr, B}, {dstaddr, D} in the system's order and
/// {hwaddr, Bytes} last, an interface listed once per distinct set of flags;
/// {error, Posix}.
[[nodiscard]] ESOCK_API term getifaddrs();
/// getifaddrs(Opts): the same in the network namespace of the last
/// {netns, Path} in Opts ({error, enoent} when there is none at Path). The
/// other elements are gen_udp open options, checked as OTP 25 checks them
/// (a bad one exits badarg) and otherwise without effect. A term that is
/// not a list raises function_clause (OTP's socket form needs gen_tcp).
[[nodiscard]] ESOCK_API term getifaddrs(const term& opts);

// -- errors -------------------------------------------------------------------------

/// format_error(Reason): OTP 25's text for a POSIX error atom, for
/// system_limit, exbadport and exbadseq, and "unknown POSIX error" for any
/// other term, as a string.
[[nodiscard]] ESOCK_API term format_error(const term& reason);

}  // namespace esock::inet

#endif  // ESOCK_INET_HPP
