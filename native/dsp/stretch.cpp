#include "dsp/stretch.h"

#include <cmath>
#include <complex>
#include <cstring>

#include "dsp/errors.h"
#include "dsp/fastmath.h"

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

namespace {

void Polar(const float* __restrict re, const float* __restrict im, std::size_t bins, float* __restrict magnitude,
           float* __restrict angle) {
  for (std::size_t k = 0; k < bins; ++k) {
    const double r = re[k], i = im[k];
    magnitude[k] = static_cast<float>(std::sqrt(r * r + i * i));
    angle[k] = static_cast<float>(fastmath::Atan2(i, r));
  }
}

// One output frame of the vocoder: interpolated magnitude times the unit phasor (re, im hold
// float32 cos and sin of the phase on entry), then each bin's phase advanced by its measured step.
void Advance(const float* __restrict m0, const float* __restrict m1, const float* __restrict a0,
             const float* __restrict a1, const double* __restrict advance, double alpha, std::size_t bins,
             float* __restrict re, float* __restrict im, float* __restrict phase) {
  const double pi = 3.14159265358979323846;
  for (std::size_t k = 0; k < bins; ++k) {
    const double mag = (1.0 - alpha) * m0[k] + alpha * m1[k];
    re[k] = static_cast<float>(double(re[k]) * mag);
    im[k] = static_cast<float>(double(im[k]) * mag);
    const float p = phase[k];
    double dphase = double(a1[k] - a0[k]) - advance[k];
    dphase -= 2.0 * pi * fastmath::RoundEven(dphase / (2.0 * pi));
    phase[k] = static_cast<float>(double(p) + (advance[k] + dphase));
  }
}

// Rows l = 0..7 of `rows` (`bins` values each) into lane l of block[k].re (or .im), eight bins at a
// time as transposed 8 x 8 blocks. Rows of frames past the signal's end hold stale values, as their
// lanes did: OverlapAdd::AddLanes adds only the frames that exist.
void ToLanes(const float* rows, std::size_t bins, LaneComplex8* block, bool imaginary = false) {
  std::size_t k = 0;
  for (; k + kLanes8 <= bins; k += kLanes8) {
    Lane8 v[kLanes8];
    for (std::size_t l = 0; l < kLanes8; ++l) std::memcpy(&v[l], rows + l * bins + k, sizeof v[l]);
    Transpose8(v);
    for (std::size_t i = 0; i < kLanes8; ++i) (imaginary ? block[k + i].im : block[k + i].re) = v[i];
  }
  for (; k < bins; ++k)
    for (std::size_t l = 0; l < kLanes8; ++l) (imaginary ? block[k].im : block[k].re)[l] = rows[l * bins + k];
}

// Magnitude and angle of every STFT column, float32 as librosa's complex64 STFT gives them, plus the
// two zero columns librosa pads with: column t at [t * bins, (t + 1) * bins).
void ColumnPolar(const StftFrames& stft, std::vector<float>& magnitude, std::vector<float>& angle) {
  const std::size_t bins = stft.bins(), frames = stft.frames();
  magnitude.assign((frames + 2) * bins, 0.0f);
  angle.assign((frames + 2) * bins, 0.0f);
  std::vector<float> re(bins), im(bins);
  auto polar = [&](std::size_t t) { Polar(re.data(), im.data(), bins, magnitude.data() + t * bins, angle.data() + t * bins); };
  if (stft.SupportsLanes()) {
    std::vector<LaneComplex> spectrum(bins + 1), work;
    for (std::size_t t0 = 0; t0 < frames; t0 += kLanes) {
      stft.FrameLanes(t0, spectrum.data(), work);
      for (std::size_t l = 0; l < kLanes && t0 + l < frames; ++l) {
        for (std::size_t k = 0; k < bins; ++k) {
          re[k] = static_cast<float>(spectrum[k].re[l]);
          im[k] = static_cast<float>(spectrum[k].im[l]);
        }
        polar(t0 + l);
      }
    }
    return;
  }
  std::vector<Complex> spectrum(bins), work;
  for (std::size_t t = 0; t < frames; ++t) {
    stft.Frame(t, spectrum.data(), work);
    for (std::size_t k = 0; k < bins; ++k) {
      re[k] = static_cast<float>(spectrum[k].real());
      im[k] = static_cast<float>(spectrum[k].imag());
    }
    polar(t);
  }
}

}  // namespace

