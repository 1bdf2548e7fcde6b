// SPDX-License-Identifier: Apache-2.0
#include "sys/cmsg.hpp"

#include <sys/socket.h>

#include <cstring>

namespace esock::sys {

namespace {
// Offsets as the CMSG_* macros compute them, without pointer arithmetic on a
// buffer whose length the kernel chose.
constexpr std::size_t header_size = CMSG_LEN(0);
}  // namespace

std::optional<cmsg_view> cmsg_reader::next() noexcept {
    if (done_ || control_.size() - offset_ < sizeof(cmsghdr)) return std::nullopt;
    cmsghdr hdr;
    std::memcpy(&hdr, control_.data() + offset_, sizeof hdr);
    if (hdr.cmsg_len < header_size) {  // malformed: stop rather than loop
        done_ = true;
        return std::nullopt;
    }
    const std::size_t available = control_.size() - offset_;
    cmsg_view v;
    v.level = hdr.cmsg_level;
    v.type = hdr.cmsg_type;
    v.truncated = hdr.cmsg_len > available;
    const std::size_t end = v.truncated ? available : hdr.cmsg_len;
    v.data = control_.subspan(offset_ + header_size, end - header_size);
    // Each step consumes at least CMSG_SPACE(0) bytes, so the walk ends.
    const std::size_t step = CMSG_ALIGN(hdr.cmsg_len);
    if (v.truncated || step > available) {
        done_ = true;
    } else {
        offset_ += step;
    }
    return v;
}

void append_cmsg(std::vector<std::uint8_t>& out, int level, int type,
                 std::span<const std::uint8_t> data) {
    const std::size_t at = out.size();
    out.resize(at + CMSG_SPACE(data.size()), 0);
    cmsghdr hdr{};
    hdr.cmsg_len = CMSG_LEN(data.size());
    hdr.cmsg_level = level;
    hdr.cmsg_type = type;
    std::memcpy(out.data() + at, &hdr, sizeof hdr);
    if (!data.empty()) std::memcpy(out.data() + at + header_size, data.data(), data.size());
}

bool is_rights(int level, int type) noexcept {
    return level == SOL_SOCKET && type == SCM_RIGHTS;
}

std::vector<int> received_descriptors(std::span<const std::uint8_t> control) {
    std::vector<int> fds;
    cmsg_reader reader(control);
    while (const auto m = reader.next()) {
        if (!is_rights(m->level, m->type)) continue;
        for (std::size_t at = 0; at + sizeof(int) <= m->data.size(); at += sizeof(int)) {
            int fd = -1;
            std::memcpy(&fd, m->data.data() + at, sizeof fd);
            fds.push_back(fd);
        }
    }
    return fds;
}

}  // namespace esock::sys
