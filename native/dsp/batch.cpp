#include "dsp/batch.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <tuple>
#include <vector>

#include "dsp/args.h"
#include "dsp/errors.h"
#include "dsp/options.h"
#include "dsp/pipeline.h"

namespace serkit::dsp {
namespace {

struct JobResult {
  bool done = false;
  Matrix features;
  std::unique_ptr<DspError> error;
};

// The batch's copies of the jobs' samples, recycled between batches: glibc gives a batch's freed
// copies back to the system, and fresh pages for the next batch's cost ~75 page faults per 3.5 s
// clip, about a tenth of its MFCC time. At most 64 MB is kept. Buffers are not zeroed: they are
// filled by the copy.
class SamplePool {
 public:
  struct Buffer {
    std::unique_ptr<float[]> data;
    std::size_t capacity = 0;
  };
  static Buffer Take(std::size_t n) {
    {
      std::lock_guard<std::mutex> lock(Mutex());
      std::vector<Buffer>& free = Free();
      std::size_t best = free.size();
      for (std::size_t i = 0; i < free.size(); ++i)
        if (free[i].capacity >= n && (best == free.size() || free[i].capacity < free[best].capacity)) best = i;
      if (best < free.size()) {
        Kept() -= free[best].capacity * sizeof(float);
        Buffer out = std::move(free[best]);
        free[best] = std::move(free.back());
        free.pop_back();
        return out;
      }
    }
    Buffer out;
    out.data.reset(new float[n == 0 ? 1 : n]);
    out.capacity = n == 0 ? 1 : n;
    return out;
  }
  static void Give(Buffer&& buffer) {
    const std::size_t bytes = buffer.capacity * sizeof(float);
    std::lock_guard<std::mutex> lock(Mutex());
    if (!buffer.data || Kept() + bytes > (std::size_t{64} << 20)) return;
    Kept() += bytes;
    Free().push_back(std::move(buffer));
  }

