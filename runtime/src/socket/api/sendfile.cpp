// SPDX-License-Identifier: Apache-2.0
// sendfile/2..5: file data to a socket with sendfile(2), through the same
// runner as send (core::run), with OTP 25's results and counters:
//   - a transfer duplicates the caller's file descriptor (or opens the path)
//     and keeps that descriptor until it ends, so a nowait transfer can be
//     continued with its SelectInfo;
//   - a continuation takes Offset and Count as given (OTP 25 does: passing
//     0, 0 sends the whole file again), while a blocking call advances them
//     itself between waits;
//   - Count 0 means "to the end of the file".

#include <algorithm>
#include <cerrno>
#include <mutex>
#include <optional>

#include <esock/posix.hpp>
#include <esock/process.hpp>
#include <esock/socket.hpp>

#include "generated/ids.hpp"
#include "socket/api/args.hpp"
#include "socket/core/core.hpp"
#include "sys/calls.hpp"
#include "sys/config.hpp"

namespace esock::socket {

// ---- file_handle -------------------------------------------------------------

file_handle file_handle::from_fd(int fd) noexcept {
    file_handle f;
    f.fd_ = fd;
    return f;
}

file_handle file_handle::from_path(std::string path) {
    file_handle f;
    f.path_ = std::move(path);
    return f;
}

int file_handle::open_for_transfer() const noexcept {
    if (fd_ >= 0) {
        const sys::result d = sys::duplicate(fd_);
        // A closed or invalid descriptor is OTP 25's "closed raw file": einval.
        if (!d.ok()) return d.error == EBADF ? -EINVAL : -d.error;
        return static_cast<int>(d.value);
    }
    if (path_.empty()) return -EINVAL;
    const sys::result d = sys::open_read_only(path_);
    return d.ok() ? static_cast<int>(d.value) : -d.error;
}

namespace {

using core::ending;
using core::side_kind;
using core::socket_record;
using core::step;
using core::results::error;
using core::results::ok;
using ids::sendfile_counter;

term as_term(std::uint64_t n) {
    return term(static_cast<std::int64_t>(n));
}

// Each sendfile(2) call moves at most this much, as in OTP (0.5 GB), so that
// a whole-file transfer of a huge file still reports progress in steps.
constexpr std::size_t chunk_max = 0x20000000;

class sendfile_op final : public core::operation {
  public:
    // A new transfer from `file`, or (file == nullptr) the continuation of
    // the caller's transfer. `queued_fd` (owned) is the file already opened
    // for a transfer that has not started: a nowait start's, or a queued
    // one's taken back for its continuation; else the transfer uses the
    // socket's transfer descriptor.
    sendfile_op(const file_handle* file, std::int64_t offset, std::uint64_t count, int queued_fd)
        : operation(side_kind::writer),
          file_(file),
          offset_(offset),
          count_(count),
          queued_fd_(queued_fd) {}
    sendfile_op(const sendfile_op&) = delete;
    sendfile_op& operator=(const sendfile_op&) = delete;
    ~sendfile_op() override {
        if (queued_fd_ >= 0) sys::close_fd(queued_fd_);
    }

    step attempt(socket_record& r) override {
        core::sendfile_counters& sc = r.cnt.sendfile();
        auto& c = sc.counts;
        if (!started_ && (file_ != nullptr || queued_fd_ >= 0)) {
            int fd = queued_fd_;
            queued_fd_ = -1;
            if (fd < 0) fd = file_->open_for_transfer();
            if (fd < 0) return fail(r, -fd);
            // A transfer abandoned by a cancel left its descriptor: replaced.
            core::start_transfer(r, fd);
            c.add(sendfile_counter::sendfile_tries);
            sc.op_bytes = 0;
        }
        started_ = true;
        std::uint64_t this_call = 0;
        for (;;) {
            const std::size_t chunk =
                count_ > 0 && count_ < chunk_max ? static_cast<std::size_t>(count_) : chunk_max;
            std::int64_t off = offset_;
            const sys::result n = sys::sendfile(r.fd, r.sendfile_fd, &off, chunk);
            // The kernel advanced the offset by what it sent, even on some errors.
            const auto sent = static_cast<std::uint64_t>(off - offset_);
            c.add(sendfile_counter::sendfile);
            if (sent > 0) {
                offset_ = off;
                this_call += sent;
                sent_ += sent;
                c.add(sendfile_counter::sendfile_pkg);
                c.add(sendfile_counter::sendfile_byte, sent);
                c.raise_to(sendfile_counter::sendfile_pkg_max, this_call);
                sc.op_bytes += sent;
                c.raise_to(sendfile_counter::sendfile_max, sc.op_bytes);
            }
            if (count_ > 0) {
                count_ -= std::min(count_, sent);
                if (count_ == 0) return done(r);
            }
            if (!n.ok()) {
                if (sys::would_block(n.error)) {
                    call_sent_ = this_call;
                    return step::again;
                }
                if (n.error == EINTR) continue;
                return fail(r, n.error);
            }
            if (sent == 0) return done(r);  // end of file
        }
    }

    [[nodiscard]] term tag() const override { return atoms::sendfile; }

