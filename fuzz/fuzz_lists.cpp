// libFuzzer target for the sanctions list readers: any bytes, through format detection and
// every reader. A file is refused with ListError or loads; what loads is well formed.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "vigil/sanctions/list_entry.hpp"
#include "vigil/sanctions/screening.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const int fd = ::memfd_create("fuzz-list", 0);
  if (fd < 0) std::abort();
  if (size > 0 && ::write(fd, data, size) != static_cast<ssize_t>(size)) std::abort();
  const std::string path = "/proc/self/fd/" + std::to_string(fd);
  try {
    auto list = vigil::sanctions::read_list(path);
    for (const auto& e : list.entries) {
      if (e.list.empty() || e.entry_id.empty()) std::abort();
      if (e.imo && !vigil::sanctions::parse_imo(std::to_string(*e.imo + 10'000'000).substr(1)))
        std::abort();  // every IMO kept passes its check digit
      for (const auto mmsi : e.mmsis)
        if (mmsi < 100'000'000 || mmsi > 999'999'999) std::abort();
    }
    // And screening over them does not fall over.
    const vigil::sanctions::Screener screener(std::move(list.entries));
    vigil::sanctions::KnownVessel vessel;
    vessel.mmsi = 273414440;
    vessel.names.push_back({"SEA STAR 1", 0, 0});
    vessel.imos.push_back({"9179842", 0, 0});
    (void)screener.screen(vessel);
  } catch (const vigil::sanctions::ListError&) {
  }
  ::close(fd);
  return 0;
}
