// The daily report's map, drawn by vigil itself so that the report needs nothing at run
// time: an equirectangular projection scaled by the cosine of the middle latitude (at the
// scale of a front line, shapes and distances read true to a few per cent).
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "vigil/ceasefire/zone_geometry.hpp"
#include "vigil/geo/gazetteer.hpp"
#include "vigil/io/text_escape.hpp"
#include "vigil/report/daily_report.hpp"
#include "vigil/report/palette.hpp"

namespace vigil::report {
namespace {

using nlohmann::json;

constexpr double kWidth = 1000;

class Projection {
 public:
  Projection(double min_lat, double max_lat, double min_lon, double max_lon)
      : min_lon_(min_lon), max_lat_(max_lat) {
    const double coslat = std::cos((min_lat + max_lat) / 2 * M_PI / 180);
    scale_ = kWidth / ((max_lon - min_lon) * coslat);
    coslat_ = coslat;
    height_ = (max_lat - min_lat) * scale_;
  }
  double x(double lon) const { return (lon - min_lon_) * coslat_ * scale_; }
  double y(double lat) const { return (max_lat_ - lat) * scale_; }
  double height() const { return height_; }
  double px_per_km() const { return scale_ / 111.32; }

 private:
  double min_lon_, max_lat_, scale_ = 1, coslat_ = 1, height_ = 0;
};

// A path of a list of [lon, lat] positions, leaving out points under half a pixel apart.
void append_path(std::string& d, const Projection& p, const json& positions, bool close) {
  double last_x = 1e9, last_y = 1e9;
  bool first = true;
  for (const auto& pos : positions) {
    if (!pos.is_array() || pos.size() < 2) continue;
    const double x = p.x(pos[0].get<double>()), y = p.y(pos[1].get<double>());
    if (!first && std::abs(x - last_x) < 0.5 && std::abs(y - last_y) < 0.5) continue;
    d += fmt::format("{}{:.1f} {:.1f}", first ? "M" : "L", x, y);
    first = false;
    last_x = x;
    last_y = y;
  }
  if (close && !first) d += "Z";
}

std::string geometry_path(const Projection& p, const json& geometry) {
  std::string d;
  const auto type = geometry.value("type", "");
  const auto& c = geometry["coordinates"];
  if (type == "Polygon") {
    for (const auto& ring : c)
      append_path(d, p, ring, true);
  } else if (type == "MultiPolygon") {
    for (const auto& polygon : c)
      for (const auto& ring : polygon)
        append_path(d, p, ring, true);
  } else if (type == "LineString") {
    append_path(d, p, c, false);
  } else if (type == "MultiLineString") {
    for (const auto& line : c)
      append_path(d, p, line, false);
  }
  return d;
}

std::string colour(const char* name) {
  return palette().at(name).get<std::string>();
}

// Towns of the gazetteer inside the map, largest first, each labelled where its label neither
// overlaps another's nor the legend's box: the places the report's "where" column names.
std::string place_labels(const Projection& p, double height, double legend_bottom) {
  constexpr std::uint32_t kMinPopulation = 20'000;
  constexpr double kFontPx = 11, kCharPx = 6.2;  // sans-serif at 11 px, an average letter
  const auto* gazetteer = geo::default_gazetteer();
  if (!gazetteer) return "";
  std::vector<const geo::NamedPlace*> towns;
  for (std::size_t i = 0; i < gazetteer->size(); ++i) {
    const auto& place = (*gazetteer)[i];
    const double x = p.x(place.at.lon), y = p.y(place.at.lat);
    if (place.population >= kMinPopulation && x > 4 && x < kWidth - 4 && y > 4 && y < height - 30)
      towns.push_back(&place);
  }
  std::stable_sort(towns.begin(), towns.end(),
                   [](const auto* a, const auto* b) { return a->population > b->population; });
  struct Box {
    double x0, y0, x1, y1;
    bool overlaps(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
  };
  std::vector<Box> taken = {{0, 0, 312, legend_bottom + 4}};
  std::string svg =
      "<g font-size=\"11\" fill=\"#3a3a3a\" stroke=\"#f6f4ee\" "
      "stroke-width=\"3\" paint-order=\"stroke\" stroke-linejoin=\"round\">\n";
  for (const auto* town : towns) {
    const double x = p.x(town->at.lon), y = p.y(town->at.lat);
    const double width = static_cast<double>(town->name.size()) * kCharPx;
    // Right of the dot, or left of it where the map's edge would cut the name.
    const bool left = x + 6 + width > kWidth;
    const Box label = left ? Box{x - 6 - width, y - kFontPx + 2, x - 4, y + 4}
                           : Box{x + 4, y - kFontPx + 2, x + 6 + width, y + 4};
    const Box dot{x - 2.5, y - 2.5, x + 2.5, y + 2.5};
    if (label.x0 < 0 || std::any_of(taken.begin(), taken.end(), [&](const Box& b) {
          return b.overlaps(label) || b.overlaps(dot);
        }))
      continue;
    taken.push_back(label);
    taken.push_back(dot);
    svg += fmt::format(
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"4\" height=\"4\" fill=\"#3a3a3a\" "
        "stroke=\"none\"/><text x=\"{:.1f}\" y=\"{:.1f}\"{}>{}</text>\n",
        x - 2, y - 2, left ? x - 5 : x + 5, y + 3.5, left ? " text-anchor=\"end\"" : "",
        io::markup_text(town->name));
  }
  return svg + "</g>\n";
}

}  // namespace

std::string render_map_svg(const DailyReport& report) {
  const auto& classifier = *report.classifier;
  double min_lat = 90, max_lat = -90, min_lon = 180, max_lon = -180;
  for (const auto& part : classifier.line().parts)
    for (const auto& q : part) {
      min_lat = std::min(min_lat, q.lat);
      max_lat = std::max(max_lat, q.lat);
      min_lon = std::min(min_lon, q.lon);
      max_lon = std::max(max_lon, q.lon);
    }
  for (const auto& i : report.incidents) {
    min_lat = std::min(min_lat, i.incident.lat);
    max_lat = std::max(max_lat, i.incident.lat);
    min_lon = std::min(min_lon, i.incident.lon);
    max_lon = std::max(max_lon, i.incident.lon);
  }
  if (min_lat > max_lat) return "";
  const double margin = std::max(0.2, (max_lat - min_lat) * 0.05);
  const Projection p(min_lat - margin, max_lat + margin, min_lon - margin, max_lon + margin);
  const double height = p.height();

  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {:.0f} {:.0f}\" width=\"{:.0f}\" "
      "height=\"{:.0f}\" font-family=\"sans-serif\" font-size=\"12\">\n"
      "<title>{} on {}: line of contact, security zones, disengagement areas, incidents</title>\n"
      "<rect width=\"100%\" height=\"100%\" fill=\"#f6f4ee\"/>\n",
      kWidth, height, kWidth, height, io::markup_text(report.settlement), report.date);

