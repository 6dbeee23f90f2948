#include "vigil/vessel/vessel_class.hpp"

#include <array>
#include <cctype>

namespace vigil::vessel {
namespace {

constexpr std::array<std::string_view, kVesselClassCount> kClassNames = {
    "unknown", "tanker", "gas_carrier", "cargo", "fishing", "passenger", "service", "pleasure"};

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool has_word(const std::string& text, std::string_view word) {
  for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    const bool starts = at == 0 || !std::isalpha(static_cast<unsigned char>(text[at - 1]));
    const std::size_t end = at + word.size();
    const bool ends = end == text.size() || !std::isalpha(static_cast<unsigned char>(text[end]));
    if (starts && ends) return true;
  }
  return false;
}

}  // namespace

std::string_view to_string(VesselClass vessel_class) {
  return kClassNames[static_cast<std::size_t>(vessel_class)];
}

std::optional<VesselClass> parse_vessel_class(std::string_view text) {
  for (std::size_t i = 0; i < kClassNames.size(); ++i)
    if (kClassNames[i] == text) return static_cast<VesselClass>(i);
  return std::nullopt;
}

VesselClass class_of_ais_type(int code) {
  if (code >= 80 && code <= 89) return VesselClass::tanker;
  if (code >= 70 && code <= 79) return VesselClass::cargo;
  if (code >= 60 && code <= 69) return VesselClass::passenger;
  if (code >= 40 && code <= 49) return VesselClass::passenger;  // high-speed craft
  if (code == 30) return VesselClass::fishing;
  if (code == 36 || code == 37) return VesselClass::pleasure;
  if ((code >= 31 && code <= 35) || (code >= 50 && code <= 59)) return VesselClass::service;
  return VesselClass::unknown;  // 0 and 1-19 (reserved), 20-29 (wing in ground), 38-39, 90-99
}

VesselClass class_of_listed_type(std::string_view text) {
  const std::string t = upper(text);
  // Gas first: "LPG Tanker" is a gas carrier, not an oil tanker.
  for (const auto word : {"LNG", "LPG", "GAS", "LEG"})
    if (has_word(t, word)) return VesselClass::gas_carrier;
  for (const auto word :
       {"TANKER", "OIL", "CRUDE", "CHEMICAL", "PRODUCT", "PRODUCTS", "ASPHALT", "BITUMEN",
        "BUNKERING", "FSO", "FPSO", "VLCC", "ULCC", "AFRAMAX", "SUEZMAX", "PANAMAX"})
    if (has_word(t, word)) return VesselClass::tanker;
  // Passenger before cargo: a "Passenger/Ro-Ro Ship" is a ferry.
  for (const auto word : {"PASSENGER", "FERRY", "CRUISE"})
    if (has_word(t, word)) return VesselClass::passenger;
  for (const auto word : {"BULK", "BULKER", "CARGO", "CONTAINER", "RO-RO", "RORO", "REEFER",
                          "REFRIGERATED", "VEHICLE", "CARRIER", "ORE", "CEMENT", "HEAVY LOAD"})
    if (has_word(t, word)) return VesselClass::cargo;
  for (const auto word : {"FISHING", "TRAWLER", "FISH"})
    if (has_word(t, word)) return VesselClass::fishing;
  for (const auto word :
       {"TUG", "TOWING", "PILOT", "SUPPLY", "DREDGER", "SEARCH", "RESCUE", "RESEARCH", "ICEBREAKER",
        "OFFSHORE", "ANCHOR", "SURVEY", "CABLE", "PIPE", "SALVAGE", "PATROL"})
    if (has_word(t, word)) return VesselClass::service;
  for (const auto word : {"YACHT", "PLEASURE", "SAILING"})
    if (has_word(t, word)) return VesselClass::pleasure;
  return VesselClass::unknown;
}

bool may_be_fast_craft(int ais_type) {
  return (ais_type >= 20 && ais_type <= 29) || (ais_type >= 40 && ais_type <= 49) ||
         ais_type == 35 || ais_type == 36 || ais_type == 37 || ais_type == 50 || ais_type == 51 ||
         ais_type == 55;
}

std::string VesselClasses::to_string() const {
  std::string out;
  for (std::size_t i = 0; i < kVesselClassCount; ++i) {
    if (!contains(static_cast<VesselClass>(i))) continue;
    if (!out.empty()) out += ',';
    out += kClassNames[i];
  }
  return out;
}

}  // namespace vigil::vessel
