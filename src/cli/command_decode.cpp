#include <cstdio>
#include <memory>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "common.hpp"
#include "vigil/ais/decode_file.hpp"

namespace vigil::cli {

namespace {

struct DecodeArgs {
  std::vector<std::string> files;
  std::string format = "jsonl";
  std::string types;
  std::string fields;
  std::string stats = "text";
  bool strict = false;
  unsigned threads = 0;
  std::uint64_t fragment_timeout = 1000;
  std::size_t max_pending = 64;
};

std::bitset<64> parse_types(const std::string& text) {
  if (text.empty()) return std::bitset<64>().set();
  std::bitset<64> types;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = text.find(',', start);
    const std::string item =
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    std::size_t used = 0;
    int type = -1;
    try {
      type = std::stoi(item, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != item.size() || item.empty() || type < 1 || type > 27) {
      throw CLI::ValidationError("--types", "'" + item + "' is not an AIS message type (1-27)");
    }
    types.set(static_cast<std::size_t>(type));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return types;
}

std::vector<ais::FieldName> parse_fields(const std::string& text) {
  if (text.empty()) return ais::CsvMessageWriter::default_columns();
  std::vector<ais::FieldName> fields;
  std::size_t start = 0;
  for (;;) {
    const auto comma = text.find(',', start);
    const std::string name =
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    const auto field = ais::field_by_name(name);
    if (!field) throw CLI::ValidationError("--fields", "'" + name + "' is not a decoded field");
    fields.push_back(*field);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return fields;
}

int run_decode(DecodeArgs args) {
  if (args.files.empty()) args.files.push_back("-");
  ais::DecodeFileOptions options;
  options.types = parse_types(args.types);
  options.strict = args.strict;
  options.threads =
      args.threads != 0 ? args.threads : std::max(1u, std::thread::hardware_concurrency());
  options.stream.fragment_timeout_lines = args.fragment_timeout;
  options.stream.max_pending = args.max_pending;
  std::unique_ptr<ais::MessageWriter> writer;
  if (args.format == "csv") {
    writer = std::make_unique<ais::CsvMessageWriter>(parse_fields(args.fields));
  } else {
    if (!args.fields.empty()) throw CLI::ValidationError("--fields", "applies to --format csv");
    writer = std::make_unique<ais::JsonMessageWriter>();
  }

  static char stdout_buffer[1 << 16];
  std::setvbuf(stdout, stdout_buffer, _IOFBF, sizeof stdout_buffer);
  const auto output = [](std::string_view text) {
    if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size()) {
      throw std::runtime_error("cannot write to standard output");
    }
  };
  output(writer->header());

  ais::DecodeStats total;
  int status = kExitOk;
  for (const auto& file : args.files) {
    const auto result = ais::decode_file(file, *writer, options, output);
    total.merge(result.stats);
    if (result.first_error) {
      std::fflush(stdout);
      fmt::print(stderr, "{}:{}: {}\n", file == "-" ? "<stdin>" : file, result.first_error->line,
                 ais::error_kind_name(result.first_error->kind));
      status = kExitRejected;
      break;
    }
  }
  std::fflush(stdout);
  if (args.stats == "json") {
    fmt::print(stderr, "{}\n", total.to_json().dump());
  } else if (args.stats == "text") {
    fmt::print(stderr, "{}", total.to_text());
  }
  return status;
}

}  // namespace

void add_decode_command(CLI::App& app, Runner& run) {
  auto args = std::make_shared<DecodeArgs>();
  auto* cmd = app.add_subcommand(
      "decode",
      "Decode AIS NMEA (any talker, tag blocks, multipart, receiver trailers, Gatehouse "
      "lines) into one JSON object (or CSV row) per message, with gpsd's field names.");
  cmd->add_option("files", args->files, "NMEA files; standard input when none or '-'");
  cmd->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember({"jsonl", "csv"}))
      ->capture_default_str();
  cmd->add_option("--types", args->types, "Only write these message types, e.g. 1,2,3,5");
  cmd->add_option("--fields", args->fields,
                  "CSV columns, comma-separated field names (default: a position and "
                  "identity set, see docs/ais.md)");
  cmd->add_option("--stats", args->stats, "Statistics on standard error at the end")
      ->check(CLI::IsMember({"text", "json", "none"}))
      ->capture_default_str();
  cmd->add_flag("--strict", args->strict, "Stop at the first bad line and name it (exit code 3)");
  cmd->add_option("--threads", args->threads,
                  "Decoding threads for regular files (default: all cores)");
  cmd->add_option("--fragment-timeout", args->fragment_timeout,
                  "Lines a multipart message may wait for its next fragment")
      ->capture_default_str()
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 40));
  cmd->add_option("--max-pending", args->max_pending,
                  "Multipart messages waiting at once; the oldest is dropped beyond this")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}));
  cmd->callback([args, &run] { run = [args] { return run_decode(*args); }; });
}

}  // namespace vigil::cli
