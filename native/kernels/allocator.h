// How the process's malloc treats freed memory during training.
#pragma once

namespace serkit::kernels {

// Keeps freed memory in the heap for reuse instead of handing it back to the system after each large
// free. glibc's defaults map every block above a dynamic threshold (128 KB, rising to at most
// 32 MB) on its own and unmap it when freed, and trim the heap top beyond 128 KB; a training step
// allocates and frees tensors of the same few megabyte sizes over and over, so every step paid page
// faults and zero fills for fresh memory (13-16 % of a cnn-logmel step, measured). Blocks up to
// 32 MB (glibc's largest threshold) then come from the heap, which is trimmed only beyond 1 GB free
// at its top. Process-wide;
// returns false where it does nothing (not glibc, or a sanitizer's allocator).
bool RetainFreedMemory();

}  // namespace serkit::kernels
