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

  // librosa keeps the STFT as complex64 and phases/magnitudes as float32; mirror those roundings.
  // Each input column's magnitudes and phases are computed once and kept while two output frames
  // can still use it.
  struct Column {
    std::ptrdiff_t index = -1;
    std::vector<float> magnitude, angle;
  };
  Column cols[2];
  for (Column& c : cols) {
    c.magnitude.resize(bins);
    c.angle.resize(bins);
  }
  std::vector<Complex> spectrum(bins), work, out(bins);
  auto column = [&](std::size_t t) -> const Column& {
    for (Column& c : cols)
      if (c.index == std::ptrdiff_t(t)) return c;
    Column& c = cols[0].index < cols[1].index ? cols[0] : cols[1];  // evict the older column
    c.index = std::ptrdiff_t(t);
    if (t >= frames) {
      // librosa pads two zero columns.
      std::fill(c.magnitude.begin(), c.magnitude.end(), 0.0f);
      std::fill(c.angle.begin(), c.angle.end(), 0.0f);
      return c;
    }
    stft.Frame(t, spectrum.data(), work);
    for (std::size_t k = 0; k < bins; ++k) {
      const double re = static_cast<float>(spectrum[k].real()), im = static_cast<float>(spectrum[k].imag());
      c.magnitude[k] = static_cast<float>(std::sqrt(re * re + im * im));
      c.angle[k] = static_cast<float>(std::atan2(im, re));
    }
    return c;
  };

  const double pi = 3.14159265358979323846;
  std::vector<double> advance(bins);
  const double step = pi * static_cast<double>(o.hopLength) / static_cast<double>(bins - 1);
  for (std::size_t k = 0; k < bins; ++k) advance[k] = static_cast<double>(k) * step;
  advance[bins - 1] = pi * static_cast<double>(o.hopLength);
  std::vector<float> phase = column(0).angle;
  for (std::size_t t = 0; t < ola.frames(); ++t) {
    const double position = static_cast<double>(t) * rate;
    const std::size_t left = static_cast<std::size_t>(position);
    const double alpha = std::fmod(position, 1.0);
    const Column& c1 = column(left + 1);
    const Column& c0 = column(left);
    for (std::size_t k = 0; k < bins; ++k) {
      const double mag = (1.0 - alpha) * c0.magnitude[k] + alpha * c1.magnitude[k];
      const float p = phase[k];
      // cos/sin of the float32 phase, rounded to float32 (complex64), then scaled.
      const double c = static_cast<float>(std::cos(double(p))), s = static_cast<float>(std::sin(double(p)));
      out[k] = Complex(static_cast<float>(c * mag), static_cast<float>(s * mag));
      double dphase = double(c1.angle[k] - c0.angle[k]) - advance[k];
      dphase -= 2.0 * pi * std::nearbyint(dphase / (2.0 * pi));
      phase[k] = static_cast<float>(double(phase[k]) + (advance[k] + dphase));
    }
    ola.Add(t, out.data());
  }
  return ola.Finish();
}

}  // namespace serkit::dsp
