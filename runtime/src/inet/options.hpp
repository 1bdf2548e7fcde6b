// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_INET_OPTIONS_HPP
#define ESOCK_INET_OPTIONS_HPP

// The inet option table (spec/inet_options.yaml, data in
// generated/inet_options.cpp): the options of inet:setopts/2 and
// inet:getopts/2 and of the open calls of gen_tcp and gen_udp, with their
// value types, defaults and the socket-level options they map onto. This is
// what the gen_tcp layer uses to check option lists as OTP 25 checks them
// and to carry them out on a socket:
//
//   option_of(element)           an element of an option list -> its entry and value
//   accepted_in(opt, context)    may it be given there (else OTP refuses it as unknown)
//   valid_value(opt, value)      is the value one OTP takes (else {error, einval}
//                                from setopts, exit badarg from an open call)
//   in_range(opt, value)         and within its range (else {error, einval} from both)
//   applies(opt, inet6, dgram)   does it apply to this socket (else setopts ignores
//                                it or, for another family, gives {error, einval};
//                                getopts leaves it out)
//   socket_option_for(opt, inet6) the socket-level option to use, if any, and
//   to_socket_value / from_socket_value   the value in each direction
//   default_value, read_back     what getopts reports for options gen_tcp keeps
//
// Everything is immutable and thread-safe.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <esock/term.hpp>

