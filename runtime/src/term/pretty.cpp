// SPDX-License-Identifier: Apache-2.0
// io_lib:format("~*p"): OTP 25's pretty layout (io_lib_pretty with depth -1,
// no character limit, latin-1 strings), with a line length and the column
// the text starts at.
//
// The layout needs the one-line length of every subterm before it decides
// anything, so a term that does not fit on its line is first flattened into
// a tree of nodes in pre-order (each node knowing its one-line length and
// where its subtree ends), with the text of every atomic part rendered once.
// Walks over that tree follow OTP's rules: a checking walk for each
// indentation OTP tries for the elements of tagged tuples (beside the tag,
// then four columns in; the first that keeps every tag in the left half of
// the line wins, else one column in), then the printing walk. The walks and
// the flattening keep their own stacks on the heap, so a term nested a
// million levels deep costs memory, never the C++ stack.
//
// Widths are counted in characters. Every character ~p writes (latin-1
// strings, atoms escaped beyond latin-1) is below 256, so a character is a
// byte of the UTF-8 text that is not a continuation byte.

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <esock/term_text.hpp>

#include "print_internal.hpp"
#include "result_terms.hpp"
#include "term_internal.hpp"

namespace esock {
namespace {

using detail::list_cursor;
using detail::small_stack;

// The shapes OTP's layout tells apart. A leaf is written as it is wherever
// it lands (atomic values, strings, printable binaries, empty containers);
// `bytes` is a binary written as integers, which may be wrapped over lines.
enum class shape : std::uint8_t { leaf, bytes, list, tuple, tagged_tuple, map, pair };

// One subterm. Its children (a pair's are its key and value, a map's are its
// pairs, an improper list's last child is its tail) follow it in pre-order.
struct node {
    std::int64_t len;       // characters of its one-line text
    std::size_t end;        // index one past the last node of its subtree
    std::size_t text;       // leaf, bytes: where its text starts in the tree's text
    std::size_t text_size;  // bytes of that text
    std::size_t children;   // composite shapes
    shape kind;
    bool improper;  // list: the last child is the tail
};

struct tree {
    std::vector<node> nodes;
    std::string text;       // the text of every leaf and bytes node, one after another
    bool has_tags = false;  // some node is a tagged tuple

    [[nodiscard]] std::string_view text_of(const node& n) const noexcept {
        return std::string_view(text).substr(n.text, n.text_size);
    }
};

// A composite node of the tree being built and how far its walk has got.
struct build_frame {
    std::size_t index;  // the node
    std::int64_t len;   // sum of the lengths of the children so far
    std::size_t children;
    std::size_t next;   // tuple: next element; map: next entry; pair: 0 key, 1 value
    std::size_t count;  // tuple arity, map size
    const term* items;
    const map_entry* entries;
    list_cursor cursor;  // list: on the next cell
    bool in_tail;        // list: the improper tail has been visited
};

class tree_builder {
  public:
    explicit tree_builder(tree& out) : t_(out) {}

    void build(const term& root) {
        visit(root);
        while (!open_.empty()) {
            const term* child = next_child();
            if (child != nullptr) visit(*child);
        }
    }

  private:
    // The next child of the innermost open node; nullptr when it has none
    // left (it is then finished) or when a pair node was opened instead.
    const term* next_child() {
        build_frame& f = open_.top();
        const node& n = t_.nodes[f.index];
        switch (n.kind) {
            case shape::tuple:
            case shape::tagged_tuple:
                if (f.next < f.count) return &f.items[f.next++];
                break;
            case shape::map:
                if (f.next < f.count) {
                    const map_entry* e = &f.entries[f.next++];
                    open(shape::pair, build_frame{0, 0, 0, 0, 2, nullptr, e, list_cursor(), false});
                    return nullptr;
                }
                break;
            case shape::pair:
                if (f.next == 0) {
                    ++f.next;
                    return &f.entries->key;
                }
                if (f.next == 1) {
                    ++f.next;
                    return &f.entries->value;
                }
                break;
            case shape::list:
                if (f.cursor.at_cell()) {
                    const term* h = &f.cursor.head();
                    f.cursor.next();
                    return h;
                }
                if (!f.in_tail && !f.cursor.end().is_nil()) {
                    f.in_tail = true;
                    return &f.cursor.end();
                }
                break;
            case shape::leaf:
            case shape::bytes:
                break;
        }
        finish();
        return nullptr;
    }

