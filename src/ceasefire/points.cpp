#include "vigil/ceasefire/points.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>
#include <simdjson.h>

#include "vigil/io/line_source.hpp"

namespace vigil::ceasefire {
namespace {

bool valid(geo::LatLon p) {
  return std::isfinite(p.lat) && std::isfinite(p.lon) && p.lat >= -90 && p.lat <= 90 &&
         p.lon >= -180 && p.lon <= 180;
}

std::optional<double> number(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '"'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '"' || text.back() == '\r'))
    text.remove_suffix(1);
  double v = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

std::vector<std::string_view> split(std::string_view line, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const auto at = line.find(sep, start);
    out.push_back(line.substr(start, at == std::string_view::npos ? line.npos : at - start));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return out;
}

}  // namespace

PointReadStats read_points(const std::string& path,
                           const std::function<void(const InputPoint&)>& on_point,
                           const std::function<void(const std::string&)>& on_error) {
  std::string text;
  if (path == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    text = io::read_whole_file(path, std::size_t{8} << 30);
  }
  PointReadStats stats;
  const auto reject = [&](std::uint64_t line, const std::string& why) {
    ++stats.rejected;
    on_error(fmt::format("{}:{}: {}", path, line, why));
  };
  std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return stats;
  const bool geojson = text[first] == '{' &&
                       text.find("\"FeatureCollection\"") != std::string::npos &&
                       text.find('\n', first) > text.find("\"features\"");
  simdjson::ondemand::parser parser;
  std::string id_buffer;
  if (geojson) {
    simdjson::padded_string padded(text);
    simdjson::dom::parser dom;
    simdjson::dom::element doc;
    if (dom.parse(padded).get(doc)) throw std::runtime_error(path + ": not JSON");
    simdjson::dom::array features;
    if (doc["features"].get_array().get(features))
      throw std::runtime_error(path + ": FeatureCollection without features");
    std::uint64_t index = 0;
    for (auto feature : features) {
      ++index;
      simdjson::dom::array c;
      double lon = 0, lat = 0;
      if (feature["geometry"]["coordinates"].get_array().get(c) || c.size() < 2 ||
          c.at(0).get_double().get(lon) || c.at(1).get_double().get(lat)) {
        reject(index, fmt::format("feature {}: not a Point with [lon, lat]", index));
        continue;
      }
      std::string_view id;
      if (feature["id"].get_string().get(id)) {
        std::int64_t n = 0;
        if (!feature["id"].get_int64().get(n) || !feature["properties"]["id"].get_int64().get(n)) {
          id_buffer = std::to_string(n);
          id = id_buffer;
        } else if (feature["properties"]["id"].get_string().get(id)) {
          id_buffer = std::to_string(index);
          id = id_buffer;
        }
      }
      const geo::LatLon p{lat, lon};
      if (!valid(p)) {
        reject(index,
               fmt::format("feature {}: coordinates out of range: [{}, {}]", index, lon, lat));
        continue;
      }
      ++stats.points;
      on_point({id, p, index});
    }
    return stats;
  }

  const bool jsonl = text[first] == '{';
  std::size_t pos = 0;
  std::uint64_t line_number = 0;
  int id_col = -1, lat_col = -1, lon_col = -1;
  char sep = ',';
  simdjson::padded_string padded_line;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    if (jsonl) {
      simdjson::ondemand::document doc;
      simdjson::padded_string_view view(
          line.data(), line.size(),
          line.size() + simdjson::SIMDJSON_PADDING <=
                  text.size() - static_cast<std::size_t>(line.data() - text.data())
              ? line.size() + simdjson::SIMDJSON_PADDING
              : line.size());
      if (view.capacity() < line.size() + simdjson::SIMDJSON_PADDING) {
        padded_line = simdjson::padded_string(line);
        view = padded_line;
      }
      double lat = NAN, lon = NAN;
      std::string_view id;
      if (parser.iterate(view).get(doc)) {
        reject(line_number, "not JSON");
        continue;
      }
      simdjson::ondemand::object object;
      if (doc.get_object().get(object)) {
        reject(line_number, "not a JSON object");
        continue;
      }
      bool bad = false;
      for (auto field : object) {
        std::string_view key;
        if (field.unescaped_key().get(key)) {
          bad = true;
          break;
        }
        if (key == "lat" || key == "latitude") {
          if (field.value().get_double().get(lat)) bad = true;
        } else if (key == "lon" || key == "longitude") {
          if (field.value().get_double().get(lon)) bad = true;
        } else if (key == "id") {
          simdjson::ondemand::value v = field.value();
          if (v.get_string().get(id)) {
            std::int64_t n = 0;
            if (v.get_int64().get(n)) {
              bad = true;
              break;
            }
            id_buffer = std::to_string(n);
            id = id_buffer;
          } else {
            id_buffer.assign(id);
            id = id_buffer;
          }
        }
        if (bad) break;
      }
      if (bad || std::isnan(lat) || std::isnan(lon)) {
        reject(line_number, "needs numeric lat and lon");
        continue;
      }
      const geo::LatLon p{lat, lon};
      if (!valid(p)) {
        reject(line_number, fmt::format("coordinates out of range: lat {}, lon {}", lat, lon));
        continue;
      }
      ++stats.points;
      on_point({id, p, line_number});
      continue;
    }
    // CSV: the first line is the header.
    if (lat_col < 0) {
      sep = line.find(';') != std::string_view::npos && line.find(',') == std::string_view::npos
                ? ';'
                : ',';
      const auto names = split(line, sep);
      for (std::size_t i = 0; i < names.size(); ++i) {
        std::string name(names[i]);
        for (auto& ch : name)
          ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        while (!name.empty() && (name.back() == ' ' || name.back() == '"'))
          name.pop_back();
        while (!name.empty() && (name.front() == ' ' || name.front() == '"'))
          name.erase(0, 1);
        if (name == "id") id_col = static_cast<int>(i);
        if (name == "lat" || name == "latitude") lat_col = static_cast<int>(i);
        if (name == "lon" || name == "lng" || name == "longitude") lon_col = static_cast<int>(i);
      }
      if (lat_col < 0 || lon_col < 0)
        throw std::runtime_error(fmt::format(
            "{}:1: expected JSON Lines, GeoJSON, or CSV with lat and lon columns", path));
      continue;
    }
    const auto cells = split(line, sep);
    const auto cell = [&](int i) {
      return i >= 0 && static_cast<std::size_t>(i) < cells.size()
                 ? cells[static_cast<std::size_t>(i)]
                 : std::string_view();
    };
    const auto lat = number(cell(lat_col)), lon = number(cell(lon_col));
    if (!lat || !lon) {
      reject(line_number, "lat and lon must be numbers");
      continue;
    }
    const geo::LatLon p{*lat, *lon};
    if (!valid(p)) {
      reject(line_number, fmt::format("coordinates out of range: lat {}, lon {}", *lat, *lon));
      continue;
    }
    std::string_view id = cell(id_col);
    if (id_col < 0) {
      id_buffer = std::to_string(line_number - 1);
      id = id_buffer;
    }
    ++stats.points;
    on_point({id, p, line_number});
  }
  return stats;
}

}  // namespace vigil::ceasefire
