#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vigil/core/time.hpp"

namespace vigil::vessel {

// What a vessel says about itself in AIS static and voyage data (types 5, 19, 24) or what
// an AIS CSV export carries per row. The flag is not here: it follows from the MMSI
// (flag.hpp), so a flag change shows as a change of MMSI under one IMO.
enum class Attribute : std::uint8_t {
  name,
  callsign,
  imo,
  ship_type,
  length,  // metres, bow to stern
  beam,    // metres, port to starboard
  draught,
  destination,
};
inline constexpr std::size_t kAttributeCount = 8;

std::string_view to_string(Attribute attribute);
std::optional<Attribute> parse_attribute(std::string_view text);

// A stretch of time over which a vessel kept broadcasting one value of one attribute:
// the first and last report of that value, and how many reports there were. A change
// of name is the start of a run with another value.
struct IdentityRun {
  std::uint32_t mmsi = 0;
  Attribute attribute = Attribute::name;
  std::string value;
  Timestamp first = 0;
  Timestamp last = 0;
  std::int64_t reports = 0;

  friend bool operator==(const IdentityRun&, const IdentityRun&) = default;
};

// Collapses the identity reports of one input into runs. Reports may come a little out
// of time order (several receivers, late fragments): runs are put in time order when
// taken, and neighbours with the same value are joined then.
class IdentityRunBuilder {
 public:
  // `value` is normalised (trimmed; empty means "not available" and is ignored).
  void add(std::uint32_t mmsi, Timestamp time, Attribute attribute, std::string_view value);
  // A static report without a receive time cannot be placed in a history; it is counted.
  void add_untimed() { ++untimed_; }

  std::uint64_t reports() const { return reports_; }
  std::uint64_t untimed() const { return untimed_; }
  // The runs, ordered by MMSI, attribute, first report; the builder is left empty.
  std::vector<IdentityRun> take_runs();

 private:
  std::unordered_map<std::uint64_t, std::vector<IdentityRun>> runs_;
  std::uint64_t reports_ = 0;
  std::uint64_t untimed_ = 0;
};

// Puts runs of one vessel (from several inputs, possibly overlapping) in order per
// attribute and first report, joining neighbours with the same value: what is left is
// its history, where each run after the first of an attribute is a change.
std::vector<IdentityRun> merge_history(std::vector<IdentityRun> runs);

// Readers that see identity reports besides observations (NMEA, AIS CSV exports) expose
// them here; `vigil ingest` stores the runs with the file's batch.
class IdentitySource {
 public:
  virtual ~IdentitySource() = default;
  virtual IdentityRunBuilder& identities() = 0;
};

}  // namespace vigil::vessel
