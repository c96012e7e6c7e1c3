// Reading little-endian integers from bytes (Ogg page headers, RIFF chunk headers).
#pragma once
#include <cstdint>

namespace serkit::decode {

inline std::uint32_t ReadU32LE(const std::uint8_t* p) {
  return p[0] | p[1] << 8 | p[2] << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

}  // namespace serkit::decode
