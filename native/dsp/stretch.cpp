#include "dsp/stretch.h"

#include <cmath>
#include <complex>

#include "dsp/errors.h"

namespace serkit::dsp {

std::size_t StretchedLength(std::size_t n, double rate) {
  RequireFinite(rate, "rate", 1e-6, 1e6);
  Require(rate > 0, "rate", "must be > 0");
  const double length = std::nearbyint(static_cast<double>(n) / rate);  // ties to even, as Python's round
  Require(length >= 1, "rate", "stretches the signal to 0 samples");
  Require(length <= static_cast<double>(kMaxSamples), "rate",
          "would make " + FormatNumber(length) + " samples, more than the limit " + std::to_string(kMaxSamples));
  return static_cast<std::size_t>(length);
}

std::vector<float> TimeStretch(const float* y, std::size_t n, double rate, const StftOptions& options) {
  RequireSignal(y, n, "y");
  const std::size_t length = StretchedLength(n, rate);
  const StftOptions o = ResolveStft(options);
  const StftFrames stft(y, n, o);
  const std::size_t bins = stft.bins(), frames = stft.frames();
  // Output frame count: len(np.arange(0, frames, rate)).
  const std::size_t outFrames = static_cast<std::size_t>(std::ceil(static_cast<double>(frames) / rate));
  OverlapAdd ola(o, outFrames, length);

  // librosa keeps the STFT as complex64 and the phase accumulator as float32; mirror those roundings.
  using CFloat = std::complex<float>;
  std::vector<CFloat> cols[2] = {std::vector<CFloat>(bins), std::vector<CFloat>(bins)};
  std::ptrdiff_t colIndex[2] = {-1, -1};
  std::vector<Complex> spectrum(bins), work, out(bins);
  auto column = [&](std::size_t t) -> const std::vector<CFloat>& {
    for (int s = 0; s < 2; ++s)
      if (colIndex[s] == std::ptrdiff_t(t)) return cols[s];
    const int slot = colIndex[0] < colIndex[1] ? 0 : 1;  // evict the older column
    colIndex[slot] = std::ptrdiff_t(t);
    if (t >= frames) {
      std::fill(cols[slot].begin(), cols[slot].end(), CFloat(0, 0));  // librosa pads two zero columns
    } else {
      stft.Frame(t, spectrum.data(), work);
      for (std::size_t k = 0; k < bins; ++k)
        cols[slot][k] = CFloat(static_cast<float>(spectrum[k].real()), static_cast<float>(spectrum[k].imag()));
    }
    return cols[slot];
  };
  auto angle = [](const CFloat& z) { return static_cast<float>(std::atan2(double(z.imag()), double(z.real()))); };
  auto magnitude = [](const CFloat& z) {
    return static_cast<float>(std::sqrt(double(z.real()) * z.real() + double(z.imag()) * z.imag()));
  };

  const double pi = 3.14159265358979323846;
  std::vector<double> advance(bins);
  const double step = pi * static_cast<double>(o.hopLength) / static_cast<double>(bins - 1);
  for (std::size_t k = 0; k < bins; ++k) advance[k] = static_cast<double>(k) * step;
  advance[bins - 1] = pi * static_cast<double>(o.hopLength);
  std::vector<float> phase(bins);
  {
    const std::vector<CFloat>& first = column(0);
    for (std::size_t k = 0; k < bins; ++k) phase[k] = angle(first[k]);
  }
  for (std::size_t t = 0; t < ola.frames(); ++t) {
    const double position = static_cast<double>(t) * rate;
    const std::size_t left = static_cast<std::size_t>(position);
    const double alpha = std::fmod(position, 1.0);
    const std::vector<CFloat>& c1 = column(left + 1);
    const std::vector<CFloat>& c0 = column(left);
    for (std::size_t k = 0; k < bins; ++k) {
      const double mag = (1.0 - alpha) * magnitude(c0[k]) + alpha * magnitude(c1[k]);
      const float p = phase[k];
      // cos/sin of the float32 phase, rounded to float32 (complex64), then scaled.
      const double c = static_cast<float>(std::cos(double(p))), s = static_cast<float>(std::sin(double(p)));
      out[k] = Complex(static_cast<float>(c * mag), static_cast<float>(s * mag));
      double dphase = double(angle(c1[k]) - angle(c0[k])) - advance[k];
      dphase -= 2.0 * pi * std::nearbyint(dphase / (2.0 * pi));
      phase[k] = static_cast<float>(double(phase[k]) + (advance[k] + dphase));
    }
    ola.Add(t, out.data());
  }
  return ola.Finish();
}

}  // namespace serkit::dsp
