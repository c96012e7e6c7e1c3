// A small driver over every DSP entry point (no Node), for valgrind memcheck
// (scripts/ci/native-valgrind.sh): runs each on a test signal and checks lengths, shapes, basic
// properties and that bad input throws DspError. Exit status 0 when all checks hold.
#include <cmath>
#include <cstdio>
#include <vector>

#include "dsp/delta.h"
#include "dsp/errors.h"
#include "dsp/fft.h"
#include "dsp/mel.h"
#include "dsp/mfcc.h"
#include "dsp/noise.h"
#include "dsp/pipeline.h"
#include "dsp/pitch.h"
#include "dsp/resample.h"
#include "dsp/stretch.h"

using namespace serkit::dsp;

namespace {
int failures = 0;

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "FAIL: %s\n", what);
    ++failures;
  }
}

template <typename Body>
void ExpectError(Body body, const char* what) {
  try {
    body();
    Check(false, what);
  } catch (const DspError&) {
  }
}

bool AllFinite(const std::vector<float>& v) {
  for (float x : v)
    if (!std::isfinite(x)) return false;
  return true;
}
}  // namespace

int main() {
  const double pi = 3.14159265358979323846;
  std::vector<float> y(16000);
  for (std::size_t i = 0; i < y.size(); ++i) y[i] = static_cast<float>(0.5 * std::sin(2 * pi * 220 * double(i) / 16000));

  // FFT round trips: a power of two, a mixed radix and a Bluestein length.
  for (std::size_t n : {1024u, 1000u, 1009u}) {
    std::vector<Complex> x(n), work;
    for (std::size_t i = 0; i < n; ++i) x[i] = Complex(std::cos(double(i)), std::sin(0.3 * double(i)));
    std::vector<Complex> z = x;
    GetComplexFft(n)->Forward(z.data(), work);
    GetComplexFft(n)->Backward(z.data(), work);
    double err = 0;
    for (std::size_t i = 0; i < n; ++i) err = std::fmax(err, std::abs(z[i] / double(n) - x[i]));
    // Bluestein's lengths (1009, prime) run in float32.
    Check(err < (n == 1009 ? 1e-5 : 1e-10), "complex FFT round trip");
  }

  StftOptions stft;
  stft.nFft = 512;
  stft.hopLength = 160;
  const ComplexMatrix s = Stft(y.data(), y.size(), stft);
  Check(s.rows == 257 && s.cols == 1 + y.size() / 160, "stft shape");
  MelOptions mel;
  mel.sampleRate = 16000;
  mel.nMels = 40;
  const Matrix m = MelFromSignal(y.data(), y.size(), stft, 2.0, mel);
  Check(m.rows == 40 && m.cols == s.cols && AllFinite(m.data), "mel");
  MfccOptions mfccOptions;
  mfccOptions.nMfcc = 13;
  const Matrix c = MfccFromSignal(y.data(), y.size(), stft, 2.0, mel, PowerToDbOptions{}, mfccOptions);
  Check(c.rows == 13 && AllFinite(c.data), "mfcc");
  Check(Delta(c, DeltaOptions{}).data.size() == c.data.size(), "delta");

  Check(Resample(y.data(), y.size(), 16000, 22050).size() == 22050, "resample length");
  Check(TimeStretch(y.data(), y.size(), 0.8, StftOptions{}).size() == 20000, "stretch length");
  Check(PitchShift(y.data(), y.size(), 16000, 0.7, 12, StftOptions{}).size() == y.size(), "pitch length");
  NoiseOptions noise;
  noise.seed = 7;
  const std::vector<float> a = AddNoise(y.data(), y.size(), noise), b = AddNoise(y.data(), y.size(), noise);
  Check(a == b && a != y, "noise deterministic per seed");

  FeaturePipeline pipeline;
  pipeline.targetSampleRate = 22050;
  pipeline.mfcc.nMfcc = 13;
  pipeline.meanOverTime = true;
  AugmentOptions augment;
  augment.kind = Augment::kPitch;
  augment.nSteps = 0.7;
  const Matrix f = Featurize(y.data(), y.size(), 16000, augment, pipeline);
  Check(f.rows == 13 && f.cols == 1 && AllFinite(f.data), "pipeline");

  std::vector<float> bad = y;
  bad[5] = std::nanf("");
  ExpectError([&] { (void)Stft(bad.data(), bad.size(), stft); }, "NaN sample rejected");
  ExpectError([&] { (void)Stft(y.data(), 0, stft); }, "empty signal rejected");
  ExpectError([&] { (void)Resample(y.data(), y.size(), 16000, 1e12); }, "absurd rate rejected");
  ExpectError([&] { (void)TimeStretch(y.data(), y.size(), 0, StftOptions{}); }, "zero rate rejected");
  StftOptions huge;
  huge.nFft = std::size_t{1} << 30;
  ExpectError([&] { (void)Stft(y.data(), y.size(), huge); }, "huge nFft rejected");

  std::printf("dsp_selftest: %s (%d failure%s)\n", failures == 0 ? "ok" : "FAILED", failures, failures == 1 ? "" : "s");
  return failures == 0 ? 0 : 1;
}
