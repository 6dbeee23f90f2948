#include "vigil/ingest/observer_location.hpp"

#include <array>
#include <cctype>
#include <cmath>
#include <numbers>

#include <fmt/format.h>

#include "vigil/geo/geodesy.hpp"

namespace vigil::ingest {
namespace {

constexpr std::array<std::string_view, 16> kPoints = {"n",  "nne", "ne", "ene", "e",  "ese",
                                                      "se", "sse", "s",  "ssw", "sw", "wsw",
                                                      "w",  "wnw", "nw", "nnw"};

// "south-south-east" → "sse"; "SSE" → "sse"; anything else is left for the table to refuse.
std::string abbreviate(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == '-' || text[i] == ' ' || text[i] == '_'))
      ++i;
    const std::size_t start = i;
    while (i < text.size() && text[i] != '-' && text[i] != ' ' && text[i] != '_')
      ++i;
    std::string word;
    for (std::size_t k = start; k < i; ++k)
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(text[k])));
    if (word == "north") {
      out += 'n';
    } else if (word == "south") {
      out += 's';
    } else if (word == "east") {
      out += 'e';
    } else if (word == "west") {
      out += 'w';
    } else {
      out += word;
    }
  }
  return out;
}

}  // namespace

std::optional<double> compass_bearing_deg(std::string_view text) {
  const auto point = abbreviate(text);
  for (std::size_t i = 0; i < kPoints.size(); ++i)
    if (kPoints[i] == point) return static_cast<double>(i) * 22.5;
  return std::nullopt;
}

ObserverResult locate_from_observer(Observation& obs, std::string& field, std::string& message) {
  const auto& a = obs.attributes;
  const auto fail = [&](std::string f, std::string m) {
    field = std::move(f);
    message = std::move(m);
    return ObserverResult::error;
  };
  const bool any = a.contains("observer_lat") || a.contains("observer_lon") ||
                   a.contains("bearing") || a.contains("range_m") || a.contains("range_km");
  if (!any) return ObserverResult::absent;
  const auto number = [&](const char* key, double low, double high,
                          double& out) -> std::optional<ObserverResult> {
    const auto it = a.find(key);
    if (it == a.end())
      return fail(key,
                  "missing: a location by bearing and range needs "
                  "observer_lat, observer_lon, bearing and range_m");
    if (!it->is_number() || !std::isfinite(it->get<double>()))
      return fail(key, fmt::format("expected a number, got {}", it->dump()));
    out = it->get<double>();
    if (out < low || out > high)
      return fail(key, fmt::format("{} is outside [{}, {}]", out, low, high));
    return std::nullopt;
  };
  double observer_lat = 0, observer_lon = 0;
  if (auto e = number("observer_lat", -90, 90, observer_lat)) return *e;
  if (auto e = number("observer_lon", -180, 180, observer_lon)) return *e;

  double bearing = 0, bearing_uncertainty = kNumericBearingUncertaintyDeg;
  const auto b = a.find("bearing");
  if (b == a.end()) return fail("bearing", "missing: give degrees from north or a compass point");
  if (b->is_string()) {
    const auto compass = compass_bearing_deg(b->get_ref<const std::string&>());
    if (!compass)
      return fail("bearing", fmt::format("\"{}\" is not a compass point (N, NNE, ... NNW, or "
                                         "north-north-east)",
                                         b->get_ref<const std::string&>()));
    bearing = *compass;
    bearing_uncertainty = kCompassHalfSectorDeg;
  } else if (auto e = number("bearing", 0, 360, bearing)) {
    return *e;
  }
  if (a.contains("bearing_uncertainty_deg"))
    if (auto e = number("bearing_uncertainty_deg", 0, 180, bearing_uncertainty)) return *e;

  double range = 0;
  if (a.contains("range_km")) {
    if (a.contains("range_m")) return fail("range_km", "given together with range_m");
    if (auto e = number("range_km", 0, kMaxObserverRangeM / 1000, range)) return *e;
    range *= 1000;
  } else if (auto e = number("range_m", 0, kMaxObserverRangeM, range)) {
    return *e;
  }
  double range_uncertainty = range * kRangeUncertaintyFraction;
  if (a.contains("range_uncertainty_m"))
    if (auto e = number("range_uncertainty_m", 0, kMaxObserverRangeM, range_uncertainty)) return *e;

  const auto at = geo::destination({observer_lat, observer_lon}, bearing, range);
  obs.lat = at.lat;
  obs.lon = at.lon;
  if (!obs.uncertainty_m) {
    const double across =
        range * std::sin(std::min(bearing_uncertainty, 90.0) * std::numbers::pi / 180);
    obs.uncertainty_m = std::hypot(range_uncertainty, across);
  }
  return ObserverResult::located;
}

}  // namespace vigil::ingest
