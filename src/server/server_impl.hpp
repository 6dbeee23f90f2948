#pragma once
// vigil serve's shared state (Server::Impl) and the entry points of its connections, private to
// the server module: http_server.cpp accepts, watches the log and shuts down; session_tcp.cpp
// and session_tls.cpp each instantiate the connection (session.hpp) for one kind of stream.
#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <utility>  // before Asio: Boost 1.74's awaitable.hpp uses std::exchange without it

#include <fmt/format.h>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>

#include "vigil/server/admission.hpp"
#include "vigil/server/api.hpp"
#include "vigil/server/event_hub.hpp"
#include "vigil/server/http_server.hpp"
#include "vigil/server/key_ring.hpp"
#include "vigil/server/rate_limiter.hpp"
#include "vigil/server/request_policy.hpp"
#include "vigil/server/static_files.hpp"
#include "workspace_pool.hpp"

namespace vigil::server {
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;

struct Server::Impl {
  Impl(store::WorkspacePaths workspace_paths, ServerOptions server_options)
      : paths(std::move(workspace_paths)),
        options(std::move(server_options)),
        acceptor(ioc),
        signals(ioc, SIGINT, SIGTERM),
        watch_timer(ioc),
        workers(std::max(1u, options.workers)),
        writer_strand(net::make_strand(workers)),
        watch_strand(net::make_strand(workers)),
        writer(std::make_unique<store::Workspace>(paths)),  // migrates, before any reader
        watcher(std::make_unique<store::Workspace>(paths)),
        readers(paths),
        api(options.limits),
        static_files(options.web_root),
        keys(*watcher),
        hub(*watcher),
        limiter(options.rate_per_key, options.burst_per_key),
        auth_failures(options.auth_failures_per_address, options.auth_failure_burst),
        admission(options.admission),
        policy(api, keys, limiter, auth_failures, in_flight, options.max_queued) {
    if (options.tls_cert.empty() != options.tls_key.empty())
      throw std::runtime_error("--tls-cert and --tls-key go together");
    if (!options.tls_cert.empty()) {
      tls.emplace(ssl::context::tls_server);
      tls->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                       ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
      try {
        tls->use_certificate_chain_file(options.tls_cert);
        tls->use_private_key_file(options.tls_key, ssl::context::pem);
      } catch (const boost::system::system_error& e) {
        throw std::runtime_error(fmt::format("--tls-cert/--tls-key: cannot load {} / {}: {}",
                                             options.tls_cert, options.tls_key, e.what()));
      }
    }
  }

  void accept();
  void watch();
  void begin_shutdown();

  store::WorkspacePaths paths;
  ServerOptions options;
  net::io_context ioc;
  std::optional<ssl::context> tls;
  tcp::acceptor acceptor;
  net::signal_set signals;
  net::steady_timer watch_timer;
  net::thread_pool workers;
  net::strand<net::thread_pool::executor_type> writer_strand;
  net::strand<net::thread_pool::executor_type> watch_strand;
  std::unique_ptr<store::Workspace> writer;   // used on writer_strand only
  std::unique_ptr<store::Workspace> watcher;  // used on watch_strand only
  detail::WorkspacePool readers;
  Api api;
  StaticFiles static_files;
  KeyRing keys;
  EventHub hub;
  RateLimiter limiter;
  RateLimiter auth_failures;  // per client address
  Admission admission;
  std::string address;
  std::atomic<std::size_t> in_flight{0};  // dispatched to a worker, response not yet sent
  std::atomic<std::size_t> receiving{0};  // header received, not yet in flight nor answered
  std::atomic<bool> stopping{false};
  RequestPolicy policy;
  int ticks = 0;
};

namespace detail {

// A connection accepted under `slot`, served until either side closes: plain HTTP, or HTTPS
// after the TLS handshake.
void start_session(Server::Impl& server, Admission::Slot slot, std::string peer,
                   tcp::socket socket);
void start_tls_session(Server::Impl& server, Admission::Slot slot, std::string peer,
                       tcp::socket socket, ssl::context& tls);

}  // namespace detail
}  // namespace vigil::server
