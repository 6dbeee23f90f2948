#include "vessel_risk.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "vigil/detect/risk.hpp"
#include "vigil/maritime/geography.hpp"
#include "vigil/report/vessel_json.hpp"

namespace vigil::cli {

int run_vessel_risk(const WorkspaceOptions& workspace, const std::string& config_path,
                    std::int64_t limit, const std::string& format) {
  detect::RiskWeights weights;
  if (!config_path.empty()) {
    std::ifstream in(config_path, std::ios::binary);
    if (!in) throw std::runtime_error(config_path + ": cannot open");
    std::stringstream text;
    text << in.rdbuf();
    try {
      detect::apply_risk_overrides(weights, nlohmann::json::parse(text.str()));
    } catch (const nlohmann::json::exception& e) {
      throw std::runtime_error(config_path + ": malformed JSON: " + e.what());
    } catch (const std::invalid_argument& e) {
      throw std::runtime_error(config_path + ": " + e.what());
    }
  }
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
      fmt::print("{}\n", report::risk_json(risk).dump());
      continue;
    }
    fmt::print("{:>5g}  {:<9}  {:<4}  {}\n", risk.score, risk.mmsi, risk.flag, risk.name);
    for (const auto& r : risk.reasons)
      fmt::print("{:>5}  {:+g} {}: {}\n", "", r.points, r.signal, r.detail);
  }
  return kExitOk;
}

}  // namespace vigil::cli
