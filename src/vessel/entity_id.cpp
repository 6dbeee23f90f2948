#include "vigil/vessel/entity_id.hpp"

#include <charconv>

namespace vigil::vessel {

std::optional<std::uint32_t> mmsi_of_entity(std::string_view entity) {
  if (!entity.starts_with(kMmsiEntityPrefix)) return std::nullopt;
  const auto digits = entity.substr(kMmsiEntityPrefix.size());
  if (digits.empty() || digits.size() > 9 || digits.front() < '0' || digits.front() > '9')
    return std::nullopt;
  std::uint32_t mmsi = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), mmsi);
  if (error != std::errc() || end != digits.data() + digits.size() || mmsi == 0 || mmsi > kMaxMmsi)
    return std::nullopt;
  return mmsi;
}

std::string mmsi_entity(std::uint32_t mmsi) {
  return std::string(kMmsiEntityPrefix) + std::to_string(mmsi);
}

}  // namespace vigil::vessel
