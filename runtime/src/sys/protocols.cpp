// SPDX-License-Identifier: Apache-2.0
#include "sys/protocols.hpp"

#include <netdb.h>

#include <mutex>

namespace esock::sys {

namespace {

std::vector<protocol_entry> read_database() {
    std::vector<protocol_entry> out;
    // The enumeration functions share one static cursor: serialise them,
    // though only this function uses them.
    static std::mutex mu;
    const std::lock_guard lk(mu);
    ::setprotoent(1);
    // Bounded: a database has at most 256 numbers with a few aliases each;
    // stop at a generous limit in case of a looping source.
    for (int i = 0; i < 4096; ++i) {
        const protoent* e = ::getprotoent();
        if (e == nullptr) break;
        protocol_entry p;
        p.number = e->p_proto;
        p.names.emplace_back(e->p_name);
        for (char** alias = e->p_aliases; alias != nullptr && *alias != nullptr; ++alias) {
            p.names.emplace_back(*alias);
        }
        out.push_back(std::move(p));
    }
    ::endprotoent();
    return out;
}

const std::vector<protocol_entry>& database() {
    // Never destroyed (docs/reliability.md).
    static const auto& db = *new std::vector<protocol_entry>(read_database());
    return db;
}

}  // namespace

std::span<const protocol_entry> protocol_database() {
    return database();
}

std::optional<int> protocol_number(std::string_view name) {
    for (const protocol_entry& p : database()) {
        for (const std::string& n : p.names) {
            if (n == name) return p.number;
        }
    }
    return std::nullopt;
}

const protocol_entry* protocol_of(int number) {
    for (const protocol_entry& p : database()) {
        if (p.number == number) return &p;
    }
    return nullptr;
}

}  // namespace esock::sys
