#include "vigil/store/list_store.hpp"

#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "column_hash.hpp"
#include "vigil/core/hash.hpp"
#include "vigil/ledger/log_record.hpp"
#include "vigil/store/database.hpp"

namespace vigil::store {
namespace {

using nlohmann::json;
using sanctions::ListEntry;

constexpr std::string_view kEntryColumns =
    "list, entry_id, line, name, former_names, imo, mmsis, flag, callsign, vessel_type, "
    "programs, listed_on, build_year";

template <typename T>
std::string json_array(const std::vector<T>& values) {
  return json(values).dump();
}

ListEntry read_entry(const Statement& st) {
  ListEntry e;
  e.list = std::string(st.text(0));
  e.entry_id = std::string(st.text(1));
  e.line = static_cast<std::uint64_t>(st.int64(2));
  e.name = std::string(st.text(3));
  e.former_names = json::parse(st.text(4)).get<std::vector<std::string>>();
  if (!st.is_null(5)) e.imo = st.int64(5);
  e.mmsis = json::parse(st.text(6)).get<std::vector<std::uint32_t>>();
  e.flag = std::string(st.text(7));
  e.callsign = std::string(st.text(8));
  e.vessel_type = std::string(st.text(9));
  e.programs = json::parse(st.text(10)).get<std::vector<std::string>>();
  e.listed_on = std::string(st.text(11));
  if (!st.is_null(12)) e.build_year = static_cast<int>(st.int64(12));
  return e;
}

}  // namespace

std::string list_load_digest(Database& db, std::int64_t load) {
  Statement st(db, fmt::format("SELECT {} FROM list_entries WHERE load = ? ORDER BY list, "
                               "entry_id, line",
                               kEntryColumns));
  st.bind(1, load);
  Blake2b hasher(32);
  while (st.step()) {
    // build_year joined the entries later: hashed only where set, so that the digests of
    // loads made before it stay what their log records say.
    for (int column = 0; column < 13; ++column) {
      if (column == 12 && st.is_null(column)) continue;
      detail::hash_column(hasher, st, column);
    }
  }
  Digest256 digest{};
  hasher.finish(digest);
  return to_hex(digest);
}

ListLoadReport store_list(Workspace& ws, const std::string& file, const sanctions::LoadedList& list,
                          const std::string& by) {
  Database& db = ws.db();
  Transaction tx(db);
  ListLoadReport report;
  std::set<std::string> lists;
  for (const auto& e : list.entries)
    lists.insert(e.list);
  report.lists.assign(lists.begin(), lists.end());
  const std::string format(sanctions::to_string(list.format));
  const std::string joined = fmt::format("{}", fmt::join(report.lists, ","));
  const Timestamp loaded_at = now();
  Statement insert_load(db,
                        "INSERT INTO list_loads(file, format, lists, loaded_at, loaded_by, "
                        "entries, warnings) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
  insert_load.bind(1, file)
      .bind(2, format)
      .bind(3, joined)
      .bind(4, loaded_at)
      .bind(5, by)
      .bind(6, static_cast<std::int64_t>(list.entries.size()))
      .bind(7, static_cast<std::int64_t>(list.warnings.size()))
      .step();
  report.load = insert_load.int64(0);
  insert_load.reset();
  Statement insert(db, fmt::format("INSERT INTO list_entries(load, {}) VALUES "
                                   "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                   "ON CONFLICT DO NOTHING",
                                   kEntryColumns));
  for (const auto& e : list.entries) {
    insert.bind(1, report.load)
        .bind(2, e.list)
        .bind(3, e.entry_id)
        .bind(4, static_cast<std::int64_t>(e.line))
        .bind(5, e.name)
        .bind(6, json_array(e.former_names))
        .bind(7, e.imo)
        .bind(8, json_array(e.mmsis))
        .bind(9, e.flag)
        .bind(10, e.callsign)
        .bind(11, e.vessel_type)
        .bind(12, json_array(e.programs))
        .bind(13, e.listed_on)
        .bind(14, e.build_year ? std::optional<std::int64_t>(*e.build_year) : std::nullopt)
        .run();
    report.entries += static_cast<std::size_t>(db.changes());
  }
  // Earlier loads of this format whose lists this load covers are replaced.
  Statement earlier(db,
                    "SELECT id, lists FROM list_loads WHERE format = ? AND replaced_by IS NULL "
                    "AND id <> ?");
  earlier.bind(1, format).bind(2, report.load);
  while (earlier.step()) {
    std::string old_lists(earlier.text(1));
    bool covered = true;
    std::size_t start = 0;
    while (start <= old_lists.size()) {
      auto end = old_lists.find(',', start);
      if (end == std::string::npos) end = old_lists.size();
      const std::string name = old_lists.substr(start, end - start);
      if (!name.empty() && !lists.contains(name)) covered = false;
      start = end + 1;
    }
    if (covered) report.replaced.push_back(earlier.int64(0));
  }
  Statement replace(db, "UPDATE list_loads SET replaced_by = ? WHERE id = ?");
  for (const auto id : report.replaced)
    replace.bind(1, report.load).bind(2, id).run();
  const json body = {{"load", report.load},
                     {"file", file},
                     {"format", format},
                     {"lists", report.lists},
                     {"entries", report.entries},
                     {"warnings", list.warnings.size()},
                     {"replaces", report.replaced},
                     {"digest", list_load_digest(db, report.load)},
                     {"loaded_at", format_rfc3339(loaded_at)},
                     {"loaded_by", by}};
  ws.append(std::string(ledger::kListsRecord), fmt::format("lists:{}", report.load), body.dump());
  ws.seal();
  tx.commit();
  return report;
}

std::vector<ListEntry> current_list_entries(Workspace& ws) {
  Statement st(ws.db(),
               fmt::format("SELECT {} FROM list_entries WHERE load IN (SELECT id FROM list_loads "
                           "WHERE replaced_by IS NULL) ORDER BY list, entry_id, line",
                           kEntryColumns));
  std::vector<ListEntry> out;
  while (st.step())
    out.push_back(read_entry(st));
  return out;
}

std::vector<ListSummary> list_summaries(Workspace& ws) {
  Statement st(ws.db(),
               "SELECT e.list, l.format, l.file, l.loaded_at, count(*), count(e.imo), "
               "sum(CASE WHEN e.mmsis <> '[]' THEN 1 ELSE 0 END) FROM list_entries e JOIN "
               "list_loads l ON l.id = e.load "
               "WHERE l.replaced_by IS NULL GROUP BY e.list, l.id ORDER BY e.list, l.id");
  std::vector<ListSummary> out;
  while (st.step())
    out.push_back({std::string(st.text(0)), std::string(st.text(1)), std::string(st.text(2)),
                   st.int64(3), st.int64(4), st.int64(5), st.int64(6)});
  return out;
}

std::optional<SealProblem> check_list_loads(Workspace& ws, const LogRecords& records,
                                            std::int64_t& loads) {
  for (const auto& r : records) {
    if (r.kind != ledger::kListsRecord) continue;
    const auto body = nlohmann::json::parse(r.body);
    const auto load = body.at("load").get<std::int64_t>();
    if (list_load_digest(ws.db(), load) != body.at("digest").get<std::string>())
      return SealProblem{r.seq, fmt::format("the sanctions list entries of load {} (log record "
                                            "{}, {}) were changed",
                                            load, r.seq, body.value("file", std::string()))};
    ++loads;
  }
  return std::nullopt;
}

}  // namespace vigil::store
