import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mfccMean } from '@serkit/plugin-features-mfcc';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveDsp } from '../service/runtime.js';
import { type FeaturePipeline, inProcessSource } from './in-process-source.js';
import type { ClipInput, FeatureSource } from './ports.js';
import { registerHookOf } from './register-hook.js';
import { workerSource } from './worker-source.js';

const repo = (path: string) => fileURLToPath(new URL(`../../../../${path}`, import.meta.url));
const built =
  existsSync(repo('packages/train/dist/classify/worker/feature-worker.js')) &&
  existsSync(repo('plugins/features-mfcc/dist/register.js'));

const pipeline: FeaturePipeline = {
  extractor: mfccMean.configure({ sampleRate: 16000 }),
  normalisation: { mean: new Array(13).fill(-10), std: new Array(13).fill(20) },
  inputShape: [13],
  dsp: resolveDsp(),
};

const sources: FeatureSource[] = [];
afterAll(async () => {
  await Promise.all(sources.map((s) => s.close()));
});

// Workers load compiled code: this runs after `tsc -b` (npm test builds first).
describe.skipIf(!built)('workerSource', () => {
  it('computes the same model inputs as the in-process path, and fails bad files alone', async () => {
    const hook = await registerHookOf(repo('plugins/features-mfcc'));
    const source = await workerSource(pipeline, { registerHook: hook, workers: 2 });
    sources.push(source);
    const local = inProcessSource(pipeline);
    const files = ['kids-calm.wav', 'kids-flat.flac', 'dogs-excited.mp3', 'dogs-low.ogg'].map((f) =>
      repo(`examples/audio/${f}`),
    );
    const [viaWorkers, inProcess] = await Promise.all([
      Promise.all(files.map((f) => source.clip(f))),
      Promise.all(files.map((f) => local.clip(f))),
    ]);
    viaWorkers.forEach((clip, i) => {
      const expected = inProcess[i] as ClipInput;
      expect((clip as ClipInput).input).toEqual(expected.input);
      expect((clip as ClipInput).duration).toBeCloseTo(expected.duration, 6);
    });
    await expect(source.clip(repo('examples/audio/README.md'))).rejects.toMatchObject({
      code: 'MALFORMED_FILE',
      input: repo('examples/audio/README.md'),
    });
    await expect(source.clip(repo('examples/audio/missing.wav'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses to start when the plugin package declares no register hook', async () => {
    await expect(registerHookOf(repo('packages/core'))).rejects.toMatchObject({ code: 'PLUGIN_LOAD' });
  });
});