    void visit(const term& v) {
        switch (v.kind()) {
            case term_kind::tuple: {
                const auto items = v.tuple_elements();
                if (items.empty()) return leaf("{}");
                const bool tagged = items.size() > 1 && items[0].is_atom();
                t_.has_tags = t_.has_tags || tagged;
                open(tagged ? shape::tagged_tuple : shape::tuple,
                     build_frame{0, 0, 0, 0, items.size(), items.data(), nullptr, list_cursor(),
                                 false});
                return;
            }
            case term_kind::map: {
                const auto entries = v.map_entries();
                if (entries.empty()) return leaf("#{}");
                open(shape::map, build_frame{0, 0, 0, 0, entries.size(), nullptr, entries.data(),
                                             list_cursor(), false});
                return;
            }
            case term_kind::list:
                if (detail::is_printable_list(v)) {
                    const std::size_t at = t_.text.size();
                    detail::append_string(t_.text, v);
                    return add_text_node(shape::leaf, at);
                }
                open(shape::list,
                     build_frame{0, 0, 0, 0, 0, nullptr, nullptr, list_cursor(v), false});
                return;
            case term_kind::binary: {
                const auto bytes = v.binary_bytes();
                const std::size_t at = t_.text.size();
                detail::append_binary(t_.text, bytes, true);
                const bool as_text = bytes.empty() || detail::is_printable_binary(bytes);
                return add_text_node(as_text ? shape::leaf : shape::bytes, at);
            }
            default: {
                const std::size_t at = t_.text.size();
                detail::append_scalar(t_.text, v);
                return add_text_node(shape::leaf, at);
            }
        }
    }

    void leaf(std::string_view text) {
        const std::size_t at = t_.text.size();
        t_.text += text;
        add_text_node(shape::leaf, at);
    }

    void add_text_node(shape kind, std::size_t at) {
        const std::size_t size = t_.text.size() - at;
        const auto len = static_cast<std::int64_t>(
            detail::printed_chars(std::string_view(t_.text).substr(at, size)));
        t_.nodes.push_back(node{len, t_.nodes.size() + 1, at, size, 0, kind, false});
        add_to_parent(len);
    }

    void open(shape kind, build_frame f) {
        f.index = t_.nodes.size();
        t_.nodes.push_back(node{0, 0, 0, 0, 0, kind, false});
        open_.push(f);
    }

    // The innermost open node has all its children: its length is theirs
    // plus its brackets and separators.
    void finish() {
        const build_frame f = open_.top();
        open_.pop();
        node& n = t_.nodes[f.index];
        const auto seps = static_cast<std::int64_t>(f.children) - 1;
        std::int64_t around = 0;
        switch (n.kind) {
            case shape::map:
                around = 3 + seps;  // #{ } and the commas
                break;
            case shape::pair:
                around = 4;  // " => "
                break;
            default:
                around = 2 + seps;  // the brackets and the commas (or the |)
                break;
        }
        n.len = f.len + around;
        n.end = t_.nodes.size();
        n.children = f.children;
        n.improper = f.in_tail;
        add_to_parent(n.len);
    }

    void add_to_parent(std::int64_t len) {
        if (open_.empty()) return;
        build_frame& parent = open_.top();
        parent.len += len;
        ++parent.children;
    }

