// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_TERM_HPP
#define ESOCK_TERM_HPP

/// The Erlang term model: every argument, result and message of esock is a term.
///
/// A term is a 16-byte value. Integers, floats, atoms, pids, references and the
/// empty list live inside it; tuples, lists, maps and binaries point at immutable,
/// reference-counted heap nodes, so copying a term never copies data and terms
/// can be shared between threads freely (the counts are atomic, the nodes are
/// never modified after construction).
///
/// Equality (==) is Erlang's exact equality (=:=): 1 and 1.0 differ. The C++
/// ordering (<=>) is Erlang's term order made total by the map-key rule (an
/// integer sorts before any float); erl_compare() gives Erlang's own ==/<
/// comparison, in which 1 == 1.0.

#include <atomic>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <esock/export.hpp>

namespace esock {

// ---------------------------------------------------------------------------
// Atoms

/// Index of an atom in the process-wide atom table. Atoms are never freed.
class ESOCK_API atom {
  public:
    /// Interns `name` (UTF-8 text). Thread-safe; a known atom costs one hash
    /// lookup under a shared lock. Prefer the constants in esock::atoms.
    explicit atom(std::string_view name);

    /// The atom with table index `index` (which must have been handed out).
    static constexpr atom from_index(std::uint32_t index) noexcept { return atom(index, 0); }

    /// The atom's text (UTF-8). The view stays valid for the life of the program.
    [[nodiscard]] std::string_view name() const noexcept;
    /// The atom's index in the table (what from_index() takes).
    [[nodiscard]] constexpr std::uint32_t index() const noexcept { return index_; }

    ///@{
    /// Equality is an integer compare. Ordering (<=>) is by text, as in Erlang.
    constexpr bool operator==(const atom&) const noexcept = default;
    std::strong_ordering operator<=>(const atom& other) const noexcept;
    ///@}

    /// The atom's name if it exists already, without interning a new one.
    static std::optional<atom> existing(std::string_view name);

  private:
    constexpr atom(std::uint32_t index, int /*tag*/) noexcept : index_(index) {}
    std::uint32_t index_;
};

namespace detail {
enum class predefined_atom : std::uint32_t {
#define ESOCK_ATOM(id) id,
#define ESOCK_ATOM_TEXT(id, text) id,
#include <esock/atoms.def>
#undef ESOCK_ATOM
#undef ESOCK_ATOM_TEXT
    count_
};
}  // namespace detail

/// Atoms interned at start-up, usable in constant expressions.
namespace atoms {
#define ESOCK_ATOM(id)         \
    inline constexpr atom id = \
        atom::from_index(static_cast<std::uint32_t>(detail::predefined_atom::id));
#define ESOCK_ATOM_TEXT(id, text) ESOCK_ATOM(id)
#include <esock/atoms.def>
#undef ESOCK_ATOM
#undef ESOCK_ATOM_TEXT
}  // namespace atoms

// ---------------------------------------------------------------------------
// Terms

/// The kinds of term, declared in Erlang's term order (number < atom < reference
/// < fun < port < pid < tuple < map < nil < list < bitstring). Funs and ports
/// exist in the order only; esock never creates them.
enum class term_kind : std::uint8_t {
    integer,
    float_,
    atom,
    reference,
    pid,
    tuple,
    map,
    nil,
    list,  ///< a non-empty list (a cons), proper or improper
    binary,
};

namespace detail {
/// Header of every reference-counted node (tuple, list run, map, binary).
struct heap_node {
    std::atomic<std::uint32_t> refs{1};
    std::uint8_t type;
    explicit heap_node(std::uint8_t t) noexcept : type(t) {}
    /// Drops one reference; true when it was the last. A count of one is
    /// the caller's own reference, which no other thread can copy, so most
    /// nodes (results nobody shared) go without an atomic read-modify-write;
    /// the acquire orders other threads' earlier drops before the free.
    bool drop_ref() noexcept {
        return refs.load(std::memory_order_acquire) == 1 ||
               refs.fetch_sub(1, std::memory_order_acq_rel) == 1;
    }
};
/// Frees a node whose count reached zero (internal to the library; term
/// calls it through term::free_node).
void destroy_node(heap_node* node) noexcept;
struct binary_node;

constexpr bool is_boxed(term_kind k) noexcept {
    return k == term_kind::tuple || k == term_kind::map || k == term_kind::list ||
           k == term_kind::binary;
}
}  // namespace detail

class term;

/// One key/value pair of a map.
struct map_entry;

/// An Erlang term. Cheap to copy (at most an atomic increment). Thread-safe to
/// share: all nodes are immutable.
class ESOCK_API term {
  public:
    /// The empty list, [].
    constexpr term() noexcept : kind_(term_kind::nil), aux_(0), i_(0) {}
    ~term() { release(); }

