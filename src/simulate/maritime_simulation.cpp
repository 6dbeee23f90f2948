#include "vigil/simulate/maritime_simulation.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <queue>
#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "random.hpp"
#include "sea_routes.hpp"
#include "sim_vessel.hpp"
#include "vigil/ais/encode.hpp"
#include "vigil/vessel/flag.hpp"

namespace vigil::simulate {
namespace {

using nlohmann::json;
constexpr Timestamp kHour = 3'600 * kMicrosPerSecond;

Timestamp hours(double h) {
  return static_cast<Timestamp>(h * static_cast<double>(kHour));
}

// Flags shadow-fleet and ordinary tankers fly (MIDs).
constexpr std::uint32_t kMids[] = {636, 538, 352, 273, 248, 215, 209, 240, 255, 305,
                                   312, 341, 373, 477, 563, 620, 613, 667, 229, 256};

const char* const kFirst[] = {"NORDIC",  "SEA",    "OCEAN",  "BLUE", "POLAR", "GOLDEN", "SILVER",
                              "CASPIAN", "BALTIC", "AEGEAN", "STAR", "GRAND", "ROYAL",  "PACIFIC"};
const char* const kSecond[] = {"SPIRIT", "PEARL", "GLORY",   "WIND",   "DAWN",  "CROWN",  "HORIZON",
                               "LEGEND", "RIVER", "VOYAGER", "FALCON", "MERCY", "TRADER", "LION"};

class Identities {
 public:
  explicit Identities(Random& random) : random_(random) {}

