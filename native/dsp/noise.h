// Additive white Gaussian noise, deterministic under a seed (the paper's augmentation), mirroring
// packages/core/src/dsp/noise.ts.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace serkit::dsp {

struct NoiseOptions {
  std::int64_t seed = 0;
  bool useSnr = false;
  double snrDb = 0;          // used when useSnr
  double peakRatio = 0.035;  // the paper's rule otherwise
};

std::vector<float> AddNoise(const float* y, std::size_t n, const NoiseOptions& options);

}  // namespace serkit::dsp