    ///@{
    /// Copying shares the other term's node (an atomic increment); moving
    /// takes it and leaves the other term as [].
    term(const term& other) noexcept : kind_(other.kind_), aux_(other.aux_), i_(other.i_) {
        retain();
    }
    term(term&& other) noexcept : kind_(other.kind_), aux_(other.aux_), i_(other.i_) {
        other.kind_ = term_kind::nil;
        other.i_ = 0;
    }
    term& operator=(const term& other) noexcept {
        term copy(other);
        swap(copy);
        return *this;
    }
    term& operator=(term&& other) noexcept {
        term moved(std::move(other));
        swap(moved);
        return *this;
    }
    /// Exchanges the two terms' contents (no counting).
    void swap(term& other) noexcept {
        std::swap(kind_, other.kind_);
        std::swap(aux_, other.aux_);
        std::swap(i_, other.i_);
    }
    ///@}

    /// Integers convert implicitly (bool does not: use esock::boolean()).
    template <class I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool> &&
                                            (sizeof(I) < 8 || std::is_signed_v<I>),
                                        int> = 0>
    constexpr term(I value) noexcept  // NOLINT(google-explicit-constructor)
        : kind_(term_kind::integer), aux_(0), i_(static_cast<std::int64_t>(value)) {}
    /// A float.
    constexpr term(double value) noexcept  // NOLINT(google-explicit-constructor)
        : kind_(term_kind::float_), aux_(0), f_(value) {}
    /// An atom.
    constexpr term(atom a) noexcept  // NOLINT(google-explicit-constructor)
        : kind_(term_kind::atom), aux_(a.index()), i_(0) {}

    // -- inspection (never throws) -------------------------------------------
    /// Which kind of term this is.
    [[nodiscard]] constexpr term_kind kind() const noexcept { return kind_; }
    ///@{
    /// Erlang's type tests: is_integer/1, is_float/1, is_number/1, is_atom/1,
    /// ...; is_atom(a) is true for the atom `a` only.
    [[nodiscard]] bool is_integer() const noexcept { return kind_ == term_kind::integer; }
    [[nodiscard]] bool is_float() const noexcept { return kind_ == term_kind::float_; }
    [[nodiscard]] bool is_number() const noexcept { return is_integer() || is_float(); }
    [[nodiscard]] bool is_atom() const noexcept { return kind_ == term_kind::atom; }
    [[nodiscard]] bool is_atom(atom a) const noexcept {
        return kind_ == term_kind::atom && aux_ == a.index();
    }
    ///@}
    /// true or false.
    [[nodiscard]] bool is_boolean() const noexcept {
        return is_atom(atoms::true_) || is_atom(atoms::false_);
    }
    ///@{
    /// Erlang's is_reference/1, is_pid/1, is_tuple/1.
    [[nodiscard]] bool is_reference() const noexcept { return kind_ == term_kind::reference; }
    [[nodiscard]] bool is_pid() const noexcept { return kind_ == term_kind::pid; }
    [[nodiscard]] bool is_tuple() const noexcept { return kind_ == term_kind::tuple; }
    ///@}
    /// A tuple of exactly `arity` elements.
    [[nodiscard]] bool is_tuple(std::size_t arity) const noexcept;
    /// Erlang's is_map/1.
    [[nodiscard]] bool is_map() const noexcept { return kind_ == term_kind::map; }
    /// The empty list, [].
    [[nodiscard]] bool is_nil() const noexcept { return kind_ == term_kind::nil; }
    /// A non-empty list cell (proper or improper).
    [[nodiscard]] bool is_cons() const noexcept { return kind_ == term_kind::list; }
    /// [] or a list cell (Erlang's is_list/1).
    [[nodiscard]] bool is_list() const noexcept { return is_nil() || is_cons(); }
    /// Erlang's is_binary/1.
    [[nodiscard]] bool is_binary() const noexcept { return kind_ == term_kind::binary; }

