#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "vigil/core/threshold_settings.hpp"
#include "vigil/vessel/vessel_class.hpp"

namespace vigil::maritime {

// Every threshold of the maritime detectors. Defaults follow Global Fishing Watch's published
// definitions unless docs/maritime.md says otherwise; each is overridable by a config file
// keyed "<detector>.<name>" (see settings()).
struct Config {
  // Tracks: a report that would need more than this speed from the last one starts a new
  // segment (or belongs to another transmitter under the same MMSI).
  double track_max_speed_kn = 25;
  double track_max_silence_h = 8;
  // Position noise allowed on top of max speed × time, so close reports a few seconds apart
  // do not read as jumps.
  double track_jump_slack_m = 1'000;
  // Fast craft (high-speed craft, pilots, SAR, law enforcement, military, pleasure craft) and
  // any vessel whose own reported speed exceeds track_max_speed_kn may go this fast before a
  // leg is a jump: a Coast Guard boat at 41 kn is not spoofing.
  double track_fast_craft_max_speed_kn = 60;

  // A vessel that says no type we can read is classed by its size and behaviour: under this
  // length it is small craft (the 1966 Load Line Convention and MARPOL Annex I's tanker
  // rules start at 24 m), and one reporting at least this speed over ground on
  // class_fast_craft_min_reports reports is a fast craft: no tanker or cargo ship makes 30 kn.
  double class_small_craft_max_length_m = 24;
  double class_fast_craft_min_speed_kn = 30;
  double class_fast_craft_min_reports = 3;

  // Berths and moorings learnt from the data: a vessel that lies within berth.max_drift_m of
  // one spot for berth.min_h, at a port, on a waterway or within berth.max_shore_km of the
  // coast, marks its ~1 km cell as a berth. Encounters, loitering and dark encounters there
  // are counted, not reported, and a gap that ends on the spot it began is a transponder off
  // at the quay.
  double berth_min_h = 2;
  double berth_max_drift_m = 500;
  double berth_max_shore_km = 3;

  double gap_min_h = 6;
  double gap_intentional_min_h = 12;
  double gap_intentional_min_shore_nm = 50;
  // Reports per hour from other vessels in the 1° cell where the gap began, during the gap,
  // for the reception there to count as good.
  double gap_min_reception_per_h = 10;
  // The share of a silence's whole hours in which anyone was heard in the 1° cell where the
  // vessel went dark: below it, nobody is heard there and the silence is the coverage's.
  double gap_min_heard_hours_share = 0.5;
  // The share of a silence's whole hours in which the feed heard anyone, for it to be the
  // vessel's silence and not the feed's.
  double gap_min_feed_hours_share = 0.9;

  double encounter_max_distance_m = 500;
  double encounter_max_speed_kn = 2;
  double encounter_min_h = 2;
  double encounter_min_port_distance_km = 10;
  double encounter_merge_h = 4;
  // How old the other vessel's last report may be when comparing two vessels.
  double encounter_max_report_age_min = 30;
  // Longest pause in proximity reports that still continues one meeting.
  double encounter_max_pause_h = 1;

  double loitering_max_speed_kn = 2;
  double loitering_min_h = 4;
  double loitering_min_port_distance_km = 10;
  // Global Fishing Watch's loitering events are at least 20 nm from shore: nearer in, a slow
  // ship is at anchor off its port or in a channel, waiting its turn.
  double loitering_min_shore_nm = 20;

  double port_entry_km = 3;
  double port_exit_km = 4;
  double port_stop_kn = 0.2;

  double spoofing_min_jump_reports = 2;
  double spoofing_quiet_h = 2;
  double spoofing_shared_mmsi_switches = 4;
  double spoofing_min_inland_m = 2'000;
  double spoofing_min_land_reports = 3;
  double spoofing_land_port_distance_km = 10;
  // Other vessels that sailed a ~1 km stretch of "land" for it to be a waterway.
  double spoofing_waterway_min_vessels = 1;
  double spoofing_shared_position_vessels = 3;
  double spoofing_shared_position_window_min = 60;
  double spoofing_circle_turns = 3;
  double spoofing_circle_max_radius_km = 10;
  double spoofing_circle_max_radius_ratio = 1.25;
  double spoofing_circle_min_leg_m = 20;
  double spoofing_circle_max_leg_turn_deg = 150;

  double dark_encounter_max_distance_km = 5;
  double dark_encounter_max_offset_h = 2;

  // Which vessels each rule is about (docs/maritime.md argues the defaults). A cargo
  // transfer involves a carrier (tanker or gas carrier) and a partner able to take cargo;
  // a tug or pilot alongside is an assist. Unknown is a class of its own, named or not.
  using Classes = vessel::VesselClasses;
  using C = vessel::VesselClass;
  Classes encounter_carrier_classes{C::tanker, C::gas_carrier};
  Classes encounter_partner_classes{C::tanker, C::gas_carrier, C::cargo, C::unknown};
  Classes dark_encounter_carrier_classes{C::tanker, C::gas_carrier};
  Classes dark_encounter_partner_classes{C::tanker, C::gas_carrier, C::cargo, C::unknown};
  Classes loitering_classes{C::tanker, C::gas_carrier, C::cargo};
  Classes gap_classes{C::tanker, C::gas_carrier, C::cargo, C::fishing, C::unknown};
  Classes port_call_classes{C::tanker, C::gas_carrier, C::cargo, C::fishing, C::unknown};
};

// The class-set settings ("encounter.carrier_classes"...), in documentation order.
struct ClassSetting {
  std::string_view key;
  vessel::VesselClasses Config::*member;
  std::string_view meaning;
};
const std::vector<ClassSetting>& class_settings();

using Setting = ThresholdSetting<Config>;

// Every setting, in documentation order.
const std::vector<Setting>& settings();

// Applies a JSON object of overrides {"gap": {"min_h": 8}, ...} (or flat {"gap.min_h": 8});
// a class setting takes a list of class names ({"loitering": {"classes": ["tanker"]}}).
// Throws std::invalid_argument naming the key when it is unknown, not a number (not a list of
// classes), or out of range.
void apply_overrides(Config& config, const nlohmann::json& overrides);

// Reads a config file: JSON as above. Throws std::runtime_error naming the file.
// The maritime thresholds of a parsed config file (its "maritime" section, or the whole
// file); throws std::invalid_argument naming the setting.
Config config_from_document(const nlohmann::json& document);
Config load_config(const std::string& path);

// The effective settings as a flat JSON object, for reports and incidents.
nlohmann::json to_json(const Config& config);

}  // namespace vigil::maritime
