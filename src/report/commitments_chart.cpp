#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>

#include "vigil/io/text_escape.hpp"
#include "vigil/report/commitments_report.hpp"

namespace vigil::report {
namespace {

// The bars' colours by the highest target met; the same in the dashboard's commitments tab.
constexpr std::string_view kBelowTwo = "#c0392b";
constexpr std::string_view kTwo = "#e0a030";
constexpr std::string_view kThreeAndHalf = "#5c9e48";
constexpr std::string_view kFive = "#1f6b3a";

std::string_view bar_colour(const commitments::AllyStanding& ally) {
  return ally.meets[2] ? kFive : ally.meets[1] ? kThreeAndHalf : ally.meets[0] ? kTwo : kBelowTwo;
}

}  // namespace

std::string commitments_chart_svg(const commitments::CommitmentsAssessment& a) {
  constexpr double kLabelWidth = 170, kPlotWidth = 640, kRow = 16, kTop = 76;
  double top_pct = 6;
  for (const auto& ally : a.allies)
    top_pct = std::max({top_pct, std::ceil(ally.pct_gdp), std::ceil(ally.first_pct)});
  const auto x = [&](double pct) { return kLabelWidth + pct / top_pct * kPlotWidth; };
  const double plot_bottom = kTop + kRow * static_cast<double>(a.allies.size());
  const double height = plot_bottom + 70;
  const double width = kLabelWidth + kPlotWidth + 30;
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0:.0f}\" height=\"{1:.0f}\" "
      "viewBox=\"0 0 {0:.0f} {1:.0f}\" font-family=\"sans-serif\" font-size=\"11\" role=\"img\" "
      "aria-label=\"Defence expenditure as a share of GDP by ally, {2}\">\n"
      "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
      "<text x=\"10\" y=\"20\" font-size=\"15\" font-weight=\"bold\">Defence expenditure, % of "
      "GDP, {2}{3}</text>\n",
      width, height, a.year, a.estimate ? " (NATO estimates)" : "");
  for (int pct = 0; pct <= static_cast<int>(top_pct); ++pct)
    out += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"#e4e4e4\"/>"
        "<text x=\"{0:.1f}\" y=\"{3:.1f}\" text-anchor=\"middle\" fill=\"#555\">{4} %</text>\n",
        x(pct), kTop - 4, plot_bottom, plot_bottom + 14, pct);
  for (std::size_t i = 0; i < a.allies.size(); ++i) {
    const auto& ally = a.allies[i];
    const double y = kTop + kRow * static_cast<double>(i);
    std::string name;
    io::append_markup_text(name, ally.country);
    out += fmt::format(
        "<g><title>{0}: {1:.2f} % of GDP in {2}{3}; {4:.2f} % in {5}</title>"
        "<text x=\"{6:.1f}\" y=\"{7:.1f}\" text-anchor=\"end\">{0}</text>"
        "<rect x=\"{8:.1f}\" y=\"{9:.1f}\" width=\"{10:.1f}\" height=\"{11:.1f}\" fill=\"{12}\"/>"
        "<line x1=\"{13:.1f}\" y1=\"{9:.1f}\" x2=\"{13:.1f}\" y2=\"{14:.1f}\" stroke=\"#000\" "
        "stroke-width=\"2\"/></g>\n",
        name, ally.pct_gdp, ally.year, ally.estimate ? " (estimate)" : "", ally.first_pct,
        ally.first_year, kLabelWidth - 6, y + kRow - 4, x(0), y + 2, x(ally.pct_gdp) - x(0),
        kRow - 4, bar_colour(ally), x(ally.first_pct), y + kRow - 2);
  }
  constexpr std::array<std::string_view, 3> kTargetNames = {
      "2 % (Wales, 2014)", "3.5 % core (The Hague, 2025)", "5 % with related spending"};
  for (std::size_t t = 0; t < commitments::kTargets.size(); ++t)
    out += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"#1b1b1b\" "
        "stroke-dasharray=\"5 3\"/><text x=\"{0:.1f}\" y=\"{3:.1f}\" text-anchor=\"middle\" "
        "font-weight=\"bold\">{4}</text>\n",
        x(commitments::kTargets[t]), kTop - 12, plot_bottom,
        kTop - 16 - 12.0 * static_cast<double>(t % 2), kTargetNames[t]);
  const double legend = plot_bottom + 34;
  double lx = 10;
  for (const auto& [colour, label] :
       {std::pair{kBelowTwo, "under 2 %"}, std::pair{kTwo, "2 % or more"},
        std::pair{kThreeAndHalf, "3.5 % or more"}, std::pair{kFive, "5 % or more"}}) {
    out += fmt::format(
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"12\" height=\"12\" fill=\"{}\"/>"
        "<text x=\"{:.1f}\" y=\"{:.1f}\">{}</text>\n",
        lx, legend - 10, colour, lx + 16, legend, label);
    lx += 120;
  }
  if (!a.allies.empty())
    out += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" "
        "stroke=\"#000\" stroke-width=\"2\"/><text x=\"{3:.1f}\" y=\"{4:.1f}\">"
        "share in {5}</text>\n",
        lx + 6, legend - 11, legend + 1, lx + 14, legend, a.allies.front().first_year);
  out += fmt::format(
      "<text x=\"10\" y=\"{:.1f}\" fill=\"#555\">Source: NATO, Defence "
      "Expenditure of NATO Countries. Allies without a figure for {} are not "
      "shown.</text>\n</svg>\n",
      legend + 22, a.year);
  return out;
}

}  // namespace vigil::report
