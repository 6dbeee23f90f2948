#include "vigil/report/commitments_report.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "vigil/io/text_escape.hpp"

namespace vigil::report {
namespace {

using commitments::AllyStanding;
using commitments::CommitmentsAssessment;
using commitments::DonorSupport;
using nlohmann::json;

constexpr std::array<std::string_view, 3> kTargetLabels = {"2 %", "3.5 %", "5 %"};

std::string pct(double value) {
  return fmt::format("{:.2f}", value);
}
std::string signed_pct(double value) {
  return fmt::format("{:+.2f}", value);
}
std::string money(double value) {
  return fmt::format("{:.1f}", value);
}
std::string share(const std::optional<double>& value) {
  return value ? fmt::format("{:.3f}", *value) : "";
}

// Derived figures to a millionth: enough for any table, without float noise (1.92447904299).
double rounded(double value) {
  return std::round(value * 1e6) / 1e6;
}

json optional_json(const std::optional<double>& value) {
  return value ? json(rounded(*value)) : json(nullptr);
}

json ally_json(const AllyStanding& a) {
  json gaps = json::object(), money_gaps = json::object(), meets = json::object();
  for (std::size_t t = 0; t < commitments::kTargets.size(); ++t) {
    const auto key = fmt::format("{}", commitments::kTargets[t]);
    meets[key] = a.meets[t];
    gaps[key] = rounded(a.gap_pct[t]);
    money_gaps[key] = a.gap_usd_bn ? json(rounded((*a.gap_usd_bn)[t])) : json(nullptr);
  }
  json series = json::array();
  for (const auto& [year, value] : a.series)
    series.push_back({{"year", year}, {"pct_gdp", value}});
  return {{"country", a.country},
          {"year", a.year},
          {"pct_gdp", a.pct_gdp},
          {"estimate", a.estimate},
          {"meets", meets},
          {"gap_pct", gaps},
          {"gap_usd_bn", money_gaps},
          {"gdp_usd_bn", optional_json(a.gdp_usd_bn)},
          {"gdp_year", a.gdp_usd_bn ? json(a.gdp_year) : json(nullptr)},
          {"first_year", a.first_year},
          {"first_pct_gdp", a.first_pct},
          {"change_pct", rounded(a.change_pct)},
          {"series", series}};
}

json donor_json(const DonorSupport& d) {
  const auto& s = d.support;
  return {{"donor", d.donor},
          {"nato_ally", d.nato_ally},
          {"eu_member", s.eu_member},
          {"committed_usd_bn",
           {{"military", s.military},
            {"financial", s.financial},
            {"humanitarian", s.humanitarian},
            {"bilateral", s.total},
            {"eu_share", s.eu_share},
            {"total", rounded(d.total_with_eu_share)}}},
          {"allocated_usd_bn",
           {{"military", optional_json(s.military_allocated)},
            {"financial", optional_json(s.financial_allocated)},
            {"humanitarian", optional_json(s.humanitarian_allocated)},
            {"bilateral", optional_json(s.total_allocated)}}},
          {"gdp_usd_bn", optional_json(s.gdp_usd_bn)},
          {"gdp_year", s.gdp_usd_bn ? json(s.gdp_year) : json(nullptr)},
          {"military_pct_gdp", optional_json(d.military_pct_gdp)},
          {"total_pct_gdp", optional_json(d.total_pct_gdp)}};
}

json source_json(const store::CommitmentsLoad& load) {
  return {{"load", load.id},
          {"kind", commitments::to_string(load.kind)},
          {"file", load.file},
          {"rows", load.rows},
          {"warnings", load.warnings},
          {"loaded_at", format_rfc3339(load.loaded_at)},
          {"loaded_by", load.loaded_by.empty() ? json(nullptr) : json(load.loaded_by)},
          {"log_seq", load.log_seq}};
}

// The allies that moved most since their first year: the `count` largest rises and falls.
std::pair<std::vector<const AllyStanding*>, std::vector<const AllyStanding*>> movers(
    const CommitmentsAssessment& a, std::size_t count) {
  std::vector<const AllyStanding*> order;
  for (const auto& ally : a.allies)
    order.push_back(&ally);
  std::sort(order.begin(), order.end(), [](const auto* l, const auto* r) {
    return l->change_pct != r->change_pct ? l->change_pct > r->change_pct : l->country < r->country;
  });
  std::vector<const AllyStanding*> rises, falls;
  for (const auto* ally : order)
    if (ally->change_pct > 0 && rises.size() < count) rises.push_back(ally);
  for (auto it = order.rbegin(); it != order.rend(); ++it)
    if ((*it)->change_pct < 0 && falls.size() < count) falls.push_back(*it);
  return {rises, falls};
}

std::string source_line(const store::CommitmentsLoad& load) {
  const std::string_view what = load.kind == commitments::TableKind::nato_defence_expenditure
                                    ? "NATO, Defence Expenditure of NATO Countries"
                                    : "Kiel Institute, Ukraine Support Tracker";
  return fmt::format("{}: {} ({} rows{}), loaded {}{}, log record {}", what, load.file, load.rows,
                     load.warnings > 0 ? fmt::format(", {} warnings", load.warnings) : "",
                     format_rfc3339(load.loaded_at),
                     load.loaded_by.empty() ? "" : " by " + load.loaded_by, load.log_seq);
}

std::string summary_sentence(const CommitmentsAssessment& a) {
  std::string out = fmt::format(
      "Of {} allies with a figure for {}{}, {} spend at least 2 % of GDP on defence, {} at "
      "least 3.5 % and {} at least 5 %.",
      a.allies.size(), a.year, a.estimate ? " (partly NATO estimates)" : "", a.meeting[0],
      a.meeting[1], a.meeting[2]);
  for (const auto& agg : a.aggregates)
    out += fmt::format(" {}: {:.2f} % ({:+.2f} points since {}).", agg.country, agg.pct_gdp,
                       agg.change_pct, agg.first_year);
  return out;
}

// Cells of the ally table, shared by the Markdown, HTML and text renderings.
std::vector<std::string> ally_cells(const AllyStanding& a) {
  std::vector<std::string> cells = {a.country, pct(a.pct_gdp) + (a.estimate ? " e" : "")};
  for (std::size_t t = 0; t < 3; ++t)
    cells.push_back(a.meets[t] ? "yes" : "no");
  cells.push_back(pct(a.gap_pct[1]));
  cells.push_back(pct(a.gap_pct[2]));
  cells.push_back(a.gap_usd_bn ? money((*a.gap_usd_bn)[2]) : "");
  cells.push_back(signed_pct(a.change_pct));
  return cells;
}
std::vector<std::string> ally_header(const CommitmentsAssessment& a) {
  return {"Ally",
          fmt::format("{} % of GDP", a.year),
          "meets 2 %",
          "meets 3.5 %",
          "meets 5 %",
          "short of 3.5 % (points)",
          "short of 5 % (points)",
          a.support_gdp_year > 0
              ? fmt::format("short of 5 % ($ bn a year, {} GDP)", a.support_gdp_year)
              : std::string("short of 5 % ($ bn a year)"),
          fmt::format("change since {}", a.allies.empty() ? a.year : a.allies.front().first_year)};
}

std::vector<std::string> donor_cells(const DonorSupport& d) {
  return {d.donor,
          d.nato_ally ? "yes" : "no",
          money(d.support.military),
          money(d.support.financial),
          money(d.support.humanitarian),
          money(d.support.total),
          money(d.support.eu_share),
          money(d.total_with_eu_share),
          share(d.military_pct_gdp),
          share(d.total_pct_gdp)};
}
std::vector<std::string> donor_header(const CommitmentsAssessment& a) {
  return {"Donor",
          "NATO ally",
          "military ($ bn)",
          "financial ($ bn)",
          "humanitarian ($ bn)",
          "bilateral ($ bn)",
          "share of EU aid ($ bn)",
          "total ($ bn)",
          fmt::format("military, % of {} GDP", a.support_gdp_year),
          fmt::format("total, % of {} GDP", a.support_gdp_year)};
}

std::string markdown_table(const std::vector<std::string>& header,
                           const std::vector<std::vector<std::string>>& rows) {
  auto line = [](const std::vector<std::string>& cells) {
    std::string out = "|";
    for (const auto& c : cells) {
      std::string cell = c;
      std::replace(cell.begin(), cell.end(), '|', '/');
      out += " " + cell + " |";
    }
    return out + "\n";
  };
  std::string out = line(header) + "|";
  for (std::size_t i = 0; i < header.size(); ++i)
    out += i == 0 ? "---|" : "---:|";
  out += "\n";
  for (const auto& row : rows)
    out += line(row);
  return out;
}

std::string text_table(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths(header.size(), 0);
  auto measure = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i)
      widths[i] = std::max(widths[i], cells[i].size());
  };
  measure(header);
  for (const auto& row : rows)
    measure(row);
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i)
      out += i == 0 ? fmt::format("{:<{}}", cells[i], widths[i])
                    : fmt::format("  {:>{}}", cells[i], widths[i]);
    return out + "\n";
  };
  std::string out = line(header);
  for (const auto& row : rows)
    out += line(row);
  return out;
}

