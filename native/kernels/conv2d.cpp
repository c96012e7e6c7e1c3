#include "kernels/conv2d.h"

#include <algorithm>
#include <climits>
#include <vector>

#include "kernels/args.h"
#include "kernels/conv_dims.h"
#include "kernels/gemm.h"

namespace serkit::kernels {
namespace {

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
