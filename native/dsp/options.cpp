#include "dsp/options.h"

#include <cmath>

namespace serkit::dsp::options {

StftOptions ReadStft(const args::Options& o) {
  StftOptions s;
  s.nFft = o.Integer("nFft", 2048, 2, kMaxFft);
  s.winLength = o.Integer("winLength", s.nFft, 1, kMaxFft);
  s.hopLength = o.Integer("hopLength", s.winLength / 4, 1, kMaxFft);
  s.window = static_cast<WindowName>(o.Enum("window", {"hann", "hamming", "rectangular"}, 0));
  s.center = o.Bool("center", true);
  s.padMode = static_cast<PadMode>(o.Enum("padMode", {"constant", "reflect"}, 0));
  return s;
}

double ReadPower(const args::Options& o) { return o.Number("power", 2.0); }

MelOptions ReadMel(const args::Options& o) {
  MelOptions m;
  m.sampleRate = o.Number("sampleRate", 22050);
  m.nFft = o.Integer("nFft", 2048, 2, kMaxFft);
  m.nMels = o.Integer("nMels", 128, 1, 4096);
  m.fmin = o.Number("fmin", 0);
  m.fmax = o.Has("fmax") ? o.Number("fmax", -1) : -1;
  Require(!o.Has("fmax") || m.fmax >= 0, "fmax", "must be >= 0");
  m.htk = o.Bool("htk", false);
  m.slaneyNorm = o.Enum("norm", {"slaney", "null"}, 0) == 0;
  return m;
}

PowerToDbOptions ReadDb(const args::Options& o) {
  PowerToDbOptions d;
  d.ref = o.Number("ref", 1.0);
  d.amin = o.Number("amin", 1e-10);
  bool isNull = false;
  d.topDb = o.NullableNumber("topDb", 80.0, 0.0, &isNull);
  d.clip = !isNull;
  return d;
}

MfccOptions ReadMfcc(const args::Options& o) {
  MfccOptions m;
  m.nMfcc = o.Integer("nMfcc", 20, 1, 4096);
  Require(!o.Has("dctType") || o.Number("dctType", 2) == 2, "dctType", "only 2 is supported");
  m.orthoNorm = o.Enum("dctNorm", {"ortho", "null"}, 0) == 0;
  m.lifter = o.Number("lifter", 0);
  return m;
}

DeltaOptions ReadDelta(const args::Options& o) {
  DeltaOptions d;
  d.width = o.Integer("width", 9, 3, 1001);
  d.order = o.Integer("order", 1, 1, 7);
  d.mode = static_cast<DeltaMode>(o.Enum("mode", {"interp", "nearest", "mirror", "constant", "wrap"}, 0));
  return d;
}

NoiseOptions ReadNoise(const args::Options& o) {
  NoiseOptions n;
  if (!o.Has("seed")) throw DspError(ErrorKind::kType, "INVALID_ARGUMENT", "seed", "is required (randomness is explicit)");
  const double seed = o.Number("seed", 0);
  Require(std::floor(seed) == seed && std::fabs(seed) <= 9007199254740991.0, "seed",
          "must be a safe integer, got " + FormatNumber(seed));
  n.seed = static_cast<std::int64_t>(seed);
  n.useSnr = o.Has("snrDb");
  n.snrDb = o.Number("snrDb", 0);
  n.peakRatio = o.Number("peakRatio", 0.035);
  return n;
}

AugmentOptions ReadAugment(const args::Options& o) {
  AugmentOptions a;
  a.kind = static_cast<Augment>(o.Enum("kind", {"none", "noise", "pitch", "stretch"}, 0));
  if (a.kind == Augment::kNoise) a.noise = ReadNoise(o);
  if (a.kind == Augment::kPitch) {
    a.nSteps = o.Number("nSteps", 0);
    a.binsPerOctave = o.Number("binsPerOctave", 12);
  }
  if (a.kind == Augment::kStretch) a.rate = o.Number("rate", 1);
  return a;
}

FeaturePipeline ReadPipeline(const args::Options& o) {
  FeaturePipeline p;
  p.targetSampleRate = o.Number("targetSampleRate", 0);
  Require(p.targetSampleRate >= 0, "targetSampleRate", "must be > 0 when given");
  p.meanOverTime = o.Bool("meanOverTime", false);
  const args::Options mfcc(o.Get("mfcc"), "mfcc");
  p.stft = ReadStft(mfcc);
  p.power = ReadPower(mfcc);
  p.mel = ReadMel(mfcc);
  p.db = ReadDb(mfcc);
  p.mfcc = ReadMfcc(mfcc);
  return p;
}

}  // namespace serkit::dsp::options