  // A new MMSI; with `other_flag_than`, one whose MID is another country's.
  std::uint32_t mmsi(std::optional<std::uint32_t> other_flag_than = std::nullopt) {
    for (;;) {
      const std::uint32_t mid = kMids[random_.integer(0, std::size(kMids) - 1)];
      if (other_flag_than &&
          vessel::flag_of_mmsi(mid * 1'000'000) == vessel::flag_of_mmsi(*other_flag_than))
        continue;
      const auto m = mid * 1'000'000 + static_cast<std::uint32_t>(random_.integer(1'000, 999'999));
      if (mmsis_.insert(m).second) return m;
    }
  }
  std::uint32_t imo() {
    for (;;) {
      const auto six = static_cast<std::uint32_t>(random_.integer(900'000, 999'999));
      std::uint32_t sum = 0, rest = six;
      for (std::uint32_t weight = 2; weight <= 7; ++weight, rest /= 10)
        sum += (rest % 10) * weight;
      const std::uint32_t number = six * 10 + sum % 10;
      if (imos_.insert(number).second) return number;
    }
  }
  std::string name() {
    for (int attempt = 0;; ++attempt) {
      const auto first = random_.integer(0, std::size(kFirst) - 1);
      const auto second = random_.integer(0, std::size(kSecond) - 1);
      std::string n = std::string(kFirst[first]) + " " + kSecond[second];
      // Fleets number their ships; past a few tries every name gets a number.
      if (attempt > 3 || random_.chance(0.5))
        n += " " + std::to_string(random_.integer(1, attempt > 20 ? 99'999 : 999));
      if (names_.insert(n).second) return n;
    }
  }
  std::string callsign() {
    static constexpr char kLetters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    std::string c;
    c += kLetters[random_.integer(0, 25)];
    c += kLetters[random_.integer(0, 25)];
    c += static_cast<char>('0' + random_.integer(0, 9));
    c += kLetters[random_.integer(0, 25)];
    c += kLetters[random_.integer(0, 25)];
    return c;
  }

 private:
  Random& random_;
  std::set<std::uint32_t> mmsis_, imos_;
  std::set<std::string> names_;
};

std::string time_text(Timestamp t) {
  return format_rfc3339(t);
}

class Scenario {
 public:
  Scenario(const MaritimeOptions& options, const geo::LandMask& land, const geo::PlaceIndex& places)
      : options_(options),
        random_(options.seed),
        routes_(land, places),
        land_(land),
        places_(places),
        ids_(random_) {
    begin_ = options.start;
    end_ = options.start + hours(options.hours);
    if (options.hours < 24)
      throw std::invalid_argument("--hours: at least 24 so that every behaviour fits");
  }

  MaritimeSummary run(std::ostream& nmea, std::ostream& truth);

 private:
  SimVessel& add_vessel(const Region& region, bool tanker);
  geo::LatLon start_point(const Region& region);
  Timestamp random_time(double margin_before_h, double length_h, double margin_after_h) {
    const double latest = options_.hours - length_h - margin_after_h;
    return begin_ + hours(random_.uniform(margin_before_h, std::max(margin_before_h, latest)));
  }
  const Region& random_region();
  const Region& sts_region();
  void truth_event(json event) { truth_.push_back(std::move(event)); }

  void plant_encounter();
  void plant_dark_encounter();
  void plant_gap();
  void plant_loitering();
  void plant_port_call();
  void plant_identity_change(int kind);
  void plant_jump();
  void plant_shared_position();
  void plant_shared_mmsi();
  void plant_circle();
  // What a real coast holds that is no incident: a marina of moored yachts, a tug alongside
  // a tanker at its berth, barges rafted in a fleeting area, a ferry on its run, a fast
  // craft, a vessel with one fix far off. Their truth is rule "decoy".
  void plant_decoys();
  // A port in one of the sea regions, and a point `metres` off it in a random direction.
  const geo::Place& coastal_port();
  // A spot beside the coast, 10 km or more from every known port and anchorage.
  geo::LatLon unlisted_mooring();
  // A point `inland_m` up a river from a coastal point no list knows: the 1:10m coastline
  // fills the river in, so all of the way in is "land". first: the river's mouth at sea.
  std::pair<geo::LatLon, geo::LatLon> river(double inland_m);
  geo::LatLon beside(geo::LatLon at, double metres);
  void lead_in(SimVessel& vessel);
  // A fishing vessel trawls back and forth beside `spot` all day, heard throughout: the
  // others in the feed whose reports tell a vessel's silence there from the coverage's.
  void add_fishing_witness(const Region& region, geo::LatLon spot);
  // The vessel sails from a point 40-100 km off and reaches `to` at `arrive`.
  void arrive_at(SimVessel& vessel, geo::LatLon to, const Region& region, Timestamp arrive);
  void emit(SimVessel& vessel, Timestamp t, std::ostream& out, MaritimeSummary& summary);
  void emit_static(SimVessel& vessel, Timestamp t, std::ostream& out, MaritimeSummary& summary);
  void write_lines(const ais::Payload6& payload, Timestamp t, std::ostream& out,
                   MaritimeSummary& summary);

  const MaritimeOptions& options_;
  Random random_;
  SeaRoutes routes_;
  std::vector<std::pair<geo::LatLon, Timestamp>> dark_meetings_;  // planted dark encounters
  const geo::LandMask& land_;
  const geo::PlaceIndex& places_;
  Identities ids_;
  Timestamp begin_ = 0, end_ = 0;
  std::deque<SimVessel> vessels_;
  std::vector<json> truth_;
  std::map<std::string, std::vector<geo::LatLon>> routes_to_;  // terminal → route from its gateway
  int sequence_ = 0;
  bool channel_b_ = false;
};

const Region& Scenario::random_region() {
  double x = random_.uniform();
  for (const auto& region : sea_regions()) {
    if (x < region.weight) return region;
    x -= region.weight;
  }
  return sea_regions().back();
}

const Region& Scenario::sts_region() {
  static const char* const kSts[] = {"ionian_aegean", "western_mediterranean", "baltic",
                                     "black_sea", "north_atlantic"};
  return region_named(kSts[random_.integer(0, std::size(kSts) - 1)]);
}

geo::LatLon Scenario::start_point(const Region& region) {
  if (auto p = routes_.sea_point(region, random_, 3'000, 0)) return *p;
  throw std::runtime_error("no sea found in region " + std::string(region.name));
}

SimVessel& Scenario::add_vessel(const Region& region, bool tanker) {
  SimVessel& v = vessels_.emplace_back();
  v.region = &region;
  v.mmsi = ids_.mmsi();
  v.class_b = !tanker && random_.chance(0.2);
  v.imo = v.class_b ? 0 : ids_.imo();
  v.name = ids_.name();
  v.callsign = ids_.callsign();
  v.ship_type = v.class_b ? 37
                          : (tanker ? static_cast<int>(random_.integer(80, 84))
                                    : static_cast<int>(random_.integer(70, 79)));
  v.cruise_kn = v.class_b ? random_.uniform(6, 10) : random_.uniform(10, 15);
  v.destination = tanker ? "FOR ORDERS" : "";
  v.next_report = begin_ + static_cast<Timestamp>(random_.uniform(0, options_.report_interval_s) *
                                                  kMicrosPerSecond);
  v.next_static = begin_ + static_cast<Timestamp>(random_.uniform(0, options_.static_interval_s) *
                                                  kMicrosPerSecond);
  return v;
}

// Two tankers meet at sea, lie alongside for 2.5-3.3 h, and part.
void Scenario::plant_encounter() {
  const Region& region = sts_region();
  const auto spot = routes_.sea_point(region, random_, 5'000, 20'000);
  if (!spot) return;
  const double duration_h = random_.uniform(2.5, 3.3);
  const Timestamp meet = random_time(6, duration_h, 8);
  SimVessel* pair[2];
  for (int i = 0; i < 2; ++i) {
    SimVessel& v = add_vessel(region, true);
    // One draw per statement: the order in which a call's arguments are evaluated is
    // unspecified, and compilers differ, which would make the same seed two scenarios.
    const double bearing = random_.uniform(0, 360);
    const double offset_m = random_.uniform(80, 250);
    const geo::LatLon berth = i == 0 ? *spot : geo::destination(*spot, bearing, offset_m);
    const Timestamp arrive =
        meet - (i == 0 ? static_cast<Timestamp>(random_.uniform(0, 0.4) * kHour) : 0);
    arrive_at(v, berth, region, arrive);
    v.hold_until(meet + hours(duration_h) + (i == 0 ? 0 : 10 * 60 * kMicrosPerSecond));
    pair[i] = &v;
  }
  truth_event(
      {{"rule", "maritime.encounter"},
       {"mmsi", {std::min(pair[0]->mmsi, pair[1]->mmsi), std::max(pair[0]->mmsi, pair[1]->mmsi)}},
       {"start", time_text(meet)},
       {"end", time_text(meet + hours(duration_h))}});
}

// Two tankers meet, switch AIS off together for 9-12 h, and reappear where they were. Not
// within 20 km of another pair dark at the same time: two pairs going dark together side by
// side are, by the rule, four vessels that may have met (a big simulation of a short day
// would otherwise put them there).
void Scenario::plant_dark_encounter() {
  const Region& region = sts_region();
  const double dark_h = random_.uniform(9, 12);
  const Timestamp meet = random_time(6, dark_h + 2, 6);
  std::optional<geo::LatLon> spot;
  for (int attempt = 0; attempt < 20 && !spot; ++attempt) {
    spot = routes_.sea_point(region, random_, 5'000, 20'000);
    if (!spot) return;
    for (const auto& [other, other_meet] : dark_meetings_)
      if (std::llabs(other_meet - meet) < hours(14) &&
          geo::fast_distance_m(other, *spot) < 20'000) {
        spot.reset();
        break;
      }
  }
  if (!spot) return;
  dark_meetings_.emplace_back(*spot, meet);
  SimVessel* pair[2];
  for (int i = 0; i < 2; ++i) {
    SimVessel& v = add_vessel(region, true);
    const geo::LatLon berth =
        i == 0 ? *spot : geo::destination(*spot, random_.uniform(0, 360), 150);
    arrive_at(v, berth, region, meet - (i == 0 ? hours(0.3) : 0));
    const Timestamp off = meet + hours(1) + (i == 0 ? 0 : 10 * 60 * kMicrosPerSecond);
    const Timestamp on = off + hours(dark_h) + (i == 0 ? 0 : 20 * 60 * kMicrosPerSecond);
    v.dark.push_back({off, on});
    v.hold_until(on + hours(0.5));
    pair[i] = &v;
  }
  add_fishing_witness(region, *spot);
  truth_event(
      {{"rule", "maritime.dark_encounter"},
       {"mmsi", {std::min(pair[0]->mmsi, pair[1]->mmsi), std::max(pair[0]->mmsi, pair[1]->mmsi)}},
       {"start", time_text(meet + hours(1))},
       {"end", time_text(meet + hours(1 + dark_h))}});
}

const geo::Place& Scenario::coastal_port() {
  std::vector<const geo::Place*> ports;
  for (const auto& place : places_.places()) {
    if (place.kind != "port") continue;
    for (const auto& region : sea_regions())
      if (place.at.lat >= region.lat_min && place.at.lat <= region.lat_max &&
          place.at.lon >= region.lon_min && place.at.lon <= region.lon_max) {
        ports.push_back(&place);
        break;
      }
  }
  if (ports.empty()) throw std::runtime_error("no port in the sea regions for the decoys");
  return *ports[random_.integer(0, ports.size() - 1)];
}

geo::LatLon Scenario::unlisted_mooring() {
  for (int attempt = 0; attempt < 50; ++attempt)
    if (const auto p = routes_.coastal_point(coastal_port().at, random_, 1'500, 10'000)) return *p;
  throw std::runtime_error("no coast away from the known ports for the decoys");
}

std::pair<geo::LatLon, geo::LatLon> Scenario::river(double inland_m) {
  for (int attempt = 0; attempt < 200; ++attempt) {
    const geo::LatLon coast = unlisted_mooring();
    const double first_bearing = random_.uniform(0, 360);
    for (int k = 0; k < 24; ++k) {
      const double bearing = first_bearing + 15 * k;
      const geo::LatLon mouth = geo::destination(coast, bearing + 180, 2'000);
      if (land_.on_land(mouth)) continue;
      bool inland = true;
      for (double d = 2'000; d <= inland_m && inland; d += 1'000)
        inland = land_.on_land(geo::destination(coast, bearing, d));
      if (inland) return {mouth, geo::destination(coast, bearing, inland_m)};
    }
  }
  throw std::runtime_error("no coast with land behind it for the river decoy");
}

geo::LatLon Scenario::beside(geo::LatLon at, double metres) {
  const double bearing = random_.uniform(0, 360);
  return geo::destination(at, bearing, metres);
}

void Scenario::plant_decoys() {
  const auto decoy = [&](std::string kind, std::vector<std::uint32_t> mmsis) {
    std::sort(mmsis.begin(), mmsis.end());
    truth_event({{"rule", "decoy"},
                 {"kind", std::move(kind)},
                 {"mmsi", mmsis},
                 {"start", time_text(begin_)},
                 {"end", time_text(end_)}});
  };
  const auto moored = [&](SimVessel& v, geo::LatLon at) {
    v.track.push_back({at, begin_ - hours(1)});
    v.hold_until(end_ + hours(1));
  };
  const Region& home = random_region();
  // Six yachts moored in a marina no port list knows, a few tens of metres apart, all day.
  {
    const geo::LatLon marina = unlisted_mooring();
    std::vector<std::uint32_t> mmsis;
    for (int i = 0; i < 6; ++i) {
      SimVessel& y = add_vessel(home, false);
      y.class_b = true;
      y.ship_type = 37;
      const double offset_m = 40.0 * (i + 1);
      moored(y, beside(marina, offset_m));
      mmsis.push_back(y.mmsi);
    }
    decoy("marina", mmsis);
  }
  // A tanker at a berth no port list knows, all day, and a tug alongside it for four hours
  // that comes and goes.
  {
    const geo::Place port{"", "", "", "", unlisted_mooring()};
    SimVessel& tanker = add_vessel(home, true);
    moored(tanker, port.at);
    SimVessel& tug = add_vessel(home, false);
    tug.class_b = false;
    tug.ship_type = 52;
    tug.cruise_kn = 8;
    const geo::LatLon station = beside(port.at, 3'000);
    const geo::LatLon alongside = beside(port.at, 40);
    const Timestamp arrive = random_time(4, 6, 4);
    tug.track.push_back({station, begin_ - hours(1)});
    tug.hold_until(arrive - hours(0.5));
    tug.append_leg(alongside, 6);
    tug.hold_until(arrive + hours(4));
    tug.append_leg(station, 6);
    tug.hold_until(end_ + hours(1));
    decoy("tug_assist", {tanker.mmsi, tug.mmsi});
  }
  // Four towboats rafted on one spot of a fleeting area no list knows, all day.
  {
    const geo::LatLon fleet = unlisted_mooring();
    std::vector<std::uint32_t> mmsis;
    for (int i = 0; i < 4; ++i) {
      SimVessel& b = add_vessel(home, false);
      b.class_b = false;
      b.ship_type = 31;
      moored(b, fleet);
      mmsis.push_back(b.mmsi);
    }
    decoy("rafted_barges", mmsis);
  }
  // A ferry on its run between a port and a point 15-25 km off, at 18 kn, half an hour at
  // each end.
  {
    const geo::Place& port = coastal_port();
    SimVessel& f = add_vessel(home, false);
    f.class_b = false;
    f.ship_type = 60;
    f.cruise_kn = 18;
    const double run_m = random_.uniform(15'000, 25'000);
    const geo::LatLon far_end = beside(port.at, run_m);
    f.track.push_back({port.at, begin_ - hours(1)});
    for (int leg = 0; f.track.back().time < end_ + hours(1); ++leg) {
      f.hold_until(f.track.back().time + hours(0.5));
      f.append_leg(leg % 2 == 0 ? far_end : port.at, f.cruise_kn);
    }
    decoy("ferry", {f.mmsi});
  }
  // A high-speed craft at 35 kn on open-sea legs.
  {
    SimVessel& c = add_vessel(home, false);
    c.class_b = false;
    c.ship_type = 40;
    c.cruise_kn = 35;
    c.track.push_back({start_point(home), begin_ - hours(1)});
    decoy("fast_craft", {c.mmsi});
  }
  // River traffic the 1:10m coastline calls land: two towboats pushing up and down a river
  // 12 km inland all day, hours apart, and a tanker that sails up to a riverside terminal,
  // lies there six hours and sails out.
  {
    const auto [mouth, head] = river(12'000);
    std::vector<std::uint32_t> mmsis;
    for (int i = 0; i < 2; ++i) {
      SimVessel& tow = add_vessel(home, false);
      tow.class_b = false;
      tow.ship_type = 31;
      tow.cruise_kn = 6;
      tow.track.push_back({i == 0 ? mouth : head, begin_ - hours(1)});
      for (int leg = 0; tow.track.back().time < end_ + hours(1); ++leg) {
        tow.append_leg((leg + i) % 2 == 0 ? head : mouth, tow.cruise_kn);
        tow.hold_until(tow.track.back().time + hours(1));
      }
      mmsis.push_back(tow.mmsi);
    }
    SimVessel& tanker = add_vessel(home, true);
    tanker.cruise_kn = 8;
    const geo::LatLon terminal{mouth.lat + 0.7 * (head.lat - mouth.lat),
                               mouth.lon + 0.7 * (head.lon - mouth.lon)};
    const Timestamp arrive = random_time(3, 8, 3);
    tanker.track.push_back({mouth, begin_ - hours(1)});
    tanker.hold_until(arrive - hours(1.2));
    tanker.append_leg(terminal, tanker.cruise_kn);
    tanker.hold_until(tanker.track.back().time + hours(6));
    tanker.append_leg(mouth, tanker.cruise_kn);
    tanker.hold_until(end_ + hours(1));
    mmsis.push_back(tanker.mmsi);
    decoy("river", mmsis);
  }
  // A coastal receiver's edge, off the west of Ireland where no other simulated traffic
  // sails: a tanker heard only within 70 km of the coast sails out 200 km and back to
  // another stretch of the coast, silent for hours. Fishing vessels 50-65 km out are heard
  // all day where it goes dark and where it reappears, but nobody is heard on its way: the
  // coverage's silence, not a gap.
  {
    static const Region shelf{"irish_shelf", 52.5, 55.0, -14.0, -9.5, 0};
    const geo::LatLon out_from{52.9, -9.75}, far_out{53.6, -13.2}, back_to{54.3, -10.3};
    SimVessel& t = add_vessel(shelf, true);
    t.cruise_kn = 12;
    t.receiver_range_m = 70'000;
    const Timestamp leave = random_time(2, 20, 2);
    t.track.push_back({out_from, begin_ - hours(1)});
    t.hold_until(leave);
    t.append_leg(far_out, t.cruise_kn);
    t.append_leg(back_to, t.cruise_kn);
    t.hold_until(end_ + hours(1));
    std::vector<std::uint32_t> mmsis = {t.mmsi};
    // Witnesses where it crosses 55 km from shore, going out and coming back.
    bool outward = true;
    for (Timestamp at = leave; at < t.track.back().time; at += hours(0.1)) {
      const geo::LatLon p = t.planned_position(at);
      const bool beyond = land_.distance_to_shore_m(p, 55'000) >= 55'000;
      if (beyond != outward) continue;
      SimVessel& w = add_vessel(shelf, false);
      w.class_b = false;
      w.ship_type = 30;
      w.track.push_back({p, begin_ - hours(1)});
      w.hold_until(end_ + hours(1));
      mmsis.push_back(w.mmsi);
      if (!outward) break;
      outward = false;
    }
    decoy("coverage_edge", mmsis);
  }
  // A cargo ship with one report 80-150 km off its track.
  {
    SimVessel& v = add_vessel(home, false);
    v.class_b = false;
    v.ship_type = 70;
    v.track.push_back({start_point(home), begin_ - hours(1)});
    Spoof glitch;
    const Timestamp at = random_time(6, 1, 6);
    // Shorter than the report interval: one report falls in it.
    glitch.window = {
        at, at + static_cast<Timestamp>(0.9 * options_.report_interval_s * kMicrosPerSecond)};
    glitch.shift_bearing = random_.uniform(0, 360);
    glitch.shift_m = random_.uniform(80'000, 150'000);
    v.spoofs.push_back(glitch);
    decoy("bad_fix", {v.mmsi});
  }
}

void Scenario::add_fishing_witness(const Region& region, geo::LatLon spot) {
  SimVessel& w = add_vessel(region, false);
  w.class_b = false;
  w.ship_type = 30;
  w.cruise_kn = 2.5;
  w.destination = "";
  const auto other_end = routes_.leg_end(spot, region, random_, 2'000, 5'000);
  const geo::LatLon ends[2] = {spot, other_end.value_or(spot)};
  w.track.push_back({spot, begin_ - hours(1)});
  if (!other_end) {
    w.hold_until(end_ + hours(1));
    return;
  }
  for (int leg = 1; w.track.back().time < end_ + hours(1); ++leg)
    w.append_leg(ends[leg % 2], w.cruise_kn);
}

// A vessel sails on with its AIS off for 7-20 h (the gap's truth is written when it
// reappears), in waters where others are heard throughout: a fishing vessel trawls where it
// goes dark, and another, on passage, is heard all the way along the straight line from
// where it goes dark to where it reappears, in step with it (the way the gap rule judges
// reception on). A vessel silent in waters nobody hears is the coverage's silence, not a
// gap (the coverage-edge decoy).
void Scenario::plant_gap() {
  const Region& region = random_region();
  SimVessel& v = add_vessel(region, true);
  v.track.push_back({start_point(region), begin_ - hours(1)});
  const double gap_h = random_.uniform(7, 20);
  const Timestamp off = random_time(4, gap_h, 4);
  v.dark.push_back({off, off + hours(gap_h)});
  while (v.track.back().time <= off + hours(gap_h))
    v.extend(routes_, random_);
  const geo::LatLon dark = v.planned_position(off);
  const geo::LatLon seen = v.planned_position(off + hours(gap_h));
  add_fishing_witness(region, dark);
  SimVessel& passage = add_vessel(region, false);
  passage.class_b = false;
  passage.ship_type = 30;
  passage.destination = "";
  passage.track.push_back({dark, begin_ - hours(1)});
  passage.hold_until(off);
  passage.track.push_back({seen, off + hours(gap_h)});
  passage.hold_until(end_ + hours(1));
}

// A tanker drifts alone at sea for 5-8 h, over 20 nm from shore.
void Scenario::plant_loitering() {
  const Region& region = sts_region();
  // Beyond loitering.min_shore_nm (20 nm, 37 km): nearer in, a waiting ship is at anchor.
  const auto spot = routes_.sea_point(region, random_, 45'000, 20'000);
  if (!spot) return;
  SimVessel& v = add_vessel(region, true);
  const double hold_h = random_.uniform(5, 8);
  const Timestamp arrive = random_time(6, hold_h, 6);
  arrive_at(v, *spot, region, arrive);
  // Drifting at under a knot: a few hundred metres every hour.
  geo::LatLon at = *spot;
  const double drift_bearing = random_.uniform(0, 360);
  for (double h = 1; h <= hold_h; h += 1) {
    at = geo::destination(at, drift_bearing, random_.uniform(300, 900));
    v.track.push_back({at, arrive + hours(std::min(h, hold_h))});
  }
  v.hold_until(arrive + hours(hold_h));
  truth_event({{"rule", "maritime.loitering"},
               {"mmsi", {v.mmsi}},
               {"start", time_text(arrive)},
               {"end", time_text(arrive + hours(hold_h))}});
}

// A tanker sails from open water to a Russian oil terminal, loads for 10-30 h, and leaves.
void Scenario::plant_port_call() {
  struct Terminal {
    const char* id;
    const char* region;
    geo::LatLon gateway;
  };
  static const Terminal kTerminals[] = {
      {"primorsk-oil-terminal", "gulf_of_finland", {59.85, 24.8}},
      {"ust-luga-crude-oil-terminal", "gulf_of_finland", {59.85, 24.8}},
      {"sheskharis-oil-terminal", "black_sea", {43.6, 35.5}},
      {"tuapse-oil-terminal", "black_sea", {43.6, 35.5}},
  };
  const Terminal& terminal = kTerminals[random_.integer(0, std::size(kTerminals) - 1)];
  const geo::Place* place = nullptr;
  for (const auto& p : places_.places())
    if (p.id == terminal.id) place = &p;
  if (place == nullptr) return;  // run without the bundled terminals
  auto cached = routes_to_.find(terminal.id);
  if (cached == routes_to_.end())
    cached = routes_to_.emplace(terminal.id, routes_.route(terminal.gateway, place->at)).first;
  const auto& path = cached->second;
  if (path.size() < 2) return;
  const Region& region = region_named(terminal.region);
  SimVessel& v = add_vessel(region, true);
  v.destination = "RU " + std::string(terminal.id).substr(0, 8);
  double path_m = 0;
  for (std::size_t i = 1; i < path.size(); ++i)
    path_m += geo::fast_distance_m(path[i - 1], path[i]);
  const double speed = v.cruise_kn * geo::kMetresPerSecondPerKnot;
  const double stay_h = random_.uniform(10, 30);
  const Timestamp arrive = random_time(3, stay_h, 4);
  v.track.push_back(
      {path.front(), arrive - static_cast<Timestamp>(path_m / speed * kMicrosPerSecond)});
  v.append_route(path, v.cruise_kn);
  v.track.back().time = arrive;
  v.hold_until(arrive + hours(stay_h));
  std::vector<geo::LatLon> back(path.rbegin(), path.rend());
  v.append_route(back, v.cruise_kn);
  const auto near = [&](double m) { return static_cast<Timestamp>(m / speed * kMicrosPerSecond); };
  truth_event({{"rule", "maritime.port_call"},
               {"mmsi", {v.mmsi}},
               {"place_id", terminal.id},
               {"start", time_text(arrive - near(3'000))},
               {"end", time_text(arrive + hours(stay_h) + near(4'000))}});
}

// kind 0: a new name; 1: a new call sign; 2: a new MMSI under another flag (same IMO).
void Scenario::plant_identity_change(int kind) {
  const Region& region = random_region();
  SimVessel& v = add_vessel(region, true);
  v.track.push_back({start_point(region), begin_ - hours(1)});
  const Timestamp when = random_time(6, 0, 6);
  IdentityChange change;
  change.time = when;
  json event = {
      {"rule", "maritime.identity_change"}, {"start", time_text(when)}, {"end", time_text(when)}};
  if (kind == 0) {
    change.attribute = "name";
    change.value = ids_.name();
    event["mmsi"] = {v.mmsi};
    event["attribute"] = "name";
    event["from"] = v.name;
    event["to"] = change.value;
  } else if (kind == 1) {
    change.attribute = "callsign";
    change.value = ids_.callsign();
    event["mmsi"] = {v.mmsi};
    event["attribute"] = "callsign";
    event["from"] = v.callsign;
    event["to"] = change.value;
  } else {
    change.attribute = "mmsi";
    change.mmsi = ids_.mmsi(v.mmsi);
    json both = {std::min(v.mmsi, change.mmsi), std::max(v.mmsi, change.mmsi)};
    event["mmsi"] = both;
    event["attribute"] = "mmsi";
    event["from"] = std::to_string(v.mmsi);
    event["to"] = std::to_string(change.mmsi);
    json flag = event;
    flag["attribute"] = "flag";
    truth_event(flag);
  }
  truth_event(event);
  v.changes.push_back(change);
}

// A vessel's reported position jumps 80-250 km away for 1-3 h.
void Scenario::plant_jump() {
  const Region& region = random_region();
  SimVessel& v = add_vessel(region, true);
  v.track.push_back({start_point(region), begin_ - hours(1)});
  const double length_h = random_.uniform(1, 3);
  Spoof spoof;
  spoof.window.start = random_time(4, length_h, 4);
  spoof.window.end = spoof.window.start + hours(length_h);
  spoof.shift_bearing = random_.uniform(0, 360);
  spoof.shift_m = random_.uniform(80'000, 250'000);
  v.spoofs.push_back(spoof);
  truth_event({{"rule", "maritime.spoofing"},
               {"kind", "jump"},
               {"mmsi", {v.mmsi}},
               {"start", time_text(spoof.window.start)},
               {"end", time_text(spoof.window.end)}});
}

// Four vessels in one sea all report one point for 1.5 h (GNSS spoofing).
void Scenario::plant_shared_position() {
  const Region& region = random_region();
  const auto point = routes_.sea_point(region, random_, 5'000, 20'000);
  if (!point) return;
  const Timestamp start = random_time(4, 1.5, 4);
  json mmsis = json::array();
  std::vector<std::uint32_t> list;
  for (int i = 0; i < 4; ++i) {
    SimVessel& v = add_vessel(region, false);
    v.class_b = false;
    v.imo = ids_.imo();
    v.track.push_back({start_point(region), begin_ - hours(1)});
    // Each joins the spoofed point a little after the last, as a spoofer's range sweeps over them.
    Spoof spoof;
    spoof.window = {start + i * 5 * 60 * kMicrosPerSecond, start + hours(1.5)};
    spoof.fixed = *point;
    v.spoofs.push_back(spoof);
    list.push_back(v.mmsi);
    truth_event({{"rule", "maritime.spoofing"},
                 {"kind", "jump"},
                 {"mmsi", {v.mmsi}},
                 {"start", time_text(spoof.window.start)},
                 {"end", time_text(spoof.window.end)}});
  }
  std::sort(list.begin(), list.end());
  truth_event({{"rule", "maritime.spoofing"},
               {"kind", "shared_position"},
               {"mmsi", list},
               {"start", time_text(start)},
               {"end", time_text(start + hours(1.5))}});
}

// A second transmitter, far away, uses a vessel's MMSI for 3-6 h.
void Scenario::plant_shared_mmsi() {
  const Region& region = random_region();
  SimVessel& host = add_vessel(region, true);
  host.track.push_back({start_point(region), begin_ - hours(1)});
  const std::uint32_t mmsi = host.mmsi;
  const Region* elsewhere = &random_region();
  while (elsewhere == &region)
    elsewhere = &random_region();
  SimVessel& ghost = add_vessel(*elsewhere, false);
  ghost.mmsi = mmsi;
  ghost.sends_static = false;
  ghost.track.push_back({start_point(*elsewhere), begin_ - hours(1)});
  const double length_h = random_.uniform(3, 6);
  const Timestamp start = random_time(4, length_h, 4);
  ghost.active = Window{start, start + hours(length_h)};
  truth_event({{"rule", "maritime.spoofing"},
               {"kind", "shared_mmsi"},
               {"mmsi", {mmsi}},
               {"start", time_text(start)},
               {"end", time_text(start + hours(length_h))}});
}

// A tanker waits at sea for 2.5-3.5 h (too short to loiter) while its AIS draws circles of
// 0.8-1.5 km around it at 8-12 kn, four turns at least: circle spoofing.
void Scenario::plant_circle() {
  const Region& region = sts_region();
  const auto spot = routes_.sea_point(region, random_, 5'000, 20'000);
  if (!spot) return;
  SimVessel& v = add_vessel(region, true);
  const double hold_h = random_.uniform(2.5, 3.5);
  const Timestamp arrive = random_time(6, hold_h, 6);
  arrive_at(v, *spot, region, arrive);
  v.hold_until(arrive + hours(hold_h));
  Spoof spoof;
  spoof.window = {arrive, arrive + hours(hold_h)};
  spoof.circle_radius_m = random_.uniform(800, 1'500);
  spoof.circle_knots = random_.uniform(8, 12);
  spoof.circle_way = random_.chance(0.5) ? 1 : -1;
  v.spoofs.push_back(spoof);
  truth_event({{"rule", "maritime.spoofing"},
               {"kind", "circle"},
               {"mmsi", {v.mmsi}},
               {"start", time_text(spoof.window.start)},
               {"end", time_text(spoof.window.end)}});
}

void Scenario::arrive_at(SimVessel& v, geo::LatLon to, const Region& region, Timestamp arrive) {
  const auto from = routes_.leg_end(to, region, random_, 40'000, 100'000).value_or(to);
  const double metres = geo::fast_distance_m(from, to);
  const auto sailing = static_cast<Timestamp>(
      metres / (v.cruise_kn * geo::kMetresPerSecondPerKnot) * kMicrosPerSecond);
  v.track.push_back({from, arrive - sailing});
  v.append_leg(to, v.cruise_kn);
  v.track.back().time = arrive;
}

void Scenario::lead_in(SimVessel& v) {
  while (v.track.front().time > begin_ - hours(1)) {
    const geo::LatLon first = v.track.front().at;
    auto from = routes_.leg_end(first, *v.region, random_, 30'000, 120'000);
    if (!from) from = routes_.leg_end(first, *v.region, random_, 2'000, 30'000);
    if (!from) {
      // Nowhere to come from in a straight line (a terminal's approach): it was sailing on
      // the spot's far side.
      v.track.push_front({first, begin_ - hours(1)});
      break;
    }
    const double metres = geo::fast_distance_m(*from, first);
    v.track.push_front(
        {*from, v.track.front().time -
                    static_cast<Timestamp>(metres / (v.cruise_kn * geo::kMetresPerSecondPerKnot) *
                                           kMicrosPerSecond)});
  }
}

void Scenario::write_lines(const ais::Payload6& payload, Timestamp t, std::ostream& out,
                           MaritimeSummary& summary) {
  channel_b_ = !channel_b_;
  sequence_ = (sequence_ + 1) % 10;
  for (const auto& line : ais::to_sentences(payload, channel_b_ ? 'B' : 'A', sequence_,
                                            options_.station, t / kMicrosPerSecond)) {
    out << line << '\n';
    ++summary.sentences;
  }
}

void Scenario::emit_static(SimVessel& v, Timestamp t, std::ostream& out, MaritimeSummary& summary) {
  ais::StaticFields f;
  f.mmsi = v.mmsi;
  f.imo = v.imo;
  f.name = v.name;
  f.callsign = v.callsign;
  f.ship_type = v.ship_type;
  f.to_bow = v.class_b ? 8 : 180;
  f.to_stern = v.class_b ? 4 : 40;
  f.to_port = v.class_b ? 2 : 16;
  f.to_starboard = v.class_b ? 2 : 16;
  f.draught = v.class_b ? 0 : 12.5;
  f.destination = v.destination;
  if (v.class_b) {
    write_lines(ais::encode_class_b_static_a(f), t, out, summary);
    write_lines(ais::encode_class_b_static_b(f), t, out, summary);
  } else {
    write_lines(ais::encode_static_voyage(f), t, out, summary);
  }
  ++summary.static_reports;
}

void Scenario::emit(SimVessel& v, Timestamp t, std::ostream& out, MaritimeSummary& summary) {
  while (v.changes_applied < v.changes.size() && v.changes[v.changes_applied].time <= t) {
    const auto& change = v.changes[v.changes_applied++];
    if (change.attribute == "name") v.name = change.value;
    if (change.attribute == "callsign") v.callsign = change.value;
    if (change.attribute == "mmsi") v.mmsi = change.mmsi;
    v.next_static = t;  // a new identity goes out at once, as a re-registered ship's would
  }
  const geo::LatLon truth_at = v.position(t, routes_, random_);
  if (v.active && !v.active->contains(t)) return;
  if (v.receiver_range_m &&
      land_.distance_to_shore_m(truth_at, *v.receiver_range_m) >= *v.receiver_range_m)
    return;  // out of the receivers' range: nobody hears it, and it is no gap
  if (v.dark_at(t)) {
    v.was_dark = true;
    return;
  }
  if (v.was_dark) {
    v.was_dark = false;
    if (v.last_report != 0)
      truth_event({{"rule", "maritime.gap"},
                   {"mmsi", {v.mmsi}},
                   {"start", time_text(v.last_report)},
                   {"end", time_text(t)}});
  }
  v.last_report = t;
  if (v.sends_static && t >= v.next_static) {
    emit_static(v, t, out, summary);
    v.next_static = t + static_cast<Timestamp>(options_.static_interval_s * kMicrosPerSecond);
  }
  ais::PositionReportFields f;
  f.type = v.class_b ? 18 : 1;
  f.mmsi = v.mmsi;
  const double knots = v.speed_kn_at(t);
  const bool moving = knots > 0.5;
  f.status = moving ? 0 : 1;  // under way / at anchor
  geo::LatLon at = truth_at;
  if (const Spoof* spoof = v.spoof_at(t)) {
    if (spoof->fixed) {
      at = *spoof->fixed;
    } else if (spoof->circle_radius_m > 0) {
      const double drawn_m = spoof->circle_knots * geo::kMetresPerSecondPerKnot *
                             static_cast<double>(t - spoof->window.start) / kMicrosPerSecond;
      const double angle =
          spoof->circle_way * drawn_m / spoof->circle_radius_m * 180 / 3.14159265358979323846;
      at = geo::destination(truth_at, angle, spoof->circle_radius_m);
    } else {
      at = geo::destination(truth_at, spoof->shift_bearing, spoof->shift_m);
    }
  } else {
    // GNSS noise of a few metres (a local offset: noise needs no geodesic).
    const double north = random_.uniform(-6, 6), east = random_.uniform(-6, 6);
    at.lat += north / 111'132.0;
    at.lon += east / (111'320.0 * std::cos(at.lat * 3.14159265358979323846 / 180));
  }
  f.lat = at.lat;
  f.lon = at.lon;
  f.speed = moving ? std::max(0.0, knots + random_.uniform(-0.2, 0.2)) : random_.uniform(0, 0.3);
  f.course = moving ? v.course_at(t) : random_.uniform(0, 359.9);
  f.heading = static_cast<int>(std::lround(*f.course)) % 360;
  f.second = static_cast<int>((t / kMicrosPerSecond) % 60);
  write_lines(ais::encode_position_report(f), t, out, summary);
  ++summary.position_reports;
}

MaritimeSummary Scenario::run(std::ostream& nmea, std::ostream& truth_out) {
  const std::uint32_t n = options_.vessels;
  const auto count = [&](double per_200, std::uint32_t at_least) {
    return std::max<std::uint32_t>(at_least,
                                   static_cast<std::uint32_t>(std::lround(per_200 * n / 200.0)));
  };
  for (std::uint32_t i = 0; i < count(6, 2); ++i)
    plant_encounter();
  for (std::uint32_t i = 0; i < count(2, 1); ++i)
    plant_dark_encounter();
  for (std::uint32_t i = 0; i < count(10, 3); ++i)
    plant_gap();
  for (std::uint32_t i = 0; i < count(4, 1); ++i)
    plant_loitering();
  for (std::uint32_t i = 0; i < count(8, 2); ++i)
    plant_port_call();
  for (std::uint32_t i = 0; i < count(9, 3); ++i)
    plant_identity_change(static_cast<int>(i % 3));
  for (std::uint32_t i = 0; i < count(4, 1); ++i)
    plant_jump();
  for (std::uint32_t i = 0; i < count(1, 1); ++i)
    plant_shared_position();
  for (std::uint32_t i = 0; i < count(2, 1); ++i)
    plant_shared_mmsi();
  for (std::uint32_t i = 0; i < count(1, 1); ++i)
    plant_circle();
  plant_decoys();
  if (vessels_.size() > n)
    throw std::invalid_argument("--vessels: too few for the planted behaviour (" +
                                std::to_string(vessels_.size()) + " needed)");
  while (vessels_.size() < n) {
    const Region& region = random_region();
    SimVessel& v = add_vessel(region, random_.chance(0.4));
    v.track.push_back({start_point(region), begin_ - hours(1)});
  }

  // Every vessel is already sailing when the simulation begins: a script that starts later is
  // preceded by legs that lead to its first point.
  for (auto& v : vessels_)
    lead_in(v);

  MaritimeSummary summary;
  summary.vessels = n;
  using Item = std::pair<Timestamp, std::size_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
  for (std::size_t i = 0; i < vessels_.size(); ++i)
    queue.emplace(vessels_[i].next_report, i);
  const auto interval = static_cast<Timestamp>(options_.report_interval_s * kMicrosPerSecond);
  while (!queue.empty()) {
    const auto [t, i] = queue.top();
    queue.pop();
    if (t >= end_) continue;
    // Whole seconds: the tag block's receive time has no fraction.
    emit(vessels_[i], t - t % kMicrosPerSecond, nmea, summary);
    const Timestamp jitter =
        static_cast<Timestamp>(random_.uniform(-0.1, 0.1) * static_cast<double>(interval));
    queue.emplace(t + interval + jitter, i);
  }
  std::sort(truth_.begin(), truth_.end(), [](const json& a, const json& b) {
    return std::tie(a["start"].get_ref<const std::string&>(),
                    a["rule"].get_ref<const std::string&>()) <
           std::tie(b["start"].get_ref<const std::string&>(),
                    b["rule"].get_ref<const std::string&>());
  });
  for (const auto& event : truth_) {
    truth_out << event.dump() << '\n';
    ++summary.planted[event["rule"].get<std::string>()];
  }
  return summary;
}

}  // namespace

MaritimeSummary simulate_maritime(const MaritimeOptions& options, const geo::LandMask& land,
                                  const geo::PlaceIndex& places, std::ostream& nmea,
                                  std::ostream& truth) {
  Scenario scenario(options, land, places);
  return scenario.run(nmea, truth);
}

}  // namespace vigil::simulate
