// SPDX-License-Identifier: Apache-2.0
// Codec http (spec/packets.yaml: http, httph, http_bin, httph_bin): where
// an HTTP line ends, and the term OTP 25's parser makes of it. The grammar
// is OTP's, including what it accepts beyond RFC 2616 (any run of digits
// as a version or status, text after the version, a line feed without a
// carriage return) and how it counts (in C ints, wrapping).

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "generated/packet_codecs.hpp"
#include "packet/frame.hpp"

namespace esock::packet::codecs {
namespace {

using bytes = std::span<const std::uint8_t>;

constexpr bool is_space(std::uint8_t c) noexcept {
    return c == ' ' || c == '\t';
}

constexpr bool is_digit(std::uint8_t c) noexcept {
    return c >= '0' && c <= '9';
}

// The bytes a method or header name ends at: controls, space, non-ASCII
// and RFC 2616's separators. DEL (127) is not one of them for OTP.
constexpr std::array<bool, 256> tspecials = [] {
    std::array<bool, 256> t{};
    for (std::size_t c = 0; c < t.size(); ++c)
        t[c] = c <= ' ' || c >= 128;
    for (const char c : std::string_view("()<>@,;:\\\"/[]?={}"))
        t[static_cast<unsigned char>(c)] = true;
    return t;
}();

constexpr bool is_tspecial(std::uint8_t c) noexcept {
    return tspecials[c];
}

[[nodiscard]] scan_result whole_line(std::size_t length) noexcept {
    return {scan_status::packet, length, 0, length};
}

// Skips spaces and tabs from `at`; true when there was at least one.
bool skip_spaces(bytes l, std::size_t& at) noexcept {
    const std::size_t start = at;
    while (at < l.size() && is_space(l[at]))
        ++at;
    return at != start;
}

// A run of decimal digits from `at` as OTP counts it: in a 32-bit int that
// wraps. `digits` tells how many there were.
std::int32_t read_number(bytes l, std::size_t& at, std::size_t& digits) noexcept {
    std::uint32_t v = 0;
    const std::size_t start = at;
    while (at < l.size() && is_digit(l[at])) {
        v = v * 10 + static_cast<std::uint32_t>(l[at] - '0');
        ++at;
    }
    digits = at - start;
    return static_cast<std::int32_t>(v);
}

bool starts_with(bytes l, std::size_t at, std::string_view prefix, bool any_case) noexcept {
    if (l.size() - at < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        std::uint8_t c = l[at + i];
        if (any_case && c >= 'A' && c <= 'Z') c = static_cast<std::uint8_t>(c - 'A' + 'a');
        if (c != static_cast<std::uint8_t>(prefix[i])) return false;
    }
    return true;
}

// The index of the first `c` in `l`, or l.size().
std::size_t find_byte(bytes l, std::uint8_t c) noexcept {
    if (l.empty()) return 0;
    const void* hit = std::memchr(l.data(), c, l.size());
    return hit != nullptr ? static_cast<const std::uint8_t*>(hit) - l.data() : l.size();
}

std::string_view as_text(bytes l) noexcept {
    return {reinterpret_cast<const char*>(l.data()), l.size()};
}

// FNV-1a, step by step, so that a name is hashed as it is normalized.
constexpr std::uint32_t hash_start = 2166136261U;
constexpr std::uint32_t hash_step(std::uint32_t h, std::uint8_t c) noexcept {
    return (h ^ c) * 16777619U;
}

// A table of HTTP names by hash, with their atoms, built once: a lookup
// hashes the name and compares one or two entries.
class name_lookup {
  public:
    explicit name_lookup(std::span<const http_name> table) {
        for (const http_name& n : table) {
            std::uint32_t h = hash_start;
            for (const char c : n.name)
                h = hash_step(h, static_cast<std::uint8_t>(c));
            std::size_t slot = h & (slots_.size() - 1);
            while (slots_[slot] != 0)
                slot = (slot + 1) & (slots_.size() - 1);
            entries_.push_back({&n, atom(n.name)});
            slots_[slot] = static_cast<std::uint16_t>(entries_.size());
        }
    }

    struct entry {
        const http_name* name;
        atom a;
    };

    // The entry for `name`, whose hash is `h`, or null.
    [[nodiscard]] const entry* find(std::string_view name, std::uint32_t h) const noexcept {
        for (std::size_t slot = h & (slots_.size() - 1); slots_[slot] != 0;
             slot = (slot + 1) & (slots_.size() - 1)) {
            const entry& e = entries_[slots_[slot] - 1U];
            if (e.name->name == name) return &e;
        }
        return nullptr;
    }

