// Per-thread scratch vectors are kept between calls (a corpus is featurised clip after clip, and a
// fresh buffer per call costs page faults), but not after one huge request: ReleaseIfLarge frees a
// buffer above 8 MB.
#pragma once
#include <cstddef>
#include <vector>

namespace serkit::dsp {

template <typename T>
void ReleaseIfLarge(std::vector<T>& v) {
  if (v.capacity() * sizeof(T) > (std::size_t{8} << 20)) std::vector<T>().swap(v);
}

}  // namespace serkit::dsp
