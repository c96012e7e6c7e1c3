// Pitch shift (librosa.effects.pitch_shift with res_type='fft'): time stretch by
// 2^(-nSteps / binsPerOctave), resample back to the original rate, fix the length to the input's.
#pragma once
#include <cstddef>
#include <vector>

#include "dsp/stft.h"
#include "dsp/stretch.h"

namespace serkit::dsp {

std::vector<float> PitchShift(const float* y, std::size_t n, double sampleRate, double nSteps,
                              double binsPerOctave, const StftOptions& options);

// Validates sampleRate, nSteps and binsPerOctave as PitchShift does (first) and returns the stretch rate.
double PitchRate(double sampleRate, double nSteps, double binsPerOctave);
// PitchShift of an analysed signal (AnalyzeStretch of y with the same options): the same samples.
std::vector<float> PitchShift(const StretchAnalysis& analysis, double sampleRate, double nSteps, double binsPerOctave);

}  // namespace serkit::dsp