  private:
    // Entry index + 1, 0 for none; a quarter full at most for the tables
    // OTP has, so that probes are short.
    std::array<std::uint16_t, 256> slots_{};
    std::vector<entry> entries_;
};

const name_lookup& methods() {
    // Never destroyed (docs/reliability.md).
    static const auto& table = *new name_lookup(http_methods());
    return table;
}

const name_lookup& headers() {
    // Never destroyed (docs/reliability.md).
    static const auto& table = *new name_lookup(http_headers());
    return table;
}

// The atoms of the packet terms.
struct http_atoms {
    atom http_request{"http_request"};
    atom http_response{"http_response"};
    atom http_header{"http_header"};
    atom http_eoh{"http_eoh"};
    atom http_error{"http_error"};
    atom abs_path{"abs_path"};
    atom absolute_uri{"absoluteURI"};
    atom scheme{"scheme"};
    atom star{"*"};
    atom http{"http"};
    atom https{"https"};
};

const http_atoms& names() {
    static const http_atoms a;
    return a;
}

// Strings of the packet, as lists of bytes or (for the _bin types)
// binaries sharing the buffer where it is a binary.
class strings {
  public:
    strings(const packet_source& source, bool binaries) : source_(source), binaries_(binaries) {}

    // Bytes [offset, offset + length) of the packet.
    [[nodiscard]] term part(std::size_t offset, std::size_t length) const {
        if (binaries_) return source_.binary(offset, length);
        return latin1_string(as_text(source_.packet.subspan(offset, length)));
    }

    // Text that is not in the packet as it stands.
    [[nodiscard]] term text(std::string_view s) const {
        return binaries_ ? binary(s) : latin1_string(s);
    }

  private:
    const packet_source& source_;
    bool binaries_;
};

// {Major, Minor} from "D+.D+" at `at`, or nullopt.
std::optional<term> version(bytes l, std::size_t& at) noexcept {
    std::size_t digits = 0;
    const std::int32_t major = read_number(l, at, digits);
    if (digits == 0 || at == l.size() || l[at] != '.') return std::nullopt;
    ++at;
    const std::int32_t minor = read_number(l, at, digits);
    if (digits == 0) return std::nullopt;
    return tuple(major, minor);
}

// "HTTP/" Version SP+ Status SP+ Reason, anything but the version optional
// (an empty status is 0).
std::optional<term> status_line(const strings& s, bytes l) {
    std::size_t at = 5;
    std::optional<term> v = version(l, at);
    if (!v || !skip_spaces(l, at)) return std::nullopt;
    std::size_t digits = 0;
    const std::int32_t status = read_number(l, at, digits);
    if (!skip_spaces(l, at) && at < l.size()) return std::nullopt;
    return tuple(names().http_response, std::move(*v), status, s.part(at, l.size() - at));
}

// host[:port][/path] after "http://" or "https://" (`at` bytes of `uri`).
term absolute_uri(const strings& s, bytes uri, std::size_t uri_offset, std::size_t at,
                  const atom& scheme) {
    const bytes rest = uri.subspan(at);
    const std::size_t authority = find_byte(rest, '/');
    const std::size_t host = find_byte(rest.first(authority), ':');
    std::int32_t port = 0;
    if (host != authority) {
        // A port that is not all digits is no port.
        std::size_t p = host + 1;
        std::size_t digits = 0;
        port = read_number(rest.first(authority), p, digits);
        if (p != authority) port = 0;
    }
    const std::size_t base = uri_offset + at;
    term path =
        authority != rest.size() ? s.part(base + authority, rest.size() - authority) : s.text("/");
    return tuple(names().absolute_uri, scheme, s.part(base, host),
                 port == 0 ? term(atoms::undefined) : term(port), std::move(path));
}

// The Request-URI at `offset`, `uri` long, as OTP classifies it.
term request_uri(const strings& s, bytes l, std::size_t offset, std::size_t length) {
    const bytes uri = l.subspan(offset, length);
    if (length == 1 && uri[0] == '*') return names().star;
    if (length <= 1 || uri[0] == '/') return tuple(names().abs_path, s.part(offset, length));
    if (starts_with(uri, 0, "http://", true)) return absolute_uri(s, uri, offset, 7, names().http);
    if (starts_with(uri, 0, "https://", true)) {
        return absolute_uri(s, uri, offset, 8, names().https);
    }
    const std::size_t at = find_byte(uri, ':');
    if (at == length) return s.part(offset, length);
    return tuple(names().scheme, s.part(offset, at), s.part(offset + at + 1, length - at - 1));
}

// Method SP+ Request-URI [SP+ "HTTP/" Version ...]; no version is {0,9}.
std::optional<term> request_line(const strings& s, bytes l) {
    std::size_t at = 0;
    while (at < l.size() && !is_tspecial(l[at]))
        ++at;
    const std::size_t method_length = at;
    if (at == l.size() || method_length == 0 || !is_space(l[at])) return std::nullopt;
    std::uint32_t h = hash_start;
    for (std::size_t i = 0; i < method_length; ++i)
        h = hash_step(h, l[i]);
    const name_lookup::entry* known = methods().find(as_text(l.first(method_length)), h);
    skip_spaces(l, at);
    const std::size_t uri_offset = at;
    while (at < l.size() && !is_space(l[at]))
        ++at;
    const std::size_t uri_length = at - uri_offset;
    if (uri_length == 0) return std::nullopt;
    skip_spaces(l, at);
    std::optional<term> v;
    if (at == l.size()) {
        v = tuple(0, 9);
    } else {
        // Eight bytes at least, as for "HTTP/1.1"; what follows the
        // version is not looked at.
        if (l.size() - at < 8 || !starts_with(l, at, "HTTP/", false)) return std::nullopt;
        at += 5;
        v = version(l, at);
        if (!v) return std::nullopt;
    }
    term method = known != nullptr ? term(known->a) : s.part(0, method_length);
    return tuple(names().http_request, std::move(method), request_uri(s, l, uri_offset, uri_length),
                 std::move(*v));
}

// The longest header name OTP's parser normalizes and looks up.
constexpr std::size_t max_normalized_name = 50;

// Field ":" SP* Value, or the empty line that ends the headers.
std::optional<term> header_line(const strings& s, bytes l) {
    if (l.empty()) return term(names().http_eoh);
    std::size_t at = 0;
    while (!is_tspecial(l[at])) {
        if (++at == l.size()) return std::nullopt;
    }
    if (l[at] != ':') return std::nullopt;
    const std::size_t name_length = at;
    ++at;
    skip_spaces(l, at);
    term value = s.part(at, l.size() - at);
    term raw = s.part(0, name_length);
    // OTP's parser leaves a name over 50 bytes as it is, as an unknown one.
    if (name_length > max_normalized_name) {
        return tuple(names().http_header, 0, s.part(0, name_length), std::move(raw),
                     std::move(value));
    }
    // It capitalizes the first letter and each after a '-' and lowers the
    // others, then looks the result up.
    std::array<char, max_normalized_name> field{};
    std::uint32_t h = hash_start;
    bool up = true;
    for (std::size_t i = 0; i < name_length; ++i) {
        char c = static_cast<char>(l[i]);
        if (up) {
            if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
            up = false;
        } else if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        } else if (c == '-') {
            up = true;
        }
        field[i] = c;
        h = hash_step(h, static_cast<std::uint8_t>(c));
    }
    const std::string_view normalized(field.data(), name_length);
    if (const name_lookup::entry* known = headers().find(normalized, h)) {
        return tuple(names().http_header, known->name->number, known->a, std::move(raw),
                     std::move(value));
    }
    return tuple(names().http_header, 0, s.text(normalized), std::move(raw), std::move(value));
}

}  // namespace

