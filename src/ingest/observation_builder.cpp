#include "vigil/ingest/observation_builder.hpp"

#include <charconv>
#include <cmath>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "vigil/core/observation_vocabulary.hpp"
#include "vigil/ingest/observer_location.hpp"
#include "vigil/io/json_value.hpp"
#include "vigil/vessel/entity_id.hpp"

namespace vigil::ingest {
namespace {

struct Checker {
  io::RecordError& error;

  bool fail(std::string_view field, std::string message) {
    error.field = std::string(field);
    error.message = std::move(message);
    return false;
  }

  bool number(std::string_view field, const nlohmann::json& v, double& out) {
    if (v.is_number()) {
      out = v.get<double>();
    } else if (v.is_string()) {  // "50.1" from a JSON producer that quotes everything
      const auto& s = v.get_ref<const std::string&>();
      auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
      if (ec != std::errc() || end != s.data() + s.size())
        return fail(field, fmt::format("expected a number, got \"{}\"", s));
    } else {
      return fail(field, fmt::format("expected a number, got {}", io::json_type_name(v)));
    }
    if (!std::isfinite(out)) return fail(field, "expected a finite number");
    return true;
  }

  // Takes the string out of `v` (the raw record is consumed as it is built).
  bool text(std::string_view field, nlohmann::json& v, std::size_t max, std::string& out) {
    if (v.is_string()) {
      out = std::move(v.get_ref<std::string&>());
    } else if (v.is_number_integer()) {  // numeric ids and MMSIs arrive unquoted
      out = v.dump();
    } else {
      return fail(field, fmt::format("expected a string, got {}", io::json_type_name(v)));
    }
    if (out.empty()) return fail(field, "must not be empty");
    if (out.size() > max) return fail(field, fmt::format("longer than {} bytes", max));
    for (char c : out)
      if (static_cast<unsigned char>(c) < 0x20) return fail(field, "contains a control character");
    return true;
  }
};

}  // namespace

bool build_observation(io::RawRecord& record, Observation& out, io::RecordError& error) {
  error.line = record.line;
  Checker check{error};
  // Reset field by field: the strings keep their capacity from the previous record.
  out.id.clear();
  out.entity.reset();
  out.uncertainty_m.reset();
  bool has_time = false, has_lat = false, has_lon = false, has_kind = false, has_source = false;
  nlohmann::json* attributes = nullptr;
  nlohmann::json extra = nlohmann::json::object();
  for (auto& [name, value] : record.fields) {
    if (name == "time") {
      if (!value.is_string())
        return check.fail(name, fmt::format("expected an RFC 3339 date-time string, got {}",
                                            io::json_type_name(value)));
      const auto t = parse_rfc3339(value.get_ref<const std::string&>());
      if (!t)
        return check.fail(name, fmt::format("\"{}\" is not an RFC 3339 date-time with an offset "
                                            "between 1900 and 2200",
                                            value.get_ref<const std::string&>()));
      out.time = *t;
      has_time = true;
    } else if (name == "lat") {
      if (!check.number(name, value, out.lat)) return false;
      if (out.lat < -90 || out.lat > 90)
        return check.fail(name, fmt::format("{} is outside [-90, 90]", out.lat));
      has_lat = true;
    } else if (name == "lon") {
      if (!check.number(name, value, out.lon)) return false;
      if (out.lon < -180 || out.lon > 180)
        return check.fail(name, fmt::format("{} is outside [-180, 180]", out.lon));
      has_lon = true;
    } else if (name == "kind") {
      if (!check.text(name, value, kMaxNameLength, out.kind)) return false;
      has_kind = true;
    } else if (name == "source") {
      if (!check.text(name, value, kMaxNameLength, out.source)) return false;
      has_source = true;
    } else if (name == "id") {
      if (value.is_null()) continue;
      if (!check.text(name, value, kMaxIdLength, out.id)) return false;
    } else if (name == "entity") {
      if (value.is_null()) continue;
      std::string entity;
      if (!check.text(name, value, kMaxNameLength, entity)) return false;
      if (!is_valid_entity(entity))
        return check.fail(name, fmt::format("\"{}\" is not of the form namespace:identifier "
                                            "(e.g. mmsi:273274000)",
                                            entity));
      // A vessel is named by its MMSI, which the maritime rules and the vessel pages read as
      // a number: "mmsi:ABC" would be stored and then match no vessel.
      if (entity.rfind(vessel::kMmsiEntityPrefix, 0) == 0 && !vessel::mmsi_of_entity(entity))
        return check.fail(name, fmt::format("\"{}\": an MMSI is 1 to 9 digits, not 0", entity));
      out.entity = std::move(entity);
    } else if (name == "uncertainty_m") {
      if (value.is_null()) continue;
      double u = 0;
      if (!check.number(name, value, u)) return false;
      if (u < 0 || u > kMaxUncertaintyM)
        return check.fail(name, fmt::format("{} is outside [0, {}] metres", u, kMaxUncertaintyM));
      out.uncertainty_m = u;
    } else if (name == "attributes") {
      if (value.is_null()) continue;
      if (value.is_string()) {  // a CSV column holding the attributes as JSON text
        auto parsed = nlohmann::json::parse(value.get_ref<const std::string&>(), nullptr, false);
        if (parsed.is_discarded()) return check.fail(name, "not a JSON object");
        value = std::move(parsed);
      }
      if (!value.is_object())
        return check.fail(name,
                          fmt::format("expected an object, got {}", io::json_type_name(value)));
      attributes = &value;
    } else if (!value.is_null()) {
      extra[name] = std::move(value);
    }
  }
  // Every required field that is missing, at once: a file with other column names lacks
  // several, and fixing them one run at a time is how a first ingest goes wrong.
  std::vector<std::string> missing;
  if (!has_time) missing.emplace_back("time");
  if (has_lat != has_lon) missing.emplace_back(has_lat ? "lon" : "lat");
  if (!has_kind) missing.emplace_back("kind");
  if (!has_source) missing.emplace_back("source");
  if (missing.size() == 1) return check.fail(missing.front(), "missing");
  if (!missing.empty())
    return check.fail(
        missing.front(),
        fmt::format("missing, and so are {}", fmt::join(missing.begin() + 1, missing.end(), ", ")));
  if (attributes) {
    out.attributes = std::move(*attributes);
    for (auto& [name, value] : extra.items()) {
      if (out.attributes.contains(name))
        return check.fail(name, "given both as a field and inside attributes");
      out.attributes[name] = std::move(value);
    }
  } else {
    out.attributes = std::move(extra);
  }
  if (!has_lat) {
    std::string field, message;
    const auto located = locate_from_observer(out, field, message);
    if (located == ObserverResult::absent) return check.fail("lat", "missing");
    if (located == ObserverResult::error) return check.fail(field, std::move(message));
  }
  std::string field, message;
  if (!check_vocabulary(out, field, message)) return check.fail(field, std::move(message));
  return true;
}

}  // namespace vigil::ingest
