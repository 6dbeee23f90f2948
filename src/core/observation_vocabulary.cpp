#include "vigil/core/observation_vocabulary.hpp"

#include <array>
#include <cmath>

#include <fmt/format.h>

namespace vigil {
namespace {

constexpr std::array<std::string_view, kWeaponClasses> kClassNames = {
    "tank", "artillery_lt100", "mortar_le120",    "artillery_ge100",
    "mlrs", "heavy_mlrs",      "tactical_missile"};

constexpr std::array<std::string_view, 14> kKindNames = {
    "position", "explosion", "shelling",    "small_arms", "weapon", "movement", "crossing",
    "drone",    "report",    "restriction", "casualty",   "damage", "mine",     "jamming"};

constexpr std::array<std::string_view, 6> kSourceNames = {"patrol",   "uav",       "camera",
                                                          "acoustic", "satellite", "osint"};

template <typename Enum, std::size_t N>
std::optional<Enum> find_name(const std::array<std::string_view, N>& names, std::string_view text) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == text) return static_cast<Enum>(i);
  return std::nullopt;
}

template <typename Names>
std::string joined(const Names& names) {
  std::string out;
  for (const auto n : names)
    out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

template <typename Names>
bool one_of(const Names& names, std::string_view text) {
  for (const auto n : names)
    if (n == text) return true;
  return false;
}

}  // namespace

std::string_view to_string(WeaponClass c) {
  return kClassNames[static_cast<std::size_t>(c)];
}
std::optional<WeaponClass> parse_weapon_class(std::string_view text) {
  return find_name<WeaponClass>(kClassNames, text);
}
std::vector<std::string_view> weapon_class_names() {
  return {kClassNames.begin(), kClassNames.end()};
}

std::string_view to_string(ObservationKind k) {
  return kKindNames[static_cast<std::size_t>(k)];
}
std::optional<ObservationKind> parse_observation_kind(std::string_view text) {
  return find_name<ObservationKind>(kKindNames, text);
}
std::vector<std::string_view> observation_kind_names() {
  return {kKindNames.begin(), kKindNames.end()};
}

bool is_ceasefire_kind(ObservationKind k) {
  return k != ObservationKind::position && k != ObservationKind::report;
}
bool is_fire_kind(ObservationKind k) {
  return k == ObservationKind::explosion || k == ObservationKind::shelling ||
         k == ObservationKind::small_arms;
}

std::string_view to_string(SourceType s) {
  return kSourceNames[static_cast<std::size_t>(s)];
}
std::optional<SourceType> source_type_of(std::string_view source) {
  return find_name<SourceType>(kSourceNames, source.substr(0, source.find(':')));
}
std::vector<std::string_view> source_type_names() {
  return {kSourceNames.begin(), kSourceNames.end()};
}
bool is_technical(SourceType s) {
  return s == SourceType::camera || s == SourceType::uav || s == SourceType::satellite;
}

bool check_vocabulary(const Observation& obs, std::string& field, std::string& message) {
  const auto fail = [&](std::string f, std::string m) {
    field = std::move(f);
    message = std::move(m);
    return false;
  };
  const auto kind = parse_observation_kind(obs.kind);
  if (!kind)
    return fail("kind",
                fmt::format("\"{}\" is not a known kind ({})", obs.kind, joined(kKindNames)));
  if (!is_ceasefire_kind(*kind)) return true;
  if (!source_type_of(obs.source))
    return fail("source", fmt::format("\"{}\" is not a source of ceasefire reports: its type, "
                                      "before any ':', must be one of {}",
                                      obs.source, joined(kSourceNames)));
  if (const auto count = obs.attributes.find("count"); count != obs.attributes.end()) {
    if (!count->is_number() || !(count->get<double>() >= 1) ||
        count->get<double>() > kMaxObservationCount ||
        std::floor(count->get<double>()) != count->get<double>())
      return fail("count", fmt::format("{} is not a whole number from 1 to {}", count->dump(),
                                       kMaxObservationCount));
  }
  const auto text_field = [&](const char* name, bool required) {
    const auto it = obs.attributes.find(name);
    if (it == obs.attributes.end())
      return !required || fail(name, fmt::format("missing for a {}", obs.kind));
    if (!it->is_string() || it->get_ref<const std::string&>().empty())
      return fail(name, fmt::format("{} is not text", it->dump()));
    return true;
  };
  const auto chosen = [&](const char* name, const auto& names, bool required) {
    const auto it = obs.attributes.find(name);
    if (it == obs.attributes.end())
      return !required || fail(name, fmt::format("missing for a {}", obs.kind));
    if (!it->is_string() || !one_of(names, it->get_ref<const std::string&>()))
      return fail(name, fmt::format("{} is not one of {}", it->dump(), joined(names)));
    return true;
  };
  if (is_fire_kind(*kind) && !chosen("direction", kFireDirections, false)) return false;
  if (*kind == ObservationKind::restriction &&
      !(text_field("denied", true) && text_field("party", false)))
    return false;
  if (*kind == ObservationKind::casualty && !chosen("outcome", kCasualtyOutcomes, true))
    return false;
  if ((*kind == ObservationKind::damage || *kind == ObservationKind::mine) &&
      !text_field("what", false))
    return false;
  if (*kind == ObservationKind::jamming && !text_field("effect", false)) return false;
  if (*kind == ObservationKind::weapon) {
    const auto c = obs.attributes.find("weapon_class");
    if (c == obs.attributes.end()) return fail("weapon_class", "missing for a weapon");
    if (!c->is_string() || !parse_weapon_class(c->get_ref<const std::string&>()))
      return fail("weapon_class",
                  fmt::format("{} is not a weapon class ({})", c->dump(), joined(kClassNames)));
  }
  return true;
}

}  // namespace vigil
