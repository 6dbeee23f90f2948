#include "vessel_rows.hpp"

namespace vigil::cli {

std::vector<view::Column> vessel_columns() {
  return {{"mmsi", 9},
          {"flag", 4},
          {"name", 20},
          {"callsign", 8},
          {"imo", 7},
          {"ship_type", 9},
          {"length", 6},
          {"destination", 14},
          {"last_seen", 27},
          {"positions", 9},
          {"identity_changes", 16}};
}

std::vector<view::Column> history_columns() {
  return {{"mmsi", 9},   {"flag", 4},  {"attribute", 11}, {"value", 22},
          {"first", 27}, {"last", 27}, {"reports", 7},    {"change", 6}};
}

}  // namespace vigil::cli
