#include "kernels/matmul.h"

#include <algorithm>
#include <climits>

#include "kernels/args.h"
#include "kernels/epilogue.h"
#include "kernels/gemm.h"

namespace serkit::kernels {

Napi::Value MatMul(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const int batchA = IntArg(info, 2, "batchA", 1, INT_MAX);
  const int batchB = IntArg(info, 3, "batchB", 1, INT_MAX);
  const int m = IntArg(info, 4, "m", 0, INT_MAX);
  const int k = IntArg(info, 5, "k", 0, INT_MAX);
  const int n = IntArg(info, 6, "n", 0, INT_MAX);
  const bool transposeA = BoolArg(info, 7, "transposeA");
  const bool transposeB = BoolArg(info, 8, "transposeB");
  if (batchA != batchB && batchA != 1 && batchB != 1) {
    throw Napi::RangeError::New(env, "batchA/batchB: batches must be equal or one of them 1");
  }
  const float* a = Float32Arg(info, 0, "a", CheckedSize(env, {batchA, m, k}));
  const float* b = Float32Arg(info, 1, "b", CheckedSize(env, {batchB, k, n}));
  const Epilogue epilogue = Epilogue::Read(info, 9, n);

  const int batch = std::max(batchA, batchB);
  const size_t outSize = CheckedSize(env, {batch, m, n});
  auto out = Napi::Float32Array::New(env, outSize);
  float* c = out.Data();
  const size_t aStride = batchA == 1 ? 0 : static_cast<size_t>(m) * k;
  const size_t bStride = batchB == 1 ? 0 : static_cast<size_t>(k) * n;
  const size_t cStride = static_cast<size_t>(m) * n;
  const int lda = transposeA ? m : k;
  const int ldb = transposeB ? k : n;
  // A broadcast b with a plain a folds the batch into the rows: one large GEMM instead of many small ones.
  if (batchB == 1 && !transposeA && batch > 1) {
    Sgemm(false, transposeB, batch * m, n, k, 1.0f, a, lda, b, ldb, 0.0f, c, n);
  } else {
    for (int i = 0; i < batch; ++i) {
      Sgemm(transposeA, transposeB, m, n, k, 1.0f, a + i * aStride, lda, b + i * bStride, ldb, 0.0f, c + i * cStride,
            n);
    }
  }
  if (k == 0) std::fill(c, c + outSize, 0.0f);  // some BLAS leave C untouched when k is 0
  epilogue.Apply(c, outSize / std::max(n, 1), n);
  return out;
}

}  // namespace serkit::kernels
