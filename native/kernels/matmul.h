#pragma once
#include <napi.h>

namespace serkit::kernels {
// matMul(a, b, batchA, batchB, m, k, n, transposeA, transposeB, bias | null, activation, alpha)
//   -> Float32Array of max(batchA, batchB) * m * n.
// tfjs's BatchMatMul/_FusedMatMul on row-major batches: a is [batchA, m, k] ([batchA, k, m] when
// transposeA), b is [batchB, k, n] ([batchB, n, k] when transposeB); a batch of 1 broadcasts.
// bias holds 1 or n values added to every row; activation is a tfjs fused activation name.
Napi::Value MatMul(const Napi::CallbackInfo& info);
}  // namespace serkit::kernels
