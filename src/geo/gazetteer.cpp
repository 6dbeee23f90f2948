#include "vigil/geo/gazetteer.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cctype>
#include <cmath>
#include <iostream>
#include <memory>
#include <set>
#include <stdexcept>
#include <string_view>

#include "vigil/geo/data_directory.hpp"
#include "vigil/geo/place_index.hpp"
#include "vigil/io/line_source.hpp"

namespace vigil::geo {

const char* compass_point(double bearing_deg) {
  static constexpr const char* kPoints[] = {"N", "NE", "E", "SE", "S", "SW", "W", "NW"};
  const double normal = std::fmod(std::fmod(bearing_deg, 360.0) + 360.0, 360.0);
  return kPoints[static_cast<int>(std::floor((normal + 22.5) / 45.0)) % 8];
}

double urban_radius_m(std::uint32_t population) {
  return std::max(500.0, 10.0 * std::sqrt(static_cast<double>(population)));
}

std::string Placement::text() const {
  const std::string where =
      place->region.empty() ? place->name : fmt::format("{} ({})", place->name, place->region);
  if (distance_m < urban_radius_m(place->population)) return "in " + where;
  return fmt::format("{} km {} of {}",
                     std::max(1L, static_cast<long>(std::lround(distance_m / 1000.0))),
                     compass_point(bearing_deg), where);
}

double Gazetteer::weight(std::uint32_t population) {
  return population <= 500 ? 1.0 : 1.0 + std::log10(population / 500.0);
}

std::int64_t Gazetteer::cell_of(double lat, double lon) {
  const auto row = static_cast<std::int64_t>(std::floor((lat + 90.0) / kCellDegrees));
  const auto column = static_cast<std::int64_t>(std::floor((lon + 180.0) / kCellDegrees));
  return row * 1000 + column;
}

void Gazetteer::add(NamedPlace place, Kind kind) {
  const auto index = static_cast<std::uint32_t>(places_.size());
  auto& cells = kind == Kind::settlement ? settlement_cells_ : port_cells_;
  cells[cell_of(place.at.lat, place.at.lon)].push_back(index);
  places_.push_back(std::move(place));
}

std::optional<std::pair<std::uint32_t, double>> Gazetteer::best_within(const Cells& cells, LatLon p,
                                                                       double reach_m) const {
  if (cells.empty()) return std::nullopt;
  const double reach_lat = reach_m / 110'000.0;
  const double reach_lon =
      reach_lat /
      std::max(0.1, std::cos(std::min(std::abs(p.lat) + reach_lat, 89.0) * kRadiansPerDegree));
  const auto rows = static_cast<int>(std::ceil(reach_lat / kCellDegrees));
  const auto columns = std::min(360, static_cast<int>(std::ceil(reach_lon / kCellDegrees)));
  std::optional<std::pair<std::uint32_t, double>> best;
  double best_score = 0;
  constexpr double kMetresPerDegreeLatitude = 111'195;  // the mean radius's degree
  const double cos_lat = std::cos(p.lat * kRadiansPerDegree);
  for (int dr = -rows; dr <= rows; ++dr) {
    for (int dc = -columns; dc <= columns; ++dc) {
      double lon = p.lon + dc * kCellDegrees;
      if (lon >= 180) lon -= 360;
      if (lon < -180) lon += 360;
      const auto found = cells.find(cell_of(p.lat + dr * kCellDegrees, lon));
      if (found == cells.end()) continue;
      for (const auto index : found->second) {
        const auto& place = places_[index];
        if (std::abs(place.at.lat - p.lat) > reach_lat) continue;
        // Ranking needs no geodesic: within 200 km the equirectangular distance is within
        // half a percent of it. The chosen place's distance is the geodesic (place()).
        const double dy = (place.at.lat - p.lat) * kMetresPerDegreeLatitude;
        double dlon = place.at.lon - p.lon;
        if (dlon > 180) dlon -= 360;
        if (dlon < -180) dlon += 360;
        const double dx = dlon * kMetresPerDegreeLatitude * cos_lat;
        const double d = std::sqrt(dx * dx + dy * dy);
        if (d > reach_m) continue;
        const double score = d / weight(place.population);
        if (best && score >= best_score) continue;
        best = std::pair{index, d};
        best_score = score;
      }
    }
  }
  return best;
}

std::optional<Placement> Gazetteer::place(LatLon p) const {
  // A town or village within its reach names a point before any port does.
  auto best = best_within(settlement_cells_, p, kMaxSettlementDistanceM);
  if (!best) best = best_within(port_cells_, p, kMaxPortDistanceM);
  if (!best) return std::nullopt;
  const auto& place = places_[best->first];
  return Placement{&place, distance_m(place.at, p), bearing_deg(place.at, p)};
}

const std::unordered_map<std::string, std::string>& regions_of_ukraine() {
  static const std::unordered_map<std::string, std::string> kRegions = {
      {"01", "Cherkasy"},       {"02", "Chernihiv"},    {"03", "Chernivtsi"},
      {"04", "Dnipropetrovsk"}, {"05", "Donetsk"},      {"06", "Ivano-Frankivsk"},
      {"07", "Kharkiv"},        {"08", "Kherson"},      {"09", "Khmelnytskyi"},
      {"10", "Kirovohrad"},     {"11", "Crimea"},       {"12", "Kyiv City"},
      {"13", "Kyiv"},           {"14", "Luhansk"},      {"15", "Lviv"},
      {"16", "Mykolaiv"},       {"17", "Odesa"},        {"18", "Poltava"},
      {"19", "Rivne"},          {"20", "Sevastopol"},   {"21", "Sumy"},
      {"22", "Ternopil"},       {"23", "Vinnytsia"},    {"24", "Volyn"},
      {"25", "Zakarpattia"},    {"26", "Zaporizhzhia"}, {"27", "Zhytomyr"},
  };
  return kRegions;
}

namespace {

// The postal file names oblasts by their adjective ("Luhanska"); the geoname table's admin1
// names are the nouns used everywhere else.
const std::unordered_map<std::string, std::string>& postal_regions() {
  static const std::unordered_map<std::string, std::string> kRegions = {
      {"Cherkaska", "Cherkasy"},
      {"Chernihivska", "Chernihiv"},
      {"Chernivetska", "Chernivtsi"},
      {"Dnipropetrovska", "Dnipropetrovsk"},
      {"Donetska", "Donetsk"},
      {"Ivano-Frankivska", "Ivano-Frankivsk"},
      {"Kharkivska", "Kharkiv"},
      {"Khersonska", "Kherson"},
      {"Khmelnytska", "Khmelnytskyi"},
      {"Kirovohradska", "Kirovohrad"},
      {"Kyiv", "Kyiv City"},
      {"Kyivska", "Kyiv"},
      {"Luhanska", "Luhansk"},
      {"Lvivska", "Lviv"},
      {"Mykolaivska", "Mykolaiv"},
      {"Odeska", "Odesa"},
      {"Poltavska", "Poltava"},
      {"Rivnenska", "Rivne"},
      {"Sumska", "Sumy"},
      {"Ternopilska", "Ternopil"},
      {"Vinnytska", "Vinnytsia"},
      {"Volynska", "Volyn"},
      {"Zakarpatska", "Zakarpattia"},
      {"Zaporizka", "Zaporizhzhia"},
      {"Zhytomyrska", "Zhytomyr"},
      {"Avtonomna Respublika Krym", "Crimea"},
      {"Sevastopol", "Sevastopol"},
  };
  return kRegions;
}

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  for (;;) {
    const auto tab = line.find('\t', start);
    fields.push_back(
        line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) return fields;
    start = tab + 1;
  }
}

double parse_degrees(std::string_view text, double limit, const std::string& where,
                     const char* field) {
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(std::string(text), &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size() || !(std::abs(value) <= limit))
    throw std::runtime_error(fmt::format("{}: {} '{}' is not a coordinate", where, field, text));
  return value;
}

}  // namespace

