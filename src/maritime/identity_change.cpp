// maritime.identity_change: a vessel broadcasts a new name, call sign or IMO number under its
// MMSI, or an IMO number turns up under another MMSI (a re-registration, usually with a new
// flag: the MMSI's MID is the flag). Shadow-fleet tankers change both to shed their history.
// Each distinct change is reported once, so a vessel whose two transmitters disagree does not
// flood the log.

#include <functional>

#include "detectors.hpp"
#include "vigil/vessel/flag.hpp"

namespace vigil::maritime::detail {

std::string_view IdentityChangeDetector::text_at(std::uint32_t offset) const {
  const char* at = blocks_[offset / kBlock].get() + offset % kBlock;
  return {at + 1, static_cast<unsigned char>(*at)};
}

std::uint32_t IdentityChangeDetector::store(std::string_view value) {
  value = value.substr(0, 255);
  const auto needed = static_cast<std::uint32_t>(value.size() + 1);
  // Values never straddle blocks.
  if (blocks_.empty() || arena_end_ % kBlock + needed > kBlock || arena_end_ % kBlock == 0) {
    if (!blocks_.empty()) arena_end_ = static_cast<std::uint32_t>(blocks_.size()) * kBlock;
    if (arena_end_ == 0) arena_end_ = 1;
    blocks_.push_back(std::make_unique<char[]>(kBlock));
  }
  const std::uint32_t offset = arena_end_;
  char* at = blocks_[offset / kBlock].get() + offset % kBlock;
  *at = static_cast<char>(value.size());
  std::copy(value.begin(), value.end(), at + 1);
  arena_end_ += needed;
  return offset;
}

void IdentityChangeDetector::emit(const VesselState& vessel, const StaticReport& report,
                                  std::string_view attribute, std::string from, std::string to,
                                  std::vector<std::uint32_t> mmsis,
                                  const VesselState* previous_holder, Context& context) {
  const std::uint64_t key =
      std::hash<std::string>{}(std::string(attribute) + '\x1f' + from + '\x1f' + to) ^
      (static_cast<std::uint64_t>(vessel.mmsi) * 0x9E3779B97F4A7C15ULL);
  if (!reported_.insert(key).second) return;
  Event event;
  event.rule = "maritime.identity_change";
  event.start = report.time;
  event.end = report.time;
  // Where the vessel was last seen: under this MMSI, or else under the one it replaced.
  const Fix* last =
      vessel.slots[vessel.primary].reports() > 0 ? &vessel.slots[vessel.primary].last : nullptr;
  if (last == nullptr && previous_holder != nullptr &&
      previous_holder->slots[previous_holder->primary].reports() > 0)
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
  if (report.attribute != Attribute::imo) {
    // The common case, the same value again, is one short comparison.
    if (*current != 0 && text_at(*current) == report.value) return;
    const std::uint32_t offset = store(report.value);
    if (*current != 0)
      emit(vessel, report, attribute, std::string(text_at(*current)), std::string(report.value),
           {vessel.mmsi}, nullptr, context);
    *current = offset;
    return;
  }
  std::uint32_t imo = 0;
  for (const char c : report.value) {
    if (c < '0' || c > '9' || imo > 100'000'000) return;
    imo = imo * 10 + static_cast<std::uint32_t>(c - '0');
  }
  if (imo == *current) return;
  if (*current != 0)
    emit(vessel, report, attribute, std::to_string(*current), std::string(report.value),
         {vessel.mmsi}, nullptr, context);
  *current = imo;
  if (!vessel::valid_imo(imo)) return;
  const std::uint32_t holder = imo_holders_.find(imo);
  if (holder != FlatIndex::kMissing && holder != vessel.mmsi) {
    const VesselState* previous_holder = find_vessel_(holder);
    emit(vessel, report, "mmsi", std::to_string(holder), std::to_string(vessel.mmsi),
         {holder, vessel.mmsi}, previous_holder, context);
    const auto old_flag = vessel::flag_of_mmsi(holder);
    const auto new_flag = vessel::flag_of_mmsi(vessel.mmsi);
    if (old_flag && new_flag && *old_flag != *new_flag)
      emit(vessel, report, "flag", std::string(*old_flag), std::string(*new_flag),
           {holder, vessel.mmsi}, previous_holder, context);
  }
  imo_holders_.set(imo, vessel.mmsi);
}

std::size_t IdentityChangeDetector::state_bytes() const {
  return blocks_.size() * kBlock + imo_holders_.bytes() + reported_.size() * 48;
}

}  // namespace vigil::maritime::detail
