#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace vigil::vessel {

// The flag state (ISO 3166-1 alpha-2) that an MMSI's Maritime Identification Digits are
// allocated to, from the ITU table of MIDs (ITU-R M.585 and the ITU MARS list). Ship
// stations (MID then six digits), handheld stations (8 + MID) and craft associated with
// a parent ship (98 + MID) carry a MID; group calls, coast stations, SAR aircraft and
// aids to navigation are not vessels and give nullopt, as do unallocated MIDs.
std::optional<std::string_view> flag_of_mmsi(std::uint32_t mmsi);

// The ISO 3166-1 alpha-2 code of a flag as sanctions lists write it ("Panama", "Antigua &
// Barbuda", "Russian Federation", "Republic of Palau", "PA"); nullopt when the name is not
// one of the flag states vigil knows (docs/vessels.md) or says "unknown".
std::optional<std::string_view> flag_code_of_country(std::string_view name);

// The MID of an MMSI as above, or nullopt.
std::optional<int> mid_of_mmsi(std::uint32_t mmsi);

// Whether a 7-digit IMO ship identification number has a valid check digit: the first
// six digits weighted 7, 6, 5, 4, 3, 2, summed, modulo 10, equal the seventh (IMO
// resolution A.1078(28)).
bool valid_imo(std::int64_t imo);

}  // namespace vigil::vessel
