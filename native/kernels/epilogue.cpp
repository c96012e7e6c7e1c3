#include "kernels/epilogue.h"

#include <string>

#include "kernels/args.h"

namespace serkit::kernels {

Epilogue Epilogue::Read(const Napi::CallbackInfo& info, size_t index, int n) {
  Epilogue e;
  if (info.Length() > index && info[index].IsTypedArray()) {
    e.biasLength = info[index].As<Napi::TypedArray>().ElementLength();
    if (e.biasLength != 1 && e.biasLength != static_cast<size_t>(n)) {
      throw Napi::RangeError::New(info.Env(), "bias: expected 1 or n = " + std::to_string(n) + " elements");
    }
  }
  e.bias = OptionalFloat32Arg(info, index, "bias", e.biasLength);
  if (!ParseActivation(StringArg(info, index + 1, "activation"), &e.activation)) {
    throw Napi::RangeError::New(info.Env(), "activation: expected linear, relu, relu6, elu, leakyrelu or sigmoid");
  }
  e.alpha = static_cast<float>(NumberArg(info, index + 2, "alpha"));
  return e;
}

void Epilogue::Apply(float* c, size_t rows, int n) const {
  if (bias != nullptr) {
    for (size_t row = 0; row < rows; ++row) {
      float* r = c + row * n;
      if (biasLength == 1) {
        for (int j = 0; j < n; ++j) r[j] += bias[0];
      } else {
        for (int j = 0; j < n; ++j) r[j] += bias[j];
      }
    }
  }
  ApplyActivation(activation, alpha, c, rows * n);
}

}  // namespace serkit::kernels
