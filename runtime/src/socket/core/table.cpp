// SPDX-License-Identifier: Apache-2.0
#include "socket/core/table.hpp"

#include <array>
#include <atomic>
#include <deque>

#include <esock/error.hpp>

namespace esock::socket::core {

namespace {

constexpr std::size_t segment_bits = 12;
constexpr std::size_t segment_size = std::size_t{1} << segment_bits;
constexpr std::size_t max_segments = 4096;  // 16M records (sockets at once)
constexpr std::uint64_t slot_bits = 24;
static_assert((std::uint64_t{1} << slot_bits) == segment_size * max_segments);
constexpr std::uint64_t slot_mask = (std::uint64_t{1} << slot_bits) - 1;

// Slot -> record. A slot, once given a record, keeps it for good.
struct socket_table {
    std::array<std::atomic<std::atomic<socket_record*>*>, max_segments> segments{};
    std::atomic<std::uint64_t> next{1};
    std::mutex grow_mu;
    // Closed records that may serve again once no term refers to them,
    // oldest first. A leaf lock: nothing is locked while it is held.
    std::mutex closed_mu;
    std::deque<socket_record*> closed;
};

socket_table& the_table() {
    static socket_table* t = new socket_table();  // NOLINT: immortal, like the records
    return *t;
}

socket_record* slot_get(std::uint64_t slot) noexcept {
    const std::size_t seg = slot >> segment_bits;
    if (seg >= max_segments) return nullptr;
    auto* s = the_table().segments[seg].load(std::memory_order_acquire);
    if (s == nullptr) return nullptr;
    return s[slot & (segment_size - 1)].load(std::memory_order_acquire);
}

// A new record in a new slot; nullptr when the table is full.
socket_record* new_record() {
    auto& t = the_table();
    const std::uint64_t slot = t.next.fetch_add(1);
    const std::size_t seg = slot >> segment_bits;
    if (seg >= max_segments) return nullptr;
    auto* s = t.segments[seg].load(std::memory_order_acquire);
    if (s == nullptr) {
        std::lock_guard lk(t.grow_mu);
        s = t.segments[seg].load(std::memory_order_acquire);
        if (s == nullptr) {
            s = new std::atomic<socket_record*>[segment_size]();  // NOLINT: immortal
            t.segments[seg].store(s, std::memory_order_release);
        }
    }
    auto* r = new socket_record();  // NOLINT: records are immortal (see socket_record)
    r->slot = slot;
    s[slot & (segment_size - 1)].store(r, std::memory_order_release);
    return r;
}

// A closed record that no term refers to any more, emptied, with its
// lock held; nullptr when the oldest few closed ones are all still
// referred to (they go to the back, so each is looked at again later).
// Looking at a bounded number keeps open/accept O(1).
socket_record* reusable_record(std::unique_lock<std::mutex>& lk) {
    constexpr int looks = 2;
    auto& t = the_table();
    for (int i = 0; i < looks; ++i) {
        socket_record* r = nullptr;
        {
            std::lock_guard cl(t.closed_mu);
            if (t.closed.empty()) return nullptr;
            r = t.closed.front();
            t.closed.pop_front();
        }
        // try_lock: the caller may hold another socket's lock (accept), and
        // a record someone is busy with is no candidate anyway.
        std::unique_lock rlk(r->mu, std::try_to_lock);
        // Only the record's own copy of the socket term is left: no call
        // can be using the record or reach it through a term any more
        // (messages in mailboxes hold copies too). Nothing makes a new
        // copy of a closed socket's term from the record.
        if (rlk.owns_lock() && r->sock.share_count() == 1) {
            r->sock_node.store(nullptr, std::memory_order_release);
            static_cast<socket_state&>(*r) = socket_state{};
            lk = std::move(rlk);
            return r;
        }
        if (rlk.owns_lock()) rlk.unlock();
        std::lock_guard cl(t.closed_mu);
        t.closed.push_back(r);
    }
    return nullptr;
}

}  // namespace

namespace table {

socket_record* claim(std::unique_lock<std::mutex>& lk) {
    socket_record* r = reusable_record(lk);
    if (r != nullptr) {
        ++r->generation;
    } else {
        r = new_record();
        if (r == nullptr) return nullptr;
        // Nobody else knows the new record yet: this cannot fail (and, as
        // above, must not wait while the caller holds another lock).
        lk = std::unique_lock(r->mu, std::try_to_lock);
    }
    // Stale numbers of the record's earlier sockets stop matching here.
    r->id = (r->generation << slot_bits) | r->slot;
    r->sock = tuple(atoms::dollar_socket, ref_term(ref_base + r->id));
    r->sock_node.store(r->sock.node_identity(), std::memory_order_release);
    return r;
}

socket_record* lock_open(std::uint64_t id, std::unique_lock<std::mutex>& lk) {
    socket_record* r = slot_get(id & slot_mask);
    if (r == nullptr) return nullptr;
    std::unique_lock rlk(r->mu);
    if (r->id != id || r->closed) return nullptr;
    lk = std::move(rlk);
    return r;
}

void retire(socket_record& r) {
    auto& t = the_table();
    std::lock_guard cl(t.closed_mu);
    t.closed.push_back(&r);
}

}  // namespace table

socket_record* find(const term& s) noexcept {
    // Every call starts here: one look at the tuple, not three.
    const auto e = s.tuple_elements();
    if (e.size() != 2 || !e[0].is_atom(atoms::dollar_socket) || !e[1].is_reference()) {
        return nullptr;
    }
    const std::uint64_t n = e[1].ref_number();
    if (n <= table::ref_base) return nullptr;
    socket_record* r = slot_get((n - table::ref_base) & slot_mask);
    // The caller's term keeps its node alive, so a match cannot be a
    // recycled address: the record is this socket's and stays so while
    // the term lives. An equal term built anew (not a copy) is not a socket.
    if (r == nullptr || r->sock_node.load(std::memory_order_acquire) != s.node_identity()) {
        return nullptr;
    }
    return r;
}

socket_record& lookup(const term& s) {
    socket_record* r = find(s);
    if (r == nullptr) throw erl_error(atoms::badarg);
    return *r;
}

}  // namespace esock::socket::core
