#include "dsp/mel.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <mutex>
#include <string>

#include "dsp/errors.h"
#include "dsp/fastmath.h"
#include "dsp/scratch.h"

namespace serkit::dsp {
namespace {

// Slaney's auditory toolbox scale (librosa's default) or HTK's.
constexpr double kSlaneyStep = 200.0 / 3.0, kMinLogHz = 1000.0, kMinLogMel = kMinLogHz / kSlaneyStep;
const double kLogStep = std::log(6.4) / 27.0;

double HzToMel(double f, bool htk) {
  if (htk) return 2595.0 * std::log10(1.0 + f / 700.0);
  if (f >= kMinLogHz) return kMinLogMel + std::log(f / kMinLogHz) / kLogStep;
  return f / kSlaneyStep;
}

double MelToHz(double m, bool htk) {
  if (htk) return 700.0 * (std::pow(10.0, m / 2595.0) - 1.0);
  if (m >= kMinLogMel) return kMinLogHz * std::exp(kLogStep * (m - kMinLogMel));
  return kSlaneyStep * m;
}

MelOptions Resolve(MelOptions o) {
  RequireFinite(o.sampleRate, "sampleRate", 1, 1e7);
  Require(o.nFft >= 2 && o.nFft <= kMaxFft, "nFft", "must be an integer in [2, 1048576]");
  Require(o.nMels >= 1 && o.nMels <= 4096, "nMels", "must be an integer in [1, 4096]");
  const double nyquist = o.sampleRate / 2;
  if (o.fmax < 0) o.fmax = nyquist;
  RequireFinite(o.fmax, "fmax", 0, nyquist);
  RequireFinite(o.fmin, "fmin", 0, o.fmax);
  Require(o.fmin < o.fmax, "fmin", "must be below fmax");
  return o;
}
}  // namespace

MelBank MakeMelBank(const MelOptions& options) {
  const MelOptions o = Resolve(options);
  MelBank bank;
  bank.nMels = o.nMels;
  bank.bins = o.nFft / 2 + 1;
  bank.weights.assign(bank.nMels * bank.bins, 0.0f);
  bank.first.assign(bank.nMels, 0);
  bank.last.assign(bank.nMels, 0);
  // Band edges: nMels + 2 points evenly spaced on the mel scale.
  std::vector<double> edges(o.nMels + 2);
  const double lo = HzToMel(o.fmin, o.htk), hi = HzToMel(o.fmax, o.htk);
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const double m = lo + (hi - lo) * static_cast<double>(i) / static_cast<double>(edges.size() - 1);
    edges[i] = MelToHz(m, o.htk);
  }
  // numpy.linspace pins the last point exactly.
  edges.back() = MelToHz(hi, o.htk);
  // As the TS twin: every band needs a non-zero width, or its slopes divide by zero (found by fuzzing).
  for (std::size_t i = 1; i < edges.size(); ++i) {
    Require(edges[i] > edges[i - 1] && std::isfinite(2.0 / (edges[i] - edges[i - 1])), "nMels",
            std::to_string(o.nMels) + " bands do not fit between fmin=" + std::to_string(o.fmin) +
                " and fmax=" + std::to_string(o.fmax) + " Hz");
  }
  for (std::size_t b = 0; b < o.nMels; ++b) {
    const double lower = edges[b + 1] - edges[b], upper = edges[b + 2] - edges[b + 1];
    const double norm = o.slaneyNorm ? 2.0 / (edges[b + 2] - edges[b]) : 1.0;
    std::size_t first = bank.bins, last = 0;
    for (std::size_t k = 0; k < bank.bins; ++k) {
      const double f = static_cast<double>(k) * o.sampleRate / static_cast<double>(o.nFft);
      const double w = std::max(0.0, std::min((f - edges[b]) / lower, (edges[b + 2] - f) / upper));
      const float weight = static_cast<float>(w * norm);
      bank.weights[b * bank.bins + k] = weight;
      if (weight != 0.0f) {
        first = std::min(first, k);
        last = k + 1;
      }
    }
    bank.first[b] = first < last ? first : 0;
    bank.last[b] = last;
  }
  bank.offset.resize(o.nMels);
  for (std::size_t b = 0; b < o.nMels; ++b) {
    bank.offset[b] = bank.packed.size();
    for (std::size_t k = bank.first[b]; k < bank.last[b]; ++k) bank.packed.push_back(bank.weights[b * bank.bins + k]);
  }
  return bank;
}

