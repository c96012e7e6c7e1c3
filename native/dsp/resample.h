// Band-limited resampling by FFT, as librosa.resample(res_type='fft') = scipy.signal.resample.
#pragma once
#include <cstddef>
#include <vector>

namespace serkit::dsp {

// Output length ceil(n * target / orig) (librosa's), computed in double as librosa does.
std::size_t ResampledLength(std::size_t n, double origSampleRate, double targetSampleRate);

std::vector<float> Resample(const float* y, std::size_t n, double origSampleRate, double targetSampleRate);

}  // namespace serkit::dsp
