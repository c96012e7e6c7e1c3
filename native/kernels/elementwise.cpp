#include "kernels/elementwise.h"

#include <climits>
#include <cmath>
#include <string>

#include "kernels/activation.h"
#include "kernels/args.h"

namespace serkit::kernels {
namespace {

// out[i] = f(a[i % aLen], b[i % bLen]) where aLen and bLen each divide n. The common shapes (same
// size, a scalar, a repeated row) get plain loops over contiguous blocks, which the compiler vectorises.
template <typename F>
void Broadcast(const float* a, size_t aLen, const float* b, size_t bLen, float* out, size_t n, F f) {
  if (aLen == n && bLen == n) {
    for (size_t i = 0; i < n; ++i) out[i] = f(a[i], b[i]);
  } else if (aLen == n && bLen == 1) {
    const float s = b[0];
    for (size_t i = 0; i < n; ++i) out[i] = f(a[i], s);
  } else if (bLen == n && aLen == 1) {
    const float s = a[0];
    for (size_t i = 0; i < n; ++i) out[i] = f(s, b[i]);
  } else if (aLen == n) {
    for (size_t r = 0; r < n; r += bLen)
      for (size_t j = 0; j < bLen; ++j) out[r + j] = f(a[r + j], b[j]);
  } else if (bLen == n) {
    for (size_t r = 0; r < n; r += aLen)
      for (size_t j = 0; j < aLen; ++j) out[r + j] = f(a[j], b[r + j]);
  } else {
    for (size_t i = 0; i < n; ++i) out[i] = f(a[i % aLen], b[i % bLen]);
  }
}

template <typename F>
void Map(const float* x, float* out, size_t n, F f) {
  for (size_t i = 0; i < n; ++i) out[i] = f(x[i]);
}

size_t BlockLength(const Napi::CallbackInfo& info, size_t index, const char* name, size_t n) {
  if (index >= info.Length() || !info[index].IsTypedArray()) {
    throw Napi::TypeError::New(info.Env(), std::string(name) + ": expected a Float32Array");
  }
  const size_t len = info[index].As<Napi::TypedArray>().ElementLength();
  if (len == 0 ? n != 0 : n % len != 0) {
    throw Napi::RangeError::New(info.Env(), std::string(name) + ": " + std::to_string(len) +
                                                " values do not repeat evenly into " + std::to_string(n));
  }
  return len;
}

}  // namespace

Napi::Value Binary(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::string op = StringArg(info, 0, "op");
  const size_t n = static_cast<size_t>(IntArg(info, 3, "outSize", 0, INT_MAX));
  const size_t aLen = BlockLength(info, 1, "a", n);
  const size_t bLen = BlockLength(info, 2, "b", n);
  const float* a = Float32Arg(info, 1, "a", aLen);
  const float* b = Float32Arg(info, 2, "b", bLen);
  auto out = Napi::Float32Array::New(env, n);
  float* o = out.Data();
  if (n == 0) return out;
  if (op == "add") Broadcast(a, aLen, b, bLen, o, n, [](float x, float y) { return x + y; });
  else if (op == "sub") Broadcast(a, aLen, b, bLen, o, n, [](float x, float y) { return x - y; });
  else if (op == "mul") Broadcast(a, aLen, b, bLen, o, n, [](float x, float y) { return x * y; });
  else if (op == "div") Broadcast(a, aLen, b, bLen, o, n, [](float x, float y) { return x / y; });
  else if (op == "squaredDifference") Broadcast(a, aLen, b, bLen, o, n, [](float x, float y) { return (x - y) * (x - y); });
  // tfjs's cpu Maximum/Minimum: NaN when either is NaN.
  else if (op == "maximum") Broadcast(a, aLen, b, bLen, o, n, [](float x, float y) { return std::isnan(x) || std::isnan(y) ? NAN : (x > y ? x : y); });
  else if (op == "minimum") Broadcast(a, aLen, b, bLen, o, n, [](float x, float y) { return std::isnan(x) || std::isnan(y) ? NAN : (x < y ? x : y); });
  else throw Napi::RangeError::New(env, "op: unknown binary op '" + op + "'");
  return out;
}

Napi::Value Unary(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::string op = StringArg(info, 0, "op");
  if (info.Length() < 2 || !info[1].IsTypedArray()) throw Napi::TypeError::New(env, "x: expected a Float32Array");
  const size_t n = info[1].As<Napi::TypedArray>().ElementLength();
  const float* x = Float32Arg(info, 1, "x", n);
  auto out = Napi::Float32Array::New(env, n);
  float* o = out.Data();
  if (op == "sqrt") Map(x, o, n, [](float v) { return std::sqrt(v); });
  else if (op == "square") Map(x, o, n, [](float v) { return v * v; });
  else if (op == "neg") Map(x, o, n, [](float v) { return -v; });
  else if (op == "exp") Map(x, o, n, [](float v) { return std::exp(v); });
  else if (op == "relu") Map(x, o, n, [](float v) { return v < 0.0f ? 0.0f : v; });
  else if (op == "sigmoid") Map(x, o, n, [](float v) { return Sigmoid(v); });
  else if (op == "tanh") Map(x, o, n, [](float v) { return std::tanh(v); });
  else if (op == "step") {
    // tfjs's Step (the gradient mask of relu): 1 above 0, alpha otherwise, NaN stays NaN.
    const float alpha = info.Length() > 2 ? static_cast<float>(NumberArg(info, 2, "alpha")) : 0.0f;
    Map(x, o, n, [alpha](float v) { return std::isnan(v) ? v : (v > 0.0f ? 1.0f : alpha); });
  }
  else throw Napi::RangeError::New(env, "op: unknown unary op '" + op + "'");
  return out;
}

}  // namespace serkit::kernels
