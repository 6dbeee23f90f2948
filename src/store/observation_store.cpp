#include "vigil/store/observation_store.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <memory>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "vigil/core/observation_vocabulary.hpp"
#include "vigil/ledger/log_record.hpp"
#include "vigil/store/schema.hpp"
#include "vigil/store/sql_where.hpp"
#include "vigil/store/vessel_store.hpp"
#include "vigil/vessel/entity_id.hpp"

namespace vigil::store {

std::int64_t next_batch_id(Database& db) {
  Statement st(db, "SELECT COALESCE(MAX(id), 0) + 1 FROM batches");
  st.step();
  return st.int64(0);
}

std::string_view entity_namespace(std::string_view entity) {
  return entity.substr(0, entity.find(':'));
}

namespace {

constexpr std::string_view kObservationColumns =
    "SELECT id, time_us, lat, lon, kind, source, entity, uncertainty_m, attributes, batch "
    "FROM observations";

// Where an observation with this id would be stored, if it can be.
std::optional<Timestamp> locate(Database& db, std::string_view id) {
  Statement st(db, "SELECT time_us FROM given_ids WHERE id = ?");
  st.bind(1, id);
  if (st.step()) return st.int64(0);
  return time_of_content_id(id);
}

}  // namespace

void read_observation_row(const Statement& st, Observation& o) {
  o.id = st.text(0);
  o.time = st.int64(1);
  o.lat = st.real(2);
  o.lon = st.real(3);
  o.kind = st.text(4);
  o.source = st.text(5);
  o.entity = st.is_null(6) ? std::nullopt : std::optional<std::string>(st.text(6));
  o.uncertainty_m = st.is_null(7) ? std::nullopt : std::optional<double>(st.real(7));
  o.attributes = nlohmann::json::parse(st.text(8));
}

void add_to_batch_digest(Blake2b& hasher, std::string_view id, const Digest128& digest) {
  hasher.update_u64(id.size()).update(id).update(digest);
}

BatchWriter::BatchWriter(Workspace& workspace, std::string file, std::string format, std::string by)
    : ws_(workspace),
      file_(std::move(file)),
      format_(std::move(format)),
      by_(std::move(by)),
      started_at_(now()),
      tx_(workspace.db()),
      batch_id_(next_batch_id(workspace.db())),
      insert_(workspace.db(),
              "INSERT INTO observations(time_us, id, lat, lon, kind, source, entity, "
              "uncertainty_m, attributes, content_digest, batch) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"),
      find_digest_(workspace.db(),
                   "SELECT content_digest FROM observations WHERE time_us = ? AND id = ?"),
      claim_id_(workspace.db(),
                "INSERT INTO given_ids(id, time_us) VALUES (?, ?) ON CONFLICT DO NOTHING"),
      find_given_(workspace.db(), "SELECT time_us FROM given_ids WHERE id = ?") {
  // The batch row must exist before observations reference it; its counts are set at commit.
  Statement st(ws_.db(),
               "INSERT INTO batches(id, file, format, started_at, finished_at, added, "
               "duplicates, rejected, recorded_by) VALUES (?, ?, ?, ?, 0, 0, 0, 0, ?)");
  st.bind(1, batch_id_).bind(2, file_).bind(3, format_).bind(4, started_at_).bind(5, by_).run();
}

BatchWriter::~BatchWriter() = default;

BatchWriter::Outcome BatchWriter::already_stored(Timestamp time, const std::string& id,
                                                 const Digest128& digest) {
  find_digest_.bind(1, time).bind(2, id);
  const bool same = find_digest_.step() && std::ranges::equal(find_digest_.blob(0), digest);
  find_digest_.reset();
  if (!same) return Outcome::conflict;
  ++duplicates_;
  return Outcome::duplicate;
}

BatchWriter::Outcome BatchWriter::add(const Observation& obs, std::string_view attributes_json,
                                      const Digest128& digest, bool id_is_derived) {
  Database& db = ws_.db();
  // A given id that looks like a derived one (with its time) is located without given_ids.
  if (!id_is_derived && time_of_content_id(obs.id) != obs.time) {
    // An id given by the source: claim it, or find what it already names.
    claim_id_.bind(1, obs.id).bind(2, obs.time).run();
    if (db.changes() == 0) {
      find_given_.bind(1, obs.id);
      find_given_.step();
      const Timestamp stored_time = find_given_.int64(0);
      find_given_.reset();
      return already_stored(stored_time, obs.id, digest);
    }
  }
  insert_.bind(1, obs.time)
      .bind_static(2, obs.id)
      .bind(3, obs.lat)
      .bind(4, obs.lon)
      .bind_static(5, obs.kind)
      .bind_static(6, obs.source)
      .bind_static_or_null(7, obs.entity)
      .bind(8, obs.uncertainty_m)
      .bind_static(9, attributes_json)
      .bind(10, digest)
      .bind(11, batch_id_)
      .run();
  if (db.changes() == 0) return already_stored(obs.time, obs.id, digest);
  count_added(obs);
  return Outcome::added;
}

void BatchWriter::count_added(const Observation& obs) {
  ++added_;
  first_time_ = std::min(first_time_, obs.time);
  last_time_ = std::max(last_time_, obs.time);
  auto note = [&](auto& map, const std::string& key) {
    auto it = map.find(key);
    if (it == map.end()) {
      map.emplace(key, Span{obs.time, obs.time, 1});
    } else {
      it->second.first = std::min(it->second.first, obs.time);
      it->second.last = std::max(it->second.last, obs.time);
      ++it->second.count;
    }
  };
  if (obs.entity) note(entities_, *obs.entity);
  note(sources_, obs.source);
}

namespace {

constexpr std::size_t kRowsPerInsert = 500;
constexpr int kColumnsPerRow = 11;
constexpr std::size_t kRowsPerUpsert = 500;

// "(?, ?), (?, ?)" for rows = 2, columns = 2: the parameters of a multi-row statement.
std::string parameter_rows(std::size_t rows, int columns) {
  std::string row = "(?";
  for (int c = 1; c < columns; ++c)
    row += ", ?";
  row += ")";
  std::string out;
  out.reserve(rows * (row.size() + 2));
  for (std::size_t r = 0; r < rows; ++r) {
    if (r) out += ", ";
    out += row;
  }
  return out;
}

// INSERT `head` (?, ...), (?, ...) `tail` for every entry of `spans`, kRowsPerUpsert rows per
// statement; `bind_row` binds one entry's `columns` parameters after parameter `p`.
template <typename Spans, typename BindRow>
void upsert_spans(Database& db, std::string_view head, int columns, std::string_view tail,
                  const Spans& spans, BindRow bind_row) {
  auto it = spans.begin();
  std::size_t left = spans.size();
  while (left > 0) {
    const std::size_t rows = std::min(left, kRowsPerUpsert);
    Statement st(db, std::string(head) + parameter_rows(rows, columns) + std::string(tail));
    for (std::size_t r = 0; r < rows; ++r, ++it)
      bind_row(st, static_cast<int>(r) * columns, it->first, it->second);
    st.run();
    left -= rows;
  }
}

std::string multi_row_insert(std::size_t rows) {
  return "INSERT INTO observations(time_us, id, lat, lon, kind, source, entity, uncertainty_m, "
         "attributes, content_digest, batch) VALUES " +
         parameter_rows(rows, kColumnsPerRow) + " ON CONFLICT DO NOTHING RETURNING time_us, id";
}

}  // namespace

void BatchWriter::add_all(const std::vector<Item>& items, std::vector<Outcome>& outcomes) {
  outcomes.assign(items.size(), Outcome::added);
  if (!ws_.db().postgresql()) {  // in-process: a statement per row costs nothing more
    for (std::size_t i = 0; i < items.size(); ++i)
      outcomes[i] =
          add(*items[i].obs, items[i].attributes_json, *items[i].digest, items[i].id_is_derived);
    return;
  }
  // Ids given by sources go one by one (they claim their id first); the rest in bulk.
  std::vector<std::size_t> rows;
  rows.reserve(kRowsPerInsert);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& item = items[i];
    if (!item.id_is_derived && time_of_content_id(item.obs->id) != item.obs->time) {
      outcomes[i] = add(*item.obs, item.attributes_json, *item.digest, item.id_is_derived);
      continue;
    }
    rows.push_back(i);
    if (rows.size() == kRowsPerInsert) {
      insert_rows(items, rows, outcomes);
      rows.clear();
    }
  }
  if (!rows.empty()) insert_rows(items, rows, outcomes);
}

