#pragma once
// Argument checks for the kernel bindings: every bad argument becomes a JS TypeError/RangeError
// naming the argument, never a crash or an out-of-bounds read.
#include <napi.h>

#include <cstddef>
#include <string>

namespace serkit::kernels {

// The Float32Array at info[index], checked to hold exactly `length` elements.
const float* Float32Arg(const Napi::CallbackInfo& info, size_t index, const char* name, size_t length);

// Same, but null/undefined gives nullptr (optional inputs such as a bias).
const float* OptionalFloat32Arg(const Napi::CallbackInfo& info, size_t index, const char* name, size_t length);

// A whole number in [min, max] at info[index].
int IntArg(const Napi::CallbackInfo& info, size_t index, const char* name, int min, int max);

bool BoolArg(const Napi::CallbackInfo& info, size_t index, const char* name);

std::string StringArg(const Napi::CallbackInfo& info, size_t index, const char* name);

double NumberArg(const Napi::CallbackInfo& info, size_t index, const char* name);

// a * b * ... as size_t, throwing a RangeError past 2^31 elements (tfjs tensors never get that big).
size_t CheckedSize(Napi::Env env, std::initializer_list<int> dims);

}  // namespace serkit::kernels
