import { Worker } from 'node:worker_threads';
import { SerkitError } from '@serkit/core';
import { compiledExecArgv, compiledWorkerScript } from './compiled-worker.js';
import type { Predictor } from './ports.js';
import type { InferenceReply, InferenceSetup } from './worker/inference-protocol.js';

/**
 * The first batch this large starts the workers: a run with fewer inputs (a few files) is over
 * before they would have loaded the model (~1.7 s of start-up on 2 cores), so it runs here.
 */
export const WORKERS_FROM_BATCH = 128;

export interface ParallelPredictor extends Predictor {
  /** Inference workers that have loaded the model (0: batches run on this thread). */
  readonly threads: number;
  /** Starts the workers (if not yet) and resolves, once each has loaded the model or failed, to `threads`. */
  ready(): Promise<number>;
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
 * one core. The workers start with the first batch of WORKERS_FROM_BATCH inputs (smaller batches
 * before it run on this thread, `local`), and batches wait for them to load the model; when none
 * can (or no compiled worker script exists), batches run here. A worker that fails is dropped and
 * its batches run here too, so results never depend on the workers. `threads` <= 1: `local` alone
 * (parallelism 1).
 */
export function parallelPredictor(local: Predictor, setup: InferenceSetup, threads: number): ParallelPredictor {
  const script = compiledWorkerScript('inference-worker');
  if (threads <= 1 || script === undefined) {
    return { ...local, parallelism: 1, threads: 0, ready: async () => 0, close: async () => {} };
  }
  const pool: Helper[] = [];
  let starting: Promise<number> | undefined;
  let closed = false;
  let nextId = 0;
  const live = () => pool.filter((h) => h.alive);
  const start = (): Promise<number> => {
    starting ??= Promise.all(
      Array.from({ length: threads }, () =>
        startHelper(script, setup).then((helper) => {
          if (helper === undefined) return;
          if (closed) void helper.worker.terminate();
          else pool.push(helper);
        }),
      ),
    ).then(() => live().length);
    return starting;
  };
  const remote = (helper: Helper, inputs: Float32Array, count: number): Promise<Float32Array> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      helper.pending.set(id, { resolve, reject });
      // Cloned, not transferred: the copy stays here for a worker that fails.
      helper.worker.postMessage({ id, inputs, count });
    });

  return {
    ...local,
    parallelism: threads,
    get threads() {
      return live().length;
    },
    ready: start,
    async predict(inputs, count) {
      if (count < WORKERS_FROM_BATCH && starting === undefined) return local.predict(inputs, count);
      // A copy, taken before the first await: the caller reuses `inputs` as soon as this returns.
      const copy = inputs.slice(0, count * local.inputSize);
      // Waits for the workers to load the model rather than block this thread (and the decoding it
      // schedules) with the batch meanwhile.
      await start();
      const ready = live();
      if (ready.length === 0) return local.predict(copy, count);
      const helper = ready.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      return remote(helper, copy, count).catch(() => local.predict(copy, count));
    },
    async close() {
      closed = true;
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
