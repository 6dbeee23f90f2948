#include "vigil/sanctions/screening.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "vigil/sanctions/name_match.hpp"
#include "vigil/vessel/flag.hpp"
#include "vigil/vessel/vessel_class.hpp"

namespace vigil::sanctions {
namespace {

// The blocking keys of a normalised name: its words of three characters or more, and its
// first three characters with the spaces taken out.
std::vector<std::string> block_keys(const std::string& name) {
  std::vector<std::string> keys;
  std::size_t start = 0;
  while (start < name.size()) {
    auto end = name.find(' ', start);
    if (end == std::string::npos) end = name.size();
    if (end - start >= 3) keys.push_back("w:" + name.substr(start, end - start));
    start = end + 1;
  }
  std::string squeezed;
  for (const char c : name)
    if (c != ' ' && squeezed.size() < 3) squeezed.push_back(c);
  if (squeezed.size() == 3) keys.push_back("p:" + squeezed);
  return keys;
}

// The numbers in a normalised name ("VOLGO DON 5056" -> "5056"): sister ships differ only
// there, so names with different numbers are different ships however alike.
std::string numbers_of(const std::string& name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (name[i] >= '0' && name[i] <= '9') {
      out.push_back(name[i]);
    } else if (!out.empty() && out.back() != ' ') {
      out.push_back(' ');
    }
  }
  while (!out.empty() && out.back() == ' ')
    out.pop_back();
  return out;
}

// Names shorter than this match only when equal.
constexpr std::size_t kShortName = 6;

std::string day(Timestamp t) {
  return format_rfc3339(t).substr(0, 10);
}

std::string seen(const KnownVessel::Value& v) {
  const std::string from = day(v.first), to = day(v.last);
  return from == to ? from : from + ".." + to;
}

std::string listed_as(const ListEntry& e) {
  std::string text = fmt::format("listed by {}", e.list);
  if (!e.name.empty()) text += fmt::format(" as '{}'", e.name);
  if (!e.listed_on.empty()) text += fmt::format(" since {}", e.listed_on);
  return text;
}

// What kind of ship a listing is. The EU's Annex XLII gives no type, but it designates
// ships that carry Russian oil, arms or goods: merchant ships, counted as cargo ships.
vessel::VesselClass listed_class_of(const ListEntry& e) {
  const auto listed = vessel::class_of_listed_type(e.vessel_type);
  if (listed == vessel::VesselClass::unknown && e.vessel_type.empty() && e.list == "eu")
    return vessel::VesselClass::cargo;
  return listed;
}

// Tankers, gas carriers and cargo ships are one family, merchant ships (as cargo).
vessel::VesselClass family(vessel::VesselClass c) {
  return c == vessel::VesselClass::tanker || c == vessel::VesselClass::gas_carrier
             ? vessel::VesselClass::cargo
             : c;
}

std::optional<std::string_view> listed_flag(const ListEntry& e) {
  return e.flag.empty() ? std::nullopt : vessel::flag_code_of_country(e.flag);
}

// States that enforce the sanctions on Russia's shadow fleet (EU members, the EEA, the UK,
// the US, Canada, Switzerland, Japan, Australia, New Zealand): a ship under their flag is
// held to them by its registry, and is not the listed ship the others carry.
bool enforcing_flag(std::string_view code) {
  static constexpr std::string_view kEnforcing[] = {
      "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU",
      "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES",
      "SE", "NO", "IS", "LI", "GB", "US", "CA", "CH", "JP", "AU", "NZ"};
  return std::find(std::begin(kEnforcing), std::end(kEnforcing), code) != std::end(kEnforcing);
}

}  // namespace

std::string_view to_string(MatchBasis basis) {
  switch (basis) {
    case MatchBasis::imo:
      return "imo";
    case MatchBasis::mmsi:
      return "mmsi";
    case MatchBasis::name:
      return "name";
  }
  return "?";
}

