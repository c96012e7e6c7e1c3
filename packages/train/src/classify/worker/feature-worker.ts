import { parentPort, workerData } from 'node:worker_threads';
import { PluginRegistry, type RegisterHookOptions, SerkitError } from '@serkit/core';
import { resolveDsp } from '../../service/runtime.js';
import { inProcessSource } from '../in-process-source.js';
import { asReason } from './as-reason.js';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './protocol.js';

// A feature worker: rebuilds the extractor from its plugin's register hook, then decodes and
// featurises the files the main thread sends, replying with the model input (transferred, not
// copied) or the file's error. The main thread keeps the network; workers keep the CPU-heavy part.

const port = parentPort;
if (port === null) throw new Error('feature-worker must run in a worker thread');
const setup = workerData as WorkerSetup;
const post = (reply: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);

try {
  const registry = new PluginRegistry();
  const hook = (await import(setup.registerHook)) as { default: (options: RegisterHookOptions) => unknown };
  await hook.default({ registry });
  const extractor = registry.features(setup.extractorId).configure(setup.extractorConfig);
  if (extractor.fingerprint !== setup.fingerprint) {
    throw new SerkitError('MODEL_INCOMPATIBLE', 'the worker built another extractor than the model expects', {
      input: setup.extractorId,
    });
  }
  const source = inProcessSource(
    { extractor, normalisation: setup.normalisation, inputShape: setup.inputShape, dsp: resolveDsp() },
    { decoder: setup.decoder, longFileSeconds: setup.longFileSeconds },
  );
  port.on('message', async ({ id, file }: WorkerRequest) => {
    try {
      const clip = await source.clip(file);
      if ('long' in clip) post({ id, long: true });
      else {
        const reply = { id, input: clip.input, duration: clip.duration, warnings: clip.warnings ?? [] };
        post(reply, [clip.input.buffer as ArrayBuffer]);
      }
    } catch (error) {
      post({ id, error: asReason(error) });
    }
  });
  post({ ready: true });
} catch (error) {
  post({ fatal: asReason(error) });
}
