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

namespace serkit::dsp {

// A vector taken from a small per-thread pool and given back (cleared, capacity kept) when it goes
// out of scope: the large temporaries of resampling and the phase vocoder reuse the same memory
// clip after clip instead of faulting in fresh pages. Safe to nest (each one owns its vector).
template <typename T>
class PooledVector {
 public:
  PooledVector() {
    std::vector<std::vector<T>>& pool = Pool();
    if (!pool.empty()) {
      v_ = std::move(pool.back());
      pool.pop_back();
    }
  }
  ~PooledVector() {
    v_.clear();
    std::vector<std::vector<T>>& pool = Pool();
    if (v_.capacity() * sizeof(T) <= (std::size_t{8} << 20) && pool.size() < 8) pool.push_back(std::move(v_));
  }
  PooledVector(const PooledVector&) = delete;
  PooledVector& operator=(const PooledVector&) = delete;
  std::vector<T>& operator*() { return v_; }
  const std::vector<T>& operator*() const { return v_; }
  std::vector<T>* operator->() { return &v_; }
  const std::vector<T>* operator->() const { return &v_; }

 private:
  static std::vector<std::vector<T>>& Pool() {
    thread_local std::vector<std::vector<T>> pool;
    return pool;
  }
  std::vector<T> v_;
};

}  // namespace serkit::dsp
