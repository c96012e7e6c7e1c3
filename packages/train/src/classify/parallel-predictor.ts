import { Worker } from 'node:worker_threads';
import { SerkitError } from '@serkit/core';
import { compiledExecArgv, compiledWorkerScript } from './compiled-worker.js';
import type { Predictor } from './ports.js';
import type { InferenceReply, InferenceSetup } from './worker/inference-protocol.js';

export interface ParallelPredictor extends Predictor {
  /** Inference workers running (0: every batch runs on this thread). */
  readonly threads: number;
  /** Stops the workers. */
  close(): Promise<void>;
}

interface Helper {
  readonly worker: Worker;
  readonly pending: Map<number, { resolve: (probs: Float32Array) => void; reject: (error: Error) => void }>;
  alive: boolean;
}

/**
 * A Predictor that runs each batch on one of `threads` inference workers (the least busy), each with
 * its own copy of the model on the same backend, and says so in `parallelism`: the caller can keep
 * that many batches on the network at once. tfjs's wasm and cpu backends compute on the calling
 * thread and block it: on the main thread, inference held up the decoding it waits for, and used
 * one core. A worker that fails is dropped and its batches run on this thread (`local`), so results
 * never depend on the workers. Resolves to `local` alone (threads 0, parallelism 1) when `threads`
 * <= 1, no compiled worker script exists, or a worker cannot load the model.
 */
export async function parallelPredictor(
  local: Predictor,
  setup: InferenceSetup,
  threads: number,
): Promise<ParallelPredictor> {
  const single: ParallelPredictor = { ...local, parallelism: 1, threads: 0, close: async () => {} };
  const script = compiledWorkerScript('inference-worker');
  if (threads <= 1 || script === undefined) return single;
  const helpers = await Promise.all(Array.from({ length: threads }, () => startHelper(script, setup)));
  const pool = helpers.filter((h): h is Helper => h !== undefined);
  if (pool.length < helpers.length) {
    await Promise.all(pool.map((h) => h.worker.terminate()));
    return single;
  }
  let nextId = 0;
  const remote = (helper: Helper, inputs: Float32Array, count: number): Promise<Float32Array> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      helper.pending.set(id, { resolve, reject });
      helper.worker.postMessage({ id, inputs, count }, [inputs.buffer as ArrayBuffer]);
    });

  return {
    ...local,
    parallelism: pool.length,
    threads: pool.length,
    predict(inputs, count) {
      const live = pool.filter((h) => h.alive);
      if (live.length === 0) return local.predict(inputs, count);
      const helper = live.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      // A copy for the worker (transferred): the caller reuses `inputs` as soon as this returns.
      const copy = inputs.slice(0, count * local.inputSize);
      return remote(helper, copy, count).catch(() => local.predict(inputs.slice(0, count * local.inputSize), count));
    },
    async close() {
      for (const helper of pool) helper.alive = false;
      await Promise.all(pool.map((h) => h.worker.terminate()));
    },
  };
}

/** Starts one inference worker; undefined when it cannot load the model. */
function startHelper(script: URL, setup: InferenceSetup): Promise<Helper | undefined> {
  return new Promise((resolve) => {
    const worker = new Worker(script, { workerData: setup, execArgv: compiledExecArgv() });
    const helper: Helper = { worker, pending: new Map(), alive: true };
    const stop = (reason: string) => {
      if (!helper.alive) return;
      helper.alive = false;
      for (const job of helper.pending.values()) job.reject(new SerkitError('INTERNAL', reason));
      helper.pending.clear();
      resolve(undefined); // no effect once ready has resolved
    };
    worker.on('message', (reply: InferenceReply) => {
      if ('ready' in reply) return resolve(helper);
      if ('fatal' in reply) {
        stop(reply.fatal.reason);
        void worker.terminate();
        return;
      }
      const job = helper.pending.get(reply.id);
      if (job === undefined) return;
      helper.pending.delete(reply.id);
      if ('error' in reply) job.reject(new SerkitError(reply.error.code, reply.error.reason));
      else job.resolve(reply.probs);
    });
    worker.on('error', (error) => stop(`inference worker failed: ${error.message}`));
    worker.on('exit', () => stop('inference worker exited'));
  });
}
