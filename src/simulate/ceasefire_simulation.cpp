#include "vigil/simulate/ceasefire_simulation.hpp"

#include <array>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "random.hpp"
#include "vigil/geo/geodesy.hpp"
#include "vigil/ingest/observer_location.hpp"

namespace vigil::simulate {
namespace {

using ceasefire::Classifier;
using geo::LatLon;
using nlohmann::json;

constexpr Timestamp kMinute = 60'000'000;

// Points along the line by arc length, with the line's direction there.
class LineWalk {
 public:
  explicit LineWalk(const ceasefire::ContactLine& line) : line_(line) {
    for (std::size_t p = 0; p < line.parts.size(); ++p)
      for (std::size_t i = 1; i < line.parts[p].size(); ++i) {
        const double d = geo::distance_m(line.parts[p][i - 1], line.parts[p][i]);
        if (d <= 0) continue;
        segments_.push_back({p, i, total_, d});
        total_ += d;
      }
    if (segments_.empty()) throw std::invalid_argument("the line has no length to simulate along");
  }
  double length() const { return total_; }
  struct Place {
    LatLon at;
    double bearing = 0;  // of the line, degrees
  };
  Place at(double s) const {
    s = std::clamp(s, 0.0, total_ - 1e-6);
    std::size_t lo = 0, hi = segments_.size() - 1;
    while (lo < hi) {
      const std::size_t mid = (lo + hi + 1) / 2;
      if (segments_[mid].start <= s)
        lo = mid;
      else
        hi = mid - 1;
    }
    const auto& seg = segments_[lo];
    const auto& a = line_.parts[seg.part][seg.index - 1];
    const auto& b = line_.parts[seg.part][seg.index];
    const double bearing = geo::bearing_deg(a, b);
    return {geo::destination(a, bearing, s - seg.start), bearing};
  }

 private:
  struct Segment {
    std::size_t part, index;
    double start, length;
  };
  const ceasefire::ContactLine& line_;
  std::vector<Segment> segments_;
  double total_ = 0;
};

struct Camera {
  std::string id;
  LatLon at;
  double range_m = 8'000;
  double azimuth_deg = 0;  // facing the line
  double fov_deg = 120;
  bool up = true;
};

class Simulation {
 public:
  Simulation(const CeasefireOptions& options, const Classifier& classifier, std::ostream& obs,
             std::ostream& truth)
      : options_(options),
        classifier_(classifier),
        walk_(classifier.line()),
        random_(options.seed),
        obs_(obs),
        truth_(truth) {
    for (std::size_t z = 0; z < classifier.zones().size(); ++z)
      if (classifier.zones()[z].kind == ceasefire::ZoneKind::disengagement) areas_.push_back(z);
  }

  CeasefireSummary summary;
  std::vector<Camera> cameras;

  Timestamp random_time(double margin_min = 0) {
    const double span_min = options_.hours * 60 - 2 * margin_min;
    const double minute = random_.uniform(margin_min, margin_min + span_min);
    return whole_second(options_.start + static_cast<Timestamp>(minute * 60e6));
  }
  static Timestamp whole_second(Timestamp t) { return t / kMicrosPerSecond * kMicrosPerSecond; }

  bool in_area(const ceasefire::Classification& where) const {
    for (const auto z : areas_)
      if (where.in(z)) return true;
    return false;
  }

  // A point `lo`..`hi` metres from the line on `side` (-1: either), not in a disengagement
  // area, as the classifier measures it.
  LatLon place(double lo, double hi, int side) {
    for (int attempt = 0; attempt < 1000; ++attempt) {
      const double s = random_.uniform(0, walk_.length());
      const auto p = walk_.at(s);
      const double d = random_.uniform(lo, hi);
      const double turn = random_.chance(0.5) ? 90 : -90;
      const auto q = geo::destination(p.at, p.bearing + turn, d);
      const auto where = classifier_.classify(q);
      if (where.side < 0 || (side >= 0 && where.side != side)) continue;
      if (where.distance_m < lo || where.distance_m > hi || in_area(where)) continue;
      return q;
    }
    throw std::runtime_error("cannot place a simulated event: is the line too short?");
  }