    ///@{
    /// The integer, float or atom this term is; nullopt for any other kind
    /// (as_float() of an integer too: no conversion).
    [[nodiscard]] std::optional<std::int64_t> as_int() const noexcept {
        if (is_integer()) return i_;
        return std::nullopt;
    }
    [[nodiscard]] std::optional<double> as_float() const noexcept {
        if (is_float()) return f_;
        return std::nullopt;
    }
    [[nodiscard]] std::optional<atom> as_atom() const noexcept {
        if (is_atom()) return atom::from_index(aux_);
        return std::nullopt;
    }
    ///@}
    /// true/false as a bool; nullopt for anything else.
    [[nodiscard]] std::optional<bool> as_bool() const noexcept;

    /// Tuple elements; an empty span when this is not a tuple.
    [[nodiscard]] std::span<const term> tuple_elements() const noexcept;
    /// Element `i` (0-based) of a tuple, or nullptr when out of range / not a tuple.
    [[nodiscard]] const term* element(std::size_t i) const noexcept;

    /// Map entries in map-key order; an empty span when this is not a map.
    [[nodiscard]] std::span<const map_entry> map_entries() const noexcept;
    /// The value under `key` (exact match, as maps:get/2), or nullptr.
    [[nodiscard]] const term* map_get(const term& key) const noexcept;
    /// The number of keys of a map (0 when this is not a map).
    [[nodiscard]] std::size_t map_size() const noexcept;

    /// Binary contents; an empty span when this is not a binary. The bytes live
    /// as long as any term referring to them.
    [[nodiscard]] std::span<const std::uint8_t> binary_bytes() const noexcept;
    /// Binary contents as text bytes (no encoding check).
    [[nodiscard]] std::string_view binary_view() const noexcept;

    ///@{
    /// Head and tail of a list cell; nullopt for anything else.
    [[nodiscard]] std::optional<term> head() const noexcept;
    [[nodiscard]] std::optional<term> tail() const noexcept;
    ///@}
    /// Number of elements of a proper list; nullopt when improper or not a list.
    [[nodiscard]] std::optional<std::size_t> list_length() const noexcept;
    /// The elements of a proper list; nullopt when improper or not a list.
    [[nodiscard]] std::optional<std::vector<term>> list_to_vector() const;
    /// The elements of a proper list of integers 0..255 (a latin-1 string)
    /// copied into `out`, without allocating: how many there are, or nullopt
    /// when this is no such list or has more than out.size() elements.
    [[nodiscard]] std::optional<std::size_t> latin1_copy(std::span<char> out) const noexcept;

    ///@{
    /// Pid serial (the N of <0.N.0>) or reference number; 0 for other kinds.
    [[nodiscard]] std::uint64_t pid_number() const noexcept { return is_pid() ? u_ : 0; }
    [[nodiscard]] std::uint64_t ref_number() const noexcept { return is_reference() ? u_ : 0; }
    ///@}

    /// Hash consistent with ==.
    [[nodiscard]] std::size_t hash() const noexcept;

