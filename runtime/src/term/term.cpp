// SPDX-License-Identifier: Apache-2.0
// Construction, inspection and destruction of terms.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <span>
#include <stdexcept>

#include "term/ordered_map.hpp"
#include "term_internal.hpp"

namespace esock {

using detail::binary_node;
using detail::list_node;
using detail::map_node;
using detail::tuple_node;

namespace detail {
namespace {

// Small nodes ({ok, Bin}, a select message, a short binary) are made and
// freed on every socket call; a per-thread cache of freed blocks by size
// makes each a few instructions instead of a trip through malloc. A block
// freed on a thread serves that thread's next allocations, whoever made
// it; each size holds a bounded number, so that a thread that only frees
// (a consumer) hands the rest back to the allocator. Off under
// AddressSanitizer, which must see every block freed.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool cache_nodes = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool cache_nodes = false;
#else
constexpr bool cache_nodes = true;
#endif
#else
constexpr bool cache_nodes = true;
#endif

constexpr std::size_t granule = 16;       // bytes; operator new's alignment
constexpr std::size_t size_classes = 16;  // blocks of 16 to 256 bytes
constexpr std::uint8_t max_cached = 32;   // blocks per size class

struct free_block {
    free_block* next;
};

struct node_cache {
    std::array<free_block*, size_classes + 1> heads;
    std::array<std::uint8_t, size_classes + 1> counts;
    bool armed;  // t_cache_flusher will empty it at thread exit
    bool dead;   // emptied: later frees (other thread-locals' ends) bypass it
};

// Constant-initialised and initial-exec, as process.cpp's t_current: the
// fast path is a load, with no initialisation check.
constinit thread_local node_cache t_cache __attribute__((tls_model("initial-exec"))) = {};

struct node_cache_flusher {
    node_cache_flusher() = default;
    node_cache_flusher(const node_cache_flusher&) = delete;
    node_cache_flusher& operator=(const node_cache_flusher&) = delete;
    ~node_cache_flusher() {
        t_cache.dead = true;
        for (std::size_t c = 0; c <= size_classes; ++c) {
            while (free_block* b = t_cache.heads[c]) {
                t_cache.heads[c] = b->next;
                ::operator delete(b);
            }
            t_cache.counts[c] = 0;
        }
    }
};
// Touched once per thread (its first cached block), so that only then the
// thread pays for registering a destructor.
thread_local node_cache_flusher t_cache_flusher;

constexpr std::size_t size_class(std::size_t bytes) noexcept {
    return (bytes + granule - 1) / granule;
}

void* allocate_node(std::size_t bytes) {
    if constexpr (cache_nodes) {
        const std::size_t c = size_class(bytes);
        if (c <= size_classes) {
            if (free_block* b = t_cache.heads[c]) {
                t_cache.heads[c] = b->next;
                --t_cache.counts[c];
                return b;
            }
            // A whole class's size, so that the block can serve any node of
            // its class when it comes back.
            return ::operator new(c* granule);
        }
    }
    return ::operator new(bytes);
}

// `bytes`: what the node uses now, at most what it was allocated with (a
// released binary buffer may use less): its class's size is never more than
// the block's.
void free_node_memory(void* node, std::size_t bytes) noexcept {
    if constexpr (cache_nodes) {
        const std::size_t c = size_class(bytes);
        if (c <= size_classes && t_cache.counts[c] < max_cached && !t_cache.dead) {
            if (!t_cache.armed) {
                t_cache.armed = true;
                (void)&t_cache_flusher;
            }
            auto* b = static_cast<free_block*>(node);
            b->next = t_cache.heads[c];
            t_cache.heads[c] = b;
            ++t_cache.counts[c];
            return;
        }
    }
    ::operator delete(node);
}

}  // namespace
}  // namespace detail

namespace {

template <class Node>
void* allocate_with(std::size_t extra) {
    return detail::allocate_node(sizeof(Node) + extra);
}

std::uint32_t checked_count(std::size_t n) {
    if (n > UINT32_MAX) throw std::length_error("term has too many elements");
    return static_cast<std::uint32_t>(n);
}

template <class It>
term make_tuple(std::size_t n, It first) {
    auto* node = new (allocate_with<tuple_node>(n * sizeof(term))) tuple_node(checked_count(n));
    term* out = node->elements();
    for (std::size_t i = 0; i < n; ++i, ++first)
        new (out + i) term(*first);
    return term::internal::adopt(term_kind::tuple, node);
}

template <class It>
term make_list(std::size_t n, It first, term tail) {
    if (n == 0) return tail;
    auto* node = new (allocate_with<list_node>(n * sizeof(term)))
        list_node(checked_count(n), std::move(tail));
    term* out = node->elements();
    for (std::size_t i = 0; i < n; ++i, ++first)
        new (out + i) term(*first);
    return term::internal::adopt(term_kind::list, node);
}

const list_node* list_of(const term& t) noexcept {
    return static_cast<const list_node*>(term::internal::node(t));
}

}  // namespace

// ---------------------------------------------------------------------------
// Destruction

void term::free_node() noexcept {
    detail::destroy_node(p_);
}

namespace detail {

namespace {

// Nodes whose last reference has gone and whose children still hold theirs.
// Freeing goes through this list instead of recursing, so that a term nested
// a million levels deep (tuples in tuples, lists of lists) is freed with a
// bounded stack.
class dead_nodes {
  public:
    void push(heap_node* node) noexcept {
        try {
            stack_.push(node);
        } catch (...) {
            // Out of memory for the list: free this one at once, which
            // recurses no deeper than its own nesting.
            destroy_node(node);
        }
    }
    [[nodiscard]] heap_node* pop() noexcept {
        if (stack_.empty()) return nullptr;
        heap_node* n = stack_.top();
        stack_.pop();
        return n;
    }
    // Drops `t`'s reference, collecting its node when that was the last
    // one. `t` is left as it is and must not be destroyed (destroy_node
    // frees the memory of its node's terms without running their
    // destructors, which would drop the reference again).
    void release(const term& t) noexcept {
        if (detail::is_boxed(term::internal::kind(t))) {
            heap_node* n = term::internal::node(t);
            if (n->drop_ref()) push(n);
        }
    }

