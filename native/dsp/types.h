// Value types shared by the DSP modules, mirroring packages/core/src/dsp/types.ts: row-major
// matrices with features as rows and frames as columns (librosa's `(n_mels, t)`).
#pragma once
#include <cstddef>
#include <vector>

namespace serkit::dsp {

struct Matrix {
  std::vector<float> data;
  std::size_t rows = 0, cols = 0;
};

struct ComplexMatrix {
  std::vector<float> re, im;
  std::size_t rows = 0, cols = 0;
};

}  // namespace serkit::dsp
