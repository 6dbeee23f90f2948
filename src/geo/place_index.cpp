#include "vigil/geo/place_index.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "vigil/io/csv_reader.hpp"
#include "vigil/io/input_file.hpp"
#include "vigil/io/line_source.hpp"

namespace vigil::geo {
namespace {

constexpr int kColumns = 3600;
constexpr int kRows = 1800;

int column(double lon) {
  return std::clamp(static_cast<int>(std::floor((lon + 180) / 0.1)), 0, kColumns - 1);
}
int row(double lat) {
  return std::clamp(static_cast<int>(std::floor((lat + 90) / 0.1)), 0, kRows - 1);
}

double lon_span_deg(double lat, double metres) {
  const double cos_lat = std::max(std::cos(lat * 3.14159265358979323846 / 180), 0.01);
  return std::min(180.0, metres / (111'320.0 * cos_lat));
}

bool valid(LatLon p) {
  return std::fabs(p.lat) <= 90 && std::fabs(p.lon) <= 180;
}

}  // namespace

PlaceIndex::PlaceIndex(double max_query_m)
    : max_query_m_(max_query_m), near_((static_cast<std::size_t>(kRows) * kColumns + 63) / 64, 0) {}

std::uint32_t PlaceIndex::cell_of(double lat, double lon) {
  return static_cast<std::uint32_t>(row(lat) * kColumns + column(lon));
}

void PlaceIndex::mark_near(const LatLon& at) {
  const double span_lat = max_query_m_ / 110'574.0;
  const double span_lon = lon_span_deg(at.lat + (at.lat >= 0 ? span_lat : -span_lat), max_query_m_);
  for (int r = row(at.lat - span_lat); r <= row(at.lat + span_lat); ++r) {
    for (int c = column(at.lon - span_lon); c <= column(at.lon + span_lon); ++c) {
      const auto bit = static_cast<std::size_t>(r) * kColumns + static_cast<std::size_t>(c);
      near_[bit / 64] |= std::uint64_t{1} << (bit % 64);
    }
  }
}

void PlaceIndex::add(Place place) {
  const auto index = static_cast<std::uint32_t>(places_.size());
  cells_[cell_of(place.at.lat, place.at.lon)].push_back(index);
  mark_near(place.at);
  places_.push_back(std::move(place));
}

std::optional<PlaceIndex::Nearest> PlaceIndex::nearest(LatLon p, double max_m,
                                                       bool ports_only) const {
  if (max_m > max_query_m_)
    throw std::invalid_argument("place search radius " + std::to_string(max_m) +
                                " m beyond the index's " + std::to_string(max_query_m_) + " m");
  if (!valid(p)) return std::nullopt;
  const std::size_t bit = cell_of(p.lat, p.lon);
  if (((near_[bit / 64] >> (bit % 64)) & 1U) == 0) return std::nullopt;
  const double span_lat = max_m / 110'574.0;
  const double span_lon = lon_span_deg(p.lat + (p.lat >= 0 ? span_lat : -span_lat), max_m);
  std::optional<Nearest> best;
  for (int r = row(p.lat - span_lat); r <= row(p.lat + span_lat); ++r) {
    for (int c = column(p.lon - span_lon); c <= column(p.lon + span_lon); ++c) {
      const auto it = cells_.find(static_cast<std::uint32_t>(r * kColumns + c));
      if (it == cells_.end()) continue;
      for (const std::uint32_t i : it->second) {
        if (ports_only && places_[i].kind == "anchorage") continue;
        const double d = fast_distance_m(p, places_[i].at);
        if (d <= max_m && (!best || d < best->distance_m)) best = Nearest{i, d};
      }
    }
  }
  return best;
}

namespace {

std::size_t read_oil_infrastructure(const std::string& path, const std::string& text,
                                    std::vector<Place>& out) {
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(path + ": malformed JSON: " + e.what());
  }
  if (!document.is_object() || !document.contains("objects") || !document["objects"].is_array())
    throw std::runtime_error(path + ": expected a JSON object with an \"objects\" array");
  std::size_t n = 0;
  for (const auto& object : document["objects"]) {
    ++n;
    const auto where = path + ": object " + std::to_string(n);
    if (!object.is_object()) throw std::runtime_error(where + ": not an object");
    if (object.value("kind", "") != "terminal") continue;
    const auto lat = object.find("lat");
    const auto lon = object.find("lon");
    if (lat == object.end() || lon == object.end() || !lat->is_number() || !lon->is_number())
      throw std::runtime_error(where + ": field lat/lon: missing or not a number");
    Place place;
    place.id = object.value("id", "");
    place.name = object.value("name", place.id);
    place.kind = "oil_terminal";
    place.country = "RUS";
    place.at = {lat->get<double>(), lon->get<double>()};
    place.russian_oil = true;
    if (!valid(place.at)) throw std::runtime_error(where + ": field lat/lon: out of range");
    if (place.id.empty()) throw std::runtime_error(where + ": field id: missing");
    out.push_back(std::move(place));
  }
  return out.size();
}

const nlohmann::json* field(const io::RawRecord& row, std::string_view name) {
  for (const auto& [key, value] : row.fields)
    if (key == name) return &value;
  return nullptr;
}

std::string text(const io::RawRecord& row, std::string_view name) {
  const auto* value = field(row, name);
  if (value == nullptr || value->is_null()) return {};
  return value->is_string() ? value->get<std::string>() : value->dump();
}

void read_place_csv(const std::string& path, std::vector<Place>& out, PlacesRead& read) {
  io::CsvReader csv(path);
  io::RawRecord row;
  io::RecordError error;
  bool checked = false, anchorages = false;
  for (;;) {
    const auto status = csv.next(row, error);
    if (!checked) {
      const auto& header = csv.header();
      const auto has = [&](std::string_view name) {
        return std::find(header.begin(), header.end(), name) != header.end();
      };
      if (!has("latitude") || !has("longitude") || !has("label"))
        throw std::runtime_error(path + ": expected columns latitude, longitude and label");
      anchorages = has("s2id");
      checked = true;
    }
    if (status == io::ReadStatus::end) break;
    if (status == io::ReadStatus::error)
      throw std::runtime_error(path + ":" + std::to_string(error.line) + ": " + error.message);
    const auto where = path + ":" + std::to_string(row.line);
    const auto* lat = field(row, "latitude");
    const auto* lon = field(row, "longitude");
    const auto skip = [&](const std::string& why) {
      ++read.skipped;
      if (read.warnings.size() < PlacesRead::kMaxWarnings)
        read.warnings.push_back(where + ": skipped: " + why);
    };
    if (lat == nullptr || lon == nullptr || !lat->is_number() || !lon->is_number()) {
      skip("field latitude/longitude: missing or not a number");
      continue;
    }
    Place place;
    place.at = {lat->get<double>(), lon->get<double>()};
    if (!valid(place.at)) {
      skip("field latitude/longitude: " + lat->dump() + ", " + lon->dump() + " out of range");
      continue;
    }
    place.name = text(row, "label");
    const auto sublabel = text(row, "sublabel");
    if (!sublabel.empty()) place.name += " (" + sublabel + ")";
    place.country = text(row, "iso3");
    place.kind = anchorages ? "anchorage" : "port";
    place.id = anchorages ? "s2:" + text(row, "s2id") : place.country + ":" + place.name;
    out.push_back(std::move(place));
  }
}

}  // namespace

PlacesRead read_places_file(const std::string& path, PlaceIndex& index) {
  std::string head(64, '\0');
  {
    io::InputFile in(path);
    head.resize(in.read(head.data(), head.size()));
  }
  const auto first = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  std::vector<Place> places;
  PlacesRead read;
  if (first != std::string::npos && head[first] == '{') {
    read_oil_infrastructure(path, io::read_whole_file(path, std::size_t{256} << 20), places);
  } else {
    read_place_csv(path, places, read);
  }
  read.added = places.size();
  for (auto& place : places)
    index.add(std::move(place));
  return read;
}

}  // namespace vigil::geo
