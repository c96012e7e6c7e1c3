import { expect, it } from 'vitest';
import {
  describeNative,
  expectAllClose,
  kernelsRun,
  onBothBackends,
  randomValues,
  registration,
  tf,
} from './kernel-parity.test-helper.js';
import { LSTM_GRAD_KERNEL, LSTM_KERNEL } from './lstm-kernel.js';

interface Case {
  name: string;
  batch: number;
  steps: number;
  inputDim: number;
  units: number;
  returnSequences?: boolean;
  goBackwards?: boolean;
  recurrentActivation?: 'sigmoid' | 'hardSigmoid';
  useBias?: boolean;
  dropout?: number;
  forwardOnly?: boolean;
}

const cases: Case[] = [
  { name: 'paper-like first layer', batch: 4, steps: 13, inputDim: 1, units: 16, returnSequences: true },
  {
    name: 'last step only, hardSigmoid',
    batch: 3,
    steps: 5,
    inputDim: 6,
    units: 8,
    recurrentActivation: 'hardSigmoid',
  },
  { name: 'batch, input and units 1', batch: 1, steps: 2, inputDim: 1, units: 1 },
  // tfjs's own LSTM gradient throws for a single step (stack of one tensor), so this one checks the forward pass.
  { name: 'one step (forward only)', batch: 3, steps: 1, inputDim: 2, units: 4, forwardOnly: true },
  { name: 'goBackwards', batch: 2, steps: 7, inputDim: 3, units: 5, returnSequences: true, goBackwards: true },
  { name: 'no bias', batch: 2, steps: 4, inputDim: 3, units: 4, useBias: false },
  { name: 'dropout (runs tfjs code)', batch: 2, steps: 3, inputDim: 2, units: 3, dropout: 0.5 },
];

function buildLayer(c: Case) {
  const lstm = registration!.lstm({
    units: c.units,
    returnSequences: c.returnSequences ?? false,
    goBackwards: c.goBackwards ?? false,
    recurrentActivation: c.recurrentActivation ?? 'sigmoid',
    useBias: c.useBias ?? true,
    dropout: c.dropout ?? 0,
  });
  tf.dispose(lstm.apply(tf.zeros([c.batch, c.steps, c.inputDim])) as tf.Tensor); // builds the weights
  lstm.setWeights(
    lstm.getWeights().map((w, i) =>
      tf.tensor(
        randomValues(w.size, 100 + i).map((v) => v * 0.6),
        w.shape,
      ),
    ),
  );
  return lstm;
}

/** Output, gradient of a fixed loss with respect to the input and to every weight. */
function forwardAndGradients(c: Case): tf.Tensor[] {
  const lstm = buildLayer(c);
  const x = tf.variable(tf.tensor3d(randomValues(c.batch * c.steps * c.inputDim, 7), [c.batch, c.steps, c.inputDim]));
  const weight = tf.tensor(randomValues(c.batch * c.units * (c.returnSequences ? c.steps : 1), 9));
  const loss = () => tf.sum(tf.mul((lstm.apply(x) as tf.Tensor).flatten(), weight)) as tf.Scalar;
  const output = lstm.apply(x) as tf.Tensor;
  if (c.forwardOnly === true) {
    x.dispose();
    lstm.dispose();
    return [output];
  }
  const { grads } = tf.variableGrads(loss, [x, ...lstm.trainableWeights.map((w) => w.read() as tf.Variable)]);
  const result = [output, ...Object.values(grads)];
  x.dispose();
  lstm.dispose();
  return result;
}

describeNative('native fused LSTM', () => {
  it.each(cases)('matches tfjs LSTM on cpu, forward and gradients: $name', async (c) => {
    const { cpu, native } = await onBothBackends(() => forwardAndGradients(c));
    expect(native).toHaveLength(c.forwardOnly === true ? 1 : (c.useBias ?? true) ? 5 : 4);
    expectAllClose(native, cpu);
  });

  it('runs the fused kernel and its gradient on the native backend, and only there', async () => {
    const c = cases[0];
    await tf.setBackend('native');
    const onNative = await kernelsRun(() => forwardAndGradients(c));
    await tf.setBackend('cpu');
    const onCpu = await kernelsRun(() => forwardAndGradients(c));
    expect(onNative).toContain(LSTM_KERNEL);
    expect(onNative).toContain(LSTM_GRAD_KERNEL);
    expect(onCpu).not.toContain(LSTM_KERNEL);
  });

  it('keeps tfjs code for what the kernel does not implement (dropout inside the cell)', async () => {
    await tf.setBackend('native');
    const kernels = await kernelsRun(() => forwardAndGradients(cases.find((c) => c.dropout !== undefined)!));
    await tf.setBackend('cpu');
    expect(kernels).not.toContain(LSTM_KERNEL);
  });

  it('runs both directions of a bidirectional LSTM natively, matching tfjs on cpu', async () => {
    const [batch, steps, dims, units] = [2, 6, 3, 4];
    const xv = randomValues(batch * steps * dims, 3);
    const compute = () => {
      const onNative = tf.getBackend() === registration!.backendName;
      const lstm = (onNative ? registration!.lstm : tf.layers.lstm)({ units, returnSequences: true });
      const bidirectional = onNative ? registration!.bidirectional : tf.layers.bidirectional;
      const layer = bidirectional({ layer: lstm, mergeMode: 'concat' });
      const x = tf.variable(tf.tensor3d(xv, [batch, steps, dims]));
      tf.dispose(layer.apply(x) as tf.Tensor);
      layer.setWeights(layer.getWeights().map((w, i) => tf.tensor(randomValues(w.size, 50 + i), w.shape)));
      const weights = layer.trainableWeights.map((w) => w.read() as tf.Variable);
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(layer.apply(x) as tf.Tensor)), [x, ...weights]);
      const result = [layer.apply(x) as tf.Tensor, value, ...Object.values(grads)];
      x.dispose();
      layer.dispose();
      return result;
    };
    const { cpu, native } = await onBothBackends(compute);
    expect(native).toHaveLength(2 + 1 + 6);
    expectAllClose(native, cpu);
    await tf.setBackend(registration!.backendName);
    const kernels = await kernelsRun(compute);
    await tf.setBackend('cpu');
    expect(kernels.filter((k) => k === LSTM_KERNEL).length).toBeGreaterThanOrEqual(2);
  });

  it('leaves no tensors behind across training steps', async () => {
    await tf.setBackend(registration!.backendName);
    const model = tf.sequential({
      layers: [
        registration!.lstm({ units: 6, returnSequences: true, inputShape: [4, 2] }),
        registration!.lstm({ units: 3 }),
        tf.layers.dense({ units: 2, activation: 'softmax' }),
      ],
    });
    model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
    const x = tf.tensor3d(randomValues(16 * 4 * 2, 61), [16, 4, 2]);
    const y = tf.oneHot(
      tf.tensor1d(
        Array.from({ length: 16 }, (_, i) => i % 2),
        'int32',
      ),
      2,
    );
    await model.fit(x, y, { epochs: 1, batchSize: 8, verbose: 0 }); // creates the optimizer's state
    const before = tf.memory().numTensors;
    await model.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0 });
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y]);
    model.dispose();
    await tf.setBackend('cpu');
  });

  it('saves as a plain tfjs LSTM layer', () => {
    const layer = registration!.lstm({ units: 3 });
    expect(layer.getClassName()).toBe('LSTM');
    expect(tf.serialization.SerializationMap.getMap().classNameMap.LSTM[0]).not.toBe(layer.constructor);
  });
});
