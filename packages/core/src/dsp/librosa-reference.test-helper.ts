// Test-only: loads the librosa reference fixtures (../shared/reference/librosa, see its README).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Matrix, MfccOptions } from './types.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/** Where the fixtures are: $SERKIT_LIBROSA_REFERENCE, default ../shared/reference/librosa beside the repo. */
export const referenceDir =
  process.env['SERKIT_LIBROSA_REFERENCE'] ?? join(repoRoot, '..', 'shared', 'reference', 'librosa');

export interface ReferenceCase {
  readonly input: string;
  readonly function: string;
  readonly config?: string;
  readonly params: Record<string, number | string | boolean | null>;
  readonly file: string;
  readonly shape: number[];
}

export interface ReferenceInput {
  readonly samples: Float32Array;
  readonly sampleRate: number;
}

export interface LibrosaReference {
  readonly inputs: Map<string, ReferenceInput>;
  readonly cases: ReferenceCase[];
  array(file: string): Float32Array;
  matrix(c: ReferenceCase): Matrix;
}

function readF32(path: string): Float32Array {
  const bytes = readFileSync(path);
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}

/** The fixtures, or undefined (with `referenceMissing` saying why) when they are not there. */
export function loadLibrosaReference(): LibrosaReference | undefined {
  const manifestPath = join(referenceDir, 'manifest.json');
  if (!existsSync(manifestPath)) return undefined;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    inputs: Record<string, { file: string; shape: number[]; sample_rate: number }>;
    cases: ReferenceCase[];
  };
  const inputs = new Map<string, ReferenceInput>();
  for (const [name, entry] of Object.entries(manifest.inputs)) {
    inputs.set(name, { samples: readF32(join(referenceDir, entry.file)), sampleRate: entry.sample_rate });
  }
  const array = (file: string) => readF32(join(referenceDir, file));
  return {
    inputs,
    cases: manifest.cases,
    array,
    matrix: (c) => ({ data: array(c.file), rows: c.shape[0]!, cols: c.shape[1] ?? 1 }),
  };
}

export const referenceMissing = `librosa reference fixtures not found at ${referenceDir} (set SERKIT_LIBROSA_REFERENCE): skipped`;

/**
 * librosa keyword arguments -> serkit options. In librosa.feature.mfcc, `norm` is the DCT's own
 * parameter (the mel filter norm stays 'slaney'), so the 'htk-40' configuration (norm=None) is an
 * HTK-scale, Slaney-normalised filter bank with an unnormalised DCT.
 */
export function librosaOptions(params: Record<string, unknown>, forMfcc = false): MfccOptions {
  const names: Record<string, keyof MfccOptions> = {
    sr: 'sampleRate',
    n_mfcc: 'nMfcc',
    n_fft: 'nFft',
    win_length: 'winLength',
    hop_length: 'hopLength',
    n_mels: 'nMels',
    fmin: 'fmin',
    fmax: 'fmax',
    htk: 'htk',
    norm: forMfcc ? 'dctNorm' : 'norm',
    ref: 'ref',
    amin: 'amin',
    top_db: 'topDb',
  };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    const name = names[key];
    if (name !== undefined) out[name] = value;
  }
  return out as MfccOptions;
}
