#include "vigil/ceasefire/settlement.hpp"

#include <cmath>
#include <filesystem>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "vigil/geo/geojson_geometry.hpp"
#include "vigil/io/line_source.hpp"

namespace vigil::ceasefire {
namespace {

using nlohmann::json;

struct SettlementReader {
  const std::string& name;
  [[noreturn]] void fail(const std::string& field, const std::string& message) const {
    throw SettlementError(fmt::format("{}: {}: {}", name, field, message));
  }
  double kilometres(const json& value, const std::string& field) const {
    if (!value.is_number()) fail(field, "not a number of kilometres");
    const double km = value.get<double>();
    if (!std::isfinite(km) || km < 0 || km > 1'000) fail(field, "not between 0 and 1000 km");
    return km;
  }
  std::string text(const json& object, const char* key, const std::string& field,
                   bool required) const {
    const auto it = object.find(key);
    if (it == object.end()) {
      if (required) fail(field + "." + key, "missing");
      return {};
    }
    if (!it->is_string()) fail(field + "." + key, "not a string");
    return it->get<std::string>();
  }
};

}  // namespace

Settlement parse_settlement(const std::string& text, const std::string& name,
                            const std::string& base_directory) {
  const SettlementReader r{name};
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::exception& e) {
    throw SettlementError(fmt::format("{}: not JSON: {}", name, e.what()));
  }
  if (!doc.is_object()) r.fail("(top)", "not an object");
  static const std::vector<std::string> known = {
      "name",    "source", "parties", "security_zone_km", "weapon_classes", "disengagement_areas",
      "sectors", "notes"};
  for (const auto& item : doc.items())
    if (std::find(known.begin(), known.end(), item.key()) == known.end())
      r.fail(item.key(), "unknown field");
  Settlement s;
  s.name = r.text(doc, "name", "(top)", true);
  s.source = r.text(doc, "source", "(top)", false);

  const auto parties = doc.find("parties");
  if (parties == doc.end() || !parties->is_array() || parties->size() != 2)
    r.fail("parties", "must list exactly two parties");
  for (std::size_t i = 0; i < 2; ++i) {
    const json& p = (*parties)[i];
    const std::string field = fmt::format("parties[{}]", i);
    if (!p.is_object()) r.fail(field, "not an object");
    Party party;
    party.id = r.text(p, "id", field, true);
    party.name = r.text(p, "name", field, false);
    if (party.name.empty()) party.name = party.id;
    const std::string side = r.text(p, "side", field, true);
    if (side == "inside")
      party.side = LineSide::inside;
    else if (side == "outside")
      party.side = LineSide::outside;
    else if (side == "left")
      party.side = LineSide::left;
    else if (side == "right")
      party.side = LineSide::right;
    else
      r.fail(field + ".side", "'" + side + "' is not inside, outside, left or right");
    s.parties.push_back(std::move(party));
  }
  if (s.parties[0].id == s.parties[1].id) r.fail("parties", "the two parties have one id");
  const auto opposite = [](LineSide a, LineSide b) {
    return (a == LineSide::inside && b == LineSide::outside) ||
           (a == LineSide::outside && b == LineSide::inside) ||
           (a == LineSide::left && b == LineSide::right) ||
           (a == LineSide::right && b == LineSide::left);
  };
  if (!opposite(s.parties[0].side, s.parties[1].side))
    r.fail("parties", "the parties must hold opposite sides (inside/outside or left/right)");

  // A distance per party: a number for both, or {"PARTY": km, ...}.
  const auto per_party = [&](const json& value, const std::string& field) {
    std::array<double, 2> out{};
    if (value.is_number()) {
      out[0] = out[1] = r.kilometres(value, field) * 1000;
    } else if (value.is_object()) {
      for (const auto& item : value.items()) {
        std::size_t i = 2;
        for (std::size_t k = 0; k < 2; ++k)
          if (s.parties[k].id == item.key()) i = k;
        if (i == 2) r.fail(field + "." + item.key(), "no such party");
        out[i] = r.kilometres(item.value(), field + "." + item.key()) * 1000;
      }
    } else {
      r.fail(field, "a number of km, or an object of km by party");
    }
    return out;
  };
  if (const auto zone = doc.find("security_zone_km"); zone != doc.end())
    s.security_zone_m = per_party(*zone, "security_zone_km");

