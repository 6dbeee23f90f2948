#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vigil::vessel {

// Observations and incidents name a vessel as the entity "mmsi:NNNNNNNNN".
inline constexpr std::string_view kMmsiEntityPrefix = "mmsi:";
inline constexpr std::uint32_t kMaxMmsi = 999'999'999;  // nine digits (ITU-R M.585)

// The MMSI of an entity id "mmsi:N": N all decimal digits, 1 to 999999999. Anything else
// ("mmsi:12ab", "mmsi:0", "mmsi:", "imo:9045807") is not a vessel's entity id.
std::optional<std::uint32_t> mmsi_of_entity(std::string_view entity);

// The entity id of an MMSI.
std::string mmsi_entity(std::uint32_t mmsi);

}  // namespace vigil::vessel
