// FFTs of any length: mixed radix (2, 3, 4, 5 and generic small primes) in double precision in the
// FFTPACK "pass" layout, Bluestein's chirp-z for lengths with a large prime factor. Plans are
// immutable after construction, so one plan serves many threads; each call brings its own scratch.
// Bluestein's convolution of length M = 8L runs as eight interleaved L-point float32 transforms, one
// per SIMD lane (clip-length resampling spends nearly all its time there; scipy, under librosa's FFT
// resampling, transforms float32 audio in float32 too). Mixed-radix plans also run eight float32
// transforms side by side (Lane8), for the power spectrogram.
#pragma once
#include <complex>
#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

namespace serkit::dsp {

using Complex = std::complex<double>;

// Four independent transforms side by side (one per SIMD lane): the STFT runs four frames at once.
typedef double Lane4 __attribute__((vector_size(32)));
struct LaneComplex {
  Lane4 re, im;
};
constexpr std::size_t kLanes = 4;

// Eight transforms side by side in float32: the power spectrogram (rounded to float32 anyway, as
// librosa's is) runs eight frames per 32-byte vector, twice the work per instruction of Lane4. The
// twiddles are the double ones rounded; the power differs from the double path by ~1e-7 relative.
typedef float Lane8 __attribute__((vector_size(32)));
struct LaneComplex8 {
  Lane8 re, im;
};
constexpr std::size_t kLanes8 = 8;

// Lanes (a, b, c, d) of the eight in x then y: GCC >= 12 and clang share __builtin_shufflevector
// (the fuzz targets build with clang); older GCC has only __builtin_shuffle. A macro, not a
// function: a 32-byte vector argument draws -Wpsabi in the builds without AVX (sanitizers, fuzz).
// SERKIT_SHUFFLE8: the same for Lane8, lanes (a .. h) of the sixteen in x then y.
typedef long long LaneIndex __attribute__((vector_size(32)));
typedef int LaneIndex8 __attribute__((vector_size(32)));
#if defined(__clang__) || (defined(__GNUC__) && __GNUC__ >= 12)
#define SERKIT_SHUFFLE(x, y, a, b, c, d) __builtin_shufflevector(x, y, a, b, c, d)
#define SERKIT_SHUFFLE8(x, y, a, b, c, d, e, f, g, h) __builtin_shufflevector(x, y, a, b, c, d, e, f, g, h)
#else
#define SERKIT_SHUFFLE(x, y, a, b, c, d) __builtin_shuffle(x, y, ::serkit::dsp::LaneIndex{a, b, c, d})
#define SERKIT_SHUFFLE8(x, y, a, b, c, d, e, f, g, h) \
  __builtin_shuffle(x, y, ::serkit::dsp::LaneIndex8{a, b, c, d, e, f, g, h})
#endif

// An 8 x 8 block of float32 transposed in place: rows r[0..7] become the columns (the AVX
// unpack / shuffle / 128-bit permute pattern: 24 shuffles, where writing 64 values lane by lane
// takes 64 stores, or a DFT across the lanes of each row ~14 shuffles per row).
inline void Transpose8(Lane8* r) {
  Lane8 t[8], u[8];
  for (std::size_t i = 0; i < 8; i += 2) {
    t[i] = SERKIT_SHUFFLE8(r[i], r[i + 1], 0, 8, 1, 9, 4, 12, 5, 13);
    t[i + 1] = SERKIT_SHUFFLE8(r[i], r[i + 1], 2, 10, 3, 11, 6, 14, 7, 15);
  }
  for (std::size_t i = 0; i < 8; i += 4) {
    u[i] = SERKIT_SHUFFLE8(t[i], t[i + 2], 0, 1, 8, 9, 4, 5, 12, 13);
    u[i + 1] = SERKIT_SHUFFLE8(t[i], t[i + 2], 2, 3, 10, 11, 6, 7, 14, 15);
    u[i + 2] = SERKIT_SHUFFLE8(t[i + 1], t[i + 3], 0, 1, 8, 9, 4, 5, 12, 13);
    u[i + 3] = SERKIT_SHUFFLE8(t[i + 1], t[i + 3], 2, 3, 10, 11, 6, 7, 14, 15);
  }
  for (std::size_t i = 0; i < 4; ++i) {
    r[i] = SERKIT_SHUFFLE8(u[i], u[i + 4], 0, 1, 2, 3, 8, 9, 10, 11);
    r[i + 4] = SERKIT_SHUFFLE8(u[i], u[i + 4], 4, 5, 6, 7, 12, 13, 14, 15);
  }
}

// Lane-wise complex product and conjugate.
inline LaneComplex8 MulLanes(const LaneComplex8& a, const LaneComplex8& b) {
  return {a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re};
}
inline LaneComplex8 ConjLanes(const LaneComplex8& a) { return {a.re, -a.im}; }

class ComplexFft {
 public:
  explicit ComplexFft(std::size_t n);
  // A Bluestein plan that reads only data[0 .. inputs) (the rest taken as zero) and writes only
  // data[0 .. outputs) (the rest left as they were; `data` holds n values): the convolution then
  // needs M >= inputs + outputs - 1 instead of 2n - 1. Real FFTs of odd length use it (half the
  // spectrum in or out).
  ComplexFft(std::size_t n, std::size_t inputs, std::size_t outputs);
  std::size_t size() const { return n_; }
  // In-place unnormalised transform: forward uses exp(-2 pi i jk/n), backward exp(+2 pi i jk/n).
  void Forward(Complex* data, std::vector<Complex>& work) const { Transform(data, work, true); }
  void Backward(Complex* data, std::vector<Complex>& work) const { Transform(data, work, false); }
  // Lane transforms exist for mixed-radix lengths (not for Bluestein's). Out of place: reads `in`
  // (left as it was), writes `out`; `scratch` holds n values. No copies, whatever the pass count.
  bool SupportsLanes() const { return !inner_; }
  void ForwardLanes(const LaneComplex* in, LaneComplex* out, LaneComplex* scratch) const;
  void ForwardLanes(const LaneComplex8* in, LaneComplex8* out, LaneComplex8* scratch) const;
  void BackwardLanes(const LaneComplex8* in, LaneComplex8* out, LaneComplex8* scratch) const;
  // Bluestein plans only: the forward transform of float32 data in lane layout (element t in
  // [t / 8] lane t % 8), in place, for callers that build and read that layout directly (the real
  // FFTs of resampling). `a` holds ChirpVectors() vectors: the input (inputs values, zero after),
  // then the output (outputs values; the rest is scratch).
  std::size_t ChirpVectors() const { return inner_->size(); }
  void ForwardChirped(LaneComplex8* a) const;

