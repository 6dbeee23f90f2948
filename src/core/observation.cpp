#include "vigil/core/observation.hpp"

#include <fmt/format.h>

namespace vigil {

std::string canonical_content(const Observation& obs, std::string_view attributes_json) {
  // Unit separators keep fields from running into each other; shortest round-trip formatting
  // of doubles makes "50.10" and "50.1" the same content.
  fmt::memory_buffer out;
  fmt::format_to(std::back_inserter(out), "obs-v1\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f",
                 obs.time, obs.lat, obs.lon, obs.kind, obs.source, obs.entity ? *obs.entity : "");
  if (obs.uncertainty_m) fmt::format_to(std::back_inserter(out), "{}", *obs.uncertainty_m);
  out.push_back('\x1f');
  out.append(attributes_json);
  return fmt::to_string(out);
}

std::string canonical_content(const Observation& obs) {
  return canonical_content(obs, obs.attributes.dump());
}

Digest128 content_digest(const Observation& obs, std::string_view attributes_json) {
  return blake2b_128(canonical_content(obs, attributes_json));
}

Digest128 content_digest(const Observation& obs) {
  return blake2b_128(canonical_content(obs));
}

namespace {
constexpr std::int64_t kTimeBias = std::int64_t{1} << 55;
constexpr std::size_t kTimeDigits = 14;
}  // namespace

std::string content_id(Timestamp time, const Digest128& digest) {
  std::string id = fmt::format("{:014x}", static_cast<std::uint64_t>(time + kTimeBias));
  id += to_hex(std::span(digest).first(9));
  return id;
}

std::optional<Timestamp> time_of_content_id(std::string_view id) {
  if (id.size() != 32) return std::nullopt;
  std::uint64_t biased = 0;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    const int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (v < 0) return std::nullopt;
    if (i < kTimeDigits) biased = biased << 4 | static_cast<std::uint64_t>(v);
  }
  return static_cast<Timestamp>(biased) - kTimeBias;
}

bool is_valid_entity(std::string_view entity) {
  const auto colon = entity.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == entity.size()) return false;
  for (std::size_t i = 0; i < colon; ++i) {
    const char c = entity[i];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  }
  for (char c : entity)
    if (static_cast<unsigned char>(c) < 0x20) return false;
  return true;
}

}  // namespace vigil
