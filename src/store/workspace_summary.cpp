#include "vigil/store/workspace_summary.hpp"

namespace vigil::store {
namespace {

WorkspaceSummary::Counts counts(Database& db, const char* sql) {
  WorkspaceSummary::Counts out;
  Statement st(db, sql);
  while (st.step())
    out.emplace_back(std::string(st.text(0)), st.int64(1));
  return out;
}

}  // namespace

WorkspaceSummary summarise(Workspace& ws) {
  Database& db = ws.db();
  WorkspaceSummary s;
  {
    Statement st(db,
                 "SELECT COUNT(*), MIN(time_us), MAX(time_us), MIN(lon), MIN(lat), MAX(lon), "
                 "MAX(lat) FROM observations");
    st.step();
    s.observations = st.int64(0);
    if (s.observations > 0) {
      s.first_time = st.int64(1);
      s.last_time = st.int64(2);
      s.extent = BoundingBox{st.real(3), st.real(4), st.real(5), st.real(6)};
    }
  }
  s.by_kind = counts(db,
                     "SELECT kind, COUNT(*) AS n FROM observations GROUP BY kind "
                     "ORDER BY n DESC, kind");
  s.by_source = counts(db, "SELECT id, observations FROM sources ORDER BY observations DESC, id");
  s.entities_by_namespace = counts(db,
                                   "SELECT namespace, COUNT(*) AS n FROM entities "
                                   "GROUP BY namespace ORDER BY n DESC, namespace");
  for (const auto& [ns, n] : s.entities_by_namespace)
    s.entities += n;
  s.incidents_by_status = counts(db,
                                 "SELECT status, COUNT(*) AS n FROM incidents GROUP BY status "
                                 "ORDER BY n DESC, status");
  for (const auto& [status, n] : s.incidents_by_status)
    s.incidents += n;
  s.incidents_by_rule = counts(db,
                               "SELECT rule, COUNT(*) AS n FROM incidents GROUP BY rule "
                               "ORDER BY n DESC, rule");
  {
    Statement st(db, "SELECT seq, hash FROM log_records ORDER BY seq DESC LIMIT 1");
    if (st.step()) {
      s.log_records = st.int64(0);
      s.head_hash = st.text(1);
    }
  }
  {
    Statement st(db, "SELECT signed_at FROM log_signatures ORDER BY seq DESC LIMIT 1");
    if (st.step()) s.last_signed_at = st.text(0);
  }
  return s;
}

}  // namespace vigil::store
