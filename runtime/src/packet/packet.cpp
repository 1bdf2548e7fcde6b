// SPDX-License-Identifier: Apache-2.0
// The packet layer's entry points: packet types and options from terms,
// dispatch to each type's codec (the generated type table names it), the
// binary builder most types share, and decode_packet/3 on top of them.

#include <esock/packet.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "generated/packet_codecs.hpp"
#include "generated/packets.hpp"
#include "packet/tables.hpp"
#include "term/result_terms.hpp"

namespace esock::packet {

term packet_source::binary(std::size_t offset, std::size_t length) const {
    if (owner != nullptr) return sub_binary(*owner, offset, length);
    return esock::binary(packet.subspan(offset, length));
}

namespace codecs {

term build_binary(const type_info& /*type*/, const packet_source& source,
                  const scan_result& found) {
    return source.binary(found.body_offset, found.body_length);
}

}  // namespace codecs

namespace {

// The atoms this file compares with, and those naming packet types,
// interned once (one initialization guard for all of them).
struct layer_atoms {
    atom more{"more"};
    atom packet_size{"packet_size"};
    atom line_length{"line_length"};
    atom line_delimiter{"line_delimiter"};
    atom http_request{"http_request"};
    atom http_response{"http_response"};
    atom http_eoh{"http_eoh"};
    std::vector<std::pair<atom, packet_type>> types;

    layer_atoms() {
        for (const type_atom& t : type_atoms())
            types.emplace_back(atom(t.atom), t.type);
    }
};

const layer_atoms& names() {
    // Never destroyed (docs/reliability.md).
    static const auto& a = *new layer_atoms();
    return a;
}

// The value of an option {Name, N}: OTP takes any integer from 0 to
// UINT_MAX there.
std::optional<std::uint32_t> option_value(const term& value) noexcept {
    const std::optional<std::int64_t> n = value.as_int();
    if (!n || *n < 0 || *n > std::numeric_limits<std::uint32_t>::max()) return std::nullopt;
    return static_cast<std::uint32_t>(*n);
}

}  // namespace

std::optional<packet_type> packet_type_of(const term& t) noexcept {
    if (const std::optional<atom> a = t.as_atom()) {
        for (const auto& [name, type] : names().types) {
            if (name == *a) return type;
        }
        return std::nullopt;
    }
    if (const std::optional<std::int64_t> n = t.as_int()) {
        for (const type_integer& i : type_integers()) {
            if (i.integer == *n) return i.type;
        }
    }
    return std::nullopt;
}

term packet_type_term(packet_type type) {
    const type_info& t = info(type);
    if (!t.atom.empty()) return atom(t.atom);
    return term(t.integer);
}

std::optional<framing> framing_of(const term& type, const term& options) noexcept {
    const layer_atoms& a = names();
    const std::optional<packet_type> t = packet_type_of(type);
    if (!t) return std::nullopt;
    framing f{*t};
    const bool takes_delimiter = info(*t).line_delimiter;
    term rest = options;
    while (rest.is_cons()) {
        const term opt = *rest.head();
        const term* name = opt.element(0);
        const std::optional<std::uint32_t> value =
            opt.is_tuple(2) ? option_value(*opt.element(1)) : std::nullopt;
        if (!value) return std::nullopt;
        if (name->is_atom(a.packet_size)) {
            f.packet_size = *value;
        } else if (name->is_atom(a.line_length)) {
            f.line_length = *value;
        } else if (name->is_atom(a.line_delimiter) && takes_delimiter && *value <= 255) {
            f.line_delimiter = static_cast<std::uint8_t>(*value);
        } else {
            return std::nullopt;
        }
        rest = *rest.tail();
    }
    // An improper tail is badarg: OTP 25's emulator crashes on it
    // (docs/deviations.md).
    if (!rest.is_nil()) return std::nullopt;
    return f;
}

scan_result scan(const framing& f, std::span<const std::uint8_t> buffer,
                 scan_state* state) noexcept {
    const type_info& t = info(f.type);
    return t.scan(t, f, buffer, state);
}

namespace {

term build(const framing& f, std::span<const std::uint8_t> buffer, const term* owner,
           const scan_result& found) {
    // What scan() found in this buffer, or a mistake of the caller's.
    if (found.status != scan_status::packet || found.length > buffer.size() ||
        found.body_offset + found.body_length > found.length) {
        result_terms::raise(atoms::badarg);
    }
    const type_info& t = info(f.type);
    return t.build(t, packet_source{buffer.first(found.length), owner}, found);
}

}  // namespace

term packet_term(const framing& f, const term& buffer, const scan_result& found) {
    if (!buffer.is_binary()) result_terms::raise(atoms::badarg);
    return build(f, buffer.binary_bytes(), &buffer, found);
}

term packet_term(const framing& f, std::span<const std::uint8_t> buffer, const scan_result& found) {
    return build(f, buffer, nullptr, found);
}

packet_type next_type(packet_type type, const term& packet) noexcept {
    const layer_atoms& a = names();
    const type_info& t = info(type);
    const bool switches = t.http == http_line::start
                              ? packet.is_tuple() && (packet.element(0)->is_atom(a.http_request) ||
                                                      packet.element(0)->is_atom(a.http_response))
                              : t.http == http_line::header && packet.is_atom(a.http_eoh);
    return switches ? t.http_other : type;
}

term decode_packet(const term& type, const term& bin, const term& options) {
    const std::optional<framing> f = framing_of(type, options);
    if (!f || !bin.is_binary()) result_terms::raise(atoms::badarg);
    const std::span<const std::uint8_t> bytes = bin.binary_bytes();
    const scan_result found = scan(*f, bytes);
    switch (found.status) {
        case scan_status::packet:
            return tuple(atoms::ok, packet_term(*f, bin, found),
                         sub_binary(bin, found.length, bytes.size() - found.length));
        case scan_status::more:
            return tuple(names().more, found.length == 0
                                           ? term(atoms::undefined)
                                           : term(static_cast<std::int64_t>(found.length)));
        case scan_status::invalid:
            break;
    }
    return result_terms::error(atoms::invalid);
}

}  // namespace esock::packet
