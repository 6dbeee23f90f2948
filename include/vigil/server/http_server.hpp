#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "vigil/server/admission.hpp"
#include "vigil/server/api.hpp"

namespace vigil::server {

struct ServerOptions {
  std::string listen = "127.0.0.1:8080";  // HOST:PORT; port 0 picks a free one
  std::string tls_cert, tls_key;          // PEM files; both or neither
  std::string web_root;                   // the built dashboard, served at /; empty: none
  std::size_t max_body_bytes = 64u << 20;
  std::size_t max_header_bytes = 16u << 10;
  std::chrono::seconds request_timeout{30};  // to receive a request's body, to send a response
  std::chrono::seconds header_timeout{10};   // to receive a request's header (and idle keep-alive)
  AdmissionLimits admission;                 // connections in all and per address, streams per key
  double rate_per_key = 500;                 // requests a second per key, on average (0: no limit)
  double burst_per_key = 1000;
  // Requests without a valid key, per client address: beyond these a client is answered 429
  // without its key being looked at.
  double auth_failures_per_address = 10;  // a second, on average
  double auth_failure_burst = 100;
  unsigned io_threads = 2;
  unsigned workers = 4;           // threads that run queries; writes take turns on one of them
  std::size_t max_queued = 4096;  // requests waiting for a worker before 503
  ApiLimits limits;
};

// vigil serve: the API (api.hpp) over HTTP/1.1 with keep-alive, optional TLS, the dashboard's
// static files, and Server-Sent Events. Runs until SIGINT or SIGTERM, then stops accepting,
// lets every accepted request finish (an accepted batch is stored) and returns.
class Server {
 public:
  Server(store::WorkspacePaths paths, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; returns the address clients use ("http://127.0.0.1:8080").
  std::string listen();
  // Why the workspace is read-only to this server (its writes are then answered 503), or
  // nothing when it may write.
  std::optional<std::string> read_only_reason() const;
  // How many keys open it (none: every request is refused).
  std::size_t active_keys() const;
  // Serves until a signal; `on_ready` runs once the server accepts connections.
  void run();

  struct Impl;  // the implementation's own (http_server.cpp)

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace vigil::server
