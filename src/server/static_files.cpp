#include "vigil/server/static_files.hpp"

#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include <fmt/format.h>

#include "query_params.hpp"

namespace vigil::server {
namespace fs = std::filesystem;

namespace {

std::string_view content_type_of(const fs::path& file) {
  const auto ext = file.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".pbf") return "application/x-protobuf";
  return "application/octet-stream";
}

std::optional<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return std::move(text).str();
}

bool inside(const fs::path& file, const fs::path& root) {
  auto f = file.begin();
  for (auto r = root.begin(); r != root.end(); ++r, ++f)
    if (f == file.end() || *f != *r) return false;
  return f != file.end();  // the root itself is not a file inside it
}

}  // namespace

StaticFiles::StaticFiles(const std::string& root) {
  if (root.empty()) return;
  std::error_code ec;
  root_ = fs::canonical(root, ec);
  if (ec || !fs::is_directory(root_))
    throw std::runtime_error(fmt::format("--web {}: not a directory", root));
}

StaticLookup StaticFiles::resolve(std::string_view target) const {
  if (!target.starts_with('/')) return {400, {}, false};
  if (!enabled()) return {404, {}, false};
  const auto path = target.substr(0, target.find_first_of("?#"));
  fs::path relative;
  std::string last;
  std::size_t begin = 1;
  while (begin <= path.size()) {
    auto end = path.find('/', begin);
    if (end == std::string_view::npos) end = path.size();
    const auto decoded = percent_decode(path.substr(begin, end - begin), false);
    begin = end + 1;
    if (!decoded) return {400, {}, false};
    if (decoded->empty()) continue;
    // A decoded '/' would be a segment boundary the split above did not see.
    if (decoded->front() == '.' ||
        decoded->find_first_of(std::string_view("/\\\0", 3)) != std::string::npos)
      return {404, {}, false};
    relative /= *decoded;
    last = *decoded;
  }
  if (relative.empty()) return find("index.html");
  auto found = find(relative);
  // Paths without a file are the dashboard's own pages: the page decides what to show.
  if (found.status == 404 && last.find('.') == std::string::npos) return find("index.html");
  return found;
}

StaticLookup StaticFiles::find(const fs::path& relative) const {
  std::error_code ec;
  const auto file = fs::canonical(root_ / relative, ec);
  if (ec || !inside(file, root_) || !fs::is_regular_file(file, ec)) return {404, {}, false};
  const bool immutable = *relative.begin() == "assets";  // Vite names them by their hash
  return {200, file, immutable};
}

ApiResponse StaticFiles::serve(std::string_view target) const {
  const auto lookup = resolve(target);
  if (lookup.status == 400)
    return error_response(400, "the request target must be a path starting with '/'");
  if (!enabled()) return error_response(404, "no dashboard here");
  auto content = lookup.status == 200 ? read_file(lookup.file) : std::nullopt;
  if (!content) return error_response(404, "no such file");
  ApiResponse response{200, std::string(content_type_of(lookup.file)), std::move(*content), {}};
  response.headers.emplace_back(
      "Cache-Control", lookup.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  return response;
}

}  // namespace vigil::server
