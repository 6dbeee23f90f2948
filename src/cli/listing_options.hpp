#pragma once

#include <iostream>
#include <memory>

#include "common.hpp"
#include "vigil/view/record_views.hpp"

namespace vigil::cli {

// The filters and output options that `observations` and `incidents` share.
struct ListingOptions {
  WorkspaceOptions ws;
  std::string from, to, bbox;
  std::int64_t limit = -1;
  std::string format = "table";
  std::string output;  // a file for GIS tools instead of standard output (gis::format_of_path)

  void add_to(CLI::App* cmd);
  std::optional<Timestamp> from_time() const;
  std::optional<Timestamp> to_time() const;
  std::optional<store::BoundingBox> box() const;
  std::optional<std::int64_t> row_limit() const;
  view::OutputFormat output_format() const;
};

}  // namespace vigil::cli
