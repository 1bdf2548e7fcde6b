// SPDX-License-Identifier: Apache-2.0
// The process-wide atom table. Names are stored in fixed-size chunks that never
// move, so name() reads without a lock: an index only reaches another thread
// after the interning thread published it (under the mutex or by a message),
// which orders the write of the entry before the read.

#include <array>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

#include "term_internal.hpp"

namespace esock {
namespace {

constexpr std::size_t chunk_bits = 12;
constexpr std::size_t chunk_size = std::size_t{1} << chunk_bits;
constexpr std::size_t max_chunks = 1024;  // room for 4 Mi atoms, as many as the BEAM allows

struct atom_entry {
    std::string name;
    // The name's first 8 bytes, zero-padded, big-endian: two atoms whose
    // prefixes differ compare as their prefixes do (a shorter name padded
    // with zeros is also a prefix of the longer one, which it precedes), so
    // that sorting map keys seldom compares whole names.
    std::uint64_t order_prefix = 0;
    bool needs_quotes = false;
};

std::uint64_t order_prefix_of(std::string_view name) noexcept {
    std::uint64_t p = 0;
    for (std::size_t i = 0; i < 8; ++i) {
        const std::uint8_t byte = i < name.size() ? static_cast<std::uint8_t>(name[i]) : 0;
        p = (p << 8) | byte;
    }
    return p;
}

struct string_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
        return std::hash<std::string_view>()(s);
    }
};

class atom_table {
  public:
    atom_table() {
#define ESOCK_ATOM(id) add_locked(#id);
#define ESOCK_ATOM_TEXT(id, text) add_locked(text);
#include <esock/atoms.def>
#undef ESOCK_ATOM
#undef ESOCK_ATOM_TEXT
    }

    std::uint32_t intern(std::string_view name) {
        {
            std::shared_lock lock(mutex_);
            if (auto it = index_.find(name); it != index_.end()) return it->second;
        }
        std::unique_lock lock(mutex_);
        if (auto it = index_.find(name); it != index_.end()) return it->second;
        return add_locked(name);
    }

    std::optional<std::uint32_t> find(std::string_view name) const {
        std::shared_lock lock(mutex_);
        if (auto it = index_.find(name); it != index_.end()) return it->second;
        return std::nullopt;
    }

    const atom_entry& entry(std::uint32_t index) const noexcept {
        return chunks_[index >> chunk_bits][index & (chunk_size - 1)];
    }

  private:
    std::uint32_t add_locked(std::string_view name) {
        const std::size_t index = count_;
        if (index >= chunk_size * max_chunks) throw std::length_error("atom table is full");
        auto& chunk = chunks_[index >> chunk_bits];
        if (!chunk) chunk = std::make_unique<atom_entry[]>(chunk_size);
        atom_entry& e = chunk[index & (chunk_size - 1)];
        e.name.assign(name);
        e.order_prefix = order_prefix_of(name);
        e.needs_quotes = detail::atom_needs_quotes(name);
        ++count_;
        // The key views the stored name, which never moves.
        index_.emplace(std::string_view(e.name), static_cast<std::uint32_t>(index));
        return static_cast<std::uint32_t>(index);
    }

    mutable std::shared_mutex mutex_;
    std::unordered_map<std::string_view, std::uint32_t, string_hash, std::equal_to<>> index_;
    std::array<std::unique_ptr<atom_entry[]>, max_chunks> chunks_;
    std::size_t count_ = 0;
};

atom_table& table() {
    // Constructed on first use so that atoms made during static initialisation
    // of other translation units find it ready, and never destroyed: threads
    // of spawned processes may still intern atoms while the exit handlers
    // run (docs/reliability.md).
    static atom_table* instance = new atom_table();  // NOLINT(cppcoreguidelines-owning-memory)
    return *instance;
}

}  // namespace

atom::atom(std::string_view name) : index_(table().intern(name)) {}

std::string_view atom::name() const noexcept {
    return table().entry(index_).name;
}

std::strong_ordering atom::operator<=>(const atom& other) const noexcept {
    if (index_ == other.index_) return std::strong_ordering::equal;
    // UTF-8 byte order is code point order, which is how Erlang orders atoms.
    const atom_table& t = table();
    const atom_entry& a = t.entry(index_);
    const atom_entry& b = t.entry(other.index_);
    if (a.order_prefix != b.order_prefix) {
        return a.order_prefix < b.order_prefix ? std::strong_ordering::less
                                               : std::strong_ordering::greater;
    }
    const int c = std::string_view(a.name).compare(b.name);
    return c < 0 ? std::strong_ordering::less : std::strong_ordering::greater;
}

std::optional<atom> atom::existing(std::string_view name) {
    if (auto i = table().find(name)) return atom::from_index(*i);
    return std::nullopt;
}

namespace detail {

bool atom_is_quoted(atom a) noexcept {
    return table().entry(a.index()).needs_quotes;
}

}  // namespace detail
}  // namespace esock