std::shared_ptr<const MelBank> CachedMelBank(const MelOptions& o) {
  // Featurising a corpus asks for the same bank thousands of times: keep the last few.
  static std::mutex mutex;
  static std::vector<std::pair<MelOptions, std::shared_ptr<const MelBank>>> recent;
  auto same = [&o](const MelOptions& a) {
    return a.sampleRate == o.sampleRate && a.nFft == o.nFft && a.nMels == o.nMels && a.fmin == o.fmin &&
           a.fmax == o.fmax && a.htk == o.htk && a.slaneyNorm == o.slaneyNorm;
  };
  {
    std::lock_guard<std::mutex> lock(mutex);
    for (const auto& entry : recent)
      if (same(entry.first)) return entry.second;
  }
  auto bank = std::make_shared<const MelBank>(MakeMelBank(o));
  std::lock_guard<std::mutex> lock(mutex);
  if (recent.size() >= 8) recent.erase(recent.begin());
  recent.emplace_back(o, bank);
  return bank;
}

Matrix MelFilterBankMatrix(const MelOptions& options) {
  MelBank bank = MakeMelBank(options);
  Matrix m;
  m.rows = bank.nMels;
  m.cols = bank.bins;
  m.data = std::move(bank.weights);
  return m;
}

Matrix MelFromPower(const Matrix& power, const MelOptions& options) {
  const MelBank bank = MakeMelBank(options);
  Require(power.rows == bank.bins, "power",
          "has " + std::to_string(power.rows) + " rows; nFft=" + std::to_string(options.nFft) + " needs " +
              std::to_string(bank.bins));
  for (float v : power.data) Require(std::isfinite(v) && v >= 0, "power", "must hold finite non-negative values");
  Matrix out;
  out.rows = bank.nMels;
  out.cols = power.cols;
  out.data.assign(out.rows * out.cols, 0.0f);
  std::vector<double> acc(out.cols);
  for (std::size_t b = 0; b < bank.nMels; ++b) {
    std::fill(acc.begin(), acc.end(), 0.0);
    for (std::size_t k = bank.first[b]; k < bank.last[b]; ++k) {
      const double w = bank.weights[b * bank.bins + k];
      const float* row = power.data.data() + k * power.cols;
      for (std::size_t t = 0; t < out.cols; ++t) acc[t] += w * row[t];
    }
    for (std::size_t t = 0; t < out.cols; ++t) out.data[b * out.cols + t] = static_cast<float>(acc[t]);
  }
  RequireFiniteResult(out.data, "power");
  return out;
}

std::size_t MelInto(const float* y, std::size_t n, const StftOptions& stft, double power, MelOptions mel,
                    std::vector<float>& out) {
  Require(std::isfinite(power) && power > 0 && power <= 16, "power", "must be a number in (0, 16], got " + FormatNumber(power));
  const StftOptions resolved = ResolveStft(stft);
  mel.nFft = resolved.nFft;
  const std::shared_ptr<const MelBank> bank = CachedMelBank(mel);
  const std::size_t bins = bank->bins;
  const StftFrames frames(y, n, resolved);
  const std::size_t cols = frames.frames(), nMels = bank->nMels;
  out.resize(nMels * cols);
  // |X|^power rounded to float32, as librosa's spectrogram is, before the filter bank.
  auto powerOf = [power](double re, double im) {
    const double q = re * re + im * im;
    return static_cast<double>(static_cast<float>(power == 2.0 ? q : std::pow(q, power / 2.0)));
  };
  if (frames.SupportsLanes() && power == 2.0) {
    // Eight frames at a time in float32 (StftFrames::PowerLanes), summed through the filter bank in
    // float32 as librosa's np.dot of two float32 arrays is. Per-thread buffers, kept between calls (a
    // corpus is featurised clip after clip).
    thread_local std::vector<LaneComplex8> work;
    thread_local std::vector<Lane8> p;
    p.resize(bins);
    for (std::size_t t0 = 0; t0 < cols; t0 += kLanes8) {
      frames.PowerLanes(t0, p.data(), work);
      const std::size_t lanes = std::min(kLanes8, cols - t0);
      for (std::size_t b = 0; b < nMels; ++b) {
        Lane8 acc = {};
        const float* w = bank->packed.data() + bank->offset[b];
        const Lane8* pk = p.data() + bank->first[b];
        const std::size_t width = bank->last[b] - bank->first[b];
        for (std::size_t k = 0; k < width; ++k) acc += w[k] * pk[k];
        float* dst = out.data() + b * cols + t0;
        for (std::size_t l = 0; l < lanes; ++l) dst[l] = acc[l];
      }
    }
    ReleaseIfLarge(work);
    ReleaseIfLarge(p);
    RequireFiniteResult(out.data(), out.size(), "y");
    return cols;
  }
  if (frames.SupportsLanes()) {
    // Per-thread buffers, kept between calls (a corpus is featurised clip after clip).
    thread_local std::vector<LaneComplex> spectrum, work;
    thread_local std::vector<Lane4> p;
    p.resize(bins);
    spectrum.resize(bins + 1);
    for (std::size_t t0 = 0; t0 < cols; t0 += kLanes) {
      frames.FrameLanes(t0, spectrum.data(), work);
      for (std::size_t k = 0; k < bins; ++k)
        for (std::size_t l = 0; l < kLanes; ++l) p[k][l] = powerOf(spectrum[k].re[l], spectrum[k].im[l]);
      const std::size_t lanes = std::min(kLanes, cols - t0);
      for (std::size_t b = 0; b < nMels; ++b) {
        Lane4 acc = {0, 0, 0, 0};
        const float* w = bank->packed.data() + bank->offset[b];
        const Lane4* pk = p.data() + bank->first[b];
        const std::size_t width = bank->last[b] - bank->first[b];
        for (std::size_t k = 0; k < width; ++k) acc += static_cast<double>(w[k]) * pk[k];
        float* dst = out.data() + b * cols + t0;
        for (std::size_t l = 0; l < lanes; ++l) dst[l] = static_cast<float>(acc[l]);
      }
    }
    ReleaseIfLarge(spectrum);
    ReleaseIfLarge(work);
    ReleaseIfLarge(p);
    RequireFiniteResult(out.data(), out.size(), "y");
    return cols;
  }
  std::vector<Complex> spectrum(bins), work;
  std::vector<double> p(bins);
  for (std::size_t t = 0; t < cols; ++t) {
    frames.Frame(t, spectrum.data(), work);
    for (std::size_t k = 0; k < bins; ++k) p[k] = powerOf(spectrum[k].real(), spectrum[k].imag());
    for (std::size_t b = 0; b < nMels; ++b) {
      double acc = 0;
      const float* w = bank->weights.data() + b * bins;
      for (std::size_t k = bank->first[b]; k < bank->last[b]; ++k) acc += static_cast<double>(w[k]) * p[k];
      out[b * cols + t] = static_cast<float>(acc);
    }
  }
  RequireFiniteResult(out.data(), out.size(), "y");
  return cols;
}