void BatchWriter::insert_rows(const std::vector<Item>& items, const std::vector<std::size_t>& rows,
                              std::vector<Outcome>& outcomes) {
  std::unique_ptr<Statement> partial;
  Statement* st = nullptr;
  if (rows.size() == kRowsPerInsert) {
    if (!insert_many_)
      insert_many_ = std::make_unique<Statement>(ws_.db(), multi_row_insert(kRowsPerInsert));
    st = insert_many_.get();
  } else {
    partial = std::make_unique<Statement>(ws_.db(), multi_row_insert(rows.size()));
    st = partial.get();
  }
  int p = 0;
  for (const std::size_t i : rows) {
    const Observation& obs = *items[i].obs;
    st->bind(p + 1, obs.time)
        .bind_static(p + 2, obs.id)
        .bind(p + 3, obs.lat)
        .bind(p + 4, obs.lon)
        .bind_static(p + 5, obs.kind)
        .bind_static(p + 6, obs.source)
        .bind_static_or_null(p + 7, obs.entity)
        .bind(p + 8, obs.uncertainty_m)
        .bind_static(p + 9, items[i].attributes_json)
        .bind(p + 10, *items[i].digest)
        .bind(p + 11, batch_id_);
    p += kColumnsPerRow;
  }
  // What the statement stored; a row it skipped is already stored, or repeats one before it.
  std::multiset<std::pair<Timestamp, std::string>> stored;
  while (st->step())
    stored.emplace(st->int64(0), std::string(st->text(1)));
  st->reset();
  std::vector<std::size_t> skipped;
  for (const std::size_t i : rows) {
    const Observation& obs = *items[i].obs;
    const auto found = stored.find({obs.time, obs.id});
    if (found != stored.end()) {
      stored.erase(found);
      count_added(obs);
      outcomes[i] = Outcome::added;
    } else {
      skipped.push_back(i);
    }
  }
  if (skipped.empty()) return;
  // The skipped rows' stored digests in one query: a repeat of the same content is a
  // duplicate, other content under the same id a conflict.
  Statement lookup(ws_.db(),
                   "SELECT time_us, id, content_digest FROM observations WHERE (time_us, id) IN (" +
                       parameter_rows(skipped.size(), 2) + ")");
  int q = 0;
  for (const std::size_t i : skipped) {
    lookup.bind(++q, items[i].obs->time);
    lookup.bind_static(++q, items[i].obs->id);
  }
  std::map<std::pair<Timestamp, std::string>, std::vector<std::uint8_t>> digests;
  while (lookup.step()) {
    const auto blob = lookup.blob(2);
    digests.emplace(std::pair{lookup.int64(0), std::string(lookup.text(1))},
                    std::vector<std::uint8_t>(blob.begin(), blob.end()));
  }
  for (const std::size_t i : skipped) {
    const auto found = digests.find({items[i].obs->time, items[i].obs->id});
    const bool same = found != digests.end() && std::ranges::equal(found->second, *items[i].digest);
    outcomes[i] = same ? Outcome::duplicate : Outcome::conflict;
    if (same) ++duplicates_;
  }
}