    tree& t_;
    small_stack<build_frame, 32> open_;
};

// What a walk does next.
enum class step : std::uint8_t {
    node,   // lay out one node (OTP's pp / cind)
    items,  // the elements of a list or tuple (pp_list, pp_tail)
    pairs,  // the pairs of a map (pp_map, pp_pairs_tail)
    arrow,  // " =>" and a new line between a broken pair's key and value
};

struct walk_frame {
    step what;
    bool first;         // items, pairs: the next one is the first laid out
    bool improper;      // items: the last child is a list's tail
    char close;         // items, pairs: the closing bracket
    std::size_t at;     // node: the node; items, pairs: the next child
    std::size_t left;   // items, pairs: children still to lay out
    std::int64_t col0;  // items, pairs: the column a broken line starts at
    std::int64_t col;   // the current column
    std::int64_t ind;   // the indentation of new lines (spaces)
    std::int64_t ld;    // characters that follow on the last line (closing brackets)
    std::int64_t w;     // characters already on the line
};

// The layout of a tree for one line length and total length. One walk
// either checks an indentation (emit == false: OTP's cind, which gives up
// when a tag sits further right than half the line) or prints (emit ==
// true: OTP's pp). The two follow the same path through the tree; where
// OTP's checking walk counts columns a little differently from its printing
// walk, this one does too, so that both decide alike.
class layout {
  public:
    layout(const tree& t, std::int64_t line_length)
        : t_(t), ll_(line_length), m_(t.nodes.front().len) {}

    // Whether indentation `tind` holds for the whole term from column `col`.
    [[nodiscard]] bool fits_indentation(std::int64_t tind, std::int64_t col) {
        return walk(nullptr, tind, col);
    }
    // Appends the term laid out with indentation `tind` from column `col`.
    void print(std::string& out, std::int64_t tind, std::int64_t col) { walk(&out, tind, col); }

  private:
    // OTP's test whether a subterm still fits on the current line.
    [[nodiscard]] bool fits(std::int64_t len, std::int64_t col, std::int64_t ld,
                            std::int64_t w) const noexcept {
        return len < ll_ - col - ld && len + w + ld <= m_;
    }
    // Whether one more element (ELen characters with its comma) stays on the
    // line: with nothing after it on the line, one character is kept free.
    [[nodiscard]] bool stays(std::int64_t elen, std::int64_t col, std::int64_t ld,
                             std::int64_t w) const noexcept {
        if (ld == 0) return elen + 1 < ll_ - col && w + elen + 1 <= m_;
        return elen < ll_ - col - ld && w + elen + ld <= m_;
    }
    [[nodiscard]] bool is_leaf(std::size_t i) const noexcept {
        return t_.nodes[i].kind == shape::leaf;
    }
    // A pair whose key and value are both leaves may share a line.
    [[nodiscard]] bool is_leaf_pair(std::size_t p) const noexcept {
        return is_leaf(p + 1) && is_leaf(t_.nodes[p + 1].end);
    }

    bool walk(std::string* out, std::int64_t tind, std::int64_t col) {
        out_ = out;
        tind_ = tind;
        stack_.clear();
        push({step::node, false, false, 0, 0, 0, 0, col, col - 1, 0, 0});
        while (!stack_.empty()) {
            switch (stack_.back().what) {
                case step::node: {
                    const walk_frame f = stack_.back();
                    stack_.pop_back();
                    if (!lay_node(f)) return false;
                    break;
                }
                case step::items:
                    lay_item();
                    break;
                case step::pairs:
                    lay_pair();
                    break;
                case step::arrow:
                    put(" =>");
                    new_line(stack_.back().ind);
                    stack_.pop_back();
                    break;
            }
        }
        return true;
    }

    bool lay_node(const walk_frame& f) {
        const std::size_t i = f.at;
        const node& n = t_.nodes[i];
        if (fits(n.len, f.col, f.ld, f.w)) {
            put_flat(i);
            return true;
        }
        switch (n.kind) {
            case shape::leaf:
                put(t_.text_of(n));
                return true;
            case shape::bytes:
                put_bytes(n, f.col + 2, f.ind + 2, f.ld, f.w);
                return true;
            case shape::list:
            case shape::tuple:
                put(n.kind == shape::list ? "[" : "{");
                push({step::items, true, n.improper, n.kind == shape::list ? ']' : '}', i + 1,
                      n.children, f.col + 1, f.col + 1, f.ind + 1, f.ld, f.w + 1});
                return true;
            case shape::tagged_tuple:
                return lay_tagged(f, n);
            case shape::map:
                put("#{");
                // OTP's checking walk counts "#{" as two characters on the
                // line, its printing walk as one.
                push({step::pairs, true, false, '}', i + 1, n.children, f.col + 2, f.col + 2,
                      f.ind + 2, f.ld, f.w + (emitting() ? 1 : 2)});
                return true;
            case shape::pair:
                break;  // pairs are laid out by lay_pair
        }
        return true;
    }

