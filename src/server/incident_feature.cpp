#include "incident_feature.hpp"

#include <iterator>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "vigil/geo/gazetteer.hpp"

namespace vigil::server::detail {

void append_incident_feature(std::string& out, const store::IncidentRow& row, bool for_observer) {
  const auto geometry_at = row.body.find("\"geometry\":{");
  out += R"({"type":"Feature","id":")";
  out += row.id;
  out += R"(","geometry":)";
  // An identity change heard in a static report alone has no position (lat and lon are 0
  // there): a feature without geometry, not a point in the Gulf of Guinea. position_known() on
  // the stored text, which the log writes canonically, without parsing it.
  const bool position_unknown =
      row.body.find(R"("position_known":false)") != std::string_view::npos;
  if (position_unknown) {
    out += "null";
  } else if (geometry_at != std::string_view::npos) {
    out += nlohmann::json::parse(row.body).at("geometry").dump();
  } else {
    fmt::format_to(std::back_inserter(out), R"({{"type":"Point","coordinates":[{},{}]}})", row.lon,
                   row.lat);
  }
  out += R"(,"properties":)";
  if (for_observer) {
    auto properties = nlohmann::json::parse(row.body);
    properties.erase("recorded_by");
    const auto text = properties.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out.append(text, 0, text.size() - 1);
  } else {
    out += row.body.substr(0, row.body.size() - 1);
  }
  const auto place = position_unknown ? std::nullopt : geo::place_text({row.lat, row.lon});
  out += R"(,"place":)";
  out += place
             ? nlohmann::json(*place).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
             : "null";
  fmt::format_to(std::back_inserter(out), R"(,"status":"{}","log_seq":{},"log_hash":"{}"}}}})",
                 row.status, row.log_seq, row.log_hash);
}

}  // namespace vigil::server::detail
