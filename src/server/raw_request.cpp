#include "vigil/server/raw_request.hpp"

#include <fmt/format.h>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace vigil::server {
namespace http = boost::beast::http;

ApiResponse handle_raw_request(std::string_view bytes, const Api& api, const Principal& who,
                               store::Workspace& ws, const ServerOptions& options) {
  http::request_parser<http::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
  parser.body_limit(options.max_body_bytes);
  parser.eager(true);
  boost::beast::error_code ec;
  std::size_t used = 0;
  while (used < bytes.size() && !parser.is_done()) {
    const auto n = parser.put(boost::asio::buffer(bytes.data() + used, bytes.size() - used), ec);
    if (ec == http::error::need_more) break;
    if (ec == http::error::body_limit) return error_response(413, "the body is too large");
    if (ec == http::error::header_limit) return error_response(431, "the header is too large");
    if (ec) return error_response(400, fmt::format("malformed HTTP request: {}", ec.message()));
    if (n == 0) break;
    used += n;
  }
  if (used == 0 && !parser.got_some()) return error_response(400, "empty request");
  if (!parser.is_done()) {
    parser.put_eof(ec);
    if (ec || !parser.is_done()) return error_response(400, "incomplete HTTP request");
  }
  auto message = parser.release();
  ApiRequest request{std::string(message.method_string()), std::string(message.target()),
                     std::string(message[http::field::content_type]), std::move(message.body())};
  return api.handle(request, who, ws);
}

}  // namespace vigil::server
