#include "kernels/register.h"

namespace serkit::kernels {
void Register(Napi::Env env, Napi::Object exports) {
  exports.Set("kernelsVersion", Napi::Number::New(env, 1));
}
}  // namespace serkit::kernels
