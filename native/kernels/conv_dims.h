#pragma once
// The window geometry shared by the convolution and pooling kernels, read from JS as 15 numbers:
// [batch, inH, inW, inC, outH, outW, outC, filterH, filterW, strideH, strideW, dilationH, dilationW,
// padTop, padLeft] (tfjs's computeConv2DInfo / computePool2DInfo fields).
#include <napi.h>

#include <string>

#include "kernels/args.h"

namespace serkit::kernels {

struct ConvDims {
  int batch, inH, inW, inC, outH, outW, outC, fH, fW, sH, sW, dH, dW, padTop, padLeft;
  size_t x() const { return static_cast<size_t>(batch) * inH * inW * inC; }
  size_t y() const { return static_cast<size_t>(batch) * outH * outW * outC; }
  size_t filter() const { return static_cast<size_t>(fH) * fW * inC * outC; }
  int patch() const { return fH * fW * inC; }  // columns of the im2col matrix
  int positions() const { return outH * outW; }  // its rows, per image
};

inline ConvDims ReadConvDims(const Napi::CallbackInfo& info, size_t index) {
  Napi::Env env = info.Env();
  if (index >= info.Length() || !info[index].IsArray()) throw Napi::TypeError::New(env, "dims: expected an array");
  auto array = info[index].As<Napi::Array>();
  if (array.Length() != 15) throw Napi::RangeError::New(env, "dims: expected 15 numbers");
  int v[15];
  static const char* names[15] = {"batch", "inH", "inW", "inC", "outH", "outW", "outC", "filterH",
                                  "filterW", "strideH", "strideW", "dilationH", "dilationW", "padTop", "padLeft"};
  for (uint32_t i = 0; i < 15; ++i) {
    Napi::Value item = array.Get(i);
    const double d = item.IsNumber() ? item.As<Napi::Number>().DoubleValue() : -1.0;
    const double min = (i >= 9 && i < 13) ? 1.0 : 0.0;  // strides and dilations >= 1
    if (!(d >= min && d <= 65536.0) || d != static_cast<double>(static_cast<int>(d))) {
      throw Napi::RangeError::New(env, std::string("dims.") + names[i] + ": out of range");
    }
    v[i] = static_cast<int>(d);
  }
  ConvDims c{v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14]};
  CheckedSize(env, {c.batch, c.inH, c.inW, c.inC});
  CheckedSize(env, {c.batch, c.outH, c.outW, c.outC});
  CheckedSize(env, {c.outH, c.outW, c.fH, c.fW, c.inC});  // the im2col scratch
  CheckedSize(env, {c.fH, c.fW, c.inC, c.outC});
  return c;
}

}  // namespace serkit::kernels
