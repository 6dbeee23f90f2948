#include "common.hpp"
#include <fstream>
#include <iostream>

#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

namespace vigil::cli {

store::WorkspacePaths WorkspaceOptions::paths() const {
  return store::WorkspacePaths::of(path, key.empty() ? std::nullopt : std::optional(key));
}

void add_workspace_options(CLI::App* cmd, WorkspaceOptions& options, bool with_key) {
  cmd->add_option("-w,--workspace", options.path, "Workspace file (SQLite)")->required();
  if (with_key)
    cmd->add_option("--key", options.key,
                    "Secret signing key file (default: WORKSPACE.key, or $VIGIL_KEY)");
}

Timestamp parse_time_option(const std::string& option, const std::string& text) {
  if (auto t = parse_rfc3339(text)) return *t;
  if (text.size() == 10)
    if (auto t = parse_rfc3339(text + "T00:00:00Z")) return *t;
  throw CLI::ValidationError(option,
                             fmt::format("'{}' is not an RFC 3339 date-time or a date", text));
}

store::BoundingBox parse_bbox_option(const std::string& text) {
  double v[4];
  std::size_t pos = 0;
  for (int i = 0; i < 4; ++i) {
    const auto comma = text.find(',', pos);
    const std::string part =
        text.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    char* end = nullptr;
    v[i] = std::strtod(part.c_str(), &end);
    if (part.empty() || *end != '\0' || (i < 3 && comma == std::string::npos) ||
        (i == 3 && comma != std::string::npos))
      throw CLI::ValidationError("--bbox", "expected MIN_LON,MIN_LAT,MAX_LON,MAX_LAT in degrees");
    pos = comma + 1;
  }
  if (v[1] > v[3] || v[1] < -90 || v[3] > 90 || v[0] < -180 || v[2] > 180)
    throw CLI::ValidationError("--bbox",
                               "latitudes in [-90, 90] with min <= max, longitudes in "
                               "[-180, 180]");
  return {v[0], v[1], v[2], v[3]};
}

std::string default_actor() {
  if (const char* user = std::getenv("USER"); user && *user) return user;
  return "unknown";
}

Progress::Progress(bool enabled) : enabled_(enabled && ::isatty(STDERR_FILENO)), started_(now()) {}

void Progress::update(const std::string& label, std::uint64_t records, std::uint64_t bytes) {
  if (!enabled_) return;
  const Timestamp t = now();
  if (t - last_ < 200'000) return;  // five redraws a second are plenty
  last_ = t;
  const double seconds = static_cast<double>(t - started_) / 1e6;
  const double rate = seconds > 0 ? static_cast<double>(records) / seconds : 0;
  fmt::print(stderr, "\r\x1b[K{}: {} records, {:.0f}/s, {:.1f} MiB", label, records, rate,
             static_cast<double>(bytes) / (1 << 20));
  drawn_ = true;
}

void Progress::clear() {
  if (drawn_) fmt::print(stderr, "\r\x1b[K");
  drawn_ = false;
}

void write_text_output(const std::string& path, const std::string& text) {
  if (path.empty() || path == "-") {
    std::cout << text << std::flush;
    return;
  }
  std::ofstream file(path);
  file << text;
  file.close();
  if (!file) throw std::runtime_error(path + ": cannot write");
}

}  // namespace vigil::cli