std::string html_table(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows) {
  std::string out = "<table>\n<tr>";
  for (const auto& h : header)
    out += "<th>" + io::markup_text(h) + "</th>";
  out += "</tr>\n";
  for (const auto& row : rows) {
    out += "<tr>";
    for (std::size_t i = 0; i < row.size(); ++i)
      out += (i == 0 ? "<td>" : "<td class=\"n\">") + io::markup_text(row[i]) + "</td>";
    out += "</tr>\n";
  }
  return out + "</table>\n";
}

struct Tables {
  std::vector<std::vector<std::string>> allies, aggregates, donors;
};
Tables tables_of(const CommitmentsAssessment& a) {
  Tables t;
  for (const auto& ally : a.allies)
    t.allies.push_back(ally_cells(ally));
  for (const auto& agg : a.aggregates)
    t.aggregates.push_back(ally_cells(agg));
  for (const auto& d : a.donors)
    t.donors.push_back(donor_cells(d));
  return t;
}

std::string mover_text(const AllyStanding& a) {
  return fmt::format("{} {:+.2f} points ({:.2f} % in {} to {:.2f} % in {})", a.country,
                     a.change_pct, a.first_pct, a.first_year, a.pct_gdp, a.year);
}

std::string render_markdown(const CommitmentsReport& r) {
  const auto& a = r.assessment;
  const auto t = tables_of(a);
  std::string out = fmt::format("# Defence spending and support to Ukraine, {}\n\n", a.year);
  out += summary_sentence(a) + "\n\n";
  out +=
      "Targets: 2 % of GDP (NATO's Wales pledge, 2014); 3.5 % core defence spending and 5 % "
      "with defence-related spending (The Hague summit, 2025).\n\n";
  out += "## Allies against the targets\n\n" + markdown_table(ally_header(a), t.allies) + "\n";
  if (!t.aggregates.empty()) out += markdown_table(ally_header(a), t.aggregates) + "\n";
  const auto [rises, falls] = movers(a, 5);
  out += "## Who moved most\n\n";
  for (const auto* ally : rises)
    out += "- " + mover_text(*ally) + "\n";
  for (const auto* ally : falls)
    out += "- " + mover_text(*ally) + "\n";
  if (rises.empty() && falls.empty()) out += "No ally's share changed.\n";
  out += "\n";
  if (!a.donors.empty())
    out += "## Support to Ukraine by donor (commitments)\n\n" +
           markdown_table(donor_header(a), t.donors) + "\n";
  out += "## Sources\n\n";
  for (const auto& s : r.sources)
    out += "- " + source_line(s) + "\n";
  return out;
}

