// Entry point of the serkit addon: each area registers its functions on `exports`.
#include <napi.h>

#include "dsp/register.h"
#include "kernels/register.h"
#ifdef SERKIT_HAVE_SNDFILE
#include "decode/register.h"
#endif

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  serkit::dsp::Register(env, exports);
  serkit::kernels::Register(env, exports);
#ifdef SERKIT_HAVE_SNDFILE
  serkit::decode::Register(env, exports);
#endif
  return exports;
}

NODE_API_MODULE(serkit_native, Init)
