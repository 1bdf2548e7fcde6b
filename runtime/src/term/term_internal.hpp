// Heap node layouts and helpers shared by the term sources. Not installed.
#ifndef ESOCK_SRC_TERM_INTERNAL_HPP
#define ESOCK_SRC_TERM_INTERNAL_HPP

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
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

// The pending work of a walk over a term that may be nested arbitrarily
// deep (destruction, comparison, hashing, matching): the walks keep it here
// instead of on the call stack, so that their depth costs heap memory, never
// stack frames. The first N entries live inside the object.
template <class T, std::size_t N>
class work_stack {
  public:
    [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
    // Throws std::bad_alloc when the heap part cannot grow.
    void push(const T& v) {
        if (size_ < N) {
            local_[size_] = v;
        } else {
            spill_.push_back(v);
        }
        ++size_;
    }
    [[nodiscard]] T& top() noexcept { return size_ <= N ? local_[size_ - 1] : spill_.back(); }
    void pop() noexcept {
        if (size_ > N) spill_.pop_back();
        --size_;
    }

  private:
    std::array<T, N> local_;  // the first min(size_, N) are set
    std::vector<T> spill_;
    std::size_t size_ = 0;
};

// Where a walk along a list is: cell `index` of `node`, or, once past the
// last cell, the tail `end` (any term that is not a list cell).
struct list_cursor {
    const list_node* node = nullptr;
    std::uint32_t index = 0;
    const term* end = nullptr;

    [[nodiscard]] bool at_cell() const noexcept { return end == nullptr; }
    [[nodiscard]] const term& head() const noexcept { return node->elements()[index]; }
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

// A cursor at the first cell of `t`, or at `t` itself as the end when it is
// not a list cell.
inline list_cursor cursor_at(const term& t) noexcept {
    if (!t.is_cons()) return {nullptr, 0, &t};
    return {static_cast<const list_node*>(term::internal::node(t)), term::internal::aux(t),
            nullptr};
}

// Moves a cursor that is at a cell to the next cell, or to the list's tail.
inline void advance(list_cursor& c) noexcept {
    if (c.index + 1 < c.node->length) {
        ++c.index;
        return;
    }
    c = cursor_at(c.node->tail);
}

}  // namespace detail

}  // namespace esock

#endif  // ESOCK_SRC_TERM_INTERNAL_HPP