std::string render_html(const CommitmentsReport& r) {
  const auto& a = r.assessment;
  const auto t = tables_of(a);
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<title>Defence spending and support to Ukraine, {0}</title>\n<style>\n"
      "body{{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#1b1b1b;"
      "line-height:1.4}}\ntable{{border-collapse:collapse;margin:0.5em 0 1em}}\n"
      "th,td{{border:1px solid #ccc;padding:3px 8px;text-align:left;font-size:13px}}\n"
      "td.n{{text-align:right}}\nth{{background:#eee}}\nsvg{{max-width:100%;height:auto}}\n"
      "</style>\n</head>\n<body>\n<h1>Defence spending and support to Ukraine, {0}</h1>\n",
      a.year);
  out += "<p>" + io::markup_text(summary_sentence(a)) + "</p>\n";
  out +=
      "<p>Targets: 2 % of GDP (NATO's Wales pledge, 2014); 3.5 % core defence spending and "
      "5 % with defence-related spending (The Hague summit, 2025).</p>\n";
  out += commitments_chart_svg(a);
  out += "<h2>Allies against the targets</h2>\n" + html_table(ally_header(a), t.allies);
  if (!t.aggregates.empty()) out += html_table(ally_header(a), t.aggregates);
  const auto [rises, falls] = movers(a, 5);
  out += "<h2>Who moved most</h2>\n<ul>\n";
  for (const auto* ally : rises)
    out += "<li>" + io::markup_text(mover_text(*ally)) + "</li>\n";
  for (const auto* ally : falls)
    out += "<li>" + io::markup_text(mover_text(*ally)) + "</li>\n";
  out += "</ul>\n";
  if (!a.donors.empty())
    out += "<h2>Support to Ukraine by donor (commitments)</h2>\n" +
           html_table(donor_header(a), t.donors);
  out += "<h2>Sources</h2>\n<ul>\n";
  for (const auto& s : r.sources)
    out += "<li>" + io::markup_text(source_line(s)) + "</li>\n";
  return out + "</ul>\n</body>\n</html>\n";
}

