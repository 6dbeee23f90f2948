#include "vigil/store/vessel_store.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "vigil/store/database.hpp"
#include "vigil/vessel/entity_id.hpp"

namespace vigil::store {
namespace {

using vessel::Attribute;
using vessel::IdentityRun;

constexpr std::string_view kSelectRun =
    "SELECT mmsi, attribute, value, first_us, last_us, reports FROM vessel_identity ";

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

struct Span {
  Timestamp first, last;
  std::int64_t observations;
};

void widen(std::optional<Timestamp>& first, std::optional<Timestamp>& last, Timestamp from,
           Timestamp to) {
  first = first ? std::min(*first, from) : from;
  last = last ? std::max(*last, to) : to;
}

// Summarises one vessel from its runs (merged into a history) and its position span.
VesselSummary summarise(std::uint32_t mmsi, std::vector<IdentityRun> runs, const Span* positions) {
  VesselSummary s;
  s.mmsi = mmsi;
  if (positions != nullptr) {
    widen(s.first_seen, s.last_seen, positions->first, positions->last);
    s.positions = positions->observations;
  }
  std::array<Timestamp, vessel::kAttributeCount> latest_time{};
  for (const IdentityRun& run : vessel::merge_history(std::move(runs))) {
    const auto a = static_cast<std::size_t>(run.attribute);
    widen(s.first_seen, s.last_seen, run.first, run.last);
    if (s.latest[a]) ++s.changes[a];
    // The latest value is the one heard last, which is not always the run that started last
    // when two runs overlap.
    if (!s.latest[a] || run.last >= latest_time[a]) {
      s.latest[a] = run.value;
      latest_time[a] = run.last;
    }
  }
  return s;
}

std::set<std::uint32_t> mmsis_named_like(Database& db, std::string_view text) {
  Statement st(db, "SELECT DISTINCT mmsi FROM vessel_identity WHERE attribute = 'name' AND " +
                       db.position_of("upper(value)", "?") + " > 0");
  st.bind(1, upper(text));
  std::set<std::uint32_t> out;
  while (st.step())
    out.insert(static_cast<std::uint32_t>(st.int64(0)));
  return out;
}

}  // namespace

void add_identity_row_to_digest(Blake2b& hasher, const Statement& st) {
  const std::string_view attribute = st.text(1);
  const std::string_view value = st.text(2);
  hasher.update_u64(static_cast<std::uint64_t>(st.int64(0)))
      .update_u64(attribute.size())
      .update(attribute)
      .update_u64(value.size())
      .update(value)
      .update_u64(static_cast<std::uint64_t>(st.int64(3)))
      .update_u64(static_cast<std::uint64_t>(st.int64(4)))
      .update_u64(static_cast<std::uint64_t>(st.int64(5)));
}

IdentityRun read_identity_row(const Statement& st) {
  IdentityRun run;
  run.mmsi = static_cast<std::uint32_t>(st.int64(0));
  const auto attribute = vessel::parse_attribute(st.text(1));
  if (!attribute)
    throw DatabaseError(fmt::format("vessel {}: unknown identity attribute '{}' in the workspace",
                                    run.mmsi, st.text(1)));
  run.attribute = *attribute;
  run.value = std::string(st.text(2));
  run.first = st.int64(3);
  run.last = st.int64(4);
  run.reports = st.int64(5);
  return run;
}

int VesselSummary::identity_changes() const {
  int total = 0;
  for (const Attribute a : kIdentityAttributes)
    total += changes[static_cast<std::size_t>(a)];
  return total;
}

void for_each_vessel(Workspace& ws, const VesselFilter& filter,
                     const std::function<bool(const VesselSummary&)>& visit) {
  Database& db = ws.db();
  std::optional<std::set<std::uint32_t>> wanted;
  const auto narrow = [&](std::set<std::uint32_t> these) {
    if (!wanted) {
      wanted = std::move(these);
      return;
    }
    std::set<std::uint32_t> both;
    std::ranges::set_intersection(*wanted, these, std::inserter(both, both.end()));
    wanted = std::move(both);
  };
  if (!filter.mmsis.empty()) narrow({filter.mmsis.begin(), filter.mmsis.end()});
  if (filter.imo) {
    const auto with_imo = vessels_with(ws, Attribute::imo, *filter.imo);
    narrow({with_imo.begin(), with_imo.end()});
  }
  if (!filter.name_contains.empty()) narrow(mmsis_named_like(db, filter.name_contains));
  const auto is_wanted = [&](std::uint32_t mmsi) { return !wanted || wanted->contains(mmsi); };

  std::map<std::uint32_t, Span> positions;
  Statement entities(db,
                     "SELECT id, first_time, last_time, observations FROM entities "
                     "WHERE namespace = 'mmsi'");
  while (entities.step()) {
    const auto mmsi = vessel::mmsi_of_entity(entities.text(0));
    if (mmsi && is_wanted(*mmsi))
      positions[*mmsi] = {entities.int64(1), entities.int64(2), entities.int64(3)};
  }

  std::int64_t emitted = 0;
  bool go_on = true;
  const auto emit = [&](const VesselSummary& s) {
    if (filter.changed_only && s.identity_changes() == 0) return;
    if (filter.limit && emitted >= *filter.limit) {
      go_on = false;
      return;
    }
    ++emitted;
    go_on = visit(s);
  };
  auto next_position = positions.begin();
  // Vessels heard only in positions, with an MMSI below `mmsi`, come first.
  const auto emit_positions_before = [&](std::optional<std::uint32_t> mmsi) {
    while (go_on && next_position != positions.end() && (!mmsi || next_position->first < *mmsi)) {
      emit(summarise(next_position->first, {}, &next_position->second));
      ++next_position;
    }
  };
  const auto emit_runs = [&](std::uint32_t mmsi, std::vector<IdentityRun>& runs) {
    emit_positions_before(mmsi);
    if (!go_on) return;
    const Span* span = nullptr;
    if (next_position != positions.end() && next_position->first == mmsi) {
      span = &next_position->second;
      ++next_position;
    }
    emit(summarise(mmsi, std::move(runs), span));
    runs.clear();
  };

  Statement runs_st(db, std::string(kSelectRun) + "ORDER BY mmsi");
  std::vector<IdentityRun> runs;
  std::uint32_t current = 0;
  while (go_on && runs_st.step()) {
    IdentityRun run = read_identity_row(runs_st);
    if (!is_wanted(run.mmsi)) continue;
    if (!runs.empty() && run.mmsi != current) emit_runs(current, runs);
    current = run.mmsi;
    runs.push_back(std::move(run));
  }
  if (go_on && !runs.empty()) emit_runs(current, runs);
  emit_positions_before(std::nullopt);
}

std::vector<IdentityRun> identity_history(Workspace& ws, const std::vector<std::uint32_t>& mmsis) {
  Statement st(ws.db(), std::string(kSelectRun) + "WHERE mmsi = ?");
  std::vector<IdentityRun> runs;
  for (const std::uint32_t mmsi : std::set<std::uint32_t>(mmsis.begin(), mmsis.end())) {
    st.bind(1, static_cast<std::int64_t>(mmsi));
    while (st.step())
      runs.push_back(read_identity_row(st));
    st.reset();
  }
  return vessel::merge_history(std::move(runs));
}

std::vector<std::uint32_t> vessels_with(Workspace& ws, Attribute attribute,
                                        std::string_view value) {
  Statement st(ws.db(),
               "SELECT DISTINCT mmsi FROM vessel_identity WHERE attribute = ? AND value = ? "
               "ORDER BY mmsi");
  st.bind(1, vessel::to_string(attribute)).bind(2, value);
  std::vector<std::uint32_t> out;
  while (st.step())
    out.push_back(static_cast<std::uint32_t>(st.int64(0)));
  return out;
}

std::vector<sanctions::KnownVessel> known_vessels(Workspace& ws) {
  std::map<std::uint32_t, sanctions::KnownVessel> vessels;
  Statement entities(ws.db(), "SELECT id FROM entities WHERE namespace = 'mmsi'");
  while (entities.step())
    if (const auto mmsi = vessel::mmsi_of_entity(entities.text(0))) vessels[*mmsi].mmsi = *mmsi;
  Statement values(ws.db(),
                   "SELECT mmsi, attribute, value, min(first_us), max(last_us) FROM "
                   "vessel_identity WHERE attribute IN ('name', 'imo', 'ship_type', 'length') "
                   "GROUP BY mmsi, attribute, value ORDER BY mmsi, attribute, max(last_us)");
  while (values.step()) {
    const auto mmsi = static_cast<std::uint32_t>(values.int64(0));
    auto& vessel = vessels[mmsi];
    vessel.mmsi = mmsi;
    const auto attribute = values.text(1);
    vessel.last_heard = std::max(vessel.last_heard, values.int64(4));
    if (attribute == "ship_type" || attribute == "length") {
      // The value said last (rows come in order of their last report).
      (attribute == "ship_type" ? vessel.ship_type : vessel.length_m) =
          std::atoi(std::string(values.text(2)).c_str());
      continue;
    }
    auto& into = attribute == "name" ? vessel.names : vessel.imos;
    into.push_back({std::string(values.text(2)), values.int64(3), values.int64(4)});
  }
  std::vector<sanctions::KnownVessel> out;
  out.reserve(vessels.size());
  for (auto& [mmsi, vessel] : vessels)
    out.push_back(std::move(vessel));
  return out;
}

std::vector<IdentityReport> identity_reports(Workspace& ws, Timestamp from, Timestamp to) {
  // Names, call signs and IMOs as they changed within the window; what kind of vessel it is
  // (type, length) as it stood at the window's start too, so that a type said the day
  // before still classes the vessel.
  Statement st(
      ws.db(),
      "SELECT CASE WHEN first_us < ? THEN ? ELSE first_us END AS at_us, mmsi, attribute, "
      "value FROM vessel_identity "
      "WHERE (attribute IN ('name', 'callsign', 'imo') AND first_us >= ? AND first_us < ?) "
      "OR (attribute IN ('ship_type', 'length') AND first_us < ? AND last_us >= ?) "
      "ORDER BY at_us, mmsi, attribute, value");
  st.bind(1, from).bind(2, from).bind(3, from).bind(4, to).bind(5, to).bind(6, from);
  std::vector<IdentityReport> reports;
  while (st.step()) {
    const auto attribute = vessel::parse_attribute(st.text(2));
    if (!attribute) continue;
    reports.push_back({st.int64(0), static_cast<std::uint32_t>(st.int64(1)), *attribute,
                       std::string(st.text(3))});
  }
  return reports;
}

}  // namespace vigil::store
