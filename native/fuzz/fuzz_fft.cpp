// libFuzzer target: complex and real FFTs of any length against their inverses and a direct DFT.
// Mixed-radix lengths run in double (errors ~1e-15); lengths with a large prime factor go through
// Bluestein's convolution in float32 (errors ~1e-7 of the signal), so they get a float32 bound.
#include <complex>
#include <cstring>

#include "dsp/fft.h"
#include "fuzz_common.h"

using serkit::dsp::Complex;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const std::size_t n = in.ConsumeIntegralInRange<std::size_t>(1, 3000);
  std::vector<Complex> x(n);
  for (Complex& v : x) v = Complex(in.ConsumeFloatingPointInRange<double>(-1, 1), in.ConsumeFloatingPointInRange<double>(-1, 1));
  std::vector<Complex> work;

  const auto plan = serkit::dsp::GetComplexFft(n);
  // SupportsLanes: a mixed-radix plan (Bluestein's have no lane transforms).
  const double tolerance = plan->SupportsLanes() ? 1e-9 : 1e-5;
  std::vector<Complex> y = x;
  plan->Forward(y.data(), work);
  // One bin against the direct DFT.
  const std::size_t k = in.ConsumeIntegralInRange<std::size_t>(0, n - 1);
  Complex direct(0, 0);
  double norm = 0;
  for (std::size_t j = 0; j < n; ++j) {
    const double angle = -2.0 * 3.141592653589793 * double((k * j) % n) / double(n);
    direct += x[j] * Complex(std::cos(angle), std::sin(angle));
    norm += std::norm(x[j]);
  }
  if (std::abs(direct - y[k]) > tolerance * (1 + std::sqrt(norm * double(n)))) std::abort();
  plan->Backward(y.data(), work);
  for (std::size_t j = 0; j < n; ++j)
    if (std::abs(y[j] / double(n) - x[j]) > tolerance) std::abort();

  std::vector<double> real(n), back(n);
  for (std::size_t j = 0; j < n; ++j) real[j] = x[j].real();
  const auto rplan = serkit::dsp::GetRealFft(n);
  // An even length packs into a complex FFT of half the length.
  const double realTolerance = serkit::dsp::GetComplexFft(n % 2 == 0 ? n / 2 : n)->SupportsLanes() ? 1e-9 : 1e-5;
  std::vector<Complex> bins(n / 2 + 1);
  rplan->Forward(real.data(), bins.data(), work);
  rplan->Inverse(bins.data(), back.data(), work);
  for (std::size_t j = 0; j < n; ++j)
    if (std::abs(back[j] - real[j]) > realTolerance) std::abort();
  return 0;
}
