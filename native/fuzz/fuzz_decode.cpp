// libFuzzer target: native/decode over arbitrary bytes (libsndfile picks the container from them).
// Whatever the bytes, DecodeMemory returns finite-length mono samples or throws DecodeError; the
// fuzzer reports crashes, sanitizer findings and leaks in serkit's wrapper (libsndfile itself is the
// system's uninstrumented build, so coverage guidance stops at its boundary: fuzz.sh seeds the corpus
// with a valid file of every format). Built only when pkg-config finds libsndfile.
#include <cstdint>
#include <cstdlib>

#include "decode/decode.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // The first byte picks a cap (none, or 0.1-25.5 s) and an Opus rate, like the callers do.
  const double maxSeconds = data[0] % 4 == 0 ? 0 : (data[0] % 255) / 10.0;
  const int rates[] = {0, 8000, 16000, 48000};
  const int opusRate = rates[(data[0] >> 6) & 3];
  try {
    const serkit::decode::Decoded out = serkit::decode::DecodeMemory(data + 1, size - 1, maxSeconds, opusRate);
    if (out.mono.empty() || out.channels < 1 || out.channels > serkit::decode::kMaxChannels || out.sampleRate < 1)
      std::abort();
  } catch (const serkit::decode::DecodeError&) {
  }
  return 0;
}
