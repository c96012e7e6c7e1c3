#pragma once
#include <napi.h>

namespace serkit::kernels {
// Adds the tfjs training kernels to the addon's exports.
void Register(Napi::Env env, Napi::Object exports);
}  // namespace serkit::kernels
