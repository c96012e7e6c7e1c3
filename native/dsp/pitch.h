// Pitch shift (librosa.effects.pitch_shift with res_type='fft'): time stretch by
// 2^(-nSteps / binsPerOctave), resample back to the original rate, fix the length to the input's.
#pragma once
#include <cstddef>
#include <vector>

#include "dsp/stft.h"

namespace serkit::dsp {

std::vector<float> PitchShift(const float* y, std::size_t n, double sampleRate, double nSteps,
                              double binsPerOctave, const StftOptions& options);

}  // namespace serkit::dsp
