// SPDX-License-Identifier: Apache-2.0
// Floats as OTP 25 prints them (io_lib ~w/~p and float_to_list(F, [short])):
// the shortest digits that read back to the same double, laid out in fixed
// notation ("100.0", "0.0001") or scientific notation ("1.0e10", "2.5e-5").
//
// With the shortest digits D (n of them) and the value D * 10^e, OTP writes
// fixed notation when e lies in a window that depends on n: one digit allows
// -4 <= e <= 2; longer mantissas allow -(n + 2) <= e <= 1, or e <= 2 when the
// scientific exponent has two or more digits. Inside the window, mantissas
// that the fixed form would show with more precision than a double has
// (D >= 2^53 at e = 0, D > 2^52 / 5 at e = 1, D > 2^51 / 25 at e = 2) still
// go scientific. These rules were checked against OTP 25 (see the golden
// table in tests/golden).

#include <charconv>
#include <cstdlib>
#include <string>

#include "term_internal.hpp"

namespace esock::detail {

void append_float(std::string& out, double value) {
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
    std::string_view text(buf, static_cast<std::size_t>(res.ptr - buf));

    const bool negative = !text.empty() && text.front() == '-';
    if (negative) text.remove_prefix(1);
    const std::size_t e_pos = text.find('e');
    std::string digits;
    for (char c : text.substr(0, e_pos)) {
        if (c != '.') digits.push_back(c);
    }
    int sci_exponent = 0;
    std::string_view exp_text = text.substr(e_pos + 1);
    if (!exp_text.empty() && exp_text.front() == '+') exp_text.remove_prefix(1);
    std::from_chars(exp_text.data(), exp_text.data() + exp_text.size(), sci_exponent);

    const int n = static_cast<int>(digits.size());
    const int e = sci_exponent - (n - 1);  // value = digits * 10^e
    int lower = 0;
    int upper = 0;
    if (n == 1) {
        lower = -4;
        upper = 2;
    } else {
        lower = -(n + 2);
        upper = sci_exponent >= 10 ? 2 : 1;
    }
    bool fixed = lower <= e && e <= upper;
    if (fixed) {
        const unsigned long long mantissa = std::strtoull(digits.c_str(), nullptr, 10);
        if ((e == 0 && mantissa >= (1ULL << 53)) || (e == 1 && mantissa > (1ULL << 52) / 5) ||
            (e == 2 && mantissa > (1ULL << 51) / 25)) {
            fixed = false;
        }
    }

    if (negative) out.push_back('-');
    if (fixed) {
        const int whole = n + e;  // digits before the decimal point
        if (e >= 0) {
            out += digits;
            out.append(static_cast<std::size_t>(e), '0');
            out += ".0";
        } else if (whole > 0) {
            out.append(digits, 0, static_cast<std::size_t>(whole));
            out.push_back('.');
            out.append(digits, static_cast<std::size_t>(whole));
        } else {
            out += "0.";
            out.append(static_cast<std::size_t>(-whole), '0');
            out += digits;
        }
        return;
    }
    out.push_back(digits[0]);
    out.push_back('.');
    if (n > 1) {
        out.append(digits, 1);
    } else {
        out.push_back('0');
    }
    out.push_back('e');
    out += std::to_string(sci_exponent);
}

}  // namespace esock::detail
