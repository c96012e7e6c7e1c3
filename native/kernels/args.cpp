#include "kernels/args.h"

#include <cmath>
#include <limits>

namespace serkit::kernels {
namespace {
[[noreturn]] void ThrowType(Napi::Env env, const std::string& message) { throw Napi::TypeError::New(env, message); }
[[noreturn]] void ThrowRange(Napi::Env env, const std::string& message) {
  throw Napi::RangeError::New(env, message);
}
}  // namespace

const float* Float32Arg(const Napi::CallbackInfo& info, size_t index, const char* name, size_t length) {
  Napi::Env env = info.Env();
  if (index >= info.Length() || !info[index].IsTypedArray() ||
      info[index].As<Napi::TypedArray>().TypedArrayType() != napi_float32_array) {
    ThrowType(env, std::string(name) + ": expected a Float32Array");
  }
  auto array = info[index].As<Napi::Float32Array>();
  if (array.ElementLength() != length) {
    ThrowRange(env, std::string(name) + ": expected " + std::to_string(length) + " elements, got " +
                        std::to_string(array.ElementLength()));
  }
  return array.Data();
}

const float* OptionalFloat32Arg(const Napi::CallbackInfo& info, size_t index, const char* name, size_t length) {
  if (index >= info.Length() || info[index].IsNull() || info[index].IsUndefined()) return nullptr;
  return Float32Arg(info, index, name, length);
}

int IntArg(const Napi::CallbackInfo& info, size_t index, const char* name, int min, int max) {
  Napi::Env env = info.Env();
  if (index >= info.Length() || !info[index].IsNumber()) ThrowType(env, std::string(name) + ": expected a number");
  const double value = info[index].As<Napi::Number>().DoubleValue();
  if (!std::isfinite(value) || value != std::floor(value) || value < min || value > max) {
    ThrowRange(env, std::string(name) + ": expected a whole number in [" + std::to_string(min) + ", " +
                        std::to_string(max) + "], got " + std::to_string(value));
  }
  return static_cast<int>(value);
}

bool BoolArg(const Napi::CallbackInfo& info, size_t index, const char* name) {
  if (index >= info.Length() || !info[index].IsBoolean()) ThrowType(info.Env(), std::string(name) + ": expected a boolean");
  return info[index].As<Napi::Boolean>().Value();
}

std::string StringArg(const Napi::CallbackInfo& info, size_t index, const char* name) {
  if (index >= info.Length() || !info[index].IsString()) ThrowType(info.Env(), std::string(name) + ": expected a string");
  return info[index].As<Napi::String>().Utf8Value();
}

double NumberArg(const Napi::CallbackInfo& info, size_t index, const char* name) {
  if (index >= info.Length() || !info[index].IsNumber()) ThrowType(info.Env(), std::string(name) + ": expected a number");
  return info[index].As<Napi::Number>().DoubleValue();
}

size_t CheckedSize(Napi::Env env, std::initializer_list<int> dims) {
  size_t size = 1;
  for (int d : dims) {
    size *= static_cast<size_t>(d);
    if (size > static_cast<size_t>(std::numeric_limits<int>::max())) {
      ThrowRange(env, "tensor too large: more than 2^31 elements");
    }
  }
  return size;
}

}  // namespace serkit::kernels
