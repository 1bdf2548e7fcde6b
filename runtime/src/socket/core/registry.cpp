// SPDX-License-Identifier: Apache-2.0
#include "socket/core/registry.hpp"

#include <algorithm>
#include <array>
#include <mutex>
#include <unordered_map>

#include "codec/tables.hpp"
#include "generated/ids.hpp"
#include "process/internal.hpp"
#include "socket/core/results.hpp"
#include "socket/core/state.hpp"

namespace esock::socket::core::registry {

namespace {

// ---- the index of registered sockets ----------------------------------------------

// slots: 0 every socket, then the fields' lists.
constexpr std::size_t all_slot = 0;
constexpr std::size_t field_count = 4;

std::size_t slot_of(field f) noexcept {
    return 1 + static_cast<std::size_t>(f);
}

struct socket_index {
    std::mutex mu;
    std::vector<socket_record*> all;
    // key (atom index, or pid number for the owner) -> the sockets with it
    std::array<std::unordered_map<std::uint64_t, std::vector<socket_record*>>, field_count> by;
};

socket_index& index() {
    static auto* i = new socket_index();  // NOLINT: immortal, as the records it lists
    return *i;
}

std::optional<std::uint64_t> atom_key(const term& t) noexcept {
    const auto a = t.as_atom();
    if (!a) return std::nullopt;
    return a->index();
}

std::optional<std::uint64_t> key_of(const socket_record& r, field f) noexcept {
    switch (f) {
        case field::domain:
            return atom_key(r.domain_t);
        case field::type:
            return atom_key(r.type_t);
        case field::protocol:
            return atom_key(r.protocol_t);
        case field::owner:
            if (!r.owner) return std::nullopt;
            return r.owner->pid().pid_number();
    }
    return std::nullopt;
}

// O(1): a socket's slot says where it stands; the last one takes its place.
void put(std::vector<socket_record*>& list, socket_record& r, std::size_t slot) {
    r.registry.at[slot] = static_cast<std::uint32_t>(list.size());
    list.push_back(&r);
}

void take(std::vector<socket_record*>& list, socket_record& r, std::size_t slot) {
    const std::size_t at = r.registry.at[slot];
    socket_record* last = list.back();
    list[at] = last;
    last->registry.at[slot] = static_cast<std::uint32_t>(at);
    list.pop_back();
}

void put_in_field(socket_index& i, socket_record& r, field f) {
    if (const auto k = key_of(r, f)) put(i.by[static_cast<std::size_t>(f)][*k], r, slot_of(f));
}

void take_from_field(socket_index& i, socket_record& r, field f) {
    const auto k = key_of(r, f);
    if (!k) return;
    auto& lists = i.by[static_cast<std::size_t>(f)];
    const auto it = lists.find(*k);
    if (it == lists.end()) return;
    take(it->second, r, slot_of(f));
    if (it->second.empty()) lists.erase(it);
}

// Terms of the listed records: they are registered, so their socket terms
// stand until they leave, which takes this lock.
std::vector<term> terms_of(const std::vector<socket_record*>& list) {
    std::vector<term> out;
    out.reserve(list.size());
    for (const socket_record* r : list)
        out.push_back(r->sock);
    return out;
}

// ---- global counters -------------------------------------------------------------------

// Under one lock, so that info/0 reports a consistent snapshot: the
// sockets of each domain, type and protocol add up to num_sockets even
// while others open and close.
struct global_counts_t {
    std::mutex mu;
    std::array<std::int64_t, ids::global_counter_count> value{};
};

global_counts_t& global_counts() {
    static auto* counts = new global_counts_t();  // NOLINT: immortal
    return *counts;
}

// Whether counter `c` counts socket `r`.
bool counts(ids::global_counter c, const socket_record& r) {
    const ids::global_counter_rule rule = ids::rule(c);
    using k = ids::global_counter_rule::kind;
    auto value_of = [&](std::span<const codec::named_constant> table) -> std::optional<int> {
        const codec::named_constant& n = table[rule.index];
        if (!n.defined) return std::nullopt;
        return static_cast<int>(n.value);
    };
    switch (rule.what) {
        case k::sockets:
            return true;
        case k::domain:
            return value_of(codec::domains()) == r.domain;
        case k::type:
            return value_of(codec::socket_types()) == r.type;
        case k::protocol:
            return value_of(codec::protocols()) == r.protocol;
        case k::value:
            return false;
    }
    return false;
}

void count(const socket_record& r, std::int64_t delta) noexcept {
    auto& g = global_counts();
    const std::lock_guard lk(g.mu);
    for (std::size_t i = 0; i < ids::global_counter_count; ++i) {
        const auto c = static_cast<ids::global_counter>(i);
        if (counts(c, r)) g.value[i] += delta;
    }
}

// ---- monitors ------------------------------------------------------------------------

struct monitor_place {
    socket_record* record;
    std::uint64_t id;       // the socket's number when the monitor was made
    std::uint64_t watcher;  // pid number
};

struct monitor_index {
    std::mutex mu;
    std::unordered_map<std::uint64_t, monitor_place> by_ref;
    std::unordered_map<std::uint64_t, std::vector<term>> by_watcher;
};

monitor_index& monitors() {
    static auto* m = new monitor_index();  // NOLINT: immortal
    return *m;
}

term down_message(const term& ref, const term& sock) {
    return tuple(atoms::down, ref, atoms::socket, sock, atoms::closed);
}

void forget(monitor_index& m, const term& ref, std::uint64_t watcher) {
    m.by_ref.erase(ref.ref_number());
    const auto it = m.by_watcher.find(watcher);
    if (it == m.by_watcher.end()) return;
    std::erase(it->second, ref);
    if (it->second.empty()) m.by_watcher.erase(it);
}

}  // namespace

settings& global() noexcept {
    static auto* s = new settings();  // NOLINT: immortal
    return *s;
}

void enter(socket_record& r) {
    if (r.registry.registered) return;
    auto& i = index();
    const std::lock_guard lk(i.mu);
    put(i.all, r, all_slot);
    for (const field f : {field::domain, field::type, field::protocol, field::owner}) {
        put_in_field(i, r, f);
    }
    r.registry.registered = true;
}

void leave(socket_record& r) {
    if (!r.registry.registered) return;
    auto& i = index();
    const std::lock_guard lk(i.mu);
    take(i.all, r, all_slot);
    for (const field f : {field::domain, field::type, field::protocol, field::owner}) {
        take_from_field(i, r, f);
    }
    r.registry.registered = false;
}

void owner_changes(socket_record& r, const process& next) {
    if (!r.registry.registered) return;
    auto& i = index();
    const std::lock_guard lk(i.mu);
    take_from_field(i, r, field::owner);
    put(i.by[static_cast<std::size_t>(field::owner)][next.pid().pid_number()], r,
        slot_of(field::owner));
}

std::size_t number_of() noexcept {
    auto& i = index();
    const std::lock_guard lk(i.mu);
    return i.all.size();
}

std::vector<term> sockets() {
    auto& i = index();
    const std::lock_guard lk(i.mu);
    return terms_of(i.all);
}

std::vector<term> sockets(field f, const term& value) {
    const std::optional<std::uint64_t> key =
        f == field::owner ? std::optional<std::uint64_t>(value.pid_number()) : atom_key(value);
    if (!key) return {};
    auto& i = index();
    const std::lock_guard lk(i.mu);
    const auto& lists = i.by[static_cast<std::size_t>(f)];
    const auto it = lists.find(*key);
    if (it == lists.end()) return {};
    return terms_of(it->second);
}

void count_open(const socket_record& r) noexcept {
    count(r, 1);
}

void count_close(const socket_record& r) noexcept {
    count(r, -1);
}

term counters_map() {
    std::vector<map_entry> entries;
    auto& g = global_counts();
    std::array<std::int64_t, ids::global_counter_count> counts_now{};
    {
        const std::lock_guard lk(g.mu);
        counts_now = g.value;
    }
    for (std::size_t i = 0; i < ids::global_counter_count; ++i) {
        const auto c = static_cast<ids::global_counter>(i);
        const ids::global_counter_rule rule = ids::rule(c);
        const std::int64_t v = rule.what == ids::global_counter_rule::kind::value
                                   ? static_cast<std::int64_t>(rule.index)
                                   : counts_now[i];
        entries.push_back({atom(ids::name(c)), v});
    }
    return map_from(std::move(entries));
}

term monitor(socket_record& r, const process_ptr& watcher) {
    term ref = make_ref();
    const std::lock_guard lk(r.mu);
    if (r.closed) {
        watcher->deliver(down_message(ref, r.sock));
        return ref;
    }
    // OTP 25 registers a socket that gets a monitor.
    r.use_registry = true;
    enter(r);
    r.monitors.push_back(monitor_entry{ref, watcher});
    {
        auto& m = monitors();
        const std::lock_guard ml(m.mu);
        const std::uint64_t pid = watcher->pid().pid_number();
        m.by_ref.emplace(ref.ref_number(), monitor_place{&r, r.id, pid});
        m.by_watcher[pid].push_back(ref);
    }
    // The watcher's end must end its monitors.
    watch_exit(*watcher, r);
    return ref;
}

cancelled cancel_monitor(const term& ref, const process& caller) {
    auto& m = monitors();
    monitor_place place{};
    {
        const std::lock_guard ml(m.mu);
        const auto it = m.by_ref.find(ref.ref_number());
        if (!ref.is_reference() || it == m.by_ref.end()) return cancelled::unknown;
        place = it->second;
    }
    if (place.watcher != caller.pid().pid_number()) return cancelled::not_owner;
    socket_record& r = *place.record;
    const std::lock_guard lk(r.mu);
    // Under the record's lock no 'DOWN' can be on its way: either the entry
    // is still here (and goes, with no message), or close sent it.
    if (r.id != place.id) return cancelled::unknown;
    const auto it = std::find_if(r.monitors.begin(), r.monitors.end(),
                                 [&](const monitor_entry& e) { return e.ref == ref; });
    if (it == r.monitors.end()) return cancelled::unknown;
    const process_ptr watcher = it->watcher;
    r.monitors.erase(it);
    release_exit_key(r, *watcher);
    const std::lock_guard ml(m.mu);
    forget(m, ref, place.watcher);
    return cancelled::yes;
}

std::size_t number_of_monitors() noexcept {
    auto& m = monitors();
    const std::lock_guard ml(m.mu);
    return m.by_ref.size();
}

std::vector<term> monitors_by(const term& pid) {
    auto& m = monitors();
    const std::lock_guard ml(m.mu);
    const auto it = m.by_watcher.find(pid.pid_number());
    if (it == m.by_watcher.end()) return {};
    return it->second;
}

std::vector<term> monitors_of(socket_record& r) {
    const std::lock_guard lk(r.mu);
    std::vector<term> out;
    for (const monitor_entry& e : r.monitors)
        out.push_back(e.ref);
    return out;
}

std::vector<term> monitoring(socket_record& r) {
    const std::lock_guard lk(r.mu);
    std::vector<term> out;
    for (const monitor_entry& e : r.monitors)
        out.push_back(e.watcher->pid());
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

void close_monitors(socket_record& r) {
    if (r.monitors.empty()) return;
    auto& m = monitors();
    for (const monitor_entry& e : r.monitors) {
        e.watcher->deliver(down_message(e.ref, r.sock));
        process_internal::remove_exit_key(*e.watcher, r.id);
    }
    const std::lock_guard ml(m.mu);
    for (const monitor_entry& e : r.monitors)
        forget(m, e.ref, e.watcher->pid().pid_number());
    r.monitors.clear();
}

void drop_monitors_of(socket_record& r, const process& watcher) {
    auto& m = monitors();
    const std::lock_guard ml(m.mu);
    std::erase_if(r.monitors, [&](const monitor_entry& e) {
        if (e.watcher.get() != &watcher) return false;
        forget(m, e.ref, watcher.pid().pid_number());
        return true;
    });
}

}  // namespace esock::socket::core::registry
