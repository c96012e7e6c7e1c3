#pragma once
// What tfjs fuses after a matrix product or convolution: a bias added to every output row, then an
// activation. Read from the kernel's trailing arguments (bias | null, activation, alpha).
#include <napi.h>

#include <cstddef>

#include "kernels/activation.h"

namespace serkit::kernels {

struct Epilogue {
  const float* bias = nullptr;
  size_t biasLength = 0;  // 1 (one value for all) or the row length
  Activation activation = Activation::kLinear;
  float alpha = 0.0f;

  // Reads bias (index), activation (index + 1) and alpha (index + 2) for rows of `n` values.
  static Epilogue Read(const Napi::CallbackInfo& info, size_t index, int n);

  // Applies it to `rows` rows of `n` values at `c`.
  void Apply(float* c, size_t rows, int n) const;
};

}  // namespace serkit::kernels
