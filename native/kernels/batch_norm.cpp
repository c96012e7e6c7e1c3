#include "kernels/batch_norm.h"

#include <climits>
#include <cmath>
#include <vector>

#include "kernels/args.h"

namespace serkit::kernels {
namespace {

struct Shape {
  size_t rows, channels;
};

// rows x channels of x (at info[xIndex]) from its length and the channel count at info[channelsIndex].
Shape ShapeOf(const Napi::CallbackInfo& info, size_t xIndex, size_t channelsIndex) {
  const size_t channels = static_cast<size_t>(IntArg(info, channelsIndex, "channels", 1, INT_MAX));
  if (xIndex >= info.Length() || !info[xIndex].IsTypedArray()) {
    throw Napi::TypeError::New(info.Env(), "x: expected a Float32Array");
  }
  const size_t length = info[xIndex].As<Napi::TypedArray>().ElementLength();
  if (length % channels != 0) {
    throw Napi::RangeError::New(info.Env(), "x: " + std::to_string(length) + " values are not rows of " +
                                                std::to_string(channels) + " channels");
  }
  if (length == 0) throw Napi::RangeError::New(info.Env(), "x: no rows to normalise");
  return {length / channels, channels};
}

double EpsilonArg(const Napi::CallbackInfo& info, size_t index) {
  const double epsilon = NumberArg(info, index, "epsilon");
  if (!(epsilon >= 0 && std::isfinite(epsilon))) throw Napi::RangeError::New(info.Env(), "epsilon: expected a number >= 0");
  return epsilon;
}

// 1 / sqrt(variance + epsilon) per channel, as tfjs's rsqrt(variance + epsilon) in float32.
std::vector<float> InverseStd(const float* variance, size_t channels, double epsilon) {
  std::vector<float> inv(channels);
  for (size_t c = 0; c < channels; ++c) inv[c] = 1.0f / std::sqrt(variance[c] + static_cast<float>(epsilon));
  return inv;
}

Napi::Array Triple(Napi::Env env, Napi::Float32Array a, Napi::Float32Array b, Napi::Float32Array c) {
  Napi::Array out = Napi::Array::New(env, 3);
  out.Set(0u, a);
  out.Set(1u, b);
  out.Set(2u, c);
  return out;
}

}  // namespace

Napi::Value BatchNorm(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const auto [rows, channels] = ShapeOf(info, 0, 3);
  const float* x = Float32Arg(info, 0, "x", rows * channels);
  const float* gamma = Float32Arg(info, 1, "gamma", channels);
  const float* beta = Float32Arg(info, 2, "beta", channels);
  const double epsilon = EpsilonArg(info, 4);

  // Mean, then the mean squared deviation from it (tf.moments' two steps), accumulated in double.
  std::vector<double> sum(channels, 0.0), squares(channels, 0.0);
  for (size_t r = 0; r < rows; ++r) {
    const float* row = x + r * channels;
    for (size_t c = 0; c < channels; ++c) sum[c] += row[c];
  }
  auto meanArray = Napi::Float32Array::New(env, channels);
  float* mean = meanArray.Data();
  for (size_t c = 0; c < channels; ++c) mean[c] = static_cast<float>(sum[c] / static_cast<double>(rows));
  for (size_t r = 0; r < rows; ++r) {
    const float* row = x + r * channels;
    for (size_t c = 0; c < channels; ++c) {
      const double d = row[c] - mean[c];
      squares[c] += d * d;
    }
  }
  auto varianceArray = Napi::Float32Array::New(env, channels);
  float* variance = varianceArray.Data();
  for (size_t c = 0; c < channels; ++c) variance[c] = static_cast<float>(squares[c] / static_cast<double>(rows));

  const std::vector<float> inv = InverseStd(variance, channels, epsilon);
  std::vector<float> scale(channels);
  for (size_t c = 0; c < channels; ++c) scale[c] = inv[c] * gamma[c];
  auto y = Napi::Float32Array::New(env, rows * channels);
  float* out = y.Data();
  for (size_t r = 0; r < rows; ++r) {
    const float* row = x + r * channels;
    float* dst = out + r * channels;
    for (size_t c = 0; c < channels; ++c) dst[c] = (row[c] - mean[c]) * scale[c] + beta[c];
  }
  return Triple(env, y, meanArray, varianceArray);
}

Napi::Value BatchNormGrad(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const auto [rows, channels] = ShapeOf(info, 1, 5);
  const float* dy = Float32Arg(info, 0, "dy", rows * channels);
  const float* x = Float32Arg(info, 1, "x", rows * channels);
  const float* gamma = Float32Arg(info, 2, "gamma", channels);
  const float* mean = Float32Arg(info, 3, "mean", channels);
  const float* variance = Float32Arg(info, 4, "variance", channels);
  const std::vector<float> inv = InverseStd(variance, channels, EpsilonArg(info, 6));

  // With xhat = (x - mean) * inv: dbeta = sum dy, dgamma = sum dy * xhat, and
  // dx = gamma * inv * (dy - dbeta / N - xhat * dgamma / N) (the mean and variance depend on x too).
  std::vector<double> dySum(channels, 0.0), dyCentred(channels, 0.0);
  for (size_t r = 0; r < rows; ++r) {
    const float* g = dy + r * channels;
    const float* row = x + r * channels;
    for (size_t c = 0; c < channels; ++c) {
      dySum[c] += g[c];
      dyCentred[c] += static_cast<double>(g[c]) * (row[c] - mean[c]);
    }
  }
  auto dgammaArray = Napi::Float32Array::New(env, channels);
  auto dbetaArray = Napi::Float32Array::New(env, channels);
  float* dgamma = dgammaArray.Data();
  float* dbeta = dbetaArray.Data();
  const double n = static_cast<double>(rows);
  std::vector<float> scale(channels), shift(channels), slope(channels);
  for (size_t c = 0; c < channels; ++c) {
    dbeta[c] = static_cast<float>(dySum[c]);
    dgamma[c] = static_cast<float>(dyCentred[c] * inv[c]);
    // dx = scale * dy - shift - slope * (x - mean)
    scale[c] = gamma[c] * inv[c];
    shift[c] = static_cast<float>(scale[c] * dySum[c] / n);
    slope[c] = static_cast<float>(scale[c] * static_cast<double>(inv[c]) * inv[c] * dyCentred[c] / n);
  }
  auto dx = Napi::Float32Array::New(env, rows * channels);
  float* out = dx.Data();
  for (size_t r = 0; r < rows; ++r) {
    const float* g = dy + r * channels;
    const float* row = x + r * channels;
    float* dst = out + r * channels;
    for (size_t c = 0; c < channels; ++c) dst[c] = scale[c] * g[c] - shift[c] - slope[c] * (row[c] - mean[c]);
  }
  return Triple(env, dx, dgammaArray, dbetaArray);
}

}  // namespace serkit::kernels