    // {Tag, ...}: the elements go beside the tag, or, when the tag is longer
    // than the indentation, on the lines below it.
    bool lay_tagged(const walk_frame& f, const node& n) {
        const std::size_t tag = f.at + 1;
        const std::int64_t tlen = t_.nodes[tag].len;
        const std::int64_t tag_ind = tlen + 2;
        const std::int64_t tcol = f.col + tag_ind;
        const std::size_t rest = t_.nodes[tag].end;
        if (tind_ > 0 && tag_ind > tind_) {
            const std::int64_t col1 = f.col + tind_;
            if (!emitting() && !(m_ + col1 <= ll_ || col1 <= ll_ / 2)) return false;
            put("{");
            put(t_.text_of(t_.nodes[tag]));
            push({step::items, false, false, '}', rest, n.children - 1, col1, tcol, f.ind + tind_,
                  f.ld, f.w + 1 + tlen});
            return true;
        }
        if (!emitting() && !(m_ + tcol < ll_ || tcol < ll_ / 2)) return false;
        put("{");
        put(t_.text_of(t_.nodes[tag]));
        put(",");
        push({step::items, true, false, '}', rest, n.children - 1, tcol, tcol, f.ind + tag_ind,
              f.ld, f.w + 1 + tlen + 1});
        return true;
    }

    // When the top frame `f` has no children left: its closing bracket, and
    // the frame is gone.
    bool closed(const walk_frame& f) {
        if (f.left > 0) return false;
        put(std::string_view(&f.close, 1));
        stack_.pop_back();
        return true;
    }
    // The next child of `f`, which moves past it.
    std::size_t take_child(walk_frame& f) const noexcept {
        const std::size_t c = f.at;
        f.at = t_.nodes[c].end;
        --f.left;
        return c;
    }

    // The next element of a list or tuple (or the closing bracket), on the
    // frame on top of the stack. Whatever it pushes comes last, as a push
    // moves the frame.
    void lay_item() {
        walk_frame& f = stack_.back();
        if (closed(f)) return;
        const std::size_t c = take_child(f);
        const node& e = t_.nodes[c];
        const bool leaf = e.kind == shape::leaf;
        if (f.improper && f.left == 0) {
            // The tail of an improper list, after "|".
            const std::int64_t ld = f.ld + 1;
            put("|");
            if (leaf && e.len + 1 < ll_ - f.col - ld && e.len + 1 + f.w + ld <= m_) {
                put(t_.text_of(e));
                return;
            }
            new_line(f.ind);
            // OTP's checking walk goes on from the current column here, its
            // printing walk from the new line's.
            push({step::node, false, false, 0, c, 0, 0, emitting() ? f.col0 : f.col, f.ind, ld, 0});
            return;
        }
        // Nothing but closing brackets follows the last element on its line.
        const std::int64_t ld = f.left > (f.improper ? 1u : 0u) ? 0 : f.ld + 1;
        if (f.first) {
            f.first = false;
            const bool inline_leaf = leaf && fits(e.len, f.col0, ld, f.w);
            const std::int64_t we =
                inline_leaf ? e.len : ll_;  // ll_ forces the next onto a new line
            const std::int64_t w = f.w;
            f.col = f.col0 + we;
            f.w += we;
            if (inline_leaf) {
                put(t_.text_of(e));
            } else {
                push({step::node, false, false, 0, c, 0, 0, f.col0, f.ind, ld, w});
            }
            return;
        }
        const std::int64_t elen = 1 + e.len;
        if (leaf && stays(elen, f.col, ld, f.w)) {
            f.col += elen;
            f.w += elen;
            put(",");
            put(t_.text_of(e));
            return;
        }
        const bool inline_leaf = leaf && fits(e.len, f.col0, ld, 0);
        const std::int64_t we = inline_leaf ? e.len : ll_;
        f.col = f.col0 + we;
        f.w = we;
        put(",");
        new_line(f.ind);
        if (inline_leaf) {
            put(t_.text_of(e));
        } else {
            push({step::node, false, false, 0, c, 0, 0, f.col0, f.ind, ld, 0});
        }
    }

