#include "decode/stream.h"

#include <cstring>

#include "decode/riff_check.h"

namespace serkit::decode {

FileStream::FileStream(const std::string& path, int opusRate) {
  SF_INFO info;
  std::memset(&info, 0, sizeof info);
  CheckRiffFile(path);
  file_.reset(sf_open(path.c_str(), SFM_READ, &info));
  if (!file_) throw DecodeError(std::string("libsndfile cannot open it: ") + sf_strerror(nullptr));
  format_ = CheckFormat(file_.get(), info, opusRate);
  reader_ = std::make_unique<BlockReader>(file_.get(), format_);
}

std::int64_t FileStream::Read(std::int64_t maxFrames, float* dst) {
  if (!file_) throw DecodeError("the stream is closed");
  if (ended_ || maxFrames <= 0) return 0;
  try {
    const std::int64_t got = reader_->Read(maxFrames, dst);
    frames_ += got;
    if (got < maxFrames) {
      ended_ = true;
      CheckFinished(file_.get());
      if (frames_ == 0) throw DecodeError("no samples decoded");
    }
    return got;
  } catch (...) {
    // A failed stream gives nothing more: the caller falls back to another decoder.
    Close();
    throw;
  }
}

void FileStream::Close() {
  reader_.reset();
  file_.reset();
}

}  // namespace serkit::decode