std::size_t read_geonames(const std::string& path, Gazetteer& gazetteer) {
  io::LineSource lines(path);
  std::string_view line;
  std::size_t added = 0;
  const std::size_t first = gazetteer.size();
  std::set<std::tuple<std::string, long, long>> seen;  // a postal place's name and position
  for (;;) {
    const auto result = lines.next(line);
    if (result == io::LineSource::Result::end) break;
    const std::string where = fmt::format("{}:{}", path, lines.line_number());
    if (result == io::LineSource::Result::too_long)
      throw std::runtime_error(where + ": line too long");
    if (line.empty()) continue;
    const auto fields = split_tabs(line);
    if (fields.size() == 19) {
      // geonameid, name, asciiname, alternatenames, latitude, longitude, feature class,
      // feature code, country code, cc2, admin1, admin2, admin3, admin4, population, ...
      const std::string_view code = fields[7];
      if (fields[6] != "P" || code == "PPLQ" || code == "PPLH" || code == "PPLX" || code == "PPLW")
        continue;
      NamedPlace place;
      place.name = std::string(fields[1]);
      place.at = {parse_degrees(fields[4], 90, where, "latitude"),
                  parse_degrees(fields[5], 180, where, "longitude")};
      const auto& regions = regions_of_ukraine();
      if (fields[8] == "UA") {
        if (const auto region = regions.find(std::string(fields[10])); region != regions.end())
          place.region = region->second;
      } else {
        place.region = std::string(fields[8]);
      }
      place.population = static_cast<std::uint32_t>(
          std::min(4e9, std::max(0.0, std::atof(std::string(fields[14]).c_str()))));
      gazetteer.add(std::move(place));
      ++added;
    } else if (fields.size() == 12) {
      // country, postal code, place name, admin1 name, admin1 code, admin2 name, admin2 code,
      // admin3 name, admin3 code, latitude, longitude, accuracy
      if (fields[11] != "4") continue;  // 1: an admin area's centroid, not a place
      const LatLon at{parse_degrees(fields[9], 90, where, "latitude"),
                      parse_degrees(fields[10], 180, where, "longitude")};
      std::string name = transliterate_ukrainian(std::string(fields[2]));
      if (!seen.emplace(name, std::lround(at.lat * 1e4), std::lround(at.lon * 1e4)).second)
        continue;
      // The same town is in the geoname table under its English name.
      bool known = false;
      for (std::size_t i = 0; i < first && !known; ++i)
        known = std::abs(gazetteer[i].at.lat - at.lat) < 0.02 &&
                std::abs(gazetteer[i].at.lon - at.lon) < 0.04 &&
                fast_distance_m(gazetteer[i].at, at) < kSameSettlementM;
      if (known) continue;
      NamedPlace place{std::move(name), "", at, 0};
      if (const auto region = postal_regions().find(std::string(fields[3]));
          region != postal_regions().end())
        place.region = region->second;
      gazetteer.add(std::move(place));
      ++added;
    } else {
      throw std::runtime_error(fmt::format(
          "{}: {} tab-separated fields; a GeoNames geoname table has 19, a postal-code table 12",
          where, fields.size()));
    }
  }
  return added;
}

