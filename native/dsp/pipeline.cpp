#include "dsp/pipeline.h"

#include "dsp/errors.h"
#include "dsp/pitch.h"
#include "dsp/resample.h"
#include "dsp/stretch.h"

namespace serkit::dsp {

Matrix MeanOverTime(const Matrix& m) {
  Matrix out;
  out.rows = m.rows;
  out.cols = 1;
  out.data.resize(m.rows);
  for (std::size_t r = 0; r < m.rows; ++r) {
    double sum = 0;
    for (std::size_t t = 0; t < m.cols; ++t) sum += m.data[r * m.cols + t];
    out.data[r] = static_cast<float>(sum / static_cast<double>(m.cols));
  }
  return out;
}

bool NeedsResample(double sampleRate, const FeaturePipeline& p) {
  return p.targetSampleRate > 0 && p.targetSampleRate != sampleRate;
}

std::vector<float> PrepareSignal(const float* y, std::size_t n, double sampleRate, const FeaturePipeline& p,
                                 double* rate) {
  RequireSignal(y, n, "samples");
  RequireFinite(sampleRate, "sampleRate", 1, 1e7);
  *rate = sampleRate;
  if (NeedsResample(sampleRate, p)) {
    *rate = p.targetSampleRate;
    return Resample(y, n, sampleRate, p.targetSampleRate);
  }
  return std::vector<float>(y, y + n);
}

namespace {
const StretchAnalysis& AnalysisOf(const float* signal, std::size_t n, SharedAnalysis& shared) {
  if (!shared.analysis) {
    auto analysis = std::make_unique<StretchAnalysis>();
    AnalyzeStretch(signal, n, StftOptions{}, *analysis);
    shared.analysis = std::move(analysis);
  }
  return *shared.analysis;
}
}  // namespace

Matrix FeaturizePrepared(const float* signal, std::size_t n, double rate, const AugmentOptions& augment,
                         const FeaturePipeline& p, SharedAnalysis* shared) {
  std::vector<float> augmented;
  const float* input = signal;
  std::size_t length = n;
  switch (augment.kind) {
    case Augment::kNoise:
      augmented = AddNoise(signal, n, augment.noise);
      break;
    case Augment::kPitch:
      if (shared != nullptr) {
        // PitchShift's order of checks: its own arguments, then the signal, then the rate.
        StretchedLength(n, PitchRate(rate, augment.nSteps, augment.binsPerOctave));
        augmented = PitchShift(AnalysisOf(signal, n, *shared), rate, augment.nSteps, augment.binsPerOctave);
      } else {
        augmented = PitchShift(signal, n, rate, augment.nSteps, augment.binsPerOctave, StftOptions{});
      }
      break;
    case Augment::kStretch:
      if (shared != nullptr) {
        StretchedLength(n, augment.rate);  // TimeStretch checks the rate before analysing
        augmented = TimeStretch(AnalysisOf(signal, n, *shared), augment.rate);
      } else {
        augmented = TimeStretch(signal, n, augment.rate, StftOptions{});
      }
      break;
    case Augment::kNone:
      break;
  }
  if (augment.kind != Augment::kNone) {
    input = augmented.data();
    length = augmented.size();
  }
  MelOptions mel = p.mel;
  mel.sampleRate = rate;
  Matrix features = MfccFromSignal(input, length, p.stft, p.power, mel, p.db, p.mfcc);
  return p.meanOverTime ? MeanOverTime(features) : features;
}

Matrix Featurize(const float* y, std::size_t n, double sampleRate, const AugmentOptions& augment,
                 const FeaturePipeline& p) {
  if (!NeedsResample(sampleRate, p)) {
    // PrepareSignal's checks, without its copy.
    RequireSignal(y, n, "samples");
    RequireFinite(sampleRate, "sampleRate", 1, 1e7);
    return FeaturizePrepared(y, n, sampleRate, augment, p);
  }
  double rate = 0;
  const std::vector<float> signal = PrepareSignal(y, n, sampleRate, p, &rate);
  return FeaturizePrepared(signal.data(), signal.size(), rate, augment, p);
}

}  // namespace serkit::dsp
