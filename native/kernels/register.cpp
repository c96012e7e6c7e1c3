#include "kernels/register.h"

#include "kernels/gemm.h"
#include "kernels/lstm.h"
#include "kernels/matmul.h"

namespace serkit::kernels {
void Register(Napi::Env env, Napi::Object exports) {
  exports.Set("kernelsVersion", Napi::Number::New(env, 2));
  exports.Set("kernelsGemm", Napi::String::New(env, GemmImplementation()));
  exports.Set("matMul", Napi::Function::New(env, MatMul, "matMul"));
  exports.Set("lstmForward", Napi::Function::New(env, LstmForward, "lstmForward"));
  exports.Set("lstmBackward", Napi::Function::New(env, LstmBackward, "lstmBackward"));
}
}  // namespace serkit::kernels
