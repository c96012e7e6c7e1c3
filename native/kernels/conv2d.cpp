#include "kernels/conv2d.h"

#include <algorithm>
#include <climits>
#include <cstring>
#include <vector>

#include "kernels/args.h"
#include "kernels/conv_dims.h"
#include "kernels/epilogue.h"
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

// Below this many values per window (e.g. a 3x3 filter over a single-channel spectrogram), a GEMM
// with so short an inner dimension runs far below its speed and im2col costs more than the
// products: DirectConv below is several times faster there, for up to kDirectMaxBlocks x kLanes
// output channels.
constexpr int kDirectMaxPatch = 16;
constexpr int kLanes = 8;
constexpr int kDirectMaxBlocks = 4;
typedef float Lanes __attribute__((vector_size(kLanes * sizeof(float))));  // GCC/Clang vector extension

bool UsesDirectConv(const ConvDims& c) { return c.patch() <= kDirectMaxPatch && c.outC <= kDirectMaxBlocks * kLanes; }

// Convolution by direct sums for small windows. Each image is first copied into a zero-bordered
// one, so that every window lies inside it and its taps sit at fixed offsets from the window's
// corner; the sums then run tap by tap in im2col's order (a tap outside the image adds 0 x w, as the
// GEMM does), kLanes output channels per vector, all of them in registers.
class DirectConv {
 public:
  DirectConv(const ConvDims& c, const float* filter)
      : c_(c),
        rows_((c.outH - 1) * c.sH + (c.fH - 1) * c.dH + 1),
        cols_((c.outW - 1) * c.sW + (c.fW - 1) * c.dW + 1),
        blocks_((c.outC + kLanes - 1) / kLanes),
        image_(static_cast<size_t>(rows_) * cols_ * c.inC),
        weights_(static_cast<size_t>(c.patch()) * blocks_ * kLanes, 0.0f) {
    for (int p = 0; p < c.patch(); ++p) {
      std::copy(filter + p * c.outC, filter + (p + 1) * c.outC, weights_.data() + p * blocks_ * kLanes);
    }
    for (int fh = 0; fh < c.fH; ++fh)
      for (int fw = 0; fw < c.fW; ++fw)
        for (int ic = 0; ic < c.inC; ++ic) offsets_.push_back((fh * c.dH * cols_ + fw * c.dW) * c.inC + ic);
  }

  // y [positions, outC] of one image.
  void Image(const float* x, float* y) {
    Border(x);
    switch (blocks_) {
      case 1: return Sums<1>(y);
      case 2: return Sums<2>(y);
      case 3: return Sums<3>(y);
      default: return Sums<4>(y);
    }
  }

 private:
  void Border(const float* x) {
    std::fill(image_.begin(), image_.end(), 0.0f);
    for (int r = 0; r < rows_; ++r) {
      const int ih = r - c_.padTop;
      if (ih < 0 || ih >= c_.inH) continue;
      const int first = std::max(0, c_.padLeft), last = std::min(cols_, c_.inW + c_.padLeft);
      if (first >= last) continue;
      std::copy(x + (static_cast<size_t>(ih) * c_.inW + first - c_.padLeft) * c_.inC,
                x + (static_cast<size_t>(ih) * c_.inW + last - c_.padLeft) * c_.inC,
                image_.data() + (static_cast<size_t>(r) * cols_ + first) * c_.inC);
    }
  }

  template <int B>
  void Sums(float* y) const {
    const int taps = c_.patch();
    for (int oh = 0; oh < c_.outH; ++oh) {
      for (int ow = 0; ow < c_.outW; ++ow) {
        const float* corner = image_.data() + (static_cast<size_t>(oh) * c_.sH * cols_ + ow * c_.sW) * c_.inC;
        const float* w = weights_.data();
        Lanes acc[B] = {};
        for (int t = 0; t < taps; ++t, w += B * kLanes) {
          const float value = corner[offsets_[t]];
          for (int k = 0; k < B; ++k) {
            Lanes lanes;
            std::memcpy(&lanes, w + k * kLanes, sizeof lanes);
            acc[k] += value * lanes;
          }
        }
        float out[B * kLanes];
        std::memcpy(out, acc, sizeof out);
        float* yo = y + (static_cast<size_t>(oh) * c_.outW + ow) * c_.outC;
        for (int j = 0; j < c_.outC; ++j) yo[j] = out[j];
      }
    }
  }

  const ConvDims& c_;
  const int rows_, cols_, blocks_;
  std::vector<float> image_;    // the zero-bordered image, rows_ x cols_ x inC
  std::vector<float> weights_;  // [patch][blocks_ x kLanes], zeros after outC
  std::vector<int> offsets_;    // each tap's offset from a window's corner in image_
};

// y = epilogue(conv(x, filter)), image by image: each image's output gets its bias and activation
// while it is still in cache, and y is the only full-size array written.
Napi::Value ConvForward(const Napi::CallbackInfo& info, const ConvDims& c, const Epilogue& epilogue) {
  const float* x = Float32Arg(info, 0, "x", c.x());
  const float* filter = Float32Arg(info, 1, "filter", c.filter());
  auto out = Napi::Float32Array::New(info.Env(), c.y());
  if (c.y() == 0) return out;
  if (UsesDirectConv(c)) {
    DirectConv direct(c, filter);
    for (int b = 0; b < c.batch; ++b) {
      float* y = out.Data() + b * OutputImageSize(c);
      direct.Image(x + b * ImageSize(c), y);
      epilogue.Apply(y, static_cast<size_t>(c.positions()), c.outC);
    }
    return out;
  }
  std::vector<float> col(static_cast<size_t>(c.positions()) * c.patch());
  for (int b = 0; b < c.batch; ++b) {
    float* y = out.Data() + b * OutputImageSize(c);
    Im2Col(c, x + b * ImageSize(c), col.data());
    Sgemm(false, false, c.positions(), c.outC, c.patch(), 1.0f, col.data(), c.patch(), filter, c.outC, 0.0f, y,
          c.outC);
    epilogue.Apply(y, static_cast<size_t>(c.positions()), c.outC);
  }
  return out;
}

}  // namespace

Napi::Value Conv2D(const Napi::CallbackInfo& info) { return ConvForward(info, ReadConvDims(info, 2), Epilogue{}); }

Napi::Value FusedConv2D(const Napi::CallbackInfo& info) {
  const ConvDims c = ReadConvDims(info, 2);
  return ConvForward(info, c, Epilogue::Read(info, 3, c.outC));
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
