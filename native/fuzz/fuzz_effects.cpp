// libFuzzer target: resampling, time stretch, pitch shift, noise and the batch pipeline with fuzzed
// rates, seeds and samples. Only DspError may come out; lengths must be as documented.
#include <cstring>

#include "dsp/noise.h"
#include "dsp/pipeline.h"
#include "dsp/pitch.h"
#include "dsp/resample.h"
#include "dsp/stretch.h"
#include "fuzz_common.h"

using namespace serkit::dsp;
using serkit::fuzz::Expect;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const double from = serkit::fuzz::Number(in, 1000, 96000), to = serkit::fuzz::Number(in, 1000, 96000);
  const double rate = serkit::fuzz::Number(in, 0.25, 4), steps = serkit::fuzz::Number(in, -12, 12);
  const double bins = in.ConsumeBool() ? 12 : serkit::fuzz::Number(in, 1, 48);
  StftOptions stft;
  stft.nFft = in.ConsumeBool() ? 2048 : serkit::fuzz::Size(in, 2, 2048);
  NoiseOptions noise;
  noise.seed = in.ConsumeIntegralInRange<std::int64_t>(-(std::int64_t{1} << 54), std::int64_t{1} << 54);
  noise.useSnr = in.ConsumeBool();
  noise.snrDb = serkit::fuzz::Number(in, -20, 60);
  noise.peakRatio = serkit::fuzz::Number(in, 0, 1);
  const std::vector<float> y = serkit::fuzz::Samples(in, 8000);

  Expect([&] {
    const std::vector<float> out = Resample(y.data(), y.size(), from, to);
    if (out.size() != ResampledLength(y.size(), from, to) && from != to) std::abort();
  });
  Expect([&] {
    const std::vector<float> out = TimeStretch(y.data(), y.size(), rate, stft);
    if (out.size() != StretchedLength(y.size(), rate)) std::abort();
  });
  Expect([&] {
    if (PitchShift(y.data(), y.size(), from, steps, bins, stft).size() != y.size()) std::abort();
  });
  Expect([&] {
    if (AddNoise(y.data(), y.size(), noise).size() != y.size()) std::abort();
  });
  Expect([&] {
    FeaturePipeline pipeline;
    pipeline.targetSampleRate = in.ConsumeBool() ? 0 : to;
    pipeline.meanOverTime = in.ConsumeBool();
    pipeline.mfcc.nMfcc = 13;
    AugmentOptions augment;
    augment.kind = static_cast<Augment>(in.ConsumeIntegralInRange<int>(0, 3));
    augment.noise = noise;
    augment.nSteps = steps;
    augment.rate = rate;
    const Matrix m = Featurize(y.data(), y.size(), from, augment, pipeline);
    for (float v : m.data)
      if (!std::isfinite(v)) std::abort();
  });
  return 0;
}
