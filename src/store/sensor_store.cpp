#include "vigil/store/sensor_store.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "vigil/core/hash.hpp"
#include "vigil/ledger/log_record.hpp"
#include "vigil/store/database.hpp"

namespace vigil::store {

std::int64_t store_sensors(Workspace& ws, const ceasefire::SensorDeclaration& sensors,
                           const std::string& source, const std::string& by) {
  Database& db = ws.db();
  Transaction tx(db);
  const Timestamp at = now();
  Statement insert(db,
                   "INSERT INTO sensor_declarations(document, source, declared_at, declared_by) "
                   "VALUES (?, ?, ?, ?) RETURNING id");
  insert.bind(1, sensors.canonical).bind(2, source).bind(3, at).bind(4, by).step();
  const std::int64_t id = insert.int64(0);
  insert.reset();
  const nlohmann::json body = {{"sensors", id},
                               {"source", source},
                               {"cameras", sensors.cameras.size()},
                               {"patrols", sensors.patrols.size()},
                               {"uav_flights", sensors.uav_flights.size()},
                               {"digest", to_hex(blake2b_256(sensors.canonical))},
                               {"declared_at", format_rfc3339(at)},
                               {"declared_by", by}};
  ws.append(std::string(ledger::kSensorsRecord), fmt::format("sensors:{}", id), body.dump());
  ws.seal();
  tx.commit();
  return id;
}

std::optional<StoredSensors> current_sensors(Workspace& ws) {
  Statement st(ws.db(),
               "SELECT id, document, source, declared_at FROM sensor_declarations "
               "ORDER BY id DESC LIMIT 1");
  if (!st.step()) return std::nullopt;
  StoredSensors out;
  out.id = st.int64(0);
  out.sensors = ceasefire::parse_sensor_declaration(std::string(st.text(1)),
                                                    fmt::format("sensor declaration {}", out.id));
  out.source = std::string(st.text(2));
  out.declared_at = st.int64(3);
  return out;
}

std::string sensors_digest(Workspace& ws, std::int64_t id) {
  Statement st(ws.db(), "SELECT document FROM sensor_declarations WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return {};
  return to_hex(blake2b_256(st.text(0)));
}

std::optional<SealProblem> check_sensor_declarations(Workspace& ws, const LogRecords& records,
                                                     std::int64_t& declarations) {
  for (const auto& r : records) {
    if (r.kind != ledger::kSensorsRecord) continue;
    const auto body = nlohmann::json::parse(r.body);
    const auto id = body.at("sensors").get<std::int64_t>();
    if (sensors_digest(ws, id) != body.at("digest").get<std::string>())
      return SealProblem{
          r.seq, fmt::format("sensor declaration {} (log record {}) was changed", id, r.seq)};
    ++declarations;
  }
  return std::nullopt;
}

}  // namespace vigil::store
