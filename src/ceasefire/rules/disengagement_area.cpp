// ceasefire.disengagement_area: military presence inside a disengagement area (the
// Framework Decision of the Trilateral Contact Group, 21 September 2016: no weapons, no
// armed personnel, no fire in the areas of Stanytsia Luhanska, Zolote and Petrivske). What
// counts as presence: weapons, movement of forces and small-arms fire, which needs someone
// there; explosions and shelling may land from outside and are ceasefire.fire's.
#include "vigil/ceasefire/rules.hpp"

namespace vigil::ceasefire {

void find_disengagement_area_presence(const std::vector<Report>&,
                                      const std::vector<Cluster>& clusters,
                                      const ClassifierAt& classifier_at,
                                      std::vector<Finding>& out) {
  for (const auto& c : clusters) {
    if (c.kind != ObservationKind::weapon && c.kind != ObservationKind::movement &&
        c.kind != ObservationKind::small_arms)
      continue;
    const Classifier* classifier = classifier_at(c.start);
    if (!classifier) continue;
    const auto where = classifier->classify(c.at);
    const auto& zones = classifier->zones();
    for (std::size_t z = 0; z < zones.size(); ++z) {
      if (zones[z].kind != ZoneKind::disengagement || !where.in(z)) continue;
      Finding f =
          cluster_finding("ceasefire.disengagement_area",
                          c.kind == ObservationKind::weapon ? Severity::high : Severity::medium, c,
                          where, *classifier);
      f.attributes["area"] = zones[z].name;
      out.push_back(std::move(f));
    }
  }
}

}  // namespace vigil::ceasefire
