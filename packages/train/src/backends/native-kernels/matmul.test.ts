import { expect, it, vi } from 'vitest';
import { loadKernelAddon } from './addon.js';
import { describeNative, expectAllClose, onBothBackends, randomValues, tf } from './kernel-parity.test-helper.js';

interface Case {
  a: number[];
  b: number[];
  transposeA?: boolean;
  transposeB?: boolean;
}

// Shapes include 1-sized dims, k = 1, transposes, rank 2 x rank 3/4 and batch broadcasting both ways.
const cases: Case[] = [
  { a: [1, 1], b: [1, 1] },
  { a: [32, 256], b: [256, 1024] },
  { a: [7, 1], b: [1, 5] },
  { a: [1, 9], b: [9, 1] },
  { a: [5, 3], b: [5, 4], transposeA: true },
  { a: [3, 5], b: [4, 5], transposeB: true },
  { a: [6, 3], b: [4, 6], transposeA: true, transposeB: true },
  { a: [2, 3, 4], b: [2, 4, 5] },
  { a: [3, 4, 5], b: [5, 2] },
  { a: [4, 5], b: [3, 5, 2] },
  { a: [1, 4, 5], b: [3, 5, 2] },
  { a: [3, 5, 4], b: [1, 6, 5], transposeA: true, transposeB: true },
  { a: [2, 3, 4, 5], b: [2, 3, 5, 1] },
  { a: [2, 1, 4, 5], b: [5, 3] },
  { a: [13, 32, 1], b: [1, 1024] },
];

describeNative('native BatchMatMul', () => {
  // tfjs's BatchMatMul gradient has no batch broadcasting (it throws on cpu too): broadcast cases check
  // the forward pass, the others forward and both gradients.
  it.each(cases)('matches cpu for $a x $b (tA=$transposeA, tB=$transposeB)', async (c) => {
    const sameBatch = c.a.slice(0, -2).join() === c.b.slice(0, -2).join();
    const av = randomValues(
      c.a.reduce((p, d) => p * d, 1),
      11,
    );
    const bv = randomValues(
      c.b.reduce((p, d) => p * d, 1),
      23,
    );
    const { cpu, native } = await onBothBackends(() => {
      const a = tf.tensor(av, c.a);
      const b = tf.tensor(bv, c.b);
      const f = (x: tf.Tensor, y: tf.Tensor) => tf.matMul(x, y, c.transposeA, c.transposeB).square().sum();
      const product = tf.matMul(a, b, c.transposeA, c.transposeB);
      return sameBatch ? [product, ...tf.grads(f)([a, b])] : [product];
    });
    expect(native).toHaveLength(sameBatch ? 3 : 1);
    expectAllClose(native, cpu);
  });

  it('runs the native kernel (not the cpu fallback) for plain float32 inputs', async () => {
    const spy = vi.spyOn(loadKernelAddon()!, 'matMul');
    await tf.setBackend('native');
    const a = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const product = tf.matMul(a, a);
    expect(Array.from(product.dataSync())).toEqual([7, 10, 15, 22]);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
    tf.dispose([a, product]);
    await tf.setBackend('cpu');
  });

  it('falls back to the cpu kernel for int32 inputs', async () => {
    const { cpu, native } = await onBothBackends(() => [
      tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2], 'int32'), tf.tensor2d([5, 6, 7, 8], [2, 2], 'int32')),
    ]);
    expect(Array.from(native[0])).toEqual(Array.from(cpu[0]));
  });
});

const activations = ['linear', 'relu', 'relu6', 'elu', 'leakyrelu', 'sigmoid', 'prelu'] as const;

describeNative('native _FusedMatMul', () => {
  it.each(activations)('matches cpu with bias and %s activation, forward and gradients', async (activation) => {
    const av = randomValues(6 * 5, 3).map((v) => v * 3);
    const bv = randomValues(5 * 4, 5);
    const biasv = randomValues(4, 7);
    const { cpu, native } = await onBothBackends(() => {
      const a = tf.tensor2d(av, [6, 5]);
      const b = tf.tensor2d(bv, [5, 4]);
      const bias = tf.tensor1d(biasv);
      const prelu = activation === 'prelu' ? tf.fill([4], 0.1) : undefined;
      const run = (x: tf.Tensor, y: tf.Tensor, z: tf.Tensor) =>
        tf.fused.matMul({
          a: x as tf.Tensor2D,
          b: y as tf.Tensor2D,
          bias: z,
          activation,
          preluActivationWeights: prelu,
          leakyreluAlpha: 0.3,
        });
      const [da, db, dbias] = tf.grads((x: tf.Tensor, y: tf.Tensor, z: tf.Tensor) => run(x, y, z).square().sum())([
        a,
        b,
        bias,
      ]);
      return [run(a, b, bias), da, db, dbias];
    });
    expectAllClose(native, cpu);
  });

  it.each([
    { name: 'scalar bias with transposes', a: [5, 6], b: [4, 5], bias: [1], tA: true, tB: true },
    { name: 'batched with [1, n] bias', a: [3, 6, 5], b: [5, 4], bias: [1, 4], tA: false, tB: false },
    { name: 'per-row bias (cpu fallback)', a: [6, 5], b: [5, 4], bias: [6, 1], tA: false, tB: false },
  ])('matches cpu for $name', async (c) => {
    const size = (s: number[]) => s.reduce((p, d) => p * d, 1);
    const { cpu, native } = await onBothBackends(() => [
      tf.fused.matMul({
        a: tf.tensor(randomValues(size(c.a), 1), c.a) as tf.Tensor2D,
        b: tf.tensor(randomValues(size(c.b), 2), c.b) as tf.Tensor2D,
        bias: tf.tensor(randomValues(size(c.bias), 3), c.bias),
        transposeA: c.tA,
        transposeB: c.tB,
        activation: 'relu',
      }),
    ]);
    expectAllClose(native, cpu);
  });
});
