#include "vigil/core/plugin.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace vigil {
namespace {

TEST(Plugin, AMissingPluginIsAnErrorThatNamesItAndWhereItWasLookedFor) {
  try {
    plugin_entry("libvigil_no_such_plugin.so", "vigil_no_such_entry");
    FAIL() << "loaded a plugin that does not exist";
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("libvigil_no_such_plugin.so"), std::string::npos) << message;
    // Beside the program first, then where the build wrote the plugins.
    const auto first = message.find("not in ");
    ASSERT_NE(first, std::string::npos) << message;
    EXPECT_NE(message.find("not in ", first + 1), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace vigil
