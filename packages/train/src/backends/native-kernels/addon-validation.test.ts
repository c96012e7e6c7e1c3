import { expect, it } from 'vitest';
import { loadKernelAddon } from './addon.js';
import { describeNative, registration } from './kernel-parity.test-helper.js';

const addon = loadKernelAddon();

// Bad arguments must surface as JS errors naming the argument, never as a crash or a wrong read.
describeNative('native kernel argument checks', () => {
  const a = new Float32Array(6);
  const b = new Float32Array(12);

  it('matMul accepts consistent arguments', () => {
    const out = addon!.matMul(a, b, 1, 1, 2, 3, 4, false, false, null, 'linear', 0);
    expect(out).toBeInstanceOf(Float32Array);
    expect(out).toHaveLength(8);
  });

  it.each([
    [
      'a is not a Float32Array',
      () => addon!.matMul(new Float64Array(6) as never, b, 1, 1, 2, 3, 4, false, false, null, 'linear', 0),
      /a: expected a Float32Array/,
    ],
    [
      'a has the wrong length',
      () => addon!.matMul(new Float32Array(5), b, 1, 1, 2, 3, 4, false, false, null, 'linear', 0),
      /a: expected 6 elements/,
    ],
    [
      'b has the wrong length',
      () => addon!.matMul(a, new Float32Array(11), 1, 1, 2, 3, 4, false, false, null, 'linear', 0),
      /b: expected 12 elements/,
    ],
    [
      'm is negative',
      () => addon!.matMul(a, b, 1, 1, -2, 3, 4, false, false, null, 'linear', 0),
      /m: expected a whole number/,
    ],
    [
      'k is fractional',
      () => addon!.matMul(a, b, 1, 1, 2, 2.5, 4, false, false, null, 'linear', 0),
      /k: expected a whole number/,
    ],
    [
      'batches do not broadcast',
      () => addon!.matMul(new Float32Array(12), new Float32Array(36), 2, 3, 2, 3, 4, false, false, null, 'linear', 0),
      /batches must be equal or one of them 1/,
    ],
    [
      'bias has the wrong length',
      () => addon!.matMul(a, b, 1, 1, 2, 3, 4, false, false, new Float32Array(3), 'linear', 0),
      /bias: expected 1 or n/,
    ],
    [
      'activation is unknown',
      () => addon!.matMul(a, b, 1, 1, 2, 3, 4, false, false, null, 'swish', 0),
      /activation: expected/,
    ],
    [
      'transposeA is missing',
      () => (addon!.matMul as unknown as (...args: unknown[]) => unknown)(a, b, 1, 1, 2, 3, 4),
      /transposeA: expected a boolean/,
    ],
    [
      'sizes overflow',
      () => addon!.matMul(a, b, 2 ** 30, 1, 2 ** 30, 3, 4, false, false, null, 'linear', 0),
      /too large/,
    ],
  ])('matMul throws when %s', (_name, call, message) => {
    expect(call).toThrow(message);
  });

  it.each([
    [
      'x has the wrong length',
      () =>
        addon!.lstmForward(
          new Float32Array(5),
          2,
          3,
          1,
          4,
          new Float32Array(16),
          new Float32Array(64),
          null,
          'sigmoid',
        ),
      /x: expected 6 elements/,
    ],
    [
      'the recurrent kernel has the wrong length',
      () =>
        addon!.lstmForward(
          new Float32Array(6),
          2,
          3,
          1,
          4,
          new Float32Array(16),
          new Float32Array(63),
          null,
          'sigmoid',
        ),
      /recurrentKernel: expected 64/,
    ],
    [
      'units is 0',
      () =>
        addon!.lstmForward(new Float32Array(6), 2, 3, 1, 0, new Float32Array(0), new Float32Array(0), null, 'sigmoid'),
      /units: expected a whole number/,
    ],
    [
      'the recurrent activation is unknown',
      () =>
        addon!.lstmForward(new Float32Array(6), 2, 3, 1, 4, new Float32Array(16), new Float32Array(64), null, 'relu'),
      /recurrentActivation: expected sigmoid or hardSigmoid/,
    ],
    [
      'dh has the wrong length',
      () =>
        addon!.lstmBackward(
          new Float32Array(6),
          2,
          3,
          1,
          4,
          new Float32Array(16),
          new Float32Array(64),
          new Float32Array(24),
          new Float32Array(96),
          new Float32Array(24),
          new Float32Array(23),
          'sigmoid',
        ),
      /dh: expected 24 elements/,
    ],
  ])('lstm throws when %s', (_name, call, message) => {
    expect(call).toThrow(message);
  });

  it.each([
    ['binary gets an unknown op', () => addon!.binary('pow', a, a, 6), /op: unknown binary op/],
    [
      'binary b does not repeat into the output',
      () => addon!.binary('add', a, new Float32Array(4), 6),
      /do not repeat evenly/,
    ],
    ['unary x is not a Float32Array', () => addon!.unary('sqrt', [1, 2] as never), /x: expected a Float32Array/],
    ['reduce x has the wrong length', () => addon!.reduce('sum', a, 2, 2, 2), /x: expected 8 elements/],
    ['reduce gets an unknown op', () => addon!.reduce('max' as never, a, 1, 6, 1), /op: expected sum or mean/],
    ['tile reps do not match the rank', () => addon!.tile(a, [2, 3], [2]), /reps: one per dim/],
    ['tile shape does not match x', () => addon!.tile(a, [2, 2], [1, 1]), /x: expected 4 elements/],
    [
      'maxPool changes the channel count',
      () => addon!.maxPool(new Float32Array(16), [1, 4, 4, 1, 2, 2, 2, 2, 2, 2, 2, 1, 1, 0, 0]),
      /pooling keeps the channel count/,
    ],
    [
      'batchNorm x is not rows of channels',
      () => addon!.batchNorm!(a, b, b, 4, 1e-3),
      /x: 6 values are not rows of 4 channels/,
    ],
    ['batchNorm gamma has the wrong length', () => addon!.batchNorm!(a, b, a, 3, 1e-3), /gamma: expected 3 elements/],
    ['batchNorm gets no rows', () => addon!.batchNorm!(new Float32Array(0), b, b, 3, 1e-3), /x: no rows/],
    ['batchNorm epsilon is negative', () => addon!.batchNorm!(a, a.subarray(0, 3), a.subarray(0, 3), 3, -1), /epsilon/],
    [
      'batchNormGrad dy and x differ in length',
      () => addon!.batchNormGrad!(b, a, a.subarray(0, 3), a.subarray(0, 3), a.subarray(0, 3), 3, 1e-3),
      /dy: expected 6 elements/,
    ],
  ])('other kernels throw when %s', (_name, call, message) => {
    expect(call).toThrow(message);
  });

  it('sets and reports the GEMM thread count, and rejects counts below 1', () => {
    const previous = addon!.gemmThreads!();
    expect(addon!.setGemmThreads!(1)).toBe(1);
    expect(addon!.gemmThreads!()).toBe(1);
    expect(addon!.setGemmThreads!(previous)).toBe(addon!.kernelsGemm === 'openblas' ? previous : 1);
    expect(() => addon!.setGemmThreads!(0)).toThrow(/threads: expected a whole number/);
  });

  it('lets malloc keep freed memory for reuse where it is glibc, and the registration turned it on', () => {
    const { header } = process.report.getReport() as { header: { glibcVersionRuntime?: string } };
    const glibc = header.glibcVersionRuntime !== undefined;
    expect(registration!.retainsFreedMemory).toBe(glibc);
    expect(addon!.retainFreedMemory!()).toBe(glibc);
  });
});
