#include "vigil/report/daily_report.hpp"

namespace vigil::report {

store::PublishedReport publish_daily_report(store::Workspace& ws, const std::string& date,
                                            const std::string& note, const std::string& by) {
  const auto r = gather_daily_report(ws, date);
  const store::ReportTexts texts{render_markdown(r, "?format=svg"), render_html(r),
                                 render_map_svg(r)};
  return store::publish_report(ws, date, texts, r.log_head, note, by);
}

}  // namespace vigil::report
