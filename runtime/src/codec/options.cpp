#include "options.hpp"

#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <esock/posix.hpp>

#include "../result_terms.hpp"
#include "../socket/level_options.hpp"
#include "tables.hpp"

namespace esock::codec {
namespace {

using result_terms::error;
using result_terms::invalid_option;
using result_terms::ok;

// protocols(5) aliases of the OS levels' own protocol entries ('IP' of ip,
// 'TCP' of tcp, ...) with their level: the level aliases OTP 25 accepts.
// Read once, with the reentrant lookup; an alias never shadows a level.
const std::vector<std::pair<std::string, std::string_view>>& level_aliases() {
    static const std::vector<std::pair<std::string, std::string_view>> aliases = [] {
        std::vector<std::pair<std::string, std::string_view>> out;
        for (const level_info& l : levels()) {
            if (!l.native || l.name == "socket") continue;
            protoent pe{};
            protoent* res = nullptr;
            std::array<char, 1024> buf{};
            const std::string n(l.name);
            if (::getprotobyname_r(n.c_str(), &pe, buf.data(), buf.size(), &res) != 0 ||
                res == nullptr) {
                continue;
            }
            for (char** a = res->p_aliases; a != nullptr && *a != nullptr; ++a) {
                if (find_level(std::string_view(*a)) == nullptr) out.emplace_back(*a, l.name);
            }
        }
        return out;
    }();
    return aliases;
}

// The option {Level, Name} by the atoms' table indexes, aliases included:
// getopt/setopt look an option up on every call, and comparing two integers
// is much cheaper than comparing the names.
const option_info* option_by_atoms(atom level, atom name) {
    // Keys apart from the entries, so that the search touches one array.
    struct index_t {
        std::vector<std::uint64_t> keys;
        std::vector<const option_info*> entries;
    };
    static const index_t index = [] {
        using entry = std::pair<std::uint64_t, const option_info*>;
        std::vector<entry> all;
        auto key = [](std::string_view l, std::string_view n) {
            return (std::uint64_t{atom(l).index()} << 32) | atom(n).index();
        };
        for (const option_info& o : options()) {
            all.emplace_back(key(o.level, o.name), &o);
            for (const auto& [alias, canonical] : level_aliases()) {
                if (canonical == o.level) all.emplace_back(key(alias, o.name), &o);
            }
        }
        std::sort(all.begin(), all.end(),
                  [](const entry& a, const entry& b) { return a.first < b.first; });
        index_t out;
        for (const auto& [k, o] : all) {
            out.keys.push_back(k);
            out.entries.push_back(o);
        }
        return out;
    }();
    const std::uint64_t k = (std::uint64_t{level.index()} << 32) | name.index();
    const auto it = std::lower_bound(index.keys.begin(), index.keys.end(), k);
    if (it == index.keys.end() || *it != k) return nullptr;
    return index.entries[static_cast<std::size_t>(it - index.keys.begin())];
}

// The usable OS-level option `opt` names, or nullptr.
const option_info* usable_option(const term& opt) {
    if (!opt.is_tuple(2)) return nullptr;
    const auto level = opt.element(0)->as_atom();
    const auto name = opt.element(1)->as_atom();
    if (!level || !name) return nullptr;
    const option_info* info = option_by_atoms(*level, *name);
    if (info == nullptr || !info->usable || info->type == nullptr) return nullptr;
    return info;
}

// getopt of option `info` (usable) on `fd`.
term get_entry(int fd, const term& opt, const option_info* info);
// setopt of option `info` (usable) on `fd`.
term set_entry(int fd, const term& opt, const option_info* info, const term& value);

const void* lookup_handler(const term& opt) {
    return usable_option(opt);
}

term get_handler(const socket::detail::option_target& s, const term& opt, const void* entry) {
    return get_entry(s.fd, opt, static_cast<const option_info*>(entry));
}

term set_handler(const socket::detail::option_target& s, const term& opt, const void* entry,
                 const term& value) {
    return set_entry(s.fd, opt, static_cast<const option_info*>(entry), value);
}

term get_entry(int fd, const term& opt, const option_info* info) {
    if (!can_get(info->mode) || info->type->decode == nullptr || info->type->native_size == 0) {
        return invalid_option(opt);
    }
    // Most values fit on the stack; the rest (msfilter lists, ...) do not.
    std::array<std::uint8_t, 256> small{};
    std::vector<std::uint8_t> large;
    std::span<std::uint8_t> buffer(small.data(), info->type->native_size);
    if (info->type->native_size > small.size()) {
        large.assign(info->type->native_size, 0);
        buffer = std::span<std::uint8_t>(large);
    }
    auto len = static_cast<socklen_t>(buffer.size());
    if (::getsockopt(fd, info->level_ref->number, info->number, buffer.data(), &len) != 0) {
        return error(posix_error_atom(errno));
    }
    // The kernel reports how much it wrote; never trust it beyond the buffer.
    std::size_t used = static_cast<std::size_t>(len) < buffer.size() ? static_cast<std::size_t>(len)
                                                                     : buffer.size();
    // A fixed-size value the kernel wrote only part of (Linux writes nothing
    // for an unset IPV6_DSTOPTS) reads as the zero-filled C variable, as in
    // OTP; strings and variable-length values are what was written.
    const std::string_view kind = info->type->kind;
    if (kind != "string" && kind != "special") used = buffer.size();
    auto value = info->type->decode(std::span<const std::uint8_t>(buffer.data(), used));
    if (!value) return error(atoms::einval);
    return ok(*value);
}

term set_entry(int fd, const term& opt, const option_info* info, const term& value) {
    if (!can_set(info->mode) || info->type->encode == nullptr) return invalid_option(opt);
    auto encoded = info->type->encode(value);
    if (!encoded) return error(tuple(atoms::invalid, tuple(atoms::socket_option, opt, value)));
    const void* data = encoded->null_pointer ? nullptr : encoded->bytes.data();
    const auto len =
        encoded->null_pointer ? socklen_t{0} : static_cast<socklen_t>(encoded->bytes.size());
    if (const int e = set_native_option(fd, info->level_ref->number, info->number, data, len);
        e != 0) {
        return error(posix_error_atom(e));
    }
    return atoms::ok;
}

}  // namespace

term get_option(int fd, const term& opt) {
    const option_info* info = usable_option(opt);
    if (info == nullptr) return invalid_option(opt);
    return get_entry(fd, opt, info);
}

term set_option(int fd, const term& opt, const term& value) {
    const option_info* info = usable_option(opt);
    if (info == nullptr) return invalid_option(opt);
    return set_entry(fd, opt, info, value);
}

std::string_view canonical_level(std::string_view name) noexcept {
    for (const auto& [alias, level] : level_aliases()) {
        if (alias == name) return level;
    }
    return name;
}

int set_native_option(int fd, int level, int number, const void* data, std::size_t len) noexcept {
    // Linux recomputes SO_PRIORITY from a new IP_TOS; OTP 25 puts the
    // priority back, so that the two options stay independent.
    const bool tos = level == IPPROTO_IP && number == IP_TOS;
    int priority = 0;
    socklen_t plen = sizeof priority;
    const bool restore = tos && ::getsockopt(fd, SOL_SOCKET, SO_PRIORITY, &priority, &plen) == 0;
    if (::setsockopt(fd, level, number, data, static_cast<socklen_t>(len)) != 0) return errno;
    if (restore) {
        int now = 0;
        socklen_t nlen = sizeof now;
        if (::getsockopt(fd, SOL_SOCKET, SO_PRIORITY, &now, &nlen) == 0 && now != priority) {
            (void)::setsockopt(fd, SOL_SOCKET, SO_PRIORITY, &priority, sizeof priority);
        }
    }
    return 0;
}

bool known_option(const term& opt) noexcept {
    if (!opt.is_tuple(2)) return false;
    const auto level = opt.element(0)->as_atom();
    const auto name = opt.element(1)->as_atom();
    if (!level || !name) return false;
    const option_info* info = option_by_atoms(*level, *name);
    return info != nullptr && info->level_ref->native;
}

void install_option_handlers() noexcept {
    socket::detail::set_level_option_handlers(&lookup_handler, &get_handler, &set_handler);
}

namespace {
// A shared libesock installs the handlers when it is loaded; a static build
// must call install_option_handlers() (the socket layer does, lazily).
const bool installed_at_load = (install_option_handlers(), true);
}  // namespace

}  // namespace esock::codec
