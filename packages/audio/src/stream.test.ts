import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasFfmpeg, sampleMismatch } from '../../../test/support/audio-fixtures.js';
import { decodeFile } from './decode-file.js';
import { type AudioWindow, decodeStream, type StreamOptions } from './stream.js';
import { toRate } from './to-rate.js';
import { Windower } from './windows.js';

const run = promisify(execFile);
let dir: string;
const files: Record<string, string> = {};

/** A chirp (frequency rising over time) so every window differs from its neighbours. */
const chirp = (seconds: number, rate: number) => `aevalsrc=0.5*sin(2*PI*(200+40*t)*t):s=${rate}:d=${seconds}`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'serkit-stream-'));
  const make = async (name: string, seconds: number, rate: number, codec: string[]) => {
    files[name] = join(dir, name);
    await run('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', chirp(seconds, rate), ...codec, files[name]]);
  };
  await make('20s.wav', 20, 16000, ['-c:a', 'pcm_s16le']);
  await make('20s.flac', 20, 16000, ['-c:a', 'flac']);
  await make('20s.m4a', 20, 16000, ['-c:a', 'aac']);
  // An hour of audio: 8 kHz 16-bit WAV (55 MiB); decoded whole it would be 110 MiB of float32.
  await make('1h.wav', 3600, 8000, ['-c:a', 'pcm_s16le']);
}, 300_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

async function windows(path: string, options: StreamOptions): Promise<AudioWindow[]> {
  const out: AudioWindow[] = [];
  for await (const w of decodeStream(path, options)) out.push(w);
  return out;
}

describe('Windower', () => {
  it('cuts overlapping and gapped windows at the right positions, keeping a shorter last window', () => {
    const signal = Float32Array.from({ length: 23 }, (_, i) => i);
    for (const [window, hop] of [
      [5, 5],
      [5, 2],
      [4, 7],
    ]) {
      const windower = new Windower(window, hop);
      const got: [number, number[]][] = [];
      for (let at = 0; at < signal.length; at += 3) {
        for (const [start, samples] of windower.push(signal.subarray(at, at + 3))) got.push([start, [...samples]]);
      }
      const last = windower.flush();
      if (last) got.push([last[0], [...last[1]]]);
      const expected: [number, number[]][] = [];
      for (let start = 0; start < signal.length; start += hop) {
        expected.push([start, [...signal.subarray(start, start + window)]]);
        if (start + window >= signal.length) break;
      }
      expect(got, `window ${window} hop ${hop}`).toEqual(expected);
    }
  });
});

describe.skipIf(!hasFfmpeg)('decodeStream', () => {
  it('gives the same windows as slicing the whole decode, in process and through ffmpeg', async () => {
    for (const name of ['20s.wav', '20s.flac']) {
      const whole = await decodeFile(files[name]);
      for (const decoder of ['inprocess', 'ffmpeg'] as const) {
        const got = await windows(files[name], { decoder, windowSeconds: 3.5, hopSeconds: 1.5 });
        expect(got.map((w) => w.index)).toEqual(got.map((_, i) => i));
        for (const w of got) {
          const start = Math.round(w.start * 16000);
          expect(
            sampleMismatch(w.samples, whole.samples.subarray(start, start + 56000)),
            `${name} ${decoder} window ${w.index}`,
          ).toBeNull();
        }
        expect(got.length).toBe(12); // starts 0, 1.5, …, 16.5 s: the window at 16.5 reaches the end
      }
    }
  });

  it('resamples each window as decodeFile resamples that excerpt', async () => {
    const whole = await decodeFile(files['20s.wav']);
    const got = await windows(files['20s.wav'], { sampleRate: 8000, windowSeconds: 2, maxSeconds: 6 });
    expect(got.length).toBe(3);
    for (const w of got) {
      const start = Math.round(w.start * 16000);
      expect(w.sampleRate).toBe(8000);
      expect(sampleMismatch(w.samples, toRate(whole.samples.subarray(start, start + 32000), 16000, 8000))).toBeNull();
    }
  });

  it('streams formats that need ffmpeg (m4a) with the windows covering the file', async () => {
    const got = await windows(files['20s.m4a'], { windowSeconds: 5 });
    expect(got.length).toBe(5); // AAC adds priming/padding samples: a short fifth window
    expect(got.slice(0, 4).every((w) => w.samples.length === 80000)).toBe(true);
  });

  it('processes a 1-hour file window by window with bounded memory (in process and through ffmpeg)', async () => {
    for (const decoder of ['inprocess', 'ffmpeg'] as const) {
      let count = 0;
      let peak = 0;
      const base = process.memoryUsage().arrayBuffers;
      for await (const w of decodeStream(files['1h.wav'], { decoder, windowSeconds: 10 })) {
        count++;
        expect(w.samples.length).toBe(80000);
        if (count % 20 === 0) peak = Math.max(peak, process.memoryUsage().arrayBuffers - base);
      }
      expect(count, decoder).toBe(360);
      // Whole, the hour would be 110 MiB of float32 (plus 55 MiB of file bytes). Streaming holds a
      // window and a block at a time; the bound leaves room for garbage not yet collected.
      expect(peak / 2 ** 20, `${decoder} peak MiB above baseline`).toBeLessThan(64);
    }
  });

  it('stopping early kills ffmpeg and closes the file', async () => {
    for await (const w of decodeStream(files['1h.wav'], { decoder: 'ffmpeg', windowSeconds: 1 })) {
      expect(w.index).toBe(0);
      break;
    }
    const { stdout } = await run('ps', ['-o', 'args=', '--ppid', String(process.pid)]);
    expect(stdout).not.toContain('ffmpeg');
  });
});
