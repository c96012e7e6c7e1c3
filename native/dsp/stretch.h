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

}  // namespace serkit::dsp