 private:
  struct Pass {
    std::size_t radix, l1, ido;
    std::vector<Complex> twiddle;  // (radix-1) x (ido-1), forward direction
    std::vector<std::complex<float>> twiddle8;  // the same, rounded to float32 (the Lane8 passes)
    std::vector<Complex> roots;    // radix roots of unity (generic radix only), forward direction
  };
  void Transform(Complex* data, std::vector<Complex>& work, bool forward) const;
  template <typename T>
  void MixedRadix(const T* in, T* out, T* scratch, bool forward) const;
  template <bool Forward, typename T>
  static void RunPass(const Pass& pass, const T* from, T* to);
  void Bluestein(Complex* data, bool forward) const;
  // a (x_t w_t in lane layout, zero past the inputs) -> z with X_k = z_k w_k, through the
  // M-point convolution; b and scratch hold L vectors each.
  void Convolve(LaneComplex8* a, LaneComplex8* b, LaneComplex8* scratch) const;
  // The M-point forward transform of `a` (lane layout: a[j] lane l = x[8j + l]) from its eight lane
  // transforms, times `scale`: X[k + L q] lands in a[k] lane q, except that rows k below
  // TransposedRows() are stored as blocks of eight transposed (a[8b + q] lane r holds row 8b + r).
  void CombineLanes(LaneComplex8* a, double scale) const;
  std::size_t TransposedRows() const;

