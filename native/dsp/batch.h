// featurizeBatch(jobs, pipeline, options, onProgress?) -> { promise, cancel }: featurises many clips
// on a pool of native threads, off the JS thread. Jobs that share one samples array are resampled
// once. A bad job yields an `{ error }` entry; the others go on. cancel() stops taking new jobs and
// rejects the promise with code 'ABORTED'.
#pragma once
#include <napi.h>

namespace serkit::dsp {

Napi::Value FeaturizeBatchJs(const Napi::CallbackInfo& info);

}  // namespace serkit::dsp
