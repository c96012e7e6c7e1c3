import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { SerkitError } from '@serkit/core';
import { compiledExecArgv, compiledWorkerScript } from './compiled-worker.js';
import { type FeaturePipeline, inProcessSource, type SourceOptions } from './in-process-source.js';
import type { ClipInput, FeatureSource, LongFile } from './ports.js';
import type { WorkerReply, WorkerSetup } from './worker/protocol.js';

export interface WorkerSourceOptions extends SourceOptions {
  /** File URL of the register hook of the extractor's plugin package (see `registerHookOf`). */
  readonly registerHook: string;
  /** Worker threads. Default: the number of CPUs. */
  readonly workers?: number;
}

interface Job {
  readonly id: number;
  readonly file: string;
  readonly resolve: (clip: ClipInput | LongFile) => void;
  readonly reject: (error: SerkitError) => void;
  /** Workers that died while holding this job: after the second, the file is blamed. */
  crashes: number;
}

interface Slot {
  worker: Worker;
  readonly pending: Map<number, Job>;
}

/**
 * A FeatureSource that decodes and featurises on worker threads (one per CPU by default), so the
 * main thread is free for batched inference. Each worker rebuilds the extractor from its plugin's
 * register hook. A file that crashes a worker fails alone: the worker is replaced and the other
 * files it held are retried. Long files (`windows`) stream on the main thread.
 * Resolves to the in-process source when no compiled worker script exists.
 */
export async function workerSource(pipeline: FeaturePipeline, options: WorkerSourceOptions): Promise<FeatureSource> {
  const local = inProcessSource(pipeline, options);
  const script = compiledWorkerScript('feature-worker');
  const count = Math.max(1, options.workers ?? availableParallelism());
  if (script === undefined) return local;
  const setup: WorkerSetup = {
    registerHook: options.registerHook,
    extractorId: pipeline.extractor.id,
    extractorConfig: pipeline.extractor.config,
    fingerprint: pipeline.extractor.fingerprint,
    normalisation: pipeline.normalisation,
    inputShape: pipeline.inputShape,
    decoder: options.decoder ?? 'auto',
    longFileSeconds: options.longFileSeconds ?? 120,
  };
  let closing = false;
  let nextId = 0;
  const slots: Slot[] = [];

  const start = (slot: Slot | undefined): Promise<Slot> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(script, { workerData: setup, execArgv: compiledExecArgv() });
      const current: Slot = slot ?? { worker, pending: new Map() };
      current.worker = worker;
      let ready = false;
      worker.on('message', (reply: WorkerReply) => {
        if ('ready' in reply) {
          ready = true;
          return resolve(current);
        }
        if ('fatal' in reply) return reject(new SerkitError(reply.fatal.code, reply.fatal.reason, { input: 'worker' }));
        const job = current.pending.get(reply.id);
        if (job === undefined) return;
        current.pending.delete(reply.id);
        if ('error' in reply) job.reject(new SerkitError(reply.error.code, reply.error.reason, { input: job.file }));
        else if ('long' in reply) job.resolve({ long: true });
        else job.resolve({ input: reply.input, duration: reply.duration, warnings: reply.warnings });
      });
      worker.on('error', (error) => reject(new SerkitError('INTERNAL', `feature worker failed: ${error.message}`)));
      worker.on('exit', () => {
        if (closing || !ready) return; // a worker that never started has rejected `start` already
        // A crash (a decoder aborting the thread, out of memory): replace the worker; retry its
        // files once, then blame the file that was there both times.
        const orphans = [...current.pending.values()];
        current.pending.clear();
        void start(current).then(
          () => {
            for (const job of orphans) {
              if (++job.crashes >= 2) {
                job.reject(
                  new SerkitError('DECODE_FAILED', 'decoding this file crashed the decoder', { input: job.file }),
                );
              } else {
                send(current, job);
              }
            }
          },
          (error: SerkitError) => {
            for (const job of orphans) job.reject(error);
          },
        );
      });
    });

  const send = (slot: Slot, job: Job) => {
    slot.pending.set(job.id, job);
    slot.worker.postMessage({ id: job.id, file: job.file });
  };

  try {
    slots.push(...(await Promise.all(Array.from({ length: count }, () => start(undefined)))));
  } catch (error) {
    closing = true;
    await Promise.all(slots.map((s) => s.worker.terminate()));
    throw error;
  }

  return {
    clip(file) {
      return new Promise((resolve, reject) => {
        // The least busy worker takes the file.
        const slot = slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
        send(slot, { id: nextId++, file, resolve, reject, crashes: 0 });
      });
    },
    windows: (file, segment, hop) => local.windows(file, segment, hop),
    async close() {
      closing = true;
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}
