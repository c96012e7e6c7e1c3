#pragma once
#include <napi.h>

namespace serkit::kernels {
// A whole LSTM layer over a sequence in one call, with the cell of tfjs-layers' LSTMCell:
// z = x_t W + h_{t-1} U + b split into [i | f | g | o] (each `units` wide),
// i, f, o = recurrentActivation(.), g = tanh(.), c_t = f c_{t-1} + i g, h_t = o tanh(c_t); h_0 = c_0 = 0.
//
// lstmForward(x[B*T*D], batch, steps, inputDim, units, kernel[D*4H], recurrentKernel[H*4H], bias[4H] | null,
//             recurrentActivation: "sigmoid" | "hardSigmoid")
//   -> [h[B*T*H], gates[B*T*4H] (activated i, f, g, o), cells[B*T*H]]
Napi::Value LstmForward(const Napi::CallbackInfo& info);

// lstmBackward(x, batch, steps, inputDim, units, kernel, recurrentKernel, h, gates, cells, dh[B*T*H],
//              recurrentActivation) -> [dx[B*T*D], dKernel[D*4H], dRecurrentKernel[H*4H], dBias[4H]]
// Backpropagation through time for the gradient dh of the loss with respect to every h_t.
Napi::Value LstmBackward(const Napi::CallbackInfo& info);
}  // namespace serkit::kernels
