import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { addonPath, loadAddon } from '@serkit/native';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  bestCorrelation,
  type FixtureSet,
  type FixtureSpec,
  hasFfmpeg,
  makeAudioFixtures,
  makeBadInputs,
  sampleMismatch,
} from '../../../test/support/audio-fixtures.js';
import { viaWasm } from '../../../test/support/wasm-decoders.js';
import { decodeFile } from './decode-file.js';
import type { AddonAudioStream, AudioStreamClass } from './inprocess/native.js';
import { NATIVE_BLOCK_FRAMES } from './inprocess/native-stream.js';
import { type AudioWindow, decodeStream, type StreamOptions } from './stream.js';

// decodeStream through libsndfile's AudioStream (native/decode/stream.cpp) against the WebAssembly
// decoders: the same windows for lossless files, correlated ones for lossy files, bounded reads,
// and the same outcome (windows, then the same typed error) for every bad file.

const run = promisify(execFile);
const AudioStream = loadAddon()?.AudioStream as AudioStreamClass | undefined;
const native = typeof AudioStream === 'function';
if (!native) console.warn('native-stream tests skipped: the addon has no AudioStream (built without libsndfile)');

/** The windows a stream gave, and how it ended (`ok`, or the error's code and reason). */
async function outcome(path: string, options: StreamOptions): Promise<{ windows: AudioWindow[]; end: string }> {
  const windows: AudioWindow[] = [];
  try {
    for await (const w of decodeStream(path, options)) windows.push(w);
    return { windows, end: 'ok' };
  } catch (error) {
    const e = error as { code?: string; reason?: string; input?: string };
    expect(e.input).toBe(path);
    // libFLAC's frame numbers in a reason depend on what the shared WebAssembly decoder saw before.
    return { windows, end: `${e.code}: ${e.reason?.replace(/\(frame \d+\)/, '(frame #)')}` };
  }
}

const concat = (windows: AudioWindow[]) => {
  const out = new Float32Array(windows.reduce((n, w) => n + w.samples.length, 0));
  let at = 0;
  for (const w of windows) {
    out.set(w.samples, at);
    at += w.samples.length;
  }
  return out;
};

const long = (name: string, master: FixtureSpec['master'], encode: string[] | undefined, lossless: boolean) => ({
  name,
  master: { seconds: 12, ...master },
  encode,
  lossless,
});

/** Longer than a native block (65536 frames), so every file takes several reads. */
const LONG: FixtureSpec[] = [
  long('s16-44k-stereo.wav', { signal: 'tone', sampleRate: 44100, channels: 2 }, undefined, true),
  long(
    's24-48k-stereo.flac',
    { signal: 'noise', sampleRate: 48000, channels: 2, pcm: 'pcm_s24le' },
    ['-c:a', 'flac'],
    true,
  ),
  long('speech-16k.flac', { signal: 'speech', sampleRate: 16000, channels: 1 }, ['-c:a', 'flac'], true),
  long(
    'speech-16k.mp3',
    { signal: 'speech', sampleRate: 16000, channels: 1 },
    ['-c:a', 'libmp3lame', '-b:a', '128k'],
    false,
  ),
  long(
    'tone-44k-stereo.ogg',
    { signal: 'tone', sampleRate: 44100, channels: 2 },
    ['-c:a', 'libvorbis', '-q:a', '6'],
    false,
  ),
  long(
    'speech-16k.opus',
    { signal: 'speech', sampleRate: 16000, channels: 1 },
    ['-c:a', 'libopus', '-b:a', '64k'],
    false,
  ),
  long('tone-48k-stereo.opus', { signal: 'tone', sampleRate: 48000, channels: 2 }, ['-c:a', 'libopus'], false),
];

