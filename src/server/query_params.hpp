#pragma once

// The query string of an API request, parsed strictly: every parameter is decoded once,
// checked against what the route accepts, and converted with an error naming it.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vigil/core/time.hpp"
#include "vigil/store/observation_store.hpp"

namespace vigil::server {

// Splits a request target into its path and its decoded parameters; throws ApiError (400)
// on bad percent-encoding.
class QueryParams {
 public:
  static std::pair<std::string, QueryParams> split_target(std::string_view target);

  // Refuses any parameter not in `known` (a misspelt filter must not silently match all).
  void allow(std::initializer_list<std::string_view> known) const;

  std::optional<std::string> text(std::string_view name) const;
  std::optional<Timestamp> time(std::string_view name) const;
  std::optional<store::BoundingBox> bbox(std::string_view name) const;
  std::optional<double> number(std::string_view name, double min, double max) const;
  std::int64_t integer(std::string_view name, std::int64_t fallback, std::int64_t min,
                       std::int64_t max) const;
  // A comma-separated list; empty when absent.
  std::vector<std::string> list(std::string_view name) const;

 private:
  std::vector<std::pair<std::string, std::string>> values_;
};

// Percent-decoding of one path segment or parameter ('+' is a space only in parameters).
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

}  // namespace vigil::server
