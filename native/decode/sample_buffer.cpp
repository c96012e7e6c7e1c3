#include "decode/sample_buffer.h"

#include <utility>

namespace serkit::decode {
namespace {

constexpr std::size_t kMaxKeptFloats = std::size_t{4} << 20;

// Worker threads decode on their own: one buffer each.
thread_local std::vector<float> kept;

}  // namespace

std::vector<float> TakeSampleBuffer(std::size_t frames, bool* fresh) {
  std::vector<float> out = std::move(kept);
  kept = std::vector<float>();
  out.clear();
  *fresh = out.capacity() < frames;
  if (*fresh) out.reserve(frames);
  return out;
}

void KeepSampleBuffer(std::vector<float>&& buffer) {
  if (buffer.capacity() > kMaxKeptFloats || buffer.capacity() <= kept.capacity()) return;
  kept = std::move(buffer);
}

}  // namespace serkit::decode
