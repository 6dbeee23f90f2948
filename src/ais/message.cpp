#include "vigil/ais/message.hpp"

#include <algorithm>
#include <array>
#include <cstring>

namespace vigil::ais {
namespace {

constexpr std::array<std::string_view, static_cast<std::size_t>(FieldName::count)> kNames = {
#define VIGIL_AIS_NAME(name) #name,
    VIGIL_AIS_FIELDS(VIGIL_AIS_NAME)
#undef VIGIL_AIS_NAME
};

}  // namespace

std::string_view field_name(FieldName name) {
  return kNames[static_cast<std::size_t>(name)];
}

std::optional<FieldName> field_by_name(std::string_view name) {
  const auto found = std::find(kNames.begin(), kNames.end(), name);
  if (found == kNames.end()) return std::nullopt;
  return static_cast<FieldName>(found - kNames.begin());
}

char* Message::add_text_in_place(FieldName name, std::size_t size) {
  size = std::min(size, kTextCapacity - text_size_);
  Field& field = next(name, FieldKind::text, 0);
  char* where = text_.data() + text_size_;
  field.owned_text = true;
  field.text_data = where;
  field.text_size = static_cast<std::uint16_t>(size);
  text_size_ += size;
  return where;
}

void Message::add_text(FieldName name, std::string_view value) {
  char* where = add_text_in_place(name, value.size());
  std::memcpy(where, value.data(), fields_[field_count_ - 1].text_size);
}

void Message::shrink_last_text(std::size_t size) {
  Field& field = fields_[field_count_ - 1];
  if (size < field.text_size) {
    if (field.owned_text) text_size_ -= field.text_size - size;
    field.text_size = static_cast<std::uint16_t>(size);
  }
}

void Message::drop_last() {
  if (field_count_ == 0) return;
  const Field& field = fields_[field_count_ - 1];
  if (field.kind == FieldKind::text && field.owned_text) text_size_ -= field.text_size;
  --field_count_;
}

const Field* Message::find(FieldName name) const {
  for (const Field& field : *this) {
    if (field.name == name) return &field;
  }
  return nullptr;
}

}  // namespace vigil::ais
