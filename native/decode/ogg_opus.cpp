#include "decode/ogg_opus.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "decode/little_endian.h"
#include "decode/pages.h"
#include "decode/sample_buffer.h"

#if SERKIT_HAVE_OGG_OPUS
#include <ogg/ogg.h>
#include <opus/opus.h>
#endif

namespace serkit::decode {
namespace {

constexpr std::size_t kPageHeader = 27;  // bytes before an Ogg page's segment table

}  // namespace

bool LooksLikeOggOpus(const std::uint8_t* data, std::size_t size) {
  if (data == nullptr || size < kPageHeader || std::memcmp(data, "OggS", 4) != 0) return false;
  const std::size_t body = kPageHeader + data[26];
  return size >= body + 8 && std::memcmp(data + body, "OpusHead", 8) == 0;
}

#if !SERKIT_HAVE_OGG_OPUS

bool DecodeOggOpus(const std::uint8_t*, std::size_t, int, std::int64_t, Decoded&) { return false; }

#else

namespace {

// The granule position (48 kHz samples) of the last page of stream `serial`, from the page headers
// alone: only to size the output before decoding (libogg checks every page's checksum then). -1 if
// no page has one.
std::int64_t LastGranule(const std::uint8_t* data, std::size_t size, std::uint32_t serial) {
  std::int64_t granule = -1;
  std::size_t at = 0;
  while (at + kPageHeader <= size && std::memcmp(data + at, "OggS", 4) == 0) {
    const std::size_t segments = data[at + 26];
    if (at + kPageHeader + segments > size) break;
    std::size_t end = at + kPageHeader + segments;
    for (std::size_t i = 0; i < segments; ++i) end += data[at + kPageHeader + i];
    if (end > size) break;
    std::uint64_t g = 0;
    for (int i = 7; i >= 0; --i) g = g << 8 | data[at + 6 + i];
    if (ReadU32LE(data + at + 14) == serial && static_cast<std::int64_t>(g) >= 0) granule = static_cast<std::int64_t>(g);
    at = end;
  }
  return granule;
}

struct OpusHead {
  int channels = 0;
  int preSkip = 0;  // 48 kHz samples
  int gain = 0;     // Q7.8 dB
  int family = 0;
};

// RFC 7845 section 5.1.
OpusHead ParseHead(const ogg_packet& packet) {
  const unsigned char* p = packet.packet;
  if (packet.bytes < 19 || std::memcmp(p, "OpusHead", 8) != 0) throw DecodeError("Opus: the first packet is not an OpusHead");
  if (p[8] >> 4 != 0) throw DecodeError("Opus: unsupported header version");
  OpusHead head;
  head.channels = p[9];
  head.preSkip = p[10] | p[11] << 8;
  head.gain = static_cast<std::int16_t>(p[16] | p[17] << 8);
  head.family = p[18];
  if (head.channels < 1) throw DecodeError("Opus: the header declares no channels");
  return head;
}

// libogg's state, fed the file a block at a time (its buffer then stays small whatever the file).
class OggReader {
 public:
  OggReader(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) { ogg_sync_init(&sync_); }
  ~OggReader() {
    if (streaming_) ogg_stream_clear(&stream_);
    ogg_sync_clear(&sync_);
  }
  OggReader(const OggReader&) = delete;
  OggReader& operator=(const OggReader&) = delete;

  // The next packet of the first logical stream (pages of other streams are passed over); false at
  // its end. Throws DecodeError on corrupt or missing data.
  bool NextPacket(ogg_packet* packet) {
    for (;;) {
      if (streaming_) {
        const int got = ogg_stream_packetout(&stream_, packet);
        if (got < 0) throw DecodeError("Opus: data missing between Ogg pages");
        if (got > 0) return true;
        if (ended_) return false;
      }
      ogg_page page;
      if (!NextPage(&page)) return false;
      if (!streaming_) {
        if (!ogg_page_bos(&page)) throw DecodeError("Opus: the first Ogg page does not begin a stream");
        ogg_stream_init(&stream_, ogg_page_serialno(&page));
        streaming_ = true;
      }
      if (ogg_page_serialno(&page) != stream_.serialno) continue;
      if (ogg_stream_pagein(&stream_, &page) != 0) throw DecodeError("Opus: an Ogg page out of place");
      if (ogg_page_granulepos(&page) >= 0) granule_ = ogg_page_granulepos(&page);
      ended_ = ogg_page_eos(&page) != 0;
    }
  }

  std::uint32_t serial() const { return static_cast<std::uint32_t>(stream_.serialno); }
  // The granule position of the last page read (-1 before any).
  std::int64_t granule() const { return granule_; }

