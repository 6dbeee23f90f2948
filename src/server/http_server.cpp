#include "vigil/server/http_server.hpp"

#include <atomic>
#include <charconv>
#include <cmath>
#include <csignal>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "vigil/server/event_hub.hpp"
#include "vigil/server/key_ring.hpp"
#include "vigil/server/rate_limiter.hpp"
#include "vigil/server/static_files.hpp"
#include "workspace_pool.hpp"

namespace vigil::server {
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

namespace {

constexpr std::size_t kMaxPendingEventBytes = 4u << 20;  // then a slow stream is dropped
constexpr auto kWatchInterval = std::chrono::milliseconds(250);
constexpr std::uint64_t kDirectBodyBytes = 256u << 10;  // larger bodies skip the parser (read_body)
constexpr int kHeartbeatTicks = 60;                     // 15 s

std::pair<std::string, std::uint16_t> split_listen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos)
    throw std::runtime_error(fmt::format("--listen '{}': must be HOST:PORT", listen));
  std::string host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  unsigned port = 0;
  const auto text = std::string_view(listen).substr(colon + 1);
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
  if (ec != std::errc() || end != text.data() + text.size() || port > 65535)
    throw std::runtime_error(fmt::format("--listen '{}': the port must be 0 to 65535", listen));
  return {host, static_cast<std::uint16_t>(port)};
}

}  // namespace

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
        admission(options.admission) {
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
  std::atomic<std::size_t> receiving{0};  // header received, body still arriving
  std::atomic<bool> stopping{false};
  int ticks = 0;
};

