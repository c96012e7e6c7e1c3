// The corpus itself through both decoder paths: every 60th RAVDESS FLAC (24 files), plus one
// whose short last frame codec-parser drops, must decode
// in process to exactly ffmpeg's samples, and probe to the decoded length. Needs the corpus
// (SERKIT_RAVDESS_DIR, default ../shared/data/ravdess-speech-16k) and ffmpeg; skips without them.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeFile, probeFile } from '@serkit/audio';
import { describe, expect, it } from 'vitest';
import { hasFfmpeg, sampleMismatch } from './support/audio-fixtures.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = process.env.SERKIT_RAVDESS_DIR ?? join(repoRoot, '../shared/data/ravdess-speech-16k');
const present = existsSync(corpus);
if (!present) console.warn(`audio-ravdess: skipped, no corpus at ${corpus} (set SERKIT_RAVDESS_DIR)`);

const flacs = present
  ? readdirSync(corpus, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.flac'))
      .sort()
      .map((f) => join(corpus, f))
  : [];

describe.skipIf(!present || !hasFfmpeg)('RAVDESS FLACs through both decoders', () => {
  it('decode in process to exactly the samples ffmpeg gives, and probe to the decoded length', async () => {
    const shortLastFrame = flacs.filter((f) => f.endsWith(join('Actor_06', '03-01-01-01-01-01-06.flac')));
    const sample = [...shortLastFrame, ...flacs.filter((_, i) => i % 60 === 0)];
    expect(sample.length).toBeGreaterThan(0);
    for (const path of sample) {
      const inProcess = await decodeFile(path, { decoder: 'inprocess' });
      const viaFfmpeg = await decodeFile(path, { decoder: 'ffmpeg' });
      expect(sampleMismatch(inProcess.samples, viaFfmpeg.samples), path).toBeNull();
      const probed = await probeFile(path);
      expect(probed.duration, path).toBe(inProcess.duration);
    }
  });
});
