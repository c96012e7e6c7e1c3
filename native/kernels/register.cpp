#include "kernels/register.h"

#include "kernels/elementwise.h"
#include "kernels/gemm.h"
#include "kernels/lstm.h"
#include "kernels/matmul.h"

namespace serkit::kernels {
void Register(Napi::Env env, Napi::Object exports) {
  exports.Set("kernelsVersion", Napi::Number::New(env, 3));
  exports.Set("kernelsGemm", Napi::String::New(env, GemmImplementation()));
  exports.Set("matMul", Napi::Function::New(env, MatMul, "matMul"));
  exports.Set("binary", Napi::Function::New(env, Binary, "binary"));
  exports.Set("unary", Napi::Function::New(env, Unary, "unary"));
  exports.Set("lstmForward", Napi::Function::New(env, LstmForward, "lstmForward"));
  exports.Set("lstmBackward", Napi::Function::New(env, LstmBackward, "lstmBackward"));
}
}  // namespace serkit::kernels
