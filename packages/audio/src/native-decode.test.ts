import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SerkitError, writeWav } from '@serkit/core';
import { loadAddon } from '@serkit/native';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type BadInput,
  bestCorrelation,
  type FixtureSet,
  hasFfmpeg,
  makeAudioFixtures,
  makeBadInputs,
  sampleMismatch,
} from '../../../test/support/audio-fixtures.js';
import { serkitError } from '../../../test/support/serkit-error.js';
import { viaWasm } from '../../../test/support/wasm-decoders.js';
import { decodeFile } from './decode-file.js';
import { decoderInfo, NATIVE_DECODE_ENV } from './inprocess/native.js';
import type { DecodedAudio, DecodeOptions } from './types.js';

// libsndfile in the native addon (native/decode) against the WebAssembly decoders it replaces:
// the same samples for lossless files, correlation > 0.99 for lossy ones, the same facts, and the
// same typed error for every bad file. SERKIT_NATIVE_DECODE=0 forces the WebAssembly path.

const native = decoderInfo().active === 'libsndfile';

const inProcessCapable = (name: string) => !/\.(m4a|webm|mp4)$/.test(name);

describe.skipIf(!native)('native decoding: levels measured on the way out', () => {
  /** A mono float32 WAV at 16 kHz holding `values` (NaN and infinities written into its data chunk). */
  function floatWav(values: number[]): Uint8Array {
    const finite = values.map((v) => (Number.isFinite(v) ? v : 0));
    const bytes = writeWav({ sampleRate: 16000, channels: [new Float32Array(finite)] }, { format: 'float32' });
    const dataAt = Buffer.from(bytes).indexOf('data') + 8;
    const view = new DataView(bytes.buffer, bytes.byteOffset + dataAt, values.length * 4);
    for (const [i, v] of values.entries()) view.setFloat32(i * 4, v, true);
    return bytes;
  }
  type Levels = { samples: Float32Array; peak: number; finite: boolean };
  const decodeAudio = (bytes: Uint8Array) =>
    (loadAddon() as { decodeAudio: (b: Uint8Array) => Levels }).decodeAudio(bytes);

  it('gives the peak of the finite samples and whether all are finite, at every length and position', () => {
    // Lengths around the eight-sample blocks; the largest value in the blocks and in the tail.
    for (const length of [1, 7, 8, 9, 16, 23]) {
      for (const at of [0, length - 1, Math.floor(length / 2)]) {
        const values = Array.from({ length }, (_, i) => ((i * 37) % 11) / 20 - 0.25);
        values[at] = -0.875;
        const clean = decodeAudio(floatWav(values));
        expect(clean.finite, `${length} ${at}`).toBe(true);
        expect(clean.peak, `${length} ${at}`).toBe(0.875);
        for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
          const broken = [...values];
          broken[(at + 1) % length] = bad;
          const out = decodeAudio(floatWav(broken));
          expect(out.finite, `${length} ${at} ${bad}`).toBe(false);
          const finitePeak = Math.max(0, ...broken.filter(Number.isFinite).map(Math.abs));
          expect(out.peak, `${length} ${at} ${bad}`).toBe(finitePeak);
        }
      }
    }
  });
});

