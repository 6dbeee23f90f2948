// vigil report published: the reports published so far, or one of them as it was frozen.
#include <iostream>

#include <fmt/format.h>

#include "common.hpp"
#include "vigil/report/daily_report.hpp"
#include "vigil/store/report_store.hpp"
#include "vigil/view/record_output.hpp"

namespace vigil::cli {
namespace {

struct PublishedArgs {
  WorkspaceOptions ws;
  std::int64_t id = 0;
  std::string date;
  std::string format;
  std::string out;
};

int run_published(const PublishedArgs& args) {
  store::Workspace ws(args.ws.paths());
  if (args.id > 0) {
    const auto format = args.format.empty() ? std::string("md") : args.format;
    const auto published = store::find_published_report(ws, args.id);
    // The PDF is drawn from the frozen Markdown and map, as the API draws it.
    const auto text = store::published_report_text(ws, args.id, format == "pdf" ? "md" : format);
    if (!published || !text) {
      fmt::print(stderr, "no published report {}\n", args.id);
      return kExitRejected;
    }
    if (format == "pdf") {
      const auto svg = store::published_report_text(ws, args.id, "svg");
      write_text_output(
          args.out, report::render_published_pdf(*text, svg.value_or(""), published->published_at));
      return kExitOk;
    }
    write_text_output(args.out, *text);
    return kExitOk;
  }
  const auto format = args.format.empty() ? std::string("table") : args.format;
  view::RecordOutput out(std::cout, *view::parse_output_format(format),
                         {{"id", 4},
                          {"date", 10},
                          {"published_at", 20},
                          {"published_by", 20},
                          {"log_seq", 7},
                          {"note", 30}});
  for (const auto& p : store::published_reports(
           ws, args.date.empty() ? std::nullopt : std::optional<std::string>(args.date)))
    out.write({{"id", p.id},
               {"date", p.date},
               {"published_at", format_rfc3339(p.published_at)},
               {"published_by", p.published_by},
               {"log_seq", p.log_seq},
               {"log_hash", p.log_hash},
               {"log_head", p.log_head},
               {"note", p.note}});
  out.finish();
  return kExitOk;
}

}  // namespace

void add_report_published_command(CLI::App* report, Runner& run) {
  auto* cmd = report->add_subcommand(
      "published",
      "List the published reports, newest first; with an id, print that report as it was "
      "published (--format md, html, svg or pdf).");
  auto args = std::make_shared<PublishedArgs>();
  add_workspace_options(cmd, args->ws, false);
  cmd->add_option("id", args->id, "The publication to print")->check(CLI::PositiveNumber);
  cmd->add_option("--date", args->date, "Only this day's publications (YYYY-MM-DD)");
  cmd->add_option("--format", args->format,
                  "Listing: table (default), jsonl, csv; one report: md (default), html, svg, pdf");
  cmd->add_option("-o,--out", args->out, "Output file (default: stdout)");
  cmd->callback([&run, args] {
    if (args->id > 0) {
      if (!args->format.empty() && args->format != "md" && args->format != "html" &&
          args->format != "svg" && args->format != "pdf")
        throw CLI::ValidationError("--format", "one report is md, html, svg or pdf");
    } else if (!args->format.empty() && args->format != "table" && args->format != "jsonl" &&
               args->format != "csv") {
      throw CLI::ValidationError("--format", "a listing is table, jsonl or csv");
    }
    run = [args] { return run_published(*args); };
  });
}

}  // namespace vigil::cli
