#include "vigil/server/http_server.hpp"

#include <charconv>
#include <csignal>
#include <functional>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "server_impl.hpp"

namespace vigil::server {

namespace {

constexpr auto kWatchInterval = std::chrono::milliseconds(250);
constexpr int kHeartbeatTicks = 60;  // 15 s

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

void Server::Impl::accept() {
  acceptor.async_accept(
      net::make_strand(ioc), [this](boost::system::error_code ec, tcp::socket socket) {
        if (ec) {
          if (!stopping) accept();
          return;
        }
        boost::system::error_code peer_ec;
        const auto peer = socket.remote_endpoint(peer_ec).address().to_string();
        auto slot = peer_ec ? Admission::Slot() : admission.connection(peer);
        if (!slot) {
          boost::system::error_code ignored;
          socket.close(ignored);  // over a limit: refused at once, the others stay served
        } else if (tls) {
          detail::start_tls_session(*this, std::move(slot), peer, std::move(socket), *tls);
        } else {
          detail::start_session(*this, std::move(slot), peer, std::move(socket));
        }
        accept();
      });
}

void Server::Impl::watch() {
  watch_timer.expires_after(kWatchInterval);
  watch_timer.async_wait([this](boost::system::error_code ec) {
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
  boost::system::error_code ignored;
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
    waiter->async_wait([check](boost::system::error_code) {
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

std::optional<std::string> Server::read_only_reason() const {
  if (!impl_->writer->db().read_only()) return std::nullopt;
  return impl_->writer->db().read_only_reason();
}

std::size_t Server::active_keys() const {
  return impl_->keys.size();
}

std::string Server::listen() {
  const auto [host, port] = split_listen(impl_->options.listen);
  boost::system::error_code ec;
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
  impl.signals.async_wait([&impl](boost::system::error_code ec, int) {
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
