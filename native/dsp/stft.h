// Short-time Fourier transform with librosa >= 0.10 semantics (centred frames, zero padding by
// default) and its inverse by weighted overlap-add (librosa.istft).
#pragma once
#include <cstddef>
#include <vector>

#include "dsp/fft.h"
#include "dsp/scratch.h"
#include "dsp/types.h"
#include "dsp/window.h"

namespace serkit::dsp {

enum class PadMode { kConstant, kReflect };

struct StftOptions {
  std::size_t nFft = 2048;       // librosa default
  std::size_t hopLength = 0;     // 0: winLength / 4 (librosa default)
  std::size_t winLength = 0;     // 0: nFft
  WindowName window = WindowName::kHann;
  bool center = true;
  PadMode padMode = PadMode::kConstant;  // librosa >= 0.10 pads with zeros
};

// Fills the defaults (hop, window length) and validates; throws DspError naming the option.
StftOptions ResolveStft(StftOptions options);

// Frames of one signal: frame t of the (padded) signal, windowed, transformed. Reads `y` in place
// (it must outlive the object): only the few frames that overlap the centre padding are assembled,
// in a small buffer, so a call allocates no copy of the signal.
class StftFrames {
 public:
  StftFrames(const float* y, std::size_t n, const StftOptions& resolved);
  std::size_t frames() const { return frames_; }
  std::size_t bins() const { return options_.nFft / 2 + 1; }
  const StftOptions& options() const { return options_; }
  // Spectrum of frame t into out[0 .. bins); `work` is caller-owned scratch.
  void Frame(std::size_t t, Complex* out, std::vector<Complex>& work) const;
  // Frames t0 .. t0+3 at once (frames past the end are zeros), when the FFT supports lanes.
  bool SupportsLanes() const { return fft_->SupportsLanes(); }
  void FrameLanes(std::size_t t0, LaneComplex* out, std::vector<LaneComplex>& work) const;
  // |X|^2 of frames t0 .. t0+7 (librosa's float32 power spectrogram), bins() values per lane, from a
  // float32 transform of eight frames at once (see Lane8): it differs from the power of FrameLanes'
  // spectrum by float32 rounding, ~1e-7 of the frame's power.
  void PowerLanes(std::size_t t0, Lane8* power, std::vector<LaneComplex8>& work) const;

 private:
  // Frame t's nFft samples of the padded signal: a pointer into y, or `edge` (nFft values) filled.
  const float* FrameSamples(std::size_t t, float* edge) const;
  // Frames t0 .. t0+3 windowed and packed (see RealFft::ForwardPackedLanes) into packed[0 .. nFft/2).
  void PackLanes(std::size_t t0, LaneComplex* packed) const;
  // The same for frames t0 .. t0+7 in float32.
  void PackLanes(std::size_t t0, LaneComplex8* packed) const;
  StftOptions options_;
  const float* y_ = nullptr;
  std::size_t n_ = 0, pad_ = 0;
  std::shared_ptr<const std::vector<double>> window_;
  std::vector<float> window8_;  // window_ rounded to float32, for the eight-lane frames
  std::shared_ptr<const RealFft> fft_;
  std::size_t frames_ = 0;
};

ComplexMatrix Stft(const float* y, std::size_t n, const StftOptions& options);
// |STFT|^power, `(1 + nFft/2) x frames`.
Matrix Spectrogram(const float* y, std::size_t n, const StftOptions& options, double power);

// librosa.istft, one frame at a time: weighted overlap-add of inverse FFTs, divided by the summed
// squared window. Accumulates in double as the TS core (librosa adds into float32; the difference
// is below 1e-6 relative).
class OverlapAdd {
 public:
  // `frames` spectra will be offered; only those that reach the first `length` output samples
  // (after the centre padding is removed) are used, as librosa trims them.
  OverlapAdd(const StftOptions& resolved, std::size_t frames, std::size_t length);
  std::size_t frames() const { return used_; }
  // Adds frame t (t < frames()), `bins` complex values.
  void Add(std::size_t t, const Complex* spectrum);
  // Adds frames t0 .. t0+7 at once (lane l holds frame t0 + l; frames from frames() on are
  // skipped), `bins` + 1 values per lane, clobbered. Overlap-adds in the same order as Add; the lane
  // inverse FFT is float32, as librosa's of its complex64 STFT (~1e-7 from Inverse).
  bool SupportsLanes() const { return fft_->SupportsLanes(); }
  void AddLanes(std::size_t t0, LaneComplex8* spectra);
  std::vector<float> Finish() const;

 private:
  StftOptions options_;
  std::size_t length_, used_, pad_;
  PooledVector<double> signal_, windowSum_;
  std::shared_ptr<const std::vector<double>> window_;
  std::vector<double> frame_;
  std::shared_ptr<const RealFft> fft_;
  std::vector<Complex> work_;
  std::vector<float> laneFrames_;
  std::vector<LaneComplex8> laneWork_;
};

}  // namespace serkit::dsp
