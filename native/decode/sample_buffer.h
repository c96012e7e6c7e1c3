// One buffer per thread that every decode fills, then copies out to a JavaScript Float32Array.
// Why not hand the decoded vector to JS as an external ArrayBuffer (no copy), as before: its
// finalizer runs only when a full GC collects the wrapper, so each decode wrote into memory fresh
// from the kernel, and on the VMs this project runs on the first touch of such a page costs
// microseconds even after MADV_POPULATE_WRITE (the hypervisor maps it then). A 3.6 s WAV clip took
// 0.7 ms of CPU to decode that way against 0.3 ms with this buffer and the copy: V8 frees ArrayBuffers
// it allocated itself at the next scavenge, so their memory comes back warm.
#pragma once
#include <cstddef>
#include <vector>

namespace serkit::decode {

// This thread's buffer, emptied, with room for at least `frames` floats. `fresh` is set when it had
// to grow (new memory: worth PopulatePages).
std::vector<float> TakeSampleBuffer(std::size_t frames, bool* fresh);

// Gives the buffer back for the next TakeSampleBuffer on this thread (freed if over 16 MB, the size
// of a 4-minute clip at 16 kHz, so a long file does not pin its memory).
void KeepSampleBuffer(std::vector<float>&& buffer);

}  // namespace serkit::decode