std::string render_text(const CommitmentsReport& r) {
  const auto& a = r.assessment;
  const auto t = tables_of(a);
  auto rows = t.allies;
  rows.insert(rows.end(), t.aggregates.begin(), t.aggregates.end());
  std::string out = summary_sentence(a) + "\n\n" + text_table(ally_header(a), rows);
  if (!a.donors.empty()) out += "\n" + text_table(donor_header(a), t.donors);
  return out;
}

// One row per country, the spending and the support side by side (empty where the country is
// in one table only); NATO's aggregates last.
std::string render_csv(const CommitmentsReport& r) {
  const auto& a = r.assessment;
  std::string out =
      "country,kind,nato_ally,year,pct_gdp,estimate,meets_2,meets_3_5,meets_5,gap_2_pct,gap_3_5_"
      "pct,"
      "gap_5_pct,gap_5_usd_bn,first_year,first_pct_gdp,change_pct,military_usd_bn,"
      "financial_usd_bn,humanitarian_usd_bn,bilateral_usd_bn,eu_share_usd_bn,total_usd_bn,"
      "gdp_usd_bn,gdp_year,military_pct_gdp,total_pct_gdp\n";
  std::map<std::string, const DonorSupport*> donors;
  for (const auto& d : a.donors)
    donors[d.donor] = &d;
  auto support_cells = [](const DonorSupport* d) {
    if (!d) return std::string(",,,,,,,,,");
    const auto& s = d->support;
    return fmt::format("{},{},{},{},{},{},{},{},{},{}", s.military, s.financial, s.humanitarian,
                       s.total, s.eu_share, rounded(d->total_with_eu_share),
                       s.gdp_usd_bn ? fmt::format("{}", *s.gdp_usd_bn) : "",
                       s.gdp_usd_bn ? fmt::format("{}", s.gdp_year) : "",
                       d->military_pct_gdp ? fmt::format("{}", rounded(*d->military_pct_gdp)) : "",
                       d->total_pct_gdp ? fmt::format("{}", rounded(*d->total_pct_gdp)) : "");
  };
  auto ally_row = [&](const AllyStanding& s, std::string_view kind) {
    io::append_csv_cell(out, s.country);
    const auto donor = donors.find(s.country);
    out += fmt::format(",{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", kind,
                       kind == "ally" || commitments::is_nato_member(s.country), s.year, s.pct_gdp,
                       s.estimate, s.meets[0], s.meets[1], s.meets[2], rounded(s.gap_pct[0]),
                       rounded(s.gap_pct[1]), rounded(s.gap_pct[2]),
                       s.gap_usd_bn ? fmt::format("{}", rounded((*s.gap_usd_bn)[2])) : "",
                       s.first_year, s.first_pct, rounded(s.change_pct),
                       support_cells(donor == donors.end() ? nullptr : donor->second));
    if (donor != donors.end()) donors.erase(donor);
  };
  for (const auto& s : a.allies)
    ally_row(s, "ally");
  for (const auto& d : a.donors) {
    if (!donors.contains(d.donor)) continue;
    io::append_csv_cell(out, d.donor);
    // The spending columns (year to change_pct) are empty for a donor the table does not list.
    out += fmt::format(",donor,{},,,,,,,,,,,,,,", d.nato_ally) + support_cells(&d) + "\n";
  }
  for (const auto& s : a.aggregates)
    ally_row(s, "aggregate");
  return out;
}

}  // namespace

