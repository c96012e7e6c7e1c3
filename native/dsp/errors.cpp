#include "dsp/errors.h"

#include <cstdint>
#include <cstdio>
#include <cstring>

namespace serkit::dsp {
// An exponent-bits test with no early exit, so it vectorises (these scans run over every signal
// several times per featurisation).
bool AllFinite(const float* y, std::size_t n) {
  std::uint32_t special = 0;
  for (std::size_t i = 0; i < n; ++i) {
    std::uint32_t bits;
    std::memcpy(&bits, y + i, sizeof bits);
    special |= static_cast<std::uint32_t>((bits & 0x7f800000u) == 0x7f800000u);
  }
  return special == 0;
}

std::string FormatNumber(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.10g", v);
  return buffer;
}

void RequireFiniteResult(const std::vector<float>& values, const char* input) {
  RequireFiniteResult(values.data(), values.size(), input);
}

void RequireFiniteResult(const float* values, std::size_t n, const char* input) {
  if (AllFinite(values, n)) return;
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(values[i])) {
      throw DspError(ErrorKind::kRange, "INVALID_AUDIO", input,
                     "values are too large: the result overflows 32-bit floats (scale the samples to [-1, 1])");
    }
  }
}

void RequireSignal(const float* y, std::size_t n, const char* input, std::size_t minLength) {
  if (n < minLength) {
    throw DspError(ErrorKind::kRange, "INVALID_AUDIO", input,
                   "needs at least " + std::to_string(minLength) + " samples, got " + std::to_string(n));
  }
  if (n > kMaxSamples) {
    throw DspError(ErrorKind::kRange, "INVALID_AUDIO", input,
                   "has " + std::to_string(n) + " samples, more than the limit " + std::to_string(kMaxSamples));
  }
  if (AllFinite(y, n)) return;
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(y[i])) {
      throw DspError(ErrorKind::kRange, "INVALID_AUDIO", input,
                     "sample " + std::to_string(i) + " is " + (std::isnan(y[i]) ? "NaN" : "infinite"));
    }
  }
}

}  // namespace serkit::dsp
