// FFTs of any length in double precision: mixed radix (2, 3, 4, 5 and generic small primes) in the
// FFTPACK "pass" layout, Bluestein's chirp-z for lengths with a large prime factor. Plans are
// immutable after construction, so one plan serves many threads; each call brings its own scratch.
#pragma once
#include <complex>
#include <cstddef>
#include <memory>
#include <vector>

namespace serkit::dsp {

using Complex = std::complex<double>;

// Four independent transforms side by side (one per SIMD lane): the STFT runs four frames at once.
typedef double Lane4 __attribute__((vector_size(32)));
struct LaneComplex {
  Lane4 re, im;
};
constexpr std::size_t kLanes = 4;

class ComplexFft {
 public:
  explicit ComplexFft(std::size_t n);
  std::size_t size() const { return n_; }
  // In-place unnormalised transform: forward uses exp(-2 pi i jk/n), backward exp(+2 pi i jk/n).
  void Forward(Complex* data, std::vector<Complex>& work) const { Transform(data, work, true); }
  void Backward(Complex* data, std::vector<Complex>& work) const { Transform(data, work, false); }
  // Lane transforms exist for mixed-radix lengths (not for Bluestein's).
  bool SupportsLanes() const { return !inner_; }
  void ForwardLanes(LaneComplex* data, std::vector<LaneComplex>& work) const;

 private:
  struct Pass {
    std::size_t radix, l1, ido;
    std::vector<Complex> twiddle;  // (radix-1) x (ido-1), forward direction
    std::vector<Complex> roots;    // radix roots of unity (generic radix only), forward direction
  };
  void Transform(Complex* data, std::vector<Complex>& work, bool forward) const;
  template <typename T>
  void MixedRadix(T* data, T* scratch, bool forward) const;
  void Bluestein(Complex* data, std::vector<Complex>& work, bool forward) const;

  std::size_t n_;
  std::vector<Pass> passes_;
  // Bluestein: chirp w_k = exp(-i pi k^2 / n), FFT of the conjugate chirp sequence, inner plan.
  std::vector<Complex> chirp_;
  std::vector<Complex> chirpSpectrum_;
  std::shared_ptr<const ComplexFft> inner_;
};

// Real-input FFT of length n: n/2+1 bins. Even n packs pairs into a half-size complex FFT.
class RealFft {
 public:
  explicit RealFft(std::size_t n);
  std::size_t size() const { return n_; }
  std::size_t bins() const { return n_ / 2 + 1; }
  void Forward(const double* x, Complex* out, std::vector<Complex>& work) const;
  // numpy.fft.irfft semantics: normalised by 1/n; the imaginary parts of bin 0 (and of bin n/2 for
  // even n) are ignored.
  void Inverse(const Complex* in, double* x, std::vector<Complex>& work) const;
  // Four signals at once, interleaved: x[i * kLanes + lane]. Even n with a mixed-radix half only.
  bool SupportsLanes() const { return n_ % 2 == 0 && complex_->SupportsLanes(); }
  void ForwardLanes(const double* x, LaneComplex* out, std::vector<LaneComplex>& work) const;
  // As ForwardLanes, with the input already packed in `data`: data[m] = (x[2m], x[2m+1]) per lane,
  // m < n/2. `data` must hold n/2 + 1 values; the n/2 + 1 bins replace the input.
  void ForwardPackedLanes(LaneComplex* data, std::vector<LaneComplex>& work) const;

 private:
  std::size_t n_;
  std::shared_ptr<const ComplexFft> complex_;
  std::vector<Complex> twiddle_;  // exp(-2 pi i k / n), k = 0..n/2 (even n only)
};

// Shared plans from a small bounded cache (corpora have thousands of distinct clip lengths).
std::shared_ptr<const ComplexFft> GetComplexFft(std::size_t n);
std::shared_ptr<const RealFft> GetRealFft(std::size_t n);

}  // namespace serkit::dsp
