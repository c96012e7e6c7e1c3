// The seeded generator of @serkit/core (packages/core/src/random/rng.ts), bit for bit: sfc32 seeded
// through splitmix32, 12 warm-up draws, Box-Muller normals using both values of a pair. Native and
// TS noise are therefore the same for a seed.
#pragma once
#include <cmath>
#include <cstdint>

namespace serkit::dsp {

class Rng {
 public:
  // `seed`: a safe integer (|seed| < 2^53), folded as the TS does: low 32 bits XOR imul(high, 0x27d4eb2d).
  explicit Rng(std::int64_t seed) {
    const std::uint32_t low = static_cast<std::uint32_t>(static_cast<std::uint64_t>(seed));
    // Math.floor(seed / 2^32) | 0: an arithmetic shift, then the low 32 bits.
    const std::uint32_t high = static_cast<std::uint32_t>(static_cast<std::uint64_t>(seed >> 32));
    std::uint32_t mix = low ^ (high * 0x27d4eb2du);
    a_ = SplitMix(mix);
    b_ = SplitMix(mix);
    c_ = SplitMix(mix);
    d_ = SplitMix(mix);
    for (int i = 0; i < 12; ++i) NextUint32();
  }

  std::uint32_t NextUint32() {
    const std::uint32_t t = a_ + b_ + d_;
    d_ += 1;
    a_ = b_ ^ (b_ >> 9);
    b_ = c_ + (c_ << 3);
    c_ = (c_ << 21) | (c_ >> 11);
    c_ += t;
    return t;
  }

  // Uniform in [0, 1).
  double Random() { return static_cast<double>(NextUint32()) / 4294967296.0; }
  double Uniform(double low, double high) { return low + (high - low) * Random(); }

  double Normal() {
    if (hasSpare_) {
      hasSpare_ = false;
      return spare_;
    }
    const double radius = std::sqrt(-2.0 * std::log(1.0 - Random()));
    const double angle = 2.0 * 3.141592653589793 * Random();
    spare_ = radius * std::sin(angle);
    hasSpare_ = true;
    return radius * std::cos(angle);
  }

 private:
  static std::uint32_t SplitMix(std::uint32_t& s) {
    s += 0x9e3779b9u;
    std::uint32_t z = s;
    z = (z ^ (z >> 16)) * 0x85ebca6bu;
    z = (z ^ (z >> 13)) * 0xc2b2ae35u;
    return z ^ (z >> 16);
  }
  std::uint32_t a_, b_, c_, d_;
  double spare_ = 0;
  bool hasSpare_ = false;
};

}  // namespace serkit::dsp