CommitmentsReport gather_commitments_report(store::Workspace& ws, std::optional<int> year) {
  auto current = store::current_commitments(ws);
  CommitmentsReport r;
  r.assessment = commitments::assess_commitments(current.spending, current.support, year);
  r.sources = std::move(current.loads);
  return r;
}

std::optional<CommitmentsFormat> parse_commitments_format(std::string_view text) {
  static const std::map<std::string_view, CommitmentsFormat> kFormats = {
      {"table", CommitmentsFormat::table}, {"md", CommitmentsFormat::md},
      {"html", CommitmentsFormat::html},   {"svg", CommitmentsFormat::svg},
      {"json", CommitmentsFormat::json},   {"jsonl", CommitmentsFormat::jsonl},
      {"csv", CommitmentsFormat::csv}};
  const auto it = kFormats.find(text);
  return it == kFormats.end() ? std::nullopt : std::optional(it->second);
}

json commitments_json(const CommitmentsReport& r) {
  const auto& a = r.assessment;
  json allies = json::array(), aggregates = json::array(), donors = json::array(),
       sources = json::array();
  for (const auto& s : a.allies)
    allies.push_back(ally_json(s));
  for (const auto& s : a.aggregates)
    aggregates.push_back(ally_json(s));
  for (const auto& d : a.donors)
    donors.push_back(donor_json(d));
  for (const auto& s : r.sources)
    sources.push_back(source_json(s));
  json meeting = json::object();
  for (std::size_t t = 0; t < commitments::kTargets.size(); ++t)
    meeting[fmt::format("{}", commitments::kTargets[t])] = a.meeting[t];
  return {{"year", a.year},           {"estimate", a.estimate},
          {"years", a.years},         {"targets", commitments::kTargets},
          {"meeting", meeting},       {"allies", allies},
          {"aggregates", aggregates}, {"donors", donors},
          {"sources", sources}};
}

std::string render_commitments(const CommitmentsReport& r, CommitmentsFormat format) {
  switch (format) {
    case CommitmentsFormat::table:
      return render_text(r);
    case CommitmentsFormat::md:
      return render_markdown(r);
    case CommitmentsFormat::html:
      return render_html(r);
    case CommitmentsFormat::svg:
      return commitments_chart_svg(r.assessment);
    case CommitmentsFormat::json:
      return commitments_json(r).dump() + "\n";
    case CommitmentsFormat::jsonl: {
      std::string out;
      const auto& a = r.assessment;
      for (const auto& s : a.allies)
        out += json{{"kind", "ally"}, {"ally", ally_json(s)}}.dump() + "\n";
      for (const auto& s : a.aggregates)
        out += json{{"kind", "aggregate"}, {"ally", ally_json(s)}}.dump() + "\n";
      for (const auto& d : a.donors)
        out += json{{"kind", "donor"}, {"donor", donor_json(d)}}.dump() + "\n";
      return out;
    }
    case CommitmentsFormat::csv:
      return render_csv(r);
  }
  return {};
}

}  // namespace vigil::report
