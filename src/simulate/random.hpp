#pragma once

#include <cstdint>
#include <random>

namespace vigil::simulate {

// Seeded randomness with the same sequence on every platform: the engine is
// std::mt19937_64 (fully specified by the standard); the distributions are written here
// because the standard library's are not. Draw once per statement: two draws in one call's
// arguments come in an order the compiler chooses (g++ and clang differ).
class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // In [lo, hi].
  std::uint64_t integer(std::uint64_t lo, std::uint64_t hi) {
    return lo + engine_() % (hi - lo + 1);
  }
  bool chance(double p) { return uniform() < p; }

 private:
  std::mt19937_64 engine_;
};

}  // namespace vigil::simulate