  void BuildBluestein();
  std::size_t n_, inputs_ = 0, outputs_ = 0;
  std::vector<Pass> passes_;
  // Bluestein, float32 in lane layout (element 8j + l in [j] lane l): the chirp w_k = exp(-i pi k^2
  // / n); M = 8L; (1, W, .., W^7) for W = exp(-2 pi i k / M), k < L; the M-point FFT of the
  // conjugate chirp sequence (scaled by 1/M, in CombineLanes's layout); the L-point inner plan.
  std::vector<LaneComplex8> chirp_;
  std::shared_ptr<const std::vector<LaneComplex8>> outerTwiddle_;  // shared by the plans of one L
  std::vector<LaneComplex8> chirpSpectrum_;
  std::shared_ptr<const ComplexFft> inner_;
};

// Real-input FFT of length n: n/2+1 bins. Even n packs pairs into a half-size complex FFT.
class RealFft {
 public:
  ~RealFft();
  explicit RealFft(std::size_t n);
  std::size_t size() const { return n_; }
  std::size_t bins() const { return n_ / 2 + 1; }
  void Forward(const double* x, Complex* out, std::vector<Complex>& work) const;
  // numpy.fft.irfft semantics: normalised by 1/n; the imaginary parts of bin 0 (and of bin n/2 for
  // even n) are ignored.
  void Inverse(const Complex* in, double* x, std::vector<Complex>& work) const;
  // Four signals at once. Even n with a mixed-radix half only.
  bool SupportsLanes() const { return n_ % 2 == 0 && complex_->SupportsLanes(); }
  // Forward, with the input packed: packed[m] = (x[2m], x[2m+1]) per lane, m < n/2 (left as it
  // was); the n/2 + 1 bins go to `out`. `scratch` holds n/2 values.
  void ForwardPackedLanes(const LaneComplex* packed, LaneComplex* out, LaneComplex* scratch) const;
  // The same transform of eight signals in float32, but only |X[k]|^2 per lane goes to
  // power[0 .. n/2]: the split of the half-size transform is fused with the power. `z` and `scratch`
  // hold n/2 values each.
  void ForwardPackedLanesPower(const LaneComplex8* packed, Lane8* power, LaneComplex8* z, LaneComplex8* scratch) const;
  // Inverse of eight spectra at once in float32 (irfft semantics as Inverse; librosa's istft of a
  // complex64 STFT is float32 too): `in` holds n/2 + 1 bins per lane (clobbered); x[i * kLanes8 +
  // lane] receives the samples. `work` holds n values.
  void InverseLanes(LaneComplex8* in, float* x, LaneComplex8* work) const;
  // Float32 in and out, for resampling: bins[0 .. n/2] = rfft(x); x = irfft(bins) * scale (numpy
  // semantics, as Inverse). Lengths whose transform is Bluestein's run in lane layout from end to end
  // (the split and the packing in float32, as scipy's float32 rfft); others through the double path.
  void ForwardFloat(const float* x, std::complex<float>* bins) const;
  void InverseFloat(const std::complex<float>* bins, float* x, double scale) const;

 private:
  std::size_t n_;
  std::shared_ptr<const ComplexFft> complex_;
  std::vector<Complex> twiddle_;  // exp(-2 pi i k / n), k = 0..n/2 (even n only)
  std::vector<std::complex<float>> twiddle8_;  // the same, rounded to float32
  // Odd n whose transform is Bluestein's: half-spectrum plans for Forward (n real samples in,
  // n/2 + 1 bins out) and Inverse (bins in, n samples out), each built on first use.
  struct HalfPlans;
  std::unique_ptr<HalfPlans> half_;
  const ComplexFft* HalfPlan(bool forward) const;
  // The Bluestein plan ForwardFloat (forward) or InverseFloat runs, null for the double path.
  const ComplexFft* ChirpedPlan(bool forward) const;
};

// Shared plans from a small bounded cache (corpora have thousands of distinct clip lengths).
std::shared_ptr<const ComplexFft> GetComplexFft(std::size_t n);
std::shared_ptr<const RealFft> GetRealFft(std::size_t n);

}  // namespace serkit::dsp
