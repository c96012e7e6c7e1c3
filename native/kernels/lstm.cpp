#include "kernels/lstm.h"

// The gate loops call FastExp, which GCC only vectorises when it may ignore FP-exception traps
// (nothing here reads FP exception flags).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-trapping-math")
#endif

#include <climits>
#include <cmath>
#include <vector>

#include "kernels/activation.h"
#include "kernels/args.h"
#include "kernels/gemm.h"

namespace serkit::kernels {
namespace {

struct Dims {
  int batch, steps, inputDim, units;
  size_t x() const { return static_cast<size_t>(batch) * steps * inputDim; }
  size_t h() const { return static_cast<size_t>(batch) * steps * units; }
  size_t gates() const { return 4 * h(); }
  size_t kernel() const { return static_cast<size_t>(inputDim) * 4 * units; }
  size_t recurrentKernel() const { return static_cast<size_t>(units) * 4 * units; }
};

Dims ReadDims(const Napi::CallbackInfo& info) {
  Dims d{IntArg(info, 1, "batch", 0, INT_MAX), IntArg(info, 2, "steps", 0, INT_MAX),
         IntArg(info, 3, "inputDim", 0, INT_MAX), IntArg(info, 4, "units", 1, INT_MAX / 4)};
  CheckedSize(info.Env(), {d.batch, d.steps, 4 * d.units});
  CheckedSize(info.Env(), {d.batch, d.steps, d.inputDim});
  CheckedSize(info.Env(), {d.inputDim, 4 * d.units});
  CheckedSize(info.Env(), {d.units, 4 * d.units});
  return d;
}

// true: hardSigmoid, false: sigmoid.
bool ReadHardSigmoid(const Napi::CallbackInfo& info, size_t index) {
  const std::string name = StringArg(info, index, "recurrentActivation");
  if (name == "sigmoid") return false;
  if (name == "hardSigmoid") return true;
  throw Napi::RangeError::New(info.Env(), "recurrentActivation: expected sigmoid or hardSigmoid");
}

// Derivative of the recurrent activation, from its output a.
template <bool Hard>
inline float RecurrentDerivative(float a) {
  if (Hard) return (a > 0.0f && a < 1.0f) ? 0.2f : 0.0f;
  return a * (1.0f - a);
}

// One step of one sequence: from the gradient reaching h_t (dh plus what step t+1 sent back in dhNext)
// and c_t (dcNext), the pre-activation gradients dz = [di | df | dg | do]; dcNext becomes dc_{t-1}.
template <bool Hard>
void GateGradients(const float* gates, const float* c, const float* cPrev, const float* dh, const float* dhNext,
                   float* dcNext, float* dz, int H) {
  for (int j = 0; j < H; ++j) {
    const float i = gates[j], f = gates[H + j], g = gates[2 * H + j], o = gates[3 * H + j];
    const float tc = FastTanh(c[j]);
    const float dhj = dh[j] + dhNext[j];
    const float dc = dhj * o * (1.0f - tc * tc) + dcNext[j];
    dz[j] = dc * g * RecurrentDerivative<Hard>(i);
    dz[H + j] = dc * cPrev[j] * RecurrentDerivative<Hard>(f);
    dz[2 * H + j] = dc * i * (1.0f - g * g);
    dz[3 * H + j] = dhj * tc * RecurrentDerivative<Hard>(o);
    dcNext[j] = dc * f;
  }
}

// Activates one row of pre-activations [i | f | g | o] in place: recurrent activation on i, f, o
// and tanh on g, each a separate contiguous loop so it vectorises.
void ActivateGates(float* z, int H, bool hard) {
  float* g = z + 2 * H;
  for (int j = 0; j < H; ++j) g[j] = FastTanh(g[j]);
  for (float* gate : {z, z + H, z + 3 * H}) {
    if (hard) {
      for (int j = 0; j < H; ++j) gate[j] = HardSigmoid(gate[j]);
    } else {
      for (int j = 0; j < H; ++j) gate[j] = FastSigmoid(gate[j]);
    }
  }
}

}  // namespace

Napi::Value LstmForward(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const Dims d = ReadDims(info);
  const float* x = Float32Arg(info, 0, "x", d.x());
  const float* w = Float32Arg(info, 5, "kernel", d.kernel());
  const float* u = Float32Arg(info, 6, "recurrentKernel", d.recurrentKernel());
  const float* bias = OptionalFloat32Arg(info, 7, "bias", 4 * static_cast<size_t>(d.units));
  const bool hard = ReadHardSigmoid(info, 8);

  const int H = d.units, G = 4 * d.units, T = d.steps;
  auto hOut = Napi::Float32Array::New(env, d.h());
  auto gatesOut = Napi::Float32Array::New(env, d.gates());
  auto cellsOut = Napi::Float32Array::New(env, d.h());
  float* h = hOut.Data();
  float* z = gatesOut.Data();
  float* c = cellsOut.Data();

  // Input projections of every step at once: rows (b, t) of x [B*T, D] times W [D, 4H].
  const int rows = d.batch * T;
  if (d.inputDim > 0) Sgemm(false, false, rows, G, d.inputDim, 1.0f, x, d.inputDim, w, G, 0.0f, z, G);
  if (bias != nullptr) {
    for (int r = 0; r < rows; ++r)
      for (int j = 0; j < G; ++j) z[static_cast<size_t>(r) * G + j] += bias[j];
  }
  for (int t = 0; t < T; ++t) {
    float* zt = z + static_cast<size_t>(t) * G;  // row b of step t sits at zt + b * T * G
    if (t > 0) Sgemm(false, false, d.batch, G, H, 1.0f, h + static_cast<size_t>(t - 1) * H, T * H, u, G, 1.0f, zt, T * G);
    for (int b = 0; b < d.batch; ++b) {
      float* zr = zt + static_cast<size_t>(b) * T * G;
      const size_t hc = (static_cast<size_t>(b) * T + t) * H;
      ActivateGates(zr, H, hard);
      const float* cPrev = t > 0 ? c + hc - H : nullptr;
      const float* gi = zr;
      const float* gf = zr + H;
      const float* gg = zr + 2 * H;
      const float* go = zr + 3 * H;
      float* ct = c + hc;
      float* ht = h + hc;
      if (cPrev != nullptr) {
        for (int j = 0; j < H; ++j) ct[j] = gf[j] * cPrev[j] + gi[j] * gg[j];
      } else {
        for (int j = 0; j < H; ++j) ct[j] = gi[j] * gg[j];
      }
      for (int j = 0; j < H; ++j) ht[j] = go[j] * FastTanh(ct[j]);
    }
  }
  auto result = Napi::Array::New(env, 3);
  result.Set(0u, hOut);
  result.Set(1u, gatesOut);
  result.Set(2u, cellsOut);
  return result;
}

Napi::Value LstmBackward(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const Dims d = ReadDims(info);
  const float* x = Float32Arg(info, 0, "x", d.x());
  const float* w = Float32Arg(info, 5, "kernel", d.kernel());
  const float* u = Float32Arg(info, 6, "recurrentKernel", d.recurrentKernel());
  const float* h = Float32Arg(info, 7, "h", d.h());
  const float* gates = Float32Arg(info, 8, "gates", d.gates());
  const float* c = Float32Arg(info, 9, "cells", d.h());
  const float* dh = Float32Arg(info, 10, "dh", d.h());
  const bool hard = ReadHardSigmoid(info, 11);

  const int H = d.units, G = 4 * d.units, T = d.steps, B = d.batch;
  const int rows = B * T;
  std::vector<float> dz(d.gates());
  std::vector<float> dhNext(static_cast<size_t>(B) * H, 0.0f);
  std::vector<float> dcNext(static_cast<size_t>(B) * H, 0.0f);
  const std::vector<float> zeros(static_cast<size_t>(H), 0.0f);  // c_{-1}
  for (int t = T - 1; t >= 0; --t) {
    for (int b = 0; b < B; ++b) {
      const size_t hc = (static_cast<size_t>(b) * T + t) * H;
      const size_t gz = (static_cast<size_t>(b) * T + t) * G;
      const float* gr = gates + gz;
      float* dzr = dz.data() + gz;
      float* dhn = dhNext.data() + static_cast<size_t>(b) * H;
      float* dcn = dcNext.data() + static_cast<size_t>(b) * H;
      const float* cPrev = t > 0 ? c + hc - H : zeros.data();
      if (hard) {
        GateGradients<true>(gr, c + hc, cPrev, dh + hc, dhn, dcn, dzr, H);
      } else {
        GateGradients<false>(gr, c + hc, cPrev, dh + hc, dhn, dcn, dzr, H);
      }
    }
    // dh_{t-1} = dz_t U^T
    if (t > 0) {
      Sgemm(false, true, B, H, G, 1.0f, dz.data() + static_cast<size_t>(t) * G, T * G, u, G, 0.0f, dhNext.data(), H);
    }
  }

  auto dxOut = Napi::Float32Array::New(env, d.x());
  auto dwOut = Napi::Float32Array::New(env, d.kernel());
  auto duOut = Napi::Float32Array::New(env, d.recurrentKernel());
  auto dbOut = Napi::Float32Array::New(env, static_cast<size_t>(G));
  if (d.inputDim > 0 && rows > 0) {
    Sgemm(false, true, rows, d.inputDim, G, 1.0f, dz.data(), G, w, G, 0.0f, dxOut.Data(), d.inputDim);
    Sgemm(true, false, d.inputDim, G, rows, 1.0f, x, d.inputDim, dz.data(), G, 0.0f, dwOut.Data(), G);
  }
  // dU = sum_t h_{t-1}^T dz_t: shift h by one step (h_{-1} = 0) so it is one GEMM over all rows.
  if (rows > 0) {
    std::vector<float> hPrev(d.h(), 0.0f);
    for (int b = 0; b < B; ++b) {
      const size_t base = static_cast<size_t>(b) * T * H;
      std::copy(h + base, h + base + static_cast<size_t>(T - 1) * H, hPrev.begin() + base + H);
    }
    Sgemm(true, false, H, G, rows, 1.0f, hPrev.data(), H, dz.data(), G, 0.0f, duOut.Data(), G);
  }
  float* db = dbOut.Data();
  for (int r = 0; r < rows; ++r)
    for (int j = 0; j < G; ++j) db[j] += dz[static_cast<size_t>(r) * G + j];

  auto result = Napi::Array::New(env, 4);
  result.Set(0u, dxOut);
  result.Set(1u, dwOut);
  result.Set(2u, duOut);
  result.Set(3u, dbOut);
  return result;
}

}  // namespace serkit::kernels
