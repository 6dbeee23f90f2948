#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "vigil/server/api.hpp"

namespace vigil::server {
namespace {

// "/api/v1/incidents/{id}" as the route table writes it: "/api/v1/incidents/{}".
std::string pattern_of(const std::string& path) {
  return std::regex_replace(path, std::regex(R"(\{[^}]+\})"), "{}");
}

// The OpenAPI description and the route table agree both ways: every route the server has is
// documented with the roles that may call it, and nothing is documented that the server lacks.
TEST(OpenApi, DocumentsEveryRouteTheServerHasAndNoOther) {
  const auto document = nlohmann::json::parse(openapi_document());
  EXPECT_EQ(document.at("openapi"), "3.1.0");
  std::set<std::string> documented;
  for (const auto& [path, operations] : document.at("paths").items())
    for (const auto& [method, operation] : operations.items()) {
      std::string upper = method;
      for (auto& c : upper)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      documented.insert(upper + " " + pattern_of(path));
      EXPECT_FALSE(operation.value("summary", "").empty())
          << upper << ' ' << path << " has no summary";
      EXPECT_TRUE(operation.contains("responses")) << upper << ' ' << path;
    }
  std::set<std::string> served;
  for (const auto& route : api_routes()) {
    const std::string key = route.method + " " + route.pattern;
    served.insert(key);
    EXPECT_TRUE(documented.count(key)) << key << " is served but not documented";
  }
  for (const auto& key : documented)
    EXPECT_TRUE(served.count(key)) << key << " is documented but not served";
  // The roles written beside each operation are the route table's.
  for (const auto& route : api_routes()) {
    for (const auto& [path, operations] : document.at("paths").items()) {
      if (pattern_of(path) != route.pattern) continue;
      std::string lower = route.method;
      for (auto& c : lower)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (!operations.contains(lower)) continue;
      EXPECT_EQ(operations.at(lower).at("x-vigil-roles").get<std::vector<std::string>>(),
                route.roles)
          << route.method << ' ' << path;
    }
  }
}

}  // namespace
}  // namespace vigil::server
