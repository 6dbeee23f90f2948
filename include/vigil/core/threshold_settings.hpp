#pragma once

// The thresholds of a rule pack as a table of named, bounded numbers, and how a section of a
// config file overrides them: {"group": {"name": 8}} or {"group.name": 8}. The maritime
// detectors and the ceasefire rules each keep such a table.

#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace vigil {

// Reads a config file as JSON; throws std::runtime_error naming the file when it cannot be
// read or is not JSON.
nlohmann::json read_config_document(const std::string& path);

// Runs `read` (which applies sections of the file at `path`), turning its
// std::invalid_argument and JSON errors into std::runtime_error naming the file.
template <class Read>
auto with_config_file(const std::string& path, Read&& read) {
  try {
    return read();
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(path + ": malformed JSON: " + e.what());
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
}

template <class Config>
struct ThresholdSetting {
  std::string_view key;  // "gap.min_h"
  double Config::*member;
  double min;
  double max;
  std::string_view unit;
  std::string_view meaning;
};

// Applies `overrides` to `config`, all or nothing. Groups named in `skip` belong to other
// readers of the same file. Throws std::invalid_argument naming `prefix` + the key when it
// is unknown, not a number, or out of range.
template <class Config>
void apply_threshold_overrides(Config& config,
                               const std::vector<ThresholdSetting<Config>>& settings,
                               const nlohmann::json& overrides, std::string_view prefix = "",
                               std::initializer_list<std::string_view> skip = {}) {
  if (!overrides.is_object())
    throw std::invalid_argument(prefix.empty()
                                    ? std::string("the configuration is not a JSON object")
                                    : fmt::format("{}: the section is not a JSON object",
                                                  prefix.substr(0, prefix.size() - 1)));
  Config result = config;
  const auto apply_one = [&](const std::string& key, const nlohmann::json& value) {
    for (const auto& setting : settings) {
      if (setting.key != key) continue;
      if (!value.is_number())
        throw std::invalid_argument(fmt::format("{}{}: not a number", prefix, key));
      const double number = value.get<double>();
      if (!(number >= setting.min && number <= setting.max))
        throw std::invalid_argument(fmt::format("{}{}: {} is outside [{}, {}]{}{}", prefix, key,
                                                number, setting.min, setting.max,
                                                setting.unit.empty() ? "" : " ", setting.unit));
      result.*setting.member = number;
      return;
    }
    throw std::invalid_argument(fmt::format("{}{}: no such setting", prefix, key));
  };
  for (const auto& [group, value] : overrides.items()) {
    bool skipped = false;
    for (const auto other : skip)
      skipped = skipped || group == other;
    if (skipped) continue;
    if (value.is_object()) {
      for (const auto& [name, number] : value.items())
        apply_one(group + "." + name, number);
    } else {
      apply_one(group, value);
    }
  }
  config = result;
}

}  // namespace vigil
