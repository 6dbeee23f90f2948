#pragma once
// The commitments report: each ally's defence spending against the 2 %, 3.5 % and 5 % targets,
// its trend, and aid to Ukraine by donor, in the formats of `vigil commitments report` and
// GET /api/v1/commitments, with a bar chart as SVG that needs no script.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "vigil/commitments/assessment.hpp"
#include "vigil/store/commitment_store.hpp"
#include "vigil/store/workspace.hpp"

namespace vigil::report {

struct CommitmentsReport {
  commitments::CommitmentsAssessment assessment;
  std::vector<store::CommitmentsLoad> sources;  // the loads the figures come from
};

// The current tables of the workspace, assessed for `year` (the latest when nullopt).
// Throws commitments::CommitmentsError when no defence expenditure table is loaded or it does
// not give the year.
CommitmentsReport gather_commitments_report(store::Workspace& ws, std::optional<int> year);

enum class CommitmentsFormat { table, md, html, svg, json, jsonl, csv };
std::optional<CommitmentsFormat> parse_commitments_format(std::string_view text);

std::string render_commitments(const CommitmentsReport& report, CommitmentsFormat format);

// The report as one JSON document (the API's default answer).
nlohmann::json commitments_json(const CommitmentsReport& report);

// The chart alone: each ally's share of GDP as a bar, the targets as lines, the first year's
// share as a mark.
std::string commitments_chart_svg(const commitments::CommitmentsAssessment& assessment);

}  // namespace vigil::report
