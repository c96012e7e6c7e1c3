#include "decode/decode.h"

#include <sndfile.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>

#include "decode/ogg_opus.h"
#include "decode/pages.h"
#include "decode/reader.h"
#include "decode/riff_check.h"
#include "decode/sample_buffer.h"

namespace serkit::decode {
namespace {

struct Memory {
  const std::uint8_t* data;
  sf_count_t size;
  sf_count_t pos;
};

sf_count_t VioLength(void* user) { return static_cast<Memory*>(user)->size; }

sf_count_t VioSeek(sf_count_t offset, int whence, void* user) {
  Memory* m = static_cast<Memory*>(user);
  sf_count_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? m->pos : m->size;
  sf_count_t to = base + offset;
  if (to < 0) to = 0;
  if (to > m->size) to = m->size;
  m->pos = to;
  return m->pos;
}

sf_count_t VioRead(void* out, sf_count_t count, void* user) {
  Memory* m = static_cast<Memory*>(user);
  if (count <= 0) return 0;
  sf_count_t n = std::min(count, m->size - m->pos);
  if (n <= 0) return 0;
  std::memcpy(out, m->data + m->pos, static_cast<std::size_t>(n));
  m->pos += n;
  return n;
}

sf_count_t VioWrite(const void*, sf_count_t, void*) { return 0; }

sf_count_t VioTell(void* user) { return static_cast<Memory*>(user)->pos; }

// Frames asked of the reader per step.
constexpr std::int64_t kStepFrames = 4096;
// Samples reserved up front at most, whatever the header claims.
constexpr std::int64_t kMaxReserve = std::int64_t{1} << 24;

typedef std::uint32_t Bits8 __attribute__((vector_size(32)));  // GCC/Clang vector extension

// The peak |sample| of the finite samples and whether all are finite, on the bits as integers, eight
// at a time (a float max reduction does not vectorise without -ffast-math): NaN and infinities have
// every exponent bit set, and for non-negative floats the order of the bit patterns is that of the
// values.
void Levels(Decoded& out) {
  const std::size_t n = out.mono.size();
  Bits8 peak8 = {}, bad8 = {};
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    Bits8 bits;
    std::memcpy(&bits, out.mono.data() + i, sizeof bits);
    const Bits8 magnitude = bits & 0x7fffffffu;
    const Bits8 bad = magnitude >= 0x7f800000u;  // all ones where not finite
    bad8 |= bad;
    const Bits8 kept = magnitude & ~bad;
    peak8 = kept > peak8 ? kept : peak8;
  }
  std::uint32_t peak = 0, bad = 0;
  for (int k = 0; k < 8; ++k) {
    peak = std::max(peak, peak8[k]);
    bad |= bad8[k];
  }
  for (; i < n; ++i) {
    std::uint32_t bits;
    std::memcpy(&bits, out.mono.data() + i, sizeof bits);
    const std::uint32_t magnitude = bits & 0x7fffffffu;
    const bool notFinite = magnitude >= 0x7f800000u;
    bad |= notFinite;
    peak = notFinite ? peak : std::max(peak, magnitude);
  }
  std::memcpy(&out.peak, &peak, sizeof out.peak);
  out.finite = bad == 0;
}

}  // namespace

Decoded DecodeMemory(const std::uint8_t* data, std::size_t size, double maxSeconds, int opusRate) {
  if (data == nullptr || size == 0) throw DecodeError("no bytes");
  if (opusRate > 0 && LooksLikeOggOpus(data, size)) {
    Decoded out;
    const std::int64_t maxFrames =
        maxSeconds > 0 && maxSeconds < 1e9 ? static_cast<std::int64_t>(std::ceil(maxSeconds * opusRate)) : -1;
    if (DecodeOggOpus(data, size, opusRate, maxFrames, out)) {
      Levels(out);
      return out;
    }
  }
  CheckRiffChunks(data, size);
  Memory memory{data, static_cast<sf_count_t>(size), 0};
  SF_VIRTUAL_IO io{VioLength, VioSeek, VioRead, VioWrite, VioTell};
  SF_INFO info;
  std::memset(&info, 0, sizeof info);
  SndfilePtr file(sf_open_virtual(&io, SFM_READ, &info, &memory));
  if (!file) throw DecodeError(std::string("libsndfile cannot open it: ") + sf_strerror(nullptr));
  const Format format = CheckFormat(file.get(), info, opusRate);

  Decoded out;
  out.container = format.container;
  out.encoding = format.encoding;
  out.channels = format.channels;
  out.sampleRate = format.sampleRate;
  out.declaredFrames = format.declaredFrames;

  const std::int64_t limit = maxSeconds > 0 && maxSeconds < 1e9
                                 ? static_cast<std::int64_t>(std::ceil(maxSeconds * format.sampleRate))
                                 : INT64_MAX;
  std::int64_t reserve = std::min<std::int64_t>(limit, kMaxReserve);
  if (format.declaredFrames > 0) reserve = std::min<std::int64_t>(reserve, format.declaredFrames);
  // One step over: the last step's room never reallocates a file its header sized right.
  bool fresh = false;
  out.mono = TakeSampleBuffer(static_cast<std::size_t>(std::max<std::int64_t>(reserve, 0) + kStepFrames), &fresh);
  if (fresh && format.declaredFrames > 0) PopulatePages(out.mono.data(), out.mono.capacity() * sizeof(float));

  BlockReader reader(file.get(), format);
  for (;;) {
    const std::int64_t left = limit - static_cast<std::int64_t>(out.mono.size());
    if (left <= 0) break;
    const std::int64_t want = std::min<std::int64_t>(kStepFrames, left);
    const std::size_t at = out.mono.size();
    out.mono.resize(at + static_cast<std::size_t>(want));
    const std::int64_t got = reader.Read(want, out.mono.data() + at);
    out.mono.resize(at + static_cast<std::size_t>(got));
    if (got < want) break;
  }
  CheckFinished(file.get());
  if (out.mono.empty()) throw DecodeError("no samples decoded");
  Levels(out);
  return out;
}

std::string LibraryVersion() {
  const char* v = sf_version_string();
  return v == nullptr ? "libsndfile" : v;
}

}  // namespace serkit::decode
