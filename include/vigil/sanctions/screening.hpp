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
  int ship_type = 0;         // the AIS type of ship and cargo it said last; 0: none
  int length_m = 0;          // the length it said last; 0: none
  Timestamp last_heard = 0;  // its last static report; 0: unknown
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

// What screening set aside, per vessel: name resemblances that an identifier contradicts.
struct ScreeningNotes {
  std::size_t conflicts = 0;  // name matches contradicted by an IMO or MMSI
  std::size_t folded = 0;     // weaker name matches folded into a list's best one
};

// Penalty on a name match's score for each contradiction of the listing by what the vessel
// says of itself: a type of another class (a tug, a yacht, a ferry, a fishing vessel for a
// listed tanker or cargo ship), or a length under kMinListedLengthM for a listed tanker,
// gas carrier or cargo ship. One contradiction takes a 0.95 resemblance under the default
// threshold.
inline constexpr double kContradictionPenalty = 0.1;
inline constexpr int kMinListedLengthM = 60;

// Matches vessels against list entries: by IMO (any IMO the vessel ever broadcast, against
// listed IMOs), by MMSI (against the MMSIs a list gives), and by name (any name broadcast
// against listed and former names, normalised, Jaro-Winkler at least `name_threshold`;
// names under six characters only when equal; the numbers in both names must agree).
// A name resemblance is a conflict, not a lead, when an identifier contradicts it: the
// entry's IMO is not one the vessel broadcast or is known as (through its IMO and MMSI
// matches), or the entry gives MMSIs and the vessel's is not one of them. A type or size
// that contradicts the listing lowers the score (kContradictionPenalty each). Of the name
// matches to one list, the best supported is kept and the others are named in its
// explanation.
// Names are compared only within blocks that share a word of three letters or more, or
// the first three letters: a full cross product of every name would not scale.
class Screener {
 public:
  Screener(std::vector<ListEntry> entries, double name_threshold = kDefaultNameThreshold);

  // The matches of one vessel, strongest first: every IMO and MMSI match, and the best name
  // match of each list that has no stronger one.
  std::vector<Match> screen(const KnownVessel& vessel, ScreeningNotes* notes = nullptr) const;

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
