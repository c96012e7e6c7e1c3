#include "decode/reader.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace serkit::decode {
namespace {

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
bool Encoding(int sub, const char** name, SampleRead* read) {
  switch (sub) {
    case SF_FORMAT_PCM_U8: *name = "pcm_u8"; *read = SampleRead::kInt; return true;
    case SF_FORMAT_PCM_S8: *name = "pcm_s8"; *read = SampleRead::kInt; return true;
    case SF_FORMAT_PCM_16: *name = "pcm_s16"; *read = SampleRead::kInt; return true;
    case SF_FORMAT_PCM_24: *name = "pcm_s24"; *read = SampleRead::kInt; return true;
    case SF_FORMAT_PCM_32: *name = "pcm_s32"; *read = SampleRead::kInt; return true;
    case SF_FORMAT_FLOAT: *name = "float"; *read = SampleRead::kFloat; return true;
    case SF_FORMAT_DOUBLE: *name = "double"; *read = SampleRead::kDouble; return true;
    case SF_FORMAT_VORBIS: *name = "vorbis"; *read = SampleRead::kFloat; return true;
    case SF_FORMAT_OPUS: *name = "opus"; *read = SampleRead::kFloat; return true;
    case SF_FORMAT_MPEG_LAYER_I: *name = "mp1"; *read = SampleRead::kFloat; return true;
    case SF_FORMAT_MPEG_LAYER_II: *name = "mp2"; *read = SampleRead::kFloat; return true;
    case SF_FORMAT_MPEG_LAYER_III: *name = "mp3"; *read = SampleRead::kFloat; return true;
    default: return false;
  }
}

// Frames per libsndfile read call (bounds the interleaved scratch buffer).
constexpr std::int64_t kBlockFrames = 4096;

}  // namespace

Format CheckFormat(SNDFILE* file, SF_INFO& info, int opusRate) {
  Format out;
  out.container = ContainerName(info.format & SF_FORMAT_TYPEMASK);
  if (out.container == nullptr || !Encoding(info.format & SF_FORMAT_SUBMASK, &out.encoding, &out.read)) {
    throw DecodeError("a container or encoding serkit leaves to its other decoders");
  }
  if (info.channels < 1 || info.channels > kMaxChannels) throw DecodeError("unsupported channel count");
  if (info.samplerate < 1 || info.samplerate > 768000) throw DecodeError("unsupported sample rate");
  if ((info.format & SF_FORMAT_SUBMASK) == SF_FORMAT_OPUS && opusRate > 0) {
    // libopus decodes straight to any of its own rates (its band-limited resampler).
    int rate = opusRate;
    if (sf_command(file, SFC_SET_ORIGINAL_SAMPLERATE, &rate, sizeof rate) != SF_TRUE ||
        sf_command(file, SFC_GET_CURRENT_SF_INFO, &info, sizeof info) != 0 || info.samplerate != opusRate) {
      throw DecodeError("libsndfile cannot decode this Opus stream at the rate asked");
    }
  }
  out.channels = info.channels;
  out.sampleRate = info.samplerate;
  out.declaredFrames = info.frames;
  return out;
}

template <typename T, typename ToFloat>
std::int64_t BlockReader::ReadAs(sf_count_t (*readf)(SNDFILE*, T*, sf_count_t), std::vector<T>& scratch,
                                 std::int64_t want, float* dst, ToFloat toFloat) {
  const std::int64_t chunk = std::min(want, kBlockFrames);
  if (scratch.size() < static_cast<std::size_t>(chunk * channels_)) scratch.resize(static_cast<std::size_t>(chunk * channels_));
  std::int64_t done = 0;
  while (done < want) {
    const sf_count_t ask = std::min(want - done, kBlockFrames);
    const sf_count_t got = readf(file_, scratch.data(), ask);
    if (got <= 0) break;
    // libsndfile clears its error at each read: a corrupt FLAC frame (skipped or replaced by silence)
    // shows only right after the read that met it.
    if (sf_error(file_) != SF_ERR_NO_ERROR) throw DecodeError(std::string("libsndfile: ") + sf_strerror(file_));
    const T* p = scratch.data();
    float* out = dst + done;
    if (channels_ == 1) {
      for (sf_count_t i = 0; i < got; i++) out[i] = toFloat(p[i]);
    } else {
      for (sf_count_t i = 0; i < got; i++, p += channels_) {
        double sum = 0;
        for (int c = 0; c < channels_; c++) sum += static_cast<double>(toFloat(p[c]));
        out[i] = static_cast<float>(sum / channels_);
      }
    }
    done += got;
    if (got < ask) break;
  }
  return done;
}

std::int64_t BlockReader::Read(std::int64_t want, float* dst) {
  if (want <= 0) return 0;
  switch (read_) {
    case SampleRead::kInt:
      // Integers come left-justified to 32 bits: v / 2^31 equals the core's v_bits / 2^(bits-1).
      return ReadAs<int>(sf_readf_int, ints_, want, dst,
                         [](int v) { return static_cast<float>(static_cast<double>(v) * (1.0 / 2147483648.0)); });
    case SampleRead::kFloat:
      return ReadAs<float>(sf_readf_float, floats_, want, dst, [](float v) { return v; });
    case SampleRead::kDouble:
      return ReadAs<double>(sf_readf_double, doubles_, want, dst, [](double v) { return static_cast<float>(v); });
  }
  return 0;
}

void CheckFinished(SNDFILE* file) {
  const int error = sf_error(file);
  if (error != SF_ERR_NO_ERROR) throw DecodeError(std::string("libsndfile: ") + sf_error_number(error));
  // Decoder errors libsndfile only logs (e.g. FLAC frames that lost sync).
  char log[4096];
  log[0] = '\0';
  sf_command(file, SFC_GET_LOG_INFO, log, sizeof log);
  log[sizeof log - 1] = '\0';
  if (std::strncmp(log, "ERROR : ", 8) == 0 || std::strstr(log, "\nERROR : ") != nullptr)
    throw DecodeError("libsndfile logged a decoding error");
}

}  // namespace serkit::decode
