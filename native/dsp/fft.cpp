#include "dsp/fft.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <list>
#include <mutex>
#include <stdexcept>
#include <type_traits>
#include <unordered_map>

#include "dsp/scratch.h"

namespace serkit::dsp {
namespace {

constexpr double kTwoPi = 6.283185307179586476925286766559;
// Lengths whose largest prime factor exceeds this go through Bluestein's algorithm.
constexpr std::size_t kMaxDirectPrime = 31;

// Plain complex product: std::complex's operator* follows C99 Annex G (slow NaN/Inf recovery).
inline Complex Mul(const Complex& a, const Complex& b) {
  return {a.real() * b.real() - a.imag() * b.imag(), a.real() * b.imag() + a.imag() * b.real()};
}

// The few operations the passes need, for one complex value or a vector of lanes: four in double
// (LaneComplex) or eight in float32 (LaneComplex8; constants and twiddles rounded to float32, the
// twiddles once per plan).
inline Complex Scale(const Complex& a, double s) { return {a.real() * s, a.imag() * s}; }
inline Complex TimesI(const Complex& a, double sign) { return {-sign * a.imag(), sign * a.real()}; }
template <typename T>
struct LaneScalar {};
template <>
struct LaneScalar<LaneComplex> {
  using type = double;
};
template <>
struct LaneScalar<LaneComplex8> {
  using type = float;
};
template <typename T, typename S = typename LaneScalar<T>::type>
inline T operator+(const T& a, const T& b) {
  return {a.re + b.re, a.im + b.im};
}
template <typename T, typename S = typename LaneScalar<T>::type>
inline T operator-(const T& a, const T& b) {
  return {a.re - b.re, a.im - b.im};
}
template <typename T, typename S = typename LaneScalar<T>::type>
inline T& operator+=(T& a, const T& b) {
  a.re += b.re;
  a.im += b.im;
  return a;
}
template <typename T, typename S = typename LaneScalar<T>::type>
inline T Mul(const T& a, const std::complex<S>& w) {
  return {a.re * w.real() - a.im * w.imag(), a.re * w.imag() + a.im * w.real()};
}
template <typename T, typename S = typename LaneScalar<T>::type>
inline T Scale(const T& a, double s) {
  const S f = static_cast<S>(s);
  return {a.re * f, a.im * f};
}
template <typename T, typename S = typename LaneScalar<T>::type>
inline T TimesI(const T& a, double sign) {
  const S f = static_cast<S>(sign);
  return {-f * a.im, f * a.re};
}

std::vector<std::size_t> Factorize(std::size_t n) {
  std::vector<std::size_t> factors;
  // Powers of two as radix-8 passes (fewer passes over memory), with 4 x 4 instead of 8 x 2 and a
  // lone 4 or 2 for the rest: 1024 = 8 8 4 4, 2048 = 8 8 8 4, 512 = 8 8 8.
  std::size_t twos = 0;
  while (n % 2 == 0) {
    ++twos;
    n /= 2;
  }
  std::size_t eights = twos / 3, fours = 0, single = 0;
  if (twos % 3 == 2) fours = 1;
  if (twos % 3 == 1) {
    if (eights > 0) {
      --eights;
      fours = 2;
    } else {
      single = 1;
    }
  }
  for (std::size_t i = 0; i < eights; ++i) factors.push_back(8);
  for (std::size_t i = 0; i < fours; ++i) factors.push_back(4);
  if (single) factors.push_back(2);
  for (std::size_t p = 3; p * p <= n; p += 2) {
    while (n % p == 0) {
      factors.push_back(p);
      n /= p;
    }
  }
  if (n > 1) factors.push_back(n);
  return factors;
}

// Smallest m >= n with no prime factor above 5.
std::size_t NextFastLength(std::size_t n) {
  std::size_t best = 1;
  while (best < n) best *= 2;
  for (std::size_t p5 = 1; p5 < best; p5 *= 5) {
    for (std::size_t p35 = p5; p35 < best; p35 *= 3) {
      std::size_t m = p35;
      while (m < n) m *= 2;
      if (m < best) best = m;
    }
  }
  return best;
}

// Exact-ish exp(-2 pi i k / n): reduces k first so large k keep full precision.
Complex UnitRoot(std::size_t k, std::size_t n) {
  k %= n;
  const double angle = -kTwoPi * static_cast<double>(k) / static_cast<double>(n);
  return {std::cos(angle), std::sin(angle)};
}

// FFTPACK layout: input CC(i, j, k) = cc[i + ido * (j + radix * k)],
// output CH(i, k, j) = ch[i + ido * (k + l1 * j)], twiddle WA(j, i) = wa[(j - 1) * (ido - 1) + i - 1].
// The direction is a template argument and the twiddle-free i = 0 column is peeled, so the inner
// loops carry no branches.
template <bool F, typename W>
inline W Tw(const W& w) {
  return F ? w : std::conj(w);
}

template <bool F, typename T, typename W>
void Pass2(std::size_t ido, std::size_t l1, const T* cc, T* ch, const W* wa) {
  const std::size_t stride = ido * l1;
  for (std::size_t k = 0; k < l1; ++k) {
    const T* in = cc + ido * 2 * k;
    T* out = ch + ido * k;
    out[0] = in[0] + in[ido];
    out[stride] = in[0] - in[ido];
    for (std::size_t i = 1; i < ido; ++i) {
      const T a = in[i], b = in[i + ido];
      out[i] = a + b;
      out[i + stride] = Mul(a - b, Tw<F>(wa[i - 1]));
    }
  }
}

template <bool F, typename T>
inline void Butterfly4(const T& a0, const T& a1, const T& a2, const T& a3, T& y0, T& y1, T& y2, T& y3) {
  const T t1 = a0 + a2, t2 = a0 - a2, t3 = a1 + a3;
  // (a1 - a3) times -i (forward) or +i (backward).
  const T r4 = TimesI(a1 - a3, F ? -1.0 : 1.0);
  y0 = t1 + t3;
  y1 = t2 + r4;
  y2 = t1 - t3;
  y3 = t2 - r4;
}

template <bool F, typename T, typename W>
void Pass4(std::size_t ido, std::size_t l1, const T* cc, T* ch, const W* wa) {
  const std::size_t w = ido - 1, stride = ido * l1;
  for (std::size_t k = 0; k < l1; ++k) {
    const T* in = cc + ido * 4 * k;
    T* out = ch + ido * k;
    T y0, y1, y2, y3;
    Butterfly4<F>(in[0], in[ido], in[2 * ido], in[3 * ido], y0, y1, y2, y3);
    out[0] = y0;
    out[stride] = y1;
    out[2 * stride] = y2;
    out[3 * stride] = y3;
    for (std::size_t i = 1; i < ido; ++i) {
      Butterfly4<F>(in[i], in[i + ido], in[i + 2 * ido], in[i + 3 * ido], y0, y1, y2, y3);
      out[i] = y0;
      out[i + stride] = Mul(y1, Tw<F>(wa[i - 1]));
      out[i + 2 * stride] = Mul(y2, Tw<F>(wa[w + i - 1]));
      out[i + 3 * stride] = Mul(y3, Tw<F>(wa[2 * w + i - 1]));
    }
  }
}

// Radix 8 as two radix-4 butterflies (even and odd inputs) joined by the eighth roots of unity.
template <bool F, typename T>
inline T TimesW8(const T& v) {  // v * exp(-+ i pi / 4)
  constexpr double kHalfSqrt2 = 0.70710678118654752440;
  return Scale(v + TimesI(v, F ? -1.0 : 1.0), kHalfSqrt2);
}

template <bool F, typename T>
inline void Butterfly8(const T* a, std::size_t step, T* y) {
  T e0, e1, e2, e3, o0, o1, o2, o3;
  Butterfly4<F>(a[0], a[2 * step], a[4 * step], a[6 * step], e0, e1, e2, e3);
  Butterfly4<F>(a[step], a[3 * step], a[5 * step], a[7 * step], o0, o1, o2, o3);
  o1 = TimesW8<F>(o1);
  o2 = TimesI(o2, F ? -1.0 : 1.0);
  o3 = TimesI(TimesW8<F>(o3), F ? -1.0 : 1.0);
  y[0] = e0 + o0;
  y[4] = e0 - o0;
  y[1] = e1 + o1;
  y[5] = e1 - o1;
  y[2] = e2 + o2;
  y[6] = e2 - o2;
  y[3] = e3 + o3;
  y[7] = e3 - o3;
}

template <bool F, typename T, typename W>
void Pass8(std::size_t ido, std::size_t l1, const T* cc, T* ch, const W* wa) {
  const std::size_t w = ido - 1, stride = ido * l1;
  for (std::size_t k = 0; k < l1; ++k) {
    const T* in = cc + ido * 8 * k;
    T* out = ch + ido * k;
    T y[8];
    Butterfly8<F>(in, ido, y);
    for (std::size_t j = 0; j < 8; ++j) out[j * stride] = y[j];
    for (std::size_t i = 1; i < ido; ++i) {
      Butterfly8<F>(in + i, ido, y);
      out[i] = y[0];
      for (std::size_t j = 1; j < 8; ++j) out[i + j * stride] = Mul(y[j], Tw<F>(wa[(j - 1) * w + i - 1]));
    }
  }
}

template <bool F, typename T>
inline void Butterfly3(const T& a0, const T& a1, const T& a2, T& y0, T& y1, T& y2) {
  const double c = -0.5, s = F ? -0.86602540378443864676 : 0.86602540378443864676;
  const T t = a1 + a2, d = a1 - a2;
  const T m = a0 + Scale(t, c);
  const T r = TimesI(Scale(d, s), 1.0);  // i * s * d
  y0 = a0 + t;
  y1 = m + r;
  y2 = m - r;
}

template <bool F, typename T, typename W>
void Pass3(std::size_t ido, std::size_t l1, const T* cc, T* ch, const W* wa) {
  const std::size_t w = ido - 1, stride = ido * l1;
  for (std::size_t k = 0; k < l1; ++k) {
    const T* in = cc + ido * 3 * k;
    T* out = ch + ido * k;
    T y0, y1, y2;
    Butterfly3<F>(in[0], in[ido], in[2 * ido], y0, y1, y2);
    out[0] = y0;
    out[stride] = y1;
    out[2 * stride] = y2;
    for (std::size_t i = 1; i < ido; ++i) {
      Butterfly3<F>(in[i], in[i + ido], in[i + 2 * ido], y0, y1, y2);
      out[i] = y0;
      out[i + stride] = Mul(y1, Tw<F>(wa[i - 1]));
      out[i + 2 * stride] = Mul(y2, Tw<F>(wa[w + i - 1]));
    }
  }
}

// Radix 5: pairs (1, 4) and (2, 3) share cosines and (negated) sines.
template <bool F, typename T>
inline void Butterfly5(const T& a0, const T& a1, const T& a2, const T& a3, const T& a4, T& y0, T& y1, T& y2, T& y3,
                       T& y4) {
  constexpr double c1 = 0.30901699437494742410, c2 = -0.80901699437494742410;  // cos(2 pi / 5), cos(4 pi / 5)
  constexpr double s1 = 0.95105651629515357212, s2 = 0.58778525229247312917;   // sin(2 pi / 5), sin(4 pi / 5)
  const T t1 = a1 + a4, t2 = a2 + a3, t3 = a1 - a4, t4 = a2 - a3;
  const T r1 = a0 + Scale(t1, c1) + Scale(t2, c2), r2 = a0 + Scale(t1, c2) + Scale(t2, c1);
  // Forward multiplies the sine parts by -i, backward by +i.
  const T i1 = TimesI(Scale(t3, s1) + Scale(t4, s2), F ? -1.0 : 1.0);
  const T i2 = TimesI(Scale(t3, s2) - Scale(t4, s1), F ? -1.0 : 1.0);
  y0 = a0 + t1 + t2;
  y1 = r1 + i1;
  y4 = r1 - i1;
  y2 = r2 + i2;
  y3 = r2 - i2;
}

template <bool F, typename T, typename W>
void Pass5(std::size_t ido, std::size_t l1, const T* cc, T* ch, const W* wa) {
  const std::size_t w = ido - 1, stride = ido * l1;
  for (std::size_t k = 0; k < l1; ++k) {
    const T* in = cc + ido * 5 * k;
    T* out = ch + ido * k;
    T y0, y1, y2, y3, y4;
    Butterfly5<F>(in[0], in[ido], in[2 * ido], in[3 * ido], in[4 * ido], y0, y1, y2, y3, y4);
    out[0] = y0;
    out[stride] = y1;
    out[2 * stride] = y2;
    out[3 * stride] = y3;
    out[4 * stride] = y4;
    for (std::size_t i = 1; i < ido; ++i) {
      Butterfly5<F>(in[i], in[i + ido], in[i + 2 * ido], in[i + 3 * ido], in[i + 4 * ido], y0, y1, y2, y3, y4);
      out[i] = y0;
      out[i + stride] = Mul(y1, Tw<F>(wa[i - 1]));
      out[i + 2 * stride] = Mul(y2, Tw<F>(wa[w + i - 1]));
      out[i + 3 * stride] = Mul(y3, Tw<F>(wa[2 * w + i - 1]));
      out[i + 4 * stride] = Mul(y4, Tw<F>(wa[3 * w + i - 1]));
    }
  }
}

// Any odd radix p: pairs j and p - j share cosines and (negated) sines, so each output pair costs
// (p - 1) real-coefficient products per input pair instead of p complex products.
template <bool F, typename T, typename W>
void PassGeneric(std::size_t radix, std::size_t ido, std::size_t l1, const T* cc, T* ch, const W* wa,
                 const Complex* roots) {
  const std::size_t half = (radix - 1) / 2;
  const double sign = F ? -1.0 : 1.0;
  std::array<T, kMaxDirectPrime> sum, diff, y;
  const std::size_t w = ido - 1;
  for (std::size_t k = 0; k < l1; ++k) {
    for (std::size_t i = 0; i < ido; ++i) {
      const T a0 = cc[i + ido * (radix * k)];
      T total = a0;
      for (std::size_t j = 1; j <= half; ++j) {
        const T aj = cc[i + ido * (j + radix * k)], ap = cc[i + ido * (radix - j + radix * k)];
        sum[j] = aj + ap;
        diff[j] = aj - ap;
        total += sum[j];
      }
      y[0] = total;
      for (std::size_t m = 1; m <= half; ++m) {
        T re = a0;
        std::size_t q = m;
        T im = Scale(diff[1], -roots[q].imag());  // sin(2 pi q / p)
        re += Scale(sum[1], roots[q].real());
        for (std::size_t j = 2; j <= half; ++j) {
          q += m;
          if (q >= radix) q -= radix;
          re += Scale(sum[j], roots[q].real());
          im += Scale(diff[j], -roots[q].imag());
        }
        const T t = TimesI(im, sign);
        y[m] = re + t;
        y[radix - m] = re - t;
      }
      for (std::size_t m = 0; m < radix; ++m) {
        ch[i + ido * (k + l1 * m)] = (m > 0 && i > 0) ? Mul(y[m], Tw<F>(wa[(m - 1) * w + i - 1])) : y[m];
      }
    }
  }
}

// exp(-2 pi i q / n) for q < count, from two short tables of exact roots (coarse x fine): ~2 sqrt(n)
// sine/cosine pairs instead of `count`, within a few ulp. Plans are built per clip length, so this
// matters as much as the transform.
class RootTable {
 public:
  explicit RootTable(std::size_t n) : n_(n), step_(static_cast<std::size_t>(std::sqrt(double(n))) + 1) {
    fine_.resize(step_);
    coarse_.resize(n / step_ + 1);
    for (std::size_t b = 0; b < step_; ++b) fine_[b] = UnitRoot(b, n);
    for (std::size_t a = 0; a < coarse_.size(); ++a) coarse_[a] = UnitRoot(a * step_, n);
  }
  // exp(-2 pi i q / n) for q < n.
  Complex operator()(std::size_t q) const { return Mul(coarse_[q / step_], fine_[q % step_]); }