void AnalyzeStretch(const float* y, std::size_t n, const StftOptions& options, StretchAnalysis& out) {
  RequireSignal(y, n, "y");
  out.options = ResolveStft(options);
  const StftFrames stft(y, n, out.options);
  out.length = n;
  out.bins = stft.bins();
  out.frames = stft.frames();
  // librosa keeps the STFT as complex64 and phases/magnitudes as float32; mirror those roundings.
  ColumnPolar(stft, *out.magnitude, *out.angle);
}

std::vector<float> TimeStretch(const float* y, std::size_t n, double rate, const StftOptions& options) {
  RequireSignal(y, n, "y");
  StretchedLength(n, rate);
  StretchAnalysis analysis;
  AnalyzeStretch(y, n, options, analysis);
  return TimeStretch(analysis, rate);
}

std::vector<float> TimeStretch(const StretchAnalysis& a, double rate) {
  const std::size_t length = StretchedLength(a.length, rate);
  const StftOptions& o = a.options;
  const std::size_t bins = a.bins, frames = a.frames;
  // Output frame count: len(np.arange(0, frames, rate)).
  const std::size_t outFrames = static_cast<std::size_t>(std::ceil(static_cast<double>(frames) / rate));
  OverlapAdd ola(o, outFrames, length);
  const std::vector<float>& magnitude = *a.magnitude;
  const std::vector<float>& angle = *a.angle;

  const double pi = 3.14159265358979323846;
  std::vector<double> advance(bins);
  const double step = pi * static_cast<double>(o.hopLength) / static_cast<double>(bins - 1);
  for (std::size_t k = 0; k < bins; ++k) advance[k] = static_cast<double>(k) * step;
  advance[bins - 1] = pi * static_cast<double>(o.hopLength);
  std::vector<float> phase(angle.begin(), angle.begin() + static_cast<std::ptrdiff_t>(bins));
  // Output frames go to the inverse FFT eight at a time (one per lane) where the plan allows: frame
  // t's values are rows t % 8 of re and im, transposed into `block` once eight are there.
  const bool lanes = ola.SupportsLanes();
  std::vector<float> re((lanes ? kLanes8 : 1) * bins), im((lanes ? kLanes8 : 1) * bins);
  std::vector<LaneComplex8> block(lanes ? bins + 1 : 0);
  std::vector<Complex> out(lanes ? 0 : bins);
  for (std::size_t t = 0; t < ola.frames(); ++t) {
    const double position = static_cast<double>(t) * rate;
    const std::size_t left = static_cast<std::size_t>(position);
    const double alpha = std::fmod(position, 1.0);
    const float* m0 = magnitude.data() + left * bins;
    const float* m1 = m0 + bins;
    const float* a0 = angle.data() + left * bins;
    const float* a1 = a0 + bins;
    // Phases beyond fastmath's range (long signals) take libm's sine and cosine.
    // (An integer OR, which vectorises where a bool AND did not; NaN counts as out of range.)
    int outside = 0;
    for (std::size_t k = 0; k < bins; ++k) outside |= !(std::fabs(phase[k]) <= fastmath::kSinCosLimit);
    const std::size_t l = lanes ? t % kLanes8 : 0;
    float* frameRe = re.data() + l * bins;
    float* frameIm = im.data() + l * bins;
    // cos/sin of the float32 phase, rounded to float32 (complex64), then scaled.
    if (outside == 0) {
      for (std::size_t k = 0; k < bins; ++k) {
        double c, s;
        fastmath::SinCos(double(phase[k]), s, c);
        frameRe[k] = static_cast<float>(c);
        frameIm[k] = static_cast<float>(s);
      }
    } else {
      for (std::size_t k = 0; k < bins; ++k) {
        frameRe[k] = static_cast<float>(std::cos(double(phase[k])));
        frameIm[k] = static_cast<float>(std::sin(double(phase[k])));
      }
    }
    Advance(m0, m1, a0, a1, advance.data(), alpha, bins, frameRe, frameIm, phase.data());
    if (!lanes) {
      for (std::size_t k = 0; k < bins; ++k) out[k] = Complex(frameRe[k], frameIm[k]);
      ola.Add(t, out.data());
      continue;
    }
    if (l == kLanes8 - 1 || t + 1 == ola.frames()) {
      ToLanes(re.data(), bins, block.data());
      ToLanes(im.data(), bins, block.data(), true);
      ola.AddLanes(t - l, block.data());
    }
  }
  return ola.Finish();
}

}  // namespace serkit::dsp
