// Batch normalisation in training mode, forward and backward, over `rows x channels` values
// (channels last: NHWC flattened): what tfjs-layers' BatchNormalization does in training with
// tf.moments + tf.batchNorm and their gradients, in two passes each way instead of about twenty
// full-size tensor operations.
#pragma once
#include <napi.h>

namespace serkit::kernels {

// batchNorm(x, gamma, beta, channels, epsilon) -> [y, mean, variance]: per channel the mean and
// population variance over the rows, y = (x - mean) / sqrt(variance + epsilon) * gamma + beta.
Napi::Value BatchNorm(const Napi::CallbackInfo& info);

// batchNormGrad(dy, x, gamma, mean, variance, channels, epsilon) -> [dx, dgamma, dbeta]: the
// gradient of y above with respect to x (through the batch mean and variance too), gamma and beta.
Napi::Value BatchNormGrad(const Napi::CallbackInfo& info);

}  // namespace serkit::kernels
