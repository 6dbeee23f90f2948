#pragma once

#include <string_view>

#include "vigil/server/api.hpp"
#include "vigil/server/http_server.hpp"

namespace vigil::server {

// One request as bytes on the wire, parsed with the same HTTP parser and limits as vigil
// serve, then routed and run as `who` on `ws`. For the fuzzer and tests: the network, keys
// and queues are left out, everything a request's bytes can reach is in.
ApiResponse handle_raw_request(std::string_view bytes, const Api& api, const Principal& who,
                               store::Workspace& ws, const ServerOptions& options);

}  // namespace vigil::server
