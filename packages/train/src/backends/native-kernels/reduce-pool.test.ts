import { expect, it, vi } from 'vitest';
import { loadKernelAddon } from './addon.js';
import {
  describeNative,
  expectAllClose,
  onBothBackends,
  randomValues,
  registration,
  tf,
} from './kernel-parity.test-helper.js';

const size = (s: number[]) => s.reduce((p, d) => p * d, 1);

describeNative('native Sum and Mean', () => {
  // Leading (batch norm), trailing, middle, all, single axes, keepDims, and [0, 2] (not contiguous: cpu kernel).
  const cases: { shape: number[]; axis: number | number[]; keepDims?: boolean }[] = [
    { shape: [4, 3, 5, 6], axis: [0, 1, 2] },
    { shape: [4, 3, 5, 6], axis: [0, 1, 2], keepDims: true },
    { shape: [7, 9], axis: -1 },
    { shape: [2, 3, 4], axis: 1 },
    { shape: [2, 3, 4], axis: [0, 1, 2] },
    { shape: [1, 1], axis: 0 },
    { shape: [5], axis: 0, keepDims: true },
    { shape: [2, 3, 4], axis: [0, 2] },
  ];
  it.each(cases)('matches cpu for shape $shape over axis $axis (keepDims $keepDims)', async (c) => {
    const values = randomValues(size(c.shape), 31);
    const { cpu, native } = await onBothBackends(() => {
      const x = tf.tensor(values, c.shape);
      const sum = (t: tf.Tensor) => tf.sum(t, c.axis, c.keepDims);
      const mean = (t: tf.Tensor) => tf.mean(t, c.axis, c.keepDims);
      return [sum(x), mean(x), tf.grad((t: tf.Tensor) => mean(t).square().sum())(x)];
    });
    expectAllClose(native, cpu);
  });

  it('runs natively for contiguous axes', async () => {
    const spy = vi.spyOn(loadKernelAddon()!, 'reduce');
    await tf.setBackend(registration!.backendName);
    const total = tf.sum(tf.ones([3, 4]), 0);
    expect(Array.from(total.dataSync())).toEqual([3, 3, 3, 3]);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
    total.dispose();
    await tf.setBackend('cpu');
  });
});

describeNative('native MaxPoolGrad', () => {
  const cases: {
    shape: [number, number, number, number];
    filter: number | [number, number];
    strides: number | [number, number];
    pad: 'same' | 'valid';
    ties?: boolean;
  }[] = [
    { shape: [2, 8, 6, 3], filter: 2, strides: 2, pad: 'valid' },
    { shape: [1, 5, 5, 1], filter: 3, strides: 1, pad: 'same' },
    { shape: [3, 7, 4, 2], filter: [3, 2], strides: [2, 1], pad: 'same' },
    { shape: [1, 4, 4, 2], filter: 2, strides: 1, pad: 'valid', ties: true },
  ];
  it.each(cases)('matches cpu forward and gradient: $shape, filter $filter, strides $strides, $pad', async (c) => {
    const values = c.ties === true ? new Float32Array(size(c.shape)).fill(0.5) : randomValues(size(c.shape), 33);
    const { cpu, native } = await onBothBackends(() => {
      const x = tf.tensor4d(values, c.shape);
      const pool = (t: tf.Tensor) => tf.maxPool(t as tf.Tensor4D, c.filter, c.strides, c.pad);
      return [pool(x), tf.grad((t: tf.Tensor) => pool(t).mul(pool(t)).sum())(x)];
    });
    expectAllClose(native, cpu);
  });

  it('gives -Infinity for windows with no number above -Infinity (NaN never wins), as cpu does', async () => {
    // Windows of 2 x 2 over one channel: all NaN, all -Infinity, NaN and -Infinity, and mixed with numbers.
    const values = [NaN, NaN, NaN, NaN, -Infinity, -Infinity, -Infinity, -Infinity];
    values.push(NaN, -Infinity, -Infinity, NaN, NaN, 2, -Infinity, -3);
    const { cpu, native } = await onBothBackends(() => [
      tf.maxPool(tf.tensor4d(values, [1, 2, 8, 1]), [1, 2], [1, 2], 'valid'),
    ]);
    expect(Array.from(native[0])).toEqual(Array.from(cpu[0]));
    expect(Array.from(native[0])).toEqual([-Infinity, -Infinity, -Infinity, -Infinity, -Infinity, -Infinity, 2, -3]);
  });
});

describeNative('native Tile', () => {
  it.each([
    { shape: [4], reps: [3] },
    { shape: [1, 1, 1, 5], reps: [2, 3, 4, 1] },
    { shape: [2, 3], reps: [1, 1] },
    { shape: [2, 1, 3], reps: [2, 4, 1] },
  ])('matches cpu for shape $shape and reps $reps, with gradient', async (c) => {
    const values = randomValues(size(c.shape), 35);
    const { cpu, native } = await onBothBackends(() => {
      const x = tf.tensor(values, c.shape);
      return [tf.tile(x, c.reps), tf.grad((t: tf.Tensor) => tf.tile(t, c.reps).square().sum())(x)];
    });
    expectAllClose(native, cpu);
  });
});
