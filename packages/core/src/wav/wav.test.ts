import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SerkitError } from '../errors.js';
import { createRng } from '../random/rng.js';
import type { WavSampleFormat } from './format.js';
import { readWav } from './read.js';
import { writeWav } from './write.js';

const formats: WavSampleFormat[] = ['pcm8', 'pcm16', 'pcm24', 'pcm32', 'float32', 'float64'];
/** Largest round-trip error per format: half a quantisation step for integers, none for floats. */
const stepOf: Record<WavSampleFormat, number> = {
  pcm8: 2 ** -7,
  pcm16: 2 ** -15,
  pcm24: 2 ** -23,
  pcm32: 2 ** -31,
  float32: 0,
  float64: 0,
};

function noiseChannels(channels: number, frames: number, seed: number): Float32Array[] {
  const rng = createRng(seed);
  return Array.from({ length: channels }, () => Float32Array.from({ length: frames }, () => rng.uniform(-0.99, 0.99)));
}

function expectCode(fn: () => unknown, code: string, reason: RegExp): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SerkitError);
    expect((error as SerkitError).code).toBe(code);
    expect((error as SerkitError).reason).toMatch(reason);
    return;
  }
  throw new Error('expected a SerkitError');
}

describe('WAV round trips', () => {
  for (const format of formats) {
    for (const channels of [1, 2, 6]) {
      for (const extensible of [false, true]) {
        it(`${format}, ${channels} channel(s), extensible=${extensible}`, () => {
          const input = noiseChannels(channels, 101, channels * 7 + formats.indexOf(format));
          const bytes = writeWav({ sampleRate: 44100, channels: input }, { format, extensible });
          const out = readWav(bytes);
          expect(out.sampleRate).toBe(44100);
          expect(out.format).toBe(format);
          expect(out.channels.length).toBe(channels);
          for (let ch = 0; ch < channels; ch++) {
            expect(out.channels[ch]!.length).toBe(101);
            let worst = 0;
            for (let i = 0; i < 101; i++) worst = Math.max(worst, Math.abs(out.channels[ch]![i]! - input[ch]![i]!));
            expect(worst).toBeLessThanOrEqual(stepOf[format] / 2 + 1e-7);
          }
          // Integer codes survive a second trip exactly.
          expect(writeWav({ sampleRate: 44100, channels: out.channels }, { format, extensible })).toEqual(bytes);
        });
      }
    }
  }

  it('keeps any sample rate and clips integer formats to full scale', () => {
    const bytes = writeWav({ sampleRate: 7, channels: [Float32Array.of(2, -2, 0.5)] }, { format: 'pcm16' });
    const out = readWav(bytes);
    expect(out.sampleRate).toBe(7);
    expect(Array.from(out.channels[0]!)).toEqual([32767 / 32768, -1, 0.5]);
  });

  it('mixes to mono on request', () => {
    const left = Float32Array.of(0.5, 0.25, -1);
    const right = Float32Array.of(-0.5, 0.75, -1);
    const out = readWav(writeWav({ sampleRate: 8000, channels: [left, right] }, { format: 'float32' }), { mono: true });
    expect(out.channels.length).toBe(1);
    expect(Array.from(out.channels[0]!)).toEqual([0, 0.5, -1]);
  });

  it('skips unknown chunks, reads fmt after data and odd-sized padded chunks', () => {
    const base = writeWav({ sampleRate: 16000, channels: [Float32Array.of(0.25, -0.5, 0.125)] }, { format: 'pcm8' });
    // Rebuild as RIFF, LIST (odd size, padded), data, fmt.
    const fmt = base.subarray(12, 12 + 8 + 16);
    const data = base.subarray(36);
    const list = Uint8Array.of(0x4c, 0x49, 0x53, 0x54, 3, 0, 0, 0, 1, 2, 3, 0);
    const body = new Uint8Array([...list, ...data, ...fmt]);
    const header = new Uint8Array(12);
    header.set(base.subarray(0, 12));
    new DataView(header.buffer).setUint32(4, body.length + 4, true);
    const out = readWav(new Uint8Array([...header, ...body]));
    expect(Array.from(out.channels[0]!)).toEqual([0.25, -0.5, 0.125]);
  });

  it('reads a streamed data chunk of declared size 0xFFFFFFFF to the end', () => {
    const bytes = writeWav({ sampleRate: 16000, channels: [Float32Array.of(0.5, -0.5)] });
    new DataView(bytes.buffer).setUint32(40, 0xffffffff, true);
    expect(Array.from(readWav(bytes).channels[0]!)).toEqual([0.5, -0.5]);
  });

  it('reads files written by sox (24-bit stereo, extensible) like its float output', (ctx) => {
    const probe = spawnSync('sox', ['--version']);
    if (probe.status !== 0) {
      ctx.skip('sox is not installed');
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'serkit-wav-'));
    try {
      const make = (bits: string, encoding: string, file: string) =>
        spawnSync('sox', [
          '-n',
          '-r',
          '22050',
          '-c',
          '2',
          '-b',
          bits,
          '-e',
          encoding,
          join(dir, file),
          'synth',
          '0.05',
          'sine',
          '440',
          'sine',
          '300',
        ]);
      expect(make('24', 'signed-integer', 'a.wav').status).toBe(0);
      expect(make('32', 'floating-point', 'b.wav').status).toBe(0);
      const a = readWav(readFileSync(join(dir, 'a.wav')));
      const b = readWav(readFileSync(join(dir, 'b.wav')));
      expect(a.format).toBe('pcm24');
      expect(b.format).toBe('float32');
      expect(a.sampleRate).toBe(22050);
      expect(a.channels.length).toBe(2);
      expect(a.channels[0]!.length).toBe(b.channels[0]!.length);
      for (let ch = 0; ch < 2; ch++) {
        for (let i = 0; i < a.channels[ch]!.length; i++) {
          expect(Math.abs(a.channels[ch]![i]! - b.channels[ch]![i]!)).toBeLessThan(1e-6);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('malformed WAV files', () => {
  const good = writeWav({ sampleRate: 16000, channels: [Float32Array.of(0.1, 0.2, 0.3, 0.4)] });
  const edit = (fn: (view: DataView, bytes: Uint8Array) => void): Uint8Array => {
    const copy = good.slice();
    fn(new DataView(copy.buffer), copy);
    return copy;
  };

  it('names the file and the reason', () => {
    expectCode(() => readWav(new Uint8Array(5), { name: 'x.wav' }), 'MALFORMED_FILE', /at least 12/);
    try {
      readWav(new Uint8Array(5), { name: 'x.wav' });
    } catch (error) {
      expect((error as SerkitError).input).toBe('x.wav');
    }
  });
  it('rejects a non-RIFF file', () => {
    expectCode(() => readWav(new TextEncoder().encode('OggS0000WAVEfmt ')), 'MALFORMED_FILE', /not 'RIFF'/);
  });
  it('rejects a non-WAVE RIFF form', () => {
    expectCode(() => readWav(edit((_, b) => b.set([0x41, 0x56, 0x49, 0x20], 8))), 'MALFORMED_FILE', /not 'WAVE'/);
  });
  it('rejects a file without a data chunk', () => {
    expectCode(() => readWav(good.subarray(0, 36)), 'MALFORMED_FILE', /no 'data' chunk/);
  });
  it('rejects a file without a fmt chunk', () => {
    expectCode(() => readWav(edit((_, b) => b.set([0x6a, 0x75, 0x6e, 0x6b], 12))), 'MALFORMED_FILE', /no 'fmt ' chunk/);
  });
  it('rejects a truncated fmt chunk', () => {
    expectCode(() => readWav(good.subarray(0, 30)), 'MALFORMED_FILE', /truncated/);
  });
  it('rejects a truncated data chunk', () => {
    expectCode(
      () => readWav(good.subarray(0, good.length - 3)),
      'MALFORMED_FILE',
      /declares 8 bytes but only 5 remain/,
    );
  });
  it('rejects a short fmt chunk', () => {
    expectCode(() => readWav(edit((v) => v.setUint32(16, 14, true))), 'MALFORMED_FILE', /at least 16/);
  });
  it('rejects zero channels, zero sample rate and an inconsistent block align', () => {
    expectCode(() => readWav(edit((v) => v.setUint16(22, 0, true))), 'MALFORMED_FILE', /0 channels/);
    expectCode(() => readWav(edit((v) => v.setUint32(24, 0, true))), 'MALFORMED_FILE', /sample rate of 0/);
    expectCode(() => readWav(edit((v) => v.setUint16(32, 3, true))), 'MALFORMED_FILE', /block align 3/);
  });
  it('rejects unknown encodings as UNSUPPORTED', () => {
    expectCode(() => readWav(edit((v) => v.setUint16(20, 6, true))), 'UNSUPPORTED', /format code 6/);
    expectCode(() => readWav(edit((v) => v.setUint16(34, 12, true))), 'UNSUPPORTED', /12 bits/);
    expectCode(() => readWav(edit((_, b) => b.set([0x52, 0x46, 0x36, 0x34], 0))), 'UNSUPPORTED', /RF64/);
  });
  it('rejects an unknown extensible sub-format GUID', () => {
    const ext = writeWav({ sampleRate: 8000, channels: [Float32Array.of(0)] }, { extensible: true });
    ext[50] = 0x99;
    expectCode(() => readWav(ext), 'MALFORMED_FILE', /GUID/);
  });
  it('refuses to write NaN samples or ragged channels', () => {
    expectCode(
      () => writeWav({ sampleRate: 8000, channels: [Float32Array.of(0, Number.NaN)] }),
      'INVALID_AUDIO',
      /sample 1 is NaN/,
    );
    expectCode(
      () => writeWav({ sampleRate: 8000, channels: [new Float32Array(2), new Float32Array(3)] }),
      'INVALID_ARGUMENT',
      /same length/,
    );
    expectCode(
      () => writeWav({ sampleRate: 0, channels: [new Float32Array(2)] }),
      'INVALID_ARGUMENT',
      /positive integer/,
    );
  });
});
