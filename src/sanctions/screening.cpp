#include "vigil/sanctions/screening.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "vigil/sanctions/name_match.hpp"

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

std::vector<Match> Screener::screen(const KnownVessel& vessel) const {
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
  // A vessel that broadcast an IMO is not the listed vessel of another IMO because their
  // names agree: a name-only match needs the IMOs not to contradict each other.
  std::set<std::int64_t> broadcast_imos;
  for (const auto& imo : vessel.imos)
    broadcast_imos.insert(std::strtoll(imo.value.c_str(), nullptr, 10));
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
      const ListEntry& entry = entries_[listed.entry];
      if (entry.imo && !broadcast_imos.empty() && !broadcast_imos.contains(*entry.imo)) continue;
      if (numbers_of(listed.normalised) != digits) continue;
      // Short names ("EMMA", "MARC") are too alike under Jaro-Winkler: they must be equal.
      const bool short_name = n.size() < kShortName || listed.normalised.size() < kShortName;
      const double score =
          short_name ? (n == listed.normalised ? 1.0 : 0.0) : jaro_winkler(n, listed.normalised);
      if (score < threshold_) continue;
      const ListEntry& e = entries_[listed.entry];
      offer(listed.entry, MatchBasis::name, score,
            fmt::format("name '{}' broadcast by MMSI {} ({}) resembles the {} '{}' (Jaro-Winkler "
                        "{:.3f} of the normalised names); {}",
                        name.value, vessel.mmsi, seen(name),
                        listed.former ? "former name" : "listed name", listed.original, score,
                        listed_as(e)));
    }
  }
  std::vector<Match> out;
  for (auto& [entry, match] : best)
    out.push_back(std::move(match));
  std::sort(out.begin(), out.end(), [](const Match& a, const Match& b) {
    if (a.basis != b.basis) return a.basis < b.basis;
    if (a.score != b.score) return a.score > b.score;
    return a.entry->list < b.entry->list;
  });
  return out;
}

}  // namespace vigil::sanctions
