#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "vigil/core/hash.hpp"
#include "vigil/sanctions/screening.hpp"
#include "vigil/store/database.hpp"
#include "vigil/store/workspace.hpp"
#include "vigil/vessel/identity.hpp"

namespace vigil::store {

// The columns identity rows are read and sealed by, in sealing order.
inline constexpr std::string_view kIdentityColumns =
    "mmsi, attribute, value, first_us, last_us, reports";
inline constexpr std::string_view kIdentitySealOrder = "mmsi, attribute, first_us, value";

// An identity row's share of its batch's seal, which covers the batch's observations and
// then its identity rows in kIdentitySealOrder; `vigil verify` recomputes it. `st` is a
// row selected as kIdentityColumns.
void add_identity_row_to_digest(Blake2b& hasher, const Statement& st);

// Reads a row selected as kIdentityColumns; throws on an attribute vigil does not know.
vessel::IdentityRun read_identity_row(const Statement& st);

// The identity attributes whose changes count as identity changes in listings: a new
// destination or draught is a voyage, not a new identity.
inline constexpr std::array<vessel::Attribute, 4> kIdentityAttributes = {
    vessel::Attribute::name, vessel::Attribute::callsign, vessel::Attribute::imo,
    vessel::Attribute::ship_type};

struct VesselFilter {
  std::vector<std::uint32_t> mmsis;  // empty: all
  std::optional<std::string> imo;    // vessels that ever broadcast this IMO
  std::string name_contains;         // any name ever broadcast, case-insensitive
  bool changed_only = false;         // only vessels with an identity change
  std::optional<std::int64_t> limit;
};

// One vessel (one MMSI) as listed: its latest value of each attribute, how often each
// changed, when it was first and last heard from (positions or identity reports) and how
// many positions are stored.
struct VesselSummary {
  std::uint32_t mmsi = 0;
  std::array<std::optional<std::string>, vessel::kAttributeCount> latest;
  std::array<int, vessel::kAttributeCount> changes{};
  std::optional<Timestamp> first_seen, last_seen;
  std::int64_t positions = 0;

  int identity_changes() const;
};

// Vessels are the entities "mmsi:N" with positions and the MMSIs with identity reports;
// visited in MMSI order until `visit` returns false.
void for_each_vessel(Workspace& ws, const VesselFilter& filter,
                     const std::function<bool(const VesselSummary&)>& visit);

// Every identity run of these MMSIs across batches, merged into histories
// (vessel::merge_history), ordered by MMSI, attribute and time.
std::vector<vessel::IdentityRun> identity_history(Workspace& ws,
                                                  const std::vector<std::uint32_t>& mmsis);

// The MMSIs that ever broadcast `value` for `attribute` (e.g. every MMSI of one IMO).
std::vector<std::uint32_t> vessels_with(Workspace& ws, vessel::Attribute attribute,
                                        std::string_view value);

// Every vessel (MMSI) with the names and IMOs it broadcast, for sanctions screening:
// MMSIs heard only in positions come with no names.
std::vector<sanctions::KnownVessel> known_vessels(Workspace& ws);

// What vessels said about their name, call sign and IMO, first heard in [from, to), and their
// ship type and length heard in [from, to) or before and still said at `from` (at `from`):
// each run of a value once, at its first time, in time order (then MMSI, attribute, value).
struct IdentityReport {
  Timestamp time = 0;
  std::uint32_t mmsi = 0;
  vessel::Attribute attribute{};
  std::string value;
};
std::vector<IdentityReport> identity_reports(Workspace& ws, Timestamp from, Timestamp to);

}  // namespace vigil::store
