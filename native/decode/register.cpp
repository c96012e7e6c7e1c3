// Node-API bindings of the libsndfile decoder:
//   decodeAudio(bytes: Uint8Array, maxSeconds?: number, opusRate?: number) -> { samples: Float32Array (mono), sampleRate,
//     channels, declaredFrames, container, encoding }; throws Error (code 'DECODE_FAILED') when
//     libsndfile cannot decode the bytes cleanly.
//   decodeInfo() -> { library: 'libsndfile', version }
#include "decode/register.h"

#include <cmath>
#include <cstring>

#include "decode/decode.h"

namespace serkit::decode {
namespace {

Napi::Value Fail(Napi::Env env, const std::string& reason) {
  Napi::Error error = Napi::Error::New(env, reason);
  error.Set("code", Napi::String::New(env, "DECODE_FAILED"));
  error.Set("reason", Napi::String::New(env, reason));
  throw error;
}

// The samples handed to JS without a copy (the ArrayBuffer owns the vector); a copy where the
// runtime refuses external buffers (a V8 sandbox).
Napi::Float32Array Samples(Napi::Env env, std::vector<float>&& mono) {
  const std::size_t n = mono.size();
  auto* owned = new std::vector<float>(std::move(mono));
  try {
    Napi::ArrayBuffer buffer = Napi::ArrayBuffer::New(
        env, owned->data(), n * sizeof(float), [](Napi::Env, void*, std::vector<float>* v) { delete v; }, owned);
    return Napi::Float32Array::New(env, n, buffer, 0);
  } catch (const Napi::Error&) {
    Napi::Float32Array copy = Napi::Float32Array::New(env, n);
    if (n > 0) std::memcpy(copy.Data(), owned->data(), n * sizeof(float));
    delete owned;
    return copy;
  }
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
  int opusRate = 0;
  if (info.Length() > 2 && !info[2].IsUndefined() && !info[2].IsNull()) {
    const double r = info[2].IsNumber() ? info[2].As<Napi::Number>().DoubleValue() : -1;
    if (r != 8000 && r != 12000 && r != 16000 && r != 24000 && r != 48000) {
      Napi::RangeError::New(env, "decodeAudio: opusRate must be 8000, 12000, 16000, 24000 or 48000")
          .ThrowAsJavaScriptException();
      return env.Undefined();
    }
    opusRate = static_cast<int>(r);
  }
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

}  // namespace

void Register(Napi::Env env, Napi::Object exports) {
  exports.Set("decodeAudio", Napi::Function::New(env, DecodeAudioJs, "decodeAudio"));
  exports.Set("decodeInfo", Napi::Function::New(env, DecodeInfoJs, "decodeInfo"));
}

}  // namespace serkit::decode
