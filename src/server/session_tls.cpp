// vigil serve's HTTPS connections.
#include "session.hpp"

namespace vigil::server::detail {

void start_tls_session(Server::Impl& server, Admission::Slot slot, std::string peer,
                       tcp::socket socket, ssl::context& tls) {
  std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(
      server, std::move(slot), std::move(peer), std::move(socket), tls)
      ->start();
}

}  // namespace vigil::server::detail
