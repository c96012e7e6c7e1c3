import { expect, it } from 'vitest';
import { describeNative, randomValues, registration, relativeError, tf } from './kernel-parity.test-helper.js';

const SAMPLES = 48;
const STEPS = 6;
const FEATURES = 2;
const CLASSES = 3;

/** A small model of the paper's shape: LSTM (sequences) -> LSTM -> Dense(relu) -> Dense(softmax). */
function buildModel(lstm: typeof tf.layers.lstm, initial: tf.Tensor[] | null): tf.LayersModel {
  const model = tf.sequential();
  model.add(lstm({ units: 8, returnSequences: true, inputShape: [STEPS, FEATURES], recurrentActivation: 'sigmoid' }));
  model.add(lstm({ units: 5, recurrentActivation: 'sigmoid' }));
  model.add(tf.layers.dense({ units: 6, activation: 'relu' }));
  model.add(tf.layers.dense({ units: CLASSES, activation: 'softmax' }));
  if (initial !== null) model.setWeights(initial);
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
  return model;
}

async function trainOn(backend: string, initial: tf.Tensor[]): Promise<{ losses: number[]; weights: Float32Array[] }> {
  await tf.setBackend(backend);
  const lstm = backend === 'cpu' ? tf.layers.lstm : registration!.lstm;
  const model = buildModel(lstm, initial);
  const x = tf.tensor3d(randomValues(SAMPLES * STEPS * FEATURES, 41), [SAMPLES, STEPS, FEATURES]);
  const labels = Array.from(randomValues(SAMPLES, 43), (v) => Math.floor((v + 1) * 1.5) % CLASSES);
  const y = tf.oneHot(tf.tensor1d(labels, 'int32'), CLASSES);
  const history = await model.fit(x, y, { batchSize: 16, epochs: 4, shuffle: false, verbose: 0 });
  const weights = model.getWeights().map((w) => w.dataSync() as Float32Array);
  tf.dispose([x, y]);
  model.dispose();
  return { losses: history.history.loss as number[], weights };
}

describeNative('native training parity', () => {
  it('trains a seeded model to the same loss curve and weights as the cpu backend', async () => {
    await tf.setBackend('cpu');
    const reference = buildModel(tf.layers.lstm, null);
    const initial = reference.getWeights().map((w) => w.clone());
    reference.dispose();
    const cpu = await trainOn('cpu', initial);
    const native = await trainOn(registration!.backendName, initial);
    await tf.setBackend('cpu');
    tf.dispose(initial);

    expect(cpu.losses).toHaveLength(4);
    // The loss must move (a test that trains nothing would pass trivially).
    expect(cpu.losses[3]).toBeLessThan(cpu.losses[0]);
    for (const [epoch, loss] of native.losses.entries())
      expect(Math.abs(loss - cpu.losses[epoch])).toBeLessThan(1e-4 * cpu.losses[epoch]);
    for (const [i, w] of native.weights.entries()) expect(relativeError(w, cpu.weights[i])).toBeLessThan(1e-4);
  });
});