    /// The heap node a tuple, list, map or binary term points at: copies of
    /// a term share it, an equal term built anew does not. nullptr for the
    /// other kinds.
    [[nodiscard]] const void* node_identity() const noexcept {
        return detail::is_boxed(kind_) ? p_ : nullptr;
    }
    /// How many terms share that node (1: this one alone); 0 for the other
    /// kinds. A snapshot: other threads may copy or drop theirs meanwhile.
    [[nodiscard]] std::uint32_t share_count() const noexcept {
        return detail::is_boxed(kind_) ? p_->refs.load(std::memory_order_acquire) : 0;
    }

    /// Exact equality (=:=).
    friend ESOCK_API bool operator==(const term& a, const term& b) noexcept;
    /// Total order: Erlang's term order, numbers of equal value ordered integer
    /// first (and, inside maps and everywhere recursively, every integer before
    /// every float, as Erlang orders map keys).
    friend ESOCK_API std::strong_ordering operator<=>(const term& a, const term& b) noexcept;

    // -- internals used by the construction helpers ------------------------------
    struct internal;
    friend struct internal;

  private:
    void retain() const noexcept {
        if (detail::is_boxed(kind_)) p_->refs.fetch_add(1, std::memory_order_relaxed);
    }
    void release() noexcept {
        if (detail::is_boxed(kind_) && p_->drop_ref()) {
            free_node();
        }
    }
    // Out of line and exported, so that the inline release() above needs no
    // internal symbol of the library.
    void free_node() noexcept;

    term_kind kind_;
    std::uint32_t aux_;  // atom index; start offset inside a list node
    union {
        std::int64_t i_;
        std::uint64_t u_;
        double f_;
        detail::heap_node* p_;
    };
};

/// One key/value pair of a map: what term::map_entries() lists.
struct map_entry {
    term key;    ///< the key
    term value;  ///< its value
};

static_assert(sizeof(term) == 16, "a term is two words");

/// Erlang's own comparison: -1, 0 or 1 as for `<` and `==` (1 == 1.0 gives 0).
[[nodiscard]] ESOCK_API int erl_compare(const term& a, const term& b) noexcept;

// ---------------------------------------------------------------------------
// Construction

/// The integer `v`.
[[nodiscard]] inline term integer(std::int64_t v) noexcept {
    return term(v);
}
/// The float `v`.
[[nodiscard]] inline term floating(double v) noexcept {
    return term(v);
}
/// The atom true or false.
[[nodiscard]] inline term boolean(bool b) noexcept {
    return b ? atoms::true_ : atoms::false_;
}
/// [].
[[nodiscard]] inline term nil() noexcept {
    return term();
}

///@{
/// A tuple of the given elements.
[[nodiscard]] ESOCK_API term tuple_from(std::span<const term> elements);
[[nodiscard]] ESOCK_API term tuple_from(std::vector<term>&& elements);
///@}
/// A tuple of the given elements, moved into it (each is left as []).
[[nodiscard]] ESOCK_API term tuple_taking(std::span<term> elements);
/// A tuple of the given elements, each converted to a term: tuple(atoms::ok, 1).
template <class... Ts>
[[nodiscard]] term tuple(Ts&&... elements) {
    term items[] = {term(std::forward<Ts>(elements))..., term()};
    return tuple_taking(std::span<term>(items, sizeof...(Ts)));
}

///@{
/// A proper list of the given elements.
[[nodiscard]] ESOCK_API term list_from(std::span<const term> elements);
[[nodiscard]] ESOCK_API term list_from(std::vector<term>&& elements);
///@}
/// A list of the given elements ending in `tail` (improper unless tail is a list).
[[nodiscard]] ESOCK_API term list_from(std::span<const term> elements, term tail);
/// A proper list of the given elements, each converted to a term: list(1, 2, 3).
template <class... Ts>
[[nodiscard]] term list(Ts&&... elements) {
    term items[] = {term(std::forward<Ts>(elements))..., term()};
    return list_from(std::span<const term>(items, sizeof...(Ts)));
}
/// [head | tail].
[[nodiscard]] ESOCK_API term cons(term head, term tail);
/// A string, i.e. a list of the code points of the UTF-8 `text` (invalid bytes
/// become their own byte values, as latin-1).
[[nodiscard]] ESOCK_API term string(std::string_view utf8_text);
/// A list of the given byte values (latin-1 string).
[[nodiscard]] ESOCK_API term latin1_string(std::string_view bytes);
/// Appends the UTF-8 encoding of code point `cp` (at most 0x10FFFF) to `out`.
ESOCK_API void append_utf8(std::string& out, std::uint32_t cp);

///@{
/// A map; when a key repeats, the last value wins (as in #{K => V1, K => V2}).
[[nodiscard]] ESOCK_API term map_from(std::vector<map_entry> entries);
[[nodiscard]] ESOCK_API term map(std::initializer_list<std::pair<term, term>> entries);
///@}
/// A copy of map `m` with `key` set to `value` (maps:put/3). `m` must be a map.
[[nodiscard]] ESOCK_API term map_put(const term& m, term key, term value);

///@{
/// A binary holding a copy of `bytes`.
[[nodiscard]] ESOCK_API term binary(std::span<const std::uint8_t> bytes);
[[nodiscard]] ESOCK_API term binary(std::string_view bytes);
///@}
/// A sub-binary of `bin`: shares the storage, copies nothing. The range is
/// clamped to the binary.
[[nodiscard]] ESOCK_API term sub_binary(const term& bin, std::size_t offset, std::size_t length);

/// A binary under construction: a writable buffer, turned into a binary term
/// without copying. Not thread-safe until released.
class ESOCK_API binary_buffer {
  public:
    /// A buffer of `capacity` bytes (uninitialised), owned by this object.
    explicit binary_buffer(std::size_t capacity);
    ~binary_buffer();
    binary_buffer(const binary_buffer&) = delete;
    binary_buffer& operator=(const binary_buffer&) = delete;
    ///@{
    /// Moving takes the other buffer's bytes; the other is left empty.
    binary_buffer(binary_buffer&& other) noexcept;
    binary_buffer& operator=(binary_buffer&& other) noexcept;
    ///@}

