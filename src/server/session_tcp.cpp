// vigil serve's plain HTTP connections.
#include "session.hpp"

namespace vigil::server::detail {

void start_session(Server::Impl& server, Admission::Slot slot, std::string peer,
                   tcp::socket socket) {
  std::make_shared<Session<beast::tcp_stream>>(server, std::move(slot), std::move(peer),
                                               std::move(socket))
      ->start();
}

}  // namespace vigil::server::detail
