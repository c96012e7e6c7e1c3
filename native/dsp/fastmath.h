// Branch-free double-precision sine/cosine and atan2 for the phase vocoder, written so that the
// compiler vectorises the loops that call them (libm's are scalar calls and took most of a time
// stretch). fdlibm's kernels and constants, within an ulp or two of libm: the vocoder rounds every
// result to float32, as librosa does, so the two agree except in the rarest rounding ties.
#pragma once
#include <cmath>
#include <cstdint>
#include <cstring>

namespace serkit::dsp::fastmath {

// Round half to even (as nearbyint in the default rounding mode) for |v| < 2^51, by adding and
// removing 1.5 * 2^52; unlike nearbyint it vectorises.
inline double RoundEven(double v) {
  constexpr double kMagic = 6755399441055744.0;
  return (v + kMagic) - kMagic;
}

// Phases up to 2^20 rad (the vocoder's accumulated phases stay far below): the quadrant count times
// the 33-bit parts of pi/2 is then exact.
constexpr double kSinCosLimit = 1048576.0;

// sin and cos of x, |x| <= kSinCosLimit.
inline void SinCos(double x, double& s, double& c) {
  constexpr double kInvPio2 = 6.36619772367581382433e-01;
  constexpr double kPio2_1 = 1.57079632673412561417e+00, kPio2_2 = 6.07710050630396597660e-11,
                   kPio2_3 = 2.02226624871116645580e-21;
  const double q = RoundEven(x * kInvPio2);
  const double r = ((x - q * kPio2_1) - q * kPio2_2) - q * kPio2_3;
  const double z = r * r;
  // __kernel_sin and __kernel_cos (FreeBSD msun), tail y = 0.
  const double sp = 8.33333333332248946124e-03 +
                    z * (-1.98412698298579493134e-04 +
                         z * (2.75573137070700676789e-06 + z * (-2.50507602534068634195e-08 + z * 1.58969099521155010221e-10)));
  const double sr = r + (z * r) * (-1.66666666666666324348e-01 + z * sp);
  const double cp = z * (4.16666666666666019037e-02 +
                         z * (-1.38888888888741095749e-03 +
                              z * (2.48015872894767294178e-05 +
                                   z * (-2.75573143513906633035e-07 +
                                        z * (2.08757232129817482790e-09 + z * -1.13596475577881948265e-11)))));
  const double hz = 0.5 * z, w = 1.0 - hz;
  const double cr = w + (((1.0 - w) - hz) + z * cp);
  // Quadrant q mod 4, as an exact double in {0, 1, 2, 3}.
  const double quadrant = q - 4.0 * RoundEven(q * 0.25 - 0.375);  // floor(q / 4) for integer q
  const bool odd = quadrant == 1.0 || quadrant == 3.0;
  const double s0 = odd ? cr : sr, c0 = odd ? sr : cr;
  s = quadrant >= 2.0 ? -s0 : s0;
  c = (quadrant == 1.0 || quadrant == 2.0) ? -c0 : c0;
}

// atan(u) for u in [0, 1] (fdlibm s_atan.c, its first three intervals).
inline double AtanUnit(double u) {
  const bool small = u < 0.4375, middle = !small & (u < 0.6875);
  const double hi = small ? 0.0 : middle ? 4.63647609000806093515e-01 : 7.85398163397448278999e-01;
  const double lo = small ? 0.0 : middle ? 2.26987774529616870924e-17 : 3.06161699786838301793e-17;
  // Both reductions computed, then chosen: no conditional division, so the loop vectorises.
  const double xm = (2.0 * u - 1.0) / (2.0 + u), xh = (u - 1.0) / (u + 1.0);
  const double x = small ? u : middle ? xm : xh;
  const double z = x * x, w = z * z;
  const double s1 =
      z * (3.33333333333329318027e-01 +
           w * (1.42857142725034663711e-01 +
                w * (9.09088713343650656196e-02 +
                     w * (6.66107313738753120669e-02 + w * (4.97687799461593236017e-02 + w * 1.62858201153657823623e-02)))));
  const double s2 = w * (-1.99999999998764832476e-01 +
                         w * (-1.11111104054623557880e-01 +
                              w * (-7.69187620504482999495e-02 + w * (-5.83357013379057348645e-02 + w * -3.65315727442169155270e-02))));
  return small ? x - x * (s1 + s2) : hi - ((x * (s1 + s2) - lo) - x);
}

// atan2(y, x) for finite x and y, signed zeros as IEEE 754 (atan2(+0, -0) = pi, ...).
inline double Atan2(double y, double x) {
  constexpr double kPio2Hi = 1.57079632679489655800e+00, kPio2Lo = 6.12323399573676603587e-17;
  constexpr double kPiHi = 3.1415926535897931160e+00, kPiLo = 1.2246467991473531772e-16;
  const double ax = std::fabs(x), ay = std::fabs(y);
  const bool steep = ay > ax;
  const double num = steep ? ax : ay, den = steep ? ay : ax;
  const double u = num / (den == 0.0 ? 1.0 : den);  // den == 0 means num == 0 too
  const double t = AtanUnit(u);
  const double a = steep ? kPio2Hi - (t - kPio2Lo) : t;
  // std::signbit(x), as a bit test: the call keeps GCC 12 from vectorising the loops using Atan2.
  std::uint64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  const double b = (bits >> 63) != 0 ? kPiHi - (a - kPiLo) : a;
  return std::copysign(b, y);
}

// log10 of a positive normal float32 in float32 arithmetic, within an ulp (FreeBSD msun's
// e_log10f.c and k_logf.h): eight lanes per vector where Log10Normal has four, and a float division.
inline float Log10NormalFloat(float x) {
  std::uint32_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  std::int32_t e = static_cast<std::int32_t>(bits >> 23) - 127;
  std::uint32_t mantissaBits = bits & 0x007fffffu;
  // m in [sqrt(1/2), sqrt(2)): x = 2^e m.
  const bool high = mantissaBits > 0x3504f3u;
  mantissaBits |= high ? 0x3f000000u : 0x3f800000u;
  e += high ? 1 : 0;
  float m;
  std::memcpy(&m, &mantissaBits, sizeof m);
  const float f = m - 1.0f, hfsq = 0.5f * f * f, s = f / (2.0f + f), z = s * s, w = z * z;
  const float t1 = w * (0.40000972152f + w * 0.24279078841f), t2 = z * (0.66666662693f + w * 0.28498786688f);
  const float r = s * (hfsq + (t2 + t1));  // k_log1pf: log(m) = f - hfsq + r
  // hi + lo = f - hfsq + r with hi's low 12 bits cleared, so hi times the high parts of the
  // constants is exact.
  float hi = f - hfsq;
  std::uint32_t hiBits;
  std::memcpy(&hiBits, &hi, sizeof hiBits);
  hiBits &= 0xfffff000u;
  std::memcpy(&hi, &hiBits, sizeof hi);
  const float lo = (f - hi) - hfsq + r, y = static_cast<float>(e);
  constexpr float kInvLn10Hi = 4.3432617188e-01f, kInvLn10Lo = -3.1689971365e-05f;
  constexpr float kLog10Of2Hi = 3.0102920532e-01f, kLog10Of2Lo = 7.9034151668e-07f;
  const float y2 = y * kLog10Of2Hi;
  float high10 = hi * kInvLn10Hi, low10 = y * kLog10Of2Lo + (lo + hi) * kInvLn10Lo + lo * kInvLn10Hi;
  const float sum = y2 + high10;
  low10 += (y2 - sum) + high10;
  high10 = sum;
  return low10 + high10;
}

// Natural log of a positive normal double (fdlibm e_log.c's general path, both of its final
// forms computed and one chosen): within an ulp of libm, and a loop of them vectorises.
inline double LogNormal(double x) {
  constexpr double kLn2Hi = 6.93147180369123816490e-01, kLn2Lo = 1.90821492927058770002e-10;
  std::uint64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  std::int32_t hx = static_cast<std::int32_t>(bits >> 32);
  std::int32_t k = (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const std::int32_t i = (hx + 0x95f64) & 0x100000;
  // The mantissa scaled into [sqrt(2)/2, sqrt(2)).
  const std::uint64_t scaled = (static_cast<std::uint64_t>(static_cast<std::uint32_t>(hx | (i ^ 0x3ff00000))) << 32) |
                               (bits & 0xffffffffu);
  double m;
  std::memcpy(&m, &scaled, sizeof m);
  k += i >> 20;
  const double f = m - 1.0, s = f / (2.0 + f), dk = static_cast<double>(k), z = s * s, w = z * z;
  const double t1 = w * (3.999999999940941908e-01 + w * (2.222219843214978396e-01 + w * 1.531383769920937332e-01));
  const double t2 = z * (6.666666666666735130e-01 +
                         w * (2.857142874366239149e-01 + w * (1.818357216161805012e-01 + w * 1.479819860511658591e-01)));
  const double r = t2 + t1;
  const bool wide = ((hx - 0x6147a) | (0x6b851 - hx)) > 0;
  const double hfsq = 0.5 * f * f;
  const double a = dk * kLn2Hi - ((hfsq - (s * (hfsq + r) + dk * kLn2Lo)) - f);
  const double b = dk * kLn2Hi - ((s * (f - r) - dk * kLn2Lo) - f);
  return wide ? a : b;
}

}  // namespace serkit::dsp::fastmath
