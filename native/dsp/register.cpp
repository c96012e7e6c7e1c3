#include "dsp/register.h"

namespace serkit::dsp {
void Register(Napi::Env env, Napi::Object exports) {
  exports.Set("dspVersion", Napi::Number::New(env, 1));
}
}  // namespace serkit::dsp
