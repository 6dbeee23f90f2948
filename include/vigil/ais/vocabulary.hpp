#pragma once

#include <cstdint>
#include <string_view>

namespace vigil::ais {

// Legends for coded fields, as gpsd prints them in its *_text fields (docs/ais.md).
std::string_view navigation_status_text(std::uint64_t status);
std::string_view ship_type_text(std::uint64_t ship_type);
std::string_view epfd_text(std::uint64_t epfd);
std::string_view aid_type_text(std::uint64_t aid_type);
std::string_view station_type_text(std::uint64_t station_type);

}  // namespace vigil::ais
