// RealFft's float32 transforms for resampling (ForwardFloat, InverseFloat): the samples are packed
// straight into Bluestein's lane layout, transformed there, and split or unpacked eight bins at a
// time in float32, as scipy's float32 rfft under librosa's FFT resampling; lengths with a
// mixed-radix plan go through the double path.
#include <algorithm>
#include <complex>
#include <cstring>
#include <vector>

#include "dsp/fft.h"
#include "dsp/scratch.h"

namespace serkit::dsp {

const ComplexFft* RealFft::ChirpedPlan(bool forward) const {
  if (n_ % 2 == 1) return half_ ? HalfPlan(forward) : nullptr;
  return complex_->SupportsLanes() ? nullptr : complex_.get();
}

namespace {
inline std::complex<float> LaneValue(const LaneComplex8* a, std::size_t t) {
  return {a[t / kLanes8].re[t % kLanes8], a[t / kLanes8].im[t % kLanes8]};
}
inline void SetLaneValue(LaneComplex8* a, std::size_t t, std::complex<float> v) {
  a[t / kLanes8].re[t % kLanes8] = v.real();
  a[t / kLanes8].im[t % kLanes8] = v.imag();
}

// Eight complex<float> from p (interleaved) as lanes, and back (also the sample pairs of an even
// length, which are an array of complex<float>).
inline LaneComplex8 LoadInterleaved(const std::complex<float>* p) {
  Lane8 lo, hi;
  std::memcpy(&lo, p, sizeof lo);
  std::memcpy(&hi, p + kLanes8 / 2, sizeof hi);
  return {SERKIT_SHUFFLE8(lo, hi, 0, 2, 4, 6, 8, 10, 12, 14), SERKIT_SHUFFLE8(lo, hi, 1, 3, 5, 7, 9, 11, 13, 15)};
}
inline void StoreInterleaved(std::complex<float>* p, const LaneComplex8& v) {
  const Lane8 lo = SERKIT_SHUFFLE8(v.re, v.im, 0, 8, 1, 9, 2, 10, 3, 11);
  const Lane8 hi = SERKIT_SHUFFLE8(v.re, v.im, 4, 12, 5, 13, 6, 14, 7, 15);
  // std::complex<float> is array-compatible with float[2] ([complex.numbers]).
  std::memcpy(reinterpret_cast<float*>(p), &lo, sizeof lo);
  std::memcpy(reinterpret_cast<float*>(p + kLanes8 / 2), &hi, sizeof hi);
}
inline LaneComplex8 Reversed(const LaneComplex8& v) {
  return {SERKIT_SHUFFLE8(v.re, v.re, 7, 6, 5, 4, 3, 2, 1, 0), SERKIT_SHUFFLE8(v.im, v.im, 7, 6, 5, 4, 3, 2, 1, 0)};
}
// Lane-layout values t0 + 7 .. t0 (descending) of `a`, where t0 % 8 == R: lanes R + 7 - i of
// a[t0 / 8] followed by a[t0 / 8 + 1].
template <int R>
inline LaneComplex8 ReversedRun(const LaneComplex8* a, std::size_t t0) {
  const LaneComplex8 &x = a[t0 / kLanes8], &y = a[t0 / kLanes8 + 1];
  return {SERKIT_SHUFFLE8(x.re, y.re, R + 7, R + 6, R + 5, R + 4, R + 3, R + 2, R + 1, R),
          SERKIT_SHUFFLE8(x.im, y.im, R + 7, R + 6, R + 5, R + 4, R + 3, R + 2, R + 1, R)};
}

// Forward's split, bins k and h - k for k in [8, 8 * blocks) from z in lane layout, eight k at a
// time (the same float32 operations as the scalar loop): k's z are a vector, h - k's a reversed run.
template <int R>
void SplitBlocks(const LaneComplex8* z, std::size_t h, std::size_t blocks, const std::complex<float>* twiddle,
                 std::complex<float>* bins) {
  for (std::size_t q = 1; q < blocks; ++q) {
    const std::size_t k = kLanes8 * q, low = h - k - (kLanes8 - 1);  // bins h - k - 7 .. h - k
    const LaneComplex8 zk = z[q], zj = ReversedRun<R>(z, low);
    const LaneComplex8 wk = LoadInterleaved(twiddle + k), wj = Reversed(LoadInterleaved(twiddle + low));
    const Lane8 eRe = 0.5f * (zk.re + zj.re), eIm = 0.5f * (zk.im - zj.im);
    const Lane8 oRe = 0.5f * (zk.im + zj.im), oIm = 0.5f * (zj.re - zk.re);
    StoreInterleaved(bins + k, {eRe + oRe * wk.re - oIm * wk.im, eIm + oRe * wk.im + oIm * wk.re});
    StoreInterleaved(bins + low, Reversed({eRe + oRe * wj.re + oIm * wj.im, -eIm + oRe * wj.im - oIm * wj.re}));
  }
}
}  // namespace

void RealFft::ForwardFloat(const float* x, std::complex<float>* bins) const {
  const ComplexFft* plan = ChirpedPlan(true);
  if (plan == nullptr) {
    PooledVector<double> samples;
    PooledVector<Complex> spectrum, work;
    samples->assign(x, x + n_);
    spectrum->resize(this->bins());
    Forward(samples->data(), spectrum->data(), *work);
    for (std::size_t k = 0; k < spectrum->size(); ++k) bins[k] = std::complex<float>((*spectrum)[k]);
    return;
  }
  const Scratch<LaneComplex8, 4> buffer(plan->ChirpVectors());
  LaneComplex8* a = buffer.data();
  std::fill(a, a + plan->ChirpVectors(), LaneComplex8{});
  if (n_ % 2 == 1) {
    // Real samples in, the first n/2 + 1 bins out (the half plan).
    for (std::size_t j = 0; j < n_ / kLanes8; ++j) std::memcpy(&a[j].re, x + kLanes8 * j, sizeof a[j].re);
    for (std::size_t t = n_ / kLanes8 * kLanes8; t < n_; ++t) SetLaneValue(a, t, {x[t], 0.0f});
    plan->ForwardChirped(a);
    for (std::size_t k = 0; k < this->bins(); ++k) bins[k] = LaneValue(a, k);
    return;
  }
  // Even n: z_m = x[2m] + i x[2m+1] through the half-size transform, then Forward's split.
  const std::size_t h = n_ / 2;
  // The sample pairs are an array of complex<float> ([complex.numbers]).
  const auto* pairs = reinterpret_cast<const std::complex<float>*>(x);
  for (std::size_t j = 0; j < h / kLanes8; ++j) a[j] = LoadInterleaved(pairs + kLanes8 * j);
  for (std::size_t m = h / kLanes8 * kLanes8; m < h; ++m) SetLaneValue(a, m, {x[2 * m], x[2 * m + 1]});
  plan->ForwardChirped(a);
  const std::complex<float> z0 = LaneValue(a, 0);
  // Blocks of eight k = 8q .. 8q + 7 while their h - k stay at or above h / 2; the rest below.
  const std::size_t blocks = h / 2 >= kLanes8 - 1 ? (h / 2 - (kLanes8 - 1)) / kLanes8 + 1 : 0;
  switch ((h + 1) % kLanes8) {  // (h - 7) mod 8, the lane where each block's run of h - k starts
    case 0: SplitBlocks<0>(a, h, blocks, twiddle8_.data(), bins); break;
    case 1: SplitBlocks<1>(a, h, blocks, twiddle8_.data(), bins); break;
    case 2: SplitBlocks<2>(a, h, blocks, twiddle8_.data(), bins); break;
    case 3: SplitBlocks<3>(a, h, blocks, twiddle8_.data(), bins); break;
    case 4: SplitBlocks<4>(a, h, blocks, twiddle8_.data(), bins); break;
    case 5: SplitBlocks<5>(a, h, blocks, twiddle8_.data(), bins); break;
    case 6: SplitBlocks<6>(a, h, blocks, twiddle8_.data(), bins); break;
    default: SplitBlocks<7>(a, h, blocks, twiddle8_.data(), bins); break;
  }
  const auto split = [&](std::size_t k) {
    const std::size_t j = h - k;
    const std::complex<float> zk = LaneValue(a, k), zj = LaneValue(a, j);
    // X[k] = E + w^k O, X[h-k] = conj(E) + w^(h-k) conj(O) (E, O as in Forward).
    const std::complex<float> e(0.5f * (zk.real() + zj.real()), 0.5f * (zk.imag() - zj.imag()));
    const std::complex<float> o(0.5f * (zk.imag() + zj.imag()), 0.5f * (zj.real() - zk.real()));
    const std::complex<float> wk = twiddle8_[k], wj = twiddle8_[j];
    bins[k] = {e.real() + o.real() * wk.real() - o.imag() * wk.imag(), e.imag() + o.real() * wk.imag() + o.imag() * wk.real()};
    bins[j] = {e.real() + o.real() * wj.real() + o.imag() * wj.imag(), -e.imag() + o.real() * wj.imag() - o.imag() * wj.real()};
  };
  for (std::size_t k = 1; k < kLanes8 && k <= h / 2; ++k) split(k);
  for (std::size_t k = std::max(kLanes8, kLanes8 * blocks); k <= h / 2; ++k) split(k);
  bins[0] = {z0.real() + z0.imag(), 0.0f};
  bins[h] = {z0.real() - z0.imag(), 0.0f};
}

void RealFft::InverseFloat(const std::complex<float>* bins, float* x, double scale) const {
  const ComplexFft* plan = ChirpedPlan(false);
  if (plan == nullptr) {
    PooledVector<Complex> spectrum, work;
    PooledVector<double> samples;
    spectrum->assign(bins, bins + this->bins());
    samples->resize(n_);
    Inverse(spectrum->data(), samples->data(), *work);
    for (std::size_t t = 0; t < n_; ++t) x[t] = static_cast<float>((*samples)[t] * scale);
    return;
  }
  // Backward = conj(forward(conj(z))): the inputs go in conjugated, the outputs come out so.
  const Scratch<LaneComplex8, 4> buffer(plan->ChirpVectors());
  LaneComplex8* a = buffer.data();
  std::fill(a, a + plan->ChirpVectors(), LaneComplex8{});
  if (n_ % 2 == 1) {
    // As Inverse's half plan: c_0 = Re X_0, c_k = 2 X_k in, x = Re(backward) / n.
    SetLaneValue(a, 0, {bins[0].real(), 0.0f});
    for (std::size_t k = 1; k < this->bins(); ++k) SetLaneValue(a, k, 2.0f * std::conj(bins[k]));
    plan->ForwardChirped(a);
    const float s = static_cast<float>(scale / static_cast<double>(n_));
    for (std::size_t j = 0; j < n_ / kLanes8; ++j) {
      const Lane8 v = a[j].re * s;
      std::memcpy(x + kLanes8 * j, &v, sizeof v);
    }
    for (std::size_t t = n_ / kLanes8 * kLanes8; t < n_; ++t) x[t] = LaneValue(a, t).real() * s;
    return;
  }
  // Even n: Inverse's z = E + i O, then the half-size backward transform.
  const std::size_t h = n_ / 2;
  const auto combine = [&](std::size_t k) {
    const std::complex<float> xk = k == 0 ? std::complex<float>(bins[0].real(), 0.0f) : bins[k];
    const std::complex<float> xj = k == 0 ? std::complex<float>(bins[h].real(), 0.0f) : std::conj(bins[h - k]);
    const std::complex<float> e = 0.5f * (xk + xj), d = 0.5f * (xk - xj), w = std::conj(twiddle8_[k]);
    const std::complex<float> o(d.real() * w.real() - d.imag() * w.imag(), d.real() * w.imag() + d.imag() * w.real());
    SetLaneValue(a, k, {e.real() - o.imag(), -(e.imag() + o.real())});  // conj(E + i O)
  };
  // Eight k at a time (the same float32 operations): k = 8q .. 8q + 7 < h, their h - k a reversed run.
  const std::size_t blocks = h / kLanes8;
  for (std::size_t k = 0; k < kLanes8 && k < h; ++k) combine(k);
  for (std::size_t q = 1; q < blocks; ++q) {
    const std::size_t k = kLanes8 * q;
    const LaneComplex8 xk = LoadInterleaved(bins + k), mirror = Reversed(LoadInterleaved(bins + h - k - (kLanes8 - 1)));
    const LaneComplex8 xj = {mirror.re, -mirror.im}, w = ConjLanes(LoadInterleaved(twiddle8_.data() + k));
    const Lane8 eRe = 0.5f * (xk.re + xj.re), eIm = 0.5f * (xk.im + xj.im);
    const Lane8 dRe = 0.5f * (xk.re - xj.re), dIm = 0.5f * (xk.im - xj.im);
    const Lane8 oRe = dRe * w.re - dIm * w.im, oIm = dRe * w.im + dIm * w.re;
    a[q] = {eRe - oIm, -(eIm + oRe)};
  }
  for (std::size_t k = std::max(kLanes8, kLanes8 * blocks); k < h; ++k) combine(k);
  plan->ForwardChirped(a);
  const float s = static_cast<float>(2.0 * scale / static_cast<double>(n_));
  auto* pairs = reinterpret_cast<std::complex<float>*>(x);  // x[2m], x[2m+1] as complex<float>
  for (std::size_t j = 0; j < h / kLanes8; ++j) StoreInterleaved(pairs + kLanes8 * j, {a[j].re * s, -a[j].im * s});
  for (std::size_t m = h / kLanes8 * kLanes8; m < h; ++m) {
    const std::complex<float> z = LaneValue(a, m);
    x[2 * m] = z.real() * s;
    x[2 * m + 1] = -z.imag() * s;
  }
}

}  // namespace serkit::dsp
