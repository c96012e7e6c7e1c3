#pragma once
#include <napi.h>

namespace serkit::dsp {
// Adds the DSP functions to the addon's exports.
void Register(Napi::Env env, Napi::Object exports);
}  // namespace serkit::dsp
