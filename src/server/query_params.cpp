#include "query_params.hpp"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "vigil/server/api.hpp"

namespace vigil::server {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

[[noreturn]] void bad(std::string_view name, std::string message) {
  throw ApiError(400, fmt::format("parameter '{}': {}", name, message), std::string(name));
}

std::optional<double> to_double(std::string_view text) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int high = hex_value(text[i + 1]), low = hex_value(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::pair<std::string, QueryParams> QueryParams::split_target(std::string_view target) {
  const auto question = target.find('?');
  std::pair<std::string, QueryParams> out;
  const auto path = percent_decode(target.substr(0, question), false);
  if (!path) throw ApiError(400, "the request path has a bad percent-encoding");
  out.first = *path;
  if (question == std::string_view::npos) return out;
  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const auto equals = pair.find('=');
    const auto name = percent_decode(pair.substr(0, equals), true);
    const auto value = percent_decode(
        equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1), true);
    if (!name || !value) throw ApiError(400, "the query string has a bad percent-encoding");
    out.second.values_.emplace_back(*name, *value);
  }
  return out;
}

void QueryParams::allow(std::initializer_list<std::string_view> known) const {
  for (const auto& [name, value] : values_) {
    bool found = false;
    for (const auto k : known)
      found = found || k == name;
    if (!found) {
      std::string list;
      for (const auto k : known)
        list += (list.empty() ? "" : ", ") + std::string(k);
      bad(name.size() > 64 ? name.substr(0, 64) : name,
          list.empty() ? "this request takes no parameters"
                       : fmt::format("unknown here; this request takes {}", list));
    }
  }
}

std::optional<std::string> QueryParams::text(std::string_view name) const {
  std::optional<std::string> found;
  for (const auto& [n, value] : values_) {
    if (n != name) continue;
    if (found) bad(name, "given more than once");
    found = value;
  }
  return found;
}

std::optional<Timestamp> QueryParams::time(std::string_view name) const {
  const auto value = text(name);
  if (!value) return std::nullopt;
  if (auto t = parse_rfc3339(*value)) return t;
  // A bare date means its midnight UTC.
  if (value->size() == 10)
    if (auto t = parse_rfc3339(*value + "T00:00:00Z")) return t;
  bad(name, fmt::format("'{}' is not an RFC 3339 date-time or a date", value->substr(0, 64)));
}

std::optional<store::BoundingBox> QueryParams::bbox(std::string_view name) const {
  const auto value = text(name);
  if (!value) return std::nullopt;
  double v[4];
  std::string_view rest = *value;
  for (int k = 0; k < 4; ++k) {
    const auto comma = rest.find(',');
    if ((k < 3) == (comma == std::string_view::npos))
      bad(name, "must be west,south,east,north in degrees");
    const auto number = to_double(rest.substr(0, comma));
    if (!number) bad(name, "must be west,south,east,north in degrees");
    v[k] = *number;
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  if (v[0] < -180 || v[0] > 180 || v[2] < -180 || v[2] > 180)
    bad(name, "longitudes must lie in [-180, 180]");
  if (v[1] < -90 || v[3] > 90 || v[1] > v[3])
    bad(name, "latitudes must lie in [-90, 90], south before north");
  // A west edge east of the east edge crosses the antimeridian (store::SqlWhere knows).
  return store::BoundingBox{v[0], v[1], v[2], v[3]};
}

std::optional<double> QueryParams::number(std::string_view name, double min, double max) const {
  const auto value = text(name);
  if (!value) return std::nullopt;
  const auto number = to_double(*value);
  if (!number || *number < min || *number > max)
    bad(name, fmt::format("must be a number in [{}, {}]", min, max));
  return number;
}

std::int64_t QueryParams::integer(std::string_view name, std::int64_t fallback, std::int64_t min,
                                  std::int64_t max) const {
  const auto value = text(name);
  if (!value) return fallback;
  std::int64_t number = 0;
  const auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), number);
  if (ec != std::errc() || end != value->data() + value->size() || number < min || number > max)
    bad(name, fmt::format("must be an integer in [{}, {}]", min, max));
  return number;
}

std::vector<std::string> QueryParams::list(std::string_view name) const {
  std::vector<std::string> out;
  const auto value = text(name);
  if (!value) return out;
  std::string_view rest = *value;
  for (;;) {
    const auto comma = rest.find(',');
    const auto item = rest.substr(0, comma);
    if (item.empty()) bad(name, "has an empty item");
    out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  if (out.size() > 100) bad(name, "has more than 100 items");
  return out;
}

}  // namespace vigil::server