namespace {

template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>>, public EventSubscriber {
 public:
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

  template <class... Args>
  Session(Server::Impl& server, Admission::Slot slot, std::string peer, Args&&... args)
      : server_(server),
        connection_slot_(std::move(slot)),
        peer_(std::move(peer)),
        stream_(std::forward<Args>(args)...) {}

  void start() {
    if constexpr (kTls) {
      lowest().expires_after(server_.options.header_timeout);
      stream_.async_handshake(ssl::stream_base::server,
                              beast::bind_front_handler(&Session::on_handshake, self()));
    } else {
      read();
    }
  }

  // EventSubscriber: called on the hub's thread; only queues. A null frame closes.
  void deliver(std::shared_ptr<const std::string> frame) override {
    if (frame) {
      if (pending_bytes_.fetch_add(frame->size()) + frame->size() > kMaxPendingEventBytes) {
        frame = nullptr;  // too far behind: close, the client resumes with Last-Event-ID
      }
    }
    net::post(stream_.get_executor(), [s = self(), frame] { s->queue_event(frame); });
  }

 private:
  std::shared_ptr<Session> self() { return this->shared_from_this(); }
  beast::tcp_stream& lowest() { return beast::get_lowest_layer(stream_); }

  void on_handshake(beast::error_code ec) {
    if (!ec) read();
  }

  void read() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.options.max_header_bytes));
    parser_->body_limit(server_.options.max_body_bytes);
    // A header gets less time than a body: a client that holds a connection without asking
    // anything is let go sooner.
    lowest().expires_after(
        std::min(server_.options.header_timeout, server_.options.request_timeout));
    // The header first: a request whose header has arrived is being received, and a
    // graceful stop waits for it (idle keep-alive connections it does not wait for).
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&Session::on_header, self()));
  }

  void on_header(beast::error_code ec, std::size_t) {
    if (ec) return on_read(ec, 0);
    // Only a lone "chunked" frames a body; any other transfer coding (or one beside a
    // Content-Length) leaves the body's end ambiguous, and what follows would be read as
    // another request.
    const auto& header = parser_->get();
    const auto coding = header[http::field::transfer_encoding];
    if (!coding.empty() &&
        (!beast::iequals(coding, "chunked") || header.count(http::field::transfer_encoding) > 1 ||
         header.count(http::field::content_length) > 0))
      return refuse(400, "Transfer-Encoding: only 'chunked' alone is accepted");
    lowest().expires_after(server_.options.request_timeout);
    ++server_.receiving;
    // A client that asks before sending its body (curl does, for bodies over 1 MiB) would
    // otherwise wait a second for the go-ahead.
    const auto expect = parser_->get()[http::field::expect];
    if (beast::iequals(expect, "100-continue") && !parser_->is_done()) {
      static const std::string kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      net::async_write(stream_, net::buffer(kContinue),
                       [s = self()](beast::error_code write_ec, std::size_t) {
                         if (write_ec) {
                           --s->server_.receiving;
                           return;
                         }
                         s->read_body();
                       });
      return;
    }
    read_body();
  }

  void read_body() {
    const auto length = parser_->content_length();
    if (!length || *length < kDirectBodyBytes || *length > server_.options.max_body_bytes)
      return http::async_read(stream_, buffer_, *parser_,
                              [s = self()](beast::error_code read_ec, std::size_t n) {
                                --s->server_.receiving;
                                s->on_read(read_ec, n);
                              });
    // A large body of known length goes straight into its string, in reads as large as the
    // socket has data for: the parser would take it 64 KiB per read, each a trip through the
    // reactor.
    direct_body_.resize(static_cast<std::size_t>(*length));
    const std::size_t buffered = std::min(buffer_.size(), direct_body_.size());
    net::buffer_copy(net::buffer(direct_body_.data(), buffered), buffer_.data());
    buffer_.consume(buffered);
    net::async_read(stream_,
                    net::buffer(direct_body_.data() + buffered, direct_body_.size() - buffered),
                    [s = self()](beast::error_code read_ec, std::size_t) {
                      --s->server_.receiving;
                      if (read_ec) return s->on_read(read_ec, 0);
                      auto request = s->parser_->release();
                      request.body() = std::move(s->direct_body_);
                      s->direct_body_ = {};
                      s->handle(std::move(request));
                    });
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec == http::error::end_of_stream) return close();
    if (ec == http::error::body_limit)
      return refuse(
          413, fmt::format("the body is larger than {} bytes", server_.options.max_body_bytes));
    if (ec == http::error::header_limit)
      return refuse(431, fmt::format("the request header is larger than {} bytes",
                                     server_.options.max_header_bytes));
    if (ec && ec.category() == http::make_error_code(http::error::bad_target).category())
      return refuse(400, fmt::format("malformed HTTP request: {}", ec.message()));
    if (ec) return;  // timeout, reset, shutdown: nothing to answer
    handle(parser_->release());
  }

  void refuse(int status, std::string_view message) {
    keep_alive_ = false;
    write(error_response(status, message));
  }

  // 429 with its Retry-After; `close`: and the connection closed.
  void too_many(double retry_after_s, std::string_view message, bool close) {
    if (close) keep_alive_ = false;
    auto response = error_response(429, message);
    response.headers.emplace_back("Retry-After",
                                  std::to_string(static_cast<int>(std::ceil(retry_after_s))));
    write(std::move(response));
  }

  void handle(http::request<http::string_body> req) {
    keep_alive_ = req.keep_alive();
    version_ = req.version();
    const std::string_view target(req.target().data(), req.target().size());
    if (!target.starts_with("/api/")) return serve_static(req, target);

    ApiRequest request{std::string(req.method_string()), std::string(target),
                       std::string(req[http::field::content_type]), std::move(req.body())};
    // A client that keeps failing to authenticate is not answered by looking up its keys.
    double retry_after = 0;
    const auto now = RateLimiter::Clock::now();
    if (!server_.auth_failures.can_allow(peer_, now, retry_after))
      return too_many(retry_after, "too many requests without a valid key from this address", true);
    const auto auth = req[http::field::authorization];
    const auto who = server_.keys.authenticate(std::string_view(auth.data(), auth.size()));
    if (!who) {
      server_.auth_failures.allow(peer_, now, retry_after);
      auto response =
          error_response(401, "a valid API key is required: Authorization: Bearer vk_...");
      response.headers.emplace_back("WWW-Authenticate", "Bearer");
      return write(std::move(response));
    }
    auto routed = server_.api.route(request, *who);
    if (routed.refusal) return write(std::move(*routed.refusal));
    if (!server_.limiter.allow(who->key_id, now, retry_after))
      return too_many(retry_after, "too many requests for this key; slow down", false);
    if (routed.access == Access::events) {
      const auto last_id = req["Last-Event-ID"];
      return start_events(*who, std::string_view(last_id.data(), last_id.size()), request.target);
    }
    if (server_.in_flight.load() >= server_.options.max_queued)
      return refuse(503, "the server is busy; try again");
    ++server_.in_flight;
    dispatched_ = true;
    const bool writes = routed.access == Access::write;
    // A batch starts being read and validated now, while the writes ahead of it are stored.
    std::shared_ptr<PreparedWrite> prepared;
    if (writes) prepared = server_.api.prepare(routed, request, *who);
    auto job = [s = self(), request = std::move(request), who = *who, routed = std::move(routed),
                prepared = std::move(prepared)]() mutable {
      ApiResponse response;
      if (routed.access == Access::write) {
        response = s->server_.api.run(routed, request, who, *s->server_.writer, prepared.get());
        prepared.reset();
      } else {
        auto lease = s->server_.readers.acquire();
        response = s->server_.api.run(routed, request, who, lease.workspace());
      }
      net::post(s->stream_.get_executor(),
                [s, response = std::move(response)]() mutable { s->write(std::move(response)); });
    };
    if (writes)
      net::post(server_.writer_strand, std::move(job));
    else
      net::post(server_.workers, std::move(job));
  }

  void serve_static(const http::request<http::string_body>& req, std::string_view target) {
    if (req.method() != http::verb::get && req.method() != http::verb::head)
      return write(error_response(405, "only GET and HEAD here"));
    auto response = server_.static_files.serve(target);
    if (response.status == 400) keep_alive_ = false;
    if (req.method() == http::verb::head) head_only_ = true;
    write(std::move(response));
  }

  void write(ApiResponse response) {
    auto res = std::make_shared<http::response<http::string_body>>(
        static_cast<http::status>(response.status), version_);
    res->set(http::field::server, "vigil");
    res->set(http::field::content_type, response.content_type);
    res->set("X-Content-Type-Options", "nosniff");
    bool cache_set = false;
    for (auto& [name, value] : response.headers) {
      cache_set = cache_set || name == "Cache-Control";
      res->set(name, value);
    }
    if (!cache_set) res->set(http::field::cache_control, "no-store");
    res->keep_alive(keep_alive_ && !server_.stopping);
    res->body() = std::move(response.body);
    res->prepare_payload();
    if (head_only_) {
      res->body().clear();  // Content-Length stays that of the body not sent
      head_only_ = false;
    }
    lowest().expires_after(server_.options.request_timeout);
    http::async_write(stream_, *res, [s = self(), res](beast::error_code ec, std::size_t) {
      s->on_write(ec, res->need_eof());
    });
  }

  void on_write(beast::error_code ec, bool close_after) {
    if (dispatched_) {
      dispatched_ = false;
      --server_.in_flight;
    }
    if (ec) return;
    if (close_after) return close();
    read();
  }

  void close() {
    if constexpr (kTls) {
      lowest().expires_after(std::chrono::seconds(5));
      stream_.async_shutdown([s = self()](beast::error_code) {});
    } else {
      beast::error_code ignored;
      lowest().socket().shutdown(tcp::socket::shutdown_send, ignored);
    }
  }

  // Server-Sent Events: the header, then frames as the hub delivers them, until either side
  // closes. `since`: Last-Event-ID, or the `since` parameter.
  void start_events(const Principal& who, std::string_view last_event_id,
                    const std::string& target) {
    std::int64_t since = -1;
    try {
      since = event_stream_since(target, last_event_id);
    } catch (const ApiError& e) {
      return write(error_response(e.status(), e.what(), e.field()));
    }
    stream_slot_ = server_.admission.event_stream(who.key_id);
    if (!stream_slot_)
      return too_many(1,
                      fmt::format("this key has {} event streams open already; close one",
                                  server_.admission.limits().event_streams_per_key),
                      true);
    events_ = true;
    static const auto header = std::make_shared<const std::string>(
        "HTTP/1.1 200 OK\r\nServer: vigil\r\nContent-Type: text/event-stream\r\n"
        "Cache-Control: no-store\r\nConnection: close\r\nX-Accel-Buffering: no\r\n\r\n"
        "retry: 2000\n\n");
    // Counted like every frame: each written frame is taken off the count, and a count that
    // wrapped below zero made the next small frame (a heartbeat) look like a backlog.
    pending_bytes_ += header->size();
    queue_event(header);
    server_.hub.subscribe(self(), who.role == store::Role::observer, since);
    // Reading on: a read that ends means the client has gone.
    lowest().expires_never();
    stream_.async_read_some(buffer_.prepare(512), [s = self()](beast::error_code ec, std::size_t) {
      if (ec) s->closed_ = true;
      s->close_events();
    });
  }

  void queue_event(std::shared_ptr<const std::string> frame) {
    if (closed_) return;
    if (!frame) return close_events();
    events_queue_.push_back(std::move(frame));
    if (!writing_) write_event();
  }

  void write_event() {
    writing_ = true;
    auto frame = events_queue_.front();
    lowest().expires_after(server_.options.request_timeout);
    net::async_write(stream_, net::buffer(*frame),
                     [s = self(), frame](beast::error_code ec, std::size_t n) {
                       s->events_queue_.pop_front();
                       s->pending_bytes_ -= n == frame->size() ? n : frame->size();
                       s->writing_ = false;
                       if (ec) return s->close_events();
                       s->lowest().expires_never();
                       if (!s->events_queue_.empty()) s->write_event();
                     });
  }

  void close_events() {
    if (closed_ && writing_) return;
    closed_ = true;
    events_queue_.clear();
    beast::error_code ignored;
    lowest().socket().shutdown(tcp::socket::shutdown_both, ignored);
    lowest().socket().close(ignored);
  }

  Server::Impl& server_;
  Admission::Slot connection_slot_, stream_slot_;
  std::string peer_;  // the client's address
  Stream stream_;
  beast::flat_buffer buffer_;
  std::string direct_body_;  // a large body being read past the parser (read_body)
  std::optional<http::request_parser<http::string_body>> parser_;
  unsigned version_ = 11;
  bool keep_alive_ = true;
  bool head_only_ = false;
  bool dispatched_ = false;
  bool events_ = false, writing_ = false, closed_ = false;
  std::deque<std::shared_ptr<const std::string>> events_queue_;
  std::atomic<std::size_t> pending_bytes_{0};
};

}  // namespace

