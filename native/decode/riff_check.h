// A guard in front of libsndfile for WAV files: libsndfile 1.2.0 loops for minutes (endlessly, as
// far as was waited) on a LIST chunk whose sub-chunk claims more bytes than the LIST holds (found
// by fuzz_decode: a 158-byte file). Such files go to the WebAssembly decoders instead, which give
// them their typed error or decode them.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace serkit::decode {

// For little-endian RIFF data: throws DecodeError when a chunk other than 'data' runs past the end
// of the bytes (a cut 'data' chunk is common and libsndfile reads what is there) or a LIST chunk's
// sub-chunks run past the LIST. Other bytes pass untouched.
void CheckRiffChunks(const std::uint8_t* data, std::size_t size);

// The same check on a file, reading only its chunk headers (the stream path opens files by path).
void CheckRiffFile(const std::string& path);

}  // namespace serkit::decode
