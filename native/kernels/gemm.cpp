#include "kernels/gemm.h"

#include <vector>

#ifdef SERKIT_HAVE_BLAS
#ifdef __APPLE__
#include <Accelerate/Accelerate.h>
#else
#include <cblas.h>
#endif
#endif

namespace serkit::kernels {

#ifdef SERKIT_HAVE_BLAS
void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha, const float* a, int lda, const float* b, int ldb,
           float beta, float* c, int ldc) {
  if (m == 0 || n == 0) return;
  cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans, m, n, k, alpha, a,
              lda, b, ldb, beta, c, ldc);
}

const char* GemmImplementation() {
#ifdef OPENBLAS_VERSION
  return "openblas";
#else
  return "blas";
#endif
}
#else
// Portable fallback: i-p-j loop order so the innermost loop runs over contiguous rows of B and C
// (the compiler vectorises it); a transposed B is packed once so that holds for it too.
void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha, const float* a, int lda, const float* b, int ldb,
           float beta, float* c, int ldc) {
  if (m == 0 || n == 0) return;
  std::vector<float> packed;
  const float* bRows = b;
  int bStride = ldb;
  if (transB) {
    packed.resize(static_cast<size_t>(k) * n);
    for (int j = 0; j < n; ++j)
      for (int p = 0; p < k; ++p) packed[static_cast<size_t>(p) * n + j] = b[static_cast<size_t>(j) * ldb + p];
    bRows = packed.data();
    bStride = n;
  }
  for (int i = 0; i < m; ++i) {
    float* cRow = c + static_cast<size_t>(i) * ldc;
    if (beta == 0.0f) {
      for (int j = 0; j < n; ++j) cRow[j] = 0.0f;
    } else if (beta != 1.0f) {
      for (int j = 0; j < n; ++j) cRow[j] *= beta;
    }
    for (int p = 0; p < k; ++p) {
      const float aip = alpha * (transA ? a[static_cast<size_t>(p) * lda + i] : a[static_cast<size_t>(i) * lda + p]);
      if (aip == 0.0f) continue;
      const float* bRow = bRows + static_cast<size_t>(p) * bStride;
      for (int j = 0; j < n; ++j) cRow[j] += aip * bRow[j];
    }
  }
}

const char* GemmImplementation() { return "portable"; }
#endif

#if defined(SERKIT_HAVE_BLAS) && defined(OPENBLAS_VERSION)
int SetGemmThreads(int threads) {
  openblas_set_num_threads(threads);
  return openblas_get_num_threads();
}
int GemmThreads() { return openblas_get_num_threads(); }
#else
// The portable loops are single-threaded; another BLAS keeps its own setting.
int SetGemmThreads(int) { return GemmThreads(); }
int GemmThreads() { return 1; }
#endif

}  // namespace serkit::kernels
