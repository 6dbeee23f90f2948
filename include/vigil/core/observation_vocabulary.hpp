#pragma once

// What vigil understands an observation to be: its kinds, the kinds of source that may
// report ceasefire events, and the weapon classes of a settlement. docs/formats.md lists
// them; ingest refuses an observation outside them, naming the field.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/core/observation.hpp"

namespace vigil {

enum class WeaponClass {
  tank,
  artillery_lt100,
  mortar_le120,
  artillery_ge100,
  mlrs,
  heavy_mlrs,
  tactical_missile,
};
inline constexpr std::size_t kWeaponClasses = 7;
std::string_view to_string(WeaponClass c);
std::optional<WeaponClass> parse_weapon_class(std::string_view text);
std::vector<std::string_view> weapon_class_names();

enum class ObservationKind {
  position,    // where an entity (vessel, patrol, unit) was
  explosion,   // an explosion seen or heard
  shelling,    // incoming artillery or mortar fire
  small_arms,  // small-arms or heavy-machine-gun fire
  weapon,      // a weapon of a settlement class, with `weapon_class` and `count`
  movement,    // military personnel or vehicles moving
  crossing,    // a crossing of the line of contact
  drone,       // a military drone in flight
  report,      // any other report (open-source events that are none of the above)
  // What the OSCE's daily reports recorded beside violations; no rule reads them, the
  // report counts them.
  restriction,  // a monitor denied passage or access: needs `denied`, `party` optional
  casualty,     // civilians killed or injured: needs `outcome` (killed, injured), `count`
  damage,       // damage to civilian property or infrastructure: `what` optional
  mine,         // mines, UXO, IEDs seen: `what` optional
  jamming,      // a monitor's UAV or camera interfered with (GPS or link): `effect` optional
};
std::string_view to_string(ObservationKind k);
std::optional<ObservationKind> parse_observation_kind(std::string_view text);
std::vector<std::string_view> observation_kind_names();

// The kinds ceasefire detection reads and classifies: every kind but `position` and `report`.
bool is_ceasefire_kind(ObservationKind k);
// Explosions, shelling and small-arms fire: what ceasefire.fire counts.
bool is_fire_kind(ObservationKind k);

enum class SourceType { patrol, uav, camera, acoustic, satellite, osint };
std::string_view to_string(SourceType s);
// The type of a source written "type" or "type:detail" ("camera:C-07", "osint:cir").
std::optional<SourceType> source_type_of(std::string_view source);
std::vector<std::string_view> source_type_names();
// Sources whose record is a sensor's, not a person's account: a camera, UAV or satellite.
bool is_technical(SourceType s);

// The largest `count` an observation may give: more is a typing error, not an observation.
inline constexpr double kMaxObservationCount = 100'000;

// Where fire came from, as monitors assessed it (the SMM's "outgoing", "impacts").
inline constexpr std::string_view kFireDirections[] = {"outgoing", "incoming", "undetermined"};
inline constexpr std::string_view kCasualtyOutcomes[] = {"killed", "injured"};

// Checks an observation against the vocabulary: a known kind; for a ceasefire kind, a source
// of a known type, and for `weapon` a known `weapon_class`; `count`, where given, a whole
// number from 1 to kMaxObservationCount; a fire kind's `direction`, where given, one of
// kFireDirections; a restriction's `denied` (text); a casualty's `outcome`, one of
// kCasualtyOutcomes; `party`, `what` and `effect`, where given, text. On failure names the
// field and says why.
bool check_vocabulary(const Observation& obs, std::string& field, std::string& message);

}  // namespace vigil
