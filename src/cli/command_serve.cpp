// vigil serve: the HTTP API, the live event stream and the dashboard over one workspace.
#include <filesystem>

#include <fmt/format.h>

#include "common.hpp"
#include "vigil/core/heap_tuning.hpp"
#include "vigil/server/http_server.hpp"

namespace vigil::cli {
namespace {

struct ServeArgs {
  WorkspaceOptions ws;
  server::ServerOptions options;
  std::size_t max_body_mb = 64;
  unsigned timeout_s = 30;
  unsigned header_timeout_s = 10;
  bool no_web = false;
};

int run_serve(ServeArgs& args) {
  keep_heap_between_batches();
  if (args.options.web_root.empty() && !args.no_web &&
      std::filesystem::exists(std::filesystem::path(VIGIL_WEB_DIR) / "index.html"))
    args.options.web_root = VIGIL_WEB_DIR;
  args.options.max_body_bytes = args.max_body_mb << 20;
  args.options.request_timeout = std::chrono::seconds(args.timeout_s);
  args.options.header_timeout = std::chrono::seconds(args.header_timeout_s);
  server::Server server(args.ws.paths(), args.options);
  const auto address = server.listen();
  // The first line of stdout is the address, for scripts and tests that start a server on
  // port 0.
  fmt::print("vigil serve: listening on {}\n", address);
  if (!args.options.web_root.empty()) fmt::print("dashboard: {}/\n", address);
  std::fflush(stdout);
  // A server nobody can open: say so, and how to make the first key.
  if (server.active_keys() == 0)
    fmt::print(stderr,
               "vigil serve: {} has no API key yet, so every request will be refused; make one "
               "with `vigil keys add -w {} --role analyst --name YOU`\n",
               args.ws.path, args.ws.path);
  if (const auto reason = server.read_only_reason())
    fmt::print(stderr,
               "vigil serve: {} is read-only ({}): serving reads; every write is answered 503\n",
               args.ws.path, *reason);
  server.run();
  fmt::print(stderr, "vigil serve: stopped\n");
  return kExitOk;
}

}  // namespace

void add_serve_command(CLI::App& app, Runner& run) {
  auto* cmd = app.add_subcommand(
      "serve",
      "Serve the workspace: the JSON API under /api/v1 (docs/api.md), live events, and the "
      "dashboard. Every request needs a key (vigil keys add). Stops on SIGINT or SIGTERM after "
      "finishing the requests it accepted.");
  auto args = std::make_shared<ServeArgs>();
  add_workspace_options(cmd, args->ws, true);
  auto& o = args->options;
  cmd->add_option("--listen", o.listen,
                  "HOST:PORT to listen on (default 127.0.0.1:8080; port 0 "
                  "picks a free port)");
  cmd->add_option("--tls-cert", o.tls_cert, "PEM certificate chain: serve HTTPS");
  cmd->add_option("--tls-key", o.tls_key, "PEM private key of --tls-cert");
  cmd->add_option("--web", o.web_root,
                  "The built dashboard to serve at / (default: this source tree's web/dist, "
                  "when built)");
  cmd->add_flag("--no-web", args->no_web, "Serve the API only");
  cmd->add_option("--max-body-mb", args->max_body_mb, "Largest request body (default 64 MiB)")
      ->check(CLI::Range(1, 4096));
  cmd->add_option("--timeout", args->timeout_s,
                  "Seconds to receive a request's body or send a response (default 30)")
      ->check(CLI::Range(1, 3600));
  cmd->add_option("--header-timeout", args->header_timeout_s,
                  "Seconds to receive a request's header, and to keep an idle connection "
                  "(default 10)")
      ->check(CLI::Range(1, 3600));
  cmd->add_option("--max-connections", o.admission.connections, "Open connections (default 1024)")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--max-connections-per-address", o.admission.connections_per_address,
                  "Open connections from one client address (default 64)")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--max-streams-per-key", o.admission.event_streams_per_key,
                  "Open event streams of one key (default 16)")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--auth-failure-rate", o.auth_failures_per_address,
                  "Requests without a valid key a second per client address, on average, "
                  "before they are answered 429 (default 10; 0: no limit)")
      ->check(CLI::Range(0.0, 1e9));
  cmd->add_option("--rate", o.rate_per_key,
                  "Requests a second per key, on average (default 500; 0: no limit)")
      ->check(CLI::Range(0.0, 1e9));
  cmd->add_option("--burst", o.burst_per_key, "Requests a key may send at once (default 1000)")
      ->check(CLI::Range(1.0, 1e9));
  cmd->add_option("--threads", o.io_threads, "Network threads (default 2)")
      ->check(CLI::Range(1, 64));
  cmd->add_option("--workers", o.workers, "Query threads (default 4)")->check(CLI::Range(1, 64));
  cmd->callback([&run, args] { run = [args] { return run_serve(*args); }; });
}

}  // namespace vigil::cli
