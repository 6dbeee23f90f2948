#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "vigil/geo/geodesy.hpp"

namespace vigil::geo {

// A port, anchorage or terminal: a named point vessels call at.
struct Place {
  std::string id;
  std::string name;
  std::string kind;     // "port", "anchorage", "oil_terminal"
  std::string country;  // ISO 3166 alpha-3 when known
  LatLon at;
  bool russian_oil = false;  // a Russian oil export terminal
};

// Places with a grid index for "the nearest place within r metres". Queries far from every
// place (the open sea, almost every AIS position) answer from one bit.
class PlaceIndex {
 public:
  // `max_query_m`: the largest radius nearest() will be asked for.
  explicit PlaceIndex(double max_query_m = kDefaultMaxQueryM);
  static constexpr double kDefaultMaxQueryM = 50'000;

  void add(Place place);
  std::size_t size() const { return places_.size(); }
  const Place& operator[](std::size_t i) const { return places_[i]; }
  const std::vector<Place>& places() const { return places_; }

  struct Nearest {
    std::uint32_t index = 0;
    double distance_m = 0;
  };
  // The nearest place within `max_m` of p, by geodesic distance; a radius beyond
  // max_query_m is an error (std::invalid_argument), not a shorter search. With
  // `ports_only`, anchorages are passed over.
  std::optional<Nearest> nearest(LatLon p, double max_m, bool ports_only = false) const;
  double max_query_m() const { return max_query_m_; }

 private:
  static constexpr double kCell = 0.1;
  static std::uint32_t cell_of(double lat, double lon);
  void mark_near(const LatLon& at);

  double max_query_m_;
  std::vector<Place> places_;
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> cells_;
  std::vector<std::uint64_t> near_;  // cells within max_query_m_ of some place
};

// Reads places from a file, by content:
//  - a CSV with columns latitude, longitude and label (GFW's WPI_ports.csv: iso3, label,
//    sublabel; GFW's anchorage_overrides.csv: s2id, ..., iso3) as kind "port" or, with an
//    s2id column, "anchorage";
//  - a JSON document {"objects": [{id, kind, name, lat, lon, ...}]} of Russian oil
//    infrastructure, of which the objects of kind "terminal" become kind "oil_terminal",
//    country RUS, russian_oil.
// Appends to `index` and returns how many places were read. A row of a CSV whose position
// is missing or out of range (GFW's anchorage file has a longitude of 1001) is skipped and
// counted in `skipped`, with a warning naming its line (the first few). Throws
// std::runtime_error naming the file (and line or object) when the file as a whole cannot
// be read: no such columns, malformed CSV or JSON; nothing is added then. Files may be
// gzip-compressed.
struct PlacesRead {
  std::size_t added = 0;
  std::size_t skipped = 0;
  std::vector<std::string> warnings;  // at most kMaxWarnings
  static constexpr std::size_t kMaxWarnings = 5;
};
PlacesRead read_places_file(const std::string& path, PlaceIndex& index);
inline std::size_t read_places(const std::string& path, PlaceIndex& index) {
  return read_places_file(path, index).added;
}

}  // namespace vigil::geo
