#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "vigil/core/time.hpp"
#include "vigil/maritime/config.hpp"
#include "vigil/maritime/geography.hpp"
#include "vigil/store/workspace.hpp"

namespace vigil::detect {

struct MaritimeRun {
  std::optional<Timestamp> from;  // positions at or after
  std::optional<Timestamp> to;    // positions before
  maritime::Config config;
  std::string by = "vigil detect";
};

struct MaritimeRunResult {
  std::uint64_t positions = 0;
  std::uint64_t static_values = 0;
  std::map<std::string, std::uint64_t> created;  // new incidents per rule
  std::map<std::string, std::uint64_t> known;    // already logged by an earlier run
  std::map<std::string, std::uint64_t> pending;  // still under way at the end: not logged yet
  // Found but not reported (maritime::EngineStats): among vessels a rule is not about, and
  // at berths.
  std::map<std::string, std::uint64_t> not_for_class;
  std::map<std::string, std::uint64_t> at_berth;
};

// Runs the maritime detectors over a workspace: its AIS position observations (kind
// "position", entity "mmsi:N") in time order and its vessels' identity history, and logs
// what they find as incidents, with the position observations they rest on as evidence,
// in one transaction. Incident ids derive from their content, so a second run over the
// same data logs nothing new. Port calls still under way at the end of the data are not
// logged until a later run sees the vessel leave.
MaritimeRunResult run_maritime_detection(store::Workspace& ws, const maritime::Geography& geography,
                                         const MaritimeRun& run);

}  // namespace vigil::detect
