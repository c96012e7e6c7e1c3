import { createRng } from '../random/rng.js';
import type { NoiseOptions } from './types.js';
import { checkFinite, checkNonNegative, checkSignal } from './validate.js';

function power(x: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i]! * x[i]!;
  return sum / x.length;
}

/**
 * Adds white Gaussian noise drawn from a PRNG seeded with `seed` (same seed, same noise).
 * With `snrDb`, the drawn noise is scaled so that 10·log10(P_signal / P_noise) equals snrDb exactly
 * (a silent signal is returned unchanged: no noise level gives it an SNR). Without it, the paper's
 * rule: amplitude = U(0, 1) · peakRatio · max|y| (peakRatio default 0.035), i.e.
 * `y + 0.035 · uniform() · max(y) · normal(n)` as in the paper's code, with the peak taken as max|y|.
 */
export function addNoise(y: Float32Array, options: NoiseOptions): Float32Array {
  checkFinite(options.seed, 'seed');
  checkSignal(y);
  const rng = createRng(options.seed);
  const out = new Float32Array(y.length);
  if (options.snrDb !== undefined) {
    checkFinite(options.snrDb, 'snrDb');
    const noise = rng.fillNormal(new Float64Array(y.length));
    const signalPower = power(y);
    if (signalPower === 0) return y.slice();
    const gain = Math.sqrt(signalPower / 10 ** (options.snrDb / 10) / power(noise));
    for (let i = 0; i < y.length; i++) out[i] = y[i]! + gain * noise[i]!;
    return out;
  }
  const peakRatio = options.peakRatio ?? 0.035;
  checkNonNegative(peakRatio, 'peakRatio');
  let peak = 0;
  for (let i = 0; i < y.length; i++) peak = Math.max(peak, Math.abs(y[i]!));
  const amplitude = peakRatio * rng.random() * peak;
  for (let i = 0; i < y.length; i++) out[i] = y[i]! + amplitude * rng.normal();
  return out;
}
