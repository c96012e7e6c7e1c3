// Shared by the libFuzzer targets: draws DSP parameters and samples from the fuzz input, with a
// share of absurd values (NaN, infinities, zero, huge) that the DSP must reject with DspError.
#pragma once
#include <fuzzer/FuzzedDataProvider.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <vector>

#include "dsp/errors.h"

namespace serkit::fuzz {

// A number in [lo, hi] most of the time, an absurd one otherwise.
inline double Number(FuzzedDataProvider& in, double lo, double hi) {
  if (in.ConsumeIntegralInRange<int>(0, 15) == 0) {
    const double absurd[] = {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
                             -std::numeric_limits<double>::infinity(), 0.0, -1.0, 1e300, -1e300, 1e-300, 4294967296.0};
    return absurd[in.ConsumeIntegralInRange<std::size_t>(0, sizeof absurd / sizeof absurd[0] - 1)];
  }
  return in.ConsumeFloatingPointInRange<double>(lo, hi);
}

// An integer in [lo, hi], occasionally 0 or a huge value.
inline std::size_t Size(FuzzedDataProvider& in, std::size_t lo, std::size_t hi) {
  const int pick = in.ConsumeIntegralInRange<int>(0, 31);
  if (pick == 0) return 0;
  // Huge values are all past the DSP's limits (valid but huge work would only slow the fuzzer).
  if (pick == 1) return std::size_t{1} << in.ConsumeIntegralInRange<int>(28, 40);
  return in.ConsumeIntegralInRange<std::size_t>(lo, hi);
}

// Up to `maxLength` samples: smooth signals, noise, or raw bytes (NaN/Inf included).
inline std::vector<float> Samples(FuzzedDataProvider& in, std::size_t maxLength) {
  const std::size_t n = in.ConsumeIntegralInRange<std::size_t>(0, maxLength);
  std::vector<float> y(n);
  const int kind = in.ConsumeIntegralInRange<int>(0, 3);
  if (kind == 0) {
    const std::vector<uint8_t> raw = in.ConsumeBytes<uint8_t>(n * sizeof(float));
    if (!raw.empty()) std::memcpy(y.data(), raw.data(), raw.size());
  } else {
    const double f = in.ConsumeFloatingPointInRange<double>(0.0001, 0.5), a = in.ConsumeFloatingPointInRange<double>(0, 2);
    unsigned seed = in.ConsumeIntegral<unsigned>();
    for (std::size_t i = 0; i < n; ++i) {
      seed = seed * 1664525u + 1013904223u;
      const double noise = (seed >> 8) / 16777216.0 - 0.5;
      y[i] = static_cast<float>(kind == 1 ? a * std::sin(f * double(i)) : kind == 2 ? a * noise : (i % 7 == 0 ? a : 0));
    }
  }
  return y;
}

// Runs `body`; the DSP's own errors are expected, anything else is a finding.
template <typename Body>
void Expect(Body body) {
  try {
    body();
  } catch (const serkit::dsp::DspError&) {
  } catch (const std::bad_alloc&) {
  }
}

}  // namespace serkit::fuzz
