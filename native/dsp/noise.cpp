#include "dsp/noise.h"

#include <cmath>

#include "dsp/errors.h"
#include "dsp/random.h"

namespace serkit::dsp {
namespace {
template <typename T>
double MeanSquare(const T* x, std::size_t n) {
  double sum = 0;
  for (std::size_t i = 0; i < n; ++i) sum += double(x[i]) * double(x[i]);
  return sum / static_cast<double>(n);
}
}  // namespace

std::vector<float> AddNoise(const float* y, std::size_t n, const NoiseOptions& o) {
  RequireSignal(y, n, "y");
  Require(o.seed > -(std::int64_t{1} << 53) && o.seed < (std::int64_t{1} << 53), "seed", "must be a safe integer");
  Rng rng(o.seed);
  double amplitude = 0;
  if (o.useSnr) {
    RequireFinite(o.snrDb, "snrDb", -1e300, 1e300);
    // As the TS core: draw the noise, then scale it so the SNR is exact (silence stays silent).
    std::vector<double> noise(n);
    for (double& v : noise) v = rng.Normal();
    const double signalPower = MeanSquare(y, n), noisePower = MeanSquare(noise.data(), n);
    if (signalPower == 0) return std::vector<float>(y, y + n);
    const double gain = std::sqrt(signalPower / std::pow(10.0, o.snrDb / 10.0) / noisePower);
    std::vector<float> out(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<float>(double(y[i]) + gain * noise[i]);
    RequireFiniteResult(out, "y");
    return out;
  } else {
    RequireFinite(o.peakRatio, "peakRatio", 0, 1e6);
    double peak = 0;
    for (std::size_t i = 0; i < n; ++i) peak = std::fmax(peak, std::fabs(double(y[i])));
    amplitude = o.peakRatio * rng.Random() * peak;  // the TS core's order of operations
  }
  std::vector<float> out(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<float>(double(y[i]) + amplitude * rng.Normal());
  RequireFiniteResult(out, "y");
  return out;
}

}  // namespace serkit::dsp
