#include "vigil/ingest/ingest_file.hpp"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "vigil/ingest/observation_builder.hpp"
#include "vigil/ingest/position_records.hpp"
#include "vigil/store/observation_store.hpp"
#include "vigil/vessel/identity.hpp"

namespace vigil::ingest {
namespace {

// One input record after parsing and validation: an observation ready to store, or the
// reason it cannot be.
struct Prepared {
  bool ok = false;
  std::uint64_t line = 0;
  bool id_is_derived = false;
  Observation obs;
  std::string attributes_json;
  Digest128 digest{};
  io::RecordError error;
};

constexpr std::size_t kChunkRecords = 2048;
constexpr std::size_t kMaxQueuedChunks = 16;

// Hands chunks from the parsing thread to the storing thread, in order, with back-pressure.
class ChunkQueue {
 public:
  // Returns false when the consumer has stopped.
  bool push(std::vector<Prepared>&& chunk) {
    std::unique_lock lock(mutex_);
    space_.wait(lock, [&] { return chunks_.size() < kMaxQueuedChunks || stopped_; });
    if (stopped_) return false;
    chunks_.push_back(std::move(chunk));
    ready_.notify_one();
    return true;
  }
  void close(std::exception_ptr failure = nullptr) {
    std::lock_guard lock(mutex_);
    closed_ = true;
    failure_ = failure;
    ready_.notify_one();
  }
  // Returns false at the end of input; rethrows the producer's failure.
  bool pop(std::vector<Prepared>& chunk) {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return !chunks_.empty() || closed_; });
    if (chunks_.empty()) {
      if (failure_) std::rethrow_exception(failure_);
      return false;
    }
    chunk = std::move(chunks_.front());
    chunks_.pop_front();
    space_.notify_one();
    return true;
  }
  void stop() {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    space_.notify_all();
  }
  // Spent chunks go back to the producer, whose strings keep their capacity: allocation and
  // cross-thread frees would otherwise cost the storing thread as much as SQLite does.
  void recycle(std::vector<Prepared>&& chunk) {
    std::lock_guard lock(mutex_);
    if (spare_.size() < kMaxQueuedChunks) spare_.push_back(std::move(chunk));
  }
  std::vector<Prepared> fresh_chunk() {
    std::lock_guard lock(mutex_);
    if (spare_.empty()) return std::vector<Prepared>(kChunkRecords);
    auto chunk = std::move(spare_.back());
    spare_.pop_back();
    chunk.resize(kChunkRecords);
    return chunk;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_, space_;
  std::deque<std::vector<Prepared>> chunks_;
  std::vector<std::vector<Prepared>> spare_;
  bool closed_ = false, stopped_ = false;
  std::exception_ptr failure_;
};

void prepare(io::RawRecord& raw, const IngestOptions& options, Prepared& out) {
  out.ok = false;
  if (options.layout && !ingest::apply_event_layout(*options.layout, raw, out.error)) return;
  if (!options.mapping.apply(raw, out.error) ||
      !ingest::build_observation(raw, out.obs, out.error)) {
    // A required field no column gives: say which columns there are and how to map one.
    if (out.error.message.starts_with("missing") && !raw.fields.empty()) {
      std::vector<std::string> names;
      for (const auto& field : raw.fields)
        names.push_back(field.first);
      out.error.message +=
          fmt::format(" (its fields: {}; --map {}={{COLUMN}}, or --map {}=TEXT, gives it)",
                      fmt::join(names, ", "), out.error.field, out.error.field);
    }
    return;
  }
  out.attributes_json = out.obs.attributes.dump();
  if (out.attributes_json.size() > ingest::kMaxAttributesBytes) {
    out.error = {raw.line, "attributes",
                 fmt::format("larger than {} KiB", ingest::kMaxAttributesBytes >> 10)};
    return;
  }
  out.digest = content_digest(out.obs, out.attributes_json);
  out.id_is_derived = out.obs.id.empty();
  if (out.id_is_derived) out.obs.id = content_id(out.obs.time, out.digest);
  out.ok = true;
}

// Reads, parses and validates on its own thread, so that the storing thread only stores.
void produce(io::RecordReader& reader, const IngestOptions& options, ChunkQueue& queue,
             std::atomic<std::uint64_t>& bytes) {
  try {
    io::RawRecord raw;
    std::vector<Prepared> chunk = queue.fresh_chunk();
    std::size_t n = 0;
    for (;;) {
      Prepared& item = chunk[n];
      const auto status = reader.next(raw, item.error);
      if (status == io::ReadStatus::end) break;
      item.line = item.error.line;  // readers locate every record, good or bad
      if (status == io::ReadStatus::error)
        item.ok = false;
      else
        prepare(raw, options, item);
      if (++n == kChunkRecords) {
        bytes.store(reader.bytes_read(), std::memory_order_relaxed);
        if (!queue.push(std::move(chunk))) return;
        chunk = queue.fresh_chunk();
        n = 0;
      }
    }
    bytes.store(reader.bytes_read(), std::memory_order_relaxed);
    chunk.resize(n);
    if (n > 0 && !queue.push(std::move(chunk))) return;
    queue.close();
  } catch (...) {
    queue.close(std::current_exception());
  }
}

}  // namespace