  private:
    small_stack<heap_node*, 32> stack_;
};

}  // namespace

void destroy_node(heap_node* node) noexcept {
    dead_nodes dead;
    while (node != nullptr) {
        std::size_t bytes = 0;
        switch (static_cast<node_type>(node->type)) {
            case node_type::tuple: {
                auto* t = static_cast<tuple_node*>(node);
                bytes = sizeof(tuple_node) + t->arity * sizeof(term);
                for (std::uint32_t i = 0; i < t->arity; ++i)
                    dead.release(t->elements()[i]);
                t->~tuple_node();
                break;
            }
            case node_type::map: {
                auto* m = static_cast<map_node*>(node);
                bytes = sizeof(map_node) + m->size * sizeof(map_entry);
                for (std::uint32_t i = 0; i < m->size; ++i) {
                    dead.release(m->entries()[i].key);
                    dead.release(m->entries()[i].value);
                }
                m->~map_node();
                break;
            }
            case node_type::binary: {
                auto* b = static_cast<binary_node*>(node);
                binary_node* owner = b->owner;
                bytes = sizeof(binary_node) + (owner == nullptr ? b->size : 0);
                b->~binary_node();
                if (owner != nullptr && owner->drop_ref()) {
                    dead.push(owner);
                }
                break;
            }
            case node_type::list: {
                auto* l = static_cast<list_node*>(node);
                bytes = sizeof(list_node) + l->length * sizeof(term);
                for (std::uint32_t i = 0; i < l->length; ++i)
                    dead.release(l->elements()[i]);
                dead.release(l->tail);
                // No ~list_node(): it would drop the tail's reference again.
                break;
            }
        }
        free_node_memory(node, bytes);
        node = dead.pop();
    }
}

binary_node* new_binary_node(std::size_t size) {
    void* mem = allocate_node(sizeof(binary_node) + size);
    auto* node = new (mem) binary_node(nullptr, size, nullptr);
    node->data = node->inline_bytes();
    return node;
}

}  // namespace detail

// ---------------------------------------------------------------------------
// Inspection

bool term::is_tuple(std::size_t arity) const noexcept {
    return is_tuple() && static_cast<const tuple_node*>(p_)->arity == arity;
}

std::optional<bool> term::as_bool() const noexcept {
    if (is_atom(atoms::true_)) return true;
    if (is_atom(atoms::false_)) return false;
    return std::nullopt;
}

std::span<const term> term::tuple_elements() const noexcept {
    if (!is_tuple()) return {};
    const auto* t = static_cast<const tuple_node*>(p_);
    return {t->elements(), t->arity};
}

const term* term::element(std::size_t i) const noexcept {
    auto elems = tuple_elements();
    return i < elems.size() ? &elems[i] : nullptr;
}

std::span<const map_entry> term::map_entries() const noexcept {
    if (!is_map()) return {};
    const auto* m = static_cast<const map_node*>(p_);
    return {m->entries(), m->size};
}

std::size_t term::map_size() const noexcept {
    return map_entries().size();
}

const term* term::map_get(const term& key) const noexcept {
    auto entries = map_entries();
    // Keys are unique, so equality finds the same entry as the ordered
    // search; for the small maps of option values and addresses it does so
    // without a term-order comparison (atom keys: their names) per step.
    constexpr std::size_t scanned = 8;
    if (entries.size() <= scanned) {
        for (const map_entry& e : entries) {
            if (e.key == key) return &e.value;
        }
        return nullptr;
    }
    auto it = std::lower_bound(entries.begin(), entries.end(), key,
                               [](const map_entry& e, const term& k) { return e.key < k; });
    if (it != entries.end() && it->key == key) return &it->value;
    return nullptr;
}

std::span<const std::uint8_t> term::binary_bytes() const noexcept {
    if (!is_binary()) return {};
    const auto* b = static_cast<const binary_node*>(p_);
    return {b->data, b->size};
}

std::string_view term::binary_view() const noexcept {
    auto bytes = binary_bytes();
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

std::optional<term> term::head() const noexcept {
    if (!is_cons()) return std::nullopt;
    return list_of(*this)->elements()[aux_];
}

std::optional<term> term::tail() const noexcept {
    if (!is_cons()) return std::nullopt;
    const list_node* l = list_of(*this);
    if (aux_ + 1 < l->length) {
        p_->refs.fetch_add(1, std::memory_order_relaxed);
        return internal::adopt(term_kind::list, p_, aux_ + 1);
    }
    return l->tail;
}

std::optional<std::size_t> term::list_length() const noexcept {
    std::size_t n = 0;
    const term* t = this;
    std::uint32_t start = aux_;
    while (t->is_cons()) {
        const list_node* l = list_of(*t);
        n += l->length - start;
        t = &l->tail;
        start = t->aux_;
    }
    if (!t->is_nil()) return std::nullopt;
    return n;
}

std::optional<std::vector<term>> term::list_to_vector() const {
    auto n = list_length();
    if (!n) return std::nullopt;
    std::vector<term> out;
    out.reserve(*n);
    const term* t = this;
    while (t->is_cons()) {
        const list_node* l = list_of(*t);
        out.insert(out.end(), l->elements() + t->aux_, l->elements() + l->length);
        t = &l->tail;
    }
    return out;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    detail::append_utf8(out, cp);
}

std::optional<std::size_t> term::latin1_copy(std::span<char> out) const noexcept {
    std::size_t n = 0;
    const term* t = this;
    while (t->is_cons()) {
        const list_node* l = list_of(*t);
        for (std::uint32_t i = t->aux_; i < l->length; ++i) {
            const term& e = l->elements()[i];
            if (!e.is_integer() || e.i_ < 0 || e.i_ > 255 || n == out.size()) return std::nullopt;
            out[n++] = static_cast<char>(e.i_);
        }
        t = &l->tail;
    }
    if (!t->is_nil()) return std::nullopt;
    return n;
}

// ---------------------------------------------------------------------------
// Construction

term tuple_from(std::span<const term> elements) {
    return make_tuple(elements.size(), elements.begin());
}

term tuple_from(std::vector<term>&& elements) {
    return make_tuple(elements.size(), std::make_move_iterator(elements.begin()));
}

term tuple_taking(std::span<term> elements) {
    // Moving spares a reference count increment and decrement per boxed
    // element.
    return make_tuple(elements.size(), std::make_move_iterator(elements.begin()));
}

term list_from(std::span<const term> elements) {
    return make_list(elements.size(), elements.begin(), term());
}

term list_from(std::vector<term>&& elements) {
    return make_list(elements.size(), std::make_move_iterator(elements.begin()), term());
}

term list_from(std::span<const term> elements, term tail) {
    return make_list(elements.size(), elements.begin(), std::move(tail));
}

term cons(term head, term tail) {
    return make_list(1, &head, std::move(tail));
}

term string(std::string_view text) {
    std::vector<term> chars;
    chars.reserve(text.size());
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const auto* end = p + text.size();
    while (p < end) {
        std::uint32_t c = *p;
        int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
        bool valid = extra > 0 && c < 0xF5 && end - p > extra;
        std::uint32_t cp = c & (0x3F >> extra);
        for (int i = 1; valid && i <= extra; ++i) {
            if ((p[i] & 0xC0) != 0x80) valid = false;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        if (valid) {
            chars.emplace_back(static_cast<std::int64_t>(cp));
            p += extra + 1;
        } else {
            chars.emplace_back(static_cast<std::int64_t>(c));
            ++p;
        }
    }
    return list_from(std::move(chars));
}

term latin1_string(std::string_view bytes) {
    // Straight into the list node: each byte converts to its integer term.
    return make_list(bytes.size(), reinterpret_cast<const unsigned char*>(bytes.data()), term());
}

namespace {

const term& key_of(const map_entry& e) noexcept {
    return e.key;
}
const term& key_of(const std::pair<term, term>& e) noexcept {
    return e.first;
}

// Whether the keys of `entries` (map_entry or pair<term, term>) are unique
// and in term order (the decoders give theirs so): a map then needs
// neither a sort nor a search for repeats.
template <class Entries>
bool keys_ascending(const Entries& entries) noexcept {
    const auto* e = std::data(entries);
    for (std::size_t i = 1; i < std::size(entries); ++i) {
        if (!(key_of(e[i - 1]) < key_of(e[i]))) return false;
    }
    return true;
}

// A map node of n entries, not yet constructed.
map_node* new_map_node(std::size_t n) {
    return new (allocate_with<map_node>(n * sizeof(map_entry))) map_node(checked_count(n));
}

// Sorts `entries` by key in place and keeps the last of repeated keys at
// the front: returns how many entries the map has.
std::size_t sort_keys(std::span<map_entry> entries) {
    // Stable, so that among equal keys the last given stays last; it wins
    // whole, key included (0.0 and -0.0 are the same key in OTP 25 but print
    // differently, and #{0.0 => a, -0.0 => b} is #{-0.0 => b}).
    const auto less = [](const map_entry& a, const map_entry& b) { return a.key < b.key; };
    if (entries.size() <= 16) {
        // Small maps (option values, sockaddrs) are sorted in place: an
        // insertion sort is stable too and, unlike stable_sort, allocates
        // nothing.
        for (std::size_t i = 1; i < entries.size(); ++i) {
            for (std::size_t j = i; j > 0 && less(entries[j], entries[j - 1]); --j)
                std::swap(entries[j], entries[j - 1]);
        }
    } else {
        std::stable_sort(entries.begin(), entries.end(), less);
    }
    // Drop repeated keys in place, the last given winning.
    std::size_t n = 0;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (n > 0 && entries[n - 1].key == entries[i].key) {
            entries[n - 1] = std::move(entries[i]);
        } else {
            if (n != i) entries[n] = std::move(entries[i]);
            ++n;
        }
    }
    return n;
}

// The map of `entries`, which are sorted first.
term sorted_map(std::span<map_entry> entries) {
    return detail::map_taking_in_key_order(entries.first(sort_keys(entries)));
}

// The map of `entries`, sorted first unless they are in order already.
term make_map(std::span<map_entry> entries) {
    if (keys_ascending(entries)) return detail::map_taking_in_key_order(entries);
    return sorted_map(entries);
}

}  // namespace

term map_from(std::vector<map_entry> entries) {
    return make_map(entries);
}

namespace detail {

term map_taking_in_key_order(std::span<map_entry> entries) {
    map_node* node = new_map_node(entries.size());
    map_entry* out = node->entries();
    for (map_entry& e : entries)
        new (out++) map_entry(std::move(e));
    return term::internal::adopt(term_kind::map, node);
}

}  // namespace detail

term map(std::initializer_list<std::pair<term, term>> entries) {
    // Keys already in order: straight into the node.
    if (keys_ascending(entries)) {
        map_node* node = new_map_node(entries.size());
        map_entry* out = node->entries();
        for (const auto& [k, val] : entries)
            new (out++) map_entry{k, val};
        return term::internal::adopt(term_kind::map, node);
    }
    // Out of order (checked above, not again): sorted. Literal maps are
    // small: their entries are gathered on the stack, only as many as there
    // are (constructing and destroying a whole array of
    // them cost more than the map).
    constexpr std::size_t on_stack = 16;
    if (entries.size() <= on_stack) {
        struct gathered {
            alignas(map_entry) std::array<std::byte, on_stack * sizeof(map_entry)> raw;
            std::size_t n = 0;
            map_entry* data() noexcept { return reinterpret_cast<map_entry*>(raw.data()); }
            gathered() = default;
            gathered(const gathered&) = delete;
            gathered& operator=(const gathered&) = delete;
            ~gathered() { std::destroy_n(data(), n); }
        } v;
        for (const auto& [k, val] : entries) {
            new (v.data() + v.n) map_entry{k, val};
            ++v.n;
        }
        return sorted_map(std::span<map_entry>(v.data(), v.n));
    }
    std::vector<map_entry> v;
    v.reserve(entries.size());
    for (const auto& [k, val] : entries)
        v.push_back(map_entry{k, val});
    return sorted_map(v);
}

term map_put(const term& m, term key, term value) {
    auto old = m.map_entries();
    std::vector<map_entry> v(old.begin(), old.end());
    v.push_back(map_entry{std::move(key), std::move(value)});
    return map_from(std::move(v));
}

term binary(std::span<const std::uint8_t> bytes) {
    binary_node* node = detail::new_binary_node(bytes.size());
    if (!bytes.empty()) std::memcpy(node->inline_bytes(), bytes.data(), bytes.size());
    return term::internal::adopt(term_kind::binary, node);
}

term binary(std::string_view bytes) {
    return binary(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(bytes.data()),
                                                bytes.size()));
}

term sub_binary(const term& bin, std::size_t offset, std::size_t length) {
    auto bytes = bin.binary_bytes();
    if (!bin.is_binary()) return binary(std::string_view());
    offset = std::min(offset, bytes.size());
    length = std::min(length, bytes.size() - offset);
    if (offset == 0 && length == bytes.size()) return bin;
    auto* b = static_cast<binary_node*>(term::internal::node(bin));
    binary_node* owner = b->owner != nullptr ? b->owner : b;
    owner->refs.fetch_add(1, std::memory_order_relaxed);
    auto* node = new (allocate_with<binary_node>(0)) binary_node(b->data + offset, length, owner);
    return term::internal::adopt(term_kind::binary, node);
}

binary_buffer::binary_buffer(std::size_t capacity)
    : node_(detail::new_binary_node(capacity)), capacity_(capacity) {}

binary_buffer::~binary_buffer() {
    if (node_ != nullptr) detail::destroy_node(node_);
}

binary_buffer::binary_buffer(binary_buffer&& other) noexcept
    : node_(std::exchange(other.node_, nullptr)), capacity_(std::exchange(other.capacity_, 0)) {}

binary_buffer& binary_buffer::operator=(binary_buffer&& other) noexcept {
    if (this != &other) {
        if (node_ != nullptr) detail::destroy_node(node_);
        node_ = std::exchange(other.node_, nullptr);
        capacity_ = std::exchange(other.capacity_, 0);
    }
    return *this;
}

std::uint8_t* binary_buffer::data() noexcept {
    return node_ != nullptr ? node_->inline_bytes() : nullptr;
}

term binary_buffer::release(std::size_t used) {
    if (node_ == nullptr) return binary(std::string_view());
    used = std::min(used, capacity_);
    // Keeping a mostly empty large buffer alive for a small binary wastes
    // memory for as long as the binary lives; copy out instead.
    if (capacity_ > 256 && used < capacity_ / 2) {
        term small = binary(std::span<const std::uint8_t>(node_->inline_bytes(), used));
        detail::destroy_node(std::exchange(node_, nullptr));
        capacity_ = 0;
        return small;
    }
    node_->size = used;
    capacity_ = 0;
    return term::internal::adopt(term_kind::binary, std::exchange(node_, nullptr));
}

term make_pid_term(std::uint64_t n) noexcept {
    return term::internal::number_like(term_kind::pid, n);
}

term ref_term(std::uint64_t n) noexcept {
    return term::internal::number_like(term_kind::reference, n);
}

term make_ref() {
    static std::atomic<std::uint64_t> next{1};
    return ref_term(next.fetch_add(1, std::memory_order_relaxed));
}

}  // namespace esock
