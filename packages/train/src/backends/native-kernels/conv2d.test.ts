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

  // Both paths: im2col + GEMM (18 values per window) and direct sums (9).
  it.each([2, 1])(
    'matches cpu with dilations (forward; tfjs has no dilated conv gradient), %i input channels',
    async (inC) => {
      const { cpu, native } = await onBothBackends(() => [
        tf.conv2d(
          tf.tensor4d(randomValues(2 * 9 * 9 * inC, 1), [2, 9, 9, inC]),
          tf.tensor4d(randomValues(3 * 3 * inC * 3, 2), [3, 3, inC, 3]),
          1,
          'same',
          'NHWC',
          2,
        ),
      ]);
      expectAllClose(native, cpu);
    },
  );

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

describeNative('native FusedConv2D', () => {
  // im2col + GEMM (27 values per window, or 40 output channels) and direct sums (up to 16 values per
  // window and 32 channels: one, two and three vectors of 8, a partial one), stride 2, a scalar bias.
  const shapes: {
    x: [number, number, number, number];
    filter: [number, number, number, number];
    strides?: number;
    biasSize?: number;
  }[] = [
    { x: [2, 6, 5, 3], filter: [3, 3, 3, 4] },
    { x: [1, 8, 8, 1], filter: [3, 3, 1, 40] },
    { x: [2, 12, 10, 1], filter: [3, 3, 1, 24] },
    { x: [2, 9, 7, 1], filter: [3, 3, 1, 8], strides: 2 },
    { x: [1, 7, 6, 2], filter: [2, 3, 2, 10], biasSize: 1 },
    { x: [1, 5, 4, 1], filter: [3, 3, 1, 16] },
  ];
  const activations = ['linear', 'relu', 'relu6', 'sigmoid', 'elu', 'leakyrelu'] as const;
  const cases = shapes.flatMap((shape) => activations.map((activation) => ({ ...shape, activation })));

  it.each(cases)('matches cpu: x $x, filter $filter, $activation, forward and gradients', async (c) => {
    const size = (s: number[]) => s.reduce((p, d) => p * d, 1);
    const { cpu, native } = await onBothBackends(() => {
      const x = tf.tensor4d(randomValues(size(c.x), 1), c.x);
      const filter = tf.tensor4d(randomValues(size(c.filter), 2), c.filter);
      const bias = tf.tensor1d(randomValues(c.biasSize ?? c.filter[3], 3));
      const conv = (a: tf.Tensor, f: tf.Tensor, b: tf.Tensor) =>
        tf.fused.conv2d({
          x: a as tf.Tensor4D,
          filter: f as tf.Tensor4D,
          strides: c.strides ?? 1,
          pad: 'same',
          bias: b,
          activation: c.activation,
          leakyreluAlpha: 0.3,
        });
      // tfjs has no gradient for fused relu6 and leakyrelu: forward only there.
      if (c.activation === 'relu6' || c.activation === 'leakyrelu') return [conv(x, filter, bias)];
      return [
        conv(x, filter, bias),
        ...tf.grads((a: tf.Tensor, f: tf.Tensor, b: tf.Tensor) => conv(a, f, b).square().sum())([x, filter, bias]),
      ];
    });
    expectAllClose(native, cpu);
  });

  it('runs as one native call with its bias and activation', async () => {
    const addon = loadKernelAddon()!;
    const spies = [vi.spyOn(addon, 'fusedConv2d'), vi.spyOn(addon, 'binary'), vi.spyOn(addon, 'unary')];
    await tf.setBackend(registration!.backendName);
    const y = tf.fused.conv2d({
      x: tf.ones([1, 3, 3, 1]) as tf.Tensor4D,
      filter: tf.ones([3, 3, 1, 1]) as tf.Tensor4D,
      strides: 1,
      pad: 'valid',
      bias: tf.tensor1d([-10]),
      activation: 'relu',
    });
    expect(Array.from(y.dataSync())).toEqual([0]);
    expect(spies.map((spy) => spy.mock.calls.length)).toEqual([1, 0, 0]);
    for (const spy of spies) spy.mockRestore();
    y.dispose();
    await tf.setBackend('cpu');
  });
});
