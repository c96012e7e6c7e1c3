#include "decode/decode.h"

#include <sndfile.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>

namespace serkit::decode {
namespace {

struct Memory {
  const std::uint8_t* data;
  sf_count_t size;
  sf_count_t pos;
};

sf_count_t VioLength(void* user) { return static_cast<Memory*>(user)->size; }

sf_count_t VioSeek(sf_count_t offset, int whence, void* user) {
  Memory* m = static_cast<Memory*>(user);
  sf_count_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? m->pos : m->size;
  sf_count_t to = base + offset;
  if (to < 0) to = 0;
  if (to > m->size) to = m->size;
  m->pos = to;
  return m->pos;
}

sf_count_t VioRead(void* out, sf_count_t count, void* user) {
  Memory* m = static_cast<Memory*>(user);
  if (count <= 0) return 0;
  sf_count_t n = std::min(count, m->size - m->pos);
  if (n <= 0) return 0;
  std::memcpy(out, m->data + m->pos, static_cast<std::size_t>(n));
  m->pos += n;
  return n;
}

sf_count_t VioWrite(const void*, sf_count_t, void*) { return 0; }

sf_count_t VioTell(void* user) { return static_cast<Memory*>(user)->pos; }

struct Closer {
  void operator()(SNDFILE* f) const { sf_close(f); }
};

enum class Read { kInt, kFloat, kDouble };

const char* ContainerName(int major) {
  switch (major) {
    case SF_FORMAT_WAV:
    case SF_FORMAT_WAVEX:
      return "wav";
    case SF_FORMAT_FLAC:
      return "flac";
    case SF_FORMAT_OGG:
      return "ogg";
    case SF_FORMAT_MPEG:
      return "mpeg";
    default:
      return nullptr;
  }
}

// The encodings serkit's in-process path also decodes; others (A-law, ADPCM...) stay with the fallback.
bool Encoding(int sub, const char** name, Read* read) {
  switch (sub) {
    case SF_FORMAT_PCM_U8: *name = "pcm_u8"; *read = Read::kInt; return true;
    case SF_FORMAT_PCM_S8: *name = "pcm_s8"; *read = Read::kInt; return true;
    case SF_FORMAT_PCM_16: *name = "pcm_s16"; *read = Read::kInt; return true;
    case SF_FORMAT_PCM_24: *name = "pcm_s24"; *read = Read::kInt; return true;
    case SF_FORMAT_PCM_32: *name = "pcm_s32"; *read = Read::kInt; return true;
    case SF_FORMAT_FLOAT: *name = "float"; *read = Read::kFloat; return true;
    case SF_FORMAT_DOUBLE: *name = "double"; *read = Read::kDouble; return true;
    case SF_FORMAT_VORBIS: *name = "vorbis"; *read = Read::kFloat; return true;
    case SF_FORMAT_OPUS: *name = "opus"; *read = Read::kFloat; return true;
    case SF_FORMAT_MPEG_LAYER_I: *name = "mp1"; *read = Read::kFloat; return true;
    case SF_FORMAT_MPEG_LAYER_II: *name = "mp2"; *read = Read::kFloat; return true;
    case SF_FORMAT_MPEG_LAYER_III: *name = "mp3"; *read = Read::kFloat; return true;
    default: return false;
  }
}

// Frames per read call.
constexpr sf_count_t kBlockFrames = 4096;
// Samples reserved up front at most, whatever the header claims.
constexpr std::int64_t kMaxReserve = std::int64_t{1} << 24;

template <typename T, typename ToFloat>
void ReadAll(SNDFILE* file, sf_count_t (*readf)(SNDFILE*, T*, sf_count_t), int channels, std::int64_t limit,
             ToFloat toFloat, std::vector<float>& mono) {
  std::vector<T> block(static_cast<std::size_t>(kBlockFrames) * channels);
  for (;;) {
    const std::int64_t left = limit - static_cast<std::int64_t>(mono.size());
    if (left <= 0) break;
    const sf_count_t want = std::min<std::int64_t>(kBlockFrames, left);
    const sf_count_t got = readf(file, block.data(), want);
    if (got <= 0) break;
    // libsndfile clears its error at each read: a corrupt FLAC frame (skipped or replaced by silence)
    // shows only right after the read that met it.
    if (sf_error(file) != SF_ERR_NO_ERROR) throw DecodeError(std::string("libsndfile: ") + sf_strerror(file));
    const T* p = block.data();
    const std::size_t at = mono.size();
    mono.resize(at + static_cast<std::size_t>(got));
    float* dst = mono.data() + at;
    if (channels == 1) {
      for (sf_count_t i = 0; i < got; i++) dst[i] = toFloat(p[i]);
    } else {
      for (sf_count_t i = 0; i < got; i++, p += channels) {
        double sum = 0;
        for (int c = 0; c < channels; c++) sum += static_cast<double>(toFloat(p[c]));
        dst[i] = static_cast<float>(sum / channels);
      }
    }
    if (got < want) break;
  }
}

}  // namespace

Decoded DecodeMemory(const std::uint8_t* data, std::size_t size, double maxSeconds, int opusRate) {
  if (data == nullptr || size == 0) throw DecodeError("no bytes");
  Memory memory{data, static_cast<sf_count_t>(size), 0};
  SF_VIRTUAL_IO io{VioLength, VioSeek, VioRead, VioWrite, VioTell};
  SF_INFO info;
  std::memset(&info, 0, sizeof info);
  std::unique_ptr<SNDFILE, Closer> file(sf_open_virtual(&io, SFM_READ, &info, &memory));
  if (!file) throw DecodeError(std::string("libsndfile cannot open it: ") + sf_strerror(nullptr));

  Decoded out;
  const char* container = ContainerName(info.format & SF_FORMAT_TYPEMASK);
  const char* encoding = nullptr;
  Read read = Read::kFloat;
  if (container == nullptr || !Encoding(info.format & SF_FORMAT_SUBMASK, &encoding, &read)) {
    throw DecodeError("a container or encoding serkit leaves to its other decoders");
  }
  if (info.channels < 1 || info.channels > kMaxChannels) throw DecodeError("unsupported channel count");
  if (info.samplerate < 1 || info.samplerate > 768000) throw DecodeError("unsupported sample rate");
  if ((info.format & SF_FORMAT_SUBMASK) == SF_FORMAT_OPUS && opusRate > 0) {
    // libopus decodes straight to any of its own rates (its band-limited resampler).
    int rate = opusRate;
    if (sf_command(file.get(), SFC_SET_ORIGINAL_SAMPLERATE, &rate, sizeof rate) != SF_TRUE ||
        sf_command(file.get(), SFC_GET_CURRENT_SF_INFO, &info, sizeof info) != 0 || info.samplerate != opusRate) {
      throw DecodeError("libsndfile cannot decode this Opus stream at the rate asked");
    }
  }
  out.container = container;
  out.encoding = encoding;
  out.channels = info.channels;
  out.sampleRate = info.samplerate;
  out.declaredFrames = info.frames;

  const std::int64_t limit = maxSeconds > 0 && maxSeconds < 1e9
                                 ? static_cast<std::int64_t>(std::ceil(maxSeconds * info.samplerate))
                                 : INT64_MAX;
  std::int64_t reserve = std::min<std::int64_t>(limit, kMaxReserve);
  if (info.frames > 0) reserve = std::min<std::int64_t>(reserve, info.frames);
  out.mono.reserve(static_cast<std::size_t>(std::max<std::int64_t>(reserve, 0)));

  SNDFILE* f = file.get();
  switch (read) {
    case Read::kInt:
      // Integers come left-justified to 32 bits: v / 2^31 equals the core's v_bits / 2^(bits-1).
      ReadAll<int>(f, sf_readf_int, info.channels, limit,
                   [](int v) { return static_cast<float>(static_cast<double>(v) * (1.0 / 2147483648.0)); },
                   out.mono);
      break;
    case Read::kFloat:
      ReadAll<float>(f, sf_readf_float, info.channels, limit, [](float v) { return v; }, out.mono);
      break;
    case Read::kDouble:
      ReadAll<double>(f, sf_readf_double, info.channels, limit, [](double v) { return static_cast<float>(v); },
                      out.mono);
      break;
  }
  const int error = sf_error(f);
  if (error != SF_ERR_NO_ERROR) throw DecodeError(std::string("libsndfile: ") + sf_error_number(error));
  // Decoder errors libsndfile only logs (e.g. FLAC frames that lost sync).
  char log[4096];
  log[0] = '\0';
  sf_command(f, SFC_GET_LOG_INFO, log, sizeof log);
  log[sizeof log - 1] = '\0';
  if (std::strncmp(log, "ERROR : ", 8) == 0 || std::strstr(log, "\nERROR : ") != nullptr)
    throw DecodeError("libsndfile logged a decoding error");
  if (out.mono.empty()) throw DecodeError("no samples decoded");
  // NaN and infinities have every exponent bit set. Both reductions vectorise (no float sums).
  float peak = 0;
  std::uint32_t nonFinite = 0;
  for (float v : out.mono) {
    std::uint32_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    nonFinite |= static_cast<std::uint32_t>((bits & 0x7f800000u) == 0x7f800000u);
    const float magnitude = std::fabs(v);
    peak = magnitude > peak ? magnitude : peak;
  }
  out.peak = peak;
  out.finite = nonFinite == 0;
  return out;
}

std::string LibraryVersion() {
  const char* v = sf_version_string();
  return v == nullptr ? "libsndfile" : v;
}

}  // namespace serkit::decode
