#include "vigil/ingest/ingest_file.hpp"

#include <fmt/format.h>

#include "vigil/io/observation_builder.hpp"
#include "vigil/store/observation_store.hpp"

namespace vigil::ingest {

FileReport ingest_file(store::Workspace& ws, const std::string& path,
                       const IngestOptions& options, const IngestCallbacks& callbacks) {
  FileReport report;
  report.file = path;
  auto reader = io::open_reader(path, options.format, &report.format);
  store::BatchWriter writer(ws, path, std::string(io::to_string(report.format)),
                            options.recorded_by);
  io::RawRecord raw;
  io::RecordError error;
  Observation obs;
  auto reject = [&](const io::RecordError& e) {
    ++report.rejected;
    if (callbacks.on_error) callbacks.on_error(path, e);
    if (options.on_error == OnError::fail) {
      report.rolled_back = true;
      return false;
    }
    return true;
  };
  for (;;) {
    const auto status = reader->next(raw, error);
    if (status == io::ReadStatus::end) break;
    ++report.read;
    if (callbacks.on_progress && (report.read & 0xffff) == 0)
      callbacks.on_progress(report.read, reader->bytes_read());
    if (status == io::ReadStatus::error) {
      if (!reject(error)) return report;
      continue;
    }
    if (!options.mapping.apply(raw, error) || !io::build_observation(raw, obs, error)) {
      if (!reject(error)) return report;
      continue;
    }
    const Digest128 digest = content_digest(obs);
    if (obs.id.empty()) obs.id = content_id(digest);
    if (writer.add(obs, digest) == store::BatchWriter::Outcome::conflict) {
      error = io::RecordError{raw.line, "id",
                              fmt::format("observation '{}' is already stored with different "
                                          "content",
                                          obs.id)};
      if (!reject(error)) return report;
    }
  }
  writer.commit(report.rejected);
  report.added = writer.added();
  report.duplicates = writer.duplicates();
  if (callbacks.on_progress) callbacks.on_progress(report.read, reader->bytes_read());
  return report;
}

}  // namespace vigil::ingest
