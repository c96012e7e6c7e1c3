#pragma once
// The activations tfjs fuses into _FusedMatMul, with the same formulas as its cpu kernels.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

namespace serkit::kernels {

enum class Activation { kLinear, kRelu, kRelu6, kElu, kLeakyRelu, kSigmoid };

// Parses a tfjs activation name; returns false when it is not one of the above (e.g. prelu).
inline bool ParseActivation(const std::string& name, Activation* out) {
  if (name == "linear" || name.empty()) *out = Activation::kLinear;
  else if (name == "relu") *out = Activation::kRelu;
  else if (name == "relu6") *out = Activation::kRelu6;
  else if (name == "elu") *out = Activation::kElu;
  else if (name == "leakyrelu") *out = Activation::kLeakyRelu;
  else if (name == "sigmoid") *out = Activation::kSigmoid;
  else return false;
  return true;
}

inline float Sigmoid(float x) { return 1.0f / (1.0f + std::exp(-x)); }

// exp without branches or calls, so loops over it vectorise: Cephes' expf range reduction and
// polynomial (relative error ~2e-7), inputs clamped to the finite float range.
#if defined(__GNUC__)
#define SERKIT_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define SERKIT_ALWAYS_INLINE inline
#endif

SERKIT_ALWAYS_INLINE float FastExp(float x) {
  x = x < -87.0f ? -87.0f : x;
  x = x > 88.0f ? 88.0f : x;
  // Round to nearest with the 1.5 * 2^23 trick: no branch, no call (valid without -ffast-math).
  const float nf = (x * 1.44269504088896341f + 12582912.0f) - 12582912.0f;
  const int n = static_cast<int>(nf);
  const float r = (x - nf * 0.693359375f) + nf * 2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  const int bits = (n + 127) << 23;
  float scale;
  std::memcpy(&scale, &bits, sizeof scale);
  return p * scale;
}

SERKIT_ALWAYS_INLINE float FastSigmoid(float x) { return 1.0f / (1.0f + FastExp(-x)); }

// tanh(x) = 1 - 2 / (exp(2x) + 1); absolute error ~2e-7 (not relative near 0, which the LSTM does not need).
SERKIT_ALWAYS_INLINE float FastTanh(float x) { return 1.0f - 2.0f / (FastExp(2.0f * x) + 1.0f); }

// tfjs layers' hardSigmoid: clip(0.2 * x + 0.5, 0, 1).
inline float HardSigmoid(float x) {
  const float y = 0.2f * x + 0.5f;
  return y < 0.0f ? 0.0f : (y > 1.0f ? 1.0f : y);
}

inline void ApplyActivation(Activation activation, float alpha, float* values, size_t count) {
  switch (activation) {
    case Activation::kLinear:
      return;
    case Activation::kRelu:
      for (size_t i = 0; i < count; ++i) values[i] = values[i] < 0.0f ? 0.0f : values[i];
      return;
    case Activation::kRelu6:
      for (size_t i = 0; i < count; ++i) values[i] = std::fmin(std::fmax(values[i], 0.0f), 6.0f);
      return;
    case Activation::kElu:
      for (size_t i = 0; i < count; ++i) values[i] = values[i] >= 0.0f ? values[i] : std::exp(values[i]) - 1.0f;
      return;
    case Activation::kLeakyRelu:
      for (size_t i = 0; i < count; ++i) values[i] = values[i] < 0.0f ? alpha * values[i] : values[i];
      return;
    case Activation::kSigmoid:
      for (size_t i = 0; i < count; ++i) values[i] = Sigmoid(values[i]);
      return;
  }
}

}  // namespace serkit::kernels
