// Timing harness for the DSP hot paths (no Node): times each step of the paper's RAVDESS
// featurisation (resample 16k -> 22050, then each variant's 13 mean MFCCs: original, noise, pitch
// shift, stretch) and the MFCC bench workload on synthetic clips of given lengths, in thread CPU
// time. Build with the addon's flags and run (lengths: RAVDESS clip lengths at 16 kHz, one per line;
// or none for ten built-in ones):
//   g++ -std=c++17 -O3 -march=native -fno-math-errno -fno-trapping-math -ffp-contract=off -Inative \
//     -o build-perf/dsp_profile native/bench/dsp_profile.cpp $(ls native/dsp/*.cpp | grep -v -e args -e options -e register -e batch)
//   build-perf/dsp_profile [lengths.txt [clips [mfcc-reps]]]
// Under valgrind --tool=callgrind (add -g) it gives the per-function profile.
#include <ctime>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <vector>

#include "dsp/pipeline.h"

using namespace serkit::dsp;

namespace {
// Thread CPU time: less sensitive than wall time to other work on a shared machine.
double Now() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
}

std::vector<float> Clip(std::size_t n, double rate, unsigned seed) {
  std::vector<float> y(n);
  std::srand(seed);
  const double pi = 3.14159265358979323846, f0 = 100 + seed % 150;
  for (std::size_t i = 0; i < n; ++i) {
    double v = 0;
    for (int h = 1; h <= 12; ++h) v += std::sin(2 * pi * f0 * h * double(i) / rate) / h;
    y[i] = static_cast<float>(0.2 * v + 0.01 * (std::rand() / double(RAND_MAX) - 0.5));
  }
  return y;
}

Matrix Mfcc13(const std::vector<float>& y, double rate) {
  FeaturePipeline p;
  p.mfcc.nMfcc = 13;
  p.meanOverTime = true;
  return Featurize(y.data(), y.size(), rate, AugmentOptions{}, p);
}
}  // namespace

int main(int argc, char** argv) {
  // argv[1]: a file of clip lengths at 16 kHz (one per line); argv[2]: how many to use; argv[3]: MFCC
  // bench repetitions per pass.
  std::vector<std::size_t> lengths;
  if (argc > 1) {
    std::ifstream in(argv[1]);
    for (std::size_t n; in >> n;) lengths.push_back(n);
  } else {
    lengths = {52853, 53387, 52319, 50717, 56590, 57657, 56056, 55522, 59259, 64064};
  }
  const std::size_t count = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : lengths.size();
  if (lengths.size() > count) lengths.resize(count);

  // As featurizeBatch runs a clip: resample once, then the four variants' 13 mean MFCCs, the pitch
  // shift and the stretch sharing one STFT analysis (timed with the pitch shift, which runs first).
  FeaturePipeline pipeline;
  pipeline.mfcc.nMfcc = 13;
  pipeline.meanOverTime = true;
  pipeline.targetSampleRate = 22050;
  AugmentOptions original, noise, pitch, stretch;
  noise.kind = Augment::kNoise;
  pitch.kind = Augment::kPitch;
  pitch.nSteps = 0.7;
  stretch.kind = Augment::kStretch;
  stretch.rate = 0.8;
  double tResample = 0, tOriginal = 0, tNoise = 0, tPitch = 0, tStretch = 0;
  double checksum = 0;
  for (std::size_t c = 0; c < lengths.size(); ++c) {
    const std::vector<float> y = Clip(lengths[c], 16000, unsigned(c));
    double rate = 0;
    double t0 = Now();
    const std::vector<float> x = PrepareSignal(y.data(), y.size(), 16000, pipeline, &rate);
    double t1 = Now();
    tResample += t1 - t0;
    SharedAnalysis shared;
    noise.noise.seed = long(c);
    double* totals[] = {&tOriginal, &tNoise, &tPitch, &tStretch};
    const AugmentOptions* variants[] = {&original, &noise, &pitch, &stretch};
    for (int v = 0; v < 4; ++v) {
      checksum += FeaturizePrepared(x.data(), x.size(), rate, *variants[v], pipeline, &shared).data[1];
      const double t = Now();
      *totals[v] += t - t1;
      t1 = t;
    }
  }
  const double k = 1000.0 / double(lengths.size());
  std::printf("per clip (ms): resample %.2f  original %.2f  noise %.2f  pitch %.2f  stretch %.2f  total %.2f  (%zu clips, checksum %.6g)\n",
              tResample * k, tOriginal * k, tNoise * k, tPitch * k, tStretch * k,
              (tResample + tOriginal + tNoise + tPitch + tStretch) * k, lengths.size(), checksum);

  // The MFCC bench workload: 3.5 s clips at 22050 Hz.
  const std::vector<float> clip = Clip(77175, 22050, 7);
  const int reps = argc > 3 ? std::atoi(argv[3]) : 200;
  double best = 1e9;
  for (int pass = 0; pass < 3 && reps > 0; ++pass) {
    const double t0 = Now();
    for (int r = 0; r < reps; ++r) checksum += Mfcc13(clip, 22050).data[0];
    best = std::fmin(best, (Now() - t0) / reps);
  }
  std::printf("mfcc bench clip: %.3f ms (%.0f clips/s per thread)  checksum %.6g\n", best * 1000, 1 / best, checksum);
  return 0;
}
