import { describe, expect, it } from 'vitest';
import { csvField, featuresToCsv } from './feature-output.js';
import type { ExtractedFeatures } from './features.js';

describe('feature output', () => {
  it('quotes CSV fields with commas, quotes and line breaks', () => {
    expect(csvField('plain.wav')).toBe('plain.wav');
    expect(csvField('a, "b"\n.wav')).toBe('"a, ""b""\n.wav"');
  });

  it('writes one CSV row per frame with 7 significant digits', () => {
    const extracted = {
      extractor: { dims: 2 },
      results: [
        {
          item: { path: '/x,y.wav', label: 'sad', speaker: '01', extra: {} },
          features: { frames: 2, dims: 2, data: Float32Array.of(0.1, 2, 3, -4.25) },
        },
      ],
    } as unknown as ExtractedFeatures;
    expect(featuresToCsv(extracted)).toBe(
      'path,label,speaker,frame,f0,f1\n"/x,y.wav",sad,01,0,0.1,2\n"/x,y.wav",sad,01,1,3,-4.25\n',
    );
  });
});