    /// The writable bytes (capacity() of them), until release().
    [[nodiscard]] std::uint8_t* data() noexcept;
    /// How many bytes data() holds.
    [[nodiscard]] std::size_t capacity() const noexcept { return capacity_; }
    /// The first `used` bytes as a binary; the buffer is empty afterwards. When
    /// much of the capacity would be wasted the bytes are moved to a fitting
    /// allocation.
    [[nodiscard]] term release(std::size_t used);

  private:
    detail::binary_node* node_;
    std::size_t capacity_;
};

/// A new pid term with serial `n` (printed <0.n.0>). The process layer owns
/// the numbering.
[[nodiscard]] ESOCK_API term make_pid_term(std::uint64_t n) noexcept;
/// A fresh reference, unique within this program run. Thread-safe.
[[nodiscard]] ESOCK_API term make_ref();
/// The reference with number `n` (for tests and decoding only).
[[nodiscard]] ESOCK_API term ref_term(std::uint64_t n) noexcept;

}  // namespace esock

namespace std {
/// Hashing terms for unordered containers, consistent with ==.
template <>
struct hash<esock::term> {
    /// t.hash().
    std::size_t operator()(const esock::term& t) const noexcept { return t.hash(); }
};
/// Hashing atoms for unordered containers.
template <>
struct hash<esock::atom> {
    /// A hash of the atom's index.
    std::size_t operator()(const esock::atom& a) const noexcept {
        return std::hash<std::uint32_t>()(a.index());
    }
};
}  // namespace std

#endif  // ESOCK_TERM_HPP
