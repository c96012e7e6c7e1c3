#include "dsp/noise.h"

#include <cmath>

#include "dsp/errors.h"
#include "dsp/random.h"

namespace serkit::dsp {

std::vector<float> AddNoise(const float* y, std::size_t n, const NoiseOptions& o) {
  RequireSignal(y, n, "y");
  Require(o.seed > -(std::int64_t{1} << 53) && o.seed < (std::int64_t{1} << 53), "seed", "must be a safe integer");
  Rng rng(o.seed);
  double amplitude = 0;
  if (o.useSnr) {
    RequireFinite(o.snrDb, "snrDb", -200, 200);
    double energy = 0;
    for (std::size_t i = 0; i < n; ++i) energy += double(y[i]) * double(y[i]);
    const double signalPower = energy / static_cast<double>(n);
    amplitude = std::sqrt(signalPower / std::pow(10.0, o.snrDb / 10.0));
  } else {
    RequireFinite(o.peakRatio, "peakRatio", 0, 1e6);
    double peak = 0;
    for (std::size_t i = 0; i < n; ++i) peak = std::fmax(peak, std::fabs(double(y[i])));
    amplitude = rng.Uniform(0, o.peakRatio) * peak;
  }
  std::vector<float> out(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<float>(double(y[i]) + amplitude * rng.Normal());
  return out;
}

}  // namespace serkit::dsp
