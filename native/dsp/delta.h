// Delta features (librosa.feature.delta): Savitzky-Golay derivative along time, as
// scipy.signal.savgol_filter(data, width, deriv=order, polyorder=order, mode=mode).
#pragma once
#include <cstddef>

#include "dsp/types.h"

namespace serkit::dsp {

enum class DeltaMode { kInterp, kNearest, kMirror, kConstant, kWrap };

struct DeltaOptions {
  std::size_t width = 9;
  std::size_t order = 1;
  DeltaMode mode = DeltaMode::kInterp;
};

Matrix Delta(const Matrix& data, const DeltaOptions& options);

}  // namespace serkit::dsp