 private:
  static std::mutex& Mutex() {
    static std::mutex mutex;
    return mutex;
  }
  static std::vector<Buffer>& Free() {
    static std::vector<Buffer> free;
    return free;
  }
  static std::size_t& Kept() {
    static std::size_t kept = 0;
    return kept;
  }
};

// One source's copy: allocated before the workers start (allocation may throw), filled after (by the
// JS thread, while the workers already run the sources filled before it).
struct Samples {
  explicit Samples(std::size_t n) : buffer(SamplePool::Take(n)), size(n) {}
  ~Samples() { SamplePool::Give(std::move(buffer)); }
  Samples(const Samples&) = delete;
  Samples& operator=(const Samples&) = delete;
  const float* data() const { return buffer.data.get(); }
  SamplePool::Buffer buffer;
  std::size_t size;
};

// One distinct input signal and the jobs (variants) computed from it.
struct Source {
  std::shared_ptr<Samples> samples;
  const float* from = nullptr;  // the job's samples, copied into `samples` before the source is ready
  double sampleRate = 0;
  std::vector<std::size_t> jobs;
};

struct Batch {
  explicit Batch(Napi::Env env) : deferred(Napi::Promise::Deferred::New(env)) {}
  std::vector<AugmentOptions> augments;
  std::vector<Source> sources;
  FeaturePipeline pipeline;
  std::vector<JobResult> results;
  std::atomic<std::size_t> nextSource{0}, jobsDone{0};
  // Sources [0, ready) are copied; workers wait on `copied` for the next one.
  std::atomic<std::size_t> ready{0};
  std::mutex readyMutex;
  std::condition_variable copied;
  std::atomic<bool> cancelled{false};
  std::vector<std::thread> threads;
  Napi::Promise::Deferred deferred;
  Napi::ThreadSafeFunction progress;
  bool reportProgress = false;
};

void Fail(JobResult& result, const DspError& error) {
  result.error = std::make_unique<DspError>(error);
  result.done = true;
}

void RunSource(Batch& batch, const Source& source) {
  double rate = source.sampleRate;
  std::vector<float> resampled;
  const float* signal = source.samples->data();
  std::size_t length = source.samples->size;
  try {
    if (NeedsResample(source.sampleRate, batch.pipeline)) {
      resampled = PrepareSignal(signal, length, source.sampleRate, batch.pipeline, &rate);
      signal = resampled.data();
      length = resampled.size();
    } else {
      // PrepareSignal's checks; the source's own copy is the signal.
      RequireSignal(signal, length, "samples");
      RequireFinite(source.sampleRate, "sampleRate", 1, 1e7);
    }
  } catch (const DspError& e) {
    for (std::size_t j : source.jobs) Fail(batch.results[j], e);
    return;
  } catch (const std::bad_alloc&) {
    for (std::size_t j : source.jobs)
      Fail(batch.results[j], DspError(ErrorKind::kRange, "INVALID_AUDIO", "samples", "too large: out of memory"));
    return;
  }
  SharedAnalysis shared;  // the pitch and stretch variants of a clip share its vocoder analysis
  for (std::size_t j : source.jobs) {
    if (batch.cancelled.load()) return;
    try {
      batch.results[j].features = FeaturizePrepared(signal, length, rate, batch.augments[j], batch.pipeline, &shared);
      batch.results[j].done = true;
    } catch (const DspError& e) {
      Fail(batch.results[j], e);
    } catch (const std::bad_alloc&) {
      Fail(batch.results[j], DspError(ErrorKind::kRange, "INVALID_AUDIO", "samples", "too large: out of memory"));
    }
  }
}

void Worker(Batch* batch) {
  const std::size_t total = batch->results.size();
  for (;;) {
    if (batch->cancelled.load()) break;
    const std::size_t s = batch->nextSource.fetch_add(1);
    if (s >= batch->sources.size()) break;
    if (batch->ready.load(std::memory_order_acquire) <= s) {
      std::unique_lock<std::mutex> lock(batch->readyMutex);
      batch->copied.wait(lock, [batch, s] { return batch->ready.load(std::memory_order_acquire) > s; });
    }
    RunSource(*batch, batch->sources[s]);
    const std::size_t done = batch->jobsDone.fetch_add(batch->sources[s].jobs.size()) + batch->sources[s].jobs.size();
    if (batch->reportProgress) {
      batch->progress.NonBlockingCall([done, total](Napi::Env env, Napi::Function callback) {
        try {
          callback.Call({Napi::Number::New(env, double(done)), Napi::Number::New(env, double(total))});
        } catch (const Napi::Error&) {
          // A throwing progress callback must not take the batch down; the TS wrapper reports it.
        }
      });
    }
  }
  batch->progress.Release();
}

// Runs on the JS thread once every worker has released the thread-safe function.
void Settle(Napi::Env env, Batch* batch) {
  for (std::thread& t : batch->threads) t.join();
  // The sample copies go back to the pool now, not when the cancel function is collected.
  batch->sources.clear();
  if (batch->cancelled.load()) {
    Napi::Error error = Napi::Error::New(env, "featurizeBatch: cancelled");
    error.Set("code", Napi::String::New(env, "ABORTED"));
    batch->deferred.Reject(error.Value());
    return;
  }
  Napi::Array out = Napi::Array::New(env, batch->results.size());
  for (std::size_t i = 0; i < batch->results.size(); ++i) {
    JobResult& r = batch->results[i];
    if (r.error) {
      Napi::Object entry = Napi::Object::New(env);
      entry.Set("error", args::ToJsError(env, *r.error).Value());
      out.Set(uint32_t(i), entry);
    } else {
      out.Set(uint32_t(i), args::ToJsMatrix(env, r.features));
    }
    r.features = Matrix{};
  }
  batch->deferred.Resolve(out);
}

}  // namespace

Napi::Value FeaturizeBatchJs(const Napi::CallbackInfo& info) {
  return args::Guard(info, [&]() -> Napi::Value {
    Napi::Env env = info.Env();
    if (!info[0].IsArray()) args::ThrowType("jobs", "must be an array of { samples, sampleRate, augment? }");
    const Napi::Array jobs = info[0].As<Napi::Array>();
    const args::Options settings(info[2], "options");
    const Napi::Value onProgress = info[3];
    if (!onProgress.IsUndefined() && !onProgress.IsNull() && !onProgress.IsFunction())
      args::ThrowType("onProgress", "must be a function");

    auto batch = std::make_shared<Batch>(env);
    batch->pipeline = options::ReadPipeline(args::Options(info[1], "pipeline"));
    const std::size_t count = jobs.Length();
    batch->results.resize(count);
    batch->augments.resize(count);
    // Jobs reading the same memory at the same rate share one copy and one resampling.
    std::map<std::tuple<const float*, std::size_t, double>, std::size_t> sourceOf;
    for (std::size_t i = 0; i < count; ++i) {
      try {
        const Napi::Value jobValue = jobs.Get(uint32_t(i));
        if (!jobValue.IsObject()) args::ThrowType("job", "must be an object { samples, sampleRate, augment? }");
        const Napi::Object job = jobValue.As<Napi::Object>();
        const args::FloatView samples = args::Float32(job.Get("samples"), "samples");
        const double sampleRate = args::Number(job.Get("sampleRate"), "sampleRate");
        batch->augments[i] = options::ReadAugment(args::Options(job.Get("augment"), "augment"));
        const auto key = std::make_tuple(samples.data, samples.length, sampleRate);
        auto found = sourceOf.find(key);
        if (found == sourceOf.end() || samples.data == nullptr) {
          Source source;
          source.samples = std::make_shared<Samples>(samples.length);
          source.from = samples.data;
          source.sampleRate = sampleRate;
          found = sourceOf.emplace(key, batch->sources.size()).first;
          batch->sources.push_back(std::move(source));
        }
        batch->sources[found->second].jobs.push_back(i);
      } catch (const DspError& e) {
        Fail(batch->results[i], e);
      }
    }

    const std::size_t hardware = std::max<std::size_t>(1, std::thread::hardware_concurrency());
    std::size_t threads = settings.Integer("threads", hardware, 1, 256);
    threads = std::max<std::size_t>(1, std::min(threads, batch->sources.size()));
    batch->reportProgress = onProgress.IsFunction();
    const Napi::Function callback =
        onProgress.IsFunction() ? onProgress.As<Napi::Function>() : Napi::Function::New(env, [](const Napi::CallbackInfo&) {});
    auto* owner = new std::shared_ptr<Batch>(batch);
    batch->progress = Napi::ThreadSafeFunction::New(env, callback, "serkit featurizeBatch", 0, threads, owner,
                                                    [](Napi::Env finalEnv, std::shared_ptr<Batch>* held) {
                                                      Settle(finalEnv, held->get());
                                                      delete held;
                                                    });
    std::size_t started = 0;
    std::exception_ptr startFailure;
    try {
      for (; started < threads; ++started) batch->threads.emplace_back(Worker, batch.get());
    } catch (...) {
      startFailure = std::current_exception();  // fewer threads; none: thrown below
    }
    // Copy the sources while the workers start on the first ones (the copy is ~10% of an MFCC's
    // time: done before the threads started, it was a serial part of every batch). No JS runs
    // until this call returns, so the jobs' arrays stay as they were read.
    for (std::size_t s = 0; s < batch->sources.size(); ++s) {
      Source& source = batch->sources[s];
      if (source.samples->size > 0)
        std::memcpy(source.samples->buffer.data.get(), source.from, source.samples->size * sizeof(float));
      {
        std::lock_guard<std::mutex> lock(batch->readyMutex);
        batch->ready.store(s + 1, std::memory_order_release);
      }
      batch->copied.notify_all();
    }
    for (std::size_t t = started; t < threads; ++t) batch->progress.Release();  // workers that did not start
    if (started == 0) std::rethrow_exception(startFailure);

    Napi::Object handle = Napi::Object::New(env);
    handle.Set("promise", batch->deferred.Promise());
    // A weak reference: the JS function may outlive the batch (the thread-safe function's finaliser
    // holds it while it runs).
    const std::weak_ptr<Batch> weak = batch;
    handle.Set("cancel", Napi::Function::New(env, [weak](const Napi::CallbackInfo& cancelInfo) {
                 if (const std::shared_ptr<Batch> running = weak.lock()) running->cancelled.store(true);
                 return cancelInfo.Env().Undefined();
               }));
    return handle;
  });
}

}  // namespace serkit::dsp
