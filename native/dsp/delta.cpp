#include "dsp/delta.h"

#include <cmath>
#include <vector>

#include "dsp/errors.h"

namespace serkit::dsp {
namespace {

// Savitzky-Golay weights c[j] for positions j - h (h = width/2): out[t] = sum_j c[j] x[t + j - h].
// Minimum-norm solution of A c = e_order * order!, A[p][j] = (j - h)^p, p <= polyorder = order.
std::vector<double> SavgolWeights(std::size_t width, std::size_t order) {
  const std::size_t rows = order + 1, h = width / 2;
  std::vector<double> a(rows * width);
  for (std::size_t p = 0; p < rows; ++p)
    for (std::size_t j = 0; j < width; ++j) a[p * width + j] = std::pow(double(j) - double(h), double(p));
  // Solve (A A^T) z = rhs, then c = A^T z (Gauss-Jordan with partial pivoting; rows <= 8).
  std::vector<double> g(rows * (rows + 1), 0.0);
  for (std::size_t p = 0; p < rows; ++p) {
    for (std::size_t q = 0; q < rows; ++q) {
      double s = 0;
      for (std::size_t j = 0; j < width; ++j) s += a[p * width + j] * a[q * width + j];
      g[p * (rows + 1) + q] = s;
    }
  }
  double factorial = 1;
  for (std::size_t i = 2; i <= order; ++i) factorial *= double(i);
  g[order * (rows + 1) + rows] = factorial;
  for (std::size_t col = 0; col < rows; ++col) {
    std::size_t pivot = col;
    for (std::size_t r = col + 1; r < rows; ++r)
      if (std::abs(g[r * (rows + 1) + col]) > std::abs(g[pivot * (rows + 1) + col])) pivot = r;
    for (std::size_t c = 0; c <= rows; ++c) std::swap(g[col * (rows + 1) + c], g[pivot * (rows + 1) + c]);
    const double d = g[col * (rows + 1) + col];
    for (std::size_t c = 0; c <= rows; ++c) g[col * (rows + 1) + c] /= d;
    for (std::size_t r = 0; r < rows; ++r) {
      if (r == col) continue;
      const double f = g[r * (rows + 1) + col];
      for (std::size_t c = 0; c <= rows; ++c) g[r * (rows + 1) + c] -= f * g[col * (rows + 1) + c];
    }
  }
  std::vector<double> weights(width, 0.0);
  for (std::size_t j = 0; j < width; ++j)
    for (std::size_t p = 0; p < rows; ++p) weights[j] += a[p * width + j] * g[p * (rows + 1) + rows];
  return weights;
}

// Index into [0, n) for scipy.ndimage's boundary modes; -1 means the constant 0.
std::ptrdiff_t Boundary(std::ptrdiff_t i, std::ptrdiff_t n, DeltaMode mode) {
  if (i >= 0 && i < n) return i;
  switch (mode) {
    case DeltaMode::kNearest:
      return i < 0 ? 0 : n - 1;
    case DeltaMode::kWrap:
      return ((i % n) + n) % n;
    case DeltaMode::kMirror: {
      if (n == 1) return 0;
      const std::ptrdiff_t period = 2 * (n - 1);
      std::ptrdiff_t j = ((i % period) + period) % period;
      return j >= n ? period - j : j;
    }
    default:
      return -1;
  }
}

}  // namespace

Matrix Delta(const Matrix& data, const DeltaOptions& o) {
  Require(o.width >= 3 && o.width % 2 == 1 && o.width <= 1001, "width", "must be an odd integer in [3, 1001]");
  Require(o.order >= 1 && o.order < o.width && o.order <= 7, "order", "must be an integer in [1, min(7, width - 1)]");
  const std::size_t frames = data.cols;
  Require(data.rows >= 1 && frames >= 1, "data", "must not be empty");
  if (o.mode == DeltaMode::kInterp)
    Require(frames >= o.width, "data",
            "has " + std::to_string(frames) + " frames; mode 'interp' needs at least width=" + std::to_string(o.width));
  for (float v : data.data) Require(std::isfinite(v), "data", "must hold finite values");
  const std::vector<double> c = SavgolWeights(o.width, o.order);
  const std::ptrdiff_t h = std::ptrdiff_t(o.width / 2), n = std::ptrdiff_t(frames);
  Matrix out;
  out.rows = data.rows;
  out.cols = frames;
  out.data.resize(data.data.size());
  for (std::size_t r = 0; r < data.rows; ++r) {
    const float* x = data.data.data() + r * frames;
    float* y = out.data.data() + r * frames;
    for (std::ptrdiff_t t = 0; t < n; ++t) {
      // 'interp' fits a polynomial of degree `order` to the edge window; its order-th derivative is
      // constant, so every edge frame takes the value of the first (last) full window.
      std::ptrdiff_t centre = t;
      if (o.mode == DeltaMode::kInterp) centre = t < h ? h : (t >= n - h ? n - 1 - h : t);
      double acc = 0;
      for (std::ptrdiff_t j = 0; j < std::ptrdiff_t(o.width); ++j) {
        const std::ptrdiff_t i = Boundary(centre + j - h, n, o.mode);
        if (i >= 0) acc += c[std::size_t(j)] * x[i];
      }
      y[t] = static_cast<float>(acc);
    }
  }
  RequireFiniteResult(out.data, "data");
  return out;
}

}  // namespace serkit::dsp
