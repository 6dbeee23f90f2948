#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  vigil::fuzz::ingest_bytes(data, size, vigil::ingest::InputFormat::csv);
  return 0;
}