void Server::Impl::accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (!stopping) accept();
      return;
    }
    beast::error_code peer_ec;
    const auto peer = socket.remote_endpoint(peer_ec).address().to_string();
    auto slot = peer_ec ? Admission::Slot() : admission.connection(peer);
    if (!slot) {
      beast::error_code ignored;
      socket.close(ignored);  // over a limit: refused at once, the others stay served
    } else if (tls) {
      std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(*this, std::move(slot), peer,
                                                                      std::move(socket), *tls)
          ->start();
    } else {
      std::make_shared<Session<beast::tcp_stream>>(*this, std::move(slot), peer, std::move(socket))
          ->start();
    }
    accept();
  });
}

void Server::Impl::watch() {
  watch_timer.expires_after(kWatchInterval);
  watch_timer.async_wait([this](beast::error_code ec) {
    if (ec || stopping) return;
    const bool heartbeat = ++ticks % kHeartbeatTicks == 0;
    net::post(watch_strand, [this, heartbeat] {
      try {
        keys.refresh(*watcher);
        hub.poll(*watcher);
        if (heartbeat) hub.heartbeat();
      } catch (const std::exception& e) {
        fmt::print(stderr, "vigil serve: following the log: {}\n", e.what());
      }
    });
    watch();
  });
}

void Server::Impl::begin_shutdown() {
  if (stopping.exchange(true)) return;
  fmt::print(stderr, "vigil serve: stopping; finishing {} requests\n",
             in_flight.load() + receiving.load());
  beast::error_code ignored;
  acceptor.close(ignored);
  watch_timer.cancel();
  net::post(watch_strand, [this] { hub.close_all(); });
  // Waits for every dispatched request to be answered; accepted batches are then stored.
  auto waiter = std::make_shared<net::steady_timer>(ioc);
  auto deadline = std::chrono::steady_clock::now() + options.request_timeout * 2;
  std::shared_ptr<std::function<void()>> check = std::make_shared<std::function<void()>>();
  *check = [this, waiter, deadline, check] {
    if ((in_flight.load() == 0 && receiving.load() == 0) ||
        std::chrono::steady_clock::now() > deadline) {
      ioc.stop();
      *check = nullptr;
      return;
    }
    waiter->expires_after(std::chrono::milliseconds(20));
    waiter->async_wait([check](beast::error_code) {
      if (*check) (*check)();
    });
  };
  (*check)();
}