scan_result scan_http(const type_info& type, const framing& f, std::span<const std::uint8_t> buffer,
                      scan_state* state) noexcept {
    const std::size_t n = buffer.size();
    const std::uint8_t* b = buffer.data();
    // A buffer that is exactly an empty line is a packet, whatever the
    // limits say.
    if ((n == 1 && b[0] == '\n') || (n == 2 && b[0] == '\r' && b[1] == '\n')) return whole_line(n);
    // line_length stands in for a packet_size of 0, as in OTP.
    const std::size_t limit = f.packet_size != 0 ? f.packet_size : f.line_length;
    const bool header = type.http == http_line::header;
    std::size_t from = state != nullptr && state->searched <= n ? state->searched : 0;
    for (;;) {
        const void* hit = from < n ? std::memchr(b + from, '\n', n - from) : nullptr;
        if (hit == nullptr) {
            if (state != nullptr) state->searched = n;
            if (limit != 0 && n >= limit) return invalid();
            return {};
        }
        const std::size_t length = static_cast<const std::uint8_t*>(hit) - b + 1;
        if (limit != 0 && length > limit) return invalid();
        if (!header) return whole_line(length);
        if (length == n) {
            // A header line ends only where the next line does not start
            // with a space or tab: wait for its first byte, and look at
            // this line feed again then.
            if (state != nullptr) state->searched = length - 1;
            return {};
        }
        if (length <= 2 || !is_space(b[length])) return whole_line(length);
        from = length;
    }
}

term build_http(const type_info& type, const packet_source& source, const scan_result& found) {
    const bytes line = source.packet.first(found.length);
    // Without its line end: "\r\n" or "\n" (a '\r' before the last byte
    // goes in any case, as in OTP).
    std::size_t n = line.size();
    if (n >= 2 && line[n - 2] == '\r') {
        n -= 2;
    } else if (n >= 1 && line[n - 1] == '\n') {
        n -= 1;
    }
    const strings s(source, type.binaries);
    const bytes l = line.first(n);
    std::optional<term> packet;
    if (type.http == http_line::header) {
        packet = header_line(s, l);
    } else if (starts_with(l, 0, "HTTP/", false)) {
        packet = status_line(s, l);
    } else {
        packet = request_line(s, l);
    }
    if (packet) return std::move(*packet);
    return tuple(names().http_error, s.part(0, line.size()));
}

}  // namespace esock::packet::codecs
