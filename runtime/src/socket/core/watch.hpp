// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_SOCKET_CORE_WATCH_HPP
#define ESOCK_SOCKET_CORE_WATCH_HPP

// For a layer above the socket module that delivers a socket's data as
// messages itself (gen_tcp's active modes): an object of that layer
// attached to the socket, and the socket's readability reported to it on
// the thread of the process that watches the socket, by that process's
// poller, as the state machine reports readiness to a nowait caller
// (docs/state-machine.md, "Watches"). Nothing reaches the watching
// process's mailbox from the socket layer itself: no select message, no
// thread of its own. The one internal header of the socket core that
// layers above the socket module include. Thread-safe throughout.

#include <memory>

#include <esock/process.hpp>
#include <esock/term.hpp>

namespace esock::socket::core {

/// An upper layer's object attached to a socket.
class attachment {
  public:
    attachment() = default;
    attachment(const attachment&) = delete;
    attachment& operator=(const attachment&) = delete;
    virtual ~attachment() = default;

    /// The watching process's thread found socket `sock` readable (data,
    /// end of file or an error) while it was watched: called once per
    /// watch(), on that thread, with no lock of the socket layer held (so
    /// that it may call the socket module), from inside the process's
    /// receive. It must not wait.
    virtual void readable(const term& sock) = 0;
};

/// Attaches `a` to socket `s`, replacing what was attached. The socket
/// holds it until its record serves another socket (after close, once no
/// term of the socket is left), so that a closed socket's layer state is
/// still there for the calls that answer for it. False when `s` is not a
/// socket.
bool attach(const term& s, std::shared_ptr<attachment> a);

/// The object attached to `s`, or null (nothing attached, or not a socket).
[[nodiscard]] std::shared_ptr<attachment> attached(const term& s);

/// `p`'s poller watches socket `s` for readability on behalf of its
/// attachment until the next report (then watch again to hear of more).
/// `after_eagain`: the caller is `p`'s thread and has just seen the socket
/// have nothing to read, so an existing registration needs no system call;
/// otherwise readiness there already is reported too. Opens `p`'s poller
/// (open_poller). A new watching process replaces the old one, whose
/// poller stops watching the socket for this. 0, EBADF for a closed socket
/// or a non-socket, or the errno of the poller.
[[nodiscard]] int watch(const term& s, const process_ptr& p, bool after_eagain);

/// No more reports until the next watch(). `forget`: the watching process
/// is dropped too, and its poller stops watching the socket for this.
void unwatch(const term& s, bool forget);

}  // namespace esock::socket::core

#endif  // ESOCK_SOCKET_CORE_WATCH_HPP