describe.skipIf(!hasFfmpeg || !native)('native decoding (libsndfile) vs the WebAssembly decoders', () => {
  let set: FixtureSet;
  let dir: string;
  let bad: BadInput[];
  beforeAll(async () => {
    set = await makeAudioFixtures();
    dir = await mkdtemp(join(tmpdir(), 'serkit-native-bad-'));
    bad = await makeBadInputs(dir);
  });
  afterAll(async () => {
    await set?.cleanup();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const both = async (path: string, options: DecodeOptions): Promise<[DecodedAudio, DecodedAudio]> => {
    const ours = await decodeFile(path, { decoder: 'inprocess', ...options });
    const theirs = await viaWasm(() => decodeFile(path, { decoder: 'inprocess', ...options }));
    return [ours, theirs];
  };

  it('hands on the peak it measured while decoding, only when the samples are the ones it measured', async () => {
    const largest = (x: Float32Array) => x.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    for (const f of set.fixtures.filter((x) => inProcessCapable(x.name))) {
      const own = await decodeFile(f.path, { decoder: 'inprocess' });
      expect(own.peak, f.name).toBe(largest(own.samples));
      expect(own.peak, f.name).toBeGreaterThan(0);
      // Resampled samples are not the decoder's: no peak, the caller measures them.
      // (22050 Hz: not one of the rates libopus decodes to itself.)
      const rate = own.sampleRate === 22050 ? 44100 : 22050;
      expect((await decodeFile(f.path, { decoder: 'inprocess', sampleRate: rate })).peak, f.name).toBeUndefined();
      // Capped samples: the decoder stopped at the cap, so a peak, when given, is of exactly those.
      for (const maxSeconds of [own.duration / 2, 600]) {
        const capped = await decodeFile(f.path, { decoder: 'inprocess', maxSeconds });
        if (capped.peak !== undefined) expect(capped.peak, f.name).toBe(largest(capped.samples));
      }
      // A cap beyond the file's end cuts nothing (classify always passes one).
      expect((await decodeFile(f.path, { decoder: 'inprocess', maxSeconds: 600 })).peak, f.name).toBe(own.peak);
      // The WebAssembly decoders measure nothing.
      expect((await viaWasm(() => decodeFile(f.path, { decoder: 'inprocess' }))).peak, f.name).toBeUndefined();
    }
  });

  it('decodes every in-process format with libsndfile: lossless sample-exact, lossy correlated, same facts', async () => {
    for (const f of set.fixtures.filter((x) => inProcessCapable(x.name))) {
      for (const sampleRate of [undefined, 16000]) {
        const [ours, theirs] = await both(f.path, { sampleRate });
        const what = `${f.name} at ${sampleRate ?? 'its own rate'}`;
        expect(ours.source.engine, what).toBe('libsndfile');
        expect(theirs.source.engine, what).toBe('wasm');
        const { engine: _a, ...oursFacts } = ours.source;
        const { engine: _b, ...theirFacts } = theirs.source;
        expect(oursFacts, what).toEqual(theirFacts);
        expect(ours.sampleRate, what).toBe(theirs.sampleRate);
        if (f.lossless) {
          expect(sampleMismatch(ours.samples, theirs.samples), what).toBeNull();
        } else {
          expect(Math.abs(ours.samples.length - theirs.samples.length), what).toBeLessThan(0.02 * ours.sampleRate);
          expect(bestCorrelation(ours.samples, theirs.samples, 64), what).toBeGreaterThan(0.99);
        }
      }
    }
  });

  it('caps at maxSeconds like the WebAssembly path', async () => {
    for (const name of ['s16-44k-stereo.wav', 's16-16k-mono.flac', 'speech-16k.mp3', 'speech-16k.opus']) {
      const [ours, theirs] = await both(set.byName(name).path, { maxSeconds: 0.25 });
      expect(ours.source.engine).toBe('libsndfile');
      expect(ours.samples.length, name).toBe(theirs.samples.length);
    }
  });

  it('gives every bad file the same typed error as the WebAssembly path', async () => {
    for (const input of bad) {
      if (input.skip) continue;
      const ours = await serkitError(decodeFile(input.path, { decoder: 'inprocess', timeoutMs: 20_000 }));
      const theirs = await serkitError(
        viaWasm(() => decodeFile(input.path, { decoder: 'inprocess', timeoutMs: 20_000 })),
      );
      expect(ours.input, input.kind).toBe(input.path);
      // libFLAC's frame numbers in a reason depend on what the shared WebAssembly decoder saw before.
      const words = (e: SerkitError) => `${e.code}: ${e.reason.replace(/\(frame \d+\)/, '(frame #)')}`;
      expect(words(ours), input.kind).toBe(words(theirs));
    }
  });

  it('never crashes on damaged bytes: the addon decodes them or throws DECODE_FAILED', async () => {
    const decodeAudio = loadAddon()?.decodeAudio as (bytes: Uint8Array, maxSeconds?: number) => unknown;
    let seed = 777;
    const random = () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    let failures = 0;
    for (const name of [
      's16-16k-mono.wav',
      's16-16k-mono.flac',
      'speech-16k.mp3',
      'speech-16k.ogg',
      'speech-16k.opus',
    ]) {
      const intact = new Uint8Array(await readFile(set.byName(name).path));
      for (let round = 0; round < 40; round++) {
        const bytes =
          round % 4 === 0 ? intact.slice(0, Math.floor(random() * intact.length) + 1) : Uint8Array.from(intact);
        if (round % 4 !== 0) {
          for (let k = 0; k < 1 + round; k++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
        }
        try {
          decodeAudio(bytes);
        } catch (error) {
          failures++;
          expect((error as { code?: string }).code, name).toBe('DECODE_FAILED');
        }
      }
    }
    expect(() => decodeAudio(new Uint8Array(0))).toThrow(expect.objectContaining({ code: 'DECODE_FAILED' }));
    expect(() => decodeAudio(new TextEncoder().encode('not audio at all'))).toThrow(
      expect.objectContaining({ code: 'DECODE_FAILED' }),
    );
    expect(failures).toBeGreaterThan(0);
  });
});

describe('choosing the decoder path', () => {
  it(`${NATIVE_DECODE_ENV}=0 switches to the WebAssembly decoders`, async () => {
    const info = await viaWasm(async () => decoderInfo());
    expect(info.active).toBe('wasm');
    expect(info.reason).toContain(NATIVE_DECODE_ENV);
  });

  it('falls back to the WebAssembly decoders when the addon has no decodeAudio (built without libsndfile)', async () => {
    vi.resetModules();
    vi.doMock('@serkit/native', async (importOriginal) => {
      const real = await importOriginal<typeof import('@serkit/native')>();
      const addon = real.loadAddon();
      const withoutDecode = addon === null ? null : { ...addon, decodeAudio: undefined, decodeInfo: undefined };
      return { ...real, loadAddon: () => withoutDecode };
    });
    try {
      const audio = await import('./index.js');
      const info = audio.decoderInfo();
      expect(info.active).toBe('wasm');
      expect(info.reason).toMatch(/WebAssembly decoders/);
      if (!hasFfmpeg) return;
      const set = await makeAudioFixtures([
        {
          name: 'tone.flac',
          master: { signal: 'tone', sampleRate: 16000, channels: 1 },
          encode: ['-c:a', 'flac'],
          lossless: true,
        },
      ]);
      try {
        const out = await audio.decodeFile(set.fixtures[0].path, { decoder: 'inprocess' });
        expect(out.source.engine).toBe('wasm');
        expect(out.samples.length).toBe(24000);
      } finally {
        await set.cleanup();
      }
    } finally {
      vi.doUnmock('@serkit/native');
      vi.resetModules();
    }
  });
});
