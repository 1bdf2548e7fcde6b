#ifndef ESOCK_SOCKET_LEVEL_OPTIONS_HPP
#define ESOCK_SOCKET_LEVEL_OPTIONS_HPP

// The seam between getopt/setopt and the option tables generated from the
// spec: the socket layer handles the `otp` level itself and hands every other
// {Level, Name} option to these handlers, with the socket lock held and the
// socket open. Until handlers are installed, such options are reported as
// {error, {invalid, {socket_option, Opt}}}.

#include <esock/term.hpp>

namespace esock::socket::detail {

/// What a level handler sees of the socket.
struct option_target {
    int fd;
    int domain;
    int type;
    int protocol;
};

/// The option's entry in the generated tables (opaque here) when the tables
/// know {Level, Name} and this platform supports it, else nullptr: OTP
/// answers {error, {invalid, {socket_option, Opt}}} for any other before it
/// looks at the socket, so even on a closed one.
using level_lookup = const void* (*)(const term& opt);
/// getopt/setopt of an option `entry` (what the lookup returned) names.
using level_getter = term (*)(const option_target& s, const term& opt, const void* entry);
using level_setter = term (*)(const option_target& s, const term& opt, const void* entry,
                              const term& value);

/// Installs the handlers (once, at start-up). Thread-safe.
void set_level_option_handlers(level_lookup lookup, level_getter get, level_setter set) noexcept;

}  // namespace esock::socket::detail

#endif  // ESOCK_SOCKET_LEVEL_OPTIONS_HPP
