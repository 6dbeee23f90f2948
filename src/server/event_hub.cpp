#include "vigil/server/event_hub.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "incident_feature.hpp"
#include "vigil/ledger/log_record.hpp"
#include "vigil/store/incident_store.hpp"

namespace vigil::server {
namespace {

std::shared_ptr<const std::string> frame(std::int64_t seq, std::string_view event,
                                         const nlohmann::json& data) {
  return std::make_shared<const std::string>(
      fmt::format("id: {}\nevent: {}\ndata: {}\n\n", seq, event,
                  data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
}

// Live incidents have the listing's form (properties keep lat, lon and geometry).
std::shared_ptr<const std::string> incident_frame(std::int64_t seq, const store::IncidentRow& row,
                                                  bool for_observer) {
  std::string text = fmt::format("id: {}\nevent: incident\ndata: ", seq);
  detail::append_incident_feature(text, row, for_observer);
  text += "\n\n";
  return std::make_shared<const std::string>(std::move(text));
}

}  // namespace

EventHub::EventHub(store::Workspace& ws) {
  if (const auto head = ws.head()) last_seq_ = head->seq;
}

void EventHub::poll(store::Workspace& ws) {
  std::int64_t from;
  {
    std::lock_guard lock(mutex_);
    from = last_seq_;
  }
  std::vector<Event> events;
  for (const auto& record : store::log_records_after(ws, from, 1000)) {
    Event event{record.seq, nullptr, nullptr};
    const std::string_view kind = record.kind;
    const std::string_view subject = record.subject;
    if (kind == ledger::kIncidentRecord) {
      const auto incident = incident_from_log_body(nlohmann::json::parse(record.body));
      const store::IncidentRow row{record.body, "open",       event.seq,    record.hash,
                                   incident.id, incident.lat, incident.lon, incident.start};
      event.full = incident_frame(event.seq, row, false);
    } else if (kind == ledger::kReviewRecord) {
      const auto review = review_from_log_body(nlohmann::json::parse(record.body));
      nlohmann::json data = to_log_body(review);
      data["log_seq"] = event.seq;
      event.full = frame(event.seq, "review", data);
      if (review.status == IncidentStatus::confirmed) {
        // As observers see it: the incident, confirmed, by whom not said.
        store::IncidentFilter only;
        only.ids = {review.incident_id};
        store::for_each_incident_row(ws, only, [&](store::IncidentRow row) {
          row.status = "confirmed";  // as of this record, whatever later ones say
          event.observer = incident_frame(event.seq, row, true);
          return false;
        });
      } else if (store::status_before(ws, review.incident_id, event.seq) ==
                 IncidentStatus::confirmed) {
        // Observers were shown it confirmed: they are told it no longer is.
        event.observer = frame(event.seq, "retract",
                               {{"incident", review.incident_id},
                                {"status", to_string(review.status)},
                                {"log_seq", event.seq}});
      }
    } else if (kind == ledger::kReportRecord) {
      const auto body = nlohmann::json::parse(record.body);
      nlohmann::json data = {{"id", body.at("report")},
                             {"date", body.at("date")},
                             {"note", body.at("note")},
                             {"log_seq", event.seq}};
      event.observer = frame(event.seq, "report", data);
      data["published_by"] = body.at("published_by");
      event.full = frame(event.seq, "report", data);
    } else if (kind == ledger::kLineRecord || kind == ledger::kSettlementRecord) {
      // A new line version or settlement: every reader may see lines and zones, and an open
      // map redraws them.
      event.full =
          frame(event.seq, "line", {{"kind", kind}, {"subject", subject}, {"log_seq", event.seq}});
      event.observer = event.full;
    } else {
      event.full =
          frame(event.seq, "log", {{"seq", event.seq}, {"kind", kind}, {"subject", subject}});
    }
    events.push_back(std::move(event));
  }
  std::lock_guard lock(mutex_);
  for (auto& event : events) {
    if (event.seq <= last_seq_) continue;
    last_seq_ = event.seq;
    send(event);
    recent_.push_back(std::move(event));
    if (recent_.size() > kWindow) recent_.pop_front();
  }
}

void EventHub::send(const Event& event) {
  std::erase_if(subscriptions_, [&](const Subscription& s) {
    const auto subscriber = s.subscriber.lock();
    if (!subscriber) return true;
    const auto& text = s.observer ? event.observer : event.full;
    if (text && event.seq > s.after) subscriber->deliver(text);
    return false;
  });
}

void EventHub::heartbeat() {
  static const auto ping = std::make_shared<const std::string>(": ping\n\n");
  std::lock_guard lock(mutex_);
  std::erase_if(subscriptions_, [&](const Subscription& s) {
    const auto subscriber = s.subscriber.lock();
    if (!subscriber) return true;
    subscriber->deliver(ping);
    return false;
  });
}

void EventHub::subscribe(const std::shared_ptr<EventSubscriber>& subscriber, bool observer,
                         std::int64_t since) {
  std::lock_guard lock(mutex_);
  if (closed_) {
    subscriber->deliver(nullptr);
    return;
  }
  if (since >= 0 && since < last_seq_) {
    const bool covered = !recent_.empty() && recent_.front().seq <= since + 1;
    if (!covered) {
      subscriber->deliver(frame(last_seq_, "reset", {{"log_seq", last_seq_}}));
    } else {
      for (const auto& event : recent_) {
        if (event.seq <= since) continue;
        const auto& text = observer ? event.observer : event.full;
        if (text) subscriber->deliver(text);
      }
    }
  }
  subscriptions_.push_back({subscriber, observer, std::max(since, last_seq_)});
}

void EventHub::close_all() {
  std::lock_guard lock(mutex_);
  closed_ = true;
  for (const auto& s : subscriptions_)
    if (const auto subscriber = s.subscriber.lock()) subscriber->deliver(nullptr);
  subscriptions_.clear();
}

std::size_t EventHub::subscribers() {
  std::lock_guard lock(mutex_);
  return subscriptions_.size();
}

std::int64_t EventHub::last_seq() {
  std::lock_guard lock(mutex_);
  return last_seq_;
}

}  // namespace vigil::server
