#include <cstdio>
#include <exception>
#include <iostream>

#include <fmt/format.h>

#include "common.hpp"
#include "usage_hint.hpp"
#include "vigil/store/database.hpp"

namespace {

// A repeatable option (--ports, --map, --entity...) takes one value each time it is given:
// left to take every value up to the next flag, `--ports x.csv feed.nmea` read the NMEA log as
// a port list.
void take_one_value_per_flag(CLI::App& app) {
  for (CLI::Option* option : app.get_options([](const CLI::Option* o) {
         return !o->get_positional() && o->get_items_expected_max() > 1;
       }))
    option->allow_extra_args(false);
  for (CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; }))
    take_one_value_per_flag(*command);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace vigil::cli;
  CLI::App app{
      "vigil: verifies ceasefire oversight and energy-sanctions enforcement.\n"
      "Observations go into a workspace; rules and analysts record incidents in a signed,\n"
      "tamper-evident log. Exit codes: 0 ok, 1 error, 2 usage, 3 input rejected,\n"
      "4 verification failed.",
      "vigil"};
  app.set_version_flag("--version", std::string("vigil ") + VIGIL_VERSION);
  app.require_subcommand(1);
  app.fallthrough(false);
  Runner run;
  add_init_command(app, run);
  add_ingest_command(app, run);
  add_observations_command(app, run);
  add_incidents_command(app, run);
  add_verify_command(app, run);
  add_log_command(app, run);
  add_status_command(app, run);
  add_decode_command(app, run);
  add_vessels_command(app, run);
  add_lists_command(app, run);
  add_commitments_command(app, run);
  add_screen_command(app, run);
  add_detect_command(app, run);
  add_simulate_command(app, run);
  add_line_command(app, run);
  add_classify_command(app, run);
  add_zones_command(app, run);
  add_sensors_command(app, run);
  add_coverage_command(app, run);
  add_report_command(app, run);
  add_keys_command(app, run);
  add_serve_command(app, run);
  take_one_value_per_flag(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e) == 0 ? kExitOk : kExitUsage;
    // A mistyped command or option: say what was probably meant, rather than CLI11's "A
    // subcommand is required" for `vigil incidnets`.
    if (const auto hint = usage_hint(app, argc, argv)) {
      fmt::print(stderr, "vigil: {}\nRun with --help for more information.\n", *hint);
      return kExitUsage;
    }
    app.exit(e);
    return kExitUsage;
  }
  try {
    return run ? run() : kExitUsage;
  } catch (const CLI::ParseError& e) {
    fmt::print(stderr, "vigil: {}\n", e.what());
    return kExitUsage;
  } catch (const std::invalid_argument& e) {
    fmt::print(stderr, "vigil: {}\n", e.what());
    return kExitUsage;
  } catch (const std::exception& e) {
    fmt::print(stderr, "vigil: {}\n", e.what());
    return kExitError;
  }
}
