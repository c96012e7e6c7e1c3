#include "decode/stream.h"

#include <cstring>

namespace serkit::decode {

FileStream::FileStream(const std::string& path, int opusRate) {
  SF_INFO info;
  std::memset(&info, 0, sizeof info);
  file_.reset(sf_open(path.c_str(), SFM_READ, &info));
  if (!file_) throw DecodeError(std::string("libsndfile cannot open it: ") + sf_strerror(nullptr));
  format_ = CheckFormat(file_.get(), info, opusRate);
  reader_ = std::make_unique<BlockReader>(file_.get(), format_);
}

std::vector<float> FileStream::Read(std::int64_t maxFrames) {
  if (!file_) throw DecodeError("the stream is closed");
  std::vector<float> out;
  if (ended_ || maxFrames <= 0) return out;
  try {
    out.resize(static_cast<std::size_t>(maxFrames));
    const std::int64_t got = reader_->Read(maxFrames, out.data());
    out.resize(static_cast<std::size_t>(got));
    frames_ += got;
    if (got < maxFrames) {
      ended_ = true;
      CheckFinished(file_.get());
      if (frames_ == 0) throw DecodeError("no samples decoded");
    }
  } catch (...) {
    // A failed stream gives nothing more: the caller falls back to another decoder.
    Close();
    throw;
  }
  if (out.capacity() > out.size() * 2) out.shrink_to_fit();
  return out;
}

void FileStream::Close() {
  reader_.reset();
  file_.reset();
}

}  // namespace serkit::decode
