#pragma once

#include <string>

namespace vigil::geo {

// Where vigil's bundled data lives: $VIGIL_DATA when set, else the source tree's data/.
std::string data_directory();

}  // namespace vigil::geo
