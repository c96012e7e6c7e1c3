#pragma once
#include <napi.h>

namespace serkit::kernels {
// 2-D convolution on NHWC tensors as im2col + GEMM, one image at a time (bounded scratch memory).
// `dims` is [batch, inH, inW, inC, outH, outW, outC, filterH, filterW, strideH, strideW,
// dilationH, dilationW, padTop, padLeft], as tfjs's computeConv2DInfo gives them; the filter is
// tfjs's [filterH, filterW, inC, outC].
//
// conv2d(x, filter, dims) -> y [batch, outH, outW, outC]
Napi::Value Conv2D(const Napi::CallbackInfo& info);
// fusedConv2d(x, filter, dims, bias | null, activation, alpha) -> y: conv2d with tfjs's FusedConv2D
// epilogue (bias of 1 or outC values, then a fused activation name as for matMul).
Napi::Value FusedConv2D(const Napi::CallbackInfo& info);
// conv2dBackpropInput(dy, filter, dims) -> dx [batch, inH, inW, inC]
Napi::Value Conv2DBackpropInput(const Napi::CallbackInfo& info);
// conv2dBackpropFilter(x, dy, dims) -> dFilter [filterH, filterW, inC, outC]
Napi::Value Conv2DBackpropFilter(const Napi::CallbackInfo& info);
}  // namespace serkit::kernels
