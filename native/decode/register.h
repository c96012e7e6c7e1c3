#pragma once
#include <napi.h>

namespace serkit::decode {
// Adds decodeAudio and decodeInfo to the addon's exports (only in builds with libsndfile).
void Register(Napi::Env env, Napi::Object exports);
}  // namespace serkit::decode
