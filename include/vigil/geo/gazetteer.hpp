#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "vigil/geo/geodesy.hpp"

namespace vigil::geo {

// A named place a report can place things by: a town or village, or a port.
struct NamedPlace {
  std::string name;    // in Latin letters ("Horlivka")
  std::string region;  // the oblast, or a port's country ("Donetsk", "DNK")
  LatLon at;
  std::uint32_t population = 0;  // 0 when unknown (villages of the postal file, ports)
};

// Where a point lies, as monitoring reports write it: "12 km E of Popasna (Luhansk)".
struct Placement {
  const NamedPlace* place = nullptr;
  double distance_m = 0;
  double bearing_deg = 0;  // from the place to the point
  // "12 km E of Popasna (Luhansk)"; "in Popasna (Luhansk)" within the place's urban radius.
  std::string text() const;
};

// How far from its point a place of `population` is taken to reach: 10 m × √population, at
// least 500 m (Donetsk's 900,000 people reach 9.5 km, a town of 25,000 1.6 km). Within it a
// point is "in" the place, where a direction from the place's centre would mislead.
double urban_radius_m(std::uint32_t population);

// One of the eight compass points for a bearing: "N", "NE", ..., "NW".
const char* compass_point(double bearing_deg);

// Named places with a grid index. A point is placed by the place that best names it: the
// nearest, unless a larger place is not much farther. A place's reach grows with the log of
// its population (placement_score), the way reports name "12 km E of Popasna" rather than a
// hamlet 4 km away, while a village 1 km away still wins over a city 15 km off.
class Gazetteer {
 public:
  // The farthest a point is placed from a town or village (docs/gazetteer.md).
  static constexpr double kMaxSettlementDistanceM = 50'000;
  // The farthest a point at sea is placed from a port.
  static constexpr double kMaxPortDistanceM = 200'000;

  enum class Kind : std::uint8_t { settlement, port };
  void add(NamedPlace place, Kind kind = Kind::settlement);
  std::size_t size() const { return places_.size(); }
  const NamedPlace& operator[](std::size_t i) const { return places_[i]; }

  // The placement of p, or none when no place lies within reach.
  std::optional<Placement> place(LatLon p) const;

  // How far a place of `population` may be and still be chosen over a place of unknown size
  // at distance 1: 1 + log10(population / 500), at least 1.
  static double weight(std::uint32_t population);

 private:
  static constexpr double kCellDegrees = 0.5;
  static std::int64_t cell_of(double lat, double lon);
  using Cells = std::unordered_map<std::int64_t, std::vector<std::uint32_t>>;
  // The best-scoring place of `cells` within reach_m of p, with its distance.
  std::optional<std::pair<std::uint32_t, double>> best_within(const Cells& cells, LatLon p,
                                                              double reach_m) const;

  std::vector<NamedPlace> places_;
  Cells settlement_cells_;
  Cells port_cells_;
};

// Reads GeoNames places into `gazetteer`, by the file's shape:
//  - the geoname table (cities500.txt and its country extracts: 19 tab-separated columns);
//    populated places (feature class P) other than abandoned, historical or sections of
//    places; the region is the admin1 code's name (Ukraine's codes, regions_of_ukraine());
//  - the postal-code table (12 columns); rows placed on the place itself (accuracy 4), names
//    transliterated from Ukrainian (transliterate_ukrainian), one row per place, and none
//    within kSameSettlementM of a place already read under another name's script.
// Files may be gzip-compressed. Returns how many places were added; throws
// std::runtime_error naming the file and line for a row of neither shape.
std::size_t read_geonames(const std::string& path, Gazetteer& gazetteer);
inline constexpr double kSameSettlementM = 1'500;

// The gazetteer vigil places incidents with, from the data directory (data/): GeoNames'
// towns and villages of Ukraine (gazetteer/), and as ports the World Port Index
// (maritime/wpi_ports.csv, names in title case) and Russia's oil terminals
// (maritime/russian_oil_infra.json). Throws std::runtime_error naming a file that cannot be read.
Gazetteer load_gazetteer(const std::string& data_directory);

// The gazetteer of the data directory (load_gazetteer(data_directory())), read once on first
// use; none when its files cannot be read, which is said once on standard error.
const Gazetteer* default_gazetteer();

// A point in words by the default gazetteer, or none when no place is within reach (the open
// ocean) or there is no gazetteer.
std::optional<std::string> place_text(LatLon p);

// GeoNames' admin1 codes of Ukraine ("05") to oblast names ("Donetsk").
const std::unordered_map<std::string, std::string>& regions_of_ukraine();

// Ukrainian Cyrillic (UTF-8) in Latin letters by Ukraine's national transliteration (Cabinet
// of Ministers resolution 55 of 2010, the one its passports and road signs use): "Горлівка"
// becomes "Horlivka", "Знам'янка" "Znamianka". Other characters pass through.
std::string transliterate_ukrainian(const std::string& text);

}  // namespace vigil::geo
