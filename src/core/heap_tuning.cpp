#include "vigil/core/heap_tuning.hpp"

#include <malloc.h>

namespace vigil {

void keep_heap_between_batches() {
  // Measured on vigil serve's ingest of 10,000-observation batches: about 15% more
  // observations per second (docs/api.md, Speed).
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
}

}  // namespace vigil
