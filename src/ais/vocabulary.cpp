#include "vigil/ais/vocabulary.hpp"

#include <array>
#include <string>

namespace vigil::ais {
namespace {

// ITU-R M.1371-5, table 48 (navigational status).
constexpr std::array<std::string_view, 16> kNavigationStatus = {
    "Under way using engine",
    "At anchor",
    "Not under command",
    "Restricted maneuverability",
    "Constrained by her draught",
    "Moored",
    "Aground",
    "Engaged in fishing",
    "Under way sailing",
    "Reserved for HSC",
    "Reserved for WIG",
    "Power-driven vessel towing astern",
    "Power-driven vessel pushing ahead or towing alongside",
    "Reserved",
    "AIS-SART is active",
    "Not defined",
};

// ITU-R M.1371-5, table 50 (electronic position fixing device).
constexpr std::array<std::string_view, 16> kEpfd = {
    "Undefined",
    "GPS",
    "GLONASS",
    "Combined GPS/GLONASS",
    "Loran-C",
    "Chayka",
    "Integrated navigation system",
    "Surveyed",
    "Galileo",
    "Reserved (9)",
    "Reserved (10)",
    "Reserved (11)",
    "Reserved (12)",
    "Reserved (13)",
    "Reserved (14)",
    "Internal GNSS",
};

// ITU-R M.1371-5, table 74 (type of aid to navigation).
constexpr std::array<std::string_view, 32> kAidType = {
    "Unspecified",
    "Reference point",
    "RACON",
    "Fixed offshore structure",
    "Spare, Reserved for future use.",
    "Light, without sectors",
    "Light, with sectors",
    "Leading Light Front",
    "Leading Light Rear",
    "Beacon, Cardinal N",
    "Beacon, Cardinal E",
    "Beacon, Cardinal S",
    "Beacon, Cardinal W",
    "Beacon, Port hand",
    "Beacon, Starboard hand",
    "Beacon, Preferred Channel port hand",
    "Beacon, Preferred Channel starboard hand",
    "Beacon, Isolated danger",
    "Beacon, Safe water",
    "Beacon, Special mark",
    "Cardinal Mark N",
    "Cardinal Mark E",
    "Cardinal Mark S",
    "Cardinal Mark W",
    "Port hand Mark",
    "Starboard hand Mark",
    "Preferred Channel Port hand",
    "Preferred Channel Starboard hand",
    "Isolated danger",
    "Safe Water",
    "Special Mark",
    "Light Vessel / LANBY / Rigs",
};

// ITU-R M.1371-5, message 23 station types.
constexpr std::array<std::string_view, 16> kStationType = {
    "All types of mobiles",
    "Reserved for future use",
    "All types of Class B mobile stations",
    "SAR airborne mobile station",
    "Aid to Navigation station",
    "Class B shipborne mobile station",
    "Regional use and inland waterways",
    "Regional use and inland waterways",
    "Regional use and inland waterways",
    "Regional use and inland waterways",
    "Reserved for future use",
    "Reserved for future use",
    "Reserved for future use",
    "Reserved for future use",
    "Reserved for future use",
    "Reserved for future use",
};

// The second digit of a ship type 20-99 qualifies the first (ITU-R M.1371-5, table 53).
constexpr std::array<std::string_view, 10> kCategory = {
    "all ships of this type",    "Hazardous category A",    "Hazardous category B",
    "Hazardous category C",      "Hazardous category D",    "Reserved for future use",
    "Reserved for future use",   "Reserved for future use", "Reserved for future use",
    "No additional information",
};

constexpr std::array<std::string_view, 10> kShipTypes3x = {
    "Fishing",
    "Towing",
    "Towing: length exceeds 200m or breadth exceeds 25m",
    "Dredging or underwater ops",
    "Diving ops",
    "Military ops",
    "Sailing",
    "Pleasure Craft",
    "Reserved",
    "Reserved",
};

constexpr std::array<std::string_view, 10> kShipTypes5x = {
    "Pilot Vessel",
    "Search and Rescue vessel",
    "Tug",
    "Port Tender",
    "Anti-pollution equipment",
    "Law Enforcement",
    "Spare - Local Vessel",
    "Spare - Local Vessel",
    "Medical Transport",
    "Ship according to RR Resolution No. 18",
};

// "Wing in ground (WIG) - Hazardous category A" and so on, built once.
struct ShipTypeTable {
  std::array<std::string, 100> text;
  ShipTypeTable() {
    constexpr std::array<std::string_view, 10> kFamily = {"",
                                                          "",
                                                          "Wing in ground (WIG)",
                                                          "",
                                                          "High speed craft (HSC)",
                                                          "",
                                                          "Passenger",
                                                          "Cargo",
                                                          "Tanker",
                                                          "Other Type"};
    text[0] = "Not available";
    for (int i = 1; i < 20; ++i)
      text[i] = "Reserved for future use";
    for (int i = 20; i < 100; ++i) {
      const int family = i / 10;
      const int category = i % 10;
      if (family == 3) {
        text[i] = kShipTypes3x[category];
      } else if (family == 5) {
        text[i] = kShipTypes5x[category];
      } else {
        text[i] = std::string(kFamily[family]) + " - " + std::string(kCategory[category]);
      }
    }
  }
};

}  // namespace

std::string_view navigation_status_text(std::uint64_t status) {
  return status < kNavigationStatus.size() ? kNavigationStatus[status] : "Invalid";
}

std::string_view ship_type_text(std::uint64_t ship_type) {
  static const ShipTypeTable table;
  return ship_type < 100 ? std::string_view(table.text[ship_type]) : "Reserved for future use";
}

std::string_view epfd_text(std::uint64_t epfd) {
  return epfd < kEpfd.size() ? kEpfd[epfd] : "Invalid";
}

std::string_view aid_type_text(std::uint64_t aid_type) {
  return aid_type < kAidType.size() ? kAidType[aid_type] : "Invalid";
}

std::string_view station_type_text(std::uint64_t station_type) {
  return station_type < kStationType.size() ? kStationType[station_type] : "Invalid";
}

}  // namespace vigil::ais
