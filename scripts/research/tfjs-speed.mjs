// Times one training batch of the model plugins on a tfjs backend (prototype helper, not serkit).
// usage: nice -n 10 node scripts/research/tfjs-speed.mjs [cpu|wasm|native] [cnn-logmel|bilstm-attn] [batches]
import * as tf from '@tensorflow/tfjs';
import { bilstmAttn, cnnLogMel, tdnnLogMel } from '../../plugins/model-crnn/dist/index.js';

const [backend = 'cpu', id = 'cnn-logmel', nb = '3'] = process.argv.slice(2);
if (backend === 'native') {
  const { registerNativeKernels } = await import('../../packages/train/dist/backends/native-kernels/index.js');
  registerNativeKernels(tf);
}
if (backend === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
await tf.setBackend(backend);
const plugin = { 'cnn-logmel': cnnLogMel, 'bilstm-attn': bilstmAttn, 'tdnn-logmel': tdnnLogMel }[id];
const model = plugin.build({
  tf,
  inputShape: [192, 64],
  classes: Array.from({ length: 8 }, (_, i) => `c${i}`),
  hyper: plugin.defaults,
  seed: 1,
});
model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
const B = Number(process.env.B ?? 32);
const x = tf.randomNormal([B, 192, 64]);
const y = tf.oneHot(
  tf.tensor1d(
    Array.from({ length: B }, (_, i) => i % 8),
    'int32',
  ),
  8,
);
await model.trainOnBatch(x, y);
const t0 = performance.now();
for (let i = 0; i < Number(nb); i++) await model.trainOnBatch(x, y);
const per = (performance.now() - t0) / Number(nb);
console.log(`${id} on ${tf.getBackend()}: ${per.toFixed(0)} ms per batch of ${B} (${model.countParams()} params)`);
