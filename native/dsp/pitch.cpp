#include "dsp/pitch.h"

#include <cmath>

#include "dsp/errors.h"
#include "dsp/resample.h"
#include "dsp/stretch.h"

namespace serkit::dsp {

std::vector<float> PitchShift(const float* y, std::size_t n, double sampleRate, double nSteps,
                              double binsPerOctave, const StftOptions& options) {
  RequireFinite(sampleRate, "sampleRate", 1, 1e7);
  RequireFinite(nSteps, "nSteps", -120, 120);
  RequireFinite(binsPerOctave, "binsPerOctave", 1, 1200);
  Require(std::floor(binsPerOctave) == binsPerOctave, "binsPerOctave", "must be an integer");
  const double rate = std::pow(2.0, -nSteps / binsPerOctave);
  const std::vector<float> stretched = TimeStretch(y, n, rate, options);
  std::vector<float> shifted = Resample(stretched.data(), stretched.size(), sampleRate / rate, sampleRate);
  shifted.resize(n, 0.0f);  // librosa.util.fix_length: trim or zero-pad to the input length
  return shifted;
}

}  // namespace serkit::dsp