namespace {

// "THUNDER BAY" as "Thunder Bay"; a name already in mixed case is left as it is.
std::string title_case(const std::string& name) {
  if (std::any_of(name.begin(), name.end(), [](unsigned char c) { return std::islower(c); }))
    return name;
  std::string out = name;
  bool word_start = true;
  for (auto& c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalpha(u)) {
      c = static_cast<char>(word_start ? std::toupper(u) : std::tolower(u));
      word_start = false;
    } else {
      word_start = c != '\'';
    }
  }
  return out;
}

}  // namespace

Gazetteer load_gazetteer(const std::string& data_directory) {
  Gazetteer gazetteer;
  read_geonames(data_directory + "/gazetteer/geonames_cities500_UA.tsv.gz", gazetteer);
  read_geonames(data_directory + "/gazetteer/geonames_postalcodes_UA.txt.gz", gazetteer);
  PlaceIndex ports;
  read_places(data_directory + "/maritime/wpi_ports.csv", ports);
  read_places(data_directory + "/maritime/russian_oil_infra.json", ports);
  for (const auto& port : ports.places())
    gazetteer.add({title_case(port.name), port.country, port.at, 0}, Gazetteer::Kind::port);
  return gazetteer;
}

const Gazetteer* default_gazetteer() {
  static const std::unique_ptr<const Gazetteer> loaded = []() -> std::unique_ptr<const Gazetteer> {
    try {
      return std::make_unique<const Gazetteer>(load_gazetteer(data_directory()));
    } catch (const std::exception& e) {
      std::cerr << "vigil: warning: records are not placed by name: " << e.what() << '\n';
      return nullptr;
    }
  }();
  return loaded.get();
}

std::optional<std::string> place_text(LatLon p) {
  const auto* places = default_gazetteer();
  if (places == nullptr) return std::nullopt;
  const auto placement = places->place(p);
  if (!placement) return std::nullopt;
  return placement->text();
}

}  // namespace vigil::geo