std::uint64_t BatchWriter::add_identity_runs(const std::vector<vessel::IdentityRun>& runs) {
  Statement insert(ws_.db(),
                   "INSERT INTO vessel_identity(mmsi, attribute, value, first_us, last_us, "
                   "reports, batch) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
  std::uint64_t added = 0;
  for (const auto& run : runs) {
    insert.bind(1, static_cast<std::int64_t>(run.mmsi))
        .bind_static(2, vessel::to_string(run.attribute))
        .bind_static(3, run.value)
        .bind(4, run.first)
        .bind(5, run.last)
        .bind(6, run.reports)
        .bind(7, batch_id_)
        .run();
    added += static_cast<std::uint64_t>(ws_.db().changes());
  }
  identity_added_ += added;
  return added;
}

void BatchWriter::commit(std::uint64_t rejected) {
  Database& db = ws_.db();
  if (added_ == 0 && identity_added_ == 0) {
    // Nothing new: leave no trace, so a repeated ingest changes nothing at all.
    db.exec(fmt::format("DELETE FROM batches WHERE id = {}", batch_id_));
    tx_.commit();
    return;
  }
  const Timestamp finished = now();
  Statement update(db,
                   "UPDATE batches SET finished_at = ?, added = ?, duplicates = ?, rejected = ? "
                   "WHERE id = ?");
  update.bind(1, finished)
      .bind(2, static_cast<std::int64_t>(added_))
      .bind(3, static_cast<std::int64_t>(duplicates_))
      .bind(4, static_cast<std::int64_t>(rejected))
      .bind(5, batch_id_)
      .run();
  // Many rows per statement: on PostgreSQL every statement is a round trip, and a batch from
  // a few hundred sensors would otherwise make a few hundred of them.
  upsert_spans(
      db, "INSERT INTO entities(id, namespace, first_time, last_time, observations) VALUES ", 5,
      " ON CONFLICT(id) DO UPDATE SET "
      "first_time = CASE WHEN excluded.first_time < entities.first_time "
      "THEN excluded.first_time ELSE entities.first_time END, "
      "last_time = CASE WHEN excluded.last_time > entities.last_time "
      "THEN excluded.last_time ELSE entities.last_time END, "
      "observations = entities.observations + excluded.observations",
      entities_, [](Statement& st, int p, const std::string& id, const Span& span) {
        st.bind(p + 1, id)
            .bind(p + 2, entity_namespace(id))
            .bind(p + 3, span.first)
            .bind(p + 4, span.last)
            .bind(p + 5, span.count);
      });
  upsert_spans(
      db, "INSERT INTO sources(id, first_time, last_time, observations) VALUES ", 4,
      " ON CONFLICT(id) DO UPDATE SET "
      "first_time = CASE WHEN excluded.first_time < sources.first_time "
      "THEN excluded.first_time ELSE sources.first_time END, "
      "last_time = CASE WHEN excluded.last_time > sources.last_time "
      "THEN excluded.last_time ELSE sources.last_time END, "
      "observations = sources.observations + excluded.observations",
      sources_, [](Statement& st, int p, const std::string& id, const Span& span) {
        st.bind(p + 1, id).bind(p + 2, span.first).bind(p + 3, span.last).bind(p + 4, span.count);
      });

  // The seal covers the batch's rows in storage order, read back as stored.
  Blake2b hasher(32);
  Statement rows(db,
                 "SELECT id, content_digest FROM observations WHERE time_us BETWEEN ? AND ? "
                 "AND batch = ? ORDER BY time_us, id");
  rows.bind(1, first_time_).bind(2, last_time_).bind(3, batch_id_);
  while (rows.step()) {
    Digest128 d{};
    const auto blob = rows.blob(1);
    std::copy_n(blob.begin(), std::min(blob.size(), d.size()), d.begin());
    add_to_batch_digest(hasher, rows.text(0), d);
  }
  Statement identity(db, fmt::format("SELECT {} FROM vessel_identity WHERE batch = ? ORDER BY {}",
                                     kIdentityColumns, kIdentitySealOrder));
  identity.bind(1, batch_id_);
  while (identity.step())
    add_identity_row_to_digest(hasher, identity);
  Digest256 digest{};
  hasher.finish(digest);
  nlohmann::json body = {{"batch", batch_id_},
                         {"file", file_},
                         {"format", format_},
                         {"added", added_},
                         {"duplicates", duplicates_},
                         {"rejected", rejected},
                         {"digest", to_hex(digest)},
                         {"started_at", format_rfc3339(started_at_)},
                         {"finished_at", format_rfc3339(finished)},
                         {"recorded_by", by_}};
  if (identity_added_ > 0) body["identity_runs"] = identity_added_;
  ws_.append(std::string(ledger::kBatchRecord), fmt::format("batch:{}", batch_id_), body.dump());
  ws_.seal();
  tx_.commit();
}

void for_each_observation(Workspace& ws, const ObservationFilter& f,
                          const std::function<bool(const StoredObservation&)>& visit) {
  SqlWhere where;
  if (f.from) where.add("time_us >= ?", *f.from);
  if (f.to) where.add("time_us < ?", *f.to);
  if (f.bbox) where.add_bbox("lat", "lon", *f.bbox);
  where.add_in("kind", f.kinds);
  where.add_in("source", f.sources);
  where.add_in("entity", f.entities);
  if (f.after) where.add("(time_us, id) > (?, ?)", f.after->first, f.after->second);
  std::string sql = std::string(kObservationColumns) + where.sql() + " ORDER BY time_us, id";
  if (f.limit) sql += fmt::format(" LIMIT {}", *f.limit);
  Statement st(ws.db(), sql);
  where.bind(st);
  StoredObservation row;
  while (st.step()) {
    read_observation_row(st, row.obs);
    row.batch = st.int64(9);
    if (!visit(row)) break;
  }
}

std::optional<Observation> find_observation(Workspace& ws, std::string_view id) {
  const auto time = locate(ws.db(), id);
  if (!time) return std::nullopt;
  Statement st(ws.db(), std::string(kObservationColumns) + " WHERE time_us = ? AND id = ?");
  st.bind(1, *time).bind(2, id);
  if (!st.step()) return std::nullopt;
  Observation obs;
  read_observation_row(st, obs);
  return obs;
}

std::optional<Timestamp> newest_observation_time(Workspace& ws) {
  Statement st(ws.db(), "SELECT max(time_us) FROM observations");
  if (!st.step() || st.is_null(0)) return std::nullopt;
  return st.int64(0);
}

std::vector<PositionFix> positions_of(Workspace& ws, std::string_view entity, Timestamp from,
                                      Timestamp to) {
  Statement st(ws.db(),
               "SELECT time_us, lat, lon FROM observations WHERE entity = ? AND "
               "kind = 'position' AND time_us >= ? AND time_us < ? ORDER BY time_us");
  st.bind(1, entity).bind(2, from).bind(3, to);
  std::vector<PositionFix> fixes;
  while (st.step())
    fixes.push_back({st.int64(0), st.real(1), st.real(2)});
  return fixes;
}

void for_each_vessel_fix(Workspace& ws, Timestamp from, Timestamp to,
                         const std::function<void(const VesselFix&)>& visit) {
  Statement st(ws.db(), "SELECT time_us, lat, lon, entity, " +
                            ws.db().json_field("attributes", "speed") +
                            " FROM observations WHERE kind = 'position' AND entity LIKE 'mmsi:%' "
                            "AND time_us >= ? AND time_us < ? ORDER BY time_us, id");
  st.bind(1, from).bind(2, to);
  while (st.step()) {
    const auto mmsi = vessel::mmsi_of_entity(st.text(3));
    if (!mmsi) continue;
    VesselFix fix{st.int64(0), *mmsi, st.real(1), st.real(2), std::nullopt};
    if (!st.is_null(4)) fix.speed_kn = st.real(4);
    visit(fix);
  }
}

std::optional<std::string> position_observation_at(Workspace& ws, Timestamp time,
                                                   std::string_view entity) {
  Statement st(ws.db(),
               "SELECT id FROM observations WHERE time_us = ? AND entity = ? AND "
               "kind = 'position' ORDER BY id LIMIT 1");
  st.bind(1, time).bind(2, entity);
  if (!st.step()) return std::nullopt;
  return std::string(st.text(0));
}

void for_each_ceasefire_observation(Workspace& ws, const CeasefireSelection& selection,
                                    const std::function<void(const CeasefireRow&)>& visit) {
  std::string kinds;
  for (const auto k : observation_kind_names())
    if (is_ceasefire_kind(*parse_observation_kind(k)))
      kinds += (kinds.empty() ? "'" : ", '") + std::string(k) + "'";
  kinds = "(kind IN (" + kinds + ")" +
          (selection.with_positions ? " OR (kind = 'position' AND entity IS NOT NULL))" : ")");
  // INDEXED BY: without statistics the planner may prefer the primary key's time order, a
  // scan of every AIS report in the window.
  auto& db = ws.db();
  const bool by_batch = selection.from_batch > 0;
  const std::string range =
      by_batch
          ? db.indexed_by("observations_not_vessel_batch") + " WHERE batch >= ? AND batch < ?"
          : db.indexed_by("observations_not_vessel_time") + " WHERE time_us >= ? AND time_us < ?";
  Statement st(db, "SELECT id, time_us, lat, lon, kind, source, entity, uncertainty_m, " +
                       db.json_field("attributes", "weapon_class") + ", " +
                       db.json_field("attributes", "count") + ", " +
                       db.json_field("attributes", "time_precision") + ", " +
                       db.json_field("attributes", "direction") + " FROM observations" + range +
                       " AND " + std::string(kNotVesselObservation) + " AND " + kinds +
                       " ORDER BY time_us, id");
  if (by_batch)
    st.bind(1, selection.from_batch).bind(2, std::numeric_limits<std::int64_t>::max());
  else
    st.bind(1, selection.from).bind(2, selection.to);
  const auto text = [&st](int column) -> std::optional<std::string_view> {
    if (st.is_null(column)) return std::nullopt;
    return st.text(column);
  };
  const auto real = [&st](int column) -> std::optional<double> {
    if (st.is_null(column)) return std::nullopt;
    return st.real(column);
  };
  while (st.step()) {
    CeasefireRow row;
    row.id = st.text(0);
    row.time = st.int64(1);
    row.lat = st.real(2);
    row.lon = st.real(3);
    row.kind = st.text(4);
    row.source = st.text(5);
    row.entity = text(6);
    row.uncertainty_m = real(7);
    row.weapon_class = text(8);
    row.count = real(9);
    row.time_precision = text(10);
    row.direction = text(11);
    visit(row);
  }
}

bool source_reported(Workspace& ws, std::string_view source, Timestamp from, Timestamp to) {
  Statement st(ws.db(),
               "SELECT 1 FROM observations WHERE source = ? AND time_us >= ? AND time_us < ? "
               "LIMIT 1");
  st.bind(1, source).bind(2, from).bind(3, to);
  return st.step();
}

std::vector<SourceDay> source_activity(Workspace& ws, std::string_view source, Timestamp from,
                                       Timestamp to) {
  constexpr Timestamp kDay = 86'400'000'000;
  Statement st(ws.db(),
               "SELECT time_us / 86400000000, kind, COUNT(*) FROM observations "
               "WHERE time_us >= ? AND time_us < ? AND source = ? "
               "GROUP BY time_us / 86400000000, kind ORDER BY 1, 2");
  st.bind(1, from).bind(2, to).bind(3, source);
  std::vector<SourceDay> days;
  while (st.step())
    days.push_back({st.int64(0) * kDay, std::string(st.text(1)), st.int64(2)});
  return days;
}

std::optional<Observation> latest_observation_of(Workspace& ws, std::string_view entity) {
  Statement last(ws.db(), "SELECT last_time FROM entities WHERE id = ?");
  last.bind(1, entity);
  if (!last.step()) return std::nullopt;
  Statement st(ws.db(), std::string(kObservationColumns) +
                            " WHERE time_us = ? AND entity = ? ORDER BY id LIMIT 1");
  st.bind(1, last.int64(0)).bind(2, entity);
  if (!st.step()) return std::nullopt;
  Observation obs;
  read_observation_row(st, obs);
  return obs;
}

bool observation_exists(Workspace& ws, std::string_view id) {
  const auto time = locate(ws.db(), id);
  if (!time) return false;
  Statement st(ws.db(), "SELECT 1 FROM observations WHERE time_us = ? AND id = ?");
  st.bind(1, *time).bind(2, id);
  return st.step();
}

std::optional<SealProblem> check_observation_batches(Workspace& ws, const LogRecords& records,
                                                     BatchSealCounts& counts) {
  // One pass in storage order, each row's digest recomputed from its columns and fed to its
  // batch's hasher; then the vessel identity rows, after their batch's observations.
  struct BatchSeal {
    BatchSeal(std::int64_t s, std::int64_t a, std::int64_t ia, std::string d)
        : seq(s), added(a), identity_added(ia), digest(std::move(d)) {}
    std::int64_t seq;
    std::int64_t added;
    std::int64_t identity_added;
    std::string digest;
    Blake2b hasher{32};
    std::int64_t seen = 0;
    std::int64_t identity_seen = 0;
  };
  std::map<std::int64_t, BatchSeal> seals;
  for (const auto& r : records) {
    if (r.kind != ledger::kBatchRecord) continue;
    const auto body = nlohmann::json::parse(r.body);
    seals.try_emplace(
        body.at("batch").get<std::int64_t>(), r.seq, body.at("added").get<std::int64_t>(),
        body.value("identity_runs", std::int64_t{0}), body.at("digest").get<std::string>());
  }
  counts.batches = static_cast<std::int64_t>(seals.size());
  Statement rows(ws.db(),
                 "SELECT id, time_us, lat, lon, kind, source, entity, uncertainty_m, attributes, "
                 "content_digest, batch FROM observations ORDER BY time_us, id",
                 Statement::Rows::in_batches);
  while (rows.step()) {
    Observation o;
    bool readable = true;
    try {
      read_observation_row(rows, o);
    } catch (const std::exception&) {
      readable = false;
    }
    const std::int64_t batch = rows.int64(10);
    const auto seal = seals.find(batch);
    if (seal == seals.end())
      return SealProblem{
          0, fmt::format("observation {} belongs to batch {}, which is in no log record", o.id,
                         batch)};
    const Digest128 digest = content_digest(o);
    const auto stored = rows.blob(9);
    if (!readable || !std::equal(stored.begin(), stored.end(), digest.begin(), digest.end()))
      return SealProblem{seal->second.seq,
                         fmt::format("observation {} of batch {} (log record {}) was altered", o.id,
                                     batch, seal->second.seq)};
    add_to_batch_digest(seal->second.hasher, o.id, digest);
    ++seal->second.seen;
    ++counts.observations;
  }
  Statement identity(ws.db(),
                     fmt::format("SELECT {}, batch FROM vessel_identity ORDER BY batch, {}",
                                 kIdentityColumns, kIdentitySealOrder),
                     Statement::Rows::in_batches);
  while (identity.step()) {
    const std::int64_t batch = identity.int64(6);
    const auto seal = seals.find(batch);
    if (seal == seals.end())
      return SealProblem{
          0, fmt::format("identity of vessel {} belongs to batch {}, which is in no log "
                         "record",
                         identity.int64(0), batch)};
    add_identity_row_to_digest(seal->second.hasher, identity);
    ++seal->second.identity_seen;
    ++counts.identity_runs;
  }
  for (auto& [batch, seal] : seals) {
    Digest256 digest{};
    seal.hasher.finish(digest);
    if (seal.seen != seal.added || seal.identity_seen != seal.identity_added ||
        to_hex(digest) != seal.digest)
      return SealProblem{
          seal.seq, fmt::format("the observations of batch {} (log record {}) were changed: {} "
                                "stored where the log sealed {}, {} vessel identity rows where it "
                                "sealed {}",
                                batch, seal.seq, seal.seen, seal.added, seal.identity_seen,
                                seal.identity_added)};
  }
  return std::nullopt;
}

namespace {

// Who and what was observed, as the entities and sources tables keep it for listing, against
// the same tallies recomputed from the observations.
std::optional<std::string> compare_tallies(Database& db) {
  struct Tally {
    const char* table;
    const char* stored;
    const char* recomputed;
  };
  static constexpr Tally kTallies[] = {
      {"entities",
       "SELECT id, first_time, last_time, observations, namespace FROM entities "
       "ORDER BY id",
       "SELECT entity, MIN(time_us), MAX(time_us), COUNT(*) FROM observations "
       "WHERE entity IS NOT NULL GROUP BY entity ORDER BY entity"},
      {"sources", "SELECT id, first_time, last_time, observations FROM sources ORDER BY id",
       "SELECT source, MIN(time_us), MAX(time_us), COUNT(*) FROM observations "
       "GROUP BY source ORDER BY source"},
  };
  for (const auto& tally : kTallies) {
    Statement stored(db, tally.stored, Statement::Rows::in_batches);
    Statement recomputed(db, tally.recomputed, Statement::Rows::in_batches);
    for (;;) {
      const bool has_s = stored.step(), has_r = recomputed.step();
      if (!has_s && !has_r) break;
      if (has_s != has_r)
        return fmt::format("{} row {} {}", tally.table,
                           has_s ? stored.canonical(0) : recomputed.canonical(0),
                           has_s ? "has no observation behind it" : "is missing");
      bool same = stored.canonical(0) == recomputed.canonical(0);
      for (int c = 1; same && c < 4; ++c)
        same = stored.int64(c) == recomputed.int64(c);
      if (same && stored.columns() > 4) same = stored.text(4) == entity_namespace(stored.text(0));
      if (!same)
        return fmt::format("{} row {} differs from the observations it tallies", tally.table,
                           std::min(stored.canonical(0), recomputed.canonical(0)));
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<SealProblem> check_observation_tallies(Workspace& ws) {
  if (auto mismatch = compare_tallies(ws.db())) return SealProblem{0, *mismatch};
  return std::nullopt;
}

}  // namespace vigil::store