namespace esock::inet::core {

/// Address families (bits of inet_option::families).
inline constexpr std::uint8_t family_inet = 1;
inline constexpr std::uint8_t family_inet6 = 2;
/// Socket types (bits of inet_option::socket_types).
inline constexpr std::uint8_t type_stream = 1;
inline constexpr std::uint8_t type_dgram = 2;
/// Where an option may be given (bits of inet_option::contexts).
inline constexpr std::uint8_t context_connect = 1;   ///< gen_tcp:connect/3,4
inline constexpr std::uint8_t context_listen = 2;    ///< gen_tcp:listen/2
inline constexpr std::uint8_t context_udp_open = 4;  ///< gen_udp:open/2 (and inet:getifaddrs/1)
inline constexpr std::uint8_t context_setopts = 8;   ///< inet:setopts/2
inline constexpr std::uint8_t context_getopts = 16;  ///< inet:getopts/2

/// How a value type's values are checked.
enum class value_check : std::uint8_t {
    boolean,
    integer,
    non_neg_integer,
    timeout,
    active,
    enum_,
    linger,
    binary,
    filename,
    raw,
    multicast_if,
    membership,
    get_only,
    address,
    port,
    module,
};

/// How a value changes between inet's form and the socket level's.
enum class conversion : std::uint8_t {
    none,
    linger,        ///< {Bool, Secs} <-> #{onoff => Bool, linger => Secs}
    device,        ///< <<"lo">> <-> "lo"
    enum_integer,  ///< an integer; a value the socket level names reads back as its integer
    pktoptions,    ///< control messages <-> [{Type, Value}]
    membership,    ///< {MultiAddr, If} <-> ip_mreq / ipv6_mreq maps
};

/// A member of an enumeration: an atom, or (atom empty) an integer.
struct enum_value {
    std::string_view atom;
    std::int64_t integer;
    std::string_view reads_as;  ///< what getopts reports after it was set; "" as set
};

/// A value type of the table.
struct inet_value_type {
    std::string_view name;
    value_check check;
    std::span<const enum_value> values;
};

/// A name the socket level gives an integer value ({ip, tos} lowdelay, ...).
struct named_integer {
    std::string_view atom;
    std::int64_t value;
};

/// A socket-level option an inet option maps onto.
struct socket_target {
    std::string_view level;
    std::string_view option;
    std::uint8_t families;  ///< the socket families it serves
    conversion conv;
    std::span<const named_integer> names;  ///< enum_integer: the socket level's names
};

/// An option of the table.
struct inet_option {
    std::string_view name;
    const inet_value_type* type;            ///< nullptr for atom options (list, inet6, ...)
    std::string_view default_text;          ///< an Erlang literal; "" when none
    std::string_view udp4_default_text;     ///< an IPv4 UDP socket's default when it differs
    std::string_view means;                 ///< an atom option's {Name, Value}; ""
    std::span<const socket_target> socket;  ///< empty: the gen_tcp layer handles it
    bool native;                            ///< raw: the native option path
    std::uint8_t families;
    std::uint8_t socket_types;
    std::uint8_t contexts;
    bool module_choice;  ///< gen_tcp/gen_udp choose their module by it
    std::optional<std::int64_t> reads_back_at_least;
    /// a smaller value of the right type is refused with {error, einval}
    std::optional<std::int64_t> minimum;
    /// setopts reports ok whatever the socket level answers (OTP 25's driver
    /// does not check these setsockopt calls)
    bool kernel_errors_ignored;
    bool newer;  ///< of the newer manual; OTP 25 refuses it as unknown
};

/// Every option, sorted by name.
[[nodiscard]] std::span<const inet_option> option_table() noexcept;
/// The table's value types, in spec order.
[[nodiscard]] std::span<const inet_value_type> value_type_table() noexcept;

/// The option named `name`, or nullptr. O(log n).
[[nodiscard]] const inet_option* find_option(std::string_view name) noexcept;
[[nodiscard]] const inet_option* find_option(atom name) noexcept;

/// An element of an option list, read: the option and its value ({raw,
/// Level, Num, Value} gives raw with the value {Level, Num, Value}; an atom
/// option that means {Name, Value} gives Name's entry and Value; other atom
/// options (inet6, ...) the true atom).
struct option_arg {
    const inet_option* option;
    term value;
};
/// nullopt when the element names no option of the table: OTP's "unknown
/// option" ({error, einval} from setopts, exit badarg from an open call).
[[nodiscard]] std::optional<option_arg> option_of(const term& element);

/// Whether `opt` may be given in `context` (a context_* bit).
[[nodiscard]] constexpr bool accepted_in(const inet_option& opt, std::uint8_t context) noexcept {
    return (opt.contexts & context) != 0;
}

/// Whether `value` is a value OTP 25 takes for `opt` (to set it, or in an
/// open call).
[[nodiscard]] bool valid_value(const inet_option& opt, const term& value);

/// Whether a valid `value` is also within the option's range (`minimum`).
[[nodiscard]] bool in_range(const inet_option& opt, const term& value) noexcept;

/// Whether `opt` applies to a socket of this family and type.
[[nodiscard]] constexpr bool applies(const inet_option& opt, bool inet6, bool dgram) noexcept {
    return (opt.families & (inet6 ? family_inet6 : family_inet)) != 0 &&
           (opt.socket_types & (dgram ? type_dgram : type_stream)) != 0;
}

/// What getopts reports for an option the gen_tcp layer keeps on a new
/// socket of this family and type (parsed from the table once); nullopt
/// when there is no default (the kernel decides, or getopts leaves the
/// option out until it is set).
[[nodiscard]] std::optional<term> default_value(const inet_option& opt, bool inet6, bool dgram);

/// What getopts reports after a valid `value` was set: an enumeration
/// member's reads_as ({packet, raw} reads back as 0), a value below
/// reads_back_at_least raised to it, a file name as a string.
[[nodiscard]] term read_back(const inet_option& opt, const term& value);

/// The socket-level option an option maps onto on this platform for a
/// socket of this family: the first candidate for the family that the
/// platform can get or set.
struct socket_mapping {
    term option;  ///< {Level, Name}, as socket:getopt/setopt take it
    const socket_target* target;
    std::optional<std::int64_t> at_least;  ///< values below are raised to it
};
/// nullopt for an option the gen_tcp layer handles, and when no candidate
/// is usable here (the option is then ignored by setopts and left out by
/// getopts, as OTP does for options a platform lacks).
[[nodiscard]] std::optional<socket_mapping> socket_option_for(const inet_option& opt, bool inet6);

/// A valid inet value in the socket level's form, for socket:setopt;
/// nullopt when the value has no form there (an IPv4 group for an IPv6
/// socket's membership): setopts gives {error, einval}.
[[nodiscard]] std::optional<term> to_socket_value(const socket_mapping& m, const term& value);
/// A value socket:getopt returned, in inet's form; nullopt when it has not
/// the shape the socket level documents.
[[nodiscard]] std::optional<term> from_socket_value(const socket_mapping& m,
                                                    const term& socket_value);

/// The native option of a raw value {Level, Num, Value}: {Level, Num} for
/// socket:setopt_native/getopt_native, and Value (a binary to set; a size
/// or a binary template to get).
struct native_option {
    term option;
    term value;
};
[[nodiscard]] std::optional<native_option> raw_native(const term& raw_value);
/// The getopts value spec of a raw request: {raw, Level, Num, Spec} with
/// Spec a size (integer >= 0) or a binary; nullopt otherwise.
[[nodiscard]] std::optional<native_option> raw_get_request(const term& element);

/// inet:getifaddrs/1's options: every element must be a gen_udp open option
/// of inet's own lists, with a valid value (else raises badarg, as OTP 25
/// exits); a list that does not end in [] raises function_clause. The path
/// of the last {netns, Path} (as bytes), or nullopt.
[[nodiscard]] std::optional<std::string> udp_open_netns(const term& opts);

/// The bytes of a valid filename value (netns): a binary as is, a string as
/// UTF-8.
[[nodiscard]] std::optional<std::string> filename_bytes(const term& value);

}  // namespace esock::inet::core

#endif  // ESOCK_INET_OPTIONS_HPP
