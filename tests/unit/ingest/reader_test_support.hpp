#pragma once

#include <memory>
#include <string>
#include <vector>

#include "vigil/core/observation.hpp"
#include "vigil/ingest/event_layout.hpp"
#include "vigil/ingest/field_mapping.hpp"
#include "vigil/ingest/input_format.hpp"
#include "vigil/ingest/observation_builder.hpp"

namespace vigil::test {

// Everything a reader produced from one file: the observations built from good records and
// the errors, in input order.
struct ReadResult {
  std::vector<Observation> observations;
  std::vector<io::RecordError> errors;
  ingest::InputFormat format = ingest::InputFormat::csv;
};

inline ReadResult read_all(const std::string& path,
                           std::optional<ingest::InputFormat> format = std::nullopt,
                           const ingest::FieldMapping& mapping = {},
                           std::optional<ingest::EventLayout> layout = std::nullopt) {
  ReadResult result;
  auto reader = ingest::open_reader(path, format, &result.format);
  io::RawRecord raw;
  io::RecordError error;
  for (;;) {
    const auto status = reader->next(raw, error);
    if (status == io::ReadStatus::end) break;
    if (status == io::ReadStatus::error) {
      result.errors.push_back(error);
      continue;
    }
    Observation obs;
    if ((layout && !ingest::apply_event_layout(*layout, raw, error)) ||
        !mapping.apply(raw, error) || !ingest::build_observation(raw, obs, error)) {
      result.errors.push_back(error);
      continue;
    }
    result.observations.push_back(std::move(obs));
  }
  return result;
}

}  // namespace vigil::test
