#pragma once
#include <napi.h>

namespace serkit::kernels {
// reduce(op, x, outer, mid, inner) -> Float32Array(outer * inner): x viewed as [outer, mid, inner],
// summed ("sum") or averaged ("mean") over mid, accumulating in double like tfjs's cpu kernels.
// Any reduction over a contiguous run of axes has this form (e.g. batch norm's over N, H, W).
Napi::Value Reduce(const Napi::CallbackInfo& info);

// maxPoolGrad(dy, x, dims) -> dx: the gradient of max pooling on NHWC (dims as in conv_dims.h):
// each window's dy goes to its first maximum, as in tfjs's cpu kernel.
Napi::Value MaxPoolGrad(const Napi::CallbackInfo& info);

// maxPool(x, dims) -> y: max pooling on NHWC (NaN for a window without a number, as tfjs).
Napi::Value MaxPool(const Napi::CallbackInfo& info);

// tile(x, shape, reps) -> x repeated reps[d] times along each dim d (tfjs's Tile).
Napi::Value Tile(const Napi::CallbackInfo& info);
}  // namespace serkit::kernels