 private:
  bool NextPage(ogg_page* page) {
    constexpr std::size_t kBlock = 64 * 1024;
    for (;;) {
      const int got = ogg_sync_pageout(&sync_, page);
      if (got > 0) return true;
      if (got < 0) throw DecodeError("Opus: a corrupt Ogg page (lost sync or a bad checksum)");
      if (fed_ == size_) return false;
      const std::size_t n = std::min(kBlock, size_ - fed_);
      char* buffer = ogg_sync_buffer(&sync_, static_cast<long>(n));
      if (buffer == nullptr) throw DecodeError("Opus: out of memory");
      std::memcpy(buffer, data_ + fed_, n);
      ogg_sync_wrote(&sync_, static_cast<long>(n));
      fed_ += n;
    }
  }

  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t fed_ = 0;
  ogg_sync_state sync_;
  ogg_stream_state stream_;
  bool streaming_ = false;
  bool ended_ = false;
  std::int64_t granule_ = -1;
};

struct DecoderCloser {
  void operator()(OpusDecoder* d) const { opus_decoder_destroy(d); }
};

}  // namespace

bool DecodeOggOpus(const std::uint8_t* data, std::size_t size, int rate, std::int64_t maxFrames, Decoded& out) {
  if (rate != 8000 && rate != 12000 && rate != 16000 && rate != 24000 && rate != 48000) return false;
  const int factor = 48000 / rate;
  OggReader ogg(data, size);
  ogg_packet packet;
  if (!ogg.NextPacket(&packet)) throw DecodeError("Opus: no packets");
  const OpusHead head = ParseHead(packet);
  if (head.family != 0 || head.channels > 2) return false;  // multistream layouts: libsndfile's

  int error = 0;
  std::unique_ptr<OpusDecoder, DecoderCloser> decoder(opus_decoder_create(rate, head.channels, &error));
  if (error != OPUS_OK || !decoder) throw DecodeError(std::string("libopus: ") + opus_strerror(error));
  if (head.gain != 0 && opus_decoder_ctl(decoder.get(), OPUS_SET_GAIN(head.gain)) != OPUS_OK)
    throw DecodeError("libopus: the header's output gain is out of range");
  if (!ogg.NextPacket(&packet) || packet.bytes < 8 || std::memcmp(packet.packet, "OpusTags", 8) != 0)
    throw DecodeError("Opus: the second packet is not an OpusTags");

  // Output frames the stream holds by its last page: sizes the output (and maps its pages) up front.
  const std::int64_t lastGranule = LastGranule(data, size, ogg.serial());
  const std::int64_t declared = lastGranule > head.preSkip ? (lastGranule - head.preSkip) / factor : 0;
  const std::int64_t limit = maxFrames < 0 ? INT64_MAX : maxFrames;
  const int maxPacketFrames = rate * 120 / 1000;  // the longest Opus packet, 120 ms
  bool fresh = false;
  std::vector<float> mono = TakeSampleBuffer(static_cast<std::size_t>(std::min(declared, limit) + maxPacketFrames), &fresh);
  if (fresh && declared > 0) PopulatePages(mono.data(), mono.capacity() * sizeof(float));

  std::vector<float> pcm(static_cast<std::size_t>(maxPacketFrames * head.channels));
  std::int64_t skip = head.preSkip / factor;  // output frames still to drop at the start
  while (static_cast<std::int64_t>(mono.size()) < limit && ogg.NextPacket(&packet)) {
    const int frames = opus_decode_float(decoder.get(), packet.packet, static_cast<opus_int32>(packet.bytes),
                                         pcm.data(), maxPacketFrames, 0);
    if (frames < 0) throw DecodeError(std::string("libopus: ") + opus_strerror(frames));
    const int from = static_cast<int>(std::min<std::int64_t>(skip, frames));
    skip -= from;
    if (head.channels == 1) {
      mono.insert(mono.end(), pcm.begin() + from, pcm.begin() + frames);
    } else {
      for (int i = from; i < frames; ++i)
        mono.push_back(static_cast<float>((static_cast<double>(pcm[2 * i]) + static_cast<double>(pcm[2 * i + 1])) / 2));
    }
  }
  // RFC 7845 section 4.4: the last page's granule position ends the audio (the encoder's padding
  // after it is not part of the signal).
  const std::int64_t endGranule = ogg.granule();
  if (endGranule >= head.preSkip) {
    const std::int64_t end = (endGranule - head.preSkip) / factor;
    if (static_cast<std::int64_t>(mono.size()) > end) mono.resize(static_cast<std::size_t>(end));
  }
  if (static_cast<std::int64_t>(mono.size()) > limit) mono.resize(static_cast<std::size_t>(limit));
  if (mono.empty()) throw DecodeError("no samples decoded");

  out.mono = std::move(mono);
  out.sampleRate = rate;
  out.channels = head.channels;
  out.declaredFrames = declared;
  out.container = "ogg";
  out.encoding = "opus";
  return true;
}

#endif

}  // namespace serkit::decode