Screener::Screener(std::vector<ListEntry> entries, double name_threshold)
    : entries_(std::move(entries)), threshold_(name_threshold) {
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    const ListEntry& e = entries_[i];
    if (e.imo) by_imo_.emplace(*e.imo, i);
    for (const auto mmsi : e.mmsis)
      by_mmsi_.emplace(mmsi, i);
    const auto add_name = [&](const std::string& name, bool former) {
      std::string n = normalise_name(name);
      if (n.empty()) return;
      const std::size_t index = names_.size();
      for (auto& key : block_keys(n))
        name_blocks_[key].push_back(index);
      names_.push_back({std::move(n), name, i, former});
    };
    add_name(e.name, false);
    for (const auto& former : e.former_names)
      add_name(former, true);
  }
}

std::vector<Match> Screener::screen(const KnownVessel& vessel, ScreeningNotes* notes) const {
  // One match per listed vessel: a list may carry it in two files (an IMO table and the
  // list's own file), which share the entry id; the one with a name is kept.
  std::map<std::string, Match> best;
  const std::string latest = vessel.names.empty() ? std::string() : vessel.names.back().value;
  const auto offer = [&](std::size_t entry, MatchBasis basis, double score,
                         std::string explanation) {
    const ListEntry& e = entries_[entry];
    auto [it, fresh] = best.try_emplace(e.list + '\x1f' + e.entry_id);
    Match& m = it->second;
    if (!fresh) {
      if (m.basis < basis || (m.basis == basis && m.score > score)) return;
      if (m.basis == basis && m.score == score && (!m.entry->name.empty() || e.name.empty()))
        return;
    }
    m = Match{vessel.mmsi, latest, basis, score, &entries_[entry], std::move(explanation)};
  };
  for (const auto& imo : vessel.imos) {
    const auto number = std::strtoll(imo.value.c_str(), nullptr, 10);
    const auto [from, to] = by_imo_.equal_range(number);
    for (auto it = from; it != to; ++it)
      offer(it->second, MatchBasis::imo, 1.0,
            fmt::format("IMO {} broadcast by MMSI {} ({}) is {}", imo.value, vessel.mmsi, seen(imo),
                        listed_as(entries_[it->second])));
  }
  const auto [from, to] = by_mmsi_.equal_range(vessel.mmsi);
  for (auto it = from; it != to; ++it)
    offer(it->second, MatchBasis::mmsi, 1.0,
          fmt::format("MMSI {} is {}", vessel.mmsi, listed_as(entries_[it->second])));
  // A vessel that broadcast an IMO, or matched a listed vessel by IMO or MMSI, is not the
  // listed vessel of another IMO because their names agree: its identity is known.
  std::set<std::int64_t> known_imos;
  for (const auto& imo : vessel.imos)
    known_imos.insert(std::strtoll(imo.value.c_str(), nullptr, 10));
  for (const auto& [key, m] : best)
    if (m.entry->imo) known_imos.insert(*m.entry->imo);
  const vessel::VesselClass said_class = vessel::class_of_ais_type(vessel.ship_type);
  const auto vessel_flag = vessel::flag_of_mmsi(vessel.mmsi);
  // Name matches wait here, per list, for the best supported of each.
  std::map<std::string, std::vector<Match>> by_list;
  for (const auto& name : vessel.names) {
    const std::string n = normalise_name(name.value);
    if (n.empty()) continue;
    const std::string digits = numbers_of(n);
    std::set<std::size_t> candidates;
    for (const auto& key : block_keys(n))
      if (const auto block = name_blocks_.find(key); block != name_blocks_.end())
        candidates.insert(block->second.begin(), block->second.end());
    for (const std::size_t c : candidates) {
      const ListedName& listed = names_[c];
      const ListEntry& e = entries_[listed.entry];
      if (numbers_of(listed.normalised) != digits) continue;
      // Short names ("EMMA", "MARC") are too alike under Jaro-Winkler: they must be equal.
      const bool short_name = n.size() < kShortName || listed.normalised.size() < kShortName;
      const double resemblance =
          short_name ? (n == listed.normalised ? 1.0 : 0.0) : jaro_winkler(n, listed.normalised);
      if (resemblance < threshold_) continue;
      if (best.contains(e.list + '\x1f' + e.entry_id)) continue;  // matched by IMO or MMSI
      const bool other_imo = e.imo && !known_imos.empty() && !known_imos.contains(*e.imo);
      const bool other_mmsi = !e.mmsis.empty() && std::find(e.mmsis.begin(), e.mmsis.end(),
                                                            vessel.mmsi) == e.mmsis.end();
      if (other_imo || other_mmsi) {
        if (notes) ++notes->conflicts;
        continue;
      }
      // What the vessel says of itself against what the list says of the listed one.
      std::vector<std::string> against;
      const vessel::VesselClass listed_class = listed_class_of(e);
      const bool listed_carries = family(listed_class) == vessel::VesselClass::cargo;
      // A merchant ship's AIS type and its register's type differ often enough (a product
      // tanker listed as a bulk carrier); a tug, a yacht, a ferry or a fishing vessel is
      // another kind of ship than a merchant ship, or than each other.
      if (listed_class != vessel::VesselClass::unknown &&
          said_class != vessel::VesselClass::unknown && family(said_class) != family(listed_class))
        against.push_back(fmt::format("it says it is a {} (AIS type {}), the list a {}",
                                      vessel::to_string(said_class), vessel.ship_type,
                                      e.vessel_type));
      if (listed_carries && vessel.length_m > 0 && vessel.length_m < kMinListedLengthM)
        against.push_back(fmt::format("it says it is {} m long, short for a listed {}",
                                      vessel.length_m, e.vessel_type));
      if (vessel_flag && enforcing_flag(*vessel_flag) &&
          (listed_flag(e) == std::nullopt || *listed_flag(e) != *vessel_flag))
        against.push_back(fmt::format(
            "it flies the flag of {} (MMSI {}), a state that enforces these sanctions, which the "
            "listed ship does not",
            *vessel_flag, vessel.mmsi));
      const double score =
          resemblance - kContradictionPenalty * static_cast<double>(against.size());
      if (score < threshold_) continue;
      std::string explanation = fmt::format(
          "name '{}' broadcast by MMSI {} ({}) resembles the {} '{}' (Jaro-Winkler {:.3f} of "
          "the normalised names); {}",
          name.value, vessel.mmsi, seen(name), listed.former ? "former name" : "listed name",
          listed.original, resemblance, listed_as(e));
      for (const auto& why : against)
        explanation += "; but " + why;
      by_list[e.list].push_back(
          Match{vessel.mmsi, latest, MatchBasis::name, score, &e, std::move(explanation)});
    }
  }
  std::vector<Match> out;
  std::set<std::string> lists_matched;
  for (auto& [entry, match] : best) {
    lists_matched.insert(match.entry->list);
    out.push_back(std::move(match));
  }
  // The best supported name match of each list without an IMO or MMSI match: the highest
  // score, then an entry with an IMO; the others are named in its explanation.
  for (auto& [list, matches] : by_list) {
    std::stable_sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) {
      if (a.score != b.score) return a.score > b.score;
      return a.entry->imo.has_value() > b.entry->imo.has_value();
    });
    std::vector<std::string> others;
    std::set<std::string> seen_entries{matches.front().entry->entry_id};
    for (std::size_t i = 1; i < matches.size(); ++i)
      if (seen_entries.insert(matches[i].entry->entry_id).second)
        others.push_back(fmt::format(
            "'{}'{} ({:.3f})", matches[i].entry->name,
            matches[i].entry->imo ? fmt::format(" IMO {}", *matches[i].entry->imo) : std::string(),
            matches[i].score));
    if (lists_matched.contains(list)) {
      if (notes) notes->folded += seen_entries.size();
      continue;
    }
    Match chosen = std::move(matches.front());
    if (!others.empty()) {
      chosen.explanation +=
          fmt::format("; also resembles {} of this list", fmt::join(others, ", "));
      if (notes) notes->folded += others.size();
    }
    out.push_back(std::move(chosen));
  }
  std::sort(out.begin(), out.end(), [](const Match& a, const Match& b) {
    if (a.basis != b.basis) return a.basis < b.basis;
    if (a.score != b.score) return a.score > b.score;
    return a.entry->list < b.entry->list;
  });
  return out;
}

}  // namespace vigil::sanctions