    // The next pair of a map (or the closing brace), as lay_item.
    void lay_pair() {
        walk_frame& f = stack_.back();
        if (closed(f)) return;
        const std::size_t p = take_child(f);
        const node& pn = t_.nodes[p];
        const std::int64_t ld = f.left > 0 ? 0 : f.ld + 1;
        if (f.first) {
            f.first = false;
            const bool flat = fits(pn.len, f.col0, ld, f.w);
            const std::int64_t pw = flat && is_leaf_pair(p) ? pn.len : ll_;
            const std::int64_t w = f.w;
            f.col = f.col0 + pw;
            // OTP's printing walk restarts the count of characters on the
            // line here; its checking walk adds to it.
            f.w = emitting() ? pw : f.w + pw;
            lay_pair_at(p, flat, f.col0, f.ind, ld, w);
            return;
        }
        const std::int64_t elen = 1 + pn.len;
        if (is_leaf_pair(p) && stays(elen, f.col, ld, f.w)) {
            f.col += elen;
            f.w += elen;
            put(",");
            put_flat(p);
            return;
        }
        const bool flat = fits(pn.len, f.col0, ld, 0);
        const std::int64_t pw = flat && is_leaf_pair(p) ? pn.len : ll_;
        f.col = f.col0 + pw;
        f.w = pw;
        put(",");
        new_line(f.ind);
        lay_pair_at(p, flat, f.col0, f.ind, ld, 0);
    }

    // One pair, on one line when `flat`, else the key, " =>" and the value
    // indented below it.
    void lay_pair_at(std::size_t p, bool flat, std::int64_t col, std::int64_t ind, std::int64_t ld,
                     std::int64_t w) {
        if (flat) {
            put_flat(p);
            return;
        }
        const std::size_t key = p + 1;
        const std::size_t value = t_.nodes[key].end;
        const std::int64_t i = tind_ > 0 ? tind_ : 4;
        // Pushed in reverse: the key is laid out first.
        push({step::node, false, false, 0, value, 0, 0, col + i, ind + i, ld, 0});
        push({step::arrow, false, false, 0, 0, 0, 0, 0, ind + i, 0, 0});
        push({step::node, false, false, 0, key, 0, 0, col, ind, ld, w});
    }

    // A binary written as integers, wrapped so that each line keeps within
    // the room OTP computes once for the whole binary.
    void put_bytes(const node& n, std::int64_t col, std::int64_t ind, std::int64_t ld,
                   std::int64_t w) {
        if (!emitting()) return;
        const std::int64_t room = std::max<std::int64_t>(8, std::min(ll_ - col, m_ - 4 - w) - ld);
        std::string_view body = t_.text_of(n);
        body = body.substr(2, body.size() - 4);  // inside << >>
        put("<<");
        std::int64_t left = room;
        for (;;) {
            const std::size_t comma = body.find(',');
            const std::string_view byte = body.substr(0, comma);
            if (comma == std::string_view::npos) {
                if (static_cast<std::int64_t>(byte.size()) > left) new_line(ind);
                put(byte);
                break;
            }
            const auto len = static_cast<std::int64_t>(byte.size()) + 1;
            if (left - len < 0) {
                new_line(ind);
                left = room - len;
            } else {
                left -= len;
            }
            put(byte);
            put(",");
            body.remove_prefix(comma + 1);
        }
        put(">>");
    }

