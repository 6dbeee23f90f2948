#pragma once

// Lines of contact in a workspace: versions by date, each sealed in the log.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "vigil/ceasefire/contact_line.hpp"
#include "vigil/ceasefire/settlement.hpp"
#include "vigil/core/time.hpp"
#include "vigil/store/seal_check.hpp"
#include "vigil/store/workspace.hpp"

namespace vigil::store {

struct LineVersion {
  std::string name;
  std::string valid_from;  // YYYY-MM-DD
  std::string method;      // "geojson" or "from-control"
  std::string source;      // the file(s) it came from
  double length_m = 0;
  Timestamp imported_at = 0;
  std::string imported_by;
};

class LineError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Stores a new version; throws LineError when (name, valid_from) exists already.
// Stores a version in the form every later command reads: rings narrower than the stored
// precision (geo::storable_rings) are dropped, and their count returned; the stored geometry is
// read back before the version is sealed, so that nothing is sealed that cannot be read (a
// LineError otherwise, and nothing stored).
std::size_t store_line(Workspace& ws, const LineVersion& version,
                       const ceasefire::ContactLine& line);

// Every version, by name then date.
std::vector<LineVersion> line_versions(Workspace& ws);

// The version of `name` in force on `date` (YYYY-MM-DD): the latest valid_from not after it;
// the latest of all when `date` is empty. With an empty `name`, the only line there is (a
// LineError when there are several or none).
std::pair<LineVersion, ceasefire::ContactLine> load_line(Workspace& ws, const std::string& name,
                                                         const std::string& date);

// The version load_line would load, without its geometry, and the same LineErrors: for those
// who keep what they build from a version and ask which one is in force first.
LineVersion line_version(Workspace& ws, const std::string& name, const std::string& date);

// A version as a GeoJSON FeatureCollection: the line (role "line", with name, valid_from,
// method and length_km) and, when derived from control maps, the controlled area (role
// "control"). What `vigil line export` writes and GET /api/v1/lines/{name} answers.
nlohmann::json line_geojson(const LineVersion& version, const ceasefire::ContactLine& line);

// A settlement as zones build stores it, with the regions its sectors are named after.
struct StoredSettlement {
  std::int64_t id = 0;
  std::string line;  // the line it applies to
  ceasefire::Settlement settlement;
  std::optional<geo::GeometryFile> regions;
  Timestamp built_at = 0;
};

// Stores a settlement for `line` (sealed in the log); the latest one is in force.
std::int64_t store_settlement(Workspace& ws, const std::string& line,
                              const ceasefire::Settlement& settlement,
                              const geo::GeometryFile* regions, const std::string& by);
// The settlement in force; nullopt when zones were never built.
std::optional<StoredSettlement> current_settlement(Workspace& ws);
// Which settlement is in force (its id) and the line it applies to, without reading it.
std::optional<std::pair<std::int64_t, std::string>> current_settlement_id(Workspace& ws);

// The body of the 'settlement' record that seals settlement `id`, recomputed from its row as
// stored (the document's digest, its regions' geometry by digest, when and by whom): `vigil
// verify` compares it with the record. Nothing when there is no such row.
std::optional<std::string> settlement_seal(Workspace& ws, std::int64_t id);

// The seal of a version's geometry, as stored: `vigil verify` recomputes it.
std::string line_digest(Workspace& ws, const std::string& name, const std::string& valid_from);

// Each line version against the digest sealed in its 'line' record; counts the versions.
std::optional<SealProblem> check_line_versions(Workspace& ws, const LogRecords& records,
                                               std::int64_t& versions);
// Each settlement's 'settlement' record body, recomputed from its row as stored, against the
// record's; and no row without a record.
std::optional<SealProblem> check_settlements(Workspace& ws, const LogRecords& records);

}  // namespace vigil::store
