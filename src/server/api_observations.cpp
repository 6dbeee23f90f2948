// /api/v1/observations: ingest over HTTP (the body is one batch, validated and stored exactly
// as `vigil ingest` stores a file) and the filtered, paged listing as GeoJSON.
#include <sys/mman.h>
#include <unistd.h>

#include <fmt/format.h>

#include "handlers.hpp"
#include "vigil/detect/ceasefire_detection.hpp"
#include "vigil/ingest/ingest_file.hpp"
#include "vigil/view/record_views.hpp"

namespace vigil::server::detail {
namespace {

constexpr std::size_t kMaxReportedErrors = 100;

// The body in an unnamed in-memory file, so that the file readers (and their line numbers,
// limits and format detection) serve the API unchanged.
class SpooledBody {
 public:
  explicit SpooledBody(std::string_view body) {
    fd_ = memfd_create("vigil-api-body", MFD_CLOEXEC);
    if (fd_ < 0) throw std::runtime_error("cannot spool the request body (memfd_create)");
    std::size_t written = 0;
    while (written < body.size()) {
      const auto n = ::write(fd_, body.data() + written, body.size() - written);
      if (n <= 0) {
        ::close(fd_);
        throw std::runtime_error("cannot spool the request body (write)");
      }
      written += static_cast<std::size_t>(n);
    }
  }
  ~SpooledBody() { ::close(fd_); }
  SpooledBody(const SpooledBody&) = delete;
  SpooledBody& operator=(const SpooledBody&) = delete;
  std::string path() const { return fmt::format("/proc/self/fd/{}", fd_); }

 private:
  int fd_ = -1;
};

std::optional<ingest::InputFormat> format_of(const PrepareCall& call) {
  if (const auto format = call.query.text("format")) {
    const auto parsed = ingest::parse_input_format(*format);
    if (!parsed || *parsed == ingest::InputFormat::nmea || *parsed == ingest::InputFormat::ais_csv)
      throw ApiError(400, "parameter 'format': must be jsonl, geojson or csv", "format");
    return parsed;
  }
  std::string_view type = call.request.content_type;
  type = type.substr(0, type.find(';'));
  if (type == "application/x-ndjson" || type == "application/jsonl" ||
      type == "application/json-seq")
    return ingest::InputFormat::jsonl;
  if (type == "application/geo+json") return ingest::InputFormat::geojson;
  if (type == "text/csv") return ingest::InputFormat::csv;
  return std::nullopt;  // application/json and the rest: decided from the content
}

// A request body being read and validated, ahead of its turn on the writer.
class PreparedIngest : public PreparedWrite {
 public:
  explicit PreparedIngest(const PrepareCall& call) : spool_(call.request.body) {
    call.query.allow({"format", "on_error"});
    ingest::IngestOptions options;
    options.format = format_of(call);
    if (const auto on_error = call.query.text("on_error")) {
      if (*on_error == "skip")
        options.on_error = ingest::OnError::skip;
      else if (*on_error != "fail")
        throw ApiError(400, "parameter 'on_error': must be fail or skip", "on_error");
    }
    if (call.request.body.empty()) throw ApiError(400, "the body is empty: send observations");
    options.recorded_by = call.who.label();
    options.source_name = "api";
    try {
      job_.emplace(spool_.path(), std::move(options));
    } catch (const std::runtime_error& e) {
      throw ApiError(400, body_message(e));  // a GeoJSON document that cannot be read at all
    }
  }
  ingest::IngestJob& job() { return *job_; }
  // A reader's message names the body, not the unnamed file it was spooled to.
  std::string body_message(const std::exception& e) const {
    std::string message = e.what();
    if (const auto at = message.find(spool_.path()); at != std::string::npos)
      message.replace(at, spool_.path().size(), "body");
    return message;
  }

