#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "vigil/core/time.hpp"
#include "vigil/store/database.hpp"
#include "vigil/store/workspace.hpp"

namespace vigil::store {

// Where a ceasefire observation stands under one version of a line and one settlement (the
// observation_classes table, derived and checked by `vigil verify`): its side, its distance
// to the line, the zones it lies in (a JSON array of names) and its sector.
struct ObservationClass {
  std::string observation_id;
  Timestamp time = 0;
  std::string line;
  std::string line_valid_from;  // YYYY-MM-DD
  std::int64_t settlement = 0;
  std::optional<std::string> side;  // the party's id; none on the line itself
  double distance_m = 0;
  std::string zones_json;
  std::optional<std::string> sector;
};

// Writes classifications, one observation at a time, within the caller's transaction.
class ClassificationWriter {
 public:
  explicit ClassificationWriter(Workspace& ws);
  // Whether the observation is classified already under this line version and settlement.
  bool classified(std::string_view observation_id, std::string_view line,
                  std::string_view line_valid_from, std::int64_t settlement);
  // Stores the classification, replacing one made under another version or settlement.
  void put(const ObservationClass& c);

 private:
  Statement current_, put_;
};

}  // namespace vigil::store
