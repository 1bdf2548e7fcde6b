// sendfile/2..5: file data to a socket with sendfile(2), through the same
// runner as send (operation.hpp), with OTP 25's results and counters:
//   - a transfer duplicates the caller's file descriptor (or opens the path)
//     and keeps that descriptor until it ends, so a nowait transfer can be
//     continued with its SelectInfo;
//   - a continuation takes Offset and Count as given (OTP 25 does: passing
//     0, 0 sends the whole file again), while a blocking call advances them
//     itself between waits;
//   - Count 0 means "to the end of the file".

#include <fcntl.h>
#if defined(__linux__)
#include <sys/sendfile.h>
#endif
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <mutex>
#include <optional>

#include <esock/posix.hpp>
#include <esock/process.hpp>
#include <esock/socket.hpp>

#include "../result_terms.hpp"
#include "args.hpp"
#include "operation.hpp"
#include "socket_impl.hpp"

namespace esock::socket {

using namespace detail;  // NOLINT(google-build-using-namespace)

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
        const int d = ::fcntl(fd_, F_DUPFD_CLOEXEC, 0);
        // A closed or invalid descriptor is OTP 25's "closed raw file": einval.
        if (d < 0) return errno == EBADF ? -EINVAL : -errno;
        return d;
    }
    if (path_.empty()) return -EINVAL;
    const int d = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    return d < 0 ? -errno : d;
}

namespace {

// sendfile(2) as Linux has it; supports(sendfile) is false elsewhere and the
// calls raise notsup there, as OTP's do.
constexpr bool have_sendfile =
#if defined(__linux__)
    true;
#else
    false;
#endif

ssize_t send_file(int out, int in, off_t* offset, std::size_t count) {
#if defined(__linux__)
    return ::sendfile(out, in, offset, count);
#else
    (void)out, (void)in, (void)offset, (void)count;
    errno = ENOSYS;
    return -1;
#endif
}

using result_terms::error;
using result_terms::ok;
term as_term(std::uint64_t n) {
    return term(static_cast<std::int64_t>(n));
}

// Each sendfile(2) call moves at most this much, as in OTP (0.5 GB), so that
// a whole-file transfer of a huge file still reports progress in steps.
constexpr std::size_t chunk_max = 0x20000000;

void close_transfer_fd(socket_impl& impl) {
    if (impl.sendfile_fd >= 0) {
        ::close(impl.sendfile_fd);
        impl.sendfile_fd = -1;
    }
}

// Takes the descriptor a queued nowait start left for select handle `h`,
// or -1.
int take_queued(socket_impl& impl, const term& h) {
    auto& q = impl.sendfile_queued;
    for (auto it = q.begin(); it != q.end(); ++it) {
        if (it->first == h) {
            const int fd = it->second;
            q.erase(it);
            return fd;
        }
    }
    return -1;
}

class sendfile_op final : public operation {
  public:
    // A new transfer from `file`, or (file == nullptr) the continuation of
    // the caller's transfer. `queued_fd` (owned) is the file already opened
    // for a transfer that has not started: a nowait start's, or a queued
    // one's taken back for its continuation; else the transfer uses
    // impl.sendfile_fd.
    sendfile_op(const file_handle* file, std::int64_t offset, std::uint64_t count, int queued_fd)
        : file_(file), offset_(offset), count_(count), queued_fd_(queued_fd) {}
    sendfile_op(const sendfile_op&) = delete;
    sendfile_op& operator=(const sendfile_op&) = delete;
    ~sendfile_op() override {
        if (queued_fd_ >= 0) ::close(queued_fd_);
    }

