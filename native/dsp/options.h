// JS option objects -> C++ option structs, field names and defaults as in packages/core/src/dsp/types.ts.
#pragma once
#include "dsp/args.h"
#include "dsp/delta.h"
#include "dsp/mel.h"
#include "dsp/mfcc.h"
#include "dsp/noise.h"
#include "dsp/pipeline.h"
#include "dsp/stft.h"

namespace serkit::dsp::options {

StftOptions ReadStft(const args::Options& o);
double ReadPower(const args::Options& o);
MelOptions ReadMel(const args::Options& o);
PowerToDbOptions ReadDb(const args::Options& o);
MfccOptions ReadMfcc(const args::Options& o);
DeltaOptions ReadDelta(const args::Options& o);
NoiseOptions ReadNoise(const args::Options& o);
// `{ kind: 'none' | 'noise' | 'pitch' | 'stretch', ... }`.
AugmentOptions ReadAugment(const args::Options& o);
// `{ targetSampleRate?, meanOverTime?, mfcc?: MfccOptions }`.
FeaturePipeline ReadPipeline(const args::Options& o);

}  // namespace serkit::dsp::options
