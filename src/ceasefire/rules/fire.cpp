// ceasefire.fire: explosions, shelling or small-arms fire inside the security zone of either
// side (Minsk II art. 1: an immediate and full ceasefire; the OSCE SMM counted every
// violation it saw or heard, "including N explosions").
#include "vigil/ceasefire/rules.hpp"

namespace vigil::ceasefire {

void find_fire(const std::vector<Report>&, const std::vector<Cluster>& clusters,
               const ClassifierAt& classifier_at, std::vector<Finding>& out) {
  for (const auto& c : clusters) {
    if (!is_fire_kind(c.kind)) continue;
    const Classifier* classifier = classifier_at(c.start);
    if (!classifier) continue;
    const auto where = classifier->classify(c.at);
    int zone = -1;
    for (int party = 0; party < 2 && zone < 0; ++party) {
      const int z = classifier->security_zone(party);
      if (z >= 0 && where.in(static_cast<std::size_t>(z))) zone = z;
    }
    if (zone < 0) continue;
    Finding f = cluster_finding(
        "ceasefire.fire", c.kind == ObservationKind::small_arms ? Severity::medium : Severity::high,
        c, where, *classifier);
    f.attributes["zone"] = classifier->zones()[static_cast<std::size_t>(zone)].name;
    out.push_back(std::move(f));
  }
}

}  // namespace vigil::ceasefire
