// ceasefire.weapon_in_zone: a weapon of a settlement class seen inside the zone that class was
// withdrawn from, on the side where it stands (Minsk II art. 2: tanks, artillery under 100 mm
// and mortars up to 120 mm 15 km, artillery from 100 mm 50 km, MLRS 70 km, heavy MLRS and
// tactical missiles 140 km, each side from its line). The party it belongs to is the one
// whose side it is on.
#include "vigil/ceasefire/rules.hpp"

namespace vigil::ceasefire {

void find_weapons_in_zones(const std::vector<Report>&, const std::vector<Cluster>& clusters,
                           const ClassifierAt& classifier_at, std::vector<Finding>& out) {
  for (const auto& c : clusters) {
    if (c.kind != ObservationKind::weapon || !c.weapon_class) continue;
    const Classifier* classifier = classifier_at(c.start);
    if (!classifier) continue;
    const auto where = classifier->classify(c.at);
    if (where.side < 0) continue;
    const int zone = classifier->withdrawal_zone(*c.weapon_class, where.side);
    if (zone < 0 || !where.in(static_cast<std::size_t>(zone))) continue;
    const bool long_range = *c.weapon_class == WeaponClass::heavy_mlrs ||
                            *c.weapon_class == WeaponClass::tactical_missile;
    Finding f =
        cluster_finding("ceasefire.weapon_in_zone",
                        long_range ? Severity::critical : Severity::high, c, where, *classifier);
    const auto& z = classifier->zones()[static_cast<std::size_t>(zone)];
    f.attributes["zone"] = z.name;
    f.attributes["withdrawal_km"] = z.width_m / 1000;
    out.push_back(std::move(f));
  }
}

}  // namespace vigil::ceasefire
