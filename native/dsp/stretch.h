// Time stretch by phase vocoder (librosa.effects.time_stretch): STFT, librosa.phase_vocoder, istft
// to round(n / rate) samples. Streams frame by frame, so memory stays O(signal).
#pragma once
#include <cstddef>
#include <vector>

#include "dsp/stft.h"

namespace serkit::dsp {

// round(n / rate) with Python's round-half-to-even, validated against the sample limit.
std::size_t StretchedLength(std::size_t n, double rate);

std::vector<float> TimeStretch(const float* y, std::size_t n, double rate, const StftOptions& options);

// The vocoder's analysis of one signal, independent of the rate: float32 magnitude and phase of every
// STFT column plus librosa's two zero columns (column t at [t * bins, (t + 1) * bins)). A time
// stretch and a pitch shift of the same signal share it (the batch computes it once per clip).
struct StretchAnalysis {
  StftOptions options;  // resolved
  std::size_t length = 0, bins = 0, frames = 0;
  PooledVector<float> magnitude, angle;
};
// Validates y and the options as TimeStretch does, then analyses.
void AnalyzeStretch(const float* y, std::size_t n, const StftOptions& options, StretchAnalysis& out);
// TimeStretch of the analysed signal (validates the rate first): the same samples as TimeStretch.
std::vector<float> TimeStretch(const StretchAnalysis& analysis, double rate);

}  // namespace serkit::dsp