describe.skipIf(!hasFfmpeg || !native)('streaming through libsndfile vs the WebAssembly decoders', () => {
  let set: FixtureSet;
  let dir: string;
  beforeAll(async () => {
    set = await makeAudioFixtures(LONG);
    dir = await mkdtemp(join(tmpdir(), 'serkit-native-stream-'));
  }, 120_000);
  afterAll(async () => {
    await set?.cleanup();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('gives the same windows: lossless sample-exact, lossy correlated', async () => {
    for (const f of set.fixtures) {
      for (const sampleRate of [undefined, 16000]) {
        const what = `${f.name} at ${sampleRate ?? 'its own rate'}`;
        // Lossless: overlapping windows; lossy: back to back, so their concatenation is the stream.
        const options: StreamOptions = f.lossless
          ? { decoder: 'inprocess', sampleRate, windowSeconds: 1, hopSeconds: 0.75 }
          : { decoder: 'inprocess', sampleRate, windowSeconds: 1 };
        const ours = await outcome(f.path, options);
        const theirs = await viaWasm(() => outcome(f.path, options));
        expect(ours.end, what).toBe('ok');
        expect(theirs.end, what).toBe('ok');
        expect(ours.windows[0].sampleRate, what).toBe(theirs.windows[0].sampleRate);
        if (f.lossless) {
          expect(ours.windows.length, what).toBe(theirs.windows.length);
          for (const [i, w] of ours.windows.entries()) {
            expect(w.start, what).toBe(theirs.windows[i].start);
            expect(sampleMismatch(w.samples, theirs.windows[i].samples), `${what} window ${i}`).toBeNull();
          }
        } else {
          expect(Math.abs(ours.windows.length - theirs.windows.length), what).toBeLessThanOrEqual(1);
          expect(bestCorrelation(concat(ours.windows), concat(theirs.windows), 64), what).toBeGreaterThan(0.99);
        }
      }
    }
  });

  it("decodes whole Ogg Opus files (libogg + libopus) to the very samples of libsndfile's stream", async () => {
    // decodeFile takes native/decode/ogg_opus.cpp for mono and stereo Opus; the stream stays with
    // libsndfile: the same pre-skip, end trim and downmix give bit-identical samples.
    const opus = set.fixtures.filter((f) => f.name.endsWith('.opus'));
    expect(opus.length).toBe(2);
    for (const f of opus) {
      for (const sampleRate of [8000, 16000, 48000]) {
        const what = `${f.name} at ${sampleRate} Hz`;
        const whole = await decodeFile(f.path, { decoder: 'inprocess', sampleRate });
        const streamed = await outcome(f.path, { decoder: 'inprocess', sampleRate, windowSeconds: 1 });
        expect(whole.source.engine, what).toBe('libsndfile');
        expect(whole.samples.length, what).toBe(Math.round(12 * sampleRate));
        expect(sampleMismatch(whole.samples, concat(streamed.windows)), what).toBeNull();
      }
    }
  });

  it('ends every bad file as the WebAssembly stream does: the same windows, then the same typed error', async () => {
    const bad = await makeBadInputs(dir);
    // Cut and damaged long files: libsndfile has given windows before it meets the damage.
    const flac = new Uint8Array(await readFile(set.byName('s24-48k-stereo.flac').path));
    const wav = new Uint8Array(await readFile(set.byName('s16-44k-stereo.wav').path));
    const damaged = flac.slice();
    for (let i = Math.floor(flac.length * 0.6); i < Math.floor(flac.length * 0.6) + 64; i++) damaged[i] ^= 0x5a;
    const extra: [string, Uint8Array][] = [
      ['long-cut.flac', flac.subarray(0, Math.floor(flac.length * 0.7))],
      ['long-damaged.flac', damaged],
      ['long-cut.wav', wav.subarray(0, Math.floor(wav.length * 0.7))],
    ];
    for (const [name, bytes] of extra) await writeFile(join(dir, name), bytes);
    const paths = [...bad.filter((b) => !b.skip).map((b) => b.path), ...extra.map(([name]) => join(dir, name))];
    for (const path of paths) {
      const options: StreamOptions = { windowSeconds: 0.5, timeoutMs: 20_000 };
      const ours = await outcome(path, options);
      const theirs = await viaWasm(() => outcome(path, options));
      expect(ours.end, path).toBe(theirs.end);
      expect(ours.windows.length, path).toBe(theirs.windows.length);
      for (const [i, w] of ours.windows.entries()) {
        expect(sampleMismatch(w.samples, theirs.windows[i].samples), `${path} window ${i}`).toBeNull();
      }
    }
    // The long damaged files did give windows before failing (so the hand-over was exercised).
    for (const name of ['long-cut.flac', 'long-damaged.flac']) {
      const got = await outcome(join(dir, name), { windowSeconds: 0.5 });
      expect(got.windows.length, name).toBeGreaterThan(8);
      expect(got.end, name).toMatch(/^MALFORMED_FILE/);
    }
  });

  it('reads a long file in bounded blocks as windows are taken, closes it, and stays off under SERKIT_NATIVE_DECODE=0', async () => {
    const log = { opened: 0, frames: 0, largestAsk: 0, streams: [] as AddonAudioStream[] };
    const Real = AudioStream as AudioStreamClass;
    class Counting extends Real {
      constructor(path: string, opusRate?: number) {
        super(path, opusRate);
        log.opened++;
        log.streams.push(this);
      }
      override read(maxFrames: number): Float32Array | null {
        log.largestAsk = Math.max(log.largestAsk, maxFrames);
        const out = super.read(maxFrames);
        log.frames += out?.length ?? 0;
        return out;
      }
    }
    vi.resetModules();
    vi.doMock('@serkit/native', async (importOriginal) => {
      const real = await importOriginal<typeof import('@serkit/native')>();
      const addon = real.loadAddon();
      return { ...real, loadAddon: () => (addon === null ? null : { ...addon, AudioStream: Counting }) };
    });
    try {
      const { decodeStream: stream } = await import('./stream.js');
      const path = set.byName('speech-16k.flac').path; // 12 s at 16 kHz: three blocks
      let count = 0;
      for await (const w of stream(path, { windowSeconds: 1 })) {
        count++;
        // Never more than one block read ahead of the window handed out.
        expect(log.frames, `window ${w.index}`).toBeLessThanOrEqual((w.start + 1) * 16000 + NATIVE_BLOCK_FRAMES);
      }
      expect(count).toBe(12);
      expect(log.opened).toBe(1);
      expect(log.frames).toBe(12 * 16000);
      expect(log.largestAsk).toBe(NATIVE_BLOCK_FRAMES);
      // Stopping early closes the file.
      for await (const w of stream(path, { windowSeconds: 1 })) {
        expect(w.index).toBe(0);
        break;
      }
      expect(log.streams.map((s) => s.closed)).toEqual([true, true]);
      await viaWasm(async () => {
        for await (const _ of stream(path, { windowSeconds: 4 })) count++;
      });
      expect(log.opened).toBe(2);
    } finally {
      vi.doUnmock('@serkit/native');
      vi.resetModules();
    }
  });
});

describe.skipIf(!native)('the addon AudioStream handle', () => {
  const Stream = AudioStream as AudioStreamClass;
  let dir: string;
  let flac: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'serkit-native-handle-'));
    flac = join(dir, 'tone.flac');
    if (hasFfmpeg) {
      await run('ffmpeg', [
        '-loglevel',
        'error',
        '-y',
        '-f',
        'lavfi',
        '-i',
        'sine=frequency=440:duration=1:sample_rate=16000',
        '-ac',
        '2',
        flac,
      ]);
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('rejects bad arguments with TypeError/RangeError and files it cannot decode with DECODE_FAILED', async () => {
    const make =
      (...args: unknown[]) =>
      () =>
        new (Stream as unknown as new (...a: unknown[]) => unknown)(...args);
    expect(make()).toThrow(TypeError);
    expect(make(42)).toThrow(/path must be a string/);
    expect(make('')).toThrow(TypeError);
    expect(make('a\0b')).toThrow(/NUL/);
    expect(make(join(dir, 'missing.flac'))).toThrow(expect.objectContaining({ code: 'DECODE_FAILED' }));
    const text = join(dir, 'text.wav');
    await writeFile(text, 'not audio at all, only words\n'.repeat(50));
    expect(make(text)).toThrow(expect.objectContaining({ code: 'DECODE_FAILED' }));
    if (!hasFfmpeg) return;
    expect(make(flac, 44100)).toThrow(RangeError);
    const s = new Stream(flac);
    for (const bad of [0, -1, 1.5, Number.NaN, 2 ** 25]) expect(() => s.read(bad), String(bad)).toThrow(RangeError);
    expect(() => s.read('8' as unknown as number)).toThrow(TypeError);
    // An unwrapped `this` is refused, not dereferenced.
    expect(() => s.read.call({}, 8)).toThrow();
    s.close();
  });

  it.skipIf(!hasFfmpeg)('reads to the end, then null; closes twice safely; throws STREAM_CLOSED after close', () => {
    const s = new Stream(flac);
    expect([s.sampleRate, s.channels, s.declaredFrames, s.container, s.encoding]).toEqual([
      16000,
      2,
      16000,
      'flac',
      'pcm_s16',
    ]);
    let frames = 0;
    for (let block = s.read(3000); block !== null; block = s.read(3000)) {
      expect(block.length).toBeLessThanOrEqual(3000);
      frames += block.length;
    }
    expect(frames).toBe(16000);
    expect(s.read(10)).toBeNull();
    s.close();
    s.close();
    expect(s.closed).toBe(true);
    expect(() => s.read(10)).toThrow(expect.objectContaining({ code: 'STREAM_CLOSED' }));
  });

  it.skipIf(!hasFfmpeg || process.platform !== 'linux')('closes the files of handles the GC collects', async () => {
    // A child with --expose-gc opens 200 streams it never closes; their finalizers must close the files.
    const script = `
      const { AudioStream } = require(${JSON.stringify(addonPath())});
      const fds = () => require('node:fs').readdirSync('/proc/self/fd').length;
      const base = fds();
      (() => { for (let i = 0; i < 200; i++) new AudioStream(${JSON.stringify(flac)}).read(16); })();
      const open = fds();
      (async () => {
        for (let i = 0; i < 10; i++) { globalThis.gc(); await new Promise((r) => setImmediate(r)); }
        console.log(JSON.stringify({ base, open, after: fds() }));
      })();`;
    const { stdout } = await run(process.execPath, ['--expose-gc', '-e', script]);
    const { base, open, after } = JSON.parse(stdout) as { base: number; open: number; after: number };
    expect(open - base).toBeGreaterThanOrEqual(200);
    expect(after - base).toBeLessThan(10);
  });

  it.skipIf(!hasFfmpeg)('never crashes on damaged files: reads them or throws DECODE_FAILED', async () => {
    const intact = new Uint8Array(await readFile(flac));
    const path = join(dir, 'damaged.flac');
    let seed = 99;
    const random = () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    for (let round = 0; round < 30; round++) {
      const bytes =
        round % 3 === 0 ? intact.slice(0, Math.floor(random() * intact.length) + 1) : Uint8Array.from(intact);
      if (round % 3 !== 0) for (let k = 0; k <= round; k++) bytes[Math.floor(random() * bytes.length)] = random() * 256;
      await writeFile(path, bytes);
      try {
        const s = new Stream(path);
        try {
          while (s.read(4096) !== null);
        } finally {
          s.close();
        }
      } catch (error) {
        expect((error as { code?: string }).code, `round ${round}`).toBe('DECODE_FAILED');
      }
    }
  });
});
