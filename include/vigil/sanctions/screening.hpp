#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "vigil/core/time.hpp"
#include "vigil/sanctions/list_entry.hpp"

namespace vigil::sanctions {

// What a workspace knows of one MMSI that screening can use: every name and IMO it
// broadcast, with when.
struct KnownVessel {
  struct Value {
    std::string value;
    Timestamp first = 0, last = 0;
  };
  std::uint32_t mmsi = 0;
  std::vector<Value> names;  // latest last
  std::vector<Value> imos;
};

// Why a vessel is on a list. IMO is the strongest identifier, then MMSI, then the name.
enum class MatchBasis { imo, mmsi, name };
std::string_view to_string(MatchBasis basis);

struct Match {
  std::uint32_t mmsi = 0;
  std::string vessel_name;  // the latest name broadcast, if any
  MatchBasis basis = MatchBasis::name;
  double score = 0;  // 1 for IMO and MMSI; Jaro-Winkler of the normalised names otherwise
  const ListEntry* entry = nullptr;
  std::string explanation;
};

// Default Jaro-Winkler score from which a name alone is reported. Ship names are short and
// formulaic ("SEA STAR", "SEA STAR I"): on the Baltic snapshots against OFAC, EU and GUR,
// 0.90 reported a match for a third of all vessels, nearly all unrelated; 0.93 keeps
// spelling variants ("AMULETH" / "AMULET"). Names under six characters must be equal.
// Name-only matches are leads to check, with their score and explanation.
inline constexpr double kDefaultNameThreshold = 0.93;

// Matches vessels against list entries: by IMO (any IMO the vessel ever broadcast, against
// listed IMOs), by MMSI (against the MMSIs a list gives), and by name (any name broadcast
// against listed and former names, normalised, Jaro-Winkler at least `name_threshold`;
// names under six characters only when equal; the numbers in both names must agree; a
// vessel that broadcast IMOs matches by name only entries without an IMO or with one of
// its IMOs).
// Names are compared only within blocks that share a word of three letters or more, or
// the first three letters: a full cross product of every name would not scale.
class Screener {
 public:
  Screener(std::vector<ListEntry> entries, double name_threshold = kDefaultNameThreshold);

  // The matches of one vessel, strongest first, at most one per list entry.
  std::vector<Match> screen(const KnownVessel& vessel) const;

  const std::vector<ListEntry>& entries() const { return entries_; }

 private:
  struct ListedName {
    std::string normalised;
    std::string original;
    std::size_t entry;
    bool former;
  };
  std::vector<ListEntry> entries_;
  double threshold_;
  std::unordered_multimap<std::int64_t, std::size_t> by_imo_;
  std::unordered_multimap<std::uint32_t, std::size_t> by_mmsi_;
  std::vector<ListedName> names_;
  std::unordered_map<std::string, std::vector<std::size_t>> name_blocks_;  // into names_
};

}  // namespace vigil::sanctions
