// maritime.identity_change: a vessel broadcasts a new name, call sign or IMO number under its
// MMSI, or an IMO number turns up under another MMSI (a re-registration, usually with a new
// flag: the MMSI's MID is the flag). Shadow-fleet tankers change both to shed their history.
// Each distinct change is reported once, so a vessel whose two transmitters disagree does not
// flood the log.

#include <functional>

#include "detectors.hpp"
#include "vigil/vessel/flag.hpp"

namespace vigil::maritime::detail {

std::uint32_t IdentityChangeDetector::intern(std::string_view value) {
  const auto [it, added] =
      ids_.try_emplace(std::string(value), static_cast<std::uint32_t>(values_.size()));
  if (added) values_.push_back(&it->first);
  return it->second;
}

void IdentityChangeDetector::emit(const VesselState& vessel, const StaticReport& report,
                                  std::string_view attribute, std::string from, std::string to,
                                  std::vector<std::uint32_t> mmsis,
                                  const VesselState* previous_holder, Context& context) {
  const std::uint64_t key =
      std::hash<std::string>{}(std::string(attribute) + '\x1f' + from + '\x1f' + to) ^
      (static_cast<std::uint64_t>(vessel.mmsi) * 0x9E3779B97F4A7C15ULL);
  if (!reported_.try_emplace(key, true).second) return;
  Event event;
  event.rule = "maritime.identity_change";
  event.start = report.time;
  event.end = report.time;
  // Where the vessel was last seen: under this MMSI, or else under the one it replaced.
  const Fix* last =
      vessel.slots[vessel.primary].reports > 0 ? &vessel.slots[vessel.primary].last : nullptr;
  if (last == nullptr && previous_holder != nullptr &&
      previous_holder->slots[previous_holder->primary].reports > 0)
    last = &previous_holder->slots[previous_holder->primary].last;
  if (last != nullptr) event.at = last->at();
  event.mmsis = std::move(mmsis);
  std::sort(event.mmsis.begin(), event.mmsis.end());
  event.evidence = {{report.mmsi, report.time, report.ref}};
  event.attributes["attribute"] = attribute;
  event.attributes["from"] = std::move(from);
  event.attributes["to"] = std::move(to);
  if (last == nullptr) event.attributes["position_known"] = false;
  event.severity =
      attribute == "name" || attribute == "callsign" ? Severity::low : Severity::medium;
  event.confidence = 0.9;
  context.emit(std::move(event));
}

void IdentityChangeDetector::on_report(VesselState& vessel, const StaticReport& report,
                                       Context& context) {
  using vessel::Attribute;
  if (report.value.empty()) return;
  std::uint32_t* current = nullptr;
  std::string_view attribute;
  switch (report.attribute) {
    case Attribute::name:
      current = &vessel.identity.name;
      attribute = "name";
      break;
    case Attribute::callsign:
      current = &vessel.identity.callsign;
      attribute = "callsign";
      break;
    case Attribute::imo:
      current = &vessel.identity.imo;
      attribute = "imo";
      break;
    default:
      return;
  }
  const std::uint32_t id = intern(report.value);
  if (*current != 0 && *current != id)
    emit(vessel, report, attribute, *values_[*current], *values_[id], {vessel.mmsi}, nullptr,
         context);
  *current = id;

  if (report.attribute != Attribute::imo) return;
  std::uint32_t imo = 0;
  for (const char c : report.value) {
    if (c < '0' || c > '9' || imo > 100'000'000) return;
    imo = imo * 10 + static_cast<std::uint32_t>(c - '0');
  }
  if (!vessel::valid_imo(imo)) return;
  ImoHolder& holder = imo_holders_[imo];
  if (holder.mmsi != 0 && holder.mmsi != vessel.mmsi) {
    const VesselState* previous_holder = find_vessel_(holder.mmsi);
    const std::string imo_text(report.value);
    emit(vessel, report, "mmsi", std::to_string(holder.mmsi), std::to_string(vessel.mmsi),
         {holder.mmsi, vessel.mmsi}, previous_holder, context);
    const auto old_flag = vessel::flag_of_mmsi(holder.mmsi);
    const auto new_flag = vessel::flag_of_mmsi(vessel.mmsi);
    if (old_flag && new_flag && *old_flag != *new_flag)
      emit(vessel, report, "flag", std::string(*old_flag), std::string(*new_flag),
           {holder.mmsi, vessel.mmsi}, previous_holder, context);
  }
  holder.mmsi = vessel.mmsi;
  holder.last = report.time;
}

std::size_t IdentityChangeDetector::state_bytes() const {
  std::size_t bytes = 0;
  for (const auto& [value, id] : ids_)
    bytes += value.capacity() + 1 + 64;
  bytes += values_.capacity() * sizeof(void*) + imo_holders_.size() * 48 + reported_.size() * 32;
  return bytes;
}

}  // namespace vigil::maritime::detail
