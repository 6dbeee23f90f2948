// /api/v1/log (the signed log as a bundle), /api/v1/log/verify and /api/v1/detect (a
// detection run over the workspace, logged as the key that asked).
#include <fmt/format.h>

#include "handlers.hpp"
#include "vigil/core/hash.hpp"
#include "vigil/detect/ceasefire_detection.hpp"
#include "vigil/detect/maritime_detection.hpp"
#include "vigil/ledger/bundle.hpp"
#include "vigil/maritime/geography.hpp"
#include "vigil/store/database.hpp"
#include "vigil/store/verification.hpp"

namespace vigil::server::detail {
namespace {

using nlohmann::json;

const maritime::Geography& detection_geography() {
  static const maritime::Geography geography = maritime::load_geography({});
  return geography;
}

json counts(const std::map<std::string, std::uint64_t>& by_rule) {
  json out = json::object();
  for (const auto& [rule, n] : by_rule)
    out[rule] = n;
  return out;
}

}  // namespace

// The log as `vigil log export` writes it, in one document: the records (bodies as the exact
// text that was hashed), the head signatures and the public key, after `after` if given.
ApiResponse get_log(Call& call) {
  call.query.allow({"after"});
  const auto after = call.query.integer("after", 0, 0, std::numeric_limits<std::int64_t>::max());
  json records = json::array();
  for (const auto& r : store::load_log(call.ws))
    if (r.seq > after) records.push_back(ledger::record_json(r));
  json signatures = json::array();
  for (const auto& s : store::load_signatures(call.ws))
    if (s.seq > after) signatures.push_back(ledger::signature_json(s));
  json out = {{"workspace_id", call.ws.id()},
              {"public_key", to_hex(call.ws.public_key())},
              {"key_fingerprint", ledger::fingerprint(call.ws.public_key())},
              {"records", records},
              {"signatures", signatures}};
  return json_response(200, out);
}

ApiResponse verify_log(Call& call) {
  call.query.allow({});
  const auto r = store::verify_workspace(call.ws);
  json out = {{"ok", r.ok},
              {"bad_seq", r.ok ? json(nullptr) : json(r.bad_seq)},
              {"records", r.records},
              {"signatures", r.signatures},
              {"published_reports", r.published_reports},
              {"commitments_loads", r.commitments_loads},
              {"key_fingerprint", r.key_fingerprint}};
  // Observers learn whether the log holds and how long it is (to keep its heads), not how
  // much of each kind it holds nor what the problem names (incident and observation ids).
  if (is_observer(call)) {
    out["problem"] = r.ok ? json(nullptr) : json("the log does not verify at this record");
    return json_response(200, out);
  }
  out["problem"] = r.ok ? json(nullptr) : json(r.problem);
  for (const auto& [name, value] :
       {std::pair{"incidents", r.incidents}, std::pair{"reviews", r.reviews},
        std::pair{"batches", r.batches}, std::pair{"observations", r.observations},
        std::pair{"identity_runs", r.identity_runs}, std::pair{"list_loads", r.list_loads},
        std::pair{"line_versions", r.line_versions},
        std::pair{"sensor_declarations", r.sensor_declarations}})
    out[name] = value;
  return json_response(200, out);
}

// Runs the maritime and ceasefire detectors with their default thresholds, as `vigil detect
// -w` does, optionally over [from, to); new incidents reach the event stream.
ApiResponse run_detection(Call& call) {
  call.query.allow({});
  json body = call.request.body.empty() ? json::object() : body_object(call);
  for (const auto& [key, value] : body.items())
    if (key != "from" && key != "to")
      throw ApiError(400, fmt::format("field '{}': unknown (from and to are)", key), key);
  detect::MaritimeRun maritime;
  for (const char* field : {"from", "to"}) {
    if (!body.contains(field)) continue;
    const auto& value = body[field];
    const auto time = value.is_string() ? parse_rfc3339(value.get<std::string>()) : std::nullopt;
    if (!time)
      throw ApiError(400, fmt::format("field '{}': must be an RFC 3339 time", field), field);
    (std::string_view(field) == "from" ? maritime.from : maritime.to) = *time;
  }
  maritime.by = call.who.label();
  // One transaction, as documented: a run stopped halfway leaves none of its incidents.
  store::Transaction tx(call.ws.db());
  const auto found = detect::run_maritime_detection(call.ws, detection_geography(), maritime);
  detect::CeasefireRun ceasefire;
  ceasefire.from = maritime.from;
  ceasefire.to = maritime.to;
  ceasefire.by = maritime.by;
  const auto judged = detect::run_ceasefire_detection(call.ws, ceasefire);
  tx.commit();
  return json_response(200, {{"maritime",
                              {{"positions", found.positions},
                               {"identity_values", found.static_values},
                               {"created", counts(found.created)},
                               {"known", counts(found.known)},
                               {"pending", counts(found.pending)}}},
                             {"ceasefire",
                              {{"settlement", judged.has_settlement},
                               {"reports", judged.reports},
                               {"positions", judged.positions},
                               {"unplaced", judged.unplaced},
                               {"incidents", judged.clusters},
                               {"created", counts(judged.created)},
                               {"known", counts(judged.known)},
                               {"superseding", counts(judged.superseding)}}}});
}

}  // namespace vigil::server::detail
