#include "vigil/maritime/config.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace vigil::maritime {

const std::vector<Setting>& settings() {
  static const std::vector<Setting> all = {
      {"track.max_speed_kn", &Config::track_max_speed_kn, 1, 100, "kn",
       "implied speed that splits a track"},
      {"track.max_silence_h", &Config::track_max_silence_h, 0.1, 720, "h",
       "silence that splits a track"},
      {"track.jump_slack_m", &Config::track_jump_slack_m, 0, 100'000, "m",
       "position noise tolerated on top of the speed limit"},
      {"track.fast_craft_max_speed_kn", &Config::track_fast_craft_max_speed_kn, 1, 200, "kn",
       "implied speed that splits the track of a fast craft, or of a vessel reporting that speed"},
      {"class.small_craft_max_length_m", &Config::class_small_craft_max_length_m, 0, 400, "m",
       "a vessel of no readable type said shorter than this is small craft (class pleasure)"},
      {"class.fast_craft_min_speed_kn", &Config::class_fast_craft_min_speed_kn, 1, 102, "kn",
       "a vessel of no readable type reporting this speed is a fast craft (class service)"},
      {"class.fast_craft_min_reports", &Config::class_fast_craft_min_reports, 1, 255, "reports",
       "reports at that speed before it is a fast craft"},
      {"berth.min_h", &Config::berth_min_h, 0.1, 720, "h",
       "time a vessel lies on one spot beside the coast before the spot is a berth"},
      {"berth.max_drift_m", &Config::berth_max_drift_m, 0, 10'000, "m",
       "how far from the spot it may swing or drift meanwhile"},
      {"berth.max_shore_km", &Config::berth_max_shore_km, 0, 50, "km",
       "distance from shore (or a port, or on a waterway) within which such a spot is a berth"},
      {"gap.min_h", &Config::gap_min_h, 0.1, 720, "h", "silence that is a gap"},
      {"gap.intentional_min_h", &Config::gap_intentional_min_h, 0.1, 720, "h",
       "gap length for likely intentional disabling"},
      {"gap.intentional_min_shore_nm", &Config::gap_intentional_min_shore_nm, 0, 1'000, "nm",
       "distance from shore where a likely intentional gap starts"},
      {"gap.min_reception_per_h", &Config::gap_min_reception_per_h, 0, 1e6, "reports/h",
       "other vessels' reports in the gap's 1° cell for good reception (likely intentional)"},
      {"gap.min_heard_hours_share", &Config::gap_min_heard_hours_share, 0, 1, "",
       "share of a gap's hours in which anyone was heard in its 1° cell, else no gap"},
      {"gap.min_feed_hours_share", &Config::gap_min_feed_hours_share, 0, 1, "",
       "share of a silence's hours in which the feed heard anyone, else it is an outage"},
      {"encounter.max_distance_m", &Config::encounter_max_distance_m, 1, 10'000, "m",
       "distance between the two vessels"},
      {"encounter.max_speed_kn", &Config::encounter_max_speed_kn, 0, 30, "kn",
       "speed of each vessel"},
      {"encounter.min_h", &Config::encounter_min_h, 0, 720, "h", "duration of an encounter"},
      {"encounter.min_port_distance_km", &Config::encounter_min_port_distance_km, 0, 50, "km",
       "distance from any port or anchorage"},
      {"encounter.merge_h", &Config::encounter_merge_h, 0, 720, "h",
       "encounters of one pair less than this apart merge"},
      {"encounter.max_report_age_min", &Config::encounter_max_report_age_min, 1, 1'440, "min",
       "age of the other vessel's last report when comparing"},
      {"encounter.max_pause_h", &Config::encounter_max_pause_h, 0, 720, "h",
       "pause in proximity that still continues a meeting"},
      {"loitering.max_speed_kn", &Config::loitering_max_speed_kn, 0, 30, "kn",
       "average speed while loitering"},
      {"loitering.min_h", &Config::loitering_min_h, 0, 720, "h", "duration of loitering"},
      {"loitering.min_shore_nm", &Config::loitering_min_shore_nm, 0, 200, "nm",
       "distance from shore (Natural Earth land) where loitering begins"},
      {"loitering.min_port_distance_km", &Config::loitering_min_port_distance_km, 0, 50, "km",
       "distance from any port or anchorage"},
      {"port_call.entry_km", &Config::port_entry_km, 0.1, 50, "km",
       "distance to a port or terminal that enters it"},
      {"port_call.exit_km", &Config::port_exit_km, 0.1, 50, "km", "distance that leaves it"},
      {"port_call.stop_kn", &Config::port_stop_kn, 0, 5, "kn",
       "speed that counts as stopped in port"},
      {"spoofing.min_jump_reports", &Config::spoofing_min_jump_reports, 1, 1'000, "reports",
       "reports at an impossible place before it is spoofing, not a glitch"},
      {"spoofing.quiet_h", &Config::spoofing_quiet_h, 0.1, 720, "h",
       "time without anomalies that ends an episode"},
      {"spoofing.shared_mmsi_switches", &Config::spoofing_shared_mmsi_switches, 2, 1'000,
       "switches", "alternations between two tracks that mean two transmitters"},
      {"spoofing.min_inland_m", &Config::spoofing_min_inland_m, 0, 1e6, "m",
       "distance inland that is on land, not a harbour"},
      {"spoofing.min_land_reports", &Config::spoofing_min_land_reports, 1, 1'000, "reports",
       "reports on land before it is spoofing"},
      {"spoofing.land_port_distance_km", &Config::spoofing_land_port_distance_km, 0, 50, "km",
       "reports on land this close to a known port are not spoofing"},
      {"spoofing.waterway_min_vessels", &Config::spoofing_waterway_min_vessels, 1, 32, "vessels",
       "other vessels that sailed a stretch of land for it to be a waterway"},
      {"spoofing.shared_position_vessels", &Config::spoofing_shared_position_vessels, 2, 1'000,
       "vessels", "vessels reporting one position"},
      {"spoofing.shared_position_window_min", &Config::spoofing_shared_position_window_min, 1,
       1'440, "min", "time window for one shared position"},
      {"spoofing.circle_turns", &Config::spoofing_circle_turns, 1, 1'000, "turns",
       "full turns the same way, leg after leg, before a track is a drawn circle"},
      {"spoofing.circle_max_radius_km", &Config::spoofing_circle_max_radius_km, 0.1, 60, "km",
       "largest radius of a circling track"},
      {"spoofing.circle_max_radius_ratio", &Config::spoofing_circle_max_radius_ratio, 1, 100, "",
       "largest over smallest radius of a circle's legs: a drawn circle keeps its radius"},
      {"spoofing.circle_min_leg_m", &Config::spoofing_circle_min_leg_m, 0, 10'000, "m",
       "legs shorter than this are position noise and neither turn nor break a circle"},
      {"spoofing.circle_max_leg_turn_deg", &Config::spoofing_circle_max_leg_turn_deg, 1, 179, "deg",
       "a leg that turns more than this breaks a circle (its direction is ambiguous)"},
      {"dark_encounter.max_distance_km", &Config::dark_encounter_max_distance_km, 0.1, 500, "km",
       "distance between the two vessels when they go dark and when they reappear"},
      {"dark_encounter.max_offset_h", &Config::dark_encounter_max_offset_h, 0, 48, "h",
       "difference between their times of going dark, and of reappearing"},
  };
  return all;
}

const std::vector<ClassSetting>& class_settings() {
  static const std::vector<ClassSetting> all = {
      {"encounter.carrier_classes", &Config::encounter_carrier_classes,
       "one vessel of an encounter is of these classes"},
      {"encounter.partner_classes", &Config::encounter_partner_classes,
       "and the other of these (either way round)"},
      {"dark_encounter.carrier_classes", &Config::dark_encounter_carrier_classes,
       "one vessel of a dark encounter is of these classes"},
      {"dark_encounter.partner_classes", &Config::dark_encounter_partner_classes,
       "and the other of these"},
      {"loitering.classes", &Config::loitering_classes, "vessels that can loiter"},
      {"gap.classes", &Config::gap_classes, "vessels whose silences are gaps"},
      {"port_call.classes", &Config::port_call_classes, "vessels whose stops in port are calls"},
  };
  return all;
}

namespace {

vessel::VesselClasses parse_classes(const std::string& key, const nlohmann::json& value) {
  if (!value.is_array())
    throw std::invalid_argument(fmt::format("{}: not a list of vessel classes", key));
  vessel::VesselClasses classes;
  for (const auto& item : value) {
    const auto c =
        item.is_string() ? vessel::parse_vessel_class(item.get<std::string>()) : std::nullopt;
    if (!c)
      throw std::invalid_argument(
          fmt::format("{}: {} is not a vessel class (unknown, tanker, gas_carrier, cargo, fishing, "
                      "passenger, service, pleasure)",
                      key, item.dump()));
    classes.add(*c);
  }
  return classes;
}

// Takes the class settings out of `overrides` (nested or flat) into `config`, leaving the
// numbers for the thresholds' reader.
nlohmann::json take_class_settings(Config& config, const nlohmann::json& overrides) {
  if (!overrides.is_object()) return overrides;
  nlohmann::json rest = overrides;
  for (const auto& setting : class_settings()) {
    const std::string key(setting.key);
    const auto dot = key.find('.');
    const std::string group = key.substr(0, dot), name = key.substr(dot + 1);
    if (rest.contains(key)) {
      config.*setting.member = parse_classes(key, rest[key]);
      rest.erase(key);
    }
    if (rest.contains(group) && rest[group].is_object() && rest[group].contains(name)) {
      config.*setting.member = parse_classes(key, rest[group][name]);
      rest[group].erase(name);
    }
  }
  return rest;
}

}  // namespace

void apply_overrides(Config& config, const nlohmann::json& overrides) {
  // The risk weights (vigil vessels --risk) and the ceasefire rules share the file.
  Config result = config;
  const nlohmann::json numbers = take_class_settings(result, overrides);
  apply_threshold_overrides(result, settings(), numbers, "", {"risk", "ceasefire"});
  if (result.port_exit_km < result.port_entry_km)
    throw std::invalid_argument("port_call.exit_km: smaller than port_call.entry_km");
  config = result;
}

Config config_from_document(const nlohmann::json& document) {
  Config config;
  // A config file may hold other sections; the maritime one is "maritime" when present.
  apply_overrides(config, document.is_object() && document.contains("maritime")
                              ? document["maritime"]
                              : document);
  return config;
}

Config load_config(const std::string& path) {
  const auto document = read_config_document(path);
  return with_config_file(path, [&] { return config_from_document(document); });
}

nlohmann::json to_json(const Config& config) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& setting : settings())
    out[std::string(setting.key)] = config.*setting.member;
  for (const auto& setting : class_settings()) {
    nlohmann::json names = nlohmann::json::array();
    for (std::size_t i = 0; i < vessel::kVesselClassCount; ++i) {
      const auto c = static_cast<vessel::VesselClass>(i);
      if ((config.*setting.member).contains(c)) names.push_back(vessel::to_string(c));
    }
    out[std::string(setting.key)] = names;
  }
  return out;
}

}  // namespace vigil::maritime
