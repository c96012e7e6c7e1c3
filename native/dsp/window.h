// Analysis windows as scipy.signal.get_window(..., fftbins=True), centred in nFft samples.
#pragma once
#include <cstddef>
#include <memory>
#include <vector>

namespace serkit::dsp {

enum class WindowName { kHann, kHamming, kRectangular };

// Periodic window of winLength samples zero-padded (centred, librosa's pad_center) to nFft.
std::vector<double> MakeWindow(WindowName name, std::size_t winLength, std::size_t nFft);
// MakeWindow through a small shared cache: every STFT of a corpus asks for the same window.
std::shared_ptr<const std::vector<double>> CachedWindow(WindowName name, std::size_t winLength, std::size_t nFft);

}  // namespace serkit::dsp
