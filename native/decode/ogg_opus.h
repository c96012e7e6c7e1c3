// Ogg Opus decoded straight through libogg + libopus's single-stream decoder, for the files speech
// encoders write (channel mapping family 0: mono or stereo). Why not libsndfile, which decodes them
// too: it goes through libopus's multistream API, whose every decode call sizes its decoders with
// opus_decoder_get_size, and in Debian's libopus (custom modes on) each of those runs CPUID; in a
// VM every CPUID traps to the hypervisor, so half of a clip's decoding time went there (13.4 ms
// against 2.0 ms here for a 3.6 s clip at 16 kHz, measured on this project's 2-core VMs).
#pragma once
#include <cstddef>
#include <cstdint>

#include "decode/decode.h"

namespace serkit::decode {

// True when `data` starts with an Ogg page whose first packet is an OpusHead (RFC 7845).
bool LooksLikeOggOpus(const std::uint8_t* data, std::size_t size);

// Decodes an Ogg Opus stream of channel mapping family 0 at `rate` (8000, 12000, 16000, 24000 or
// 48000) into `out`, as RFC 7845 plays it: the header's pre-skip dropped, the end trimmed to the
// last page's granule position, the header's output gain applied; stereo averaged in double as
// DecodeMemory does. Keeps at most `maxFrames` frames (< 0: all). Returns false, leaving `out`
// untouched, for Opus streams it leaves to libsndfile (other channel mappings); throws DecodeError
// for a stream it cannot decode (corrupt pages, missing data, packets libopus rejects).
bool DecodeOggOpus(const std::uint8_t* data, std::size_t size, int rate, std::int64_t maxFrames, Decoded& out);

}  // namespace serkit::decode