    bool attempt(socket_impl& impl) override {
        sendfile_counters& c = impl.sendfile_cnt;
        c.used = true;
        if (!started_ && (file_ != nullptr || queued_fd_ >= 0)) {
            // A transfer abandoned by a cancel left its descriptor: replace it.
            close_transfer_fd(impl);
            int fd = queued_fd_;
            queued_fd_ = -1;
            if (fd < 0) fd = file_->open_for_transfer();
            if (fd < 0) return fail(impl, -fd);
            impl.sendfile_fd = fd;
            ++c.tries;
            c.op_bytes = 0;
        }
        started_ = true;
        std::uint64_t this_call = 0;
        for (;;) {
            const std::size_t chunk =
                count_ > 0 && count_ < chunk_max ? static_cast<std::size_t>(count_) : chunk_max;
            off_t off = static_cast<off_t>(offset_);
            const off_t before = off;
            const ssize_t n = send_file(impl.fd, impl.sendfile_fd, &off, chunk);
            const int e = n < 0 ? errno : 0;
            // The kernel advanced `off` by what it sent, even on some errors.
            const auto sent = static_cast<std::uint64_t>(off - before);
            ++c.cnt;
            if (sent > 0) {
                offset_ += static_cast<std::int64_t>(sent);
                this_call += sent;
                sent_ += sent;
                ++c.pkg;
                c.byte += sent;
                c.pkg_max = std::max(c.pkg_max, this_call);
                c.op_bytes += sent;
                c.max = std::max(c.max, c.op_bytes);
            }
            if (count_ > 0) {
                count_ -= std::min(count_, sent);
                if (count_ == 0) return done(impl);
            }
            if (n < 0) {
                if (e == EAGAIN || e == EWOULDBLOCK) {
                    call_sent_ = this_call;
                    return false;
                }
                if (e == EINTR) continue;
                return fail(impl, e);
            }
            if (sent == 0) return done(impl);  // end of file
        }
    }

    [[nodiscard]] term tag() const override { return atoms::sendfile; }

    // OTP 25 reports what this call sent, 0 included.
    term select_result(term si) override {
        waited_ = true;
        if (!started_ && queued_fd_ >= 0 && impl_ != nullptr) {
            // Queued behind another process's transfer: the socket keeps the
            // file for the continuation after the select, which starts it.
            impl_->sendfile_queued.emplace_back(*si.element(2), queued_fd_);
            queued_fd_ = -1;
        }
        return tuple(atoms::select, tuple(std::move(si), as_term(call_sent_)));
    }
    // A call that never got its turn ends as OTP's queued call does; one that
    // started tells how much it sent.
    // The runner calls this with the lock held, right after it withdrew the
    // caller, so the transfer descriptor is still this call's own: a call
    // that gives up ends its transfer (OTP 25 keeps the file, and every
    // later sendfile on the socket then fails with {invalid, state}).
    term timeout_result() override {
        if (!started_) return error(atoms::timeout);
        if (impl_ != nullptr) close_transfer_fd(*impl_);
        return error(tuple(atoms::timeout, as_term(sent_)));
    }
    term closed_result(const term& reason) override {
        if (!waited_ || !started_) return error(reason);
        return error(tuple(reason, as_term(sent_)));
    }
    void bind(socket_impl& impl) noexcept { impl_ = &impl; }
    void count_wait(socket_impl& impl) override {
        waited_ = true;
        ++impl.sendfile_cnt.waits;
    }

  private:
    bool done(socket_impl& impl) {
        close_transfer_fd(impl);
        result = ok(as_term(sent_));
        return true;
    }
    bool fail(socket_impl& impl, int e) {
        close_transfer_fd(impl);
        ++impl.sendfile_cnt.fails;
        // After a wait the caller learns how much went before the error.
        result = waited_ ? error(tuple(posix_error_atom(e), as_term(sent_)))
                         : error(posix_error_atom(e));
        return true;
    }

