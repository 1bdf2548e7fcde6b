// SPDX-License-Identifier: Apache-2.0
#ifndef ESOCK_TESTS_COMMON_DOCUMENTED_DEVIATIONS_HPP
#define ESOCK_TESTS_COMMON_DOCUMENTED_DEVIATIONS_HPP

// The options docs/deviations.md lists in its supports() section (the
// backquoted `{level,opt}` pairs): options esock supports where OTP 25 left
// them unwired, so OTP's captured answers for them are expected to differ.

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace esock_test {

inline const std::set<std::string>& supports_deviation_keys() {
    static const std::set<std::string> keys = [] {
        std::ifstream f(ESOCK_SOURCE_ROOT "/docs/deviations.md");
        std::stringstream ss;
        ss << f.rdbuf();
        const std::string doc = ss.str();
        const auto start = doc.find("## supports()");
        if (start == std::string::npos) return std::set<std::string>();
        const auto end = doc.find("\n## ", start + 1);
        const std::string section = doc.substr(start, end - start);
        std::set<std::string> out;
        const std::regex key("`(\\{[a-z0-9_]+,[a-z0-9_]+\\})`");
        for (auto it = std::sregex_iterator(section.begin(), section.end(), key);
             it != std::sregex_iterator(); ++it) {
            out.insert((*it)[1].str());
        }
        return out;
    }();
    return keys;
}

}  // namespace esock_test

#endif  // ESOCK_TESTS_COMMON_DOCUMENTED_DEVIATIONS_HPP
