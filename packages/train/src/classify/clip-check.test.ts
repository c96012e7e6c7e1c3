import { SerkitError } from '@serkit/core';
import { describe, expect, it } from 'vitest';
import { checkClip, MIN_CLIP_SECONDS } from './clip-check.js';

const RATE = 16000;
const tone = (seconds: number, amplitude: number) =>
  Float32Array.from(
    { length: Math.round(seconds * RATE) },
    (_, i) => amplitude * Math.sin((2 * Math.PI * 220 * i) / RATE),
  );

function reasonOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SerkitError);
    expect((error as SerkitError).code).toBe('INVALID_AUDIO');
    expect((error as SerkitError).input).toBe('clip.wav');
    return (error as SerkitError).reason;
  }
  throw new Error('checkClip accepted the clip');
}

describe('checkClip', () => {
  it('accepts ordinary speech-level audio without warnings', () => {
    expect(checkClip(tone(1, 0.3), RATE, 'clip.wav')).toEqual([]);
  });

  it('refuses clips shorter than the minimum, saying how long they are', () => {
    expect(reasonOf(() => checkClip(tone(0.01, 0.3), RATE, 'clip.wav'))).toMatch(/too short.*0\.010 s.*0\.25 s/);
    expect(checkClip(tone(MIN_CLIP_SECONDS, 0.3), RATE, 'clip.wav')).toEqual([]);
  });

  it('refuses digital silence and near-silence, with the level', () => {
    expect(reasonOf(() => checkClip(new Float32Array(RATE), RATE, 'clip.wav'))).toMatch(/silent \(digital silence/);
    expect(reasonOf(() => checkClip(tone(1, 0.0005), RATE, 'clip.wav'))).toMatch(/silent \(peak -66\.0 dBFS/);
    expect(checkClip(tone(1, 0.002), RATE, 'clip.wav')).toEqual([]);
  });

  it('warns when more than 1 % of the samples sit at full scale', () => {
    const clipped = tone(1, 4).map((x) => Math.max(-1, Math.min(1, x)));
    const [warning] = checkClip(clipped, RATE, 'clip.wav');
    expect(warning).toMatch(/^clipped: (8\d|9\d)\.\d % of samples at full scale/);
    const fewClipped = tone(1, 0.5);
    fewClipped[100] = 1;
    expect(checkClip(fewClipped, RATE, 'clip.wav')).toEqual([]);
  });

  it('takes a peak the decoder measured, and still counts clipped samples when that peak reaches full scale', () => {
    // The given peak decides silence (the samples are not scanned for it)...
    expect(reasonOf(() => checkClip(tone(1, 0.3), RATE, 'clip.wav', 0.0005))).toMatch(/silent \(peak -66\.0 dBFS/);
    expect(checkClip(tone(1, 0.0005), RATE, 'clip.wav', 0.3)).toEqual([]);
    // ...and a full-scale peak makes it count the clipped samples, as without one.
    const clipped = tone(1, 4).map((x) => Math.max(-1, Math.min(1, x)));
    expect(checkClip(clipped, RATE, 'clip.wav', 1)).toEqual(checkClip(clipped, RATE, 'clip.wav'));
    expect(checkClip(clipped, RATE, 'clip.wav', 1)).toHaveLength(1);
  });
});
