// A file decoded block by block through libsndfile (opened by path, never read whole), mixed down
// to mono with DecodeMemory's arithmetic: long recordings in bounded memory.
#pragma once
#include <cstdint>
#include <string>

#include "decode/reader.h"

namespace serkit::decode {

class FileStream {
 public:
  // Opens `path` read-only; `opusRate` as for DecodeMemory. Throws DecodeError when libsndfile
  // cannot open it or it is not a format serkit decodes natively.
  FileStream(const std::string& path, int opusRate);

  // Writes the next (up to) `maxFrames` mono frames to `dst`; returns how many, 0 once the audio has
  // ended. The read that meets the end also runs DecodeMemory's end checks. Throws DecodeError on
  // any libsndfile error (the stream is then closed), and when the stream is closed.
  std::int64_t Read(std::int64_t maxFrames, float* dst);
  // Releases the file; safe to call again.
  void Close();

  bool closed() const { return file_ == nullptr; }
  const Format& format() const { return format_; }
  // Frames read so far.
  std::int64_t frames() const { return frames_; }

 private:
  SndfilePtr file_;
  Format format_;
  std::unique_ptr<BlockReader> reader_;
  std::int64_t frames_ = 0;
  bool ended_ = false;
};

}  // namespace serkit::decode
