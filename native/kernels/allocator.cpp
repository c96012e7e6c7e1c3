#include "kernels/allocator.h"

#include <cstdlib>  // defines __GLIBC__ on glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace serkit::kernels {

bool RetainFreedMemory() {
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
  // 32 MB: the largest mmap threshold glibc accepts on 64-bit systems.
  return mallopt(M_MMAP_THRESHOLD, 32 << 20) == 1 && mallopt(M_TRIM_THRESHOLD, 1 << 30) == 1;
#else
  return false;
#endif
}

}  // namespace serkit::kernels
