// The daily report as PDF: its Markdown laid out with its map, by the pdf module.
#include "vigil/pdf/markdown_pdf.hpp"
#include "vigil/report/daily_report.hpp"

namespace vigil::report {
namespace {

// The report's one image is its map, whatever address the Markdown gives it ("day.svg" written
// beside a file, "?format=svg" in a publication).
pdf::ImageSource the_map(const std::string& svg) {
  return [&svg](std::string_view) -> std::optional<std::string> { return svg; };
}

}  // namespace

std::string render_pdf(const DailyReport& report) {
  const std::string svg = render_map_svg(report);
  return pdf::markdown_to_pdf(render_markdown(report, "map.svg"), the_map(svg),
                              {.created = "", .author = "vigil"});
}

std::string render_published_pdf(const std::string& markdown, const std::string& svg,
                                 Timestamp published_at) {
  return pdf::markdown_to_pdf(markdown, the_map(svg),
                              {.created = format_rfc3339(published_at), .author = "vigil"});
}

}  // namespace vigil::report
