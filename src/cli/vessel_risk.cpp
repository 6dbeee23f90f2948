#include "vessel_risk.hpp"

#include <cstdio>

#include <fmt/format.h>

#include "vigil/detect/risk.hpp"
#include "vigil/maritime/geography.hpp"
#include "vigil/view/vessel_view.hpp"

namespace vigil::cli {

int run_vessel_risk(const WorkspaceOptions& workspace, const std::string& config_path,
                    std::int64_t limit, const std::string& format) {
  const detect::RiskWeights weights =
      config_path.empty() ? detect::RiskWeights{} : with_config_file(config_path, [&] {
        return detect::risk_weights_from_document(read_config_document(config_path));
      });
  maritime::GeographyOptions where;
  where.no_land = true;
  const auto geography = maritime::load_geography(where);
  store::Workspace ws(workspace.paths());
  const auto risks = detect::assess_risk(ws, geography.places, weights);
  std::int64_t shown = 0;
  if (format == "table")
    fmt::print("{:>5}  {:<9}  {:<4}  {}\n", "score", "mmsi", "flag", "name, then the reasons");
  for (const auto& risk : risks) {
    if (limit >= 0 && shown++ >= limit) break;
    if (format == "jsonl") {
      fmt::print("{}\n", view::risk_json(risk).dump());
      continue;
    }
    fmt::print("{:>5g}  {:<9}  {:<4}  {}\n", risk.score, risk.mmsi, risk.flag, risk.name);
    for (const auto& r : risk.reasons)
      fmt::print("{:>5}  {:+g} {}: {}\n", "", r.points, r.signal, r.detail);
  }
  return kExitOk;
}

}  // namespace vigil::cli
