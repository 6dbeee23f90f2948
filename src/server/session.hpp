#pragma once
// One connection of vigil serve (a template over the stream: TCP, or TLS over TCP): reads
// requests under the header and request timeouts, carries out what the request policy decides
// (an answer, a dashboard file, a dispatch to the API's workers, an event stream), writes
// responses, and streams events as the hub delivers them. Included by session_tcp.cpp and
// session_tls.cpp only.
#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <utility>  // before Asio: Boost 1.74's awaitable.hpp uses std::exchange without it

#include <fmt/format.h>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "server_impl.hpp"

namespace vigil::server::detail {
namespace beast = boost::beast;
namespace http = beast::http;

inline constexpr std::size_t kMaxPendingEventBytes = 4u << 20;  // then a slow stream is dropped
inline constexpr std::uint64_t kDirectBodyBytes = 256u << 10;   // larger bodies skip the parser

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
    begin_receiving();
    // A client that asks before sending its body (curl does, for bodies over 1 MiB) would
    // otherwise wait a second for the go-ahead.
    const auto expect = parser_->get()[http::field::expect];
    if (beast::iequals(expect, "100-continue") && !parser_->is_done()) {
      static const std::string kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      net::async_write(stream_, net::buffer(kContinue),
                       [s = self()](beast::error_code write_ec, std::size_t) {
                         if (write_ec) return s->done_receiving();
                         s->read_body();
                       });
      return;
    }
    read_body();
  }

  void read_body() {
    const auto length = parser_->content_length();
    if (!length || *length < kDirectBodyBytes || *length > server_.options.max_body_bytes)
      return http::async_read(
          stream_, buffer_, *parser_,
          [s = self()](beast::error_code read_ec, std::size_t n) { s->on_read(read_ec, n); });
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
    if (ec) return done_receiving();  // timeout, reset, shutdown: nothing to answer
    handle(parser_->release());
  }

  void refuse(int status, std::string_view message) {
    keep_alive_ = false;
    write(error_response(status, message));
  }

  void handle(http::request<http::string_body> req) {
    keep_alive_ = req.keep_alive();
    version_ = req.version();
    const auto text = [](beast::string_view value) {
      return std::string(value.data(), value.size());
    };
    IncomingRequest incoming{{text(req.method_string()), text(req.target()),
                              text(req[http::field::content_type]), std::move(req.body())},
                             text(req[http::field::authorization]),
                             text(req["Last-Event-ID"]),
                             peer_};
    auto decision = server_.policy.decide(std::move(incoming), RateLimiter::Clock::now());
    switch (decision.kind) {
      case Decision::Kind::respond:
        if (decision.close) keep_alive_ = false;
        return write(std::move(decision.response));
      case Decision::Kind::static_file:
        return serve_static(req);
      case Decision::Kind::events:
        return start_events(*decision.who, decision.since);
      case Decision::Kind::dispatch:
        return dispatch(std::move(decision));
    }
  }

  void dispatch(Decision decision) {
    ++server_.in_flight;
    dispatched_ = true;
    done_receiving();  // in flight now, which a stop waits for too
    const bool writes = decision.routed.access == Access::write;
    // A batch starts being read and validated now, while the writes ahead of it are stored.
    std::shared_ptr<PreparedWrite> prepared;
    if (writes) prepared = server_.api.prepare(decision.routed, decision.request, *decision.who);
    auto job = [s = self(), request = std::move(decision.request), who = *decision.who,
                routed = std::move(decision.routed), prepared = std::move(prepared)]() mutable {
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

  void serve_static(const http::request<http::string_body>& req) {
    if (req.method() != http::verb::get && req.method() != http::verb::head)
      return write(error_response(405, "only GET and HEAD here"));
    auto response =
        server_.static_files.serve(std::string_view(req.target().data(), req.target().size()));
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
    done_receiving();  // answered
    if (dispatched_) {
      dispatched_ = false;
      --server_.in_flight;
    }
    if (ec) return;
    if (close_after) return close();
    read();
  }

  void close() {
    done_receiving();
    if constexpr (kTls) {
      lowest().expires_after(std::chrono::seconds(5));
      stream_.async_shutdown([s = self()](beast::error_code) {});
    } else {
      beast::error_code ignored;
      lowest().socket().shutdown(tcp::socket::shutdown_send, ignored);
    }
  }

  // Server-Sent Events: the header, then frames as the hub delivers them, until either side
  // closes; the first frames are those after log seq `since` (-1: only what comes next).
  void start_events(const Principal& who, std::int64_t since) {
    done_receiving();  // a stream is not waited for: a stop closes it
    stream_slot_ = server_.admission.event_stream(who.key_id);
    if (!stream_slot_) {
      keep_alive_ = false;
      return write(
          too_many_requests(1, fmt::format("this key has {} event streams open already; close one",
                                           server_.admission.limits().event_streams_per_key)));
    }
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

  // A request counts as being received (Server::Impl::receiving) from its header until it is in
  // flight or answered, so that a graceful stop, which waits while either count is above
  // zero, never looks between the two: the count used to drop when the body had arrived,
  // before the request was authenticated and dispatched, and a stop on another thread could
  // then cut a batch it had already read.
  void begin_receiving() {
    if (!receiving_) {
      receiving_ = true;
      ++server_.receiving;
    }
  }
  void done_receiving() {
    if (receiving_) {
      receiving_ = false;
      --server_.receiving;
    }
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
  bool receiving_ = false;
  bool events_ = false, writing_ = false, closed_ = false;
  std::deque<std::shared_ptr<const std::string>> events_queue_;
  std::atomic<std::size_t> pending_bytes_{0};
};

}  // namespace vigil::server::detail
