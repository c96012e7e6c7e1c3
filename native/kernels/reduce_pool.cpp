#include "kernels/reduce_pool.h"

#include <algorithm>
#include <climits>
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

Napi::Value MaxPoolGrad(const Napi::CallbackInfo& info) {
  const ConvDims c = ReadConvDims(info, 2);
  if (c.inC != c.outC) throw Napi::RangeError::New(info.Env(), "dims: pooling keeps the channel count");
  const float* dy = Float32Arg(info, 0, "dy", c.y());
  const float* x = Float32Arg(info, 1, "x", c.x());
  auto dxOut = Napi::Float32Array::New(info.Env(), c.x());
  float* dx = dxOut.Data();
  const int C = c.inC;
  std::vector<int> best(static_cast<size_t>(C));
  std::vector<float> bestValue(static_cast<size_t>(C));
  for (int b = 0; b < c.batch; ++b) {
    const float* xb = x + static_cast<size_t>(b) * c.inH * c.inW * C;
    float* dxb = dx + static_cast<size_t>(b) * c.inH * c.inW * C;
    for (int oh = 0; oh < c.outH; ++oh) {
      const int rCorner = oh * c.sH - c.padTop;
      int rMin = rCorner;
      while (rMin < 0) rMin += c.dH;
      const int rMax = std::min(c.inH, c.fH + rCorner);
      for (int ow = 0; ow < c.outW; ++ow) {
        const int cCorner = ow * c.sW - c.padLeft;
        int cMin = cCorner;
        while (cMin < 0) cMin += c.dW;
        const int cMax = std::min(c.inW, c.fW + cCorner);
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
        const float* g = dy + ((static_cast<size_t>(b) * c.outH + oh) * c.outW + ow) * C;
        for (int ch = 0; ch < C; ++ch) {
          if (best[ch] >= 0) dxb[static_cast<size_t>(best[ch]) * C + ch] += g[ch];
        }
      }
    }
  }
  return dxOut;
}

}  // namespace serkit::kernels
