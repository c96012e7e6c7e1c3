// MFCC (librosa.feature.mfcc): DCT-II (orthonormal) of a log-power mel spectrogram, optional lifter.
#pragma once
#include <cstddef>

#include "dsp/mel.h"
#include "dsp/types.h"

namespace serkit::dsp {

struct MfccOptions {
  std::size_t nMfcc = 20;  // librosa default; the paper uses 13
  bool orthoNorm = true;   // dctNorm 'ortho' (default) or none
  double lifter = 0;       // 0 disables
};

// From a log-power mel spectrogram `nMels x frames`.
Matrix MfccFromLogMel(const Matrix& logMel, const MfccOptions& options);

// From samples: mel spectrogram -> power_to_db -> DCT.
Matrix MfccFromSignal(const float* y, std::size_t n, const StftOptions& stft, double power, const MelOptions& mel,
                      const PowerToDbOptions& db, const MfccOptions& mfcc);

}  // namespace serkit::dsp
