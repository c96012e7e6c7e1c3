// Reading and checking JS arguments for the DSP bindings. A wrong kind of value throws a JS
// TypeError, a value out of range a RangeError; both carry `code`, `input` and `reason`.
#pragma once
#include <napi.h>

#include <cstddef>
#include <initializer_list>
#include <string>
#include <utility>

#include "dsp/errors.h"
#include "dsp/types.h"

namespace serkit::dsp::args {

// The JS error for a DspError (TypeError or RangeError with code/input/reason properties).
Napi::Error ToJsError(Napi::Env env, const DspError& error);

[[noreturn]] void ThrowType(const char* input, const std::string& reason);

// A non-detached Float32Array's contents (may be empty: length checks belong to the DSP).
struct FloatView {
  const float* data = nullptr;
  std::size_t length = 0;
};
FloatView Float32(const Napi::Value& value, const char* input);

// A JS number, finite.
double Number(const Napi::Value& value, const char* input);

// A `{ data: Float32Array, rows, cols }` object with data.length == rows * cols.
Matrix ReadMatrix(const Napi::Value& value, const char* input);

// Fields of an optional options object (undefined/null -> every field absent).
class Options {
 public:
  Options(const Napi::Value& value, const char* input);
  bool Has(const char* key) const;
  double Number(const char* key, double fallback) const;
  // A number that is null (-> `ifNull`) or absent (-> `fallback`).
  double NullableNumber(const char* key, double fallback, double ifNull, bool* isNull) const;
  std::size_t Integer(const char* key, std::size_t fallback, std::size_t lo, std::size_t hi) const;
  bool Bool(const char* key, bool fallback) const;
  // One of `names`; returns its index, or `fallback` when absent. `null` counts as the name "null".
  int Enum(const char* key, std::initializer_list<const char*> names, int fallback) const;
  Napi::Value Get(const char* key) const;

 private:
  Napi::Env env_;
  Napi::Object object_;
  bool present_ = false;
};

Napi::Float32Array ToFloat32Array(Napi::Env env, const float* data, std::size_t length);
Napi::Object ToJsMatrix(Napi::Env env, const Matrix& m);

// Runs `body`, turning DspError into JS errors and allocation failures into RangeError.
template <typename Body>
Napi::Value Guard(const Napi::CallbackInfo& info, Body body) {
  try {
    return body();
  } catch (const DspError& e) {
    throw ToJsError(info.Env(), e);
  } catch (const std::bad_alloc&) {
    throw ToJsError(info.Env(), DspError(ErrorKind::kRange, "INVALID_ARGUMENT", "input", "too large: out of memory"));
  } catch (const std::length_error&) {
    throw ToJsError(info.Env(), DspError(ErrorKind::kRange, "INVALID_ARGUMENT", "input", "too large"));
  }
}

}  // namespace serkit::dsp::args
