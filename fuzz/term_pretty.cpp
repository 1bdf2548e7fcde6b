// SPDX-License-Identifier: Apache-2.0
// ~p layout at random line lengths and columns. The first two bytes choose
// the line length (0 to 127) and the start column (-2 to 77); the rest is an
// Erlang literal. Whatever parses is printed with format_p, and the text
// must:
//
//  1. read back as the same term;
//  2. be the one-line text with line breaks put in: taking out every new
//     line and the indentation after it (and giving a broken " =>" its
//     space back) gives format_p(t, 0) exactly;
//  3. be that one line when it fits (fewer characters than line length -
//     column);
//  4. keep within the line length wherever OTP's layout can: a line that
//     runs past it holds one element that did not fit where it had to go
//     (the first on its line), after nothing but opening brackets and tuple
//     tags, and followed by nothing but closing brackets and one separator;
//     or it is a line of a binary's bytes that OTP wraps at no fewer than
//     eight characters; or it runs past only by the " =>" after a map key,
//     which OTP's fit test for the key leaves out.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <esock/term_text.hpp>

namespace {

[[noreturn]] void fail() {
    std::abort();
}

// Characters of UTF-8 text (the printers write code points below 256).
std::size_t chars(std::string_view s) {
    std::size_t n = 0;
    for (char c : s)
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    return n;
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    for (;;) {
        const std::size_t nl = text.find('\n');
        lines.push_back(text.substr(0, nl));
        if (nl == std::string_view::npos) return lines;
        text.remove_prefix(nl + 1);
    }
}

std::string without_breaks(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\n') {
            out.push_back(text[i]);
            continue;
        }
        while (i + 1 < text.size() && text[i + 1] == ' ')
            ++i;
        if (out.ends_with(" =>")) out.push_back(' ');
    }
    return out;
}

enum class item { open, close, comma, bar, arrow, leaf, byte, bytes_open, bytes_close };

struct lexed {
    item kind;
    std::size_t first_column;  // 1-based column of the item's first character
    std::size_t end_column;    // and of its last
};

// The items of one line after its indentation. `in_bytes` carries across
// lines whether the text is inside a binary written as integers.
std::vector<lexed> lex(std::string_view line, bool& in_bytes) {
    std::vector<lexed> items;
    std::size_t i = 0;
    std::size_t col = 0;  // characters before position i
    auto advance = [&](std::size_t to) {
        col += chars(line.substr(i, to - i));
        i = to;
    };
    while (i < line.size() && line[i] == ' ')
        advance(i + 1);
    auto quoted_end = [&](std::size_t at) {
        const char q = line[at];
        std::size_t j = at + 1;
        while (j < line.size() && line[j] != q)
            j += line[j] == '\\' ? 2 : 1;
        return std::min(j + 1, line.size());
    };
    while (i < line.size()) {
        const std::string_view rest = line.substr(i);
        std::size_t to = i + 1;
        item kind = item::leaf;
        if (rest.starts_with("[]") || rest.starts_with("{}") || rest.starts_with("<<>>") ||
            rest.starts_with("#{}")) {
            to = i + (rest[0] == '#' ? 3 : rest[0] == '<' ? 4 : 2);
        } else if (rest.starts_with(" => ") || rest == " =>") {
            kind = item::arrow;
            to = i + (rest == " =>" ? 3 : 4);
        } else if (rest.starts_with("#{")) {
            kind = item::open;
            to = i + 2;
        } else if (rest.starts_with("<<\"")) {
            to = quoted_end(i + 2);
            if (line.substr(to).starts_with(">>")) to += 2;
        } else if (rest.starts_with("<<")) {
            kind = item::bytes_open;
            to = i + 2;
            in_bytes = true;
        } else if (rest.starts_with(">>")) {
            kind = item::bytes_close;
            to = i + 2;
            in_bytes = false;
        } else if (rest[0] == '[' || rest[0] == '{') {
            kind = item::open;
        } else if (rest[0] == ']' || rest[0] == '}') {
            kind = item::close;
        } else if (rest[0] == ',') {
            kind = item::comma;
        } else if (rest[0] == '|') {
            kind = item::bar;
        } else if (rest[0] == '\'' || rest[0] == '"') {
            to = quoted_end(i);
        } else if (rest[0] == '<' || rest[0] == '#') {
            to = line.find('>', i);  // a pid or a reference
            to = to == std::string_view::npos ? line.size() : to + 1;
        } else {
            to = line.find_first_of(" ,|[]{}<>", i);
            if (to == std::string_view::npos) to = line.size();
            if (to == i) to = i + 1;
            if (in_bytes) kind = item::byte;
        }
        const std::size_t first_column = col + 1;
        advance(to);
        items.push_back({kind, first_column, col});
    }
    return items;
}

