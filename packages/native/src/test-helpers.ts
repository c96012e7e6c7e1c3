// Test-only helpers shared by the @serkit/native tests.
import type { Dsp } from '@serkit/core';
import { loadAddonOnce, type NativeAddon } from './addon.js';
import { createNativeDsp } from './native-dsp.js';

const load = loadAddonOnce();
// The sanitizer run (scripts/ci/native-sanitize.sh) must not pass by skipping.
if (process.env.SERKIT_REQUIRE_NATIVE === '1' && load.addon === null)
  throw new Error(`SERKIT_REQUIRE_NATIVE=1 but ${load.reason}`);
export const addon: NativeAddon | null = load.addon;
export const nativeDsp: Dsp | null = addon === null ? null : createNativeDsp(addon);
export const addonMissing = `${load.reason}: native tests skipped`;

/** A small deterministic generator for test inputs (not the product PRNG). */
export function testRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** Speech-like test signal: a few harmonics with vibrato plus a little noise. */
export function testSignal(length: number, seed: number, sampleRate = 16000): Float32Array {
  const random = testRandom(seed);
  const f0 = 100 + 200 * random();
  const y = new Float32Array(length);
  let phase = 0;
  for (let i = 0; i < length; i++) {
    phase += (2 * Math.PI * f0 * (1 + 0.02 * Math.sin((2 * Math.PI * 5 * i) / sampleRate))) / sampleRate;
    y[i] = 0.5 * Math.sin(phase) + 0.25 * Math.sin(2 * phase) + 0.1 * Math.sin(3 * phase) + 0.02 * (random() - 0.5);
  }
  return y;
}