  // A camera 2 to 5 km from the line, facing it.
  Camera camera_site() {
    for (int attempt = 0; attempt < 1000; ++attempt) {
      const auto p = walk_.at(random_.uniform(0, walk_.length()));
      const double d = random_.uniform(2'000, 5'000);
      const double turn = random_.chance(0.5) ? 90 : -90;
      const auto q = geo::destination(p.at, p.bearing + turn, d);
      const auto where = classifier_.classify(q);
      if (where.side < 0 || where.distance_m < 1'500 || in_area(where)) continue;
      Camera c;
      c.at = q;
      c.azimuth_deg = std::fmod(p.bearing - turn + 360, 360);
      return c;
    }
    throw std::runtime_error("cannot place a simulated camera");
  }

  // Where a source puts what it saw: a 2D Gaussian error of `sigma`, cut at `cap`.
  LatLon blur(LatLon at, double sigma, double cap) {
    const double u = std::max(random_.uniform(), 1e-12);
    const double r = std::min(sigma * std::sqrt(-2 * std::log(u)), cap);
    const double bearing = random_.uniform(0, 360);
    return geo::destination(at, bearing, r);
  }

  std::string next_id() { return fmt::format("sim-{:06}", ++sequence_); }

  void write(json o) {
    obs_ << o.dump() << '\n';
    ++summary.observations;
  }

  enum class Source { patrol, camera, acoustic, uav, satellite };

  // One source's report of an event; returns its id. A camera reports by bearing and range
  // from the nearest working camera in range (a patrol reports instead when there is none).
  std::string report(Source source, ObservationKind kind, LatLon at, Timestamp time,
                     const json& extra, const Camera* fixed_camera = nullptr) {
    json o = extra;
    o["id"] = next_id();
    o["time"] = format_rfc3339(whole_second(time));
    o["kind"] = std::string(to_string(kind));
    const Camera* camera = source != Source::camera ? nullptr
                           : fixed_camera           ? fixed_camera
                                                    : nearest_camera(at);
    if (source == Source::camera && camera == nullptr) source = Source::patrol;
    switch (source) {
      case Source::camera: {
        const double range = geo::distance_m(camera->at, at);
        const double bearing = geo::bearing_deg(camera->at, at);
        static constexpr std::array<const char*, 16> kPoints = {
            "N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE",
            "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW"};
        const auto point = static_cast<std::size_t>(std::lround(bearing / 22.5)) % 16;
        o["source"] = camera->id;
        o["observer_lat"] = camera->at.lat;
        o["observer_lon"] = camera->at.lon;
        o["bearing"] = kPoints[point];
        o["range_km"] = std::max(0.5, std::round(range / 500) / 2);
        break;
      }
      case Source::patrol: {
        const auto seen = blur(at, 400, 1000);
        o["source"] = fmt::format("patrol:P-{}", random_.integer(1, options_.patrols));
        o["lat"] = seen.lat;
        o["lon"] = seen.lon;
        o["uncertainty_m"] = 1000;
        break;
      }
      case Source::acoustic: {
        const auto seen = blur(at, 600, 1500);
        o["source"] = fmt::format("acoustic:A-{}", random_.integer(1, 8));
        o["lat"] = seen.lat;
        o["lon"] = seen.lon;
        o["uncertainty_m"] = 1500;
        break;
      }
      case Source::uav: {
        const auto seen = blur(at, 50, 150);
        o["source"] =
            fmt::format("uav:U-{}", random_.integer(1, std::max(1u, options_.uav_flights)));
        o["lat"] = seen.lat;
        o["lon"] = seen.lon;
        o["uncertainty_m"] = 150;
        break;
      }
      case Source::satellite: {
        const auto seen = blur(at, 20, 50);
        o["source"] = "satellite";
        o["lat"] = seen.lat;
        o["lon"] = seen.lon;
        o["uncertainty_m"] = 50;
        break;
      }
    }
    const std::string id = o["id"];
    write(std::move(o));
    return id;
  }

  // One to three distinct sources from `pool` report the event, within `jitter_min` of it.
  std::vector<std::string> reports(const std::vector<Source>& pool, ObservationKind kind, LatLon at,
                                   Timestamp time, double jitter_min, const json& extra) {
    const double r = random_.uniform();
    const std::size_t n = std::min<std::size_t>(pool.size(), r < 0.5 ? 1 : r < 0.8 ? 2 : 3);
    std::vector<Source> left = pool;
    std::vector<std::string> ids;
    for (std::size_t k = 0; k < n; ++k) {
      const auto pick = random_.integer(0, left.size() - 1);
      const Source source = left[pick];
      left.erase(left.begin() + static_cast<std::ptrdiff_t>(pick));
      const double offset = random_.uniform(-jitter_min, jitter_min);
      ids.push_back(report(source, kind, at, time + static_cast<Timestamp>(offset * 60e6), extra));
    }
    return ids;
  }

  void plant(const std::string& rule, ObservationKind kind, LatLon at, Timestamp time,
             const std::vector<std::string>& ids, json extra = json::object()) {
    extra["rule"] = rule;
    extra["kind"] = std::string(to_string(kind));
    extra["time"] = format_rfc3339(time);
    extra["lat"] = at.lat;
    extra["lon"] = at.lon;
    extra["reports"] = ids;
    truth_ << extra.dump() << '\n';
    ++summary.planted[rule];
  }

  const Camera* nearest_camera(LatLon at) const {
    const Camera* best = nullptr;
    double best_d = 0;
    for (const auto& c : cameras) {
      if (!c.up) continue;
      const double d = geo::distance_m(c.at, at);
      if (geo::bearing_difference_deg(geo::bearing_deg(c.at, at), c.azimuth_deg) > c.fov_deg / 2)
        continue;
      if (d <= c.range_m && (best == nullptr || d < best_d)) {
        best = &c;
        best_d = d;
      }
    }
    return best;
  }

  ObservationKind fire_kind() {
    const double r = random_.uniform();
    return r < 0.5   ? ObservationKind::explosion
           : r < 0.8 ? ObservationKind::shelling
                     : ObservationKind::small_arms;
  }

  void fire(bool in_zone) {
    const auto kind = fire_kind();
    const auto at = in_zone ? place(1'000, 11'000, -1) : place(20'000, 60'000, -1);
    const auto time = random_time(10);
    json extra = json::object();
    if (kind != ObservationKind::small_arms) extra["count"] = random_.integer(1, 20);
    // The monitors' assessment of where it came from, the same in every report of it, or none.
    const double d = random_.uniform();
    if (d < 0.8) extra["direction"] = d < 0.3 ? "outgoing" : d < 0.7 ? "incoming" : "undetermined";
    const auto ids = reports({Source::patrol, Source::camera, Source::acoustic, Source::uav}, kind,
                             at, time, 4, extra);
    if (in_zone) plant("ceasefire.fire", kind, at, time, ids);
  }

  void weapon(bool in_zone) {
    for (int attempt = 0; attempt < 100; ++attempt) {
      const auto c = static_cast<WeaponClass>(random_.integer(0, kWeaponClasses - 1));
      const int side = static_cast<int>(random_.integer(0, 1));
      const int zone = classifier_.withdrawal_zone(c, side);
      if (zone < 0) continue;
      const double width = classifier_.zones()[static_cast<std::size_t>(zone)].width_m;
      if (in_zone && width < 8'000) continue;
      const auto at =
          in_zone ? place(2'000, width - 4'000, side) : place(width + 4'000, width + 25'000, side);
      const auto time = random_time(90);
      json extra = {{"weapon_class", std::string(to_string(c))}, {"count", random_.integer(1, 6)}};
      const auto ids = reports({Source::patrol, Source::uav, Source::satellite, Source::camera},
                               ObservationKind::weapon, at, time, 80, extra);
      if (in_zone)
        plant("ceasefire.weapon_in_zone", ObservationKind::weapon, at, time, ids,
              {{"weapon_class", std::string(to_string(c))}});
      return;
    }
  }

  void disengagement(std::size_t n) {
    if (areas_.empty()) return;
    const auto z = areas_[n % areas_.size()];
    const auto& name = classifier_.zones()[z].name;
    const ceasefire::DisengagementArea* area = nullptr;
    for (const auto& a : classifier_.settlement().disengagement_areas)
      if (name.find(a.name) != std::string::npos) area = &a;
    if (area == nullptr || area->rings.empty() || area->rings[0].empty()) return;
    LatLon centre;
    for (const auto& p : area->rings[0]) {
      centre.lat += p.lat / static_cast<double>(area->rings[0].size());
      centre.lon += p.lon / static_cast<double>(area->rings[0].size());
    }
    for (int attempt = 0; attempt < 100; ++attempt) {
      const double bearing = random_.uniform(0, 360);
      const double d = random_.uniform(0, 500);
      const auto at = geo::destination(centre, bearing, d);
      if (!classifier_.classify(at).in(z)) continue;
      // Presences in one area come hours apart (each its own slot of the day), or they
      // would be one presence seen twice.
      const auto per_area = (options_.disengagement + areas_.size() - 1) / areas_.size();
      const double slot_min = options_.hours * 60 / static_cast<double>(per_area);
      const double in_slot = random_.uniform(0.1, 0.4) * slot_min;
      const auto time = options_.start +
                        static_cast<Timestamp>(
                            (static_cast<double>(n / areas_.size()) * slot_min + in_slot) * 60e6);
      const auto ids = reports({Source::patrol, Source::uav}, ObservationKind::movement, at, time,
                               60, {{"count", random_.integer(2, 30)}});
      plant("ceasefire.disengagement_area", ObservationKind::movement, at, time, ids,
            {{"area", area->name}});
      return;
    }
  }

  // A unit's positions every 20 minutes over four hours, 6 km into one side to 6 km into
  // the other, or (not crossing) along one side.
  void unit_track(std::size_t n, bool crossing) {
    for (int attempt = 0; attempt < 1000; ++attempt) {
      const double s = random_.uniform(0, walk_.length());
      const auto p = walk_.at(s);
      LatLon from, to;
      if (crossing) {
        from = geo::destination(p.at, p.bearing + 90, 6'000);
        to = geo::destination(p.at, p.bearing - 90, 6'000);
      } else {
        const auto q = walk_.at(s + 15'000);
        from = geo::destination(p.at, p.bearing + 90, 6'000);
        to = geo::destination(q.at, q.bearing + 90, 6'000);
      }
      const auto a = classifier_.classify(from), b = classifier_.classify(to);
      if (a.side < 0 || b.side < 0 || a.distance_m < 3'000 || b.distance_m < 3'000) continue;
      if ((a.side != b.side) != crossing) continue;
      const int steps = 12;
      const double length = geo::distance_m(from, to);
      const double bearing = geo::bearing_deg(from, to);
      const Timestamp start = random_time(240);
      std::vector<LatLon> points;
      bool clear = true;  // every position clearly on a side, none in a disengagement area
      int last_side = a.side, changes = 0;
      for (int k = 0; k <= steps; ++k) {
        points.push_back(geo::destination(from, bearing, length * k / steps));
        const auto w = classifier_.classify(points.back());
        if (in_area(w)) clear = false;
        if (w.side >= 0 && w.distance_m >= 300) {
          if (w.side != last_side) ++changes;
          last_side = w.side;
        }
      }
      if (!clear || changes != (crossing ? 1 : 0)) continue;
      std::vector<std::string> ids;
      for (int k = 0; k <= steps; ++k) {
        json o = {{"id", next_id()},
                  {"time", format_rfc3339(start + k * 20 * kMinute)},
                  {"lat", points[static_cast<std::size_t>(k)].lat},
                  {"lon", points[static_cast<std::size_t>(k)].lon},
                  {"kind", "position"},
                  {"source", "osint"},
                  {"entity", fmt::format("unit:sim-{}{}", crossing ? "x" : "p", n)},
                  {"uncertainty_m", 50}};
        ids.push_back(o["id"]);
        write(std::move(o));
      }
      if (crossing)
        plant("ceasefire.crossing", ObservationKind::position, p.at, start, ids,
              {{"entity", fmt::format("unit:sim-x{}", n)}});
      return;
    }
  }

  // A vehicle a UAV follows, reported as movement every 4 minutes for an hour: from 4-6 km on
  // one side to 4-6 km on the other (`crossing`), or along one side 2 to 5 km from the line.
  // Entities name it vehicle:sim-f<n> (crossing) or vehicle:sim-a<n> (along). Or, with
  // `checkpoint`, one of the mission's patrols driving across at a checkpoint (patrol:CP-<n>,
  // positions): not a violation.
  void followed_track(std::size_t n, bool crossing, bool checkpoint = false) {
    for (int attempt = 0; attempt < 1000; ++attempt) {
      const double s = random_.uniform(0, walk_.length());
      const auto p = walk_.at(s);
      const double turn = random_.chance(0.5) ? 90 : -90;
      LatLon from, to;
      if (crossing) {
        from = geo::destination(p.at, p.bearing + turn, random_.uniform(4'000, 6'000));
        to = geo::destination(p.at, p.bearing - turn, random_.uniform(4'000, 6'000));
      } else {
        const double off = random_.uniform(2'000, 5'000);
        from = geo::destination(p.at, p.bearing + turn, off);
        const auto q = walk_.at(s + 8'000);
        to = geo::destination(q.at, q.bearing + turn, random_.uniform(2'000, 5'000));
      }
      const auto a = classifier_.classify(from), b = classifier_.classify(to);
      if (a.side < 0 || b.side < 0 || a.distance_m < 1'500 || b.distance_m < 1'500) continue;
      if ((a.side != b.side) != crossing) continue;
      const int steps = 15;
      const double length = geo::distance_m(from, to);
      const double bearing = geo::bearing_deg(from, to);
      const Timestamp start = random_time(120);
      std::vector<LatLon> points;
      bool clear = true;
      int last_side = a.side, changes = 0;
      for (int k = 0; k <= steps; ++k) {
        points.push_back(geo::destination(from, bearing, length * k / steps));
        const auto w = classifier_.classify(points.back());
        if (in_area(w)) clear = false;
        // The rule takes a report 200 m or more from the line as on a side: keep reports out
        // of a band around that, so that the truth is what the rule must find.
        if (w.distance_m >= 150 && w.distance_m < 400) clear = false;
        if (w.side >= 0 && w.distance_m >= 400) {
          if (w.side != last_side) ++changes;
          last_side = w.side;
        }
        // Along one side, every report clear of the line by more than its error.
        if (!crossing && (w.side != a.side || w.distance_m < 1'000)) clear = false;
      }
      if (!clear || changes != (crossing ? 1 : 0)) continue;
      const std::string entity = checkpoint
                                     ? fmt::format("patrol:CP-{}", n)
                                     : fmt::format("vehicle:sim-{}{}", crossing ? "f" : "a", n);
      std::vector<std::string> ids;
      for (int k = 0; k <= steps; ++k) {
        json o = {{"id", next_id()},
                  {"time", format_rfc3339(start + k * 4 * kMinute)},
                  {"lat", points[static_cast<std::size_t>(k)].lat},
                  {"lon", points[static_cast<std::size_t>(k)].lon},
                  {"kind", checkpoint ? "position" : "movement"},
                  {"source", checkpoint ? "patrol" : "uav"},
                  {"entity", entity},
                  {"uncertainty_m", checkpoint ? 20 : 100}};
        if (!checkpoint) o["count"] = 1;
        ids.push_back(o["id"]);
        write(std::move(o));
      }
      if (crossing && !checkpoint)
        plant("ceasefire.crossing", ObservationKind::movement, p.at, start, ids,
              {{"entity", entity}});
      return;
    }
  }

  // What the OSCE's reports recorded beside violations, one report each: restrictions of the
  // patrols' movement near the line, civilian casualties and damage, mines and UXO, and
  // jamming of the mission's UAVs. No rule reads them; the daily report lists them.
  void noted_reports() {
    const auto party = [&](LatLon at) {
      const int side = classifier_.classify(at).side;
      return classifier_.settlement().parties[static_cast<std::size_t>(std::max(side, 0))].id;
    };
    // One draw a statement: the order in which a call's arguments are evaluated is the
    // compiler's choice, and the same seed must give the same bytes with GCC and Clang.
    static constexpr std::array<const char*, 3> kDenied = {
        "passage through a checkpoint", "access to a village", "the use of a road"};
    for (std::uint32_t k = 0; k < options_.restrictions; ++k) {
      const auto at = place(500, 3'000, -1);
      const auto time = random_time();
      const json extra = {{"denied", kDenied[random_.integer(0, kDenied.size() - 1)]},
                          {"party", party(at)}};
      report(Source::patrol, ObservationKind::restriction, at, time, extra);
    }
    for (std::uint32_t k = 0; k < options_.casualty_reports; ++k) {
      const auto at = place(2'000, 20'000, -1);
      const auto time = random_time();
      const bool killed = random_.chance(0.3);
      const auto count = random_.integer(1, 3);
      report(Source::patrol, ObservationKind::casualty, at, time,
             {{"outcome", killed ? "killed" : "injured"}, {"count", count}});
    }
    static constexpr std::array<const char*, 4> kDamaged = {"a house", "a school", "a power line",
                                                            "a water pipeline"};
    static constexpr std::array<const char*, 3> kHazards = {
        "anti-tank mines", "an unexploded shell", "anti-personnel mines"};
    static constexpr std::array<const char*, 2> kEffects = {"GPS signal lost", "flight cut short"};
    const auto one_of = [&](const auto& names) {
      return names[random_.integer(0, names.size() - 1)];
    };
    for (std::uint32_t k = 0; k < options_.damage_reports; ++k) {
      const auto at = place(1'000, 15'000, -1);
      const auto time = random_time();
      const json extra = {{"what", one_of(kDamaged)}};
      report(Source::patrol, ObservationKind::damage, at, time, extra);
    }
    for (std::uint32_t k = 0; k < options_.mine_reports; ++k) {
      const auto at = place(500, 8'000, -1);
      const auto time = random_time();
      const json extra = {{"what", one_of(kHazards)}};
      report(Source::patrol, ObservationKind::mine, at, time, extra);
    }
    for (std::uint32_t k = 0; k < options_.jamming_reports; ++k) {
      const auto at = place(1'000, 10'000, -1);
      const auto time = random_time();
      const json extra = {{"effect", one_of(kEffects)}};
      report(Source::uav, ObservationKind::jamming, at, time, extra);
    }
  }

  void reported_crossing() {
    const auto at = place(0, 400, -1);
    const auto time = random_time(10);
    const auto ids = reports({Source::camera, Source::uav}, ObservationKind::crossing, at, time, 3,
                             {{"count", random_.integer(1, 10)}});
    plant("ceasefire.crossing", ObservationKind::crossing, at, time, ids);
  }

  // A working camera records every day: drones in its field of view (no rule reads drones).
  void camera_day(const Camera& c) {
    const auto n = random_.integer(2, 5);
    for (std::uint64_t k = 0; k < n; ++k) {
      const double bearing = c.azimuth_deg + random_.uniform(-c.fov_deg / 3, c.fov_deg / 3);
      const double range = random_.uniform(1'000, 7'000);
      const auto at = geo::destination(c.at, bearing, range);
      report(Source::camera, ObservationKind::drone, at, random_time(), json::object(), &c);
    }
  }

  void noise() {
    for (int k = 0; k < 40; ++k) {
      const auto at = place(0, 30'000, -1);
      reports({Source::patrol, Source::camera, Source::uav}, ObservationKind::drone, at,
              random_time(), 3, json::object());
    }
    for (int k = 0; k < 40; ++k) {
      // One draw per statement: the order in which a call's arguments are evaluated differs
      // between compilers, and the simulation must be the same for every build.
      const auto at = place(500, 40'000, -1);
      const auto time = random_time();
      const auto count = random_.integer(1, 20);
      reports({Source::patrol, Source::uav}, ObservationKind::movement, at, time, 30,
              {{"count", count}});
    }
    for (int k = 0; k < 20; ++k) {
      const auto at = place(0, 80'000, -1);
      json o = {{"id", next_id()},
                {"time", format_rfc3339(random_time())},
                {"lat", at.lat},
                {"lon", at.lon},
                {"kind", "report"},
                {"source", "osint:sim"},
                {"text", "damage to a house reported by residents"}};
      write(std::move(o));
    }
  }

  // A monitor's GPS points every `step_min` along a stretch of the line at `offset_m`.
  void monitor_track(const std::string& entity, const std::string& source, double hours,
                     double step_min, double km, double offset_m) {
    const double s0 = random_.uniform(0, std::max(0.0, walk_.length() - km * 1000));
    const double turn = random_.chance(0.5) ? 90 : -90;
    const Timestamp start =
        random_time(hours * 60 / 2 + 1) - static_cast<Timestamp>(hours * 60 / 2 * 60e6);
    const int steps = static_cast<int>(hours * 60 / step_min);
    for (int k = 0; k <= steps; ++k) {
      const auto p = walk_.at(s0 + km * 1000 * k / steps);
      const auto at = geo::destination(p.at, p.bearing + turn, offset_m);
      json o = {{"id", next_id()},
                {"time", format_rfc3339(start + static_cast<Timestamp>(k * step_min * 60e6))},
                {"lat", at.lat},
                {"lon", at.lon},
                {"kind", "position"},
                {"source", source},
                {"entity", entity},
                {"uncertainty_m", 20}};
      write(std::move(o));
      ++summary.monitor_positions;
    }
  }

  const CeasefireOptions& options_;
  const Classifier& classifier_;
  LineWalk walk_;
  Random random_;
  std::ostream& obs_;
  std::ostream& truth_;
  std::vector<std::size_t> areas_;
  std::uint64_t sequence_ = 0;
};

}  // namespace

CeasefireSummary simulate_ceasefire(const CeasefireOptions& options, const Classifier& classifier,
                                    std::ostream& observations, std::ostream& truth,
                                    std::ostream& sensors) {
  Simulation sim(options, classifier, observations, truth);
  // Cameras first, 2 to 5 km from the line facing it; one in ten is down all day.
  json declared = {
      {"cameras", json::array()}, {"uav_flights", json::array()}, {"patrols", json::array()}};
  for (std::uint32_t k = 1; k <= options.cameras; ++k) {
    Camera c = sim.camera_site();
    c.id = fmt::format("camera:C-{:02}", k);
    c.up = k % 10 != 0;
    declared["cameras"].push_back({{"id", c.id},
                                   {"lat", c.at.lat},
                                   {"lon", c.at.lon},
                                   {"range_km", c.range_m / 1000},
                                   {"azimuth_deg", std::round(c.azimuth_deg)},
                                   {"fov_deg", c.fov_deg}});
    sim.cameras.push_back(c);
  }
  sim.summary.cameras = options.cameras;
  for (std::uint32_t k = 1; k <= options.patrols; ++k) {
    const auto id = fmt::format("patrol:P-{}", k);
    sim.monitor_track(id, "patrol", 8, 10, 60, 3'000);
    declared["patrols"].push_back({{"entity", id}, {"sight_km", 5}});
  }
  for (std::uint32_t k = 1; k <= options.uav_flights; ++k) {
    const auto id = fmt::format("uav:U-{}", k);
    sim.monitor_track(id, "uav", 2, 2, 80, 1'000);
    declared["uav_flights"].push_back({{"entity", id}, {"swath_km", 4}});
  }
  // Declared flights that never flew (jammed on the ground, weather): outages.
  for (std::uint32_t k = 1; k <= options.uav_flights_down; ++k)
    declared["uav_flights"].push_back(
        {{"entity", fmt::format("uav:U-{}", options.uav_flights + k)}, {"swath_km", 4}});
  for (std::uint32_t k = 0; k < options.fire_in_zone; ++k)
    sim.fire(true);
  for (std::uint32_t k = 0; k < options.fire_outside; ++k)
    sim.fire(false);
  for (std::uint32_t k = 0; k < options.weapons_in_zone; ++k)
    sim.weapon(true);
  for (std::uint32_t k = 0; k < options.weapons_outside; ++k)
    sim.weapon(false);
  for (std::uint32_t k = 0; k < options.disengagement; ++k)
    sim.disengagement(k);
  for (std::uint32_t k = 0; k < options.crossings; ++k) {
    sim.unit_track(k, true);
    sim.unit_track(k, false);
  }
  for (std::uint32_t k = 0; k < options.reported_crossings; ++k)
    sim.reported_crossing();
  for (std::uint32_t k = 0; k < options.followed_crossings; ++k)
    sim.followed_track(k, true);
  for (std::uint32_t k = 0; k < options.followed_along; ++k)
    sim.followed_track(k, false);
  for (std::uint32_t k = 0; k < options.checkpoint_crossings; ++k)
    sim.followed_track(k, true, true);
  sim.noted_reports();
  for (const auto& c : sim.cameras)
    if (c.up) sim.camera_day(c);
  sim.noise();
  sensors << declared.dump(2) << '\n';
  return sim.summary;
}

}  // namespace vigil::simulate
