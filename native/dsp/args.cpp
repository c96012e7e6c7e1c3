#include "dsp/args.h"

#include <cmath>

namespace serkit::dsp::args {

Napi::Error ToJsError(Napi::Env env, const DspError& error) {
  Napi::Error js = error.kind() == ErrorKind::kType ? Napi::Error(Napi::TypeError::New(env, error.what()))
                                                    : Napi::Error(Napi::RangeError::New(env, error.what()));
  js.Set("code", Napi::String::New(env, error.code()));
  js.Set("input", Napi::String::New(env, error.input()));
  js.Set("reason", Napi::String::New(env, error.reason()));
  return js;
}

void ThrowType(const char* input, const std::string& reason) {
  throw DspError(ErrorKind::kType, "INVALID_ARGUMENT", input, reason);
}

namespace {
const char* TypeName(const Napi::Value& v) {
  if (v.IsUndefined()) return "undefined";
  if (v.IsNull()) return "null";
  if (v.IsNumber()) return "a number";
  if (v.IsString()) return "a string";
  if (v.IsBoolean()) return "a boolean";
  if (v.IsTypedArray()) return "another typed array";
  if (v.IsArray()) return "an array";
  if (v.IsFunction()) return "a function";
  return "an object";
}
}  // namespace

FloatView Float32(const Napi::Value& value, const char* input) {
  if (!value.IsTypedArray() || value.As<Napi::TypedArray>().TypedArrayType() != napi_float32_array)
    ThrowType(input, std::string("must be a Float32Array, got ") + TypeName(value));
  const Napi::Float32Array array = value.As<Napi::Float32Array>();
  const Napi::ArrayBuffer buffer = array.ArrayBuffer();
  if (buffer.IsDetached()) ThrowType(input, "is a Float32Array whose buffer is detached");
  FloatView view;
  view.length = array.ElementLength();
  view.data = view.length == 0 ? nullptr : array.Data();
  return view;
}

double Number(const Napi::Value& value, const char* input) {
  if (!value.IsNumber()) ThrowType(input, std::string("must be a number, got ") + TypeName(value));
  const double v = value.As<Napi::Number>().DoubleValue();
  Require(std::isfinite(v), input, "must be finite, got " + FormatNumber(v));
  return v;
}

Matrix ReadMatrix(const Napi::Value& value, const char* input) {
  if (!value.IsObject() || value.IsTypedArray() || value.IsArray())
    ThrowType(input, std::string("must be a { data, rows, cols } matrix, got ") + TypeName(value));
  const Napi::Object object = value.As<Napi::Object>();
  const FloatView data = Float32(object.Get("data"), input);
  const Napi::Value rowsValue = object.Get("rows"), colsValue = object.Get("cols");
  if (!rowsValue.IsNumber() || !colsValue.IsNumber()) ThrowType(input, "rows and cols must be numbers");
  const double rows = rowsValue.As<Napi::Number>().DoubleValue(), cols = colsValue.As<Napi::Number>().DoubleValue();
  Require(std::isfinite(rows) && std::isfinite(cols) && rows >= 1 && cols >= 1 && std::floor(rows) == rows &&
              std::floor(cols) == cols && rows <= double(kMaxSamples) && cols <= double(kMaxSamples),
          input, "rows and cols must be positive integers");
  Require(rows * cols == double(data.length), input,
          "data has " + std::to_string(data.length) + " values, rows x cols = " + FormatNumber(rows * cols));
  Matrix m;
  m.rows = std::size_t(rows);
  m.cols = std::size_t(cols);
  m.data.assign(data.data, data.data + data.length);
  return m;
}

Options::Options(const Napi::Value& value, const char* input) : env_(value.Env()) {
  if (value.IsUndefined() || value.IsNull()) return;
  if (!value.IsObject() || value.IsArray()) ThrowType(input, std::string("must be an object, got ") + TypeName(value));
  object_ = value.As<Napi::Object>();
  present_ = true;
}

Napi::Value Options::Get(const char* key) const {
  return present_ ? object_.Get(key) : env_.Undefined();
}

bool Options::Has(const char* key) const {
  if (!present_) return false;
  return !object_.Get(key).IsUndefined();
}

double Options::Number(const char* key, double fallback) const {
  if (!Has(key)) return fallback;
  return args::Number(object_.Get(key), key);
}

double Options::NullableNumber(const char* key, double fallback, double ifNull, bool* isNull) const {
  *isNull = false;
  if (!Has(key)) return fallback;
  if (object_.Get(key).IsNull()) {
    *isNull = true;
    return ifNull;
  }
  return args::Number(object_.Get(key), key);
}

std::size_t Options::Integer(const char* key, std::size_t fallback, std::size_t lo, std::size_t hi) const {
  if (!Has(key)) return fallback;
  const double v = args::Number(object_.Get(key), key);
  Require(std::floor(v) == v && v >= double(lo) && v <= double(hi), key,
          "must be an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got " + FormatNumber(v));
  return static_cast<std::size_t>(v);
}

bool Options::Bool(const char* key, bool fallback) const {
  if (!Has(key)) return fallback;
  const Napi::Value v = object_.Get(key);
  if (!v.IsBoolean()) ThrowType(key, std::string("must be a boolean, got ") + TypeName(v));
  return v.As<Napi::Boolean>().Value();
}

int Options::Enum(const char* key, std::initializer_list<const char*> names, int fallback) const {
  if (!Has(key)) return fallback;
  const Napi::Value v = object_.Get(key);
  std::string expected;
  for (const char* name : names) expected += std::string(expected.empty() ? "" : ", ") + "'" + name + "'";
  std::string text;
  if (v.IsNull()) {
    text = "null";
  } else if (v.IsString()) {
    text = v.As<Napi::String>().Utf8Value();
  } else {
    ThrowType(key, "must be one of " + expected + ", got " + TypeName(v));
  }
  int index = 0;
  for (const char* name : names) {
    if (text == name) return index;
    ++index;
  }
  throw DspError(ErrorKind::kRange, "INVALID_ARGUMENT", key, "must be one of " + expected + ", got '" + text + "'");
}

Napi::Float32Array ToFloat32Array(Napi::Env env, const float* data, std::size_t length) {
  Napi::Float32Array array = Napi::Float32Array::New(env, length);
  if (length > 0) std::copy(data, data + length, array.Data());
  return array;
}

Napi::Object ToJsMatrix(Napi::Env env, const Matrix& m) {
  Napi::Object out = Napi::Object::New(env);
  out.Set("data", ToFloat32Array(env, m.data.data(), m.data.size()));
  out.Set("rows", Napi::Number::New(env, double(m.rows)));
  out.Set("cols", Napi::Number::New(env, double(m.cols)));
  return out;
}

}  // namespace serkit::dsp::args
