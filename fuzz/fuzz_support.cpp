#include "fuzz_support.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "vigil/core/observation.hpp"
#include "vigil/ingest/event_layout.hpp"
#include "vigil/ingest/field_mapping.hpp"
#include "vigil/ingest/observation_builder.hpp"
#include "vigil/vessel/identity.hpp"

namespace vigil::fuzz {

void ingest_bytes(const std::uint8_t* data, std::size_t size,
                  std::optional<ingest::InputFormat> format) {
  // The readers take paths, as vigil does: give them an in-memory file.
  const int fd = ::memfd_create("fuzz-input", 0);
  if (fd < 0) std::abort();
  if (size > 0 && ::write(fd, data, size) != static_cast<ssize_t>(size)) std::abort();
  const std::string path = "/proc/self/fd/" + std::to_string(fd);
  static const ingest::FieldMapping mapping = [] {
    ingest::FieldMapping m;
    m.add("note=seen {kind} by {source}");
    return m;
  }();
  // CSV input that looks like CSV goes through detection, so that the AIS export layouts
  // (recognised by their header) are fuzzed too.
  if (format == ingest::InputFormat::csv &&
      ingest::detect_format(std::string_view(reinterpret_cast<const char*>(data), size)) ==
          ingest::InputFormat::csv) {
    format.reset();
  }
  try {
    auto reader = ingest::open_reader(path, format);
    io::RawRecord raw;
    io::RecordError error;
    Observation obs;
    std::uint64_t last_line = 0;
    for (int guard = 0; guard < 1'000'000; ++guard) {
      const auto status = reader->next(raw, error);
      if (status == io::ReadStatus::end) break;
      // Records are located, in order.
      const std::uint64_t line = status == io::ReadStatus::error ? error.line : raw.line;
      if (line == 0 || line < last_line) std::abort();
      last_line = line;
      if (status == io::ReadStatus::error) continue;
      // The event layouts take any record: what they refuse, they refuse with a reason.
      for (const auto layout : {ingest::EventLayout::cir, ingest::EventLayout::acled}) {
        io::RawRecord copy = raw;
        io::RecordError layout_error;
        if (!ingest::apply_event_layout(layout, copy, layout_error) ||
            !ingest::build_observation(copy, obs, layout_error)) {
          if (layout_error.message.empty()) std::abort();
        }
      }
      if (!mapping.apply(raw, error) || !ingest::build_observation(raw, obs, error)) {
        if (error.message.empty()) std::abort();  // every rejection says why
        continue;
      }
      // What the builder accepts is within range, and hashes.
      if (!(obs.lat >= -90 && obs.lat <= 90 && obs.lon >= -180 && obs.lon <= 180)) std::abort();
      if (obs.time < kEarliestTime || obs.time >= kLatestTime) std::abort();
      const auto digest = content_digest(obs);
      if (time_of_content_id(content_id(obs.time, digest)) != obs.time) std::abort();
    }
    // Vessel identity runs (AIS CSV exports, NMEA) are well formed.
    if (auto* source = dynamic_cast<vessel::IdentitySource*>(reader.get())) {
      for (const auto& run : source->identities().take_runs()) {
        if (run.value.empty() || run.first > run.last || run.reports < 1) std::abort();
        if (run.value.front() == ' ' || run.value.back() == ' ') std::abort();
      }
    }
  } catch (const std::runtime_error&) {
    // Fatal input problems (an unreadable GeoJSON document, a broken CSV header) are
    // reported as exceptions with the file and line; anything else escaping is a bug.
  }
  ::close(fd);
}

}  // namespace vigil::fuzz
