#include "decode/riff_check.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

#include "decode/decode.h"
#include "decode/little_endian.h"

namespace serkit::decode {
namespace {

// Chunks are padded to an even length.
std::uint64_t Padded(std::uint64_t n) { return n + (n & 1); }

// Walks the chunk headers through `read(offset, 8 bytes, dst) -> bool` over `size` bytes.
template <typename Read>
void Walk(Read read, std::uint64_t size) {
  std::uint8_t head[8];
  if (size < 12 || !read(0, head) || std::memcmp(head, "RIFF", 4) != 0) return;
  std::uint64_t at = 12;
  while (at + 8 <= size && read(at, head)) {
    const std::uint64_t length = ReadU32LE(head + 4);
    const std::uint64_t end = at + 8 + length;
    if (std::memcmp(head, "data", 4) == 0) {
      if (end >= size) return;  // the audio runs to the end of the bytes, or is cut short
    } else if (end > size) {
      throw DecodeError("a WAV chunk that runs past the end of the file");
    }
    if (std::memcmp(head, "LIST", 4) == 0) {
      std::uint64_t sub = at + 12;  // after the list type ('INFO', 'adtl'...)
      while (sub + 8 <= end && read(sub, head)) {
        sub += 8 + Padded(ReadU32LE(head + 4));
        // The last sub-chunk's pad byte may be missing.
        if (sub > end + 1) throw DecodeError("a WAV LIST chunk whose sub-chunk runs past it");
      }
    }
    at = end + (length & 1);
  }
}

}  // namespace

void CheckRiffChunks(const std::uint8_t* data, std::size_t size) {
  Walk(
      [&](std::uint64_t at, std::uint8_t* dst) {
        if (at + 8 > size) return false;
        std::memcpy(dst, data + at, 8);
        return true;
      },
      size);
}

void CheckRiffFile(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;  // libsndfile's open reports it
  struct stat info;
  try {
    if (fstat(fd, &info) == 0 && S_ISREG(info.st_mode)) {
      Walk([&](std::uint64_t at, std::uint8_t* dst) { return pread(fd, dst, 8, static_cast<off_t>(at)) == 8; },
           static_cast<std::uint64_t>(info.st_size));
    }
  } catch (...) {
    close(fd);
    throw;
  }
  close(fd);
}

}  // namespace serkit::decode
