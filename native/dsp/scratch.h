// Per-thread scratch memory kept between calls (a corpus is featurised clip after clip, and a
// fresh buffer per call costs page faults), but not after one huge request: ReleaseIfLarge frees a
// buffer above 8 MB; PooledVector lends vectors from a small per-thread pool; Scratch<T, Tag> is one
// growing buffer per use site.
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

// Scratch memory kept per thread between calls (a corpus of clips reuses it), up to 32 MB; a larger
// request gets a buffer of its own, freed when the call ends, so one huge signal does not leave
// gigabytes resident on the thread. Each use site has its own Tag (buffers of nested calls must not
// alias).
template <typename T, int Tag>
class Scratch {
 public:
  explicit Scratch(std::size_t values) {
    thread_local std::vector<T> kept;
    if (values * sizeof(T) <= (std::size_t{32} << 20)) {
      if (kept.size() < values) kept.resize(values);
      data_ = kept.data();
    } else {
      own_.resize(values);
      data_ = own_.data();
    }
  }
  T* data() const { return data_; }

 private:
  std::vector<T> own_;
  T* data_ = nullptr;
};

}  // namespace serkit::dsp