  if (const auto classes = doc.find("weapon_classes"); classes != doc.end()) {
    if (!classes->is_object()) r.fail("weapon_classes", "not an object");
    for (const auto& item : classes->items()) {
      const std::string field = "weapon_classes." + item.key();
      const auto c = parse_weapon_class(item.key());
      if (!c)
        r.fail(field, fmt::format("unknown weapon class (known: {})",
                                  fmt::join(weapon_class_names(), ", ")));
      const json& v = item.value();
      if (!v.is_object()) r.fail(field, "not an object");
      const bool by_distance = v.contains("withdrawal_km"), by_width = v.contains("zone_width_km");
      if (by_distance == by_width) r.fail(field, "give withdrawal_km or zone_width_km, not both");
      auto& out = s.withdrawal_m[static_cast<std::size_t>(*c)];
      if (by_distance) {
        out = per_party(v["withdrawal_km"], field + ".withdrawal_km");
      } else {
        // A zone's width between the two sides' withdrawal lines: each side half of it.
        const double width = r.kilometres(v["zone_width_km"], field + ".zone_width_km") * 1000;
        out = {width / 2, width / 2};
      }
      for (const auto& key : v.items())
        if (key.key() != "withdrawal_km" && key.key() != "zone_width_km" && key.key() != "source")
          r.fail(field + "." + key.key(), "unknown field");
    }
  }

  if (const auto areas = doc.find("disengagement_areas"); areas != doc.end()) {
    geo::GeometryFile file;
    try {
      if (areas->is_string()) {
        const auto path = std::filesystem::path(base_directory) / areas->get<std::string>();
        file = geo::read_geojson_geometry(path.string());
      } else {
        file = geo::parse_geojson_geometry(areas->dump(), name + ": disengagement_areas");
      }
    } catch (const geo::GeometryError& e) {
      r.fail("disengagement_areas", e.what());
    }
    for (const auto& f : file.features) {
      if (f.rings.empty())
        r.fail(fmt::format("disengagement_areas feature {}", f.index), "not a polygon");
      DisengagementArea area;
      const auto given = f.properties.find("name");
      area.name = given != f.properties.end() && given->is_string()
                      ? given->get<std::string>()
                      : fmt::format("area {}", f.index + 1);
      area.rings = f.rings;
      s.disengagement_areas.push_back(std::move(area));
    }
  }

  if (const auto sectors = doc.find("sectors"); sectors != doc.end()) {
    if (!sectors->is_object()) r.fail("sectors", "not an object");
    if (sectors->contains("every_km")) {
      s.sectors.every_km = r.kilometres((*sectors)["every_km"], "sectors.every_km");
      if (s.sectors.every_km < 1) r.fail("sectors.every_km", "at least 1 km");
    } else if (sectors->contains("regions")) {
      const std::string file = r.text(*sectors, "regions", "sectors", true);
      s.sectors.regions_file =
          (std::filesystem::path(base_directory) / file).lexically_normal().string();
      s.sectors.name_property = r.text(*sectors, "name_property", "sectors", false);
      if (s.sectors.name_property.empty()) s.sectors.name_property = "name";
    } else {
      r.fail("sectors", "give every_km or regions");
    }
  }

  json canonical = doc;
  if (!s.sectors.regions_file.empty()) canonical["sectors"]["regions"] = s.sectors.regions_file;
  if (!s.disengagement_areas.empty()) {
    json features = json::array();
    for (const auto& area : s.disengagement_areas)
      features.push_back({{"type", "Feature"},
                          {"properties", {{"name", area.name}}},
                          {"geometry", geo::to_geojson_rings(area.rings)}});
    canonical["disengagement_areas"] = {{"type", "FeatureCollection"}, {"features", features}};
  }
  s.canonical = canonical.dump();
  return s;
}

Settlement read_settlement(const std::string& path) {
  std::string text;
  try {
    text = io::read_whole_file(path, std::size_t{64} << 20);
  } catch (const std::exception& e) {
    throw SettlementError(e.what());
  }
  return parse_settlement(text, path, std::filesystem::path(path).parent_path().string());
}

}  // namespace vigil::ceasefire
