// Node-API bindings of the libsndfile decoder:
//   decodeAudio(bytes: Uint8Array, maxSeconds?: number, opusRate?: number) -> { samples: Float32Array (mono), sampleRate,
//     channels, declaredFrames, container, encoding }; throws Error (code 'DECODE_FAILED') when
//     libsndfile cannot decode the bytes cleanly.
//   decodeInfo() -> { library: 'libsndfile', version }
//   new AudioStream(path: string, opusRate?: number) -> a file decoded block by block (stream.h):
//     read(maxFrames) -> Float32Array (mono) | null at the end; close(); readonly sampleRate,
//     channels, declaredFrames, container, encoding. Decoding failures throw as decodeAudio's;
//     reading a closed stream throws Error (code 'STREAM_CLOSED'). GC closes a forgotten one.
#include "decode/register.h"

#include <cmath>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "decode/decode.h"
#include "decode/sample_buffer.h"
#include "decode/stream.h"

namespace serkit::decode {
namespace {

Napi::Value Fail(Napi::Env env, const std::string& reason) {
  Napi::Error error = Napi::Error::New(env, reason);
  error.Set("code", Napi::String::New(env, "DECODE_FAILED"));
  error.Set("reason", Napi::String::New(env, reason));
  throw error;
}

// The samples copied to a Float32Array of V8's own (sample_buffer.h says why), the buffer kept.
Napi::Float32Array Samples(Napi::Env env, std::vector<float>&& mono) {
  const std::size_t n = mono.size();
  Napi::Float32Array samples = Napi::Float32Array::New(env, n);
  if (n > 0) std::memcpy(samples.Data(), mono.data(), n * sizeof(float));
  KeepSampleBuffer(std::move(mono));
  return samples;
}

// Argument `at` as an Opus output rate (0 when absent); throws RangeError for any other value.
int OpusRate(const Napi::CallbackInfo& info, std::size_t at, const char* fn) {
  if (info.Length() <= at || info[at].IsUndefined() || info[at].IsNull()) return 0;
  const double r = info[at].IsNumber() ? info[at].As<Napi::Number>().DoubleValue() : -1;
  if (r != 8000 && r != 12000 && r != 16000 && r != 24000 && r != 48000) {
    throw Napi::RangeError::New(info.Env(),
                                std::string(fn) + ": opusRate must be 8000, 12000, 16000, 24000 or 48000");
  }
  return static_cast<int>(r);
}

Napi::Value DecodeAudioJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsTypedArray() ||
      info[0].As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) {
    Napi::TypeError::New(env, "decodeAudio: bytes must be a Uint8Array").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  double maxSeconds = 0;
  if (info.Length() > 1 && !info[1].IsUndefined() && !info[1].IsNull()) {
    if (!info[1].IsNumber()) {
      Napi::TypeError::New(env, "decodeAudio: maxSeconds must be a number").ThrowAsJavaScriptException();
      return env.Undefined();
    }
    const double m = info[1].As<Napi::Number>().DoubleValue();
    if (!std::isfinite(m) || m < 0) {
      Napi::RangeError::New(env, "decodeAudio: maxSeconds must be a non-negative number").ThrowAsJavaScriptException();
      return env.Undefined();
    }
    maxSeconds = m;
  }
  const int opusRate = OpusRate(info, 2, "decodeAudio");
  Napi::Uint8Array bytes = info[0].As<Napi::Uint8Array>();
  Decoded decoded;
  try {
    decoded = DecodeMemory(bytes.Data(), bytes.ByteLength(), maxSeconds, opusRate);
  } catch (const DecodeError& error) {
    return Fail(env, error.what());
  } catch (const std::bad_alloc&) {
    return Fail(env, "out of memory while decoding");
  }
  Napi::Float32Array samples = Samples(env, std::move(decoded.mono));
  Napi::Object out = Napi::Object::New(env);
  out.Set("samples", samples);
  out.Set("sampleRate", Napi::Number::New(env, decoded.sampleRate));
  out.Set("channels", Napi::Number::New(env, decoded.channels));
  out.Set("declaredFrames", Napi::Number::New(env, static_cast<double>(decoded.declaredFrames)));
  out.Set("container", Napi::String::New(env, decoded.container));
  out.Set("encoding", Napi::String::New(env, decoded.encoding));
  out.Set("peak", Napi::Number::New(env, decoded.peak));
  out.Set("finite", Napi::Boolean::New(env, decoded.finite));
  return out;
}

Napi::Value DecodeInfoJs(const Napi::CallbackInfo& info) {
  Napi::Object out = Napi::Object::New(info.Env());
  out.Set("library", Napi::String::New(info.Env(), "libsndfile"));
  out.Set("version", Napi::String::New(info.Env(), LibraryVersion()));
  return out;
}

// Most frames one read may ask for (a 64 MiB block).
constexpr double kMaxReadFrames = 1 << 24;

class AudioStreamJs : public Napi::ObjectWrap<AudioStreamJs> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "AudioStream",
                       {InstanceMethod<&AudioStreamJs::ReadJs>("read"), InstanceMethod<&AudioStreamJs::CloseJs>("close"),
                        InstanceAccessor<&AudioStreamJs::ClosedJs>("closed")});
  }

  explicit AudioStreamJs(const Napi::CallbackInfo& info) : Napi::ObjectWrap<AudioStreamJs>(info) {
    Napi::Env env = info.Env();
    if (info.Length() < 1 || !info[0].IsString()) throw Napi::TypeError::New(env, "AudioStream: path must be a string");
    const std::string path = info[0].As<Napi::String>().Utf8Value();
    if (path.empty() || path.find('\0') != std::string::npos) {
      throw Napi::TypeError::New(env, "AudioStream: path must be a non-empty string without NUL characters");
    }
    const int opusRate = OpusRate(info, 1, "AudioStream");
    try {
      stream_ = std::make_unique<FileStream>(path, opusRate);
    } catch (const DecodeError& error) {
      Fail(env, error.what());
    } catch (const std::bad_alloc&) {
      Fail(env, "out of memory while opening");
    }
    const Format& f = stream_->format();
    Napi::Object self = info.This().As<Napi::Object>();
    const auto fact = [&](const char* name, Napi::Value value) {
      self.DefineProperty(Napi::PropertyDescriptor::Value(name, value, napi_enumerable));
    };
    fact("sampleRate", Napi::Number::New(env, f.sampleRate));
    fact("channels", Napi::Number::New(env, f.channels));
    fact("declaredFrames", Napi::Number::New(env, static_cast<double>(f.declaredFrames)));
    fact("container", Napi::String::New(env, f.container));
    fact("encoding", Napi::String::New(env, f.encoding));
  }

 private:
  Napi::Value ReadJs(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (info.Length() < 1 || !info[0].IsNumber()) throw Napi::TypeError::New(env, "read: maxFrames must be a number");
    const double n = info[0].As<Napi::Number>().DoubleValue();
    if (!(n >= 1 && n <= kMaxReadFrames) || n != static_cast<double>(static_cast<std::int64_t>(n))) {
      throw Napi::RangeError::New(env, "read: maxFrames must be an integer from 1 to 16777216");
    }
    if (stream_->closed()) {
      Napi::Error error = Napi::Error::New(env, "read: the stream is closed");
      error.Set("code", Napi::String::New(env, "STREAM_CLOSED"));
      throw error;
    }
    // A JS-owned buffer the decoder writes into: V8 counts it, so the GC keeps a long stream's
    // garbage blocks in check (external buffers it does not see piled up).
    Napi::Float32Array block = Napi::Float32Array::New(env, static_cast<std::size_t>(n));
    std::int64_t got = 0;
    try {
      got = stream_->Read(static_cast<std::int64_t>(n), block.Data());
    } catch (const DecodeError& error) {
      return Fail(env, error.what());
    } catch (const std::bad_alloc&) {
      stream_->Close();
      return Fail(env, "out of memory while decoding");
    }
    if (got == 0) return env.Null();
    if (got == static_cast<std::int64_t>(n)) return block;
    return Napi::Float32Array::New(env, static_cast<std::size_t>(got), block.ArrayBuffer(), 0);
  }

  Napi::Value CloseJs(const Napi::CallbackInfo& info) {
    stream_->Close();
    return info.Env().Undefined();
  }

  Napi::Value ClosedJs(const Napi::CallbackInfo& info) { return Napi::Boolean::New(info.Env(), stream_->closed()); }

  // Never null once constructed (a failed open throws out of the constructor).
  std::unique_ptr<FileStream> stream_;
};

}  // namespace

void Register(Napi::Env env, Napi::Object exports) {
  exports.Set("decodeAudio", Napi::Function::New(env, DecodeAudioJs, "decodeAudio"));
  exports.Set("decodeInfo", Napi::Function::New(env, DecodeInfoJs, "decodeInfo"));
  exports.Set("AudioStream", AudioStreamJs::Define(env));
}

}  // namespace serkit::decode
