#include "kernels/conv2d.h"

#include <algorithm>
#include <climits>
#include <vector>

#include "kernels/args.h"
#include "kernels/gemm.h"

namespace serkit::kernels {
namespace {

struct ConvDims {
  int batch, inH, inW, inC, outH, outW, outC, fH, fW, sH, sW, dH, dW, padTop, padLeft;
  size_t x() const { return static_cast<size_t>(batch) * inH * inW * inC; }
  size_t y() const { return static_cast<size_t>(batch) * outH * outW * outC; }
  size_t filter() const { return static_cast<size_t>(fH) * fW * inC * outC; }
  int patch() const { return fH * fW * inC; }  // columns of the im2col matrix
  int positions() const { return outH * outW; }  // its rows, per image
};

ConvDims ReadConvDims(const Napi::CallbackInfo& info, size_t index) {
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

// Fills col [positions, patch] for image `image` (zeros where the window leaves the input).
void Im2Col(const ConvDims& c, const float* image, float* col) {
  for (int oh = 0; oh < c.outH; ++oh) {
    for (int ow = 0; ow < c.outW; ++ow) {
      float* row = col + (static_cast<size_t>(oh) * c.outW + ow) * c.patch();
      for (int fh = 0; fh < c.fH; ++fh) {
        const int ih = oh * c.sH - c.padTop + fh * c.dH;
        for (int fw = 0; fw < c.fW; ++fw) {
          const int iw = ow * c.sW - c.padLeft + fw * c.dW;
          float* dst = row + (static_cast<size_t>(fh) * c.fW + fw) * c.inC;
          if (ih < 0 || ih >= c.inH || iw < 0 || iw >= c.inW) {
            std::fill(dst, dst + c.inC, 0.0f);
          } else {
            const float* src = image + (static_cast<size_t>(ih) * c.inW + iw) * c.inC;
            std::copy(src, src + c.inC, dst);
          }
        }
      }
    }
  }
}

// Adds col [positions, patch] back onto image gradient `image` (the adjoint of Im2Col).
void Col2ImAdd(const ConvDims& c, const float* col, float* image) {
  for (int oh = 0; oh < c.outH; ++oh) {
    for (int ow = 0; ow < c.outW; ++ow) {
      const float* row = col + (static_cast<size_t>(oh) * c.outW + ow) * c.patch();
      for (int fh = 0; fh < c.fH; ++fh) {
        const int ih = oh * c.sH - c.padTop + fh * c.dH;
        if (ih < 0 || ih >= c.inH) continue;
        for (int fw = 0; fw < c.fW; ++fw) {
          const int iw = ow * c.sW - c.padLeft + fw * c.dW;
          if (iw < 0 || iw >= c.inW) continue;
          const float* src = row + (static_cast<size_t>(fh) * c.fW + fw) * c.inC;
          float* dst = image + (static_cast<size_t>(ih) * c.inW + iw) * c.inC;
          for (int ch = 0; ch < c.inC; ++ch) dst[ch] += src[ch];
        }
      }
    }
  }
}

size_t ImageSize(const ConvDims& c) { return static_cast<size_t>(c.inH) * c.inW * c.inC; }
size_t OutputImageSize(const ConvDims& c) { return static_cast<size_t>(c.positions()) * c.outC; }

}  // namespace

Napi::Value Conv2D(const Napi::CallbackInfo& info) {
  const ConvDims c = ReadConvDims(info, 2);
  const float* x = Float32Arg(info, 0, "x", c.x());
  const float* filter = Float32Arg(info, 1, "filter", c.filter());
  auto out = Napi::Float32Array::New(info.Env(), c.y());
  if (c.y() == 0) return out;
  std::vector<float> col(static_cast<size_t>(c.positions()) * c.patch());
  for (int b = 0; b < c.batch; ++b) {
    Im2Col(c, x + b * ImageSize(c), col.data());
    Sgemm(false, false, c.positions(), c.outC, c.patch(), 1.0f, col.data(), c.patch(), filter, c.outC, 0.0f,
          out.Data() + b * OutputImageSize(c), c.outC);
  }
  return out;
}

Napi::Value Conv2DBackpropInput(const Napi::CallbackInfo& info) {
  const ConvDims c = ReadConvDims(info, 2);
  const float* dy = Float32Arg(info, 0, "dy", c.y());
  const float* filter = Float32Arg(info, 1, "filter", c.filter());
  auto dx = Napi::Float32Array::New(info.Env(), c.x());
  if (c.y() == 0 || c.patch() == 0) return dx;
  std::vector<float> col(static_cast<size_t>(c.positions()) * c.patch());
  for (int b = 0; b < c.batch; ++b) {
    // dcol = dy_b [positions, outC] x filter^T [outC, patch]
    Sgemm(false, true, c.positions(), c.patch(), c.outC, 1.0f, dy + b * OutputImageSize(c), c.outC, filter, c.outC,
          0.0f, col.data(), c.patch());
    Col2ImAdd(c, col.data(), dx.Data() + b * ImageSize(c));
  }
  return dx;
}

Napi::Value Conv2DBackpropFilter(const Napi::CallbackInfo& info) {
  const ConvDims c = ReadConvDims(info, 2);
  const float* x = Float32Arg(info, 0, "x", c.x());
  const float* dy = Float32Arg(info, 1, "dy", c.y());
  auto dFilter = Napi::Float32Array::New(info.Env(), c.filter());
  if (c.y() == 0 || c.patch() == 0) return dFilter;
  std::vector<float> col(static_cast<size_t>(c.positions()) * c.patch());
  for (int b = 0; b < c.batch; ++b) {
    Im2Col(c, x + b * ImageSize(c), col.data());
    // dFilter [patch, outC] += col^T [patch, positions] x dy_b [positions, outC]
    Sgemm(true, false, c.patch(), c.outC, c.positions(), 1.0f, col.data(), c.patch(), dy + b * OutputImageSize(c),
          c.outC, b == 0 ? 0.0f : 1.0f, dFilter.Data(), c.outC);
  }
  return dFilter;
}

}  // namespace serkit::kernels
