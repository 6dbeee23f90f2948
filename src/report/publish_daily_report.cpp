#include "vigil/report/daily_report.hpp"

namespace vigil::report {

store::PublishedReport publish_daily_report(store::Workspace& ws, const std::string& date,
                                            const std::string& note, const std::string& by,
                                            std::shared_ptr<const ceasefire::Classifier> in_force) {
  const auto r = gather_daily_report(ws, date, std::move(in_force));
  const store::ReportTexts texts{render_markdown(r, "?format=svg"), render_html(r),
                                 render_map_svg(r)};
  return store::publish_report(ws, date, texts, r.log_head, note, by);
}

}  // namespace vigil::report
