#pragma once
// The activations tfjs fuses into _FusedMatMul, with the same formulas as its cpu kernels.
#include <cmath>
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
