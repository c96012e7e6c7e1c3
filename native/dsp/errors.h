// Errors thrown by the pure C++ DSP entry points. The Node-API layer turns them into JS TypeError
// (wrong kind of value) or RangeError (value out of range, bad samples) carrying `input` and `reason`.
#pragma once
#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace serkit::dsp {

enum class ErrorKind { kType, kRange };

class DspError : public std::runtime_error {
 public:
  DspError(ErrorKind kind, std::string code, std::string input, std::string reason)
      : std::runtime_error(input + ": " + reason),
        kind_(kind),
        code_(std::move(code)),
        input_(std::move(input)),
        reason_(std::move(reason)) {}
  ErrorKind kind() const { return kind_; }
  // The SerkitError code the TS side maps this to ('INVALID_ARGUMENT' or 'INVALID_AUDIO').
  const std::string& code() const { return code_; }
  const std::string& input() const { return input_; }
  const std::string& reason() const { return reason_; }

 private:
  ErrorKind kind_;
  std::string code_, input_, reason_;
};

// Largest signal any entry point accepts or produces: 2^27 samples (50 min at 44.1 kHz), as the TS core.
constexpr std::size_t kMaxSamples = std::size_t{1} << 27;
// Shortest signal: 2 samples, as the TS core.
constexpr std::size_t kMinSamples = 2;
// Most STFT input one call may transform (frames x nFft): 2^32, an hour at 48 kHz with hop 128.
constexpr double kMaxStftWork = 4294967296.0;
// Largest FFT size, as the TS core: 2^20.
constexpr std::size_t kMaxFft = std::size_t{1} << 20;

inline void Require(bool ok, const char* input, const std::string& reason) {
  if (!ok) throw DspError(ErrorKind::kRange, "INVALID_ARGUMENT", input, reason);
}
// For checks inside loops: no string is built unless the check fails.
inline void Require(bool ok, const char* input, const char* reason) {
  if (!ok) throw DspError(ErrorKind::kRange, "INVALID_ARGUMENT", input, reason);
}

// A number as people write it (2048, 0.5, 1e-10), for messages.
std::string FormatNumber(double v);

// A finite number in [lo, hi].
inline void RequireFinite(double v, const char* input, double lo, double hi) {
  Require(std::isfinite(v) && v >= lo && v <= hi, input,
          "must be a finite number in [" + FormatNumber(lo) + ", " + FormatNumber(hi) + "], got " +
              FormatNumber(v));
}

// True when every value is finite (vectorised; no early exit).
bool AllFinite(const float* values, std::size_t n);

// Finite samples can still be large enough (~1e30) for a result to overflow float32: refuse to return
// infinities or NaN, as the TS core refuses NaN input.
void RequireFiniteResult(const std::vector<float>& values, const char* input);
void RequireFiniteResult(const float* values, std::size_t n, const char* input);

// Samples: non-empty, not absurdly long, all finite.
void RequireSignal(const float* y, std::size_t n, const char* input, std::size_t minLength = kMinSamples);

}  // namespace serkit::dsp
