#include "vigil/core/threshold_settings.hpp"

#include <fstream>
#include <sstream>

namespace vigil {

nlohmann::json read_config_document(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot open");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return with_config_file(path, [&] { return nlohmann::json::parse(buffer.str()); });
}

}  // namespace vigil
