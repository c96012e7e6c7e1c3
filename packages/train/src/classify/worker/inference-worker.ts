import { parentPort, workerData } from 'node:worker_threads';
import { setNativeGemmThreads } from '../../backends/load-native.js';
import { selectBackend } from '../../backends/select-backend.js';
import { readManifest } from '../../model/load-model.js';
import { loadModelPredictor } from '../model-predictor.js';
import { asReason } from './as-reason.js';
import type { InferenceReply, InferenceRequest, InferenceSetup } from './inference-protocol.js';

// An inference worker: loads the model on its own tfjs backend (as openClassifier does on the main
// thread) and answers shares of the main thread's batches with their probabilities.

const port = parentPort;
if (port === null) throw new Error('inference-worker must run in a worker thread');
const setup = workerData as InferenceSetup;
const post = (reply: InferenceReply) => port.postMessage(reply);

try {
  await selectBackend(setup.backend);
  // The workers already share the cores out: one GEMM thread each (OpenBLAS's count is process-wide).
  if (setup.backend === 'native') setNativeGemmThreads(1);
  const manifest = await readManifest(setup.modelDir);
  const { predictor } = await loadModelPredictor(setup.modelDir, manifest, setup.fingerprint, setup.backend);
  port.on('message', async ({ id, inputs, count }: InferenceRequest) => {
    try {
      // Copied back, not transferred: tfjs may hand out a view of memory it keeps.
      post({ id, probs: await predictor.predict(inputs, count) });
    } catch (error) {
      post({ id, error: asReason(error) });
    }
  });
  post({ ready: true });
} catch (error) {
  post({ fatal: asReason(error) });
}
