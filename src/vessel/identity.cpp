#include "vigil/vessel/identity.hpp"

#include <algorithm>
#include <array>
#include <tuple>

namespace vigil::vessel {
namespace {

constexpr std::array<std::string_view, kAttributeCount> kNames = {
    "name", "callsign", "imo", "ship_type", "length", "beam", "draught", "destination"};

std::uint64_t key_of(std::uint32_t mmsi, Attribute attribute) {
  return (static_cast<std::uint64_t>(mmsi) << 8) | static_cast<std::uint64_t>(attribute);
}

bool by_time(const IdentityRun& a, const IdentityRun& b) {
  return std::tie(a.mmsi, a.attribute, a.first, a.value, a.last) <
         std::tie(b.mmsi, b.attribute, b.first, b.value, b.last);
}

// Joins each run into the one before it when they are of the same vessel, attribute and
// value; `runs` must be in by_time order.
std::vector<IdentityRun> join_neighbours(std::vector<IdentityRun> runs) {
  std::vector<IdentityRun> out;
  out.reserve(runs.size());
  for (auto& run : runs) {
    if (!out.empty()) {
      IdentityRun& prev = out.back();
      if (prev.mmsi == run.mmsi && prev.attribute == run.attribute && prev.value == run.value) {
        prev.first = std::min(prev.first, run.first);
        prev.last = std::max(prev.last, run.last);
        prev.reports += run.reports;
        continue;
      }
    }
    out.push_back(std::move(run));
  }
  return out;
}

}  // namespace

std::string_view to_string(Attribute attribute) {
  return kNames[static_cast<std::size_t>(attribute)];
}

std::optional<Attribute> parse_attribute(std::string_view text) {
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == text) return static_cast<Attribute>(i);
  }
  return std::nullopt;
}

void IdentityRunBuilder::add(std::uint32_t mmsi, Timestamp time, Attribute attribute,
                             std::string_view value) {
  while (!value.empty() && value.front() == ' ')
    value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ')
    value.remove_suffix(1);
  if (value.empty()) return;
  ++reports_;
  auto& runs = runs_[key_of(mmsi, attribute)];
  if (!runs.empty() && runs.back().value == value) {
    IdentityRun& run = runs.back();
    run.first = std::min(run.first, time);
    run.last = std::max(run.last, time);
    ++run.reports;
    return;
  }
  runs.push_back({mmsi, attribute, std::string(value), time, time, 1});
}

std::vector<IdentityRun> IdentityRunBuilder::take_runs() {
  std::vector<IdentityRun> all;
  for (auto& [key, runs] : runs_) {
    for (auto& run : runs)
      all.push_back(std::move(run));
  }
  runs_.clear();
  std::sort(all.begin(), all.end(), by_time);
  return join_neighbours(std::move(all));
}

std::vector<IdentityRun> merge_history(std::vector<IdentityRun> runs) {
  std::sort(runs.begin(), runs.end(), by_time);
  return join_neighbours(std::move(runs));
}

}  // namespace vigil::vessel
