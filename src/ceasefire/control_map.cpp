#include "vigil/ceasefire/control_map.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

namespace vigil::ceasefire {
namespace {

using nlohmann::json;

// A property as text: strings as they are, numbers and booleans as JSON writes them.
std::optional<std::string> property_text(const json& properties, const std::string& key) {
  if (!properties.is_object()) return std::nullopt;
  const auto it = properties.find(key);
  if (it == properties.end() || it->is_null() || it->is_structured()) return std::nullopt;
  return it->is_string() ? it->get<std::string>() : it->dump();
}

// What a layer value stands for, from its first feature's name: the first line, spaces
// (no-break spaces too) collapsed, at most 60 bytes, cut at a character boundary.
std::string example_name(const json& properties) {
  std::optional<std::string> name;
  for (const char* key : {"name", "Name", "NAME", "title", "description"})
    if ((name = property_text(properties, key))) break;
  if (!name) return "";
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < name->size(); ++i) {
    const unsigned char c = static_cast<unsigned char>((*name)[i]);
    if (c == '\n' && !out.empty()) break;
    const bool nbsp =
        c == 0xc2 && i + 1 < name->size() && static_cast<unsigned char>((*name)[i + 1]) == 0xa0;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || nbsp) {
      if (nbsp) ++i;
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(c);
  }
  if (out.size() > 60) {
    std::size_t cut = 60;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xc0) == 0x80)
      --cut;
    out = out.substr(0, cut) + "…";
  }
  return out;
}

constexpr std::size_t kMaxLayers = 30;

}  // namespace

