// Timing harness for the DSP hot paths (no Node): times each step of the paper's RAVDESS
// featurisation (resample 16k -> 22050, noise, pitch shift, stretch, MFCC) and the MFCC bench
// workload on synthetic clips of given lengths, in thread CPU time. Build with the addon's flags and
// run (lengths: RAVDESS clip lengths at 16 kHz, one per line; or none for ten built-in ones):
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

#include "dsp/mfcc.h"
#include "dsp/noise.h"
#include "dsp/pipeline.h"
#include "dsp/pitch.h"
#include "dsp/resample.h"
#include "dsp/stretch.h"

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

  double tResample = 0, tNoise = 0, tPitch = 0, tStretch = 0, tMfcc = 0;
  double checksum = 0;
  for (std::size_t c = 0; c < lengths.size(); ++c) {
    const std::vector<float> y = Clip(lengths[c], 16000, unsigned(c));
    double t0 = Now();
    const std::vector<float> x = Resample(y.data(), y.size(), 16000, 22050);
    double t1 = Now();
    tResample += t1 - t0;
    NoiseOptions no;
    no.seed = long(c);
    const std::vector<float> noisy = AddNoise(x.data(), x.size(), no);
    double t2 = Now();
    tNoise += t2 - t1;
    const std::vector<float> pitched = PitchShift(x.data(), x.size(), 22050, 0.7, 12, StftOptions{});
    double t3 = Now();
    tPitch += t3 - t2;
    const std::vector<float> stretched = TimeStretch(x.data(), x.size(), 0.8, StftOptions{});
    double t4 = Now();
    tStretch += t4 - t3;
    for (const auto* v : {&x, &noisy, &pitched, &stretched}) checksum += Mfcc13(*v, 22050).data[1];
    tMfcc += Now() - t4;
  }
  const double k = 1000.0 / double(lengths.size());
  std::printf("per clip (ms): resample %.2f  noise %.2f  pitch %.2f  stretch %.2f  mfcc x4 %.2f  total %.2f  (%zu clips, checksum %.6g)\n",
              tResample * k, tNoise * k, tPitch * k, tStretch * k, tMfcc * k,
              (tResample + tNoise + tPitch + tStretch + tMfcc) * k, lengths.size(), checksum);

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
