// Memory for decoded samples. Each decode's output is fresh memory (the previous ones live on in JS
// until collected), which faults once per 4 KB page on first touch; on the VMs this project runs on
// a fault costs microseconds, and a 3.5 s FLAC clip's 60 faults took longer than decoding it.
// PopulatePages maps a range at once (MADV_POPULATE_WRITE, Linux 5.14+): decoding RAVDESS in process
// takes 0.82x the CPU time (median of 8 A/B runs). Elsewhere, or when the kernel refuses, the pages
// fault in as before. (Tried for the FFT plans of clip lengths too: no gain there, their memory is
// mostly reused.) Only a length the header declares is populated: a reserve sized by a guess (up to
// 64 MB) would map pages that are never used.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace serkit::decode {

// Maps the whole pages inside [data, data + bytes) for writing, if the platform can.
inline void PopulatePages(void* data, std::size_t bytes) {
#if defined(__linux__)
  constexpr int kPopulateWrite = 23;  // MADV_POPULATE_WRITE, missing from older headers
  constexpr std::uintptr_t kPage = 4096;
  const std::uintptr_t begin = (reinterpret_cast<std::uintptr_t>(data) + kPage - 1) & ~(kPage - 1);
  const std::uintptr_t end = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(kPage - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, kPopulateWrite);  // best effort
#else
  (void)data;
  (void)bytes;
#endif
}

// std::allocator whose resize() without a value leaves new elements uninitialised (the decoder
// writes them next): zero-filling each block first cost as much as a tenth of decoding.
template <typename T>
struct DefaultInitAllocator {
  using value_type = T;
  DefaultInitAllocator() = default;
  template <typename U>
  DefaultInitAllocator(const DefaultInitAllocator<U>&) {}
  T* allocate(std::size_t n) { return std::allocator<T>().allocate(n); }
  void deallocate(T* p, std::size_t n) { std::allocator<T>().deallocate(p, n); }
  template <typename U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};
template <typename T, typename U>
bool operator==(const DefaultInitAllocator<T>&, const DefaultInitAllocator<U>&) {
  return true;
}
template <typename T, typename U>
bool operator!=(const DefaultInitAllocator<T>&, const DefaultInitAllocator<U>&) {
  return false;
}

template <typename T>
using SampleVector = std::vector<T, DefaultInitAllocator<T>>;

}  // namespace serkit::decode