 private:
  std::size_t n_, step_;
  std::vector<Complex> fine_, coarse_;
};

inline Complex LaneAt(const LaneComplex8& v, std::size_t l) { return {v.re[l], v.im[l]}; }
inline void SetLane(LaneComplex8& v, std::size_t l, const Complex& c) {
  v.re[l] = static_cast<float>(c.real());
  v.im[l] = static_cast<float>(c.imag());
}

// (1, W, W^2, ..., W^7) for W = exp(-2 pi i k / M), k < L, M = 8L: the twiddles between Bluestein's
// lane transforms and its 8-point transform across the lanes. They depend on L alone (a smooth
// length, few per corpus), so plans share them.
struct OuterTwiddles {
  explicit OuterTwiddles(std::size_t eighth) : values(eighth) {
    const RootTable roots(kLanes8 * eighth);
    for (std::size_t k = 0; k < eighth; ++k)
      for (std::size_t l = 0; l < kLanes8; ++l) SetLane(values[k], l, roots(l * k));
  }
  std::vector<LaneComplex8> values;
};
std::shared_ptr<const std::vector<LaneComplex8>> GetOuterTwiddles(std::size_t eighth);

// Bluestein's chirp w_k = exp(-i pi k^2 / n), k < n, rounded to float32 into lane layout
// (chirp[j] lane l = w_{8j + l}; lanes past n zero). Exact values (angles reduced modulo 2n)
// start every run of 8 vectors; within a run, w_{k+8} = w_k s_k and s_{k+8} = s_k g with
// s_k = exp(-i pi (16k + 64) / n), g = exp(-i pi 128 / n), in double for eight lanes at once: seven
// steps move a value by ~1e-15, far below float32's rounding, at a fraction of a table lookup per point.
void ChirpLanes(std::size_t n, LaneComplex8* chirp) {
  typedef double Lane8d __attribute__((vector_size(64)));
  constexpr std::size_t kRun = 8;
  const std::size_t period = 2 * n;
  const RootTable roots(period);
  const Complex g = roots((128 % period));
  const std::size_t vectors = (n + kLanes8 - 1) / kLanes8;
  for (std::size_t start = 0; start < vectors; start += kRun) {
    Lane8d wr, wi, sr, si;
    for (std::size_t l = 0; l < kLanes8; ++l) {
      const std::size_t k = (kLanes8 * start + l) % period;
      const Complex w = roots(k * k % period), step = roots((16 * k + 64) % period);
      wr[l] = w.real();
      wi[l] = w.imag();
      sr[l] = step.real();
      si[l] = step.imag();
    }
    const std::size_t end = start + kRun < vectors ? start + kRun : vectors;
    for (std::size_t j = start; j < end; ++j) {
      chirp[j] = {__builtin_convertvector(wr, Lane8), __builtin_convertvector(wi, Lane8)};
      const Lane8d nr = wr * sr - wi * si, ni = wr * si + wi * sr;
      wr = nr;
      wi = ni;
      const Lane8d tr = sr * g.real() - si * g.imag(), ti = sr * g.imag() + si * g.real();
      sr = tr;
      si = ti;
    }
  }
  // Lanes past n: zero (the recurrence wrote whole vectors).
  for (std::size_t k = n; k < kLanes8 * vectors; ++k) SetLane(chirp[k / kLanes8], k % kLanes8, Complex(0, 0));
}

}  // namespace

ComplexFft::ComplexFft(std::size_t n) : n_(n), inputs_(n), outputs_(n) {
  if (n == 0) throw std::invalid_argument("FFT length must be >= 1");
  const std::vector<std::size_t> factors = Factorize(n);
  std::size_t largest = 1;
  for (std::size_t f : factors) largest = f > largest ? f : largest;
  if (largest > kMaxDirectPrime) {
    BuildBluestein();
    return;
  }
  // Twiddles are n-th roots of unity (a plan per clip length is common when resampling a corpus,
  // so building plans must be cheap too).
  const RootTable roots(n);
  std::size_t l1 = 1;
  for (std::size_t radix : factors) {
    Pass pass;
    pass.radix = radix;
    pass.l1 = l1;
    pass.ido = n / (l1 * radix);
    if (pass.ido > 1) {
      pass.twiddle.resize((radix - 1) * (pass.ido - 1));
      for (std::size_t j = 1; j < radix; ++j)
        for (std::size_t i = 1; i < pass.ido; ++i)
          pass.twiddle[(j - 1) * (pass.ido - 1) + i - 1] = roots((j * l1 * i) % n);
      pass.twiddle8.assign(pass.twiddle.begin(), pass.twiddle.end());
    }
    if (radix > 5 && radix != 8) {
      pass.roots.resize(radix);
      for (std::size_t q = 0; q < radix; ++q) pass.roots[q] = roots(q * (n / radix));
    }
    passes_.push_back(std::move(pass));
    l1 *= radix;
  }
}

ComplexFft::ComplexFft(std::size_t n, std::size_t inputs, std::size_t outputs) : n_(n), inputs_(inputs), outputs_(outputs) {
  if (n == 0 || inputs == 0 || outputs == 0 || inputs > n || outputs > n)
    throw std::invalid_argument("partial FFT: need 1 <= inputs, outputs <= n");
  BuildBluestein();
}

void ComplexFft::BuildBluestein() {
  // M = 8L >= inputs + outputs - 1 (2n - 1 for a full transform) with L smooth: the convolution
  // runs as eight L-point float32 lane transforms.
  const std::size_t eighth = NextFastLength((inputs_ + outputs_ - 1 + kLanes8 - 1) / kLanes8);
  const std::size_t m = kLanes8 * eighth;
  inner_ = GetComplexFft(eighth);
  chirp_.assign((n_ + kLanes8 - 1) / kLanes8, LaneComplex8{});
  ChirpLanes(n_, chirp_.data());
  outerTwiddle_ = GetOuterTwiddles(eighth);
  // The conjugate chirp, wrapped circularly into M points, in lane layout, transformed.
  // Built per clip length: the two work buffers come from the thread's Bluestein scratch (no plan
  // is ever built during a transform), sparing megabytes of fresh pages per plan.
  const Scratch<LaneComplex8, 0> buffers(2 * eighth);
  LaneComplex8* b = buffers.data();
  LaneComplex8* scratch = b + eighth;
  // conj(w_d) for every lag d = k - j the outputs k < outputs and inputs j < inputs meet: d in
  // [0, outputs) as it stands, d in (-inputs, 0) wrapped to M + d; zero between.
  const std::size_t wholeOut = outputs_ / kLanes8;
  for (std::size_t j = 0; j < wholeOut; ++j) b[j] = ConjLanes(chirp_[j]);
  // Lags -1 .. -8(j + 1) fill b[L - 1 - j] whole: lane 0 from w_{8(j + 1)}, lanes 1-7 from w_{8j + 7}
  // .. w_{8j + 1} (lag d sits at M - |d|).
  const std::size_t wrapped = (inputs_ - 1) / kLanes8;
  std::fill(b + wholeOut, b + eighth - wrapped, LaneComplex8{});
  for (std::size_t j = 0; j < wrapped; ++j) {
    const LaneComplex8 &low = chirp_[j], &high = chirp_[j + 1];
    b[eighth - 1 - j] = {SERKIT_SHUFFLE8(low.re, high.re, 8, 7, 6, 5, 4, 3, 2, 1),
                         -SERKIT_SHUFFLE8(low.im, high.im, 8, 7, 6, 5, 4, 3, 2, 1)};
  }
  for (std::size_t k = kLanes8 * wholeOut; k < outputs_; ++k) {
    b[wholeOut].re[k % kLanes8] = chirp_[wholeOut].re[k % kLanes8];
    b[wholeOut].im[k % kLanes8] = -chirp_[wholeOut].im[k % kLanes8];
  }
  for (std::size_t k = kLanes8 * wrapped + 1; k < inputs_; ++k) {
    const std::size_t d = m - k;
    b[d / kLanes8].re[d % kLanes8] = chirp_[k / kLanes8].re[k % kLanes8];
    b[d / kLanes8].im[d % kLanes8] = -chirp_[k / kLanes8].im[k % kLanes8];
  }
  chirpSpectrum_.resize(eighth);
  inner_->ForwardLanes(b, chirpSpectrum_.data(), scratch);
  CombineLanes(chirpSpectrum_.data(), 1.0 / static_cast<double>(m));
}

void ComplexFft::Transform(Complex* data, std::vector<Complex>& work, bool forward) const {
  if (inner_) {
    Bluestein(data, forward);
    return;
  }
  if (work.size() < 2 * n_) work.resize(2 * n_);
  // In place: an odd pass count would end in the scratch buffer, so start from a copy instead.
  if (passes_.size() % 2 == 1) {
    std::copy(data, data + n_, work.data() + n_);
    MixedRadix<Complex>(work.data() + n_, data, work.data(), forward);
  } else {
    MixedRadix<Complex>(data, data, work.data(), forward);
  }
}

void ComplexFft::ForwardLanes(const LaneComplex* in, LaneComplex* out, LaneComplex* scratch) const {
  MixedRadix(in, out, scratch, true);
}

void ComplexFft::ForwardLanes(const LaneComplex8* in, LaneComplex8* out, LaneComplex8* scratch) const {
  MixedRadix(in, out, scratch, true);
}

void ComplexFft::BackwardLanes(const LaneComplex8* in, LaneComplex8* out, LaneComplex8* scratch) const {
  MixedRadix(in, out, scratch, false);
}

// Ping-pongs between `out` and `scratch`, starting where the pass count makes the last pass land in
// `out`. With in == out the pass count must be even (the first pass reads all of `in` before the
// second writes it).
template <typename T>
void ComplexFft::MixedRadix(const T* in, T* out, T* scratch, bool forward) const {
  if (passes_.empty()) {
    if (in != out) std::copy(in, in + n_, out);
    return;
  }
  const T* from = in;
  T* to = passes_.size() % 2 == 1 ? out : scratch;
  for (const Pass& p : passes_) {
    if (forward) {
      RunPass<true>(p, from, to);
    } else {
      RunPass<false>(p, from, to);
    }
    from = to;
    to = to == out ? scratch : out;
  }
}

template <bool F, typename T>
void ComplexFft::RunPass(const Pass& p, const T* from, T* to) {
  const auto* wa = [&p] {
    if constexpr (std::is_same_v<T, LaneComplex8>) {
      return p.twiddle8.data();
    } else {
      return p.twiddle.data();
    }
  }();
  switch (p.radix) {
    case 2:
      Pass2<F>(p.ido, p.l1, from, to, wa);
      break;
    case 3:
      Pass3<F>(p.ido, p.l1, from, to, wa);
      break;
    case 4:
      Pass4<F>(p.ido, p.l1, from, to, wa);
      break;
    case 5:
      Pass5<F>(p.ido, p.l1, from, to, wa);
      break;
    case 8:
      Pass8<F>(p.ido, p.l1, from, to, wa);
      break;
    default:
      PassGeneric<F>(p.radix, p.ido, p.l1, from, to, wa, p.roots.data());
  }
}

namespace {

typedef float Float4 __attribute__((vector_size(16)));

// Eight consecutive complex values (double) as one float32 lane vector, and back. Built from two
// 4-lane halves: SSE-sized vectors, so no 32-byte vector crosses a function boundary (-Wpsabi).
inline LaneComplex8 LoadLanes8(const Complex* p) {
  Float4 part[4];  // re low, re high, im low, im high
  for (std::size_t half = 0; half < 2; ++half) {
    Lane4 lo, hi;
    std::memcpy(&lo, reinterpret_cast<const double*>(p + 4 * half), sizeof lo);
    std::memcpy(&hi, reinterpret_cast<const double*>(p + 4 * half + 2), sizeof hi);
    part[half] = __builtin_convertvector(SERKIT_SHUFFLE(lo, hi, 0, 2, 4, 6), Float4);
    part[2 + half] = __builtin_convertvector(SERKIT_SHUFFLE(lo, hi, 1, 3, 5, 7), Float4);
  }
  LaneComplex8 v;
  std::memcpy(&v.re, &part[0], sizeof v.re);
  std::memcpy(&v.im, &part[2], sizeof v.im);
  return v;
}
inline void StoreLanes8(Complex* p, const LaneComplex8& v) {
  Float4 part[4];
  std::memcpy(&part[0], &v.re, sizeof v.re);
  std::memcpy(&part[2], &v.im, sizeof v.im);
  for (std::size_t half = 0; half < 2; ++half) {
    const Lane4 re = __builtin_convertvector(part[half], Lane4), im = __builtin_convertvector(part[2 + half], Lane4);
    const Lane4 lo = SERKIT_SHUFFLE(re, im, 0, 4, 1, 5), hi = SERKIT_SHUFFLE(re, im, 2, 6, 3, 7);
    // std::complex<double> is array-compatible with double[2] ([complex.numbers]).
    std::memcpy(reinterpret_cast<double*>(p + 4 * half), &lo, sizeof lo);
    std::memcpy(reinterpret_cast<double*>(p + 4 * half + 2), &hi, sizeof hi);
  }
}

// The 8-point DFT across the lanes of v, forward (W_8 = exp(-i pi / 4)) or backward (its
// conjugate): three radix-2 steps (decimation in frequency) on lane halves, quarters and pairs,
// then the bit-reversed lane order undone.
template <bool F>
inline LaneComplex8 DftAcrossLanes8(const LaneComplex8& v) {
  constexpr float c = 0.70710678118654752440f, s = F ? -1.0f : 1.0f;
  // Lanes 0-3: v_l + v_{l+4}; lanes 4-7: (v_l - v_{l+4}) W_8^l.
  const LaneComplex8 p = {SERKIT_SHUFFLE8(v.re, v.re, 4, 5, 6, 7, 0, 1, 2, 3),
                          SERKIT_SHUFFLE8(v.im, v.im, 4, 5, 6, 7, 0, 1, 2, 3)};
  const LaneComplex8 sum = v + p, difference = p - v;
  const LaneComplex8 u = MulLanes({SERKIT_SHUFFLE8(sum.re, difference.re, 0, 1, 2, 3, 12, 13, 14, 15),
                                   SERKIT_SHUFFLE8(sum.im, difference.im, 0, 1, 2, 3, 12, 13, 14, 15)},
                                  {Lane8{1, 1, 1, 1, 1, c, 0, -c}, Lane8{0, 0, 0, 0, 0, s * c, s, s * c}});
  // Within each half: lanes 0-1: u_l + u_{l+2}; lanes 2-3: (u_l - u_{l+2}) W_4^l.
  const LaneComplex8 q = {SERKIT_SHUFFLE8(u.re, u.re, 2, 3, 0, 1, 6, 7, 4, 5),
                          SERKIT_SHUFFLE8(u.im, u.im, 2, 3, 0, 1, 6, 7, 4, 5)};
  const LaneComplex8 sum2 = u + q, difference2 = q - u;
  const LaneComplex8 w = MulLanes({SERKIT_SHUFFLE8(sum2.re, difference2.re, 0, 1, 10, 11, 4, 5, 14, 15),
                                   SERKIT_SHUFFLE8(sum2.im, difference2.im, 0, 1, 10, 11, 4, 5, 14, 15)},
                                  {Lane8{1, 1, 1, 0, 1, 1, 1, 0}, Lane8{0, 0, 0, s, 0, 0, 0, s}});
  // Within each pair: (a + b, a - b).
  const LaneComplex8 r = {SERKIT_SHUFFLE8(w.re, w.re, 1, 0, 3, 2, 5, 4, 7, 6),
                          SERKIT_SHUFFLE8(w.im, w.im, 1, 0, 3, 2, 5, 4, 7, 6)};
  const LaneComplex8 sum3 = w + r, difference3 = r - w;
  const LaneComplex8 x = {SERKIT_SHUFFLE8(sum3.re, difference3.re, 0, 9, 2, 11, 4, 13, 6, 15),
                          SERKIT_SHUFFLE8(sum3.im, difference3.im, 0, 9, 2, 11, 4, 13, 6, 15)};
  // Output q sits in lane bitreverse(q).
  return {SERKIT_SHUFFLE8(x.re, x.re, 0, 4, 2, 6, 1, 5, 3, 7), SERKIT_SHUFFLE8(x.im, x.im, 0, 4, 2, 6, 1, 5, 3, 7)};
}

inline void TransposeComplex8(LaneComplex8* v) {
  Lane8 re[8], im[8];
  for (std::size_t i = 0; i < 8; ++i) {
    re[i] = v[i].re;
    im[i] = v[i].im;
  }
  Transpose8(re);
  Transpose8(im);
  for (std::size_t i = 0; i < 8; ++i) v[i] = {re[i], im[i]};
}
}  // namespace

std::size_t ComplexFft::TransposedRows() const { return inner_->size() / kLanes8 * kLanes8; }

void ComplexFft::CombineLanes(LaneComplex8* a, double scale) const {
  // X[k + L q] = sum_l W_8^{l q} (W_M^{l k} F_l[k]). Eight rows k at a time: transposed, the sum
  // over l is a radix-8 butterfly of whole vectors.
  const LaneComplex8* twiddle = outerTwiddle_->data();
  const std::size_t blocked = TransposedRows();
  for (std::size_t k = 0; k < blocked; k += kLanes8) {
    LaneComplex8 v[kLanes8];
    for (std::size_t r = 0; r < kLanes8; ++r) v[r] = MulLanes(a[k + r], twiddle[k + r]);
    TransposeComplex8(v);
    Butterfly8<true>(v, 1, a + k);
    for (std::size_t q = 0; q < kLanes8; ++q) a[k + q] = Scale(a[k + q], scale);
  }
  for (std::size_t k = blocked; k < inner_->size(); ++k)
    a[k] = Scale(DftAcrossLanes8<true>(MulLanes(a[k], twiddle[k])), scale);
}

// Bluestein: X[k] = w_k sum_j (x_j w_j) conj(w_{k-j}), the sum a circular convolution of M points
// done as forward FFT, product with the chirp's spectrum, backward FFT. Both M-point FFTs are eight
// L-point float32 lane FFTs plus one radix-8 step, and the steps between them are fused into one
// loop. float32 as scipy.signal.resample's FFT of float32 audio (librosa's res_type="fft"):
// against the double transform it moves a resampled RAVDESS clip by ~3e-7 of its peak.
void ComplexFft::Bluestein(Complex* data, bool forward) const {
  const std::size_t eighth = inner_->size();
  const Scratch<LaneComplex8, 1> buffers(3 * eighth);
  LaneComplex8* a = buffers.data();
  LaneComplex8* b = a + eighth;
  LaneComplex8* scratch = b + eighth;
  // Backward = conj(forward(conj(x))). a[j] lane l = x[8j + l] w[8j + l] (inputs_ of them).
  const std::size_t whole = inputs_ / kLanes8;
  for (std::size_t j = 0; j < whole; ++j) {
    const LaneComplex8 x = LoadLanes8(data + kLanes8 * j);
    a[j] = MulLanes(forward ? x : ConjLanes(x), chirp_[j]);
  }
  std::fill(a + whole, a + eighth, LaneComplex8{});
  for (std::size_t t = kLanes8 * whole; t < inputs_; ++t) {
    const Complex x = forward ? data[t] : std::conj(data[t]);
    SetLane(a[whole], t % kLanes8, Mul(x, LaneAt(chirp_[whole], t % kLanes8)));
  }
  Convolve(a, b, scratch);
  const std::size_t wholeOut = outputs_ / kLanes8;
  for (std::size_t j = 0; j < wholeOut; ++j) {
    const LaneComplex8 v = MulLanes(a[j], chirp_[j]);
    StoreLanes8(data + kLanes8 * j, forward ? v : ConjLanes(v));
  }
  for (std::size_t t = kLanes8 * wholeOut; t < outputs_; ++t) {
    const Complex v = Mul(LaneAt(a[wholeOut], t % kLanes8), LaneAt(chirp_[wholeOut], t % kLanes8));
    data[t] = forward ? v : std::conj(v);
  }
}

void ComplexFft::ForwardChirped(LaneComplex8* a) const {
  const std::size_t eighth = inner_->size();
  const Scratch<LaneComplex8, 5> buffers(2 * eighth);
  const std::size_t in = (inputs_ + kLanes8 - 1) / kLanes8, out = (outputs_ + kLanes8 - 1) / kLanes8;
  for (std::size_t j = 0; j < in; ++j) a[j] = MulLanes(a[j], chirp_[j]);
  Convolve(a, buffers.data(), buffers.data() + eighth);
  for (std::size_t j = 0; j < out; ++j) a[j] = MulLanes(a[j], chirp_[j]);
}

void ComplexFft::Convolve(LaneComplex8* a, LaneComplex8* b, LaneComplex8* scratch) const {
  const std::size_t eighth = inner_->size();
  inner_->ForwardLanes(a, b, scratch);
  // Forward radix-8 step (as CombineLanes), times the chirp spectrum, then the backward radix-8
  // step: Z_l[k] = conj(W_M^{l k}) sum_q W_8^{-q l} Y[k + L q]. Blocks of eight rows as butterflies
  // of transposed vectors (the spectrum is stored transposed), the rest lane by lane.
  const LaneComplex8* twiddle = outerTwiddle_->data();
  const std::size_t blocked = TransposedRows();
  for (std::size_t k = 0; k < blocked; k += kLanes8) {
    LaneComplex8 v[kLanes8], y[kLanes8];
    for (std::size_t r = 0; r < kLanes8; ++r) v[r] = MulLanes(b[k + r], twiddle[k + r]);
    TransposeComplex8(v);
    Butterfly8<true>(v, 1, y);
    for (std::size_t q = 0; q < kLanes8; ++q) y[q] = MulLanes(y[q], chirpSpectrum_[k + q]);
    Butterfly8<false>(y, 1, v);
    TransposeComplex8(v);
    for (std::size_t r = 0; r < kLanes8; ++r) b[k + r] = MulLanes(v[r], ConjLanes(twiddle[k + r]));
  }
  for (std::size_t k = blocked; k < eighth; ++k) {
    const LaneComplex8 y = MulLanes(DftAcrossLanes8<true>(MulLanes(b[k], twiddle[k])), chirpSpectrum_[k]);
    b[k] = MulLanes(DftAcrossLanes8<false>(y), ConjLanes(twiddle[k]));
  }
  // z[8j + l] = backward L-point FFT of lane l, at j.
  inner_->BackwardLanes(b, a, scratch);
}

struct RealFft::HalfPlans {
  std::once_flag forwardOnce, inverseOnce;
  std::unique_ptr<const ComplexFft> forward, inverse;
};

RealFft::~RealFft() = default;

RealFft::RealFft(std::size_t n) : n_(n) {
  if (n == 0) throw std::invalid_argument("FFT length must be >= 1");
  if (n % 2 == 0) {
    complex_ = GetComplexFft(n / 2);
    twiddle_.resize(n / 2 + 1);
    const RootTable roots(n);
    for (std::size_t k = 0; k <= n / 2; ++k) twiddle_[k] = roots(k);
    twiddle8_.assign(twiddle_.begin(), twiddle_.end());
    return;
  }
  const std::vector<std::size_t> factors = Factorize(n);
  std::size_t largest = 1;
  for (std::size_t f : factors) largest = f > largest ? f : largest;
  if (largest > kMaxDirectPrime) {
    // Real input, half the spectrum out (or in): Bluestein over M >= 3n/2 instead of 2n.
    half_ = std::make_unique<HalfPlans>();
  } else {
    complex_ = GetComplexFft(n);
  }
}

const ComplexFft* RealFft::HalfPlan(bool forward) const {
  const std::size_t bins = n_ / 2 + 1;
  if (forward) {
    std::call_once(half_->forwardOnce, [&] { half_->forward = std::make_unique<const ComplexFft>(n_, n_, bins); });
    return half_->forward.get();
  }
  std::call_once(half_->inverseOnce, [&] { half_->inverse = std::make_unique<const ComplexFft>(n_, bins, n_); });
  return half_->inverse.get();
}

void RealFft::Forward(const double* x, Complex* out, std::vector<Complex>& work) const {
  if (n_ % 2 == 1) {
    const Scratch<Complex, 2> buffer(n_);
    Complex* full = buffer.data();
    for (std::size_t i = 0; i < n_; ++i) full[i] = Complex(x[i], 0);
    // The half plan writes only the bins.
    (half_ ? HalfPlan(true) : complex_.get())->Forward(full, work);
    std::copy(full, full + bins(), out);
    return;
  }
  const std::size_t h = n_ / 2;
  // Pack even/odd samples as one complex sequence; `out` (h + 1 slots) holds it in place.
  for (std::size_t m = 0; m < h; ++m) out[m] = Complex(x[2 * m], x[2 * m + 1]);
  complex_->Forward(out, work);
  const Complex z0 = out[0];
  out[h] = z0;
  for (std::size_t k = 0; k <= h / 2; ++k) {
    const std::size_t j = h - k;
    const Complex zk = out[k], zj = out[j];
    // X[k] = E[k] + w^k O[k] with E = (Z[k] + conj Z[h-k]) / 2, O = -i (Z[k] - conj Z[h-k]) / 2.
    const Complex ek(0.5 * (zk.real() + zj.real()), 0.5 * (zk.imag() - zj.imag()));
    const Complex ok(0.5 * (zk.imag() + zj.imag()), -0.5 * (zk.real() - zj.real()));
    const Complex ej(0.5 * (zj.real() + zk.real()), 0.5 * (zj.imag() - zk.imag()));
    const Complex oj(0.5 * (zj.imag() + zk.imag()), -0.5 * (zj.real() - zk.real()));
    out[k] = ek + Mul(ok, twiddle_[k]);
    out[j] = ej + Mul(oj, twiddle_[j]);
  }
  out[0] = Complex(z0.real() + z0.imag(), 0);
  out[h] = Complex(z0.real() - z0.imag(), 0);
}

void RealFft::ForwardPackedLanes(const LaneComplex* packed, LaneComplex* out, LaneComplex* scratch) const {
  const std::size_t h = n_ / 2;
  complex_->ForwardLanes(packed, out, scratch);
  const LaneComplex z0 = out[0];
  out[h] = z0;
  // The same split as Forward, lane by lane.
  for (std::size_t k = 0; k <= h / 2; ++k) {
    const std::size_t j = h - k;
    const LaneComplex zk = out[k], zj = out[j];
    const LaneComplex ek = {0.5 * (zk.re + zj.re), 0.5 * (zk.im - zj.im)};
    const LaneComplex ok = {0.5 * (zk.im + zj.im), -0.5 * (zk.re - zj.re)};
    const LaneComplex ej = {0.5 * (zj.re + zk.re), 0.5 * (zj.im - zk.im)};
    const LaneComplex oj = {0.5 * (zj.im + zk.im), -0.5 * (zj.re - zk.re)};
    out[k] = ek + Mul(ok, twiddle_[k]);
    out[j] = ej + Mul(oj, twiddle_[j]);
  }
  out[0] = {z0.re + z0.im, z0.re * 0.0};
  out[h] = {z0.re - z0.im, z0.re * 0.0};
}

void RealFft::ForwardPackedLanesPower(const LaneComplex8* packed, Lane8* power, LaneComplex8* z,
                                      LaneComplex8* scratch) const {
  const std::size_t h = n_ / 2;
  complex_->ForwardLanes(packed, z, scratch);
  const LaneComplex8 z0 = z[0];
  // The split of ForwardPackedLanes, bins k and h - k from z[k] and z[h - k]; bin h from z[0].
  // Computed as 2 X (E_j = conj E_k, O_j = conj O_k exactly) and the power scaled by 1/4 (exact).
  for (std::size_t k = 1; k <= h / 2; ++k) {
    const std::size_t j = h - k;
    const LaneComplex8 zk = z[k], zj = z[j];
    const LaneComplex8 ek = {zk.re + zj.re, zk.im - zj.im};
    const LaneComplex8 ok = {zk.im + zj.im, zj.re - zk.re};
    const LaneComplex8 xk = ek + Mul(ok, twiddle8_[k]);
    const LaneComplex8 xj = LaneComplex8{ek.re, -ek.im} + Mul(LaneComplex8{ok.re, -ok.im}, twiddle8_[j]);
    power[k] = 0.25f * (xk.re * xk.re + xk.im * xk.im);
    power[j] = 0.25f * (xj.re * xj.re + xj.im * xj.im);
  }
  const Lane8 sum = z0.re + z0.im, difference = z0.re - z0.im;
  power[0] = sum * sum;
  power[h] = difference * difference;
}

void RealFft::Inverse(const Complex* in, double* x, std::vector<Complex>& work) const {
  const double scale = 1.0 / static_cast<double>(n_);
  const Scratch<Complex, 3> buffer(n_ % 2 == 1 ? n_ : n_ / 2);
  Complex* z = buffer.data();
  if (n_ % 2 == 1 && half_) {
    // x[m] = Re(sum_{k <= n/2} c_k exp(2 pi i k m / n)) / n with c_0 = Re X_0, c_k = 2 X_k: the
    // conjugate half of the Hermitian spectrum folded in; the half plan reads only the bins.
    z[0] = Complex(in[0].real(), 0);
    for (std::size_t k = 1; k < bins(); ++k) z[k] = Complex(2.0 * in[k].real(), 2.0 * in[k].imag());
    HalfPlan(false)->Backward(z, work);
    for (std::size_t i = 0; i < n_; ++i) x[i] = z[i].real() * scale;
    return;
  }
  if (n_ % 2 == 1) {
    z[0] = Complex(in[0].real(), 0);
    for (std::size_t k = 1; k < bins(); ++k) {
      z[k] = in[k];
      z[n_ - k] = std::conj(in[k]);
    }
    complex_->Backward(z, work);
    for (std::size_t i = 0; i < n_; ++i) x[i] = z[i].real() * scale;
    return;
  }
  const std::size_t h = n_ / 2;
  for (std::size_t k = 0; k < h; ++k) {
    // Bins 0 and h are real by definition (their imaginary parts are dropped, as numpy does).
    const Complex xk = k == 0 ? Complex(in[0].real(), 0) : in[k];
    const Complex xj = k == 0 ? Complex(in[h].real(), 0) : in[h - k];
    const Complex e = 0.5 * (xk + std::conj(xj));
    const Complex o = Mul(0.5 * (xk - std::conj(xj)), std::conj(twiddle_[k]));
    z[k] = e + Complex(-o.imag(), o.real());  // E + i O
  }
  complex_->Backward(z, work);
  const double s2 = 2.0 * scale;
  for (std::size_t m = 0; m < h; ++m) {
    x[2 * m] = z[m].real() * s2;
    x[2 * m + 1] = z[m].imag() * s2;
  }
}

void RealFft::InverseLanes(LaneComplex8* in, float* x, LaneComplex8* work) const {
  const std::size_t h = n_ / 2;
  const float s2 = static_cast<float>(2.0 / static_cast<double>(n_));
  const Lane8 zero = {};
  in[0].im = zero;  // bins 0 and h are real by definition, as in Inverse
  in[h].im = zero;
  // z[k] = E + i O as in Inverse, in place: pairs (k, h - k) are read before either is written.
  for (std::size_t k = 0; k <= h / 2; ++k) {
    const std::size_t j = h - k;
    const LaneComplex8 xk = in[k], xj = in[j];
    const LaneComplex8 ek = {0.5f * (xk.re + xj.re), 0.5f * (xk.im - xj.im)};
    const LaneComplex8 dk = {0.5f * (xk.re - xj.re), 0.5f * (xk.im + xj.im)};
    const LaneComplex8 ok = Mul(dk, std::conj(twiddle8_[k]));
    const LaneComplex8 ej = {0.5f * (xj.re + xk.re), 0.5f * (xj.im - xk.im)};
    const LaneComplex8 dj = {0.5f * (xj.re - xk.re), 0.5f * (xj.im + xk.im)};
    const LaneComplex8 oj = Mul(dj, std::conj(twiddle8_[j]));
    in[k] = {ek.re - ok.im, ek.im + ok.re};
    if (j < h) in[j] = {ej.re - oj.im, ej.im + oj.re};
  }
  LaneComplex8* z = work;
  complex_->BackwardLanes(in, z, work + h);
  for (std::size_t m = 0; m < h; ++m) {
    const Lane8 re = z[m].re * s2, im = z[m].im * s2;
    std::memcpy(x + (2 * m) * kLanes8, &re, sizeof re);
    std::memcpy(x + (2 * m + 1) * kLanes8, &im, sizeof im);
  }
}

namespace {
template <typename Plan>
class PlanCache {
 public:
  explicit PlanCache(std::size_t capacity) : capacity_(capacity) {}
  std::shared_ptr<const Plan> Get(std::size_t n) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = index_.find(n);
      if (it != index_.end()) {
        order_.splice(order_.begin(), order_, it->second);
        return it->second->second;
      }
    }
    // Built outside the lock: a Bluestein plan asks the cache for its inner plan.
    auto plan = std::make_shared<const Plan>(n);
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = index_.find(n);
    if (it != index_.end()) return it->second->second;
    order_.emplace_front(n, plan);
    index_[n] = order_.begin();
    if (order_.size() > capacity_) {
      index_.erase(order_.back().first);
      order_.pop_back();
    }
    return plan;
  }

