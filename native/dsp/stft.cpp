#include "dsp/stft.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "dsp/errors.h"
#include "dsp/scratch.h"

namespace serkit::dsp {

StftOptions ResolveStft(StftOptions o) {
  Require(o.nFft >= 2 && o.nFft <= kMaxFft, "nFft", "must be an integer in [2, 1048576], got " + FormatNumber(double(o.nFft)));
  if (o.winLength == 0) o.winLength = o.nFft;
  Require(o.winLength <= o.nFft, "winLength",
          "must be in [1, nFft=" + FormatNumber(double(o.nFft)) + "], got " + FormatNumber(double(o.winLength)));
  if (o.hopLength == 0) o.hopLength = o.winLength / 4;
  Require(o.hopLength >= 1 && o.hopLength <= kMaxFft, "hopLength",
          "must be >= 1 (the default winLength / 4 is 0 for winLength < 4)");
  return o;
}

namespace {
std::size_t ReflectIndex(std::ptrdiff_t i, std::size_t n) {
  if (n == 1) return 0;
  const std::ptrdiff_t period = 2 * static_cast<std::ptrdiff_t>(n - 1);
  std::ptrdiff_t j = i % period;
  if (j < 0) j += period;
  if (j >= static_cast<std::ptrdiff_t>(n)) j = period - j;
  return static_cast<std::size_t>(j);
}
}  // namespace

StftFrames::StftFrames(const float* y, std::size_t n, const StftOptions& resolved)
    : options_(resolved), y_(y), n_(n) {
  RequireSignal(y, n, "y");
  pad_ = options_.center ? options_.nFft / 2 : 0;
  const std::size_t total = n + 2 * pad_;
  if (total < options_.nFft) {
    throw DspError(ErrorKind::kRange, "INVALID_AUDIO", "y",
                   "has " + std::to_string(n) + " samples, fewer than nFft=" + std::to_string(options_.nFft) +
                       " (without centring)");
  }
  frames_ = 1 + (total - options_.nFft) / options_.hopLength;
  // An absurd request (a 2^20-point FFT every few samples) would run for hours: refuse it.
  Require(static_cast<double>(frames_) * static_cast<double>(options_.nFft) <= kMaxStftWork, "hopLength",
          std::to_string(frames_) + " frames of nFft=" + std::to_string(options_.nFft) +
              " samples exceed the work limit (frames x nFft <= 2^32); use a larger hopLength or a smaller nFft");
  window_ = CachedWindow(options_.window, options_.winLength, options_.nFft);
  window8_.assign(window_->begin(), window_->end());
  fft_ = GetRealFft(options_.nFft);
}

const float* StftFrames::FrameSamples(std::size_t t, float* edge) const {
  const std::size_t nFft = options_.nFft, start = t * options_.hopLength;
  if (start >= pad_ && start + nFft <= pad_ + n_) return y_ + (start - pad_);
  // The padded signal: zeros (or y reflected) on either side of y.
  const std::ptrdiff_t offset = static_cast<std::ptrdiff_t>(start) - static_cast<std::ptrdiff_t>(pad_);
  const std::ptrdiff_t length = static_cast<std::ptrdiff_t>(n_);
  for (std::size_t i = 0; i < nFft; ++i) {
    const std::ptrdiff_t j = offset + static_cast<std::ptrdiff_t>(i);
    if (j >= 0 && j < length) {
      edge[i] = y_[j];
    } else {
      edge[i] = options_.padMode == PadMode::kReflect ? y_[ReflectIndex(j, n_)] : 0.0f;
    }
  }
  return edge;
}

void StftFrames::Frame(std::size_t t, Complex* out, std::vector<Complex>& work) const {
  const std::size_t nFft = options_.nFft;
  thread_local std::vector<double> frame;
  thread_local std::vector<float> edge;
  frame.resize(nFft);
  edge.resize(nFft);
  const float* x = FrameSamples(t, edge.data());
  const double* w = window_->data();
  for (std::size_t i = 0; i < nFft; ++i) frame[i] = static_cast<double>(x[i]) * w[i];
  fft_->Forward(frame.data(), out, work);
  ReleaseIfLarge(frame);
  ReleaseIfLarge(edge);
}

void StftFrames::PackLanes(std::size_t t0, LaneComplex* packed) const {
  const std::size_t half = options_.nFft / 2;
  thread_local std::vector<float> edges;
  edges.resize(kLanes * options_.nFft);
  const float* x[kLanes];
  for (std::size_t l = 0; l < kLanes; ++l) {
    // A frame past the end reads frame 0 and is zeroed below (keeps the loop free of branches).
    x[l] = FrameSamples(t0 + l < frames_ ? t0 + l : 0, edges.data() + l * options_.nFft);
  }
  const double* w = window_->data();
  // Two complex values (four samples) of each frame per step: load, widen, window, then a 4 x 4
  // transpose puts frame l in lane l.
  typedef float Float4 __attribute__((vector_size(16)));
  std::size_t m = 0;
  for (; m + 2 <= half; m += 2) {
    Lane4 window;
    std::memcpy(&window, w + 2 * m, sizeof window);
    Lane4 v[kLanes];
    for (std::size_t l = 0; l < kLanes; ++l) {
      Float4 f;
      std::memcpy(&f, x[l] + 2 * m, sizeof f);
      v[l] = __builtin_convertvector(f, Lane4) * window;
    }
    // v[l] = (re_m, im_m, re_m+1, im_m+1) of frame l.
    const Lane4 a = SERKIT_SHUFFLE(v[0], v[1], 0, 4, 2, 6);  // re_m l0 l1, re_m+1 l0 l1
    const Lane4 b = SERKIT_SHUFFLE(v[0], v[1], 1, 5, 3, 7);  // im_m l0 l1, im_m+1 l0 l1
    const Lane4 c = SERKIT_SHUFFLE(v[2], v[3], 0, 4, 2, 6);
    const Lane4 d = SERKIT_SHUFFLE(v[2], v[3], 1, 5, 3, 7);
    packed[m].re = SERKIT_SHUFFLE(a, c, 0, 1, 4, 5);
    packed[m].im = SERKIT_SHUFFLE(b, d, 0, 1, 4, 5);
    packed[m + 1].re = SERKIT_SHUFFLE(a, c, 2, 3, 6, 7);
    packed[m + 1].im = SERKIT_SHUFFLE(b, d, 2, 3, 6, 7);
  }
  for (; m < half; ++m) {
    const double we = w[2 * m], wo = w[2 * m + 1];
    for (std::size_t l = 0; l < kLanes; ++l) {
      packed[m].re[l] = static_cast<double>(x[l][2 * m]) * we;
      packed[m].im[l] = static_cast<double>(x[l][2 * m + 1]) * wo;
    }
  }
  for (std::size_t l = 0; l < kLanes; ++l) {
    if (t0 + l < frames_) continue;
    for (std::size_t j = 0; j < half; ++j) packed[j].re[l] = packed[j].im[l] = 0.0;
  }
  ReleaseIfLarge(edges);
}

void StftFrames::PackLanes(std::size_t t0, LaneComplex8* packed) const {
  const std::size_t nFft = options_.nFft, half = nFft / 2;
  thread_local std::vector<float> edges;
  edges.resize(kLanes8 * nFft);
  const float* x[kLanes8];
  for (std::size_t l = 0; l < kLanes8; ++l)
    x[l] = FrameSamples(t0 + l < frames_ ? t0 + l : 0, edges.data() + l * nFft);  // zeroed below
  const float* w = window8_.data();
  // Four complex values (eight samples) of each frame per step, windowed, then an 8 x 8 transpose
  // (interleave, 64-bit shuffle, 128-bit halves) puts frame l in lane l: column 2c holds the real
  // parts of value c, column 2c + 1 its imaginary parts.
  // Unaligned loads straight into registers (a memcpy into the array went through the stack in two
  // halves, and every read back stalled on store forwarding).
  typedef float UnalignedLane8 __attribute__((vector_size(32), aligned(4), may_alias));
  std::size_t m = 0;
  for (; m + 4 <= half; m += 4) {
    const Lane8 window = *reinterpret_cast<const UnalignedLane8*>(w + 2 * m);
    Lane8 r[kLanes8];
    for (std::size_t l = 0; l < kLanes8; ++l) r[l] = *reinterpret_cast<const UnalignedLane8*>(x[l] + 2 * m) * window;
    Lane8 t[kLanes8], s[kLanes8];
    for (std::size_t l = 0; l < kLanes8; l += 2) {
      t[l] = SERKIT_SHUFFLE8(r[l], r[l + 1], 0, 8, 1, 9, 4, 12, 5, 13);
      t[l + 1] = SERKIT_SHUFFLE8(r[l], r[l + 1], 2, 10, 3, 11, 6, 14, 7, 15);
    }
    for (std::size_t q = 0; q < kLanes8; q += 4) {
      s[q] = SERKIT_SHUFFLE8(t[q], t[q + 2], 0, 1, 8, 9, 4, 5, 12, 13);
      s[q + 1] = SERKIT_SHUFFLE8(t[q], t[q + 2], 2, 3, 10, 11, 6, 7, 14, 15);
      s[q + 2] = SERKIT_SHUFFLE8(t[q + 1], t[q + 3], 0, 1, 8, 9, 4, 5, 12, 13);
      s[q + 3] = SERKIT_SHUFFLE8(t[q + 1], t[q + 3], 2, 3, 10, 11, 6, 7, 14, 15);
    }
    Lane8 column[kLanes8];
    for (std::size_t c = 0; c < 4; ++c) {
      column[c] = SERKIT_SHUFFLE8(s[c], s[c + 4], 0, 1, 2, 3, 8, 9, 10, 11);
      column[c + 4] = SERKIT_SHUFFLE8(s[c], s[c + 4], 4, 5, 6, 7, 12, 13, 14, 15);
    }
    for (std::size_t c = 0; c < 4; ++c) packed[m + c] = {column[2 * c], column[2 * c + 1]};
  }
  for (; m < half; ++m) {
    for (std::size_t l = 0; l < kLanes8; ++l) {
      packed[m].re[l] = x[l][2 * m] * w[2 * m];
      packed[m].im[l] = x[l][2 * m + 1] * w[2 * m + 1];
    }
  }
  for (std::size_t l = 0; l < kLanes8; ++l) {
    if (t0 + l < frames_) continue;
    for (std::size_t j = 0; j < half; ++j) packed[j].re[l] = packed[j].im[l] = 0.0f;
  }
  ReleaseIfLarge(edges);
}

void StftFrames::FrameLanes(std::size_t t0, LaneComplex* out, std::vector<LaneComplex>& work) const {
  const std::size_t half = options_.nFft / 2;
  if (work.size() < 2 * half) work.resize(2 * half);
  PackLanes(t0, work.data());
  fft_->ForwardPackedLanes(work.data(), out, work.data() + half);
}

void StftFrames::PowerLanes(std::size_t t0, Lane8* power, std::vector<LaneComplex8>& work) const {
  const std::size_t half = options_.nFft / 2;
  if (work.size() < 3 * half) work.resize(3 * half);
  PackLanes(t0, work.data());
  fft_->ForwardPackedLanesPower(work.data(), power, work.data() + half, work.data() + 2 * half);
}

ComplexMatrix Stft(const float* y, std::size_t n, const StftOptions& options) {
  const StftFrames frames(y, n, ResolveStft(options));
  ComplexMatrix out;
  out.rows = frames.bins();
  out.cols = frames.frames();
  out.re.resize(out.rows * out.cols);
  out.im.resize(out.rows * out.cols);
  std::vector<Complex> spectrum(out.rows), work;
  for (std::size_t t = 0; t < out.cols; ++t) {
    frames.Frame(t, spectrum.data(), work);
    for (std::size_t k = 0; k < out.rows; ++k) {
      out.re[k * out.cols + t] = static_cast<float>(spectrum[k].real());
      out.im[k * out.cols + t] = static_cast<float>(spectrum[k].imag());
    }
  }
  RequireFiniteResult(out.re, "y");
  RequireFiniteResult(out.im, "y");
  return out;
}

Matrix Spectrogram(const float* y, std::size_t n, const StftOptions& options, double power) {
  Require(std::isfinite(power) && power > 0 && power <= 16, "power", "must be a number in (0, 16], got " + FormatNumber(power));
  const StftFrames frames(y, n, ResolveStft(options));
  Matrix out;
  out.rows = frames.bins();
  out.cols = frames.frames();
  out.data.resize(out.rows * out.cols);
  std::vector<Complex> spectrum(out.rows), work;
  for (std::size_t t = 0; t < out.cols; ++t) {
    frames.Frame(t, spectrum.data(), work);
    for (std::size_t k = 0; k < out.rows; ++k) {
      const double p = spectrum[k].real() * spectrum[k].real() + spectrum[k].imag() * spectrum[k].imag();
      out.data[k * out.cols + t] = static_cast<float>(power == 2.0 ? p : std::pow(p, power / 2.0));
    }
  }
  RequireFiniteResult(out.data, "y");
  return out;
}

OverlapAdd::OverlapAdd(const StftOptions& o, std::size_t frames, std::size_t length)
    : options_(o), length_(length), pad_(o.center ? o.nFft / 2 : 0) {
  const std::size_t needed = (length + 2 * pad_ + o.hopLength - 1) / o.hopLength;
  used_ = frames < needed ? frames : needed;
  const std::size_t total = used_ == 0 ? 0 : o.nFft + o.hopLength * (used_ - 1);
  signal_->assign(total, 0.0f);
  windowSum_->assign(total, 0.0f);
  window_ = CachedWindow(o.window, o.winLength, o.nFft);
  const double* w = window_->data();
  frame_.resize(o.nFft);
  fft_ = GetRealFft(o.nFft);
  for (std::size_t t = 0; t < used_; ++t) {
    double* sum = windowSum_->data() + t * o.hopLength;
    for (std::size_t i = 0; i < o.nFft; ++i) sum[i] += w[i] * w[i];
  }
}

void OverlapAdd::Add(std::size_t t, const Complex* spectrum) {
  fft_->Inverse(spectrum, frame_.data(), work_);
  double* dst = signal_->data() + t * options_.hopLength;
  const double* w = window_->data();
  for (std::size_t i = 0; i < options_.nFft; ++i) dst[i] += frame_[i] * w[i];
}

void OverlapAdd::AddLanes(std::size_t t0, LaneComplex8* spectra) {
  const std::size_t nFft = options_.nFft;
  laneWork_.resize(nFft);
  laneFrames_.resize(nFft * kLanes8);
  fft_->InverseLanes(spectra, laneFrames_.data(), laneWork_.data());
  const double* w = window_->data();
  const std::size_t frames = t0 < used_ ? std::min(kLanes8, used_ - t0) : 0;
  double* base = signal_->data() + t0 * options_.hopLength;
  const float* x = laneFrames_.data();
  // Eight samples of the eight frames at a time, transposed so that each frame's eight are one
  // vector; each output sample still receives the frames in order (the same sums as frame by frame).
  typedef double Lane8d __attribute__((vector_size(64)));
  std::size_t i = 0;
  for (; i + kLanes8 <= nFft; i += kLanes8) {
    Lane8 v[kLanes8];
    std::memcpy(v, x + i * kLanes8, sizeof v);
    Transpose8(v);
    Lane8d window;
    std::memcpy(&window, w + i, sizeof window);
    for (std::size_t l = 0; l < frames; ++l) {
      double* dst = base + l * options_.hopLength + i;
      Lane8d sum;
      std::memcpy(&sum, dst, sizeof sum);
      sum += __builtin_convertvector(v[l], Lane8d) * window;
      std::memcpy(dst, &sum, sizeof sum);
    }
  }
  for (; i < nFft; ++i)
    for (std::size_t l = 0; l < frames; ++l)
      base[l * options_.hopLength + i] += static_cast<double>(x[i * kLanes8 + l]) * w[i];
}

std::vector<float> OverlapAdd::Finish() const {
  std::vector<float> y(length_, 0.0f);
  const float tiny = std::numeric_limits<float>::min();
  // The bound computed first: a loop with one plain bound vectorises.
  const std::size_t end = pad_ < signal_->size() ? std::min(length_, signal_->size() - pad_) : 0;
  const double* signal = signal_->data() + pad_;
  const double* windowSum = windowSum_->data() + pad_;
  for (std::size_t i = 0; i < end; ++i) {
    // The window sum is float32 in librosa; the division is not.
    const double s = static_cast<float>(windowSum[i]);
    y[i] = static_cast<float>(s > tiny ? signal[i] / s : signal[i]);
  }
  RequireFiniteResult(y, "y");
  return y;
}

}  // namespace serkit::dsp
