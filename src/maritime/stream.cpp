#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

#include "vigil/maritime/ais_feed.hpp"

namespace vigil::maritime {
namespace {

constexpr std::size_t kBatch = 8'192;
constexpr std::size_t kBatchesInFlight = 4;

void read_all(io::LineSource& lines, ais::StreamDecoder& decoder, ais::MessageSink& sink,
              const std::function<void()>& after_line) {
  std::string_view line;
  for (;;) {
    const auto result = lines.next(line);
    if (result == io::LineSource::Result::end) break;
    if (result == io::LineSource::Result::too_long) {
      decoder.stats().lines++;
      decoder.stats().error(ais::ErrorKind::junk_line)++;
      continue;
    }
    decoder.feed(line, lines.line_number(), sink);
    after_line();
  }
  decoder.finish(sink);
}

// Batches handed from the reading thread to the detecting one, with recycling.
class BatchQueue {
 public:
  void push(std::vector<Report> batch) {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] { return full_.size() < kBatchesInFlight; });
    full_.push_back(std::move(batch));
    ready_.notify_one();
  }
  // Empty when the reader is done and everything was taken.
  std::vector<Report> pop() {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return !full_.empty() || done_; });
    if (full_.empty()) return {};
    auto batch = std::move(full_.front());
    full_.pop_front();
    room_.notify_one();
    return batch;
  }
  void close() {
    std::lock_guard lock(mutex_);
    done_ = true;
    ready_.notify_all();
  }
  void recycle(std::vector<Report> batch) {
    batch.clear();
    std::lock_guard lock(mutex_);
    spare_.push_back(std::move(batch));
  }
  std::vector<Report> spare() {
    std::lock_guard lock(mutex_);
    if (spare_.empty()) {
      std::vector<Report> batch;
      batch.reserve(kBatch);
      return batch;
    }
    auto batch = std::move(spare_.back());
    spare_.pop_back();
    return batch;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_, room_;
  std::deque<std::vector<Report>> full_;
  std::vector<std::vector<Report>> spare_;
  bool done_ = false;
};

}  // namespace

StreamResult detect_stream(io::LineSource& lines, Engine& engine, bool pipelined) {
  StreamResult result;
  ais::StreamDecoder decoder;
  if (!pipelined) {
    AisFeed feed(engine);
    read_all(lines, decoder, feed, [] {});
    engine.finish();
    result.decode = decoder.stats();
    result.untimed = feed.untimed();
    return result;
  }
  BatchQueue queue;
  std::exception_ptr failure;
  std::vector<Report> batch = queue.spare();
  AisFeed feed(batch);
  std::thread reader([&] {
    try {
      read_all(lines, decoder, feed, [&] {
        if (batch.size() >= kBatch) {
          queue.push(std::move(batch));
          batch = queue.spare();
        }
      });
      if (!batch.empty()) queue.push(std::move(batch));
    } catch (...) {
      failure = std::current_exception();
    }
    queue.close();
  });
  try {
    for (;;) {
      auto reports = queue.pop();
      if (reports.empty()) break;
      engine.on_reports(reports);
      queue.recycle(std::move(reports));
    }
  } catch (...) {
    // Let the reader finish (it may wait for room) before leaving.
    for (auto reports = queue.pop(); !reports.empty(); reports = queue.pop()) {
    }
    reader.join();
    throw;
  }
  reader.join();
  if (failure) std::rethrow_exception(failure);
  engine.finish();
  result.decode = decoder.stats();
  result.untimed = feed.untimed();
  return result;
}

}  // namespace vigil::maritime
