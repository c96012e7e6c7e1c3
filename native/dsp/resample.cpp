#include "dsp/resample.h"

#include <algorithm>
#include <cmath>
#include <complex>

#include "dsp/errors.h"
#include "dsp/fft.h"
#include "dsp/scratch.h"

namespace serkit::dsp {

std::size_t ResampledLength(std::size_t n, double origSampleRate, double targetSampleRate) {
  RequireFinite(origSampleRate, "origSampleRate", 1e-3, 1e9);
  RequireFinite(targetSampleRate, "targetSampleRate", 1e-3, 1e9);
  Require(origSampleRate > 0, "origSampleRate", "must be > 0");
  Require(targetSampleRate > 0, "targetSampleRate", "must be > 0");
  const double ratio = targetSampleRate / origSampleRate;
  const double length = std::ceil(static_cast<double>(n) * ratio);
  Require(length <= static_cast<double>(kMaxSamples), "targetSampleRate",
          "would make " + FormatNumber(length) + " samples, more than the limit " + std::to_string(kMaxSamples));
  return static_cast<std::size_t>(length);
}

std::vector<float> Resample(const float* y, std::size_t n, double origSampleRate, double targetSampleRate) {
  RequireSignal(y, n, "y");
  const std::size_t num = ResampledLength(n, origSampleRate, targetSampleRate);
  if (origSampleRate == targetSampleRate) return std::vector<float>(y, y + n);
  std::vector<float> out(num, 0.0f);
  if (num == 0) return out;
  const std::shared_ptr<const RealFft> forward = GetRealFft(n);
  const std::shared_ptr<const RealFft> inverse = GetRealFft(num);
  // Temporaries from the thread's pool (a corpus resamples clip after clip). float32 throughout, as
  // scipy.signal.resample transforms float32 audio.
  PooledVector<std::complex<float>> spectrum, resized;
  spectrum->resize(n / 2 + 1);
  resized->assign(num / 2 + 1, std::complex<float>(0, 0));
  forward->ForwardFloat(y, spectrum->data());
  // scipy.signal.resample: keep the lowest min(n, num) frequencies; an even cut splits (upsampling)
  // or doubles (downsampling) the Nyquist bin.
  const std::size_t keep = num < n ? num : n;
  std::copy(spectrum->begin(), spectrum->begin() + static_cast<std::ptrdiff_t>(keep / 2 + 1), resized->begin());
  if (keep % 2 == 0) {
    if (num < n) (*resized)[keep / 2] *= 2.0f;
    if (n < num) (*resized)[keep / 2] *= 0.5f;
  }
  inverse->InverseFloat(resized->data(), out.data(), static_cast<double>(num) / static_cast<double>(n));
  RequireFiniteResult(out, "y");
  return out;
}

}  // namespace serkit::dsp