 private:
  std::size_t capacity_;
  std::mutex mutex_;
  std::list<std::pair<std::size_t, std::shared_ptr<const Plan>>> order_;
  std::unordered_map<std::size_t, typename decltype(order_)::iterator> index_;
};
}  // namespace

// Smooth-length plans (STFT sizes, Bluestein's inner transforms) are reused across a corpus; the
// Bluestein plans of clip lengths rarely are and weigh ~60 bytes per point: separate caches, so a
// stream of distinct clip lengths cannot evict the plans that every clip needs.
std::shared_ptr<const ComplexFft> GetComplexFft(std::size_t n) {
  static PlanCache<ComplexFft> smooth(48), chirped(8);
  const std::vector<std::size_t> factors = Factorize(n == 0 ? 1 : n);
  return (factors.empty() ? 1 : factors.back()) > kMaxDirectPrime ? chirped.Get(n) : smooth.Get(n);
}

namespace {
std::shared_ptr<const std::vector<LaneComplex8>> GetOuterTwiddles(std::size_t eighth) {
  static PlanCache<OuterTwiddles> cache(48);
  const std::shared_ptr<const OuterTwiddles> twiddles = cache.Get(eighth);
  return {twiddles, &twiddles->values};
}
}  // namespace

std::shared_ptr<const RealFft> GetRealFft(std::size_t n) {
  static PlanCache<RealFft> cache(16);
  return cache.Get(n);
}

}  // namespace serkit::dsp