Server::Server(store::WorkspacePaths paths, ServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(paths), std::move(options))) {}

Server::~Server() {
  impl_->workers.join();
}

std::string Server::listen() {
  const auto [host, port] = split_listen(impl_->options.listen);
  beast::error_code ec;
  const auto address = net::ip::make_address(host, ec);
  if (ec)
    throw std::runtime_error(
        fmt::format("--listen '{}': '{}' is not an IP address", impl_->options.listen, host));
  const tcp::endpoint endpoint(address, port);
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol());
  acceptor.set_option(net::socket_base::reuse_address(true));
  acceptor.bind(endpoint, ec);
  if (ec)
    throw std::runtime_error(
        fmt::format("--listen '{}': cannot bind: {}", impl_->options.listen, ec.message()));
  acceptor.listen(net::socket_base::max_listen_connections);
  const auto bound = acceptor.local_endpoint();
  const std::string shown = bound.address().is_v6()
                                ? fmt::format("[{}]", bound.address().to_string())
                                : bound.address().to_string();
  impl_->address = fmt::format("{}://{}:{}", impl_->tls ? "https" : "http", shown, bound.port());
  return impl_->address;
}

void Server::run() {
  auto& impl = *impl_;
  if (impl.address.empty()) listen();
  impl.signals.async_wait([&impl](beast::error_code ec, int) {
    if (!ec) impl.begin_shutdown();
  });
  impl.accept();
  impl.watch();
  std::vector<std::thread> threads;
  for (unsigned i = 1; i < std::max(1u, impl.options.io_threads); ++i)
    threads.emplace_back([&impl] { impl.ioc.run(); });
  impl.ioc.run();
  for (auto& t : threads)
    t.join();
  impl.workers.join();
}

}  // namespace vigil::server
