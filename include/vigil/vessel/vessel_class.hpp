#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vigil::vessel {

// What kind of vessel a ship is, as far as the sanctions rules care: which can carry oil or
// gas, which are ocean-going, which only assist others or never leave the coast.
enum class VesselClass : std::uint8_t {
  unknown,      // says nothing we can read
  tanker,       // oil, chemical and product tankers (AIS 80-89)
  gas_carrier,  // LNG and LPG carriers (the lists; AIS has no code of its own for them)
  cargo,        // bulk, container, general cargo, ro-ro (AIS 70-79)
  fishing,      // AIS 30
  passenger,    // passenger ships, ferries and high-speed craft (AIS 40-49, 60-69)
  service,      // tugs, tows, pilots, SAR, dredgers, tenders, law enforcement (AIS 31-35, 50-59)
  pleasure,     // sailing and pleasure craft (AIS 36, 37)
};
inline constexpr std::size_t kVesselClassCount = 8;

std::string_view to_string(VesselClass vessel_class);
std::optional<VesselClass> parse_vessel_class(std::string_view text);

// The class of an AIS "type of ship and cargo" code (ITU-R M.1371, table 53); unknown for 0,
// the reserved codes and 90-99 ("other type").
VesselClass class_of_ais_type(int code);

// The class of a ship type as sanctions lists and registers write it ("Crude Oil Tanker",
// "LPG Tanker", "Bulk Carrier", "Tug"...); unknown when none of the words fits.
VesselClass class_of_listed_type(std::string_view text);

// Whether an AIS type is a craft that may sail far faster than a merchant ship: high-speed
// craft and wing-in-ground (20-29, 40-49), pilot, SAR, law enforcement and military vessels,
// sailing and pleasure craft. Their fast legs are not impossible jumps.
bool may_be_fast_craft(int ais_type);

// A set of classes, as the rules' configuration names them.
class VesselClasses {
 public:
  constexpr VesselClasses() = default;
  constexpr VesselClasses(std::initializer_list<VesselClass> classes) {
    for (const VesselClass c : classes)
      bits_ |= bit(c);
  }
  constexpr bool contains(VesselClass c) const { return (bits_ & bit(c)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr void add(VesselClass c) { bits_ |= bit(c); }
  friend constexpr bool operator==(VesselClasses, VesselClasses) = default;

  // "tanker,gas_carrier"
  std::string to_string() const;

 private:
  static constexpr std::uint16_t bit(VesselClass c) {
    return static_cast<std::uint16_t>(1U << static_cast<unsigned>(c));
  }
  std::uint16_t bits_ = 0;
};

}  // namespace vigil::vessel
