#include "dsp/window.h"

#include <cmath>
#include <mutex>
#include <tuple>

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

std::shared_ptr<const std::vector<double>> CachedWindow(WindowName name, std::size_t winLength, std::size_t nFft) {
  static std::mutex mutex;
  static std::vector<std::tuple<WindowName, std::size_t, std::size_t, std::shared_ptr<const std::vector<double>>>> recent;
  {
    std::lock_guard<std::mutex> lock(mutex);
    for (const auto& e : recent)
      if (std::get<0>(e) == name && std::get<1>(e) == winLength && std::get<2>(e) == nFft) return std::get<3>(e);
  }
  auto window = std::make_shared<const std::vector<double>>(MakeWindow(name, winLength, nFft));
  std::lock_guard<std::mutex> lock(mutex);
  if (recent.size() >= 8) recent.erase(recent.begin());
  recent.emplace_back(name, winLength, nFft, window);
  return window;
}

}  // namespace serkit::dsp
