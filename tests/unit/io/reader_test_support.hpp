#pragma once

#include <memory>
#include <string>
#include <vector>

#include "vigil/core/observation.hpp"
#include "vigil/io/event_layout.hpp"
#include "vigil/io/field_mapping.hpp"
#include "vigil/io/input_format.hpp"
#include "vigil/io/observation_builder.hpp"

namespace vigil::test {

// Everything a reader produced from one file: the observations built from good records and
// the errors, in input order.
struct ReadResult {
  std::vector<Observation> observations;
  std::vector<io::RecordError> errors;
  io::InputFormat format = io::InputFormat::csv;
};

inline ReadResult read_all(const std::string& path,
                           std::optional<io::InputFormat> format = std::nullopt,
                           const io::FieldMapping& mapping = {},
                           std::optional<io::EventLayout> layout = std::nullopt) {
  ReadResult result;
  auto reader = io::open_reader(path, format, &result.format);
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
    if ((layout && !io::apply_event_layout(*layout, raw, error)) || !mapping.apply(raw, error) ||
        !io::build_observation(raw, obs, error)) {
      result.errors.push_back(error);
      continue;
    }
    result.observations.push_back(std::move(obs));
  }
  return result;
}

}  // namespace vigil::test
