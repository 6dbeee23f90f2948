#include "vigil/ingest/position_records.hpp"

#include <cctype>
#include <cmath>
#include <variant>

#include <fmt/format.h>

#include "vigil/vessel/entity_id.hpp"

namespace vigil::ingest {
namespace {

using nlohmann::json;

bool is_position_report(int type) {
  return type == 1 || type == 2 || type == 3 || type == 9 || type == 18 || type == 19 || type == 27;
}

// A decoded decimal as the nearest double to its printed value, so attributes read
// "12.3" rather than "12.300000000000001".
double rounded(const ais::Field& field) {
  const double scale = std::pow(10.0, field.decimals);
  return std::round(field.decimal * scale) / scale;
}

json field_value(const ais::Message& message, const ais::Field& field) {
  switch (field.kind) {
    case ais::FieldKind::integer:
      return field.integer;
    case ais::FieldKind::decimal:
      return rounded(field);
    case ais::FieldKind::boolean:
      return field.boolean;
    case ais::FieldKind::text:
      return std::string(message.text_of(field));
  }
  return nullptr;
}

std::string snake_case(std::string_view name) {
  std::string out;
  for (const char c : name) {
    if (c == '#') continue;
    if (c == ' ' || c == '-') {
      if (!out.empty() && out.back() != '_') out.push_back('_');
    } else {
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  while (!out.empty() && out.front() == '_')
    out.erase(out.begin());
  return out;
}

bool is_static_report(int type) {
  return type == 5 || type == 19 || type == 24;
}

std::int64_t integer_or_zero(const ais::Message& message, ais::FieldName name) {
  const ais::Field* field = message.find(name);
  return field != nullptr && field->kind == ais::FieldKind::integer ? field->integer : 0;
}

// What a type 5, 19 or 24 message says about the vessel's identity.
void note_identity(const ais::Message& message, const ais::Provenance& provenance,
                   vessel::IdentityRunBuilder& identities) {
  using vessel::Attribute;
  const ais::Field* mmsi_field = message.find(ais::FieldName::mmsi);
  if (mmsi_field == nullptr) return;
  if (!provenance.time) {
    identities.add_untimed();
    return;
  }
  const auto mmsi = static_cast<std::uint32_t>(mmsi_field->integer);
  const Timestamp time = *provenance.time;
  const auto text = [&](ais::FieldName name, Attribute attribute) {
    if (const ais::Field* field = message.find(name))
      identities.add(mmsi, time, attribute, message.text_of(*field));
  };
  const auto positive = [&](Attribute attribute, std::int64_t value) {
    if (value > 0) identities.add(mmsi, time, attribute, std::to_string(value));
  };
  text(ais::FieldName::shipname, Attribute::name);
  text(ais::FieldName::callsign, Attribute::callsign);
  positive(Attribute::imo, integer_or_zero(message, ais::FieldName::imo));
  positive(Attribute::ship_type, integer_or_zero(message, ais::FieldName::shiptype));
  positive(Attribute::length, integer_or_zero(message, ais::FieldName::to_bow) +
                                  integer_or_zero(message, ais::FieldName::to_stern));
  positive(Attribute::beam, integer_or_zero(message, ais::FieldName::to_port) +
                                integer_or_zero(message, ais::FieldName::to_starboard));
  if (const ais::Field* draught = message.find(ais::FieldName::draught);
      draught && draught->decimal > 0)
    identities.add(mmsi, time, Attribute::draught, fmt::format("{:.1f}", draught->decimal));
  text(ais::FieldName::destination, Attribute::destination);
}

}  // namespace

class NmeaRecordReader::Collector final : public ais::MessageSink {
 public:
  std::deque<std::variant<io::RawRecord, io::RecordError>> ready;
  vessel::IdentityRunBuilder identities;

  void on_message(const ais::Message& message, const ais::Provenance& provenance,
                  std::uint64_t line) override {
    if (is_static_report(message.type())) note_identity(message, provenance, identities);
    if (!is_position_report(message.type())) return;
    const ais::Field* lat = message.find(ais::FieldName::lat);
    const ais::Field* lon = message.find(ais::FieldName::lon);
    const ais::Field* mmsi = message.find(ais::FieldName::mmsi);
    if (lat == nullptr || lon == nullptr || mmsi == nullptr) return;  // not available
    if (!provenance.time) {
      ready.emplace_back(io::RecordError{
          line, "time",
          "the message has no receive time (no tag block c:, receiver trailer or Gatehouse "
          "line); vigil does not guess when a ship was somewhere"});
      return;
    }
    io::RawRecord record;
    record.line = line;
    record.fields.emplace_back("time", format_rfc3339(*provenance.time));
    record.fields.emplace_back("lat", lat->decimal);
    record.fields.emplace_back("lon", lon->decimal);
    record.fields.emplace_back("kind", "position");
    record.fields.emplace_back("source", provenance.station.empty()
                                             ? std::string("ais")
                                             : fmt::format("ais:{}", provenance.station));
    record.fields.emplace_back("entity", fmt::format("mmsi:{}", mmsi->integer));
    for (const ais::Field& field : message) {
      const ais::FieldName name = field.name;
      if (name == ais::FieldName::lat || name == ais::FieldName::lon ||
          name == ais::FieldName::mmsi)
        continue;
      const std::string_view key = field_name(name);
      if (key.size() > 5 && key.substr(key.size() - 5) == "_text") continue;  // legends
      record.fields.emplace_back(name == ais::FieldName::type ? "msg_type" : std::string(key),
                                 field_value(message, field));
    }
    if (provenance.channel != 0) {
      record.fields.emplace_back("channel", std::string(1, provenance.channel));
    }
    ready.emplace_back(std::move(record));
  }
};

NmeaRecordReader::NmeaRecordReader(const std::string& path)
    : lines_(path), collector_(std::make_unique<Collector>()) {}

NmeaRecordReader::~NmeaRecordReader() = default;

vessel::IdentityRunBuilder& NmeaRecordReader::identities() {
  return collector_->identities;
}

io::ReadStatus NmeaRecordReader::next(io::RawRecord& record, io::RecordError& error) {
  for (;;) {
    if (!collector_->ready.empty()) {
      auto item = std::move(collector_->ready.front());
      collector_->ready.pop_front();
      if (auto* raw = std::get_if<io::RawRecord>(&item)) {
        record = std::move(*raw);
        return io::ReadStatus::record;
      }
      error = std::get<io::RecordError>(item);
      return io::ReadStatus::error;
    }
    if (finished_) return io::ReadStatus::end;
    std::string_view line;
    const auto result = lines_.next(line);
    if (result == io::LineSource::Result::end) {
      decoder_.finish(*collector_);
      finished_ = true;
    } else if (result == io::LineSource::Result::too_long) {
      decoder_.stats().lines++;
      decoder_.stats().error(ais::ErrorKind::junk_line)++;
    } else {
      decoder_.feed(line, lines_.line_number(), *collector_);
    }
  }
}

std::optional<AisCsvLayout> detect_ais_csv_layout(const std::vector<std::string>& header) {
  const auto has = [&](std::string_view name) {
    for (const auto& column : header) {
      if (column == name) return true;
    }
    return false;
  };
  if ((has("# Timestamp") || has("Timestamp")) && has("MMSI") && has("Latitude") &&
      has("Longitude") && has("Type of mobile")) {
    return AisCsvLayout::dma_aisdk;
  }
  if (has("MMSI") && has("BaseDateTime") && has("LAT") && has("LON")) {
    return AisCsvLayout::noaa_marinecadastre;
  }
  if (has("snapshot_utc") && has("mmsi") && has("lat") && has("lon")) {
    return AisCsvLayout::digitraffic;
  }
  return std::nullopt;
}

std::string_view to_string(AisCsvLayout layout) {
  switch (layout) {
    case AisCsvLayout::dma_aisdk:
      return "dma-aisdk";
    case AisCsvLayout::noaa_marinecadastre:
      return "noaa-marinecadastre";
    case AisCsvLayout::digitraffic:
      return "digitraffic";
  }
  return "ais-csv";
}

AisCsvRecordReader::AisCsvRecordReader(std::unique_ptr<io::CsvReader> csv, AisCsvLayout layout)
    : csv_(std::move(csv)), layout_(layout) {}

namespace {

struct AisCsvColumns {
  std::string_view time, mmsi, lat, lon, speed, course, heading, imo, source;
};

AisCsvColumns columns_of(AisCsvLayout layout) {
  switch (layout) {
    case AisCsvLayout::dma_aisdk:
      return {"# Timestamp", "MMSI",    "Latitude", "Longitude", "SOG",
              "COG",         "Heading", "IMO",      "ais:dma"};
    case AisCsvLayout::noaa_marinecadastre:
      return {"BaseDateTime", "MMSI", "LAT", "LON", "SOG", "COG", "Heading", "IMO", "ais:noaa"};
    case AisCsvLayout::digitraffic:
      return {"snapshot_utc", "mmsi",           "lat", "lon", "sog", "cog", "heading",
              "imo",          "ais:digitraffic"};
  }
  return {};
}

std::optional<double> as_number(const json& value) {
  if (value.is_number()) return value.get<double>();
  if (value.is_string()) {
    try {
      std::size_t used = 0;
      const std::string text = value.get<std::string>();
      const double number = std::stod(text, &used);
      if (used == text.size()) return number;
    } catch (const std::exception&) {
    }
  }
  return std::nullopt;
}

struct IdentityColumns {
  std::string_view name, callsign, imo, ship_type, length, beam, draught, destination;
};

IdentityColumns identity_columns_of(AisCsvLayout layout) {
  switch (layout) {
    case AisCsvLayout::dma_aisdk:
      return {"Name", "Callsign", "IMO", "Ship type", "Length", "Width", "Draught", "Destination"};
    case AisCsvLayout::noaa_marinecadastre:
      return {"VesselName", "CallSign", "IMO", "VesselType", "Length", "Width", "Draft", ""};
    case AisCsvLayout::digitraffic:
      return {"name", "", "", "ship_type", "", "", "", "destination"};
  }
  return {};
}

std::string cell_text(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return value.dump();
  if (value.is_number()) return fmt::format("{}", value.get<double>());
  return {};
}

// The identity columns of one row, normalised as decode's fields are: not-available
// markers ("Unknown", "Undefined", 0) dropped, IMO without its prefix, metres as integers.
void note_csv_identity(const IdentityColumns& c, std::string_view column, const json& value,
                       std::uint32_t mmsi, Timestamp time, vessel::IdentityRunBuilder& out) {
  using vessel::Attribute;
  std::string text = cell_text(value);
  if (text == "Unknown" || text == "Undefined" || text == "UNKNOWN") return;
  const auto positive = [&](Attribute attribute, bool tenths) {
    const auto number = as_number(text);
    if (!number || *number <= 0) return;
    out.add(mmsi, time, attribute,
            tenths ? fmt::format("{:.1f}", *number)
                   : std::to_string(static_cast<std::int64_t>(std::llround(*number))));
  };
  if (column == c.name) {
    out.add(mmsi, time, Attribute::name, text);
  } else if (column == c.callsign) {
    out.add(mmsi, time, Attribute::callsign, text);
  } else if (column == c.imo) {
    if (text.rfind("IMO", 0) == 0) text.erase(0, 3);
    positive(Attribute::imo, false);
  } else if (column == c.ship_type) {
    // Only the ITU code: DMA's category names ("Tanker") would read as a change against the
    // code the same ship broadcasts elsewhere. They stay in the observations' attributes.
    positive(Attribute::ship_type, false);
  } else if (column == c.length) {
    positive(Attribute::length, false);
  } else if (column == c.beam) {
    positive(Attribute::beam, false);
  } else if (column == c.draught) {
    positive(Attribute::draught, true);
  } else if (column == c.destination) {
    out.add(mmsi, time, Attribute::destination, text);
  }
}

// "01/06/2018 00:00:00" (DMA, UTC) -> RFC 3339.
std::optional<std::string> dma_time(const std::string& text) {
  if (text.size() != 19 || text[2] != '/' || text[5] != '/' || text[10] != ' ') return {};
  return text.substr(6, 4) + "-" + text.substr(3, 2) + "-" + text.substr(0, 2) + "T" +
         text.substr(11) + "Z";
}

}  // namespace

void AisCsvRecordReader::note_identity(const io::RawRecord& row, const json& mmsi,
                                       const std::string& time_text) {
  const auto mmsi_number = as_number(mmsi);
  if (!mmsi_number || *mmsi_number <= 0 || *mmsi_number >= 1e9) return;
  const auto time = parse_rfc3339(time_text);
  const IdentityColumns c = identity_columns_of(layout_);
  for (const auto& [name, value] : row.fields) {
    if (value.is_null() || name.empty()) continue;
    if (name != c.name && name != c.callsign && name != c.imo && name != c.ship_type &&
        name != c.length && name != c.beam && name != c.draught && name != c.destination) {
      continue;
    }
    if (!time) {
      identities_.add_untimed();
      return;
    }
    note_csv_identity(c, name, value, static_cast<std::uint32_t>(*mmsi_number), *time, identities_);
  }
}

io::ReadStatus AisCsvRecordReader::next(io::RawRecord& record, io::RecordError& error) {
  const AisCsvColumns c = columns_of(layout_);
  for (;;) {
    io::RawRecord raw;
    const io::ReadStatus status = csv_->next(raw, error);
    if (status != io::ReadStatus::record) return status;
    record.line = raw.line;
    record.fields.clear();
    std::optional<double> lat, lon;
    json time, mmsi;
    std::vector<std::pair<std::string, json>> attributes;
    for (auto& [name, value] : raw.fields) {
      if (value.is_null() || (value.is_string() && value.get<std::string>().find_first_not_of(
                                                       ' ') == std::string::npos)) {
        continue;  // empty cell
      }
      if (name == c.time || (layout_ == AisCsvLayout::dma_aisdk && name == "Timestamp")) {
        time = value;
      } else if (name == c.mmsi) {
        mmsi = value;
      } else if (name == c.lat) {
        lat = as_number(value);
      } else if (name == c.lon) {
        lon = as_number(value);
      } else {
        const auto number = as_number(value);
        // "Not available" values are left out, as in `vigil decode`.
        if (name == c.speed && number && *number >= 102.25) continue;
        if (name == c.course && number && *number >= 360) continue;
        if (name == c.heading && number && *number == 511) continue;
        if (name == c.imo && value.is_string()) {
          std::string imo = value.get<std::string>();
          if (imo.rfind("IMO", 0) == 0) imo = imo.substr(3);
          const auto digits = as_number(imo);
          if (!digits || *digits <= 0) continue;  // "Unknown", "0"
          value = static_cast<std::int64_t>(*digits);
        }
        // Speed, course and heading under the names decoded NMEA gives them, so that the
        // detectors read the same day alike from either (they read "speed").
        std::string key = name == c.speed     ? "speed"
                          : name == c.course  ? "course"
                          : name == c.heading ? "heading"
                                              : snake_case(name);
        attributes.emplace_back(std::move(key), value);  // the row also feeds identities
      }
    }
    std::string time_text = time.is_string() ? time.get<std::string>() : std::string();
    if (layout_ == AisCsvLayout::dma_aisdk) {
      time_text = dma_time(time_text).value_or(time_text);
    } else if (layout_ == AisCsvLayout::noaa_marinecadastre && time_text.size() == 19) {
      time_text += "Z";  // MarineCadastre times are UTC without an offset
    }
    note_identity(raw, mmsi, time_text);
    // 91 and 181 are AIS's "not available": the row carries identity only. An empty or
    // unreadable coordinate is an error the user sees, not a row that silently vanishes.
    if ((lat && *lat == 91) || (lon && *lon == 181)) continue;
    if (!lat || !lon) {
      error = io::RecordError{raw.line, std::string(!lat ? c.lat : c.lon), "empty or not a number"};
      return io::ReadStatus::error;
    }
    const std::string mmsi_text =
        mmsi.is_string() ? mmsi.get<std::string>() : (mmsi.is_null() ? "" : mmsi.dump());
    if (!mmsi.is_null() &&
        !vessel::mmsi_of_entity(std::string(vessel::kMmsiEntityPrefix) + mmsi_text)) {
      error = io::RecordError{raw.line, std::string(c.mmsi),
                              fmt::format("'{}' is not an MMSI (1 to 9 digits)", mmsi_text)};
      return io::ReadStatus::error;
    }
    record.fields.emplace_back("time", time_text.empty() ? json(nullptr) : json(time_text));
    record.fields.emplace_back("lat", *lat);
    record.fields.emplace_back("lon", *lon);
    record.fields.emplace_back("kind", "position");
    record.fields.emplace_back("source", std::string(c.source));
    if (!mmsi.is_null()) record.fields.emplace_back("entity", "mmsi:" + mmsi_text);
    for (auto& attribute : attributes)
      record.fields.push_back(std::move(attribute));
    return io::ReadStatus::record;
  }
}

}  // namespace vigil::ingest