  // The area the line's "inside" party holds, when the line came from it.
  if (!classifier.line().control.empty()) {
    std::string d;
    for (const auto& ring : classifier.line().control) {
      json positions = json::array();
      for (const auto& q : ring)
        positions.push_back({q.lon, q.lat});
      append_path(d, p, positions, true);
    }
    svg += fmt::format("<path d=\"{}\" fill=\"{}\" fill-rule=\"evenodd\" stroke=\"none\"/>\n", d,
                       colour("control"));
  }
  const auto features = ceasefire::zone_features(classifier, [](const ceasefire::Zone& z) {
    return z.kind != ceasefire::ZoneKind::withdrawal;
  });
  for (const auto& f : features["features"]) {
    const auto kind = f["properties"].value("kind", "");
    if (kind == "security") {
      const bool first =
          f["properties"].value("party", "") == classifier.settlement().parties[0].id;
      const auto party = palette().at("parties").at(first ? 0 : 1).get<std::string>();
      svg += fmt::format(
          "<path d=\"{}\" fill=\"{}\" fill-opacity=\"0.16\" stroke=\"{}\" stroke-width=\"0.6\" "
          "stroke-dasharray=\"4 3\"/>\n",
          geometry_path(p, f["geometry"]), party, party);
    } else if (kind == "disengagement") {
      svg += fmt::format(
          "<path d=\"{}\" fill=\"{}\" fill-opacity=\"0.45\" stroke=\"{}\" "
          "stroke-width=\"1\"/>\n",
          geometry_path(p, f["geometry"]), colour("disengagement"), colour("disengagement"));
    } else if (kind == "line") {
      svg += fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"1.6\"/>\n",
                         geometry_path(p, f["geometry"]), colour("line"));
    }
  }
  if (report.coverage) {
    std::string d;
    for (const auto& [a, b] : report.coverage->unobserved_pieces)
      d += fmt::format("M{:.1f} {:.1f}L{:.1f} {:.1f}", p.x(a.lon), p.y(a.lat), p.x(b.lon),
                       p.y(b.lat));
    if (!d.empty())
      svg += fmt::format(
          "<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"5\" "
          "stroke-opacity=\"0.55\" stroke-linecap=\"round\"/>\n",
          d, colour("unobserved"));
  }
  svg += place_labels(p, height, report.coverage ? 158 : 140);
  for (const auto& i : report.incidents) {
    const auto corroboration = i.incident.attributes.value("corroboration", "");
    const double r = corroboration == "technical"      ? 5.5
                     : corroboration == "multi_source" ? 4.5
                                                       : 3.5;
    svg += fmt::format(
        "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"{}\" fill=\"{}\" fill-opacity=\"0.85\" "
        "stroke=\"#ffffff\" stroke-width=\"0.8\"><title>{} {} ({})</title></circle>\n",
        p.x(i.incident.lon), p.y(i.incident.lat), r, rule_colour(i.incident.rule),
        io::markup_text(i.incident.rule), i.incident.id.substr(0, 8),
        io::markup_text(corroboration));
  }

