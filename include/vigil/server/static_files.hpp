#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "vigil/server/api.hpp"

namespace vigil::server {

// Where a request for a dashboard file leads: a regular file inside the web root, or the
// status to answer with (400 for a target that is not an absolute path, 404 for anything
// that is not a file inside the root).
struct StaticLookup {
  int status = 200;
  std::filesystem::path file;  // canonical, inside the root; set when status is 200
  bool immutable = false;      // a hashed build asset (assets/...), cacheable for ever
};

// The built dashboard under one directory. A request target is percent-decoded and split
// into segments; "." and ".." segments, segments that start with a dot (the workspace's key
// and database may lie beside the root under such names), backslashes and NULs are refused,
// and the file is resolved with its symbolic links and must still lie inside the root. Paths
// without a file that look like the dashboard's own pages (no extension) get index.html.
// Pure and socket-free, so it is fuzzed and tested directly.
class StaticFiles {
 public:
  // An empty root serves nothing; a root that does not exist is an error.
  explicit StaticFiles(const std::string& root);

  bool enabled() const { return !root_.empty(); }
  StaticLookup resolve(std::string_view target) const;
  // resolve() and then read: the response to send (an error response when not found).
  ApiResponse serve(std::string_view target) const;

 private:
  StaticLookup find(const std::filesystem::path& relative) const;
  std::filesystem::path root_;  // canonical
};

}  // namespace vigil::server