FeatureFilter FeatureFilter::parse(const std::string& text) {
  const auto at = text.find_first_of("=~");
  if (at == std::string::npos || at == 0)
    throw ControlMapError(fmt::format(
        "--where '{}': give KEY=VALUE (the property equals VALUE) or KEY~REGEX (it matches "
        "the pattern)",
        text));
  FeatureFilter f;
  f.text_ = text;
  f.key_ = text.substr(0, at);
  f.value_ = text.substr(at + 1);
  f.pattern_ = text[at] == '~';
  if (f.pattern_) {
    try {
      f.regex_ = std::regex(f.value_, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      throw ControlMapError(fmt::format("--where '{}': not a pattern: {}", text, e.what()));
    }
  }
  return f;
}

bool FeatureFilter::matches(const json& properties) const {
  const auto value = property_text(properties, key_);
  if (!value) return false;
  return pattern_ ? std::regex_search(*value, regex_) : *value == value_;
}

FeatureSelection::FeatureSelection(std::vector<FeatureFilter> filters)
    : filters_(std::move(filters)) {}

bool FeatureSelection::matches(const json& properties) const {
  std::map<std::string, bool> by_key;
  for (const auto& f : filters_) {
    bool& any = by_key[f.key()];
    any = any || f.matches(properties);
  }
  return std::all_of(by_key.begin(), by_key.end(), [](const auto& kv) { return kv.second; });
}

std::string FeatureSelection::describe() const {
  std::vector<std::string> keys;
  for (const auto& f : filters_)
    if (std::find(keys.begin(), keys.end(), f.key()) == keys.end()) keys.push_back(f.key());
  std::string out;
  for (const auto& key : keys) {
    std::string alternatives;
    for (const auto& f : filters_)
      if (f.key() == key) alternatives += (alternatives.empty() ? "" : " or ") + f.text();
    out += (out.empty() ? "" : " and ") + alternatives;
  }
  return out;
}

ControlLayers control_layers(const geo::GeometryFile& file, const FeatureSelection& selection) {
  std::vector<const geo::GeometryFeature*> polygons;
  for (const auto& f : file.features)
    if (!f.rings.empty()) polygons.push_back(&f);
  ControlLayers out;
  if (polygons.empty()) return out;
  for (const char* key :
       {"layer", "Layer", "status", "type", "class", "category", "fill", "styleUrl"}) {
    std::map<std::string, std::vector<const geo::GeometryFeature*>> groups;
    bool everywhere = true;
    for (const auto* f : polygons) {
      const auto value = property_text(f->properties, key);
      if (!value) {
        everywhere = false;
        break;
      }
      groups[*value].push_back(f);
    }
    if (!everywhere || groups.size() > kMaxLayers) continue;
    out.key = key;
    for (const auto& [value, features] : groups) {
      ControlLayer layer;
      layer.value = value;
      layer.features = features.size();
      layer.example = example_name(features.front()->properties);
      for (const auto* f : features)
        layer.selected = layer.selected || (!selection.empty() && selection.matches(f->properties));
      // Areas are listed only for a mix: a file of one layer is dissolved once, by
      // select_control.
      if (groups.size() > 1) {
        std::vector<std::vector<geo::Ring>> rings;
        for (const auto* f : features)
          rings.push_back(f->rings);
        try {
          layer.area_km2 = geodesic_area_m2(dissolve(rings)) / 1e6;
        } catch (const std::runtime_error&) {
          layer.area_km2 = std::nan("");  // reported as nan: the layer is still listed
        }
      }
      out.layers.push_back(std::move(layer));
    }
    std::stable_sort(out.layers.begin(), out.layers.end(),
                     [](const auto& a, const auto& b) { return a.area_km2 > b.area_km2; });
    if (out.layers.size() == 1) out.key.clear();
    return out;
  }
  return out;
}

std::string describe_layers(const ControlLayers& layers) {
  std::string out;
  for (const auto& layer : layers.layers)
    out += fmt::format("  {}{}={}  {} feature{}  {:.0f} km²{}{}\n", layer.selected ? "* " : "  ",
                       layers.key, layer.value, layer.features, layer.features == 1 ? "" : "s",
                       layer.area_km2, layer.example.empty() ? "" : "  ", layer.example);
  return out;
}

SelectedControl select_control(const std::vector<geo::GeometryFile>& files,
                               const FeatureSelection& selection, double sliver_width_m) {
  SelectedControl out;
  std::vector<std::vector<geo::Ring>> rings;
  for (const auto& file : files) {
    out.layers.push_back(control_layers(file, selection));
    const auto& layers = out.layers.back();
    if (selection.empty() && layers.mixed())
      throw ControlMapError(fmt::format(
          "{}: the file mixes {} kinds of polygon, told apart by '{}':\n{}choose the control "
          "area with --where KEY=VALUE or --where KEY~REGEX (repeatable; docs/ceasefire.md "
          "gives the filters for DeepStateMap exports)",
          file.path, layers.layers.size(), layers.key, describe_layers(layers)));
    std::size_t selected = 0;
    for (const auto& f : file.features) {
      if (f.rings.empty()) continue;
      if (!selection.matches(f.properties)) {
        ++out.skipped;
        continue;
      }
      ++selected;
      rings.push_back(f.rings);
    }
    out.features += selected;
    if (selected == 0) {
      std::string listed = describe_layers(layers);
      if (!listed.empty()) listed.pop_back();
      throw ControlMapError(
          selection.empty()
              ? fmt::format("{}: no Polygon or MultiPolygon", file.path)
              : fmt::format(
                    "{}: no polygon feature matches --where {}{}", file.path, selection.describe(),
                    layers.key.empty() ? std::string() : fmt::format("; its layers:\n{}", listed)));
    }
  }
  try {
    out.area = dissolve(rings);
  } catch (const std::runtime_error& e) {
    throw ControlMapError(
        fmt::format("the selected polygons could not be dissolved: {}", e.what()));
  }
  out.slivers_filled = fill_sliver_holes(out.area, sliver_width_m);
  out.area_km2 = geodesic_area_m2(out.area) / 1e6;
  return out;
}

SelectedControl select_control(const geo::GeometryFile& file, const FeatureSelection& selection,
                               double sliver_width_m) {
  return select_control(std::vector<geo::GeometryFile>{file}, selection, sliver_width_m);
}

}  // namespace vigil::ceasefire
