// SPDX-License-Identifier: Apache-2.0
// The spec read with yaml-cpp, independently of the generator, against the
// generated tables: every entry is there with the same access, type and
// direction, and an option is supported exactly when this platform's headers
// define its constant (the preprocessor's own list of macros, made by the
// build) and the spec does not disable it.
#define BOOST_TEST_MODULE spec_consistency
#include <boost/test/unit_test.hpp>

#include <sys/socket.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <esock/supports.hpp>
#include <esock/term.hpp>

#include "codec/tables.hpp"

namespace codec = esock::codec;
namespace fs = std::filesystem;

namespace {

const std::string spec_dir = ESOCK_SOURCE_ROOT "/spec";

YAML::Node load(const std::string& rel) {
    const std::string path = spec_dir + "/" + rel;
    BOOST_TEST_REQUIRE(fs::exists(path), path);
    return YAML::LoadFile(path);
}

// NAME -> replacement text of every macro the platform headers define.
const std::map<std::string, std::string>& macros() {
    static const std::map<std::string, std::string> m = [] {
        std::map<std::string, std::string> out;
        std::ifstream f(ESOCK_OS_MACROS);
        BOOST_TEST_REQUIRE(f.good(), "cannot open " ESOCK_OS_MACROS);
        std::string line;
        while (std::getline(f, line)) {
            if (!line.starts_with("#define ")) continue;
            const std::string rest = line.substr(8);
            const auto end = rest.find_first_of(" (");
            const std::string name = rest.substr(0, end);
            // A function-like macro is defined too; its "value" is never a number.
            out[name] = end == std::string::npos ? "" : rest.substr(end + 1);
        }
        return out;
    }();
    return m;
}

bool defined(const std::string& name) {
    return macros().count(name) != 0;
}

// The macro's value when it (through aliases) is a plain decimal or hex
// integer; nullopt for expressions and enum self-references.
std::optional<long long> value_of(std::string name) {
    for (int depth = 0; depth < 8; ++depth) {
        auto it = macros().find(name);
        if (it == macros().end()) return std::nullopt;
        std::string v = it->second;
        while (!v.empty() && v.front() == '(' && v.back() == ')')
            v = v.substr(1, v.size() - 2);
        static const std::regex number("^(0x[0-9a-fA-F]+|[0-9]+)[uUlL]*$");
        std::smatch m;
        if (std::regex_match(v, m, number)) return std::stoll(m[1].str(), nullptr, 0);
        if (v == name || !std::regex_match(v, std::regex("^[A-Za-z_][A-Za-z0-9_]*$"))) break;
        name = v;
    }
    return std::nullopt;
}

std::vector<std::string> constants_of(const YAML::Node& entry) {
    std::vector<std::string> out;
    if (entry["constant"]) out.push_back(entry["constant"].as<std::string>());
    if (entry["constants"]) {
        for (const auto& c : entry["constants"])
            out.push_back(c.as<std::string>());
    }
    return out;
}

// The first defined constant, or "".
std::string first_defined(const std::vector<std::string>& constants) {
    for (const auto& c : constants) {
        if (defined(c)) return c;
    }
    return "";
}

// A guard is a conjunction of defined(NAME) terms.
bool guard_holds(const YAML::Node& entry) {
    if (!entry["guard"]) return true;
    const std::string g = entry["guard"].as<std::string>();
    static const std::regex term("defined\\(([A-Za-z0-9_]+)\\)");
    bool all = true;
    for (auto it = std::sregex_iterator(g.begin(), g.end(), term); it != std::sregex_iterator();
         ++it) {
        all = all && defined((*it)[1].str());
    }
    return all;
}

codec::access access_of(const std::string& a) {
    if (a == "get") return codec::access::get;
    if (a == "set") return codec::access::set;
    return codec::access::both;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_macro_list_is_this_platforms) {
    BOOST_TEST(defined("SOL_SOCKET"));
    BOOST_TEST(defined("SO_REUSEADDR"));
    BOOST_TEST(!defined("SO_ACCEPTFILTER"));  // FreeBSD only
    BOOST_TEST(value_of("SO_REUSEADDR").value_or(-1) == SO_REUSEADDR);
}

BOOST_AUTO_TEST_CASE(every_level_is_in_the_table) {
    const YAML::Node doc = load("levels.yaml");
    BOOST_TEST(doc["levels"].size() == codec::levels().size());
    for (const auto& l : doc["levels"]) {
        const std::string name = l["name"].as<std::string>();
        const codec::level_info* info = codec::find_level(name);
        BOOST_TEST_REQUIRE(info != nullptr, name);
        const std::string c = first_defined(constants_of(l));
        BOOST_TEST(info->native == static_cast<bool>(l["constants"]), name);
        if (info->native) {
            BOOST_TEST(info->defined == !c.empty(), name);
            BOOST_TEST(info->constant == c, name);
        }
    }
}

BOOST_AUTO_TEST_CASE(every_option_is_in_the_table_with_the_specs_access_and_type) {
    std::size_t count = 0;
    for (const auto& file : fs::directory_iterator(spec_dir + "/options")) {
        const YAML::Node doc = YAML::LoadFile(file.path().string());
        const std::string level = doc["level"].as<std::string>();
        for (const auto& o : doc["options"]) {
            ++count;
            const std::string name = o["name"].as<std::string>();
            const std::string label = "{" + level + "," + name + "}";
            const codec::option_info* info = codec::find_option(level, name);
            BOOST_TEST_REQUIRE(info != nullptr, label << " is not in the generated table");
            BOOST_TEST((info->mode == access_of(o["access"].as<std::string>())), label);
            if (o["type"]) {
                BOOST_TEST_REQUIRE(info->type != nullptr, label);
                BOOST_TEST(info->type->name == o["type"].as<std::string>(), label);
            } else {
                BOOST_TEST(info->type == nullptr, label);
            }
        }
    }
    BOOST_TEST(count == codec::options().size());
}

BOOST_AUTO_TEST_CASE(an_option_is_supported_exactly_when_its_constant_exists) {
    for (const auto& file : fs::directory_iterator(spec_dir + "/options")) {
        const YAML::Node doc = YAML::LoadFile(file.path().string());
        const std::string level = doc["level"].as<std::string>();
        const codec::level_info* level_info = codec::find_level(level);
        BOOST_TEST_REQUIRE(level_info != nullptr, level);
        for (const auto& o : doc["options"]) {
            const std::string name = o["name"].as<std::string>();
            const std::string label = "{" + level + "," + name + "}";
            const codec::option_info* info = codec::find_option(level, name);
            BOOST_TEST_REQUIRE(info != nullptr, label);
            const std::string c = first_defined(constants_of(o));
            const bool has_constant = !c.empty() && guard_holds(o);
            const bool supported =
                has_constant && level_info->native && level_info->defined && !o["disabled"];
            BOOST_TEST(info->defined == has_constant, label);
            BOOST_TEST(info->supported == supported, label);
            const esock::term answer = esock::socket::is_supported(
                esock::atom("options"), esock::atom(level), esock::atom(name));
            BOOST_TEST((answer == esock::boolean(supported && level_info->native)), label);
            if (has_constant) {
                BOOST_TEST(info->constant == c, label);
                if (auto v = value_of(c)) BOOST_TEST(info->number == *v, label << " " << c);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(every_type_is_in_the_table_with_its_kind) {
    const YAML::Node doc = load("types.yaml");
    BOOST_TEST(doc["types"].size() == codec::value_types().size());
    for (const auto& t : doc["types"]) {
        const std::string name = t["name"].as<std::string>();
        const codec::value_type* info = codec::find_value_type(name);
        BOOST_TEST_REQUIRE(info != nullptr, name);
        BOOST_TEST(info->kind == t["kind"].as<std::string>(), name);
    }
}

BOOST_AUTO_TEST_CASE(every_cmsg_is_in_the_table_with_its_direction_and_values) {
    const YAML::Node doc = load("cmsgs.yaml");
    BOOST_TEST(doc["cmsgs"].size() == codec::cmsgs().size());
    for (const auto& c : doc["cmsgs"]) {
        const std::string level = c["level"].as<std::string>();
        const std::string type = c["type"].as<std::string>();
        const std::string label = "{" + level + "," + type + "}";
        const codec::cmsg_info* info = codec::find_cmsg(level, type);
        BOOST_TEST_REQUIRE(info != nullptr, label);
        const std::string dir = c["direction"].as<std::string>();
        BOOST_TEST((info->dir == (dir == "send"   ? codec::direction::send
                                  : dir == "recv" ? codec::direction::recv
                                                  : codec::direction::both)),
                   label);
        const std::string constant = c["constant"].as<std::string>();
        BOOST_TEST(info->defined == defined(constant), label);
        if (auto v = value_of(constant); v && info->defined) BOOST_TEST(info->number == *v, label);
        auto value_name = [&](const char* key) -> std::string {
            if (c[key]) return c[key].as<std::string>();
            if (c["value"]) return c["value"].as<std::string>();
            return "";
        };
        const std::string send = dir == "recv" ? "" : value_name("send_value");
        const std::string recv = dir == "send" ? "" : value_name("recv_value");
        BOOST_TEST((info->send_value ? std::string(info->send_value->name) : "") == send, label);
        BOOST_TEST((info->recv_value ? std::string(info->recv_value->name) : "") == recv, label);
    }
}

BOOST_AUTO_TEST_CASE(flags_and_ioctl_entries_follow_their_constants) {
    struct list {
        const char* file;
        const char* key;
        std::span<const codec::named_constant> table;
    };
    for (const list& l : {list{"msg_flags.yaml", "msg_flags", codec::msg_flags()},
                          list{"ioctl.yaml", "ioctl_requests", codec::ioctl_requests()},
                          list{"ioctl.yaml", "ioctl_flags", codec::ioctl_flags()},
                          list{"domains.yaml", "domains", codec::domains()},
                          list{"socket_types.yaml", "socket_types", codec::socket_types()},
                          list{"protocols.yaml", "protocols", codec::protocols()}}) {
        const YAML::Node doc = load(l.file);
        BOOST_TEST(doc[l.key].size() == l.table.size(), l.key);
        for (const auto& e : doc[l.key]) {
            const std::string name = e["name"].as<std::string>();
            const codec::named_constant* n = codec::find_named(l.table, name);
            BOOST_TEST_REQUIRE(n != nullptr, l.key << " " << name);
            const std::string c = first_defined(constants_of(e));
            BOOST_TEST(n->defined == !c.empty(), l.key << " " << name);
            if (auto v = value_of(c); v && n->defined) BOOST_TEST(n->value == *v, name);
            const esock::term answer = esock::socket::is_supported(
                esock::atom(std::string_view(l.key)), esock::atom(name));
            if (std::string(l.key) != "domains" && std::string(l.key) != "socket_types" &&
                std::string(l.key) != "protocols") {
                BOOST_TEST((answer == esock::boolean(n->defined)), l.key << " " << name);
            }
        }
    }
}
