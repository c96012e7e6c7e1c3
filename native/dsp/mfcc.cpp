#include "dsp/mfcc.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>
#include <tuple>
#include <vector>

#include "dsp/errors.h"
#include "dsp/fft.h"
#include "dsp/scratch.h"

namespace serkit::dsp {

namespace {
// scipy.fftpack.dct(type=2): 2 * sum x[n] cos(pi k (2n + 1) / 2N); 'ortho' scales row 0 by
// sqrt(1 / 4N) and the others by sqrt(1 / 2N). The lifter is folded into the rows. Cached: a corpus
// asks for the same basis for every clip.
std::shared_ptr<const std::vector<double>> DctBasis(std::size_t nMels, const MfccOptions& o) {
  static std::mutex mutex;
  static std::vector<std::tuple<std::size_t, std::size_t, bool, double, std::shared_ptr<const std::vector<double>>>> recent;
  {
    std::lock_guard<std::mutex> lock(mutex);
    for (const auto& e : recent)
      if (std::get<0>(e) == nMels && std::get<1>(e) == o.nMfcc && std::get<2>(e) == o.orthoNorm && std::get<3>(e) == o.lifter)
        return std::get<4>(e);
  }
  const double pi = 3.14159265358979323846;
  auto basis = std::make_shared<std::vector<double>>(o.nMfcc * nMels);
  for (std::size_t k = 0; k < o.nMfcc; ++k) {
    double scale = 2.0;
    if (o.orthoNorm) scale *= k == 0 ? std::sqrt(1.0 / (4.0 * double(nMels))) : std::sqrt(1.0 / (2.0 * double(nMels)));
    if (o.lifter > 0) scale *= 1.0 + (o.lifter / 2.0) * std::sin(pi * double(k + 1) / o.lifter);
    for (std::size_t m = 0; m < nMels; ++m)
      (*basis)[k * nMels + m] = scale * std::cos(pi * double(k) * double(2 * m + 1) / (2.0 * double(nMels)));
  }
  std::lock_guard<std::mutex> lock(mutex);
  if (recent.size() >= 8) recent.erase(recent.begin());
  recent.emplace_back(nMels, o.nMfcc, o.orthoNorm, o.lifter, basis);
  return basis;
}
}  // namespace

namespace {
// N coefficients (the first N rows of `basis`, nMels each) of frames t .. t+3 of the log-mel, into
// the first N rows of `out`.
template <std::size_t N>
void DctBlock(const float* logMel, std::size_t nMels, std::size_t frames, std::size_t t, const double* basis,
              float* out) {
  typedef float UnalignedFloat4 __attribute__((vector_size(16), aligned(4), may_alias));
  Lane4 acc[N] = {};
  for (std::size_t m = 0; m < nMels; ++m) {
    const Lane4 x = __builtin_convertvector(*reinterpret_cast<const UnalignedFloat4*>(logMel + m * frames + t), Lane4);
    for (std::size_t k = 0; k < N; ++k) acc[k] += basis[k * nMels + m] * x;
  }
  for (std::size_t k = 0; k < N; ++k)
    for (std::size_t l = 0; l < kLanes; ++l) out[k * frames + t + l] = static_cast<float>(acc[k][l]);
}

// The DCT of a finite `nMels x frames` log-mel spectrogram (options validated).
Matrix Dct(const float* logMel, std::size_t nMels, std::size_t frames, const MfccOptions& o) {
  const std::shared_ptr<const std::vector<double>> basis = DctBasis(nMels, o);
  Matrix out;
  out.rows = o.nMfcc;
  out.cols = frames;
  out.data.assign(out.rows * frames, 0.0f);
  const double* b = basis->data();
  // Four frames at a time, a block of coefficients held in registers (the block size a constant, so
  // the accumulators stay in registers): the log-mel is read once per block instead of once per
  // coefficient. Each value is the same sum, in the same order (bands ascending, in double), as the
  // plain triple loop that finishes the last frames.
  std::size_t t = 0;
  for (; t + kLanes <= frames; t += kLanes) {
    std::size_t k = 0;
    for (; k + 12 <= o.nMfcc; k += 12) DctBlock<12>(logMel, nMels, frames, t, b + k * nMels, out.data.data() + k * frames);
    for (; k + 4 <= o.nMfcc; k += 4) DctBlock<4>(logMel, nMels, frames, t, b + k * nMels, out.data.data() + k * frames);
    for (; k < o.nMfcc; ++k) DctBlock<1>(logMel, nMels, frames, t, b + k * nMels, out.data.data() + k * frames);
  }
  for (; t < frames; ++t) {
    for (std::size_t k = 0; k < o.nMfcc; ++k) {
      double acc = 0;
      for (std::size_t m = 0; m < nMels; ++m) acc += b[k * nMels + m] * logMel[m * frames + t];
      out.data[k * frames + t] = static_cast<float>(acc);
    }
  }
  RequireFiniteResult(out.data, "logMel");
  return out;
}
}  // namespace

Matrix MfccFromLogMel(const Matrix& logMel, const MfccOptions& o) {
  const std::size_t nMels = logMel.rows, frames = logMel.cols;
  Require(nMels >= 1, "logMel", "must have at least one row");
  Require(o.nMfcc >= 1 && o.nMfcc <= nMels, "nMfcc",
          "must be an integer in [1, nMels=" + std::to_string(nMels) + "], got " + std::to_string(o.nMfcc));
  RequireFinite(o.lifter, "lifter", 0, 1e6);
  for (float v : logMel.data) Require(std::isfinite(v), "logMel", "must hold finite values");
  return Dct(logMel.data.data(), nMels, frames, o);
}

Matrix MfccFromSignal(const float* y, std::size_t n, const StftOptions& stft, double power, const MelOptions& mel,
                      const PowerToDbOptions& db, const MfccOptions& mfcc) {
  Require(mfcc.nMfcc >= 1 && mfcc.nMfcc <= mel.nMels, "nMfcc",
          "must be an integer in [1, nMels=" + std::to_string(mel.nMels) + "], got " + std::to_string(mfcc.nMfcc));
  // MelFromSignal -> PowerToDb -> MfccFromLogMel with the same checks in the same order, through
  // one per-thread buffer (no intermediate matrices).
  thread_local std::vector<float> buffer;
  const std::size_t frames = MelInto(y, n, stft, power, mel, buffer);
  const std::size_t nMels = frames == 0 ? 0 : buffer.size() / frames;
  CheckDbOptions(db);
  PowerToDbInPlace(buffer.data(), buffer.size(), db);
  Require(nMels >= 1, "logMel", "must have at least one row");
  RequireFinite(mfcc.lifter, "lifter", 0, 1e6);
  Matrix out = Dct(buffer.data(), nMels, frames, mfcc);
  ReleaseIfLarge(buffer);
  return out;
}

}  // namespace serkit::dsp
