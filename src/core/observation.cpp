#include "vigil/core/observation.hpp"

#include <fmt/format.h>

namespace vigil {

std::string canonical_content(const Observation& obs) {
  // Unit separators keep fields from running into each other; shortest round-trip formatting
  // of doubles makes "50.10" and "50.1" the same content.
  std::string out = fmt::format("obs-v1\x1f{}\x1f{}\x1f{}\x1f", obs.time, obs.lat, obs.lon);
  out += obs.kind;
  out += '\x1f';
  out += obs.source;
  out += '\x1f';
  if (obs.entity) out += *obs.entity;
  out += '\x1f';
  if (obs.uncertainty_m) out += fmt::format("{}", *obs.uncertainty_m);
  out += '\x1f';
  out += obs.attributes.dump();
  return out;
}

Digest128 content_digest(const Observation& obs) { return blake2b_128(canonical_content(obs)); }

std::string content_id(const Digest128& digest) { return to_hex(digest); }

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
