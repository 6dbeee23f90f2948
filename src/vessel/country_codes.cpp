#include <algorithm>
#include <array>
#include <cctype>
#include <span>
#include <string>
#include <utility>

#include "vigil/vessel/flag.hpp"

namespace vigil::vessel {
namespace {

// Country names as sanctions lists write flags (OFAC, GUR, OpenSanctions), normalised as
// below, with their ISO 3166-1 alpha-2 codes: the flag registries that matter at sea.
constexpr std::array<std::pair<std::string_view, std::string_view>, 104> kCountries = {{
    {"albania", "AL"},
    {"algeria", "DZ"},
    {"angola", "AO"},
    {"antigua and barbuda", "AG"},
    {"argentina", "AR"},
    {"australia", "AU"},
    {"azerbaijan", "AZ"},
    {"bahamas", "BS"},
    {"bahrain", "BH"},
    {"bangladesh", "BD"},
    {"barbados", "BB"},
    {"belgium", "BE"},
    {"belize", "BZ"},
    {"bermuda", "BM"},
    {"bolivia", "BO"},
    {"brazil", "BR"},
    {"british virgin islands", "VG"},
    {"bulgaria", "BG"},
    {"cambodia", "KH"},
    {"cameroon", "CM"},
    {"canada", "CA"},
    {"cayman islands", "KY"},
    {"chile", "CL"},
    {"china", "CN"},
    {"people's republic of china", "CN"},
    {"colombia", "CO"},
    {"comoros", "KM"},
    {"cook islands", "CK"},
    {"croatia", "HR"},
    {"cuba", "CU"},
    {"cyprus", "CY"},
    {"denmark", "DK"},
    {"djibouti", "DJ"},
    {"dominica", "DM"},
    {"egypt", "EG"},
    {"equatorial guinea", "GQ"},
    {"eritrea", "ER"},
    {"estonia", "EE"},
    {"eswatini", "SZ"},
    {"fiji", "FJ"},
    {"finland", "FI"},
    {"france", "FR"},
    {"gabon", "GA"},
    {"gambia", "GM"},
    {"georgia", "GE"},
    {"germany", "DE"},
    {"ghana", "GH"},
    {"gibraltar", "GI"},
    {"greece", "GR"},
    {"guinea", "GN"},
    {"guinea-bissau", "GW"},
    {"guyana", "GY"},
    {"honduras", "HN"},
    {"hong kong", "HK"},
    {"india", "IN"},
    {"indonesia", "ID"},
    {"iran", "IR"},
    {"iraq", "IQ"},
    {"ireland", "IE"},
    {"isle of man", "IM"},
    {"israel", "IL"},
    {"italy", "IT"},
    {"jamaica", "JM"},
    {"japan", "JP"},
    {"kazakhstan", "KZ"},
    {"kenya", "KE"},
    {"north korea", "KP"},
    {"korea", "KR"},
    {"south korea", "KR"},
    {"kuwait", "KW"},
    {"latvia", "LV"},
    {"lebanon", "LB"},
    {"liberia", "LR"},
    {"libya", "LY"},
    {"lithuania", "LT"},
    {"luxembourg", "LU"},
    {"madeira", "PT"},
    {"malaysia", "MY"},
    {"maldives", "MV"},
    {"malta", "MT"},
    {"marshall islands", "MH"},
    {"mauritius", "MU"},
    {"moldova", "MD"},
    {"mongolia", "MN"},
    {"netherlands", "NL"},
    {"nigeria", "NG"},
    {"norway", "NO"},
    {"oman", "OM"},
    {"pakistan", "PK"},
    {"palau", "PW"},
    {"panama", "PA"},
    {"philippines", "PH"},
    {"poland", "PL"},
    {"portugal", "PT"},
    {"qatar", "QA"},
    {"russia", "RU"},
    {"russian federation", "RU"},
    {"saint kitts and nevis", "KN"},
    {"saint vincent and the grenadines", "VC"},
    {"san marino", "SM"},
    {"sao tome and principe", "ST"},
    {"saudi arabia", "SA"},
    {"sierra leone", "SL"},
    {"singapore", "SG"},
}};
constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kMoreCountries = {{
    {"spain", "ES"},
    {"sri lanka", "LK"},
    {"sweden", "SE"},
    {"switzerland", "CH"},
    {"syria", "SY"},
    {"tanzania", "TZ"},
    {"togo", "TG"},
    {"turkey", "TR"},
    {"turkiye", "TR"},
    {"tuvalu", "TV"},
    {"ukraine", "UA"},
    {"united arab emirates", "AE"},
    {"united kingdom", "GB"},
    {"united states", "US"},
    {"vanuatu", "VU"},
    {"vietnam", "VN"},
}};

std::string normalise(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '&') {
      out += "and";
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  const auto trim = [](std::string& s) {
    while (!s.empty() && s.back() == ' ')
      s.pop_back();
    while (!s.empty() && s.front() == ' ')
      s.erase(s.begin());
  };
  trim(out);
  for (const std::string_view prefix : {"republic of ", "the "})
    if (out.rfind(prefix, 0) == 0) out.erase(0, prefix.size());
  std::string collapsed;
  for (const char c : out)
    if (!(c == ' ' && !collapsed.empty() && collapsed.back() == ' ')) collapsed += c;
  return collapsed;
}

}  // namespace

std::optional<std::string_view> flag_code_of_country(std::string_view name) {
  const std::string key = normalise(name);
  if (key.size() == 2) {
    // Already a code ("PA", "pa").
    for (const auto& table :
         {std::span<const std::pair<std::string_view, std::string_view>>(kCountries),
          std::span<const std::pair<std::string_view, std::string_view>>(kMoreCountries)})
      for (const auto& [country, code] : table)
        if (code[0] == std::toupper(static_cast<unsigned char>(key[0])) &&
            code[1] == std::toupper(static_cast<unsigned char>(key[1])))
          return code;
    return std::nullopt;
  }
  for (const auto& [country, code] : kCountries)
    if (country == key) return code;
  for (const auto& [country, code] : kMoreCountries)
    if (country == key) return code;
  return std::nullopt;
}

}  // namespace vigil::vessel
