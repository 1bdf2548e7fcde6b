// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_TERM_COLUMNS_HPP
#define ESOCK_TERM_COLUMNS_HPP

// The text tables OTP's i() functions print (socket:i/0,1,2 and
// inet:i/0,1,2): each column as wide as its widest cell, counted in
// characters of UTF-8, every cell followed by at least one space, one line
// per row. Internal to the library; pure functions, thread-safe.

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

namespace esock::detail {

/// The characters (not bytes) of UTF-8 text.
[[nodiscard]] inline std::size_t text_width(const std::string& utf8) {
    return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

/// The rows laid out in columns; every row has as many cells as the first.
[[nodiscard]] inline std::string columns(const std::vector<std::vector<std::string>>& rows) {
    if (rows.empty()) return "";
    std::vector<std::size_t> widths(rows.front().size(), 0);
    for (const auto& row : rows) {
        for (std::size_t c = 0; c < row.size(); ++c)
            widths[c] = std::max(widths[c], text_width(row[c]));
    }
    std::string out;
    for (const auto& row : rows) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            out += row[c];
            out.append(widths[c] - text_width(row[c]) + 1, ' ');
        }
        out += '\n';
    }
    return out;
}

}  // namespace esock::detail

#endif  // ESOCK_TERM_COLUMNS_HPP
