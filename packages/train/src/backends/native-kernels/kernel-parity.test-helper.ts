// Shared by the native-kernel tests: runs one computation on tfjs's cpu backend and on 'native'
// and measures how far apart the results are.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { registerNativeKernels } from './register.js';

export { tf };
export const registration = registerNativeKernels(tf);
export const skipReason =
  'serkit native addon not built (npm run build:addon -w @serkit/native): native kernel tests skipped';
if (registration === null) console.warn(skipReason);

/** `describe` when the addon's kernels registered, else one skipped test that says why. */
export function describeNative(name: string, body: () => void): void {
  if (registration === null) describe(name, () => it.skip(skipReason, () => {}));
  else describe(name, body);
}

/** Deterministic values in [-1, 1) from a small LCG, so each case has its own fixed data. */
export function randomValues(count: number, seed: number): Float32Array {
  const out = new Float32Array(count);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/** max |a - b| / max |b| (0 when both are all zero): the error measure of the acceptance criterion. */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Number.POSITIVE_INFINITY;
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  if (Number.isNaN(diff)) return Number.POSITIVE_INFINITY;
  return scale === 0 ? diff : diff / scale;
}

/** Runs `compute` on 'cpu' and on 'native' and returns each output's values from both. */
export async function onBothBackends(
  compute: () => tf.Tensor[],
): Promise<{ cpu: Float32Array[]; native: Float32Array[] }> {
  const run = async (backend: string) => {
    await tf.setBackend(backend);
    const outputs = tf.tidy(compute);
    const values = outputs.map((t) => t.dataSync() as Float32Array);
    tf.dispose(outputs);
    return values;
  };
  const cpu = await run('cpu');
  const native = await run(registration?.backendName ?? 'cpu');
  await tf.setBackend('cpu');
  return { cpu, native };
}

/** The name of every kernel call `compute` makes on the current backend, in order. */
export async function kernelsRun(compute: () => tf.Tensor[]): Promise<string[]> {
  const info = await tf.profile(() => {
    tf.dispose(compute());
  });
  return info.kernels.map((kernel) => kernel.name);
}

/** Every output within the acceptance tolerance (relative error <= 1e-5) of its cpu counterpart. */
export function expectAllClose(actual: Float32Array[], expected: Float32Array[], tolerance = 1e-5): void {
  expect(actual).toHaveLength(expected.length);
  for (const [i, values] of actual.entries()) expect(relativeError(values, expected[i])).toBeLessThanOrEqual(tolerance);
}
