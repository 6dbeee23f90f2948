#pragma once
// Who meets what: each ally's defence spending in a year against the 2 %, 3.5 % and 5 % of GDP
// targets, its trend since the first year given, and each donor's aid to Ukraine, from the
// tables of commitment_tables.hpp. A pure function of the tables.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "vigil/commitments/commitment_tables.hpp"

namespace vigil::commitments {

// NATO's 2014 Wales pledge (2 %), and the 2025 Hague summit's 3.5 % core defence plus 1.5 %
// defence-related spending (5 %). Shares of GDP in per cent.
inline constexpr std::array<double, 3> kTargets = {2.0, 3.5, 5.0};

struct AllyStanding {
  std::string country;
  int year = 0;
  double pct_gdp = 0;
  bool estimate = false;
  std::array<bool, 3> meets{};      // per kTargets
  std::array<double, 3> gap_pct{};  // percentage points short of each target; 0 when met
  // The gaps in billions of US dollars a year at the GDP the support table gives (of
  // gdp_year), where it gives one.
  std::optional<std::array<double, 3>> gap_usd_bn;
  std::optional<double> gdp_usd_bn;
  int gdp_year = 0;
  int first_year = 0;  // the trend: from the first year the table gives
  double first_pct = 0;
  double change_pct = 0;                       // pct_gdp - first_pct, in percentage points
  std::vector<std::pair<int, double>> series;  // every year given, in order
};

// NATO's 32 members (nato.int, "NATO member countries"; Sweden since March 2024), by the names
// canonical_country gives. Iceland, which has no armed forces, is a member the spending table
// does not list.
bool is_nato_member(std::string_view country);

struct DonorSupport {
  std::string donor;
  bool nato_ally = false;  // a NATO member
  UkraineSupport support;
  double total_with_eu_share = 0;
  // Shares of the donor's GDP (gdp_year), in per cent, where the GDP is given.
  std::optional<double> military_pct_gdp, total_pct_gdp;
};

struct CommitmentsAssessment {
  int year = 0;                          // the year assessed
  bool estimate = false;                 // some of its figures are NATO's estimates
  std::vector<int> years;                // every year the spending table gives
  std::vector<AllyStanding> allies;      // by share of GDP, highest first
  std::vector<AllyStanding> aggregates;  // NATO Total, NATO Europe and Canada
  std::array<int, 3> meeting{};          // allies meeting each target
  std::vector<DonorSupport> donors;      // by total committed, highest first
  int support_gdp_year = 0;
};

// Assesses `year`, or the latest year the spending table gives when nullopt. Throws
// CommitmentsError when there is no spending table or it does not give that year.
CommitmentsAssessment assess_commitments(const std::vector<DefenceSpending>& spending,
                                         const std::vector<UkraineSupport>& support,
                                         std::optional<int> year = std::nullopt);

}  // namespace vigil::commitments
