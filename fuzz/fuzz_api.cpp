// libFuzzer target for vigil serve's request path: any bytes through the HTTP parser with
// serve's limits, the router, every parameter and body check and the handlers, on a
// throwaway workspace. The first byte picks the caller's role; the Authorization header,
// when there is one, also goes through key parsing. No request may crash, hang or answer
// other than with a JSON body and a 2xx-5xx status, and only 500 means a bug.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "vigil/server/raw_request.hpp"
#include "vigil/store/api_key_store.hpp"

namespace {

vigil::store::Workspace& workspace() {
  static vigil::store::Workspace* ws = [] {
    char dir[] = "/tmp/vigil-fuzz-api-XXXXXX";
    if (!::mkdtemp(dir)) std::abort();
    const auto paths = vigil::store::WorkspacePaths::of(std::string(dir) + "/ws.db");
    vigil::store::Workspace::create(paths);
    auto* opened = new vigil::store::Workspace(paths);
    // A throwaway workspace: no need to wait for the disk at every commit.
    opened->db().exec("PRAGMA synchronous = OFF");
    return opened;
  }();
  return *ws;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const vigil::server::Api api;
  vigil::server::ServerOptions options;
  options.max_body_bytes = 1 << 20;
  const auto role = static_cast<vigil::store::Role>(data[0] % 4);
  const vigil::server::Principal who{"0123456789abcdef", "fuzz", role};
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  if (const auto at = bytes.find("Bearer "); at != std::string_view::npos)
    (void)vigil::store::parse_key_token(bytes.substr(at + 7, bytes.find('\r', at) - at - 7));
  const auto response = vigil::server::handle_raw_request(bytes, api, who, workspace(), options);
  if (response.status < 200 || response.status > 599) std::abort();
  if (response.status == 500) {
    std::fprintf(stderr, "500: %s\n", response.body.c_str());
    std::abort();
  }
  if (response.content_type == "application/json" && !nlohmann::json::accept(response.body))
    std::abort();
  return 0;
}
