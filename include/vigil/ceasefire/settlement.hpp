#pragma once

// A ceasefire settlement, as vigil enforces it: the parties and the side of the line each
// holds, how far each weapon class must stand from the line on each side, the security
// zone, disengagement areas and the sectors the line is reported in. One JSON file;
// docs/ceasefire.md documents it, examples/settlements/minsk2.json is Minsk II's.

#include <array>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/core/observation_vocabulary.hpp"
#include "vigil/geo/ring_index.hpp"

namespace vigil::ceasefire {

using vigil::kWeaponClasses;
using vigil::parse_weapon_class;
using vigil::to_string;
using vigil::weapon_class_names;
using vigil::WeaponClass;

// Which side of the line a party holds: for a line derived from a control polygon,
// "inside" (the polygon) or "outside" (the rest of the territory); for a drawn line,
// "left" or "right" of its direction.
enum class LineSide { inside, outside, left, right };

struct Party {
  std::string id;
  std::string name;
  LineSide side = LineSide::outside;
};

struct DisengagementArea {
  std::string name;
  std::vector<geo::Ring> rings;
};

struct SectorRule {
  // Sectors are regions (the polygons of `regions_file`, named by `name_property`), or
  // stretches of `every_km` along each part of the line.
  std::string regions_file;
  std::string name_property = "name";
  double every_km = 0;
};

class SettlementError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Settlement {
  std::string name;
  std::string source;          // the agreement, for reports
  std::vector<Party> parties;  // exactly two
  // Per weapon class and party (in `parties` order): how far from the line the class must
  // stand, metres; 0 when the settlement does not restrict the class.
  std::array<std::array<double, 2>, kWeaponClasses> withdrawal_m{};
  std::array<double, 2> security_zone_m{};
  std::vector<DisengagementArea> disengagement_areas;
  SectorRule sectors;

  double withdrawal(WeaponClass c, std::size_t party) const {
    return withdrawal_m[static_cast<std::size_t>(c)][party];
  }
  // The canonical JSON, with every relative path resolved: what zones build stores.
  std::string canonical;
};

// Reads a settlement file; errors name the file and the field ("parties[1].side").
Settlement read_settlement(const std::string& path);
Settlement parse_settlement(const std::string& text, const std::string& name,
                            const std::string& base_directory);

}  // namespace vigil::ceasefire
