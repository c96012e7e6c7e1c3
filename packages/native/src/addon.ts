import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ComplexMatrix, Matrix } from '@serkit/core';

/**
 * The raw functions of the C++ addon (native/dsp/register.cpp). Options objects use the field
 * names of @serkit/core's DSP types; bad arguments throw TypeError/RangeError carrying
 * `code`, `input` and `reason`. Other areas (training kernels) add their own functions.
 */
export interface NativeAddon {
  readonly dspVersion: number;
  stft(y: Float32Array, options?: object): ComplexMatrix;
  spectrogram(y: Float32Array, options?: object): Matrix;
  melFilterBank(options?: object): Matrix;
  melSpectrogram(y: Float32Array | null, power: Matrix | null, options?: object): Matrix;
  powerToDb(S: Matrix, options?: object): Matrix;
  mfcc(y: Float32Array | null, logMel: Matrix | null, options?: object): Matrix;
  delta(data: Matrix, options?: object): Matrix;
  resample(y: Float32Array, origSampleRate: number, targetSampleRate: number): Float32Array;
  addNoise(y: Float32Array, options: object): Float32Array;
  timeStretch(y: Float32Array, rate: number, options?: object): Float32Array;
  pitchShift(y: Float32Array, sampleRate: number, nSteps: number, options?: object): Float32Array;
  featurizeBatch(
    jobs: readonly object[],
    pipeline: object,
    options: { threads?: number },
    onProgress?: (done: number, total: number) => void,
  ): { promise: Promise<Array<Matrix | { error: Error }>>; cancel(): void };
  readonly [name: string]: unknown;
}

export interface AddonLoad {
  addon: NativeAddon | null;
  /** Why the addon is (not) loaded, in one line. */
  reason: string;
  /** The file that was (or would have been) loaded. */
  path: string;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Where the addon is looked for: $SERKIT_NATIVE_ADDON, else build/Release/serkit_native.node. */
export function addonPath(): string {
  const override = process.env.SERKIT_NATIVE_ADDON;
  return override !== undefined && override !== ''
    ? resolve(override)
    : join(repoRoot, 'build', 'Release', 'serkit_native.node');
}

let cached: AddonLoad | undefined;

/** Loads the addon once; never throws (a missing or broken addon gives `addon: null` and the reason). */
export function loadAddonOnce(): AddonLoad {
  if (cached !== undefined) return cached;
  const path = addonPath();
  if (!existsSync(path)) {
    cached = {
      addon: null,
      path,
      reason: `native addon not built (${path} missing; run npm run build:addon -w @serkit/native)`,
    };
    return cached;
  }
  try {
    const addon = createRequire(import.meta.url)(path) as NativeAddon;
    if (typeof addon.dspVersion !== 'number' || typeof addon.mfcc !== 'function') {
      cached = { addon: null, path, reason: `native addon at ${path} has no DSP functions (stale build?)` };
    } else {
      cached = { addon, path, reason: `native addon loaded from ${path}` };
    }
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    cached = { addon: null, path, reason: `native addon failed to load: ${message}` };
  }
  return cached;
}

/** The raw addon object, or null when it is not built or does not load. */
export function loadAddon(): NativeAddon | null {
  return loadAddonOnce().addon;
}
