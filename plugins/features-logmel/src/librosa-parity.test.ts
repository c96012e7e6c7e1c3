// The extractor on serkit's TS DSP against librosa 0.10.2's power_to_db(melspectrogram) of a
// RAVDESS clip (fixtures in ../shared/reference/librosa; skipped with a message when absent).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsDsp } from '@serkit/core';
import { describe, expect, it } from 'vitest';
import { fitFrames, loudFrameRange, sliceFrames, standardiseRows, transpose } from './frames.js';
import { logMelExtractor } from './logmel.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const referenceDir = process.env.SERKIT_LIBROSA_REFERENCE ?? join(repoRoot, '..', 'shared', 'reference', 'librosa');
const clip = '03-01-05-02-01-01-01';
const present = existsSync(join(referenceDir, `meldb-${clip}.f32`));
const f32 = (name: string) => {
  const bytes = readFileSync(join(referenceDir, name));
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
};

describe.skipIf(!present)(`logmel vs librosa (${present ? clip : `no fixtures in ${referenceDir}`})`, () => {
  // librosa case: n_fft 512, win 512, hop 160, 40 Slaney mels, power_to_db(ref 1, amin 1e-10, top_db 80)
  const reference = () => ({ data: f32(`meldb-${clip}.f32`), rows: 40, cols: 411 });
  const config = { nMels: 40, winLength: 512 } as const;

  it('raw log-mel frames equal librosa power_to_db(melspectrogram) within 0.05 dB', () => {
    const out = logMelExtractor
      .configure({ ...config, trimDb: 0, normalise: 'none', frames: 411 })
      .extract(f32(`input-${clip}.f32`), { dsp: tsDsp });
    const expected = transpose(reference()).data;
    let worst = 0;
    for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(out.data[i] - expected[i]));
    expect(worst).toBeLessThan(0.05);
  });

  it('default pipeline (trim, standardise, centre 192 frames) matches the same steps on librosa dB', () => {
    const db = reference();
    const { start, end } = loudFrameRange(db, 40);
    expect(end - start).toBeGreaterThan(100); // the sentence, not the silence around it
    expect(end - start).toBeLessThan(db.cols);
    const expected = transpose(fitFrames(standardiseRows(sliceFrames(db, start, end)), 192)).data;
    const out = logMelExtractor.configure(config).extract(f32(`input-${clip}.f32`), { dsp: tsDsp });
    expect(out.frames).toBe(192);
    let worst = 0;
    for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(out.data[i] - expected[i]));
    expect(worst).toBeLessThan(0.01);
  });
});
