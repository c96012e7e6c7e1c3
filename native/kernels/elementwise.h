#pragma once
#include <napi.h>

namespace serkit::kernels {
// binary(op, a, b, outSize) -> Float32Array(outSize) for op in "add" | "sub" | "mul" | "div" |
// "squaredDifference" | "maximum" | "minimum". a and b each hold a number of values that divides
// outSize and repeat along the output: all of it, 1 value (a scalar), or the trailing dims (a row, e.g. a bias).
// tfjs's cpu kernels take a slow per-element index path for any broadcast, and Adam multiplies
// every weight by scalars: this is what makes them cheap.
Napi::Value Binary(const Napi::CallbackInfo& info);

// unary(op, x, alpha?) -> Float32Array for op in "sqrt" | "square" | "neg" | "exp" | "relu" |
// "sigmoid" | "tanh" | "step" (alpha: Step's value at and below 0, default 0).
Napi::Value Unary(const Napi::CallbackInfo& info);
}  // namespace serkit::kernels
