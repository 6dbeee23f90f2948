#pragma once

// Where a point stands against a line of contact and a settlement: whose side it is on, how
// far from the line (geodesic metres), which zones hold it and which sector of the line it
// faces. Built once per line version and settlement; a classification costs a grid lookup,
// a few 3D distances and a point-in-polygon test (about a microsecond).

#include <cstdint>
#include <string>
#include <vector>

#include "vigil/ceasefire/contact_line.hpp"
#include "vigil/ceasefire/settlement.hpp"
#include "vigil/geo/geojson_geometry.hpp"
#include "vigil/geo/ring_index.hpp"
#include "vigil/geo/segment_index.hpp"

namespace vigil::ceasefire {

enum class ZoneKind { security, withdrawal, disengagement };

struct Zone {
  std::string name;  // "security zone (ukraine)", "artillery_ge100 withdrawal zone (russia)"
  ZoneKind kind = ZoneKind::security;
  int party = -1;  // whose side; -1 for a disengagement area (both)
  std::optional<WeaponClass> weapon_class;
  double width_m = 0;  // from the line, on the party's side
};

struct Classification {
  int side = -1;          // index of the party whose side the point is on; -1: neither
  double distance_m = 0;  // to the line
  std::uint32_t sector = kNoSector;
  std::uint64_t zones = 0;  // bit i: inside zones()[i]
  static constexpr std::uint32_t kNoSector = 0xFFFFFFFF;

  bool in(std::size_t zone) const { return (zones >> zone) & 1; }
};

class Classifier {
 public:
  // `regions`: the polygons sectors are named after, when the settlement's sectors are by
  // region (their features' `name_property`).
  Classifier(ContactLine line, Settlement settlement, const geo::GeometryFile* regions = nullptr);

  Classification classify(geo::LatLon p) const;

  const std::vector<Zone>& zones() const { return zones_; }
  const std::vector<std::string>& sectors() const { return sector_names_; }
  // The line cut into its sectors: for each sector (in sectors() order), its stretches of
  // line. Stretches of every_km sectors end where the distance along their part does.
  std::vector<std::vector<std::vector<geo::LatLon>>> sector_lines() const;
  const Settlement& settlement() const { return settlement_; }
  const ContactLine& line() const { return line_; }
  // The zone index of a weapon class's withdrawal zone on a party's side (-1: none).
  int withdrawal_zone(WeaponClass c, int party) const;
  int security_zone(int party) const;
  // Distinct for every classifier built in this process (copies share it): what is derived
  // from a classifier and kept, such as its zones drawn as polygons, is kept under it.
  std::uint64_t serial() const { return serial_; }

 private:
  int side_of(const geo::SurfacePoint& p, const geo::SegmentIndex::Nearest& nearest) const;

  ContactLine line_;
  Settlement settlement_;
  geo::SegmentIndex index_;
  geo::RingIndex control_, territory_;
  std::vector<geo::RingIndex> areas_;
  std::vector<Zone> zones_;
  std::vector<std::string> sector_names_;
  // Per part: the sector of each segment (regions), or cumulative metres at each vertex.
  std::vector<std::vector<std::uint32_t>> segment_sector_;
  std::vector<std::vector<double>> cumulative_m_;
  std::vector<std::uint32_t> part_first_sector_;
  int inside_party_ = -1, outside_party_ = -1, left_party_ = -1, right_party_ = -1;
  std::uint64_t serial_ = 0;
};

// A disengagement area the line has left behind: wholly on one party's side and nowhere
// nearer the line than the threshold. Areas were agreed on the line of their day (the Minsk
// areas of 2016); once the front moves away they constrain nothing, and an incident there
// says more about the settlement file than about the day.
struct StrandedArea {
  std::string name;
  std::string side;       // the party whose side it is on
  double distance_m = 0;  // of its nearest vertex from the line
};
inline constexpr double kStrandedAreaDistanceM = 10'000;
std::vector<StrandedArea> stranded_disengagement_areas(
    const Classifier& classifier, double min_distance_m = kStrandedAreaDistanceM);

}  // namespace vigil::ceasefire
