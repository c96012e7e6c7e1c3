// What DecodeMemory and the file stream share: checking the format libsndfile opened, reading
// mono blocks with the TS core's arithmetic, and the end-of-file error checks.
#pragma once
#include <sndfile.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "decode/decode.h"

namespace serkit::decode {

struct SndfileCloser {
  void operator()(SNDFILE* f) const { sf_close(f); }
};
using SndfilePtr = std::unique_ptr<SNDFILE, SndfileCloser>;

// How the samples come out of libsndfile.
enum class SampleRead { kInt, kFloat, kDouble };

struct Format {
  const char* container = nullptr;
  const char* encoding = nullptr;
  SampleRead read = SampleRead::kFloat;
  int channels = 0;
  int sampleRate = 0;
  std::int64_t declaredFrames = 0;
};

// Checks what libsndfile opened is a container/encoding serkit decodes natively, with a sane
// channel count and rate; for Opus with `opusRate` > 0, switches the decoder to that rate.
// Throws DecodeError otherwise.
Format CheckFormat(SNDFILE* file, SF_INFO& info, int opusRate);

// Reads mono frames from an open file: up to `want` per call, mixed down exactly as the core's
// mixToMono (integers scaled to 1 / 2^(bits-1), channels averaged in double).
class BlockReader {
 public:
  BlockReader(SNDFILE* file, const Format& format) : file_(file), read_(format.read), channels_(format.channels) {}
  // Writes up to `want` frames to `dst`; returns how many (fewer only at the end of the audio).
  // Throws DecodeError when libsndfile reports an error after a read.
  std::int64_t Read(std::int64_t want, float* dst);

 private:
  template <typename T, typename ToFloat>
  std::int64_t ReadAs(sf_count_t (*readf)(SNDFILE*, T*, sf_count_t), std::vector<T>& scratch, std::int64_t want,
                      float* dst, ToFloat toFloat);
  SNDFILE* file_;
  SampleRead read_;
  int channels_;
  std::vector<int> ints_;
  std::vector<float> floats_;
  std::vector<double> doubles_;
};

// After the last read: throws DecodeError for an error libsndfile holds or only logged.
void CheckFinished(SNDFILE* file);

}  // namespace serkit::decode
