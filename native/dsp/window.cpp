#include "dsp/window.h"

#include <cmath>

namespace serkit::dsp {

std::vector<double> MakeWindow(WindowName name, std::size_t winLength, std::size_t nFft) {
  std::vector<double> window(nFft, 0.0);
  const std::size_t offset = (nFft - winLength) / 2;
  const double pi = 3.14159265358979323846;
  for (std::size_t i = 0; i < winLength; ++i) {
    // scipy's general_cosine on linspace(-pi, pi, N + 1): a0 - a1 * cos(2 pi i / N).
    const double c = std::cos(2.0 * pi * static_cast<double>(i) / static_cast<double>(winLength));
    double w = 1.0;
    if (name == WindowName::kHann) w = 0.5 - 0.5 * c;
    if (name == WindowName::kHamming) w = 0.54 - 0.46 * c;
    window[offset + i] = w;
  }
  return window;
}

}  // namespace serkit::dsp