    // Appends node `i`'s subtree on one line.
    void put_flat(std::size_t i) {
        if (!emitting()) return;
        const node& root = t_.nodes[i];
        if (root.kind == shape::leaf || root.kind == shape::bytes) {
            put(t_.text_of(root));
            return;
        }
        // Each open composite: how many of its children have started.
        struct open_node {
            std::size_t index;
            std::size_t started;
        };
        small_stack<open_node, 32> open;
        for (std::size_t j = i; j < root.end; ++j) {
            if (!open.empty()) {
                open_node& parent = open.top();
                const node& pn = t_.nodes[parent.index];
                if (parent.started > 0) {
                    if (pn.kind == shape::pair) {
                        put(" => ");
                    } else if (pn.improper && parent.started + 1 == pn.children) {
                        put("|");
                    } else {
                        put(",");
                    }
                }
                ++parent.started;
            }
            const node& n = t_.nodes[j];
            switch (n.kind) {
                case shape::leaf:
                case shape::bytes:
                    put(t_.text_of(n));
                    break;
                case shape::list:
                    put("[");
                    break;
                case shape::tuple:
                case shape::tagged_tuple:
                    put("{");
                    break;
                case shape::map:
                    put("#{");
                    break;
                case shape::pair:
                    break;
            }
            if (n.kind != shape::leaf && n.kind != shape::bytes) {
                open.push({j, 0});
                continue;
            }
            // A leaf may complete the composites it ends.
            while (!open.empty() && open.top().started == t_.nodes[open.top().index].children) {
                switch (t_.nodes[open.top().index].kind) {
                    case shape::list:
                        put("]");
                        break;
                    case shape::pair:
                        break;
                    default:
                        put("}");
                        break;
                }
                open.pop();
            }
        }
    }

    [[nodiscard]] bool emitting() const noexcept { return out_ != nullptr; }
    void put(std::string_view s) {
        if (out_ != nullptr) out_->append(s);
    }
    void new_line(std::int64_t ind) {
        if (out_ == nullptr) return;
        out_->push_back('\n');
        out_->append(static_cast<std::size_t>(std::max<std::int64_t>(ind, 0)), ' ');
    }
    void push(const walk_frame& f) { stack_.push_back(f); }

    const tree& t_;
    const std::int64_t ll_;
    const std::int64_t m_;  // the whole term's one-line length (OTP's M)
    std::string* out_ = nullptr;
    std::int64_t tind_ = 0;
    std::vector<walk_frame> stack_;
};

bool may_break(const term& t) noexcept {
    switch (t.kind()) {
        case term_kind::tuple:
        case term_kind::list:
        case term_kind::map:
        case term_kind::binary:
            return true;
        default:
            return false;
    }
}

}  // namespace

void write_p(std::string& out, const term& t, int line_length, int column) {
    // io_lib:format takes a negative field width for left adjustment, which
    // ~p does not have: it raises badarg.
    if (line_length < 0) result_terms::raise(atoms::badarg);
    const std::int64_t col = std::max(column, 1);
    // Atoms, numbers, pids and references are written as they are; so is
    // everything when the line length is 0.
    if (line_length == 0 || !may_break(t)) {
        detail::write_flat(out, t, true);
        return;
    }
    // Whatever fits on its line is written on it. A character takes at most
    // two bytes, so a text of more than twice the room does not fit, and
    // writing it stops there.
    const std::int64_t room = line_length - col;
    const std::size_t start = out.size();
    if (room > 0 && detail::write_flat(out, t, true, static_cast<std::size_t>(room) * 2)) {
        const auto len =
            static_cast<std::int64_t>(detail::printed_chars(std::string_view(out).substr(start)));
        if (len < room) return;
    }
    out.resize(start);
    // The tree's buffers are kept from one call to the next on this thread,
    // which saves growing them each time, unless a big term made them big.
    thread_local tree tr;
    tr.nodes.clear();
    tr.text.clear();
    tr.has_tags = false;
    struct trim {
        ~trim() {
            if (tr.nodes.capacity() > 16384 || tr.text.capacity() > 262144) tr = tree();
        }
    } trim_after;
    tree_builder(tr).build(t);
    layout lay(tr, line_length);
    // The indentation of the elements after a tag: beside the tag where
    // every tag leaves room, else four columns in, else one. (Only tags can
    // fail the check.)
    std::int64_t tind = 1;
    if (!tr.has_tags || lay.fits_indentation(-1, col)) {
        tind = -1;
    } else if (lay.fits_indentation(4, col)) {
        tind = 4;
    }
    lay.print(out, tind, col);
}

void write_p(std::string& out, const term& t) {
    write_p(out, t, 9999);
}

std::string format_p(const term& t, int line_length, int column) {
    std::string out;
    write_p(out, t, line_length, column);
    return out;
}

std::string format_p(const term& t) {
    return format_p(t, 9999);
}

}  // namespace esock
