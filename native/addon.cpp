// Entry point of the serkit addon: each area registers its functions on `exports`.
#include <napi.h>

#include "dsp/register.h"
#include "kernels/register.h"

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  serkit::dsp::Register(env, exports);
  serkit::kernels::Register(env, exports);
  return exports;
}

NODE_API_MODULE(serkit_native, Init)