  // Legend and scale.
  const std::vector<std::string> legend = {"ceasefire.fire", "ceasefire.weapon_in_zone",
                                           "ceasefire.disengagement_area", "ceasefire.crossing"};
  double y = 20;
  svg += fmt::format(
      "<rect x=\"10\" y=\"8\" width=\"300\" height=\"{}\" fill=\"#ffffff\" fill-opacity=\"0.85\" "
      "stroke=\"#999\"/>\n",
      report.coverage ? 150 : 132);
  svg += fmt::format("<text x=\"20\" y=\"{}\" font-weight=\"bold\">{} · {}</text>\n", y + 6,
                     io::markup_text(report.settlement), report.date);
  y += 24;
  for (const auto& rule : legend) {
    svg += fmt::format(
        "<circle cx=\"26\" cy=\"{}\" r=\"5\" fill=\"{}\"/><text x=\"38\" y=\"{}\">{}</text>\n", y,
        rule_colour(rule), y + 4, rule_label(rule));
    y += 18;
  }
  svg += fmt::format(
      "<line x1=\"18\" y1=\"{0}\" x2=\"34\" y2=\"{0}\" stroke=\"{3}\" stroke-width=\"2\"/>"
      "<text x=\"38\" y=\"{1}\">line of contact ({2})</text>\n",
      y, y + 4, report.line_valid_from, colour("line"));
  y += 18;
  if (report.coverage) {
    svg += fmt::format(
        "<line x1=\"18\" y1=\"{0}\" x2=\"34\" y2=\"{0}\" stroke=\"{2}\" stroke-width=\"5\" "
        "stroke-opacity=\"0.55\"/><text x=\"38\" y=\"{1}\">not observed</text>\n",
        y, y + 4, colour("unobserved"));
    y += 18;
  }
  const double km = 50, bar = km * p.px_per_km();
  svg += fmt::format(
      "<line x1=\"20\" y1=\"{0:.0f}\" x2=\"{1:.1f}\" y2=\"{0:.0f}\" stroke=\"#1b1b1b\" "
      "stroke-width=\"3\"/><text x=\"{2:.1f}\" y=\"{3:.0f}\">{4:g} km</text>\n",
      height - 20, 20 + bar, 26 + bar, height - 16, km);
  svg += "</svg>\n";
  return svg;
}

}  // namespace vigil::report
