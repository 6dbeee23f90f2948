#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "vigil/ais/decode_stats.hpp"
#include "vigil/ais/stream_decoder.hpp"
#include "vigil/io/csv_reader.hpp"
#include "vigil/io/line_source.hpp"
#include "vigil/io/record_reader.hpp"
#include "vigil/vessel/identity.hpp"

namespace vigil::ingest {

// Reads raw NMEA as observation records for `vigil ingest`: every position report
// (types 1, 2, 3, 9, 18, 19, 27) with a position and a receive time becomes
// {time, lat, lon, kind: "position", source: "ais:<station>" (or "ais"),
// entity: "mmsi:<mmsi>"} plus the message's other fields as attributes. A position
// report without a receive time is a record error naming field "time": vigil does not
// guess when a ship was somewhere. Messages that are not position reports, position
// reports whose position is "not available", and lines that do not decode are counted
// in stats() rather than rejected. Static and voyage data (types 5, 19, 24) with a receive
// time go to identities().
class NmeaRecordReader final : public io::RecordReader, public vessel::IdentitySource {
 public:
  explicit NmeaRecordReader(const std::string& path);
  ~NmeaRecordReader() override;
  io::ReadStatus next(io::RawRecord& record, io::RecordError& error) override;
  std::uint64_t bytes_read() const override { return lines_.bytes_read(); }
  const ais::DecodeStats& stats() const { return decoder_.stats(); }
  vessel::IdentityRunBuilder& identities() override;

 private:
  class Collector;
  io::LineSource lines_;
  ais::StreamDecoder decoder_;
  std::unique_ptr<Collector> collector_;
  bool finished_ = false;
};

// The AIS position CSV layouts vigil recognises by their header.
enum class AisCsvLayout { dma_aisdk, noaa_marinecadastre, digitraffic };

// Which layout a CSV header is, if any.
std::optional<AisCsvLayout> detect_ais_csv_layout(const std::vector<std::string>& header);
std::string_view to_string(AisCsvLayout layout);

// Reads one of those layouts as observation records, like NmeaRecordReader: time, lat,
// lon, kind "position", source "ais:dma" / "ais:noaa" / "ais:digitraffic",
// entity "mmsi:<MMSI>"; "not available" values (speed 102.3, course 360, heading 511,
// IMO "Unknown") are left out; the other columns become attributes with their names
// lower-cased and spaces turned into underscores. The identity columns (name, call sign,
// IMO, ship type, dimensions, draught, destination) also go to identities(), also from
// rows without a position.
class AisCsvRecordReader final : public io::RecordReader, public vessel::IdentitySource {
 public:
  AisCsvRecordReader(std::unique_ptr<io::CsvReader> csv, AisCsvLayout layout);
  io::ReadStatus next(io::RawRecord& record, io::RecordError& error) override;
  std::uint64_t bytes_read() const override { return csv_->bytes_read(); }
  vessel::IdentityRunBuilder& identities() override { return identities_; }

 private:
  void note_identity(const io::RawRecord& row, const nlohmann::json& mmsi,
                     const std::string& time_text);

  std::unique_ptr<io::CsvReader> csv_;
  AisCsvLayout layout_;
  vessel::IdentityRunBuilder identities_;
};

}  // namespace vigil::ingest
