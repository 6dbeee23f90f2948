#pragma once

#include <string>
#include <vector>

#include "vigil/io/line_source.hpp"
#include "vigil/io/record_reader.hpp"

namespace vigil::io {

// CSV with a header row (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes).
// The delimiter (',', ';' or tab) is taken from the header. Every cell is typed by
// infer_cell_value; empty cells are absent.
class CsvReader final : public RecordReader {
 public:
  explicit CsvReader(const std::string& path);
  ReadStatus next(RawRecord& record, RecordError& error) override;
  std::uint64_t bytes_read() const override { return lines_.bytes_read(); }

  const std::vector<std::string>& header() const { return header_; }

 private:
  // Splits one record, pulling more lines while a quoted field is open.
  bool split_record(std::string_view first_line, std::vector<std::string>& cells,
                    RecordError& error);

  LineSource lines_;
  char delimiter_ = ',';
  std::vector<std::string> header_;
  std::vector<std::string> cells_;
  bool header_error_ = false;
};

}  // namespace vigil::io