Matrix MelFromSignal(const float* y, std::size_t n, const StftOptions& stft, double power, MelOptions mel) {
  Matrix out;
  out.cols = MelInto(y, n, stft, power, mel, out.data);
  out.rows = out.cols == 0 ? 0 : out.data.size() / out.cols;
  return out;
}

void CheckDbOptions(const PowerToDbOptions& o) {
  RequireFinite(o.amin, "amin", 1e-300, 1e300);
  Require(o.amin > 0, "amin", "must be > 0");
  RequireFinite(o.ref, "ref", -1e300, 1e300);
  if (o.clip) RequireFinite(o.topDb, "topDb", 0, 1e300);
}

void PowerToDbInPlace(float* data, std::size_t count, const PowerToDbOptions& o) {
  CheckDbOptions(o);
  Require(AllFinite(data, count), "S", "must hold finite values");
  const double refDb = 10.0 * std::log10(std::max(o.amin, std::abs(o.ref)));
  // float32 log10, as librosa (numpy on a float32 array) computes it, within an ulp: fastmath's
  // vectorised one where the floor amin is a normal float (always, with librosa's 1e-10), libm's
  // otherwise.
  const float floorValue = static_cast<float>(o.amin), refDbF = static_cast<float>(refDb);
  if (floorValue >= std::numeric_limits<float>::min()) {
    for (std::size_t i = 0; i < count; ++i) {
      const float x = static_cast<float>(std::max(o.amin, static_cast<double>(data[i])));
      data[i] = 10.0f * fastmath::Log10NormalFloat(x) - refDbF;
    }
  } else {
    for (std::size_t i = 0; i < count; ++i)
      data[i] = 10.0f * std::log10(static_cast<float>(std::max(o.amin, static_cast<double>(data[i])))) - refDbF;
  }
  float top = -std::numeric_limits<float>::infinity();
  for (std::size_t i = 0; i < count; ++i) top = std::max(top, data[i]);
  if (o.clip && count > 0) {
    const float floor = static_cast<float>(top - o.topDb);
    for (std::size_t i = 0; i < count; ++i) data[i] = std::max(data[i], floor);
  }
}

Matrix PowerToDb(const Matrix& S, const PowerToDbOptions& o) {
  CheckDbOptions(o);
  Matrix out = S;
  PowerToDbInPlace(out.data.data(), out.data.size(), o);
  return out;
}

}  // namespace serkit::dsp
