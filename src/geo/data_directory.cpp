#include "vigil/geo/data_directory.hpp"

#include <cstdlib>

namespace vigil::geo {

std::string data_directory() {
  if (const char* dir = std::getenv("VIGIL_DATA"); dir != nullptr && *dir != '\0') return dir;
  return VIGIL_DATA_DIR;
}

}  // namespace vigil::geo
