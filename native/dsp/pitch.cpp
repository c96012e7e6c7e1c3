#include "dsp/pitch.h"

#include <cmath>

#include "dsp/errors.h"
#include "dsp/resample.h"
#include "dsp/stretch.h"

namespace serkit::dsp {

double PitchRate(double sampleRate, double nSteps, double binsPerOctave) {
  RequireFinite(sampleRate, "sampleRate", 1, 1e7);
  RequireFinite(nSteps, "nSteps", -120, 120);
  RequireFinite(binsPerOctave, "binsPerOctave", 1, 1200);
  Require(std::floor(binsPerOctave) == binsPerOctave, "binsPerOctave", "must be an integer");
  return std::pow(2.0, -nSteps / binsPerOctave);
}

namespace {
std::vector<float> ResampleBack(const std::vector<float>& stretched, std::size_t n, double sampleRate, double rate) {
  std::vector<float> shifted = Resample(stretched.data(), stretched.size(), sampleRate / rate, sampleRate);
  shifted.resize(n, 0.0f);  // librosa.util.fix_length: trim or zero-pad to the input length
  return shifted;
}
}  // namespace

std::vector<float> PitchShift(const float* y, std::size_t n, double sampleRate, double nSteps,
                              double binsPerOctave, const StftOptions& options) {
  const double rate = PitchRate(sampleRate, nSteps, binsPerOctave);
  return ResampleBack(TimeStretch(y, n, rate, options), n, sampleRate, rate);
}

std::vector<float> PitchShift(const StretchAnalysis& analysis, double sampleRate, double nSteps, double binsPerOctave) {
  const double rate = PitchRate(sampleRate, nSteps, binsPerOctave);
  return ResampleBack(TimeStretch(analysis, rate), analysis.length, sampleRate, rate);
}

}  // namespace serkit::dsp