 private:
  SpooledBody spool_;
  std::optional<ingest::IngestJob> job_;
};

}  // namespace

std::unique_ptr<PreparedWrite> prepare_ingest(const PrepareCall& call) {
  return std::make_unique<PreparedIngest>(call);
}

ApiResponse ingest_observations(Call& call) {
  std::unique_ptr<PreparedWrite> prepared_here;
  auto* prepared = dynamic_cast<PreparedIngest*>(call.prepared);
  if (!prepared) {
    prepared_here = prepare_ingest(PrepareCall{call.request, call.who, call.query});
    prepared = static_cast<PreparedIngest*>(prepared_here.get());
  }

  nlohmann::json errors = nlohmann::json::array();
  std::uint64_t error_count = 0;
  ingest::IngestCallbacks callbacks;
  callbacks.on_error = [&](const std::string&, const io::RecordError& e) {
    ++error_count;
    if (errors.size() >= kMaxReportedErrors) return;
    nlohmann::json error = {{"line", e.line}, {"message", e.message}};
    if (!e.field.empty()) error["field"] = e.field;
    errors.push_back(std::move(error));
  };
  const std::int64_t batch = store::next_batch_id(call.ws.db());
  ingest::FileReport report;
  try {
    report = prepared->job().store(call.ws, callbacks);
  } catch (const store::DatabaseError&) {
    throw;  // the workspace's trouble, not the request's: a 500
  } catch (const std::runtime_error& e) {
    // A document the readers cannot read at all (a broken GeoJSON document, a CSV header).
    throw ApiError(400, prepared->body_message(e));
  }
  // As vigil ingest does: ceasefire observations are placed against the line in force.
  const auto classified =
      report.added > 0 ? detect::classify_stored_observations(call.ws, batch) : 0;
  nlohmann::json out = {{"format", ingest::to_string(report.format)},
                        {"read", report.read},
                        {"added", report.added},
                        {"duplicates", report.duplicates},
                        {"rejected", report.rejected},
                        {"stored", !report.rolled_back},
                        {"classified", classified},
                        {"errors", errors}};
  if (error_count > errors.size()) out["errors_not_shown"] = error_count - errors.size();
  // All or nothing under on_error=fail: a rolled-back batch stored nothing.
  if (report.rolled_back) return json_response(422, out);
  return json_response(report.added > 0 ? 201 : 200, out);
}

namespace {

// The listing's filters, which the export takes too.
store::ObservationFilter observation_filter(const QueryParams& q) {
  store::ObservationFilter filter;
  filter.bbox = q.bbox("bbox");
  filter.from = q.time("from");
  filter.to = q.time("to");
  filter.kinds = q.list("kind");
  filter.sources = q.list("source");
  filter.entities = q.list("entity");
  return filter;
}

}  // namespace

ApiResponse list_observations(Call& call) {
  const auto& q = call.query;
  q.allow({"bbox", "from", "to", "kind", "source", "entity", "limit", "cursor"});
  auto filter = observation_filter(q);
  if (const auto cursor = q.text("cursor")) filter.after = parse_cursor(*cursor);
  const auto limit = q.integer("limit", call.limits.default_page, 1, call.limits.max_page);
  filter.limit = limit + 1;

  std::string body = R"({"type":"FeatureCollection","features":[)";
  std::int64_t count = 0;
  std::optional<std::string> next;
  std::pair<Timestamp, std::string> last;
  store::for_each_observation(call.ws, filter, [&](const store::StoredObservation& row) {
    if (count == limit) {
      next = make_cursor(last.first, last.second);
      return false;
    }
    if (count > 0) body += ',';
    nlohmann::json object = view::to_json(row.obs);
    object["batch"] = row.batch;
    body += view::to_geojson_feature(object).dump();
    last = {row.obs.time, row.obs.id};
    ++count;
    return true;
  });
  body += fmt::format(R"(],"count":{},"next":{}}})", count,
                      next ? nlohmann::json(*next).dump() : "null");
  return {200, "application/geo+json", std::move(body), {}};
}

// What the listing's filters keep, as one file for a GIS tool or a spreadsheet: at most
// kMaxExported observations, or a 413 asking for narrower filters rather than a cut file.
ApiResponse export_observations(Call& call) {
  constexpr std::int64_t kMaxExported = 100'000;
  const auto& q = call.query;
  q.allow({"format", "bbox", "from", "to", "kind", "source", "entity"});
  const auto format = export_format(q.text("format").value_or(""), "parameter");
  auto filter = observation_filter(q);
  filter.limit = kMaxExported + 1;
  gis::Layer layer{"observations", {}, {}};
  store::for_each_observation(call.ws, filter, [&](const store::StoredObservation& row) {
    layer.records.push_back(view::to_json(row.obs));
    layer.titles.push_back(row.obs.kind + " by " + row.obs.source);
    return true;
  });
  if (static_cast<std::int64_t>(layer.records.size()) > kMaxExported)
    throw ApiError(413, fmt::format("more than {} observations: narrow the dates, the area or the "
                                    "kinds",
                                    kMaxExported));
  return export_response(format, layer);
}

}  // namespace vigil::server::detail
