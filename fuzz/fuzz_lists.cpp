// libFuzzer target for the tables an analyst loads: any bytes, through the sanctions lists'
// format detection and every reader, and through the commitments tables' reader (NATO defence
// expenditure, Kiel support tracker). A file is refused with ListError or CommitmentsError, or
// loads; what loads is well formed.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "vigil/commitments/assessment.hpp"
#include "vigil/commitments/commitment_tables.hpp"
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
  try {
    const auto table = vigil::commitments::read_commitments_table(path);
    for (const auto& s : table.spending)
      if (s.country.empty() || !(s.pct_gdp >= 0 && s.pct_gdp <= 100)) std::abort();
    for (const auto& s : table.support)
      if (s.donor.empty() || s.military < 0 || s.total < 0) std::abort();
    // And the assessment over them does not fall over.
    if (!table.spending.empty())
      (void)vigil::commitments::assess_commitments(table.spending, table.support);
  } catch (const vigil::commitments::CommitmentsError&) {
  }
  ::close(fd);
  return 0;
}
