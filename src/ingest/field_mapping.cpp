#include "vigil/ingest/field_mapping.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

namespace vigil::ingest {

void FieldMapping::add(std::string_view spec) {
  const auto eq = spec.find('=');
  if (eq == std::string_view::npos || eq == 0)
    throw std::invalid_argument(fmt::format("--map '{}': expected FIELD=TEMPLATE", spec));
  Rule rule{std::string(spec.substr(0, eq)), {}};
  for (const Rule& existing : rules_)
    if (existing.target == rule.target)
      throw std::invalid_argument(fmt::format("--map: field '{}' mapped twice", rule.target));
  std::string_view tmpl = spec.substr(eq + 1);
  std::string literal;
  for (std::size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] == '{') {
      const auto close = tmpl.find('}', i);
      if (close == std::string_view::npos || close == i + 1)
        throw std::invalid_argument(fmt::format("--map '{}': unclosed or empty {{column}}", spec));
      if (!literal.empty()) rule.parts.push_back({false, std::move(literal)});
      literal.clear();
      rule.parts.push_back({true, std::string(tmpl.substr(i + 1, close - i - 1))});
      i = close;
    } else {
      literal += tmpl[i];
    }
  }
  if (!literal.empty()) rule.parts.push_back({false, std::move(literal)});
  if (rule.parts.empty())
    throw std::invalid_argument(fmt::format("--map '{}': empty template", spec));
  rules_.push_back(std::move(rule));
}

bool FieldMapping::apply(io::RawRecord& record, io::RecordError& error) const {
  if (rules_.empty()) return true;
  auto& fields = record.fields;
  auto find = [&](std::string_view name) {
    return std::find_if(fields.begin(), fields.end(),
                        [&](const auto& f) { return f.first == name; });
  };
  std::vector<std::pair<std::string, nlohmann::json>> mapped;
  std::vector<std::string> consumed;
  for (const Rule& rule : rules_) {
    nlohmann::json value;
    if (rule.parts.size() == 1 && rule.parts[0].is_column) {
      const auto it = find(rule.parts[0].text);
      if (it != fields.end()) value = it->second;
      consumed.push_back(rule.parts[0].text);
    } else {
      std::string text;
      bool complete = true;
      for (const Part& part : rule.parts) {
        if (!part.is_column) {
          text += part.text;
          continue;
        }
        consumed.push_back(part.text);
        const auto it = find(part.text);
        if (it == fields.end() || it->second.is_null()) {
          complete = false;
        } else if (it->second.is_string()) {
          text += it->second.get_ref<const std::string&>();
        } else {
          text += it->second.dump();
        }
      }
      if (complete) value = std::move(text);
    }
    mapped.emplace_back(rule.target, std::move(value));
  }
  std::erase_if(fields, [&](const auto& f) {
    return std::find(consumed.begin(), consumed.end(), f.first) != consumed.end();
  });
  for (auto& [name, value] : mapped) {
    if (find(name) != fields.end()) {
      error.line = record.line;
      error.field = name;
      error.message = "present in the input and also defined by --map";
      return false;
    }
    if (!value.is_null()) fields.emplace_back(name, std::move(value));
  }
  return true;
}

}  // namespace vigil::ingest
