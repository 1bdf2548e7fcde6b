// SPDX-License-Identifier: Apache-2.0
// Heap node layouts and helpers shared by the term sources. Not installed.
#ifndef ESOCK_SRC_TERM_INTERNAL_HPP
#define ESOCK_SRC_TERM_INTERNAL_HPP

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <esock/term.hpp>

namespace esock {
namespace detail {

enum class node_type : std::uint8_t { tuple, list, map, binary };

// Elements follow the node in the same allocation.
struct alignas(alignof(term)) tuple_node : heap_node {
    std::uint32_t arity;
    explicit tuple_node(std::uint32_t n) noexcept
        : heap_node(static_cast<std::uint8_t>(node_type::tuple)), arity(n) {}
    term* elements() noexcept { return reinterpret_cast<term*>(this + 1); }
    const term* elements() const noexcept { return reinterpret_cast<const term*>(this + 1); }
};
static_assert(sizeof(tuple_node) % alignof(term) == 0);

// A run of list cells sharing one allocation: element i's tail is the cell
// i + 1, and the last one's tail is `tail`. A list term is (node, start).
struct alignas(alignof(term)) list_node : heap_node {
    std::uint32_t length;
    term tail;
    list_node(std::uint32_t n, term t) noexcept
        : heap_node(static_cast<std::uint8_t>(node_type::list)), length(n), tail(std::move(t)) {}
    term* elements() noexcept { return reinterpret_cast<term*>(this + 1); }
    const term* elements() const noexcept { return reinterpret_cast<const term*>(this + 1); }
};
static_assert(sizeof(list_node) % alignof(term) == 0);

// Entries sorted in map-key order, keys unique.
struct alignas(alignof(term)) map_node : heap_node {
    std::uint32_t size;
    explicit map_node(std::uint32_t n) noexcept
        : heap_node(static_cast<std::uint8_t>(node_type::map)), size(n) {}
    map_entry* entries() noexcept { return reinterpret_cast<map_entry*>(this + 1); }
    const map_entry* entries() const noexcept {
        return reinterpret_cast<const map_entry*>(this + 1);
    }
};
static_assert(sizeof(map_node) % alignof(term) == 0);

// Either owns its bytes (they follow the node; owner == nullptr) or views the
// bytes of `owner`, which it keeps alive: a sub-binary.
struct binary_node : heap_node {
    const std::uint8_t* data;
    std::size_t size;
    binary_node* owner;
    binary_node(const std::uint8_t* d, std::size_t n, binary_node* o) noexcept
        : heap_node(static_cast<std::uint8_t>(node_type::binary)), data(d), size(n), owner(o) {}
    std::uint8_t* inline_bytes() noexcept { return reinterpret_cast<std::uint8_t*>(this + 1); }
};

// Allocates an owning binary node of `size` bytes (uninitialised).
binary_node* new_binary_node(std::size_t size);

// True when io_lib writes `name` between single quotes.
bool atom_needs_quotes(std::string_view name) noexcept;
// Cached atom_needs_quotes of an interned atom.
bool atom_is_quoted(atom a) noexcept;

// Appends the code point `cp` as UTF-8.
void append_utf8(std::string& out, std::uint32_t cp);

// Appends the shortest text that reads back as `value`, in OTP's notation.
void append_float(std::string& out, double value);

}  // namespace detail

// Access to a term's representation for the term sources only.
struct term::internal {
    static term_kind kind(const term& t) noexcept { return t.kind_; }
    static std::uint32_t aux(const term& t) noexcept { return t.aux_; }
    static detail::heap_node* node(const term& t) noexcept { return t.p_; }
    static std::int64_t int_value(const term& t) noexcept { return t.i_; }
    static double float_value(const term& t) noexcept { return t.f_; }

    // Wraps a node whose reference the new term takes over.
    static term adopt(term_kind k, detail::heap_node* n, std::uint32_t aux = 0) noexcept {
        term t;
        t.kind_ = k;
        t.aux_ = aux;
        t.p_ = n;
        return t;
    }
    static term number_like(term_kind k, std::uint64_t v) noexcept {
        term t;
        t.kind_ = k;
        t.u_ = v;
        return t;
    }
};

namespace detail {

// Walks the cells of a list without touching reference counts; the list
// must outlive the cursor. Trivially copyable, so it can sit in the frames
// of the iterative walkers.
class list_cursor {
  public:
    // A cursor on no list (for frames that walk something else).
    list_cursor() noexcept = default;
    // `t` is a list cell, or anything else for a cursor that is at its end.
    explicit list_cursor(const term& t) noexcept { enter(t); }

    // True while the cursor is on a cell (head() is valid).
    [[nodiscard]] bool at_cell() const noexcept { return node_ != nullptr; }
    [[nodiscard]] const term& head() const noexcept { return node_->elements()[index_]; }
    // Moves to the next cell, or to the end.
    void next() noexcept {
        if (++index_ < node_->length) return;
        enter(node_->tail);
    }
    // At the end: what the last cell's tail is ([] for a proper list).
    [[nodiscard]] const term& end() const noexcept { return *end_; }

  private:
    void enter(const term& t) noexcept {
        if (term::internal::kind(t) == term_kind::list) {
            node_ = static_cast<const list_node*>(term::internal::node(t));
            index_ = term::internal::aux(t);
        } else {
            node_ = nullptr;
            end_ = &t;
        }
    }

    const list_node* node_ = nullptr;
    std::uint32_t index_ = 0;
    const term* end_ = nullptr;
};

// The pending work of a walk over a term that may be nested arbitrarily
// deep (destruction, comparison, hashing, matching, printing): the walks
// keep it here instead of on the call stack, so that their depth costs heap
// memory, never stack frames. The first N entries live inside the stack, so
// that walking a shallow term allocates nothing; push throws std::bad_alloc
// when the heap part cannot grow. The inline
// slots are raw storage (nothing is constructed until pushed), hence T must
// be trivially copyable.
template <class T, std::size_t N>
class small_stack {
    static_assert(std::is_trivially_copyable_v<T>);

  public:
    small_stack() noexcept {}  // NOLINT: the inline slots stay uninitialised
    small_stack(const small_stack&) = delete;
    small_stack& operator=(const small_stack&) = delete;

    [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
    [[nodiscard]] std::size_t size() const noexcept { return size_; }
    void push(const T& v) {
        if (size_ < N) {
            new (&inline_[size_ * sizeof(T)]) T(v);
        } else {
            spill_.push_back(v);
        }
        ++size_;
    }
    // The top entry; valid until the next push or pop.
    [[nodiscard]] T& top() noexcept {
        if (size_ > N) return spill_.back();
        return *std::launder(reinterpret_cast<T*>(&inline_[(size_ - 1) * sizeof(T)]));
    }
    void pop() noexcept {
        if (size_ > N) spill_.pop_back();
        --size_;
    }

  private:
    alignas(T) unsigned char inline_[N * sizeof(T)];
    std::vector<T> spill_;
    std::size_t size_ = 0;
};

}  // namespace detail
}  // namespace esock

#endif  // ESOCK_SRC_TERM_INTERNAL_HPP
