#include "vigil/core/plugin.hpp"

#include <dlfcn.h>

#include <filesystem>
#include <stdexcept>
#include <system_error>

namespace vigil {

void* plugin_entry(const std::string& file, const char* entry) {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::path program = fs::read_symlink("/proc/self/exe", error);
  std::string reasons;
  for (const fs::path& dir :
       {error ? fs::path() : program.parent_path(), fs::path(VIGIL_PLUGIN_DIR)}) {
    if (dir.empty()) continue;
    const fs::path path = dir / file;
    if (!fs::exists(path, error)) {
      reasons += "; not in " + dir.string();
      continue;
    }
    // RTLD_LOCAL: the plugin's libraries stay out of the program's own symbol lookups.
    void* library = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) {
      reasons += "; " + std::string(dlerror());
      continue;
    }
    void* address = dlsym(library, entry);
    if (address == nullptr)
      throw std::runtime_error(path.string() + ": no " + entry + ": " + dlerror());
    return address;
  }
  throw std::runtime_error("cannot load the plugin " + file + reasons.replace(0, 1, ":"));
}

}  // namespace vigil
