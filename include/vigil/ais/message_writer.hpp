#pragma once

#include <string>
#include <vector>

#include "vigil/ais/message.hpp"

namespace vigil::ais {

// Serialises decoded messages, appending to a caller-owned buffer so that a batch of
// messages costs no allocation per message.
class MessageWriter {
 public:
  virtual ~MessageWriter() = default;
  // Text written once before the first message (a CSV header), possibly empty.
  virtual std::string header() const { return {}; }
  virtual void write(const Message& message, const Provenance& provenance,
                     std::string& out) const = 0;
};

// One JSON object per line: the message's fields in decoding order, then "time",
// "station", "tag_text" and "channel" when the input carried them.
class JsonMessageWriter final : public MessageWriter {
 public:
  void write(const Message& message, const Provenance& provenance, std::string& out) const override;
};

// CSV with a fixed set of columns (RFC 4180 quoting); fields a message lacks are empty.
class CsvMessageWriter final : public MessageWriter {
 public:
  explicit CsvMessageWriter(std::vector<FieldName> columns);
  static std::vector<FieldName> default_columns();
  std::string header() const override;
  void write(const Message& message, const Provenance& provenance, std::string& out) const override;

 private:
  std::vector<FieldName> columns_;
};

// Appends a decimal with exactly `decimals` digits after the point (0-9).
void append_fixed(std::string& out, double value, int decimals);
void append_integer(std::string& out, std::int64_t value);

}  // namespace vigil::ais
