#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "vigil/store/workspace.hpp"

namespace vigil::server {

// One open event stream (a Server-Sent Events connection). deliver() is called on the
// hub's thread and must only queue; a subscriber that falls too far behind closes itself.
class EventSubscriber {
 public:
  virtual ~EventSubscriber() = default;
  virtual void deliver(std::shared_ptr<const std::string> frame) = 0;
};

// Follows the log and turns each new record into a Server-Sent Event for the dashboards:
//  "incident": an incident was recorded (its JSON, status open);
//  "review":   an incident was confirmed or dismissed (the review, with its log seq);
//  "log":      any other record (batch, lists, line, sensors): kind, subject, seq.
// Observers get only "incident" events, sent when an incident is confirmed. Each event's id
// is its log seq, so a client resumes with Last-Event-ID; a client too far behind for the
// recent window gets a "reset" event and reloads. The log is polled, so writes by other
// processes (vigil detect, vigil ingest) reach the stream as well.
class EventHub {
 public:
  static constexpr std::size_t kWindow = 10'000;  // recent events kept for resuming

  explicit EventHub(store::Workspace& ws);

  // Reads records appended since the last poll and sends them; call from one thread.
  void poll(store::Workspace& ws);
  // Sends a comment line, so that idle connections are seen to be alive.
  void heartbeat();

  // Adds a subscriber, first replaying what it missed after `since` (-1: nothing).
  void subscribe(const std::shared_ptr<EventSubscriber>& subscriber, bool observer,
                 std::int64_t since);
  // Closes every stream (shutdown); later subscribers are closed at once.
  void close_all();
  std::size_t subscribers();
  std::int64_t last_seq();

 private:
  struct Event {
    std::int64_t seq;
    std::shared_ptr<const std::string> full;      // for analysts and admins
    std::shared_ptr<const std::string> observer;  // null when observers do not see it
  };
  struct Subscription {
    std::weak_ptr<EventSubscriber> subscriber;
    bool observer;
    std::int64_t after;  // events up to this seq were replayed or are not wanted
  };
  void send(const Event& event);

  std::mutex mutex_;
  std::int64_t last_seq_ = 0;
  std::deque<Event> recent_;
  std::vector<Subscription> subscriptions_;
  bool closed_ = false;
};

}  // namespace vigil::server
