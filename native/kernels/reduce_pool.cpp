#include "kernels/reduce_pool.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "kernels/args.h"
#include "kernels/conv_dims.h"

namespace serkit::kernels {

Napi::Value Reduce(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::string op = StringArg(info, 0, "op");
  if (op != "sum" && op != "mean") throw Napi::RangeError::New(env, "op: expected sum or mean");
  const int outer = IntArg(info, 2, "outer", 0, INT_MAX);
  const int mid = IntArg(info, 3, "mid", 0, INT_MAX);
  const int inner = IntArg(info, 4, "inner", 0, INT_MAX);
  const float* x = Float32Arg(info, 1, "x", CheckedSize(env, {outer, mid, inner}));
  auto out = Napi::Float32Array::New(env, CheckedSize(env, {outer, inner}));
  std::vector<double> acc(static_cast<size_t>(inner));
  const double scale = op == "mean" ? 1.0 / mid : 1.0;  // mean of nothing: 0 * inf = NaN, as in tfjs
  for (int o = 0; o < outer; ++o) {
    std::fill(acc.begin(), acc.end(), 0.0);
    const float* block = x + static_cast<size_t>(o) * mid * inner;
    for (int m = 0; m < mid; ++m) {
      const float* row = block + static_cast<size_t>(m) * inner;
      for (int i = 0; i < inner; ++i) acc[i] += row[i];
    }
    float* dst = out.Data() + static_cast<size_t>(o) * inner;
    for (int i = 0; i < inner; ++i) dst[i] = static_cast<float>(acc[i] * scale);
  }
  return out;
}

namespace {

// Calls visit(out, rMin, rMax, cMin, cMax) for every pooling window of image b: `out` is the index of
// its first output channel, and its input pixels are rows rMin, rMin + dH, ... < rMax by columns
// cMin, cMin + dW, ... < cMax (the dilated window clipped to the image).
template <typename Visit>
void ForEachWindow(const ConvDims& c, int b, Visit visit) {
  const int spanH = (c.fH - 1) * c.dH + 1;  // the dilated window
  const int spanW = (c.fW - 1) * c.dW + 1;
  for (int oh = 0; oh < c.outH; ++oh) {
    const int rCorner = oh * c.sH - c.padTop;
    int rMin = rCorner;
    while (rMin < 0) rMin += c.dH;
    const int rMax = std::min(c.inH, spanH + rCorner);
    for (int ow = 0; ow < c.outW; ++ow) {
      const int cCorner = ow * c.sW - c.padLeft;
      int cMin = cCorner;
      while (cMin < 0) cMin += c.dW;
      const int cMax = std::min(c.inW, spanW + cCorner);
      visit(((static_cast<size_t>(b) * c.outH + oh) * c.outW + ow) * c.inC, rMin, rMax, cMin, cMax);
    }
  }
}

// Scans every max-pool window of image b; calls emit(outIndex, channel, bestPixel) where bestPixel
// is the input pixel (row * inW + col) of the window's first maximum, -1 for an all-NaN window.
template <typename Emit>
void ScanMaxWindows(const ConvDims& c, const float* xb, int b, std::vector<int>& best, std::vector<float>& bestValue,
                    Emit emit) {
  const int C = c.inC;
  ForEachWindow(c, b, [&](size_t out, int rMin, int rMax, int cMin, int cMax) {
    std::fill(best.begin(), best.end(), -1);
    std::fill(bestValue.begin(), bestValue.end(), -std::numeric_limits<float>::infinity());
    for (int r = rMin; r < rMax; r += c.dH) {
      for (int col = cMin; col < cMax; col += c.dW) {
        const int pixel = r * c.inW + col;
        const float* v = xb + static_cast<size_t>(pixel) * C;
        for (int ch = 0; ch < C; ++ch) {
          if (v[ch] > bestValue[ch]) {  // strict: the first maximum wins, as in tfjs
            bestValue[ch] = v[ch];
            best[ch] = pixel;
          }
        }
      }
    }
    for (int ch = 0; ch < C; ++ch) emit(out + ch, ch, best[ch], bestValue[ch]);
  });
}

ConvDims ReadPoolDims(const Napi::CallbackInfo& info, size_t index) {
  const ConvDims c = ReadConvDims(info, index);
  if (c.inC != c.outC) throw Napi::RangeError::New(info.Env(), "dims: pooling keeps the channel count");
  return c;
}

}  // namespace

Napi::Value MaxPool(const Napi::CallbackInfo& info) {
  const ConvDims c = ReadPoolDims(info, 1);
  const float* x = Float32Arg(info, 0, "x", c.x());
  auto yOut = Napi::Float32Array::New(info.Env(), c.y());
  float* y = yOut.Data();
  const int C = c.inC;
  constexpr float kNone = -std::numeric_limits<float>::infinity();
  for (int b = 0; b < c.batch; ++b) {
    const float* xb = x + static_cast<size_t>(b) * c.inH * c.inW * C;
    // Only the maxima (no positions, unlike the gradient): a select per value, which vectorises.
    ForEachWindow(c, b, [&](size_t out, int rMin, int rMax, int cMin, int cMax) {
      // tfjs's cpu MaxPool: -inf for a window without any number above -inf (NaN never wins)
      float* yo = y + out;
      std::fill(yo, yo + C, kNone);
      for (int r = rMin; r < rMax; r += c.dH) {
        for (int col = cMin; col < cMax; col += c.dW) {
          const float* v = xb + (static_cast<size_t>(r) * c.inW + col) * C;
          for (int ch = 0; ch < C; ++ch) yo[ch] = v[ch] > yo[ch] ? v[ch] : yo[ch];
        }
      }
    });
  }
  return yOut;
}

Napi::Value MaxPoolGrad(const Napi::CallbackInfo& info) {
  const ConvDims c = ReadPoolDims(info, 2);
  const float* dy = Float32Arg(info, 0, "dy", c.y());
  const float* x = Float32Arg(info, 1, "x", c.x());
  auto dxOut = Napi::Float32Array::New(info.Env(), c.x());
  float* dx = dxOut.Data();
  std::vector<int> best(static_cast<size_t>(c.inC));
  std::vector<float> bestValue(static_cast<size_t>(c.inC));
  for (int b = 0; b < c.batch; ++b) {
    const size_t image = static_cast<size_t>(b) * c.inH * c.inW * c.inC;
    ScanMaxWindows(c, x + image, b, best, bestValue, [&](size_t out, int ch, int pixel, float) {
      if (pixel >= 0) dx[image + static_cast<size_t>(pixel) * c.inC + ch] += dy[out];
    });
  }
  return dxOut;
}

Napi::Value Tile(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 3 || !info[1].IsArray() || !info[2].IsArray()) {
    throw Napi::TypeError::New(env, "shape, reps: expected arrays");
  }
  auto shapeArg = info[1].As<Napi::Array>();
  auto repsArg = info[2].As<Napi::Array>();
  const uint32_t rank = shapeArg.Length();
  if (repsArg.Length() != rank || rank == 0 || rank > 16) throw Napi::RangeError::New(env, "reps: one per dim, 1 to 16 dims");
  std::vector<size_t> shape(rank), reps(rank);
  size_t inSize = 1, outSize = 1;
  for (uint32_t i = 0; i < rank; ++i) {
    Napi::Value s = shapeArg.Get(i), r = repsArg.Get(i);
    if (!s.IsNumber() || !r.IsNumber()) throw Napi::TypeError::New(env, "shape, reps: expected numbers");
    const double sd = s.As<Napi::Number>().DoubleValue(), rd = r.As<Napi::Number>().DoubleValue();
    if (!(sd >= 0 && rd >= 0 && sd < 2147483648.0 && rd < 2147483648.0) || sd != static_cast<int64_t>(sd) || rd != static_cast<int64_t>(rd)) {
      throw Napi::RangeError::New(env, "shape, reps: expected whole numbers >= 0");
    }
    shape[i] = static_cast<size_t>(sd);
    reps[i] = static_cast<size_t>(rd);
    inSize *= shape[i];
    outSize *= shape[i] * reps[i];
    if (inSize > INT_MAX || outSize > INT_MAX) throw Napi::RangeError::New(env, "tensor too large: more than 2^31 elements");
  }
  const float* x = Float32Arg(info, 0, "x", inSize);
  auto out = Napi::Float32Array::New(env, outSize);
  if (outSize == 0) return out;
  // Tiles one dim at a time from the innermost: y holds the input already tiled along the dims after d;
  // tiling along d turns each block (a fixed index of the dims before d) into reps[d] copies of itself.
  float* y = out.Data();
  std::copy(x, x + inSize, y);
  size_t innerOut = 1;  // values in one block of the dims already tiled
  size_t outerCount = inSize;        // blocks still to expand
  std::vector<float> scratch(outSize);
  for (int d = static_cast<int>(rank) - 1; d >= 0; --d) {
    outerCount /= shape[d];
    const size_t block = innerOut * shape[d];  // one expanded block along dims > d, whole along d
    // Blocks of y: outerCount blocks of `block` values; each becomes reps[d] copies.
    for (size_t o = 0; o < outerCount; ++o) {
      const float* src = y + o * block;
      float* dst = scratch.data() + o * block * reps[d];
      for (size_t r = 0; r < reps[d]; ++r) std::copy(src, src + block, dst + r * block);
    }
    std::copy(scratch.begin(), scratch.begin() + outerCount * block * reps[d], y);
    innerOut = block * reps[d];
  }
  return out;
}

}  // namespace serkit::kernels
