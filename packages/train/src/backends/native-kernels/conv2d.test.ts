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

interface Case {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number | [number, number];
  pad: 'same' | 'valid';
  dilations?: number;
}

// 1x1 kernels, one channel, one image, strides, both paddings, windows larger than a stride, and the
// shapes of a log-mel CNN block.
const cases: Case[] = [
  { x: [1, 1, 1, 1], filter: [1, 1, 1, 1], strides: 1, pad: 'valid' },
  { x: [2, 5, 6, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same' },
  { x: [2, 5, 6, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'valid' },
  { x: [3, 7, 8, 2], filter: [3, 2, 2, 5], strides: 2, pad: 'same' },
  { x: [1, 9, 7, 1], filter: [5, 3, 1, 2], strides: [2, 1], pad: 'valid' },
  { x: [2, 6, 6, 4], filter: [1, 1, 4, 3], strides: 1, pad: 'same' },
  { x: [4, 16, 10, 8], filter: [3, 3, 8, 16], strides: 1, pad: 'same' },
];

describeNative('native Conv2D', () => {
  it.each(cases)('matches cpu forward and both gradients: x $x, filter $filter, strides $strides, $pad', async (c) => {
    const size = (s: number[]) => s.reduce((p, d) => p * d, 1);
    const xv = randomValues(size(c.x), 21);
    const fv = randomValues(size(c.filter), 22);
    const { cpu, native } = await onBothBackends(() => {
      const x = tf.tensor4d(xv, c.x);
      const filter = tf.tensor4d(fv, c.filter);
      const conv = (a: tf.Tensor, f: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, f as tf.Tensor4D, c.strides, c.pad);
      return [conv(x, filter), ...tf.grads((a: tf.Tensor, f: tf.Tensor) => conv(a, f).square().sum())([x, filter])];
    });
    expectAllClose(native, cpu);
  });

  it('matches cpu with dilations (forward; tfjs has no dilated conv gradient)', async () => {
    const { cpu, native } = await onBothBackends(() => [
      tf.conv2d(
        tf.tensor4d(randomValues(2 * 9 * 9 * 2, 1), [2, 9, 9, 2]),
        tf.tensor4d(randomValues(3 * 3 * 2 * 3, 2), [3, 3, 2, 3]),
        1,
        'same',
        'NHWC',
        2,
      ),
    ]);
    expectAllClose(native, cpu);
  });

  it('matches cpu for conv1d (which tfjs runs as Conv2D)', async () => {
    const { cpu, native } = await onBothBackends(() => {
      const x = tf.tensor3d(randomValues(2 * 20 * 6, 4), [2, 20, 6]);
      const filter = tf.tensor3d(randomValues(5 * 6 * 7, 5), [5, 6, 7]);
      const conv = (a: tf.Tensor, f: tf.Tensor) => tf.conv1d(a as tf.Tensor3D, f as tf.Tensor3D, 2, 'same');
      return [conv(x, filter), ...tf.grads((a: tf.Tensor, f: tf.Tensor) => conv(a, f).sum())([x, filter])];
    });
    expectAllClose(native, cpu);
  });

  it('runs natively on the native backend', async () => {
    const addon = loadKernelAddon()!;
    const spies = [
      vi.spyOn(addon, 'conv2d'),
      vi.spyOn(addon, 'conv2dBackpropInput'),
      vi.spyOn(addon, 'conv2dBackpropFilter'),
    ];
    await tf.setBackend(registration!.backendName);
    const x = tf.ones([1, 4, 4, 1]);
    const filter = tf.ones([2, 2, 1, 1]);
    const grads = tf.grads((a: tf.Tensor, f: tf.Tensor) =>
      tf.conv2d(a as tf.Tensor4D, f as tf.Tensor4D, 1, 'valid').sum(),
    )([x, filter]);
    expect(Array.from(grads[1].dataSync())).toEqual([9, 9, 9, 9]);
    for (const spy of spies) expect(spy).toHaveBeenCalled();
    for (const spy of spies) spy.mockRestore();
    tf.dispose([x, filter, ...grads]);
    await tf.setBackend('cpu');
  });

  it('rejects inconsistent dims from JS with an error', () => {
    const addon = loadKernelAddon()!;
    const dims = [1, 4, 4, 1, 3, 3, 1, 2, 2, 1, 1, 1, 1, 0, 0];
    expect(addon.conv2d(new Float32Array(16), new Float32Array(4), dims)).toHaveLength(9);
    expect(() => addon.conv2d(new Float32Array(15), new Float32Array(4), dims)).toThrow(/x: expected 16 elements/);
    expect(() => addon.conv2d(new Float32Array(16), new Float32Array(4), dims.slice(1))).toThrow(/dims: expected 15/);
    expect(() =>
      addon.conv2d(new Float32Array(16), new Float32Array(4), [...dims.slice(0, 9), 0, ...dims.slice(10)]),
    ).toThrow(/strideH/);
  });
});
