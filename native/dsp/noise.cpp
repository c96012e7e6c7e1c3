#include "dsp/noise.h"

#include <algorithm>
#include <cmath>

#include "dsp/errors.h"
#include "dsp/fastmath.h"
#include "dsp/random.h"

namespace serkit::dsp {
namespace {
// n draws of rng.Normal() from a generator with no spare value: Box-Muller on the same pairs of
// uniforms, the uniforms drawn in order, then log, sine and cosine in vectorised loops
// (fastmath's, within an ulp or two of libm's; the noise only needs to be the same noise).
template <typename Sink>
void Normals(Rng& rng, std::size_t n, Sink&& sink) {
  constexpr std::size_t kBlock = 256;
  double u1[kBlock], u2[kBlock], c[kBlock], s[kBlock];
  for (std::size_t start = 0; start < n; start += 2 * kBlock) {
    const std::size_t pairs = std::min(kBlock, (n - start + 1) / 2);
    for (std::size_t p = 0; p < pairs; ++p) {
      u1[p] = rng.Random();
      u2[p] = rng.Random();
    }
    for (std::size_t p = 0; p < pairs; ++p) {
      // As Rng::Normal: 1 - u is in [2^-32, 1], a positive normal double.
      const double radius = std::sqrt(-2.0 * fastmath::LogNormal(1.0 - u1[p]));
      const double angle = 2.0 * 3.141592653589793 * u2[p];
      double sine, cosine;
      fastmath::SinCos(angle, sine, cosine);
      c[p] = radius * cosine;
      s[p] = radius * sine;
    }
    for (std::size_t p = 0; p < pairs; ++p) {
      sink(start + 2 * p, c[p]);
      if (start + 2 * p + 1 < n) sink(start + 2 * p + 1, s[p]);
    }
  }
}

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
    Normals(rng, n, [&noise](std::size_t i, double v) { noise[i] = v; });
    const double signalPower = MeanSquare(y, n), noisePower = MeanSquare(noise.data(), n);
    if (signalPower == 0) return std::vector<float>(y, y + n);
    const double gain = std::sqrt(signalPower / std::pow(10.0, o.snrDb / 10.0) / noisePower);
    std::vector<float> out(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<float>(double(y[i]) + gain * noise[i]);
    RequireFiniteResult(out, "y");
    return out;
  } else {
    RequireFinite(o.peakRatio, "peakRatio", 0, 1e6);
    // max |y| in float (exact), as a compare-and-select: it vectorises where std::fmax was a libm
    // call per sample; a NaN sample is skipped as fmax skips it (the signal was checked finite).
    float peakMagnitude = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const float v = std::fabs(y[i]);
      peakMagnitude = v > peakMagnitude ? v : peakMagnitude;
    }
    const double peak = peakMagnitude;
    amplitude = o.peakRatio * rng.Random() * peak;  // the TS core's order of operations
  }
  std::vector<float> out(n);
  Normals(rng, n, [&](std::size_t i, double v) { out[i] = static_cast<float>(double(y[i]) + amplitude * v); });
  RequireFiniteResult(out, "y");
  return out;
}

}  // namespace serkit::dsp
