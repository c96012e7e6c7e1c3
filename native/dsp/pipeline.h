// One featurisation job of the batch API: samples -> resample -> optional augmentation -> MFCC ->
// optional mean over time. The same steps as calling the single functions one by one.
#pragma once
#include <cstddef>
#include <memory>
#include <vector>

#include "dsp/mfcc.h"
#include "dsp/noise.h"
#include "dsp/stft.h"
#include "dsp/stretch.h"

namespace serkit::dsp {

enum class Augment { kNone, kNoise, kPitch, kStretch };

struct AugmentOptions {
  Augment kind = Augment::kNone;
  NoiseOptions noise;
  double nSteps = 0, binsPerOctave = 12;  // kPitch
  double rate = 1;                        // kStretch
};

struct FeaturePipeline {
  double targetSampleRate = 0;  // 0: keep the input rate
  StftOptions stft;
  double power = 2;
  MelOptions mel;  // sampleRate and nFft are taken from the signal and `stft`
  PowerToDbOptions db;
  MfccOptions mfcc;
  bool meanOverTime = false;
};

// The signal at the pipeline's rate (resampled when targetSampleRate differs), validated.
std::vector<float> PrepareSignal(const float* y, std::size_t n, double sampleRate, const FeaturePipeline& pipeline,
                                 double* rate);

// Whether PrepareSignal resamples a signal at `sampleRate` (else it only validates and copies it).
bool NeedsResample(double sampleRate, const FeaturePipeline& pipeline);

// Augmentation, MFCC and mean of a prepared signal at `rate` (validated: PrepareSignal's output, or
// the input itself when NeedsResample is false and PrepareSignal's checks passed).
// `shared`, when given, holds the vocoder analysis of this signal across calls (made by the first
// pitch or stretch job that needs it): the variants of one clip analyse it once.
struct SharedAnalysis {
  std::unique_ptr<StretchAnalysis> analysis;
};
Matrix FeaturizePrepared(const float* signal, std::size_t n, double rate, const AugmentOptions& augment,
                         const FeaturePipeline& pipeline, SharedAnalysis* shared = nullptr);

// PrepareSignal then FeaturizePrepared: nMfcc x frames, or nMfcc x 1 with meanOverTime (sum in double over frames, divided by the count).
Matrix Featurize(const float* y, std::size_t n, double sampleRate, const AugmentOptions& augment,
                 const FeaturePipeline& pipeline);

// Mean of each row as an `rows x 1` matrix, accumulated in double in frame order.
Matrix MeanOverTime(const Matrix& m);

}  // namespace serkit::dsp
