#include "vigil/ledger/bundle.hpp"

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "vigil/core/hash.hpp"
#include "vigil/core/time.hpp"

namespace vigil::ledger {
namespace {

constexpr std::string_view kFormat = "vigil-log-bundle-v1";

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw std::runtime_error(fmt::format("{}: cannot write", path.string()));
}

std::vector<nlohmann::json> read_jsonl(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("{}: cannot read", path.string()));
  std::vector<nlohmann::json> rows;
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (line.empty()) continue;
    try {
      rows.push_back(nlohmann::json::parse(line));
    } catch (const std::exception& e) {
      throw std::runtime_error(fmt::format("{}:{}: {}", path.string(), n, e.what()));
    }
  }
  return rows;
}

template <typename F>
auto field(const std::filesystem::path& path, std::size_t row, F&& get) {
  try {
    return get();
  } catch (const std::exception& e) {
    throw std::runtime_error(fmt::format("{}:{}: {}", path.string(), row, e.what()));
  }
}

}  // namespace

nlohmann::json record_json(const LogRecord& r) {
  return {{"seq", r.seq},   {"kind", r.kind},           {"subject", r.subject},
          {"body", r.body}, {"prev_hash", r.prev_hash}, {"hash", r.hash}};
}

nlohmann::json signature_json(const HeadSignature& s) {
  return {{"seq", s.seq}, {"hash", s.hash}, {"signature", s.signature}, {"signed_at", s.signed_at}};
}

void write_bundle(const std::string& dir, const Bundle& bundle) {
  namespace fs = std::filesystem;
  fs::create_directories(dir);
  std::string records;
  for (const auto& r : bundle.records)
    records += record_json(r).dump() + "\n";
  std::string signatures;
  for (const auto& s : bundle.signatures)
    signatures += signature_json(s).dump() + "\n";
  nlohmann::json manifest = {{"format", kFormat},
                             {"workspace_id", bundle.workspace_id},
                             {"public_key", to_hex(bundle.public_key)},
                             {"records", bundle.records.size()},
                             {"exported_at", format_rfc3339(now())}};
  if (!bundle.records.empty()) {
    manifest["head_seq"] = bundle.records.back().seq;
    manifest["head_hash"] = bundle.records.back().hash;
  }
  write_file(fs::path(dir) / "records.jsonl", records);
  write_file(fs::path(dir) / "signatures.jsonl", signatures);
  write_file(fs::path(dir) / "public_key", to_hex(bundle.public_key) + "\n");
  write_file(fs::path(dir) / "manifest.json", manifest.dump(2) + "\n");
}

Bundle read_bundle(const std::string& dir) {
  namespace fs = std::filesystem;
  const fs::path manifest_path = fs::path(dir) / "manifest.json";
  std::ifstream in(manifest_path);
  if (!in)
    throw std::runtime_error(fmt::format("{}: cannot read (is {} a bundle from vigil log export?)",
                                         manifest_path.string(), dir));
  nlohmann::json manifest;
  try {
    manifest = nlohmann::json::parse(in);
  } catch (const std::exception& e) {
    throw std::runtime_error(fmt::format("{}: {}", manifest_path.string(), e.what()));
  }
  Bundle bundle;
  field(manifest_path, 1, [&] {
    if (manifest.at("format") != kFormat)
      throw std::runtime_error(
          fmt::format("unknown bundle format {}", manifest.at("format").dump()));
    bundle.workspace_id = manifest.at("workspace_id").get<std::string>();
    const auto key = parse_public_key(manifest.at("public_key").get<std::string>());
    if (!key) throw std::runtime_error("field 'public_key' is not an Ed25519 public key");
    bundle.public_key = *key;
    return 0;
  });
  const fs::path records_path = fs::path(dir) / "records.jsonl";
  std::size_t row = 0;
  for (const auto& j : read_jsonl(records_path)) {
    ++row;
    bundle.records.push_back(field(records_path, row, [&] {
      return LogRecord{j.at("seq").get<std::int64_t>(),      j.at("kind").get<std::string>(),
                       j.at("subject").get<std::string>(),   j.at("body").get<std::string>(),
                       j.at("prev_hash").get<std::string>(), j.at("hash").get<std::string>()};
    }));
  }
  const fs::path signatures_path = fs::path(dir) / "signatures.jsonl";
  row = 0;
  for (const auto& j : read_jsonl(signatures_path)) {
    ++row;
    bundle.signatures.push_back(field(signatures_path, row, [&] {
      return HeadSignature{j.at("seq").get<std::int64_t>(), j.at("hash").get<std::string>(),
                           j.at("signature").get<std::string>(),
                           j.at("signed_at").get<std::string>()};
    }));
  }
  bundle.manifest_records = manifest.value("records", std::int64_t{0});
  bundle.manifest_head_hash = manifest.value("head_hash", "");
  return bundle;
}

ChainVerdict verify_bundle(const Bundle& bundle) {
  ChainVerdict verdict =
      verify_chain(bundle.workspace_id, bundle.records, bundle.signatures, bundle.public_key);
  if (!verdict.ok) return verdict;
  const auto count = static_cast<std::int64_t>(bundle.records.size());
  const std::string head = bundle.records.empty() ? "" : bundle.records.back().hash;
  if (bundle.manifest_records != count || bundle.manifest_head_hash != head) {
    verdict.ok = false;
    verdict.bad_seq = std::min(count, bundle.manifest_records) + 1;
    verdict.message = fmt::format(
        "the manifest lists {} records ending in {}, the bundle holds {}: records were dropped "
        "or added after export",
        bundle.manifest_records, bundle.manifest_head_hash.substr(0, 16), count);
  }
  return verdict;
}

}  // namespace vigil::ledger
