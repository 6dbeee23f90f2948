#include "vigil/store/classification_store.hpp"

namespace vigil::store {

ClassificationWriter::ClassificationWriter(Workspace& ws)
    : current_(ws.db(),
               "SELECT 1 FROM observation_classes WHERE observation_id = ? AND line = ? AND "
               "line_valid_from = ? AND settlement = ?"),
      put_(ws.db(),
           "INSERT INTO observation_classes (observation_id, time_us, line, "
           "line_valid_from, settlement, side, distance_m, zones, sector) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (observation_id) DO UPDATE SET "
           "time_us = excluded.time_us, line = excluded.line, "
           "line_valid_from = excluded.line_valid_from, settlement = excluded.settlement, "
           "side = excluded.side, distance_m = excluded.distance_m, "
           "zones = excluded.zones, sector = excluded.sector") {}

bool ClassificationWriter::classified(std::string_view observation_id, std::string_view line,
                                      std::string_view line_valid_from, std::int64_t settlement) {
  current_.reset();
  current_.bind(1, observation_id).bind(2, line).bind(3, line_valid_from).bind(4, settlement);
  return current_.step();
}

void ClassificationWriter::put(const ObservationClass& c) {
  put_.reset();
  put_.bind(1, c.observation_id)
      .bind(2, c.time)
      .bind(3, c.line)
      .bind(4, c.line_valid_from)
      .bind(5, c.settlement);
  if (c.side)
    put_.bind(6, *c.side);
  else
    put_.bind_null(6);
  put_.bind(7, c.distance_m).bind(8, c.zones_json);
  if (c.sector)
    put_.bind(9, *c.sector);
  else
    put_.bind_null(9);
  put_.step();
}

}  // namespace vigil::store
