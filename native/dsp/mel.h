// Mel filter bank (librosa.filters.mel), mel spectrogram and power_to_db.
#pragma once
#include <cstddef>
#include <memory>
#include <vector>

#include "dsp/stft.h"
#include "dsp/types.h"

namespace serkit::dsp {

struct MelOptions {
  double sampleRate = 22050;
  std::size_t nFft = 2048;
  std::size_t nMels = 128;
  double fmin = 0;
  double fmax = -1;  // < 0: sampleRate / 2
  bool htk = false;
  bool slaneyNorm = true;  // norm='slaney' (librosa default) or none
};

// The bank as float32 weights (librosa's dtype) with each band's non-zero bin range.
struct MelBank {
  std::size_t nMels = 0, bins = 0;
  std::vector<float> weights;                // nMels x bins
  std::vector<std::size_t> first, last;      // band b covers bins [first[b], last[b])
  // The same non-zero weights band after band (band b from offset[b]): what the mel spectrogram's
  // inner loop reads, 8 KB instead of a sparse 0.5 MB matrix.
  std::vector<float> packed;
  std::vector<std::size_t> offset;
};

MelBank MakeMelBank(const MelOptions& options);
// MakeMelBank through a small shared cache.
std::shared_ptr<const MelBank> CachedMelBank(const MelOptions& options);
Matrix MelFilterBankMatrix(const MelOptions& options);

// Mel spectrogram of a `bins x frames` power spectrogram.
Matrix MelFromPower(const Matrix& power, const MelOptions& options);
// Mel spectrogram of samples: |STFT|^power, then the bank. `stft.nFft` must equal `mel.nFft`.
Matrix MelFromSignal(const float* y, std::size_t n, const StftOptions& stft, double power, MelOptions mel);
// MelFromSignal into `out` (resized to nMels x frames, row-major); returns the frame count.
std::size_t MelInto(const float* y, std::size_t n, const StftOptions& stft, double power, MelOptions mel,
                    std::vector<float>& out);

struct PowerToDbOptions {
  double ref = 1.0;
  double amin = 1e-10;
  double topDb = 80.0;  // < 0 or NaN: no clipping (topDb: null)
  bool clip = true;
};
Matrix PowerToDb(const Matrix& S, const PowerToDbOptions& options);
// Validates the options (as PowerToDb, first), then power_to_db of `count` values in place.
void CheckDbOptions(const PowerToDbOptions& options);
void PowerToDbInPlace(float* data, std::size_t count, const PowerToDbOptions& options);

}  // namespace serkit::dsp
