#pragma once
// Single-precision GEMM on row-major matrices: C = alpha * op(A) * op(B) + beta * C.
// Uses cblas_sgemm from the BLAS CMake found (OpenBLAS, Accelerate) and portable loops otherwise.
#include <cstddef>

namespace serkit::kernels {
void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha, const float* a, int lda, const float* b, int ldb,
           float beta, float* c, int ldc);

// "openblas", "blas" or "portable": which implementation Sgemm runs, for reports and benchmarks.
const char* GemmImplementation();

// OpenBLAS's thread count (its default: one per core); other implementations report 1 and ignore it.
int SetGemmThreads(int threads);
int GemmThreads();
}  // namespace serkit::kernels
