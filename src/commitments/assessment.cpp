#include "vigil/commitments/assessment.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

namespace vigil::commitments {

bool is_nato_member(std::string_view country) {
  static const std::set<std::string, std::less<>> kMembers = {
      "Albania",        "Belgium",         "Bulgaria",        "Canada", "Croatia",   "Czechia",
      "Denmark",        "Estonia",         "Finland",         "France", "Germany",   "Greece",
      "Hungary",        "Iceland",         "Italy",           "Latvia", "Lithuania", "Luxembourg",
      "Montenegro",     "Netherlands",     "North Macedonia", "Norway", "Poland",    "Portugal",
      "Romania",        "Slovak Republic", "Slovenia",        "Spain",  "Sweden",    "Türkiye",
      "United Kingdom", "United States"};
  return kMembers.contains(country);
}

CommitmentsAssessment assess_commitments(const std::vector<DefenceSpending>& spending,
                                         const std::vector<UkraineSupport>& support,
                                         std::optional<int> year) {
  if (spending.empty())
    throw CommitmentsError("no defence expenditure table is loaded (vigil commitments load)");
  std::set<int> years;
  std::map<std::string, std::map<int, const DefenceSpending*>> by_country;
  for (const auto& row : spending) {
    years.insert(row.year);
    by_country[canonical_country(row.country)][row.year] = &row;
  }
  CommitmentsAssessment out;
  out.years.assign(years.begin(), years.end());
  out.year = year.value_or(*years.rbegin());
  if (!years.contains(out.year))
    throw CommitmentsError(fmt::format("the defence expenditure table gives {} to {}, not {}",
                                       *years.begin(), *years.rbegin(), out.year));

  std::map<std::string, const UkraineSupport*> support_by_country;
  for (const auto& row : support)
    support_by_country[canonical_country(row.donor)] = &row;

  for (const auto& [country, series] : by_country) {
    const auto at = series.find(out.year);
    if (at == series.end()) continue;  // an ally without a figure for the year
    AllyStanding s;
    s.country = country;
    s.year = out.year;
    s.pct_gdp = at->second->pct_gdp;
    s.estimate = at->second->estimate;
    out.estimate = out.estimate || s.estimate;
    for (std::size_t t = 0; t < kTargets.size(); ++t) {
      s.meets[t] = s.pct_gdp >= kTargets[t];
      s.gap_pct[t] = std::max(0.0, kTargets[t] - s.pct_gdp);
    }
    const auto gdp = support_by_country.find(country);
    if (gdp != support_by_country.end() && gdp->second->gdp_usd_bn) {
      s.gdp_usd_bn = gdp->second->gdp_usd_bn;
      s.gdp_year = gdp->second->gdp_year;
      std::array<double, 3> money{};
      for (std::size_t t = 0; t < kTargets.size(); ++t)
        money[t] = s.gap_pct[t] / 100.0 * *s.gdp_usd_bn;
      s.gap_usd_bn = money;
    }
    for (const auto& [y, row] : series)
      if (y <= out.year) s.series.emplace_back(y, row->pct_gdp);
    s.first_year = s.series.front().first;
    s.first_pct = s.series.front().second;
    s.change_pct = s.pct_gdp - s.first_pct;
    if (is_nato_aggregate(country)) {
      out.aggregates.push_back(std::move(s));
    } else {
      for (std::size_t t = 0; t < kTargets.size(); ++t)
        out.meeting[t] += s.meets[t] ? 1 : 0;
      out.allies.push_back(std::move(s));
    }
  }
  auto by_share = [](const AllyStanding& a, const AllyStanding& b) {
    return a.pct_gdp != b.pct_gdp ? a.pct_gdp > b.pct_gdp : a.country < b.country;
  };
  std::sort(out.allies.begin(), out.allies.end(), by_share);
  std::sort(out.aggregates.begin(), out.aggregates.end(), by_share);

  for (const auto& row : support) {
    DonorSupport d;
    d.donor = canonical_country(row.donor);
    d.nato_ally = is_nato_member(d.donor);
    d.support = row;
    d.total_with_eu_share = row.total + row.eu_share;
    if (row.gdp_usd_bn && *row.gdp_usd_bn > 0) {
      d.military_pct_gdp = row.military / *row.gdp_usd_bn * 100.0;
      d.total_pct_gdp = d.total_with_eu_share / *row.gdp_usd_bn * 100.0;
      out.support_gdp_year = row.gdp_year;
    }
    out.donors.push_back(std::move(d));
  }
  std::sort(out.donors.begin(), out.donors.end(), [](const auto& a, const auto& b) {
    return a.total_with_eu_share != b.total_with_eu_share
               ? a.total_with_eu_share > b.total_with_eu_share
               : a.donor < b.donor;
  });
  return out;
}

}  // namespace vigil::commitments