    // A nowait call reports what it sent, 0 included, as OTP 25 does. A call
    // that never got its turn ends as OTP's queued call does; one that
    // started tells how much it sent; after a wait a closed socket does too.
    term rest(ending e) override {
        switch (e) {
            case ending::select:
                return as_term(call_sent_);
            case ending::timeout:
                return started_ ? as_term(sent_) : term();
            case ending::closed:
                return waited_ && started_ ? as_term(sent_) : term();
        }
        return term();
    }
    void on_wait(socket_record& r) override {
        waited_ = true;
        r.cnt.sendfile().counts.add(sendfile_counter::sendfile_waits);
    }
    void on_select(socket_record& r, const term& handle) override {
        waited_ = true;
        if (!started_ && queued_fd_ >= 0) {
            // Queued behind another process's transfer: the socket keeps the
            // file for the continuation after the select, which starts it.
            core::keep_queued_transfer(r, handle, queued_fd_);
            queued_fd_ = -1;
        }
    }
    // Right after the runner withdrew the caller, so the transfer descriptor
    // is still this call's own: a call that gives up ends its transfer
    // (OTP 25 keeps the file, and every later sendfile on the socket then
    // fails with {invalid, state}).
    void on_timeout(socket_record& r) override {
        if (started_) core::end_transfer(r);
    }

  private:
    step done(socket_record& r) {
        core::end_transfer(r);
        result = ok(as_term(sent_));
        return step::done;
    }
    step fail(socket_record& r, int e) {
        core::end_transfer(r);
        r.cnt.sendfile().counts.add(sendfile_counter::sendfile_fails);
        // After a wait the caller learns how much went before the error.
        result = core::results::failed(posix_error_atom(e), waited_ ? as_term(sent_) : term());
        return step::done;
    }

    const file_handle* file_;
    std::int64_t offset_;
    std::uint64_t count_;
    int queued_fd_;
    bool started_ = false;
    bool waited_ = false;
    std::uint64_t sent_ = 0;       // over this call, waits included
    std::uint64_t call_sent_ = 0;  // by the last attempt
};

struct transfer_args {
    std::int64_t offset;
    std::uint64_t count;
};

// Offset an integer, Count a non-negative integer, else badarg (checked
// before anything else, as OTP's guards do); notsup where the platform has
// no sendfile, as OTP raises.
transfer_args check_args(const term& offset, const term& count) {
    if (!sys::has(ids::feature::sendfile)) throw erl_error(atoms::notsup);
    auto o = offset.as_int();
    auto c = count.as_int();
    if (!o || !c || *c < 0) throw erl_error(atoms::badarg);
    return {*o, static_cast<std::uint64_t>(*c)};
}

// {error, {invalid, state}} when the caller's own transfer waits for its
// continuation (OTP 25 refuses a second one), else nothing.
std::optional<term> own_transfer_pending(socket_record& r) {
    std::lock_guard lk(r.mu);
    if (r.closed) return error(atoms::closed);
    if (core::owns_pending_transfer(r, self_process_ref())) {
        return error(tuple(atoms::invalid, atom("state")));
    }
    return std::nullopt;
}

}  // namespace

// ---- sendfile ------------------------------------------------------------------

// sendfile/2..4 are sendfile/5 with OTP's defaults: offset 0 and count 0
// (to the end of the file), timeout infinity; the same for a continuation.
term sendfile(const term& s, const file_handle& file) {
    return sendfile(s, file, 0, 0, atoms::infinity);
}
term sendfile(const term& s, const file_handle& file, const term& timeout) {
    return sendfile(s, file, 0, 0, timeout);
}
term sendfile(const term& s, const file_handle& file, const term& offset, const term& count) {
    return sendfile(s, file, offset, count, atoms::infinity);
}

term sendfile(const term& s, const file_handle& file, const term& offset, const term& count,
              const term& timeout) {
    socket_record& impl = core::lookup(s);
    const transfer_args a = check_args(offset, count);
    const core::timeout_arg t = api::parse_timeout(timeout);
    if (auto refused = own_transfer_pending(impl)) return *refused;
    int first_fd = -1;
    if (t.is_async()) {
        // A nowait start takes the file now: if it has to queue, the file
        // stays with the socket for its continuation, and a file that cannot
        // be opened is an error before anything is queued.
        first_fd = file.open_for_transfer();
        if (first_fd < 0) {
            std::lock_guard lk(impl.mu);
            impl.cnt.sendfile().counts.add(sendfile_counter::sendfile_fails);
            return error(posix_error_atom(-first_fd));
        }
    }
    sendfile_op op(&file, a.offset, a.count, first_fd);
    return core::run(impl, t, op);
}

term sendfile(const term& s, const term& cont) {
    return sendfile(s, cont, 0, 0, atoms::infinity);
}
term sendfile(const term& s, const term& cont, const term& timeout) {
    return sendfile(s, cont, 0, 0, timeout);
}
term sendfile(const term& s, const term& cont, const term& offset, const term& count) {
    return sendfile(s, cont, offset, count, atoms::infinity);
}

term sendfile(const term& s, const term& cont, const term& offset, const term& count,
              const term& timeout) {
    socket_record& impl = core::lookup(s);
    const transfer_args a = check_args(offset, count);
    // Only a SelectInfo continues a transfer; any other term is not a file.
    if (!core::results::is_select_info(cont)) throw erl_error(atoms::badarg);
    if (!core::results::tag_names(cont, atoms::sendfile)) {
        return error(tuple(atoms::invalid, cont));
    }
    const core::timeout_arg t = api::parse_timeout(timeout);
    int queued_fd = -1;
    {
        std::lock_guard lk(impl.mu);
        if (impl.closed) return error(atoms::closed);
        // Only the process whose transfer waits (or whose queued start got
        // its select) may continue it.
        const bool current = core::is_current(impl, side_kind::writer, self_process_ref());
        if (current) {
            queued_fd = core::take_queued_transfer(impl, core::results::select_info_handle(cont));
        }
        if (!current || (queued_fd < 0 && !core::owns_pending_transfer(impl, self_process_ref()))) {
            throw erl_error(tuple(atoms::invalid, atom("state")));
        }
    }
    sendfile_op op(nullptr, a.offset, a.count, queued_fd);
    return core::run(impl, t, op);
}

}  // namespace esock::socket
