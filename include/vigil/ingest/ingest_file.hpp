#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "vigil/ais/decode_stats.hpp"
#include "vigil/ingest/event_layout.hpp"
#include "vigil/ingest/field_mapping.hpp"
#include "vigil/ingest/input_format.hpp"
#include "vigil/io/record_reader.hpp"
#include "vigil/store/workspace.hpp"

namespace vigil::ingest {

// fail: the first bad record rolls the file's batch back, nothing of it is stored.
// skip: bad records are counted and reported, the good ones are stored.
enum class OnError { fail, skip };

struct IngestOptions {
  std::optional<ingest::InputFormat> format;  // detected from content when absent
  std::optional<ingest::EventLayout> layout;  // a conflict-event dataset, applied before `mapping`
  ingest::FieldMapping mapping;
  OnError on_error = OnError::fail;
  std::string recorded_by;
  // Names the input in the batch record and in errors instead of `path` (for input that
  // arrives over the network and is spooled to an unnamed file).
  std::string source_name;
};

struct FileReport {
  std::string file;
  ingest::InputFormat format = ingest::InputFormat::jsonl;
  std::uint64_t read = 0;  // records read, good or bad
  std::uint64_t added = 0;
  std::uint64_t duplicates = 0;
  std::uint64_t rejected = 0;
  bool rolled_back = false;  // on-error=fail met a bad record
  // Vessel static and voyage data (NMEA, AIS CSV exports): reports seen, reports without a
  // receive time (not stored), and runs of one value added to the vessels' histories.
  std::uint64_t identity_reports = 0;
  std::uint64_t identity_untimed = 0;
  std::uint64_t identity_runs_added = 0;
  // For NMEA input: sentences read, messages per type, errors per kind.
  std::optional<ais::DecodeStats> nmea;
};

struct IngestCallbacks {
  // Every bad record, with file-relative line and field.
  std::function<void(const std::string& file, const io::RecordError&)> on_error;
  // Called now and then with records read and bytes consumed so far.
  std::function<void(std::uint64_t records, std::uint64_t bytes)> on_progress;
};

// One file's ingest in two steps. The constructor opens the file and starts reading and
// validating it on a thread of the job's own, which runs ahead of storing by a bounded number
// of records; store() then takes the workspace's write turn and stores the file as one batch.
// vigil serve starts a request's job before its turn on the writer, so that one batch is read
// while another is stored.
class IngestJob {
 public:
  // Throws when the file cannot be opened or read at all (unreadable GeoJSON document).
  IngestJob(const std::string& path, IngestOptions options);
  ~IngestJob();
  IngestJob(const IngestJob&) = delete;
  IngestJob& operator=(const IngestJob&) = delete;

  // One transaction, one log record. Workspace errors throw; per-record problems go to
  // callbacks.on_error and are counted. Call once.
  FileReport store(store::Workspace& ws, const IngestCallbacks& callbacks);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Ingests one file as one batch: IngestJob(path, options).store(ws, callbacks).
FileReport ingest_file(store::Workspace& ws, const std::string& path, const IngestOptions& options,
                       const IngestCallbacks& callbacks);

}  // namespace vigil::ingest