    const file_handle* file_;
    std::int64_t offset_;
    std::uint64_t count_;
    int queued_fd_;
    socket_impl* impl_ = nullptr;
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
// before anything else, as OTP's guards do).
transfer_args check_args(const term& offset, const term& count) {
    if (!have_sendfile) throw erl_error(atoms::notsup);
    auto o = offset.as_int();
    auto c = count.as_int();
    if (!o || !c || *c < 0) throw erl_error(atoms::badarg);
    return {*o, static_cast<std::uint64_t>(*c)};
}

term run(socket_impl& impl, sendfile_op& op, const timeout_arg& t) {
    op.bind(impl);
    return run_operation(impl, side_kind::writer, t, op);
}

// {error, {invalid, state}} when the caller's own transfer waits for its
// continuation (OTP 25 refuses a second one), else nothing.
std::optional<term> own_transfer_pending(socket_impl& impl) {
    std::lock_guard lk(impl.mu);
    if (impl.closed) return error(atoms::closed);
    const process_ptr me = self_process();
    if (impl.sendfile_fd >= 0 && impl.writers.has_current && impl.writers.current.proc == me) {
        return error(tuple(atoms::invalid, atom("state")));
    }
    return std::nullopt;
}

}  // namespace

term detail::with_sendfile_counters(term counters_map, const sendfile_counters& c) {
    if (!c.used) return counters_map;
    term m = std::move(counters_map);
    m = map_put(m, atoms::sendfile, as_term(c.cnt));
    m = map_put(m, atom("sendfile_byte"), as_term(c.byte));
    m = map_put(m, atom("sendfile_fails"), as_term(c.fails));
    m = map_put(m, atom("sendfile_max"), as_term(c.max));
    m = map_put(m, atom("sendfile_pkg"), as_term(c.pkg));
    m = map_put(m, atom("sendfile_pkg_max"), as_term(c.pkg_max));
    m = map_put(m, atom("sendfile_tries"), as_term(c.tries));
    m = map_put(m, atom("sendfile_waits"), as_term(c.waits));
    return m;
}

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
    socket_impl& impl = lookup(s);
    const transfer_args a = check_args(offset, count);
    const timeout_arg t = parse_timeout(timeout);
    if (auto refused = own_transfer_pending(impl)) return *refused;
    int first_fd = -1;
    if (t.is_async()) {
        // A nowait start takes the file now: if it has to queue, the file
        // stays with the socket for its continuation, and a file that cannot
        // be opened is an error before anything is queued.
        first_fd = file.open_for_transfer();
        if (first_fd < 0) {
            std::lock_guard lk(impl.mu);
            impl.sendfile_cnt.used = true;
            ++impl.sendfile_cnt.fails;
            return error(posix_error_atom(-first_fd));
        }
    }
    sendfile_op op(&file, a.offset, a.count, first_fd);
    return run(impl, op, t);
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
    socket_impl& impl = lookup(s);
    const transfer_args a = check_args(offset, count);
    // Only a SelectInfo continues a transfer; any other term is not a file.
    if (!cont.is_tuple(3) || !cont.element(0)->is_atom(atoms::select_info)) {
        throw erl_error(atoms::badarg);
    }
    const term& tag = *cont.element(1);
    const bool sendfile_tag = tag.is_atom(atoms::sendfile) ||
                              (tag.is_tuple(2) && tag.element(0)->is_atom(atoms::sendfile));
    if (!sendfile_tag) return error(tuple(atoms::invalid, cont));
    const timeout_arg t = parse_timeout(timeout);
    int queued_fd = -1;
    {
        std::lock_guard lk(impl.mu);
        if (impl.closed) return error(atoms::closed);
        // Only the process whose transfer waits (or whose queued start got
        // its select) may continue it.
        const process_ptr me = self_process();
        const bool current = impl.writers.has_current && impl.writers.current.proc == me;
        if (current) queued_fd = take_queued(impl, *cont.element(2));
        if (!current || (queued_fd < 0 && impl.sendfile_fd < 0)) {
            throw erl_error(tuple(atoms::invalid, atom("state")));
        }
    }
    sendfile_op op(nullptr, a.offset, a.count, queued_fd);
    return run(impl, op, t);
}

}  // namespace esock::socket
