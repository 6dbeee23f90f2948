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

constexpr std::string_view kFormat = "vigil-log-bundle-v2";
constexpr std::string_view kUnsignedFormat = "vigil-log-bundle-v1";  // before manifests were signed

std::vector<std::uint8_t> manifest_message(std::string_view workspace_id, const PublicKey& key,
                                           std::int64_t records, std::int64_t head_seq,
                                           std::string_view head_hash,
                                           std::string_view exported_at) {
  const auto text = fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}", kFormat, workspace_id,
                                to_hex(key), records, head_seq, head_hash, exported_at);
  return {text.begin(), text.end()};
}

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

void write_bundle(const std::string& dir, const Bundle& bundle, const SigningKey& key) {
  namespace fs = std::filesystem;
  if (key.public_key() != bundle.public_key)
    throw std::runtime_error("the bundle's manifest must be signed with the log's own key");
  fs::create_directories(dir);
  std::string records;
  for (const auto& r : bundle.records)
    records += record_json(r).dump() + "\n";
  std::string signatures;
  for (const auto& s : bundle.signatures)
    signatures += signature_json(s).dump() + "\n";
  const auto count = static_cast<std::int64_t>(bundle.records.size());
  const std::int64_t head_seq = bundle.records.empty() ? 0 : bundle.records.back().seq;
  const std::string head_hash = bundle.records.empty() ? "" : bundle.records.back().hash;
  const auto exported_at = format_rfc3339(now());
  const auto signature = key.sign(manifest_message(bundle.workspace_id, key.public_key(), count,
                                                   head_seq, head_hash, exported_at));
  nlohmann::json manifest = {{"format", kFormat},
                             {"workspace_id", bundle.workspace_id},
                             {"public_key", to_hex(bundle.public_key)},
                             {"records", count},
                             {"head_seq", head_seq},
                             {"head_hash", head_hash},
                             {"exported_at", exported_at},
                             {"signature", to_hex(signature)}};
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
    if (manifest.at("format") == kUnsignedFormat)
      throw std::runtime_error(
          "bundle format v1 has an unsigned manifest, so a bundle cut back to an earlier head "
          "would pass as whole: export the log again with this version of vigil");
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
  field(manifest_path, 1, [&] {
    bundle.manifest_records = manifest.at("records").get<std::int64_t>();
    bundle.manifest_head_seq = manifest.at("head_seq").get<std::int64_t>();
    bundle.manifest_head_hash = manifest.at("head_hash").get<std::string>();
    bundle.exported_at = manifest.at("exported_at").get<std::string>();
    bundle.manifest_signature = manifest.at("signature").get<std::string>();
    return 0;
  });
  std::ifstream key_file(fs::path(dir) / "public_key");
  std::string key_hex;
  if (key_file >> key_hex) bundle.public_key_file = parse_public_key(key_hex);
  if (key_file.is_open() && !bundle.public_key_file)
    throw std::runtime_error(fmt::format("{}: not an Ed25519 public key in hex",
                                         (fs::path(dir) / "public_key").string()));
  return bundle;
}

ChainVerdict verify_bundle(const Bundle& bundle) {
  ChainVerdict verdict;
  const auto fail = [&](std::int64_t seq, std::string message) {
    verdict.ok = false;
    verdict.bad_seq = seq;
    verdict.message = std::move(message);
    return verdict;
  };
  if (!bundle.public_key_file) return fail(0, "the bundle has no public_key file");
  if (*bundle.public_key_file != bundle.public_key)
    return fail(0,
                fmt::format("the public_key file holds key {}, the manifest names key {}",
                            fingerprint(*bundle.public_key_file), fingerprint(bundle.public_key)));
  const auto signature = parse_signature(bundle.manifest_signature);
  if (!signature ||
      !verify_signature(
          bundle.public_key,
          manifest_message(bundle.workspace_id, bundle.public_key, bundle.manifest_records,
                           bundle.manifest_head_seq, bundle.manifest_head_hash, bundle.exported_at),
          *signature))
    return fail(0, "the manifest's signature does not hold: the manifest was edited after export");
  verdict = verify_chain(bundle.workspace_id, bundle.records, bundle.signatures, bundle.public_key);
  if (!verdict.ok) return verdict;
  const auto count = static_cast<std::int64_t>(bundle.records.size());
  const std::int64_t head_seq = bundle.records.empty() ? 0 : bundle.records.back().seq;
  const std::string head = bundle.records.empty() ? "" : bundle.records.back().hash;
  if (bundle.manifest_records != count || bundle.manifest_head_seq != head_seq ||
      bundle.manifest_head_hash != head)
    return fail(
        std::min(count, bundle.manifest_records) + 1,
        fmt::format("the signed manifest lists {} records ending in {}, the bundle holds "
                    "{}: records were dropped or added after export",
                    bundle.manifest_records, bundle.manifest_head_hash.substr(0, 16), count));
  return verdict;
}

}  // namespace vigil::ledger
