// libFuzzer target: STFT, spectrogram, mel, power_to_db, MFCC and delta with fuzzed parameters and
// samples (NaN/Inf included). Only DspError may come out; results must be finite.
#include <algorithm>
#include <cstring>

#include "dsp/delta.h"
#include "dsp/mel.h"
#include "dsp/mfcc.h"
#include "dsp/stft.h"
#include "fuzz_common.h"

using namespace serkit::dsp;
using serkit::fuzz::Expect;

namespace {
void RequireFiniteOutput(const std::vector<float>& v) {
  for (float x : v)
    if (!std::isfinite(x)) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  StftOptions stft;
  stft.nFft = serkit::fuzz::Size(in, 2, 3000);
  stft.winLength = serkit::fuzz::Size(in, 0, 3000);
  stft.hopLength = serkit::fuzz::Size(in, 0, 1500);
  stft.window = static_cast<WindowName>(in.ConsumeIntegralInRange<int>(0, 2));
  stft.center = in.ConsumeBool();
  stft.padMode = static_cast<PadMode>(in.ConsumeIntegralInRange<int>(0, 1));
  MelOptions mel;
  mel.sampleRate = serkit::fuzz::Number(in, 100, 96000);
  mel.nMels = serkit::fuzz::Size(in, 1, 200);
  mel.fmin = serkit::fuzz::Number(in, 0, 4000);
  mel.fmax = in.ConsumeBool() ? -1 : serkit::fuzz::Number(in, 0, 48000);
  mel.htk = in.ConsumeBool();
  mel.slaneyNorm = in.ConsumeBool();
  PowerToDbOptions db;
  db.ref = serkit::fuzz::Number(in, 0, 10);
  db.amin = serkit::fuzz::Number(in, 1e-20, 1);
  db.topDb = serkit::fuzz::Number(in, 0, 200);
  db.clip = in.ConsumeBool();
  MfccOptions mfcc;
  mfcc.nMfcc = serkit::fuzz::Size(in, 1, 200);
  mfcc.orthoNorm = in.ConsumeBool();
  mfcc.lifter = serkit::fuzz::Number(in, 0, 50);
  const double power = serkit::fuzz::Number(in, 0.5, 3);
  DeltaOptions delta;
  delta.width = serkit::fuzz::Size(in, 1, 31);
  delta.order = serkit::fuzz::Size(in, 0, 4);
  delta.mode = static_cast<DeltaMode>(in.ConsumeIntegralInRange<int>(0, 4));
  const std::vector<float> y = serkit::fuzz::Samples(in, 12000);
  // Valid but heavy configurations (hop 1 over 12000 samples with a 3000-point FFT: 36 M bins, four
  // times over) only slow the fuzzer down, under sanitizers to seconds per input; the DSP's limits
  // themselves are reached by the absurd sizes above. So such work is skipped.
  const std::size_t frames = y.size() / std::max<std::size_t>(stft.hopLength == 0 ? stft.nFft / 4 : stft.hopLength, 1) + 1;
  if (stft.nFft <= 4096 && frames * stft.nFft > (std::size_t{1} << 22)) return 0;

  Expect([&] {
    const ComplexMatrix s = Stft(y.data(), y.size(), stft);
    if (s.re.size() != s.rows * s.cols || s.im.size() != s.re.size()) std::abort();
    RequireFiniteOutput(s.re);
  });
  Expect([&] { RequireFiniteOutput(Spectrogram(y.data(), y.size(), stft, power).data); });
  Expect([&] { RequireFiniteOutput(MelFilterBankMatrix(mel).data); });
  Expect([&] {
    const Matrix m = MelFromSignal(y.data(), y.size(), stft, power, mel);
    RequireFiniteOutput(m.data);
    RequireFiniteOutput(PowerToDb(m, db).data);
  });
  Expect([&] {
    const Matrix c = MfccFromSignal(y.data(), y.size(), stft, power, mel, db, mfcc);
    RequireFiniteOutput(c.data);
    RequireFiniteOutput(Delta(c, delta).data);
  });
  // Matrices straight from the input, shapes included.
  Expect([&] {
    Matrix m;
    m.rows = serkit::fuzz::Size(in, 1, 64);
    m.cols = m.rows == 0 ? 0 : y.size() / (m.rows == 0 ? 1 : m.rows);
    m.data.assign(y.begin(), y.begin() + static_cast<std::ptrdiff_t>(std::min(y.size(), m.rows * m.cols)));
    if (m.data.size() != m.rows * m.cols) return;
    (void)Delta(m, delta);
    (void)MfccFromLogMel(m, mfcc);
    (void)PowerToDb(m, db);
    mel.nFft = 2 * (m.rows - 1);
    (void)MelFromPower(m, mel);
  });
  return 0;
}
