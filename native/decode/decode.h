// Whole-file audio decoding from memory through libsndfile (WAV, FLAC, Ogg Vorbis, Opus, MP3),
// mixed down to mono with the TS core's arithmetic. Compiled only when libsndfile is found.
#pragma once
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace serkit::decode {

// Why libsndfile could not (or was not allowed to) decode the bytes. The TS side then falls back to
// the WebAssembly decoders, which give the typed error for the file.
class DecodeError : public std::runtime_error {
 public:
  explicit DecodeError(const std::string& reason) : std::runtime_error(reason) {}
};

struct Decoded {
  std::vector<float> mono;
  int sampleRate = 0;
  int channels = 0;
  // Frames the header declares (FLAC STREAMINFO, WAV data size...); libsndfile's estimate otherwise.
  std::int64_t declaredFrames = 0;
  // 'wav', 'flac', 'ogg', 'mpeg' (libsndfile's major format).
  std::string container;
  // 'pcm_u8', 'pcm_s8', 'pcm_s16', 'pcm_s24', 'pcm_s32', 'float', 'double', 'vorbis', 'opus', 'mp1', 'mp2', 'mp3'.
  std::string encoding;
  // Largest |sample| of `mono`, and whether every sample is finite: measured here so the caller's
  // checks need no second pass over the samples in JavaScript.
  float peak = 0;
  bool finite = true;
};

// Most channels accepted (a hostile header could claim thousands).
constexpr int kMaxChannels = 64;

// Decodes `size` bytes at `data`; keeps at most the first `maxSeconds` (0: all), rounded up to a frame. Integer PCM and FLAC are
// scaled by 1 / 2^(bits-1) exactly as the core's WAV reader; channels are averaged in double after
// rounding each to float32, as the core's mixToMono. Throws DecodeError on any failure (also when
// libsndfile reports an error while reading, e.g. a corrupt FLAC frame it replaced with silence).
// `opusRate` (8000, 12000, 16000, 24000 or 48000; 0: libsndfile's choice) is the rate Opus decodes to.
Decoded DecodeMemory(const std::uint8_t* data, std::size_t size, double maxSeconds, int opusRate = 0);

// libsndfile's version string ("libsndfile-1.2.0").
std::string LibraryVersion();

}  // namespace serkit::decode
