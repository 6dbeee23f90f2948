#pragma once

// Control-of-terrain map files: choosing the features that make up one party's area, and
// telling the layers of a mixed file apart.
//
// A DeepStateMap export holds occupied, liberated, "unknown status", ORDLO, Crimea and
// foreign occupied areas in one FeatureCollection, told apart only by their style (`fill`).
// Uniting every polygon of such a file derives a "line of contact" ten times too long, so a
// file that mixes layers is refused unless property filters choose among them.

#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "vigil/ceasefire/control_area.hpp"
#include "vigil/geo/geojson_geometry.hpp"

namespace vigil::ceasefire {

class ControlMapError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One `--where` filter: KEY=VALUE (the property equals VALUE) or KEY~REGEX (the property
// contains a match of the ECMAScript pattern REGEX). Properties that are not text are compared
// as their JSON text (1, true).
class FeatureFilter {
 public:
  // Throws ControlMapError for text of neither form or a pattern that does not compile.
  static FeatureFilter parse(const std::string& text);

  const std::string& key() const { return key_; }
  bool matches(const nlohmann::json& properties) const;
  const std::string& text() const { return text_; }

 private:
  std::string key_, value_, text_;
  bool pattern_ = false;
  std::regex regex_;
};

// Filters on one key are alternatives; filters on different keys must all hold. No filters
// select every feature.
class FeatureSelection {
 public:
  FeatureSelection() = default;
  explicit FeatureSelection(std::vector<FeatureFilter> filters);

  bool empty() const { return filters_.empty(); }
  bool matches(const nlohmann::json& properties) const;
  // "fill=#a52714|#880e4f, name~Crimea": for the version's source.
  std::string describe() const;

 private:
  std::vector<FeatureFilter> filters_;
};

struct ControlLayer {
  std::string value;  // of the layer key
  std::size_t features = 0;
  double area_km2 = 0;  // geodesic, of its features dissolved
  std::string example;  // the first feature's name, if it has one: what the value stands for
  bool selected = false;
};

// The layers of a file's polygon features: grouped by the first of a list of style and
// status properties (layer, status, type, class, category, fill, styleUrl) that every polygon
// feature has as text, with between 2 and 30 values. A file with one value of that key, or none
// of them, is one layer (`key` empty).
struct ControlLayers {
  std::string key;
  std::vector<ControlLayer> layers;  // largest area first
  bool mixed() const { return layers.size() > 1; }
};

ControlLayers control_layers(const geo::GeometryFile& file, const FeatureSelection& selection);

// The selected polygon features of one or more control maps (ISW publishes each layer as a
// file of its own), dissolved into one area. Throws ControlMapError when a file mixes layers
// and `selection` is empty (the message lists the layers), when a file has no polygon the
// filters select, or when the polygons cannot be dissolved.
struct SelectedControl {
  std::vector<ControlLayers> layers;  // of each file, in order
  std::size_t features = 0;           // selected polygon features
  std::size_t skipped = 0;            // polygon features the filters left out
  std::vector<AreaPolygon> area;
  std::size_t slivers_filled = 0;
  double area_km2 = 0;
};

// Gaps between the selected features narrower than this are closed (fill_sliver_holes).
inline constexpr double kDefaultSliverWidthM = 10;

SelectedControl select_control(const std::vector<geo::GeometryFile>& files,
                               const FeatureSelection& selection,
                               double sliver_width_m = kDefaultSliverWidthM);
SelectedControl select_control(const geo::GeometryFile& file, const FeatureSelection& selection,
                               double sliver_width_m = kDefaultSliverWidthM);

// "  fill=#a52714  10 features  95,123 km²  Окуповано /// Occupied", one line per layer.
std::string describe_layers(const ControlLayers& layers);

}  // namespace vigil::ceasefire
