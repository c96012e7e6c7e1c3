import { describe, it } from 'vitest';
import { BINARY_KERNELS, UNARY_KERNELS } from './elementwise-kernel.js';
import { describeNative, expectAllClose, onBothBackends, randomValues, tf } from './kernel-parity.test-helper.js';

// [a shape, b shape]: same shape, scalars on either side, rows, 1-sized dims, and inner-dim
// broadcasting that the native code leaves to tfjs's cpu kernel.
const shapes: [number[], number[]][] = [
  [
    [4, 5],
    [4, 5],
  ],
  [[4, 5], []],
  [[], [3, 2]],
  [[1], [7]],
  [[2, 3, 4], [4]],
  [[4], [2, 3, 4]],
  [
    [2, 3, 4],
    [1, 3, 4],
  ],
  [
    [1, 1],
    [1, 1],
  ],
  [
    [3, 1],
    [1, 4],
  ],
  [
    [2, 3, 4],
    [2, 1, 4],
  ],
];

// tfjs's own gradients of these do not sum over broadcast dims (they throw on cpu too), so with
// broadcasting only their forward pass is compared.
const gradientWithoutBroadcast = new Set(['SquaredDifference', 'Maximum', 'Minimum']);

const binaryOps: Record<string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor> = {
  Add: tf.add,
  Sub: tf.sub,
  Multiply: tf.mul,
  RealDiv: tf.div,
  SquaredDifference: tf.squaredDifference,
  Maximum: tf.maximum,
  Minimum: tf.minimum,
};

const unaryOps: Record<string, (x: tf.Tensor) => tf.Tensor> = {
  Sqrt: (x) => tf.sqrt(tf.abs(x)),
  Square: tf.square,
  Neg: tf.neg,
  Exp: tf.exp,
  Relu: tf.relu,
  Sigmoid: tf.sigmoid,
  Tanh: tf.tanh,
  Step: (x) => tf.step(x, 0.25),
};

const size = (s: number[]) => s.reduce((p, d) => p * d, 1);

describeNative('native elementwise kernels', () => {
  it('covers every registered kernel in these tests', () => {
    for (const name of [...BINARY_KERNELS.keys(), ...UNARY_KERNELS.keys()]) {
      if (!(name in binaryOps) && !(name in unaryOps)) throw new Error(`${name} has no parity test`);
    }
  });

  describe.each(Object.keys(binaryOps))('%s', (name) => {
    it.each(shapes)('matches cpu forward and gradients for %j and %j', async (aShape, bShape) => {
      const op = binaryOps[name];
      // b away from 0 so RealDiv's gradient stays well conditioned
      const av = randomValues(size(aShape), 5).map((v) => v * 3);
      const bv = randomValues(size(bShape), 6).map((v) => (v >= 0 ? v + 0.5 : v - 0.5));
      const withGradients = !gradientWithoutBroadcast.has(name) || aShape.join() === bShape.join();
      const { cpu, native } = await onBothBackends(() => {
        const a = tf.tensor(av, aShape);
        const b = tf.tensor(bv, bShape);
        const forward = op(a, b);
        if (!withGradients) return [forward];
        return [forward, ...tf.grads((x: tf.Tensor, y: tf.Tensor) => op(x, y).square().sum())([a, b])];
      });
      expectAllClose(native, cpu);
    });
  });

  it.each(Object.keys(unaryOps))('%s matches cpu forward and gradient', async (name) => {
    const op = unaryOps[name];
    const xv = randomValues(60, 8).map((v) => v * 4);
    const { cpu, native } = await onBothBackends(() => {
      const x = tf.tensor(xv, [3, 4, 5]);
      return [op(x), tf.grad((t: tf.Tensor) => op(t).sum())(x)];
    });
    expectAllClose(native, cpu);
  });

  it('leaves int32 arithmetic to the cpu kernels', async () => {
    const { cpu, native } = await onBothBackends(() => [
      tf.add(tf.tensor1d([1, 2, 3], 'int32'), tf.scalar(4, 'int32')),
      tf.mul(tf.tensor1d([7, 8, 9], 'int32'), tf.tensor1d([2, 2, 2], 'int32')),
    ]);
    expectAllClose(native, cpu, 0);
  });
});