struct IngestJob::State {
  IngestOptions options;
  std::string name;  // the input as batch records and errors name it
  ingest::InputFormat format = ingest::InputFormat::jsonl;
  std::unique_ptr<io::RecordReader> reader;
  ChunkQueue queue;
  std::atomic<std::uint64_t> bytes{0};
  std::thread producer;
  bool stored = false;
};

IngestJob::IngestJob(const std::string& path, IngestOptions options)
    : state_(std::make_unique<State>()) {
  State& st = *state_;
  st.options = std::move(options);
  st.name = st.options.source_name.empty() ? path : st.options.source_name;
  st.reader = ingest::open_reader(path, st.options.format, &st.format);
  st.producer = std::thread(produce, std::ref(*st.reader), std::cref(st.options),
                            std::ref(st.queue), std::ref(st.bytes));
}

IngestJob::~IngestJob() {
  // However store() ended, or if it never ran, the producer must be stopped and joined.
  state_->queue.stop();
  state_->producer.join();
}

FileReport IngestJob::store(store::Workspace& ws, const IngestCallbacks& callbacks) {
  State& st = *state_;
  if (st.stored) throw std::logic_error("IngestJob::store called twice");
  st.stored = true;
  const IngestOptions& options = st.options;
  FileReport report;
  report.file = st.name;
  report.format = st.format;
  store::BatchWriter writer(ws, st.name, std::string(to_string(st.format)), options.recorded_by);
  auto reject = [&](const io::RecordError& e) {
    ++report.rejected;
    if (callbacks.on_error) callbacks.on_error(st.name, e);
    if (options.on_error == OnError::fail) report.rolled_back = true;
    return !report.rolled_back;
  };

  std::vector<Prepared> chunk;
  std::vector<store::BatchWriter::Item> items;
  std::vector<store::BatchWriter::Outcome> outcomes;
  while (st.queue.pop(chunk)) {
    items.clear();
    for (const Prepared& item : chunk)
      if (item.ok)
        items.push_back({&item.obs, item.attributes_json, &item.digest, item.id_is_derived});
    writer.add_all(items, outcomes);
    std::size_t next = 0;
    for (Prepared& item : chunk) {
      ++report.read;
      if (!item.ok) {
        if (!reject(item.error)) return report;
        continue;
      }
      const auto outcome = outcomes[next++];
      if (outcome == store::BatchWriter::Outcome::conflict) {
        const io::RecordError conflict{
            item.line, "id",
            fmt::format("observation '{}' is already stored with different content", item.obs.id)};
        if (!reject(conflict)) return report;
      }
    }
    if (callbacks.on_progress)
      callbacks.on_progress(report.read, st.bytes.load(std::memory_order_relaxed));
    st.queue.recycle(std::move(chunk));
  }
  // The producer has closed the queue: it no longer touches the reader.
  if (auto* source = dynamic_cast<vessel::IdentitySource*>(st.reader.get())) {
    auto& identities = source->identities();
    report.identity_reports = identities.reports();
    report.identity_untimed = identities.untimed();
    report.identity_runs_added = writer.add_identity_runs(identities.take_runs());
  }
  if (const auto* nmea = dynamic_cast<const ingest::NmeaRecordReader*>(st.reader.get()))
    report.nmea = nmea->stats();
  writer.commit(report.rejected);
  report.added = writer.added();
  report.duplicates = writer.duplicates();
  return report;
}

FileReport ingest_file(store::Workspace& ws, const std::string& path, const IngestOptions& options,
                       const IngestCallbacks& callbacks) {
  return IngestJob(path, options).store(ws, callbacks);
}

}  // namespace vigil::ingest
