#include "kernels/register.h"

#include <climits>

#include "kernels/allocator.h"
#include "kernels/args.h"
#include "kernels/batch_norm.h"
#include "kernels/conv2d.h"
#include "kernels/elementwise.h"
#include "kernels/gemm.h"
#include "kernels/lstm.h"
#include "kernels/matmul.h"
#include "kernels/reduce_pool.h"

namespace serkit::kernels {
void Register(Napi::Env env, Napi::Object exports) {
  exports.Set("kernelsVersion", Napi::Number::New(env, 10));
  exports.Set("kernelsGemm", Napi::String::New(env, GemmImplementation()));
  exports.Set("gemmThreads", Napi::Function::New(env, [](const Napi::CallbackInfo& info) -> Napi::Value {
                 return Napi::Number::New(info.Env(), GemmThreads());
               }));
  exports.Set("setGemmThreads", Napi::Function::New(env, [](const Napi::CallbackInfo& info) -> Napi::Value {
                 return Napi::Number::New(info.Env(), SetGemmThreads(IntArg(info, 0, "threads", 1, 1024)));
               }));
  exports.Set("retainFreedMemory", Napi::Function::New(env, [](const Napi::CallbackInfo& info) -> Napi::Value {
                 return Napi::Boolean::New(info.Env(), RetainFreedMemory());
               }));
  exports.Set("matMul", Napi::Function::New(env, MatMul, "matMul"));
  exports.Set("binary", Napi::Function::New(env, Binary, "binary"));
  exports.Set("unary", Napi::Function::New(env, Unary, "unary"));
  exports.Set("conv2d", Napi::Function::New(env, Conv2D, "conv2d"));
  exports.Set("fusedConv2d", Napi::Function::New(env, FusedConv2D, "fusedConv2d"));
  exports.Set("conv2dBackpropInput", Napi::Function::New(env, Conv2DBackpropInput, "conv2dBackpropInput"));
  exports.Set("conv2dBackpropFilter", Napi::Function::New(env, Conv2DBackpropFilter, "conv2dBackpropFilter"));
  exports.Set("reduce", Napi::Function::New(env, Reduce, "reduce"));
  exports.Set("maxPoolGrad", Napi::Function::New(env, MaxPoolGrad, "maxPoolGrad"));
  exports.Set("maxPool", Napi::Function::New(env, MaxPool, "maxPool"));
  exports.Set("tile", Napi::Function::New(env, Tile, "tile"));
  exports.Set("batchNorm", Napi::Function::New(env, BatchNorm, "batchNorm"));
  exports.Set("batchNormGrad", Napi::Function::New(env, BatchNormGrad, "batchNormGrad"));
  exports.Set("lstmForward", Napi::Function::New(env, LstmForward, "lstmForward"));
  exports.Set("lstmBackward", Napi::Function::New(env, LstmBackward, "lstmBackward"));
}
}  // namespace serkit::kernels
