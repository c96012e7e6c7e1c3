import { tsDsp } from '@serkit/core';
import { describe, expect, it } from 'vitest';
import { applyVariant, parseAugment } from './augment.js';

const sampleRate = 16000;
const tone = (hz: number, seconds: number) =>
  Float32Array.from({ length: seconds * sampleRate }, (_, n) => Math.sin((2 * Math.PI * hz * n) / sampleRate));

/** Frequency of a clean tone from its rising zero crossings (inner ones only: the edges ring). */
function toneHz(samples: Float32Array): number {
  const crossings: number[] = [];
  for (let n = 1; n < samples.length; n++) if (samples[n - 1] < 0 && samples[n] >= 0) crossings.push(n);
  const inner = crossings.slice(5, -5);
  return ((inner.length - 1) * sampleRate) / (inner[inner.length - 1] - inner[0]);
}

describe('speed perturbation', () => {
  it('plays the clip 1.1x / 0.9x as fast: shorter and higher, or longer and lower', () => {
    const clip = tone(200, 1);
    const fast = applyVariant(clip, sampleRate, 'speed1.1', tsDsp, 0);
    const slow = applyVariant(clip, sampleRate, 'speed0.9', tsDsp, 0);
    expect(fast.length).toBe(Math.round(16000 / 1.1));
    expect(slow.length).toBe(Math.round(16000 / 0.9));
    expect(toneHz(fast)).toBeCloseTo(220, 0);
    expect(toneHz(slow)).toBeCloseTo(180, 0);
    expect(toneHz(clip)).toBeCloseTo(200, 0);
  });

  it('is named in --augment beside the paper three', () => {
    expect(parseAugment('speed0.9,speed1.1,noise')).toEqual(['speed0.9', 'speed1.1', 'noise']);
    expect(() => parseAugment('speed1.2')).toThrow(/unknown augmentation 'speed1.2'.*speed0.9,speed1.1/);
  });
});