// Invariant 4 for one line longer than the line length.
bool overlong_line_is_forced(const std::vector<lexed>& items, std::size_t line_length) {
    std::size_t k = 0;
    // Opening brackets and "{Tag," prefixes.
    for (;;) {
        if (k < items.size() && items[k].kind == item::open) {
            ++k;
        } else if (k + 2 < items.size() && k > 0 && items[k - 1].kind == item::open &&
                   items[k].kind == item::leaf && items[k + 1].kind == item::comma) {
            k += 2;
        } else {
            break;
        }
    }
    if (k < items.size() && (items[k].kind == item::bytes_open || items[k].kind == item::byte)) {
        // Bytes: the line keeps within the line length up to its last byte,
        // or holds no more than eight characters of them.
        if (items[k].kind == item::bytes_open) ++k;
        const std::size_t first = k;
        std::size_t last = k;
        while (last < items.size() &&
               (items[last].kind == item::byte || items[last].kind == item::comma))
            ++last;
        if (last == first) return false;
        const std::size_t width = items[last - 1].end_column + 1 - items[first].first_column;
        if (items[last - 1].end_column > line_length && width > 8) return false;
        k = last;
    } else {
        if (k >= items.size() || items[k].kind != item::leaf) return false;
        ++k;
    }
    while (k < items.size() && (items[k].kind == item::close || items[k].kind == item::bytes_close))
        ++k;
    if (k < items.size() && (items[k].kind == item::comma || items[k].kind == item::bar ||
                             items[k].kind == item::arrow))
        ++k;
    return k == items.size();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    const int line_length = data[0] & 0x7F;
    const int column = static_cast<int>(data[1] % 80) - 2;
    std::string_view text(reinterpret_cast<const char*>(data + 2), size - 2);
    esock::parse_result parsed = esock::parse_term(text);
    if (!parsed.ok()) return 0;
    const esock::term& t = *parsed.value;

    const std::string out = esock::format_p(t, line_length, column);
    esock::parse_result again = esock::parse_term(out);
    if (!again.ok() || !(*again.value == t)) fail();

    const std::string flat = esock::format_p(t, 0);
    if (without_breaks(out) != flat) fail();

    const std::size_t start = static_cast<std::size_t>(column < 1 ? 1 : column);
    if (line_length == 0 || chars(flat) + start < static_cast<std::size_t>(line_length)) {
        if (out != flat) fail();
        return 0;
    }

    bool in_bytes = false;
    bool first = true;
    for (std::string_view line : split_lines(out)) {
        // The first line starts at `start`; the others at column 1.
        std::string shifted;
        if (first) shifted.assign(start - 1, ' ');
        shifted += line;
        first = false;
        const std::vector<lexed> items = lex(shifted, in_bytes);
        // A map key that fits is followed by " =>", which OTP does not count.
        const std::size_t width = chars(shifted) - (shifted.ends_with(" =>") ? 3 : 0);
        if (width > static_cast<std::size_t>(line_length) &&
            !overlong_line_is_forced(items, static_cast<std::size_t>(line_length))) {
            fail();
        }
    }
    return 0;
}
