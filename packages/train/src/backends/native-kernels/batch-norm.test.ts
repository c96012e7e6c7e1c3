import { expect, it } from 'vitest';
import { BATCH_NORM_GRAD_KERNEL, BATCH_NORM_KERNEL } from './batch-norm-kernel.js';
import {
  describeNative,
  expectAllClose,
  kernelsRun,
  onBothBackends,
  randomValues,
  registration,
  tf,
} from './kernel-parity.test-helper.js';

interface Case {
  name: string;
  shape: number[];
  momentum?: number;
  epsilon?: number;
}

const cases: Case[] = [
  { name: 'conv block (NHWC)', shape: [4, 6, 5, 8], momentum: 0.9 },
  { name: 'dense features', shape: [7, 3] },
  { name: 'one channel, large epsilon', shape: [3, 4, 2, 1], epsilon: 0.5 },
  { name: 'a batch of one', shape: [1, 5, 4] },
];

function buildLayer(c: Case) {
  const layer = registration!.batchNormalization({ momentum: c.momentum, epsilon: c.epsilon });
  tf.dispose(layer.apply(tf.zeros(c.shape)) as tf.Tensor); // builds the weights
  // gamma, beta, moving mean, moving variance (> 0)
  layer.setWeights(
    layer.getWeights().map((w, i) =>
      tf.tensor(
        randomValues(w.size, 200 + i).map((v) => (i === 3 ? 1 + 0.5 * v : v)),
        w.shape,
      ),
    ),
  );
  return layer;
}

/**
 * In training mode: the output, the gradients of a fixed loss with respect to the input, gamma and
 * beta, and the moving statistics after the step; then the output in inference mode.
 */
function trainingStep(c: Case): tf.Tensor[] {
  const layer = buildLayer(c);
  const size = c.shape.reduce((a, b) => a * b, 1);
  const x = tf.variable(
    tf.tensor(
      randomValues(size, 11).map((v) => 3 * v + 1),
      c.shape,
    ),
  );
  const weight = tf.tensor(randomValues(size, 13), c.shape);
  const loss = () => tf.sum(tf.mul(layer.apply(x, { training: true }) as tf.Tensor, weight)) as tf.Scalar;
  const output = layer.apply(x, { training: true }) as tf.Tensor;
  const { grads } = tf.variableGrads(loss, [x, ...layer.trainableWeights.map((w) => w.read() as tf.Variable)]);
  // Three training calls above: the moving averages moved three times.
  const moving = layer
    .getWeights()
    .slice(2)
    .map((w) => w.clone());
  const inference = layer.apply(x) as tf.Tensor;
  const result = [output, ...Object.values(grads), ...moving, inference];
  x.dispose();
  layer.dispose();
  return result;
}

describeNative('native fused batch normalisation (training)', () => {
  it.each(cases)('matches tfjs BatchNormalization on cpu: output, gradients, moving statistics: $name', async (c) => {
    const { cpu, native } = await onBothBackends(() => trainingStep(c));
    expect(native).toHaveLength(7);
    expectAllClose(native, cpu);
  });

  it('runs the fused kernel and its gradient in training on the native backend, tfjs code otherwise', async () => {
    const inference = () => {
      const layer = buildLayer(cases[0]);
      const y = layer.apply(tf.ones(cases[0].shape)) as tf.Tensor;
      layer.dispose();
      return [y];
    };
    await tf.setBackend(registration!.backendName);
    const onNative = await kernelsRun(() => trainingStep(cases[0]));
    const inferenceOnNative = await kernelsRun(inference);
    await tf.setBackend('cpu');
    const onCpu = await kernelsRun(() => trainingStep(cases[0]));
    expect(onNative).toContain(BATCH_NORM_KERNEL);
    expect(onNative).toContain(BATCH_NORM_GRAD_KERNEL);
    expect(inferenceOnNative).not.toContain(BATCH_NORM_KERNEL);
    expect(onCpu).not.toContain(BATCH_NORM_KERNEL);
  });

  it('leaves a layer that normalises another axis to tfjs, with the same result', async () => {
    const compute = () => {
      const layer = registration!.batchNormalization({ axis: 1 });
      const y = layer.apply(tf.tensor(randomValues(24, 17), [2, 4, 3]), { training: true }) as tf.Tensor;
      layer.dispose();
      return [y];
    };
    const { cpu, native } = await onBothBackends(compute);
    expectAllClose(native, cpu);
    await tf.setBackend(registration!.backendName);
    expect(await kernelsRun(compute)).not.toContain(BATCH_NORM_KERNEL);
    await tf.setBackend('cpu');
  });

  it('trains a conv model without leaving tensors behind', async () => {
    await tf.setBackend(registration!.backendName);
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', inputShape: [6, 5, 1] }),
        registration!.batchNormalization({ momentum: 0.9 }),
        tf.layers.activation({ activation: 'relu' }),
        tf.layers.globalAveragePooling2d({}),
        tf.layers.dense({ units: 2, activation: 'softmax' }),
      ],
    });
    model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
    const x = tf.tensor4d(randomValues(16 * 30, 71), [16, 6, 5, 1]);
    const y = tf.oneHot(
      tf.tensor1d(
        Array.from({ length: 16 }, (_, i) => i % 2),
        'int32',
      ),
      2,
    );
    await model.fit(x, y, { epochs: 1, batchSize: 8, verbose: 0 });
    const before = tf.memory().numTensors;
    const history = await model.fit(x, y, { epochs: 3, batchSize: 8, verbose: 0 });
    expect(tf.memory().numTensors).toBe(before);
    expect(history.history.loss.every((l) => Number.isFinite(l as number))).toBe(true);
    tf.dispose([x, y]);
    model.dispose();
    await tf.setBackend('cpu');
  });

  it('saves as a plain tfjs BatchNormalization layer', () => {
    const layer = registration!.batchNormalization({});
    expect(layer.getClassName()).toBe('BatchNormalization');
    expect(tf.serialization.SerializationMap.getMap().classNameMap.BatchNormalization[0]).not.toBe(layer.constructor);
  });
});
