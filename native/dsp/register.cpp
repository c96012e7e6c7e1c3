// Node-API bindings of the DSP: each function checks its arguments (TypeError / RangeError with
// code, input and reason), runs the pure C++ entry point, and copies the result into typed arrays.
#include "dsp/register.h"

#include "dsp/args.h"
#include "dsp/batch.h"
#include "dsp/delta.h"
#include "dsp/mel.h"
#include "dsp/mfcc.h"
#include "dsp/noise.h"
#include "dsp/options.h"
#include "dsp/pitch.h"
#include "dsp/resample.h"
#include "dsp/stretch.h"

namespace serkit::dsp {
namespace {

using args::Float32;
using args::FloatView;
using args::Guard;
using args::Options;

Napi::Value StftJs(const Napi::CallbackInfo& info) {
  return Guard(info, [&]() -> Napi::Value {
    const FloatView y = Float32(info[0], "y");
    const ComplexMatrix m = Stft(y.data, y.length, options::ReadStft(Options(info[1], "options")));
    Napi::Object out = Napi::Object::New(info.Env());
    out.Set("re", args::ToFloat32Array(info.Env(), m.re.data(), m.re.size()));
    out.Set("im", args::ToFloat32Array(info.Env(), m.im.data(), m.im.size()));
    out.Set("rows", Napi::Number::New(info.Env(), double(m.rows)));
    out.Set("cols", Napi::Number::New(info.Env(), double(m.cols)));
    return out;
  });
}

Napi::Value SpectrogramJs(const Napi::CallbackInfo& info) {
  return Guard(info, [&]() -> Napi::Value {
    const FloatView y = Float32(info[0], "y");
    const Options o(info[1], "options");
    return args::ToJsMatrix(info.Env(), Spectrogram(y.data, y.length, options::ReadStft(o), options::ReadPower(o)));
  });
}

Napi::Value MelFilterBankJs(const Napi::CallbackInfo& info) {
  return Guard(info, [&]() -> Napi::Value {
    return args::ToJsMatrix(info.Env(), MelFilterBankMatrix(options::ReadMel(Options(info[0], "options"))));
  });
}

// melSpectrogram(y: Float32Array | null, power: Matrix | null, options)
Napi::Value MelSpectrogramJs(const Napi::CallbackInfo& info) {
  return Guard(info, [&]() -> Napi::Value {
    const Options o(info[2], "options");
    if (!info[0].IsNull() && !info[0].IsUndefined()) {
      const FloatView y = Float32(info[0], "y");
      return args::ToJsMatrix(info.Env(), MelFromSignal(y.data, y.length, options::ReadStft(o), options::ReadPower(o),
                                                        options::ReadMel(o)));
    }
    return args::ToJsMatrix(info.Env(), MelFromPower(args::ReadMatrix(info[1], "power"), options::ReadMel(o)));
  });
}

Napi::Value PowerToDbJs(const Napi::CallbackInfo& info) {
  return Guard(info, [&]() -> Napi::Value {
    const Matrix s = args::ReadMatrix(info[0], "S");
    return args::ToJsMatrix(info.Env(), PowerToDb(s, options::ReadDb(Options(info[1], "options"))));
  });
}

// mfcc(y: Float32Array | null, logMel: Matrix | null, options)
Napi::Value MfccJs(const Napi::CallbackInfo& info) {
  return Guard(info, [&]() -> Napi::Value {
    const Options o(info[2], "options");
    if (!info[0].IsNull() && !info[0].IsUndefined()) {
      const FloatView y = Float32(info[0], "y");
      return args::ToJsMatrix(info.Env(),
                              MfccFromSignal(y.data, y.length, options::ReadStft(o), options::ReadPower(o),
                                             options::ReadMel(o), options::ReadDb(o), options::ReadMfcc(o)));
    }
    return args::ToJsMatrix(info.Env(), MfccFromLogMel(args::ReadMatrix(info[1], "logMel"), options::ReadMfcc(o)));
  });
}

Napi::Value DeltaJs(const Napi::CallbackInfo& info) {
  return Guard(info, [&]() -> Napi::Value {
    const Matrix data = args::ReadMatrix(info[0], "data");
    return args::ToJsMatrix(info.Env(), Delta(data, options::ReadDelta(Options(info[1], "options"))));
  });
}

Napi::Value ResampleJs(const Napi::CallbackInfo& info) {
  return Guard(info, [&]() -> Napi::Value {
    const FloatView y = Float32(info[0], "y");
    const double from = args::Number(info[1], "origSampleRate"), to = args::Number(info[2], "targetSampleRate");
    const std::vector<float> out = Resample(y.data, y.length, from, to);
    return args::ToFloat32Array(info.Env(), out.data(), out.size());
  });
}

Napi::Value AddNoiseJs(const Napi::CallbackInfo& info) {
  return Guard(info, [&]() -> Napi::Value {
    const FloatView y = Float32(info[0], "y");
    if (!info[1].IsObject()) args::ThrowType("options", "must be an object with a seed");
    const std::vector<float> out = AddNoise(y.data, y.length, options::ReadNoise(Options(info[1], "options")));
    return args::ToFloat32Array(info.Env(), out.data(), out.size());
  });
}

Napi::Value TimeStretchJs(const Napi::CallbackInfo& info) {
  return Guard(info, [&]() -> Napi::Value {
    const FloatView y = Float32(info[0], "y");
    const double rate = args::Number(info[1], "rate");
    const std::vector<float> out = TimeStretch(y.data, y.length, rate, options::ReadStft(Options(info[2], "options")));
    return args::ToFloat32Array(info.Env(), out.data(), out.size());
  });
}

Napi::Value PitchShiftJs(const Napi::CallbackInfo& info) {
  return Guard(info, [&]() -> Napi::Value {
    const FloatView y = Float32(info[0], "y");
    const double sampleRate = args::Number(info[1], "sampleRate"), nSteps = args::Number(info[2], "nSteps");
    const Options o(info[3], "options");
    const std::vector<float> out =
        PitchShift(y.data, y.length, sampleRate, nSteps, o.Number("binsPerOctave", 12), options::ReadStft(o));
    return args::ToFloat32Array(info.Env(), out.data(), out.size());
  });
}

}  // namespace

void Register(Napi::Env env, Napi::Object exports) {
  exports.Set("dspVersion", Napi::Number::New(env, 1));
  exports.Set("stft", Napi::Function::New(env, StftJs, "stft"));
  exports.Set("spectrogram", Napi::Function::New(env, SpectrogramJs, "spectrogram"));
  exports.Set("melFilterBank", Napi::Function::New(env, MelFilterBankJs, "melFilterBank"));
  exports.Set("melSpectrogram", Napi::Function::New(env, MelSpectrogramJs, "melSpectrogram"));
  exports.Set("powerToDb", Napi::Function::New(env, PowerToDbJs, "powerToDb"));
  exports.Set("mfcc", Napi::Function::New(env, MfccJs, "mfcc"));
  exports.Set("delta", Napi::Function::New(env, DeltaJs, "delta"));
  exports.Set("resample", Napi::Function::New(env, ResampleJs, "resample"));
  exports.Set("addNoise", Napi::Function::New(env, AddNoiseJs, "addNoise"));
  exports.Set("timeStretch", Napi::Function::New(env, TimeStretchJs, "timeStretch"));
  exports.Set("pitchShift", Napi::Function::New(env, PitchShiftJs, "pitchShift"));
  exports.Set("featurizeBatch", Napi::Function::New(env, FeaturizeBatchJs, "featurizeBatch"));
}

}  // namespace serkit::dsp
